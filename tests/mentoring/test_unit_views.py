"""Pages of programs and pairs and groups, as the curator, the director, a mentor and a mentee see them."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

import mentoring.pairs.panels  # noqa: F401  (registers the home panel and the navbar entries)
from accounts.models import Role
from mentoring.academic_year import academic_year_of
from mentoring.models import Consent, Meeting, MenteeEntry, MentoringForm, MentoringUnit, Program
from reports.models import Order, OrderKind
from tests.helpers import assert_queries_constant
from tests.mentoring.factories import (
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    ProgramFactory,
    consented,
    make_unit,
    unit_of_side,
)

Status = MentoringUnit.Status


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch):
    """The order's PDF is another part's work (tested there); registration only needs some bytes."""
    monkeypatch.setattr("reports.services.order_pdf", lambda order: b"%PDF-1.4 test")


@pytest.fixture
def as_role(client, world):
    def login(role: Role, side=None):
        client.force_login((side or world.a).users[role])
        return client

    return login


@pytest.fixture
def program(world):
    return ProgramFactory(organization=world.a.organization, title="Успешный старт")


def pupil(program, **kwargs):
    return consented(ParticipantFactory(organization=program.organization, **kwargs))


def text(response) -> str:
    """The page's visible text with collapsed whitespace."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r" ([:.,;)])", r"\1", " ".join(body.split()))


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


# Programs ---------------------------------------------------------------------------------------------


def test_curator_creates_a_program(as_role, world):
    client = as_role(Role.CURATOR)
    page = client.get(reverse("program_create"))
    assert page.status_code == 200
    assert "Веса критериев подбора" in text(page)
    response = client.post(
        reverse("program_create"),
        {
            "academic_year": academic_year_of(timezone.localdate()),
            "form": MentoringForm.objects.get(code="teacher-teacher").pk,
            "title": "Молодой педагог",
            "goals": "Адаптация молодых специалистов",
            "starts_on": "01.09.2026",
            "ends_on": "31.05.2027",
            "curator": world.a.users[Role.CURATOR].pk,
            "weight_interests": 1,
            "weight_competencies": 5,
            "weight_age": 0,
            "weight_grade": 0,
            "weight_partner": 0,
            "weight_preference": 7,
        },
    )
    program = Program.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("program_detail", args=[program.pk])
    assert program.organization == world.a.organization
    assert program.matching_weights["competencies"] == 5
    assert program.matching_weights["preference"] == 7


def test_the_program_form_shows_errors_next_to_fields(as_role):
    response = as_role(Role.CURATOR).post(
        reverse("program_create"), {"title": "", "starts_on": "31.05.2027", "ends_on": "01.09.2026"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"] == ["Окончание раньше начала."]
    assert not Program.objects.exists()


def test_program_detail_shows_units_by_status_and_training(as_role, program):
    trained = make_unit(program, status=Status.ACTIVE)
    MentorEntryFactory(participant=trained.mentor, academic_year=program.academic_year, trained=True)
    make_unit(program, status=Status.DRAFT)
    response = as_role(Role.DIRECTOR).get(reverse("program_detail", args=[program.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Обучены в Школе наставников: 1 из 2" in page
    assert "Работает 1" in page and "Черновик 1" in page
    # The director reads; only the curator edits and forms units.
    assert reverse("program_update", args=[program.pk]) not in response.content.decode()


def test_program_list_and_another_organization_s_program(as_role, program, world):
    make_unit(program)
    response = as_role(Role.CURATOR).get(reverse("program_list"))
    assert "Успешный старт" in text(response)
    foreign = ProgramFactory(organization=world.b.organization)
    assert as_role(Role.CURATOR).get(reverse("program_detail", args=[foreign.pk])).status_code == 404
    assert as_role(Role.CURATOR).get(reverse("program_update", args=[foreign.pk])).status_code == 404


def test_program_update(as_role, program):
    client = as_role(Role.CURATOR)
    page = client.get(reverse("program_update", args=[program.pk]))
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data.update(title="Успешный старт 2.0", starts_on="01.09.2026", ends_on="31.05.2027", curator="", goals="")
    response = client.post(reverse("program_update", args=[program.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    program.refresh_from_db()
    assert program.title == "Успешный старт 2.0"


# The list of units -----------------------------------------------------------------------------------------


def test_the_list_shows_units_with_mentees_and_days_since_the_last_meeting(as_role, program):
    unit = make_unit(program, status=Status.ACTIVE)
    Meeting.objects.create(unit=unit, held_on=timezone.localdate() - datetime.timedelta(days=12), topic="Тема")
    mentee = unit.mentees.get().mentee
    response = as_role(Role.CURATOR).get(reverse("unit_list"))
    page = text(response)
    assert unit.mentor.full_name in page and mentee.full_name in page
    assert "12 дней назад" in page
    assert "Работает" in page


def test_the_list_filters(as_role, program):
    named = pupil(program, last_name="Семёнова", first_name="Дарья")
    found = make_unit(program, mentees=[named], status=Status.SUBMITTED)
    other = make_unit(program, status=Status.DRAFT)
    client = as_role(Role.CURATOR)

    def units(**query):
        return list(client.get(reverse("unit_list"), query).context["units"])

    assert units(q="семенова") == [found]
    assert units(q=found.mentor.last_name) == [found]
    assert units(status="draft") == [other]
    assert set(units(program=program.pk)) == {found, other}
    assert units(program=ProgramFactory(organization=program.organization).pk) == []


def test_a_mentor_sees_only_his_units(as_role, world):
    own = unit_of_side(world.a)
    someone_else = make_unit(ProgramFactory(organization=world.a.organization))
    response = as_role(Role.MENTOR).get(reverse("unit_list"))
    assert list(response.context["units"]) == [own]
    assert "Мои пары и группы" in text(response)
    assert as_role(Role.MENTOR).get(reverse("unit_detail", args=[someone_else.pk])).status_code == 404
    assert as_role(Role.MENTOR).get(reverse("unit_detail", args=[own.pk])).status_code == 200
    foreign = unit_of_side(world.b)
    assert as_role(Role.MENTOR).get(reverse("unit_detail", args=[foreign.pk])).status_code == 404


def test_the_list_makes_as_many_queries_for_many_units(as_role, program):
    client = as_role(Role.CURATOR)
    make_unit(program, mentees=[pupil(program), pupil(program)], status=Status.ACTIVE)

    def grow():
        for _ in range(4):
            unit = make_unit(program, mentees=[pupil(program), pupil(program)], status=Status.ACTIVE)
            Meeting.objects.create(unit=unit, held_on=timezone.localdate(), topic="Тема")

    assert_queries_constant(lambda: client.get(reverse("unit_list")), grow)


# Forming a unit ---------------------------------------------------------------------------------------------


def test_forming_starts_with_the_program(as_role, program):
    response = as_role(Role.CURATOR).get(reverse("unit_create"))
    assert response.status_code == 200
    assert "Сначала выберите программу" in text(response)
    assert "Успешный старт" in text(response)


def test_forming_a_pair_saves_a_draft(as_role, program):
    mentor, mentee = pupil(program, class_name="10А"), pupil(program)
    client = as_role(Role.CURATOR)
    page = client.get(reverse("unit_create"), {"program": program.pk})
    assert mentor.full_name in text(page)
    response = client.post(
        reverse("unit_create"),
        {
            "program": program.pk,
            "mentor": mentor.pk,
            "mentees": [mentee.pk],
            "role_model": program.form.role_models.first().pk,
            "planned_from": "01.12.2026",
            "planned_to": "31.05.2027",
        },
    )
    unit = MentoringUnit.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("unit_detail", args=[unit.pk])
    assert (unit.status, unit.mentor, unit.planned_from) == (Status.DRAFT, mentor, datetime.date(2026, 12, 1))


def test_forming_shows_every_broken_rule_above_the_form_and_saves_nothing(as_role, program):
    mentor = pupil(program, class_name="10А")
    without_consent = ParticipantFactory(organization=program.organization)
    busy = pupil(program)
    make_unit(program, mentees=[busy], status=Status.ACTIVE)
    response = as_role(Role.CURATOR).post(
        reverse("unit_create"),
        {
            "program": program.pk,
            "mentor": mentor.pk,
            "mentees": [without_consent.pk, busy.pk],
            "planned_from": "01.12.2026",
            "planned_to": "31.05.2027",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 2
    page = text(response)
    assert f"У участника {without_consent.full_name} нет действующего согласия" in page
    assert f"{busy.full_name} уже состоит в другой паре или группе формы «ученик – ученик»." in page
    assert MentoringUnit.objects.count() == 1


def test_another_organization_s_program_cannot_be_used(as_role, world):
    foreign = ProgramFactory(organization=world.b.organization)
    response = as_role(Role.CURATOR).get(reverse("unit_create"), {"program": foreign.pk})
    assert response.status_code == 200 and response.context["program"] is None


def test_a_mentor_cannot_form_units(as_role):
    assert as_role(Role.MENTOR).get(reverse("unit_create")).status_code == 403


def test_editing_a_draft(as_role, program):
    unit = make_unit(program)
    added = pupil(program)
    client = as_role(Role.CURATOR)
    page = client.get(reverse("unit_update", args=[unit.pk]))
    assert page.status_code == 200
    current = unit.mentees.get().mentee
    response = client.post(
        reverse("unit_update", args=[unit.pk]),
        {
            "mentor": unit.mentor.pk,
            "mentees": [current.pk, added.pk],
            "planned_from": "01.09.2026",
            "planned_to": "31.05.2027",
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.kind == "group" and unit.mentees.count() == 2


def test_a_unit_sent_for_approval_is_not_edited_or_deleted(as_role, program):
    unit = make_unit(program, status=Status.SUBMITTED)
    client = as_role(Role.CURATOR)
    for name in ("unit_update", "unit_delete"):
        response = client.get(reverse(name, args=[unit.pk]), follow=True)
        assert "С парой или группой в статусе «на утверждении» этого сделать нельзя." in messages_of(response)


def test_deleting_a_draft_asks_first(as_role, program):
    unit = make_unit(program)
    client = as_role(Role.CURATOR)
    assert "Удалить черновик?" in text(client.get(reverse("unit_delete", args=[unit.pk])))
    response = client.post(reverse("unit_delete", args=[unit.pk]))
    assert response["Location"] == reverse("unit_list")
    assert not MentoringUnit.objects.filter(pk=unit.pk).exists()


# The detail page and its actions ---------------------------------------------------------------------------


def test_detail_shows_people_history_and_the_approval_order(as_role, program, world):
    first, second, third = pupil(program, last_name="Ушедшая"), pupil(program), pupil(program)
    unit = make_unit(program, mentees=[first, second, third], status=Status.ACTIVE)
    unit.mentees.filter(mentee=first).update(left_on=datetime.date(2026, 10, 5), leave_reason="переезд")
    order = Order.objects.create(
        kind=OrderKind.objects.get(code="pairs-approval"),
        organization=world.a.organization,
        date=datetime.date(2026, 9, 15),
        number="45-ОД",
        title="Об утверждении наставнических пар/групп",
        status=Order.Status.REGISTERED,
    )
    MentoringUnit.objects.filter(pk=unit.pk).update(approval_order=order, approved_at=timezone.now())
    Meeting.objects.create(unit=unit, held_on=datetime.date(2026, 11, 1), topic="Тема")
    response = as_role(Role.CURATOR).get(reverse("unit_detail", args=[unit.pk]))
    page = text(response)
    assert "вышла 05.10.2026: переезд" in page
    assert "Приказ от 15.09.2026 № 45-ОД" in page
    assert "Последняя встреча: 01.11.2026" in page
    assert "Прекратить" in page and "Наставляемый выходит" in page


def test_actions_follow_the_role_and_the_status(as_role, program, world):
    draft = make_unit(program)
    curator_page = text(as_role(Role.CURATOR).get(reverse("unit_detail", args=[draft.pk])))
    assert "Отправить на утверждение" in curator_page and "Удалить черновик" in curator_page
    director_page = text(as_role(Role.DIRECTOR).get(reverse("unit_detail", args=[draft.pk])))
    assert "Отправить на утверждение" not in director_page
    own = unit_of_side(world.a, status=Status.DRAFT)
    mentor_page = text(as_role(Role.MENTOR).get(reverse("unit_detail", args=[own.pk])))
    assert "Отправить на утверждение" not in mentor_page and "Прекратить" not in mentor_page


def test_submit_and_its_refusal(as_role, program):
    unit = make_unit(program)
    client = as_role(Role.CURATOR)
    response = client.post(reverse("unit_submit", args=[unit.pk]), follow=True)
    assert "Отправлено директору на утверждение." in messages_of(response)
    unit.refresh_from_db()
    assert unit.status == Status.SUBMITTED
    broken = make_unit(program)
    broken.mentor.consents.update(withdrawn_on=datetime.date(2026, 2, 1))
    response = client.post(reverse("unit_submit", args=[broken.pk]), follow=True)
    assert [m for m in messages_of(response) if "нет действующего согласия" in m]
    broken.refresh_from_db()
    assert broken.status == Status.DRAFT


def test_a_mentor_cannot_submit(as_role, world):
    own = unit_of_side(world.a, status=Status.DRAFT)
    assert as_role(Role.MENTOR).post(reverse("unit_submit", args=[own.pk])).status_code == 403


@pytest.mark.parametrize("role", [Role.CURATOR, Role.DIRECTOR])
def test_return_to_draft_by_curator_or_director(as_role, program, role):
    unit = make_unit(program, status=Status.SUBMITTED)
    response = as_role(role).post(
        reverse("unit_return", args=[unit.pk]), {"next": reverse("units_for_approval"), "reason": "Уточните срок"}
    )
    assert response["Location"] == reverse("units_for_approval")
    unit.refresh_from_db()
    assert (unit.status, unit.return_reason) == (Status.DRAFT, "Уточните срок")


def test_return_refused_for_a_draft(as_role, program):
    unit = make_unit(program)
    response = as_role(Role.CURATOR).post(reverse("unit_return", args=[unit.pk]), follow=True)
    assert "С парой или группой в статусе «черновик» этого сделать нельзя." in messages_of(response)


def test_terminate(as_role, program):
    unit = make_unit(program, status=Status.ACTIVE)
    client = as_role(Role.CURATOR)
    assert client.get(reverse("unit_terminate", args=[unit.pk])).status_code == 200
    empty = client.post(reverse("unit_terminate", args=[unit.pk]), {"finished_on": "10.11.2026", "reason": ""})
    assert empty.status_code == 200 and empty.context["form"].errors["reason"]
    response = client.post(
        reverse("unit_terminate", args=[unit.pk]), {"finished_on": "10.11.2026", "reason": "Наставник уволился"}
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.status, unit.termination_reason) == (Status.TERMINATED, "Наставник уволился")
    page = text(client.get(reverse("unit_detail", args=[unit.pk])))
    assert "Прекращена: 10.11.2026" in page and "Причина: Наставник уволился" in page


def test_terminate_refused_for_a_draft(as_role, program):
    unit = make_unit(program)
    response = as_role(Role.CURATOR).get(reverse("unit_terminate", args=[unit.pk]), follow=True)
    assert "С парой или группой в статусе «черновик» этого сделать нельзя." in messages_of(response)


def test_a_mentee_leaves_a_group(as_role, program):
    first, second = pupil(program), pupil(program)
    group = make_unit(program, mentees=[first, second], status=Status.ACTIVE)
    client = as_role(Role.CURATOR)
    page = client.get(reverse("unit_mentee_leave", args=[group.pk]))
    assert first.full_name in text(page)
    response = client.post(
        reverse("unit_mentee_leave", args=[group.pk]),
        {"mentee": first.pk, "left_on": "02.11.2026", "reason": "перевёлся"},
        follow=True,
    )
    assert f"{first.full_name} вышла из группы." in messages_of(response)
    membership = group.mentees.get(mentee=first)
    assert (membership.left_on, membership.leave_reason) == (datetime.date(2026, 11, 2), "перевёлся")


# The director's approval --------------------------------------------------------------------------------------


def test_the_approval_page_checks_every_unit_today(as_role, program):
    ready = make_unit(program, status=Status.SUBMITTED)
    broken = make_unit(program, status=Status.SUBMITTED)
    broken_mentee = broken.mentees.get().mentee
    broken_mentee.consents.update(signed_by=Consent.Signer.SELF)
    make_unit(program, status=Status.DRAFT)
    response = as_role(Role.DIRECTOR).get(reverse("units_for_approval"))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'value="{ready.pk}"[^>]*checked', html)
    assert re.search(rf'value="{broken.pk}"[^>]*disabled', html)
    page = text(response)
    assert f"У участника {broken_mentee.full_name} нет действующего согласия" in page
    assert "Утвердить выбранные" in page and "Вернуть на доработку" in page
    assert [unit.pk for unit in response.context["units"]] == [ready.pk, broken.pk]


def test_approving_registers_one_order_and_says_so(as_role, program):
    units = [make_unit(program, status=Status.SUBMITTED) for _ in range(3)]
    left_out = make_unit(program, status=Status.SUBMITTED)
    response = as_role(Role.DIRECTOR).post(reverse("units_for_approval"), {"units": [u.pk for u in units]})
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("order_detail", args=[order.pk])
    assert order.status == Order.Status.REGISTERED
    assert len(order.appendices[0]["rows"]) == 3
    assert set(order.approved_units.all()) == set(units)
    left_out.refresh_from_db()
    assert left_out.status == Status.SUBMITTED
    message = messages_of(as_role(Role.DIRECTOR).get(reverse("units_for_approval")))[0]
    assert f"Утверждено пар и групп: 3. Зарегистрирован приказ от {order.date:%d.%m.%Y} № {order.number}." in message
    assert f'href="{reverse("order_pdf", args=[order.pk])}"' in message


def test_approving_nothing_or_a_broken_unit_is_refused(as_role, program):
    client = as_role(Role.DIRECTOR)
    response = client.post(reverse("units_for_approval"), {}, follow=True)
    assert "Выберите пары и группы для утверждения." in messages_of(response)
    broken = make_unit(program, status=Status.SUBMITTED)
    broken.mentor.consents.update(withdrawn_on=datetime.date(2026, 2, 1))
    response = client.post(reverse("units_for_approval"), {"units": [broken.pk]}, follow=True)
    assert [m for m in messages_of(response) if "нет действующего согласия" in m]
    assert not Order.objects.exists()


def test_a_foreign_unit_is_not_approved_from_here(as_role, world):
    foreign = unit_of_side(world.b, status=Status.SUBMITTED)
    as_role(Role.DIRECTOR).post(reverse("units_for_approval"), {"units": [foreign.pk]})
    foreign.refresh_from_db()
    assert foreign.status == Status.SUBMITTED and not Order.objects.exists()


@pytest.mark.parametrize("role", [Role.CURATOR, Role.MENTOR, Role.MENTEE])
def test_only_the_director_approves(as_role, program, role):
    unit = make_unit(program, status=Status.SUBMITTED)
    client = as_role(role)
    assert client.get(reverse("units_for_approval")).status_code == 403
    assert client.post(reverse("units_for_approval"), {"units": [unit.pk]}).status_code == 403
    unit.refresh_from_db()
    assert unit.status == Status.SUBMITTED


def test_the_approval_page_makes_as_many_queries_for_many_units(as_role, program):
    client = as_role(Role.DIRECTOR)
    make_unit(program, status=Status.SUBMITTED)

    def grow():
        for _ in range(4):
            make_unit(program, mentees=[pupil(program), pupil(program)], status=Status.SUBMITTED)
        make_unit(program, mentees=[ParticipantFactory(organization=program.organization)], status=Status.SUBMITTED)

    assert_queries_constant(lambda: client.get(reverse("units_for_approval")), grow)


# Mentees left without a pair -------------------------------------------------------------------------------------


def test_unmatched_mentees_with_marks_the_curator_edits(as_role, world):
    year = academic_year_of(timezone.localdate())
    program = ProgramFactory(organization=world.a.organization, academic_year=year)
    waiting = MenteeEntryFactory(participant=pupil(program, last_name="Ждущая"), academic_year=year)
    in_pair = MenteeEntryFactory(participant=pupil(program, last_name="Впаре"), academic_year=year)
    make_unit(program, mentees=[in_pair.participant])
    client = as_role(Role.CURATOR)
    page = text(client.get(reverse("unmatched_mentees")))
    assert "Ждущая" in page and "Впаре" not in page
    prefix = f"entry{waiting.pk}"
    response = client.post(reverse("unmatched_mark", args=[waiting.pk]), {f"{prefix}-psychologist_support": "on"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert (waiting.continue_search, waiting.psychologist_support) == (False, True)
    director_page = as_role(Role.DIRECTOR).get(reverse("unmatched_mentees"))
    assert "сопровождение психолога" in text(director_page)
    assert reverse("unmatched_mark", args=[waiting.pk]) not in director_page.content.decode()
    assert as_role(Role.DIRECTOR).post(reverse("unmatched_mark", args=[waiting.pk])).status_code == 403
    foreign = MenteeEntryFactory(participant=ParticipantFactory(organization=world.b.organization))
    client = as_role(Role.CURATOR)
    assert client.post(reverse("unmatched_mark", args=[foreign.pk])).status_code == 404
    assert MenteeEntry.objects.get(pk=foreign.pk).psychologist_support is False


# The home panel and the navbar --------------------------------------------------------------------------------------


def test_the_curator_s_home_panel(as_role, world):
    year = academic_year_of(timezone.localdate())
    program = ProgramFactory(organization=world.a.organization, academic_year=year)
    make_unit(program)
    make_unit(program, status=Status.SUBMITTED)
    idle = make_unit(program, status=Status.ACTIVE)
    MentoringUnit.objects.filter(pk=idle.pk).update(started_on=timezone.localdate() - datetime.timedelta(days=45))
    MenteeEntryFactory(participant=pupil(program), academic_year=year)
    response = as_role(Role.CURATOR).get(reverse("home"))
    html = response.content.decode()
    page = text(response)
    assert "Черновики к отправке на утверждение: 1" in page
    assert "Ждут утверждения директором: 1" in page
    assert "Работают, нет встреч 30 дней: 1" in page
    assert re.search(r"Наставляемые без пары, \d{4}/\d{4}: 1", page)
    assert f'href="{reverse("unit_list")}"' in html and f'href="{reverse("program_list")}"' in html


def test_the_director_s_home_panel(as_role, program):
    make_unit(program, status=Status.SUBMITTED)
    make_unit(program, status=Status.SUBMITTED)
    response = as_role(Role.DIRECTOR).get(reverse("home"))
    assert "2 пары и группы ждут вашего утверждения" in text(response)
    assert reverse("units_for_approval") in response.content.decode()


def test_mentors_see_the_units_entry_but_not_programs(as_role):
    html = as_role(Role.MENTOR).get(reverse("home")).content.decode()
    assert f'href="{reverse("unit_list")}"' in html and f'href="{reverse("program_list")}"' not in html
