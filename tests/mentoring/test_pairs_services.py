"""mentoring/pairs.py: every rule of forming a pair or group, and every transition with its refusal."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Organization
from mentoring.models import Consent, MenteeEntry, MentorEntry, MentoringForm, MentoringUnit, Participant, UnitMentee
from mentoring.pairs import services as pairs
from reports.models import Order
from tests.accounts.factories import OrganizationFactory, UserFactory
from tests.mentoring.factories import (
    ConsentFactory,
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    ProgramFactory,
    StaffFactory,
    consented,
    make_unit,
)

pytestmark = pytest.mark.django_db
Status = MentoringUnit.Status


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch):
    """The order's PDF is another part's work (tested there); registration only needs some bytes."""
    monkeypatch.setattr("reports.services.order_pdf", lambda order: b"%PDF-1.4 test")


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def program():
    return ProgramFactory(organization=OrganizationFactory())


def pupil(program, **kwargs):
    return consented(ParticipantFactory(organization=program.organization, **kwargs))


def problems(program, mentor, mentees, **kwargs):
    return pairs.unit_problems(program=program, mentor=mentor, mentees=mentees, on_date=timezone.localdate(), **kwargs)


def refusal(call) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages


def form(code: str) -> MentoringForm:
    return MentoringForm.objects.get(code=code)


# The rules of unit_problems ------------------------------------------------------------------------


def test_a_valid_pair_breaks_no_rule(program):
    assert problems(program, pupil(program, class_name="10А"), [pupil(program)]) == []


def test_at_least_one_mentee(program):
    assert problems(program, pupil(program), []) == ["Выберите хотя бы одного наставляемого."]


def test_everyone_belongs_to_the_program_organization(program):
    stranger = consented(ParticipantFactory(organization=OrganizationFactory()))
    assert "Все должны быть участниками организации, которой принадлежит программа." in problems(
        program, pupil(program), [stranger]
    )


def test_the_form_decides_who_may_be_mentor(program):
    teacher = consented(StaffFactory(organization=program.organization))
    assert problems(program, teacher, [pupil(program)]) == [
        "В форме «ученик – ученик» наставником не может быть участник категории «педагог или другой работник»."
    ]


def test_the_form_decides_who_may_be_mentee(program):
    teacher = consented(StaffFactory(organization=program.organization, last_name="Кравцов"))
    found = problems(program, pupil(program), [teacher])
    assert found == [
        f"В форме «ученик – ученик» {teacher.full_name} (педагог или другой работник) не может быть наставляемым."
    ]


def test_a_mentor_is_not_his_own_mentee(program):
    mentor = pupil(program)
    assert f"{mentor.full_name} не может быть наставником самому себе." in problems(program, mentor, [mentor])


def test_a_parent_never_mentors_his_own_child(program):
    program = ProgramFactory(organization=program.organization, form=form("parent-student"))
    parent = consented(ParticipantFactory(organization=program.organization, category="parent", birth_date=None))
    child = pupil(program)
    child.parents.add(parent)
    other_child = pupil(program)
    assert problems(program, parent, [child, other_child]) == [
        f"{parent.full_name} — родитель участника {child.full_name}: родитель не может быть наставником своего ребёнка."
    ]
    assert problems(program, parent, [other_child]) == []


def test_everyone_needs_a_valid_consent(program):
    mentor, mentee = pupil(program), ParticipantFactory(organization=program.organization)
    assert problems(program, mentor, [mentee]) == [
        f"У участника {mentee.full_name} нет действующего согласия на обработку персональных данных, "
        "подписанного родителем или законным представителем."
    ]


def test_an_adult_without_consent_is_named_without_the_representative(program):
    program = ProgramFactory(organization=program.organization, form=form("teacher-teacher"))
    mentor, mentee = (
        StaffFactory(organization=program.organization),
        consented(StaffFactory(organization=program.organization)),
    )
    assert problems(program, mentor, [mentee]) == [
        f"У участника {mentor.full_name} нет действующего согласия на обработку персональных данных."
    ]


def test_a_minor_consent_signed_by_himself_does_not_count(program):
    mentee = ParticipantFactory(organization=program.organization)
    ConsentFactory(participant=mentee, signed_by=Consent.Signer.SELF, signed_on=datetime.date(2026, 1, 10))
    found = problems(program, pupil(program), [mentee])
    assert found == [
        f"У участника {mentee.full_name} нет действующего согласия на обработку персональных данных, "
        "подписанного родителем или законным представителем."
    ]


@pytest.mark.parametrize(
    "consent",
    [
        {"withdrawn_on": datetime.date(2026, 2, 1)},
        {"valid_until": datetime.date(2026, 2, 1)},
        {"kind": Consent.Kind.DISTRIBUTION},
    ],
    ids=["withdrawn", "expired", "only-distribution"],
)
def test_a_withdrawn_expired_or_other_consent_does_not_count(program, consent):
    mentee = ParticipantFactory(organization=program.organization)
    ConsentFactory(participant=mentee, signed_on=datetime.date(2026, 1, 10), **consent)
    assert len(problems(program, pupil(program), [mentee])) == 1


def test_the_capacity_of_a_mentor_in_the_form(program):
    mentor = pupil(program, class_name="10А")
    make_unit(program, mentor=mentor, mentees=[pupil(program), pupil(program)], status=Status.ACTIVE)
    assert problems(program, mentor, [pupil(program)]) == [
        f"У наставника {mentor.full_name} было бы наставляемых в форме «ученик – ученик»: 3; допускается не более 2."
    ]


def test_capacity_counts_only_open_units_and_present_mentees(program):
    mentor = pupil(program, class_name="10А")
    make_unit(program, mentor=mentor, mentees=[pupil(program), pupil(program)], status=Status.COMPLETED)
    make_unit(program, mentor=mentor, mentees=[pupil(program)], status=Status.TERMINATED)
    group = make_unit(program, mentor=mentor, mentees=[pupil(program), pupil(program)], status=Status.ACTIVE)
    group.mentees.filter(pk=group.mentees.first().pk).update(left_on=datetime.date(2026, 10, 1))
    assert problems(program, mentor, [pupil(program)]) == []


def test_capacity_ignores_the_unit_itself(program):
    mentor = pupil(program, class_name="10А")
    unit = make_unit(program, mentor=mentor, mentees=[pupil(program), pupil(program)])
    current = [membership.mentee for membership in unit.mentees.all()]
    assert problems(program, mentor, current, unit=unit) == []


def test_a_mentee_is_in_one_open_unit_of_a_form(program):
    mentee = pupil(program)
    make_unit(program, mentees=[mentee], status=Status.SUBMITTED)
    assert problems(program, pupil(program, class_name="10Б"), [mentee]) == [
        f"{mentee.full_name} уже состоит в другой паре или группе формы «ученик – ученик»."
    ]


def test_a_mentee_may_be_in_another_form_or_after_the_unit_ended(program):
    mentee = pupil(program)
    make_unit(program, mentees=[mentee], status=Status.COMPLETED)
    other_form = ProgramFactory(organization=program.organization, form=form("teacher-student"))
    teacher = consented(StaffFactory(organization=program.organization))
    make_unit(other_form, mentor=teacher, mentees=[mentee], status=Status.ACTIVE)
    assert problems(program, pupil(program, class_name="10Б"), [mentee]) == []


# Creating and changing a draft ---------------------------------------------------------------------


def test_create_saves_a_draft_pair_or_group(program, user):
    mentor, first, second = pupil(program, class_name="10А"), pupil(program), pupil(program)
    role_model = program.form.role_models.first()
    pair = pairs.unit_create(program=program, mentor=mentor, mentees=[first], by=user, role_model=role_model)
    assert (pair.status, pair.kind, pair.form, pair.role_model) == (Status.DRAFT, "pair", program.form, role_model)
    assert pair.planned_to == program.ends_on
    assert pair.planned_from == max(program.starts_on, timezone.localdate())
    assert pair.mentees.get().joined_on == pair.planned_from
    other_mentor = pupil(program, class_name="11А")
    group = pairs.unit_create(program=program, mentor=other_mentor, mentees=[second, pupil(program)], by=user)
    assert group.kind == "group" and group.mentees.count() == 2


def test_create_refuses_with_every_rule_and_saves_nothing(program, user):
    mentor = pupil(program)
    stranger = ParticipantFactory(organization=program.organization)
    messages = refusal(lambda: pairs.unit_create(program=program, mentor=mentor, mentees=[mentor, stranger], by=user))
    assert len(messages) == 2
    assert MentoringUnit.objects.count() == 0 and UnitMentee.objects.count() == 0


def test_create_refuses_a_role_model_of_another_form(program, user):
    other = form("teacher-teacher").role_models.first()
    messages = refusal(
        lambda: pairs.unit_create(
            program=program, mentor=pupil(program), mentees=[pupil(program)], by=user, role_model=other
        )
    )
    assert messages == ["Ролевая модель относится к другой форме наставничества."]
    assert MentoringUnit.objects.count() == 0


def test_update_changes_a_draft_and_its_mentees(program, user):
    unit = make_unit(program)
    kept = unit.mentees.get().mentee
    added = pupil(program)
    pairs.unit_update(
        unit=unit,
        by=user,
        mentor=unit.mentor,
        mentees=[kept, added],
        role_model=None,
        teacher_format=None,
        planned_from=program.starts_on,
        planned_to=program.ends_on,
    )
    unit.refresh_from_db()
    assert unit.kind == "group"
    assert set(unit.mentees.values_list("mentee", flat=True)) == {kept.pk, added.pk}
    pairs.unit_update(
        unit=unit,
        by=user,
        mentor=unit.mentor,
        mentees=[added],
        role_model=None,
        teacher_format=None,
        planned_from=program.starts_on,
        planned_to=program.ends_on,
    )
    assert list(unit.mentees.values_list("mentee", flat=True)) == [added.pk]


def test_update_refuses_a_unit_sent_for_approval_and_broken_rules(program, user):
    unit = make_unit(program, status=Status.SUBMITTED)
    kwargs = {
        "by": user,
        "mentor": unit.mentor,
        "mentees": [pupil(program)],
        "role_model": None,
        "teacher_format": None,
        "planned_from": program.starts_on,
        "planned_to": program.ends_on,
    }
    assert refusal(lambda: pairs.unit_update(unit=unit, **kwargs)) == [
        "С парой или группой в статусе «на утверждении» этого сделать нельзя."
    ]
    draft = make_unit(program)
    assert refusal(lambda: pairs.unit_update(unit=draft, **{**kwargs, "mentees": []})) == [
        "Выберите хотя бы одного наставляемого."
    ]
    bad_dates = {**kwargs, "planned_from": program.ends_on, "planned_to": program.starts_on}
    assert refusal(lambda: pairs.unit_update(unit=draft, **bad_dates)) == ["Окончание раньше начала."]


# The way to approval --------------------------------------------------------------------------------


def test_submit_sends_a_draft_and_checks_the_rules_again(program, user):
    unit = make_unit(program)
    pairs.unit_submit(unit=unit, by=user)
    unit.refresh_from_db()
    assert unit.status == Status.SUBMITTED and unit.submitted_at is not None
    assert refusal(lambda: pairs.unit_submit(unit=unit, by=user)) == [
        "С парой или группой в статусе «на утверждении» этого сделать нельзя."
    ]


def test_submit_refuses_when_a_consent_was_withdrawn_since(program, user):
    unit = make_unit(program)
    mentee = unit.mentees.get().mentee
    mentee.consents.update(withdrawn_on=datetime.date(2026, 2, 1))
    messages = refusal(lambda: pairs.unit_submit(unit=unit, by=user))
    assert messages == [
        f"У участника {mentee.full_name} нет действующего согласия на обработку персональных данных, "
        "подписанного родителем или законным представителем."
    ]
    unit.refresh_from_db()
    assert unit.status == Status.DRAFT


def test_return_to_draft_only_from_submitted(program, user):
    unit = make_unit(program, status=Status.SUBMITTED)
    pairs.unit_return_to_draft(unit=unit, by=user, reason="Уточните ролевую модель")
    unit.refresh_from_db()
    assert unit.status == Status.DRAFT and unit.submitted_at is None
    for status, label in ((Status.DRAFT, "черновик"), (Status.APPROVED, "утверждена")):
        other = make_unit(program, status=status)
        assert refusal(lambda other=other: pairs.unit_return_to_draft(unit=other, by=user, reason="x")) == [
            f"С парой или группой в статусе «{label}» этого сделать нельзя."
        ]


def test_a_return_needs_its_reason_and_keeps_it_until_sent_again(program, user):
    unit = make_unit(program, status=Status.SUBMITTED)
    with pytest.raises(ValidationError) as caught:
        pairs.unit_return_to_draft(unit=unit, by=user, reason="  ")
    assert caught.value.message_dict == {"reason": ["Напишите, что нужно доработать."]}
    unit.refresh_from_db()
    assert unit.status == Status.SUBMITTED and unit.returned_at is None

    pairs.unit_return_to_draft(unit=unit, by=user, reason=" Наставник перегружен ")
    unit.refresh_from_db()
    assert (unit.status, unit.returned_by, unit.return_reason) == (Status.DRAFT, user, "Наставник перегружен")
    assert unit.returned_at is not None
    returned = unit.history.first()
    assert (returned.history_user, returned.history_change_reason) == (user, "Наставник перегружен")

    pairs.unit_submit(unit=unit, by=user)
    unit.refresh_from_db()
    # Sent again: the mark goes, the history keeps the return and its reason.
    assert (unit.status, unit.returned_at, unit.returned_by, unit.return_reason) == (Status.SUBMITTED, None, None, "")
    assert unit.history.filter(history_change_reason="Наставник перегружен").exists()


@pytest.mark.parametrize(
    ("kind", "category", "expected"),
    [
        (Organization.Kind.SCHOOL, Participant.Category.STUDENT, "7А класс"),
        (Organization.Kind.SCHOOL, Participant.Category.COLLEGE_STUDENT, "группа ТМ-23"),
        (Organization.Kind.KINDERGARTEN, Participant.Category.STUDENT, "группа Солнышко"),
    ],
)
def test_the_appendix_says_class_at_a_school_and_group_elsewhere(program, kind, category, expected):
    Organization.objects.filter(pk=program.organization_id).update(kind=kind)
    program.refresh_from_db()
    name = expected.split(" ")[1] if expected.startswith("группа") else expected.split(" ")[0]
    mentee = pupil(program, last_name="Младшая", class_name="5Б")
    mentor = pupil(program, last_name="Старшая", class_name=name, category=category)
    unit = make_unit(program, mentor=mentor, mentees=[mentee], status=Status.SUBMITTED)
    unit = MentoringUnit.objects.select_related("program__organization", "mentor", "form", "role_model").get(pk=unit.pk)
    [row] = pairs.approval_rows([unit])
    assert row[1] == f"{mentor.full_name}, {expected}"


def test_approval_registers_one_order_with_every_unit_in_its_appendix(program, user):
    mentor_b = pupil(program, last_name="Борисова", class_name="10Б")
    mentor_a = pupil(program, last_name="Алексеев", class_name="10А")
    mentees = [pupil(program, last_name=f"Младшая{n}", class_name="6А") for n in range(3)]
    role_model = program.form.role_models.get(name="равный – равному")
    group = make_unit(program, mentor=mentor_b, mentees=mentees[:2], status=Status.SUBMITTED)
    pair = make_unit(program, mentor=mentor_a, mentees=mentees[2:], status=Status.SUBMITTED)
    MentoringUnit.objects.filter(pk=pair.pk).update(role_model=role_model)

    order = pairs.units_approve(units=[group, pair], by=user)

    assert Order.objects.count() == 1
    assert order.status == Order.Status.REGISTERED and order.number
    assert order.title == "Об утверждении наставнических пар/групп"
    rows = order.appendices[0]["rows"]
    assert rows == [
        [
            "1",
            f"{mentor_a.full_name}, 10А класс",
            f"{mentees[2].full_name}, 6А класс",
            "ученик – ученик",
            "равный – равному",
            f"{program.starts_on:%d.%m.%Y} – {program.ends_on:%d.%m.%Y}",
        ],
        [
            "2",
            f"{mentor_b.full_name}, 10Б класс",
            f"{mentees[0].full_name}, 6А класс; {mentees[1].full_name}, 6А класс",
            "ученик – ученик",
            "",
            f"{program.starts_on:%d.%m.%Y} – {program.ends_on:%d.%m.%Y}",
        ],
    ]
    for unit in (group, pair):
        unit.refresh_from_db()
        assert (unit.status, unit.approval_order, unit.approved_by) == (Status.APPROVED, order, user)
        assert unit.approved_at is not None
        # The figures as of a date count the unit from its order's date.
        assert unit.approved_on == order.date


def test_approval_marks_the_organization_for_the_indicators(program, user, django_capture_on_commit_callbacks):
    """The approval changes the units' status by one update, which sends no signal: it marks the
    organization itself, so the dashboard counts its pairs afresh."""
    unit = make_unit(program, status=Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        pairs.units_approve(units=[unit], by=user)
    program.organization.refresh_from_db()
    assert program.organization.data_version > 0


def test_approval_refuses_and_changes_nothing(program, user):
    assert refusal(lambda: pairs.units_approve(units=[], by=user)) == ["Выберите пары и группы для утверждения."]
    submitted = make_unit(program, status=Status.SUBMITTED)
    draft = make_unit(program, status=Status.DRAFT)
    assert refusal(lambda: pairs.units_approve(units=[submitted, draft], by=user)) == [
        "С парой или группой в статусе «черновик» этого сделать нельзя."
    ]
    broken = make_unit(program, status=Status.SUBMITTED)
    broken.mentor.consents.update(withdrawn_on=datetime.date(2026, 2, 1))
    assert len(refusal(lambda: pairs.units_approve(units=[submitted, broken], by=user))) == 1
    foreign = make_unit(ProgramFactory(organization=OrganizationFactory()), status=Status.SUBMITTED)
    assert refusal(lambda: pairs.units_approve(units=[submitted, foreign], by=user)) == [
        "Один приказ утверждает пары и группы одной организации."
    ]
    assert Order.objects.count() == 0
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED and submitted.approval_order is None


# Work, completion, termination ----------------------------------------------------------------------


def test_start_only_an_approved_unit(program):
    unit = make_unit(program, status=Status.APPROVED)
    pairs.unit_start(unit=unit, on=datetime.date(2026, 9, 20))
    unit.refresh_from_db()
    assert (unit.status, unit.started_on) == (Status.ACTIVE, datetime.date(2026, 9, 20))
    assert refusal(lambda: pairs.unit_start(unit=make_unit(program), on=datetime.date(2026, 9, 20))) == [
        "С парой или группой в статусе «черновик» этого сделать нельзя."
    ]


def test_complete_updates_the_unit_its_mentees_and_the_registries(program, user):
    first, second = pupil(program), pupil(program)
    unit = make_unit(program, mentees=[first, second], status=Status.ACTIVE)
    MentorEntryFactory(participant=unit.mentor, academic_year=program.academic_year)
    MenteeEntryFactory(participant=first, academic_year=program.academic_year)
    MenteeEntryFactory(participant=second, academic_year=program.academic_year)
    end = datetime.date(2027, 5, 20)
    pairs.unit_complete(
        unit=unit, by=user, on=end, results="Подготовились к олимпиаде", full_cycle={first.pk: True, second.pk: False}
    )
    unit.refresh_from_db()
    assert (unit.status, unit.finished_on, unit.results) == (Status.COMPLETED, end, "Подготовились к олимпиаде")
    assert unit.mentees.get(mentee=first).full_cycle and not unit.mentees.get(mentee=second).full_cycle
    entry = MenteeEntry.objects.get(participant=first)
    assert (entry.completed_on, entry.full_cycle, entry.results) == (end, True, "Подготовились к олимпиаде")
    assert not MenteeEntry.objects.get(participant=second).full_cycle
    mentor_entry = MentorEntry.objects.get(participant=unit.mentor)
    assert (mentor_entry.completed_on, mentor_entry.full_cycle) == (end, True)


@pytest.mark.parametrize("later_full_cycle", [False, True])
def test_a_full_cycle_once_completed_stays_with_the_date_of_its_first_completion(program, user, later_full_cycle):
    """A mentee (and the mentor) complete a full cycle in one pair, then end another one: the
    registry keeps the full cycle and its first date whatever the later pair's mark."""
    mentee, mentor = pupil(program), consented(StaffFactory(organization=program.organization))
    entry = MenteeEntryFactory(participant=mentee, academic_year=program.academic_year)
    mentor_entry = MentorEntryFactory(participant=mentor, academic_year=program.academic_year)
    first, second = (make_unit(program, mentor=mentor, mentees=[mentee], status=Status.ACTIVE) for _ in range(2))
    pairs.unit_complete(
        unit=first, by=user, on=datetime.date(2027, 1, 20), results="Итоги", full_cycle={mentee.pk: True}
    )
    pairs.unit_complete(
        unit=second, by=user, on=datetime.date(2027, 5, 20), results="Итоги", full_cycle={mentee.pk: later_full_cycle}
    )
    entry.refresh_from_db()
    mentor_entry.refresh_from_db()
    assert (entry.full_cycle, entry.completed_on) == (True, datetime.date(2027, 1, 20))
    assert (mentor_entry.full_cycle, mentor_entry.completed_on) == (True, datetime.date(2027, 1, 20))
    assert first.mentees.get().full_cycle and second.mentees.get().full_cycle == later_full_cycle


def test_a_full_cycle_after_a_pair_without_one_is_dated_by_its_own_completion(program, user):
    mentee = pupil(program)
    entry = MenteeEntryFactory(participant=mentee, academic_year=program.academic_year)
    first, second = (make_unit(program, mentees=[mentee], status=Status.ACTIVE) for _ in range(2))
    pairs.unit_complete(
        unit=first, by=user, on=datetime.date(2027, 1, 20), results="Итоги", full_cycle={mentee.pk: False}
    )
    entry.refresh_from_db()
    assert (entry.full_cycle, entry.completed_on) == (False, datetime.date(2027, 1, 20))
    pairs.unit_complete(
        unit=second, by=user, on=datetime.date(2027, 5, 20), results="Итоги", full_cycle={mentee.pk: True}
    )
    entry.refresh_from_db()
    assert (entry.full_cycle, entry.completed_on) == (True, datetime.date(2027, 5, 20))


def test_completing_a_bigger_group_takes_one_query_more_per_mentee_at_most(program, user):
    """The registry rows are updated one by one (history is kept per row); reading their people
    stays in the one query that reads the rows."""

    def completed(size: int) -> int:
        mentees = [pupil(program) for _ in range(size)]
        unit = make_unit(program, mentees=mentees, status=Status.ACTIVE)
        for mentee in mentees:
            MenteeEntryFactory(participant=mentee, academic_year=program.academic_year)
        with CaptureQueriesContext(connection) as context:
            pairs.unit_complete(
                unit=unit,
                by=user,
                on=datetime.date(2027, 5, 20),
                results="Итоги",
                full_cycle={m.pk: True for m in mentees},
            )
        return len(context.captured_queries)

    small, big = completed(2), completed(5)
    # Per mentee: the row's update and its historical record, and the membership's update.
    assert big - small <= 3 * 3


def test_complete_refusals(program, user):
    approved = make_unit(program, status=Status.APPROVED)
    on = datetime.date(2027, 5, 20)
    assert refusal(lambda: pairs.unit_complete(unit=approved, by=user, on=on, results="Итоги")) == [
        "С парой или группой в статусе «утверждена» этого сделать нельзя."
    ]
    active = make_unit(program, status=Status.ACTIVE)
    assert refusal(lambda: pairs.unit_complete(unit=active, by=user, on=on, results="  ")) == [
        "Опишите результаты работы пары или группы."
    ]
    before = program.starts_on - datetime.timedelta(days=1)
    assert refusal(lambda: pairs.unit_complete(unit=active, by=user, on=before, results="Итоги")) == [
        "Дата завершения раньше начала работы."
    ]


def test_terminate_an_approved_or_active_unit(program, user):
    unit = make_unit(program, mentees=[pupil(program), pupil(program)], status=Status.ACTIVE)
    on = datetime.date(2026, 11, 1)
    pairs.unit_terminate(unit=unit, by=user, on=on, reason=" переезд наставника ")
    unit.refresh_from_db()
    assert (unit.status, unit.finished_on, unit.termination_reason) == (Status.TERMINATED, on, "переезд наставника")
    assert set(unit.mentees.values_list("left_on", "leave_reason")) == {(on, "переезд наставника")}
    approved = make_unit(program, status=Status.APPROVED)
    pairs.unit_terminate(unit=approved, by=user, on=on, reason="болезнь")
    approved.refresh_from_db()
    assert approved.status == Status.TERMINATED


def test_terminate_refusals(program, user):
    on = datetime.date(2026, 11, 1)
    for status, label in ((Status.DRAFT, "черновик"), (Status.COMPLETED, "завершена")):
        unit = make_unit(program, status=status)
        assert refusal(lambda unit=unit: pairs.unit_terminate(unit=unit, by=user, on=on, reason="x")) == [
            f"С парой или группой в статусе «{label}» этого сделать нельзя."
        ]
    active = make_unit(program, status=Status.ACTIVE)
    assert refusal(lambda: pairs.unit_terminate(unit=active, by=user, on=on, reason=" ")) == [
        "Укажите, почему работа пары или группы прекращена."
    ]
    active.refresh_from_db()
    assert active.status == Status.ACTIVE


def test_a_unit_ending_before_it_starts_is_refused(program, user):
    mentor, mentee = consented(ParticipantFactory(organization=program.organization, class_name="10А")), pupil(program)
    error = refusal(
        lambda: pairs.unit_create(
            program=program,
            mentor=mentor,
            mentees=[mentee],
            by=user,
            planned_from=datetime.date(2026, 10, 1),
            planned_to=datetime.date(2026, 9, 30),
        )
    )
    assert error == ["Окончание раньше начала."]
    assert not MentoringUnit.objects.filter(program=program).exists()


def test_delete_only_a_draft(program):
    draft = make_unit(program)
    pairs.unit_delete_draft(unit=draft)
    assert not MentoringUnit.objects.filter(pk=draft.pk).exists()
    submitted = make_unit(program, status=Status.SUBMITTED)
    assert refusal(lambda: pairs.unit_delete_draft(unit=submitted)) == [
        "С парой или группой в статусе «на утверждении» этого сделать нельзя."
    ]


def test_a_mentee_leaves_a_group_and_the_last_one_ends_it(program, user):
    first, second = pupil(program), pupil(program)
    group = make_unit(program, mentees=[first, second], status=Status.ACTIVE)
    on = datetime.date(2026, 11, 2)
    pairs.mentee_leave(unit=group, mentee=first, on=on, reason="перевёлся в другую школу", by=user)
    group.refresh_from_db()
    assert group.status == Status.ACTIVE
    assert group.mentees.get(mentee=first).leave_reason == "перевёлся в другую школу"
    pairs.mentee_leave(unit=group, mentee=second, on=on, reason="болезнь", by=user)
    group.refresh_from_db()
    assert (group.status, group.termination_reason) == (Status.TERMINATED, "болезнь")


def test_the_mentee_of_a_draft_pair_leaving_deletes_the_draft(program, user):
    pair = make_unit(program)
    pairs.mentee_leave(unit=pair, mentee=pair.mentees.get().mentee, on=datetime.date(2026, 11, 2), reason="", by=user)
    assert not MentoringUnit.objects.filter(pk=pair.pk).exists()


def test_leaving_before_joining_or_a_closed_unit_is_refused_and_changes_nothing(program, user):
    group = make_unit(program, mentees=[pupil(program), pupil(program)], status=Status.ACTIVE)
    mentee = group.mentees.first().mentee
    before_joining = program.starts_on - datetime.timedelta(days=1)
    error = refusal(lambda: pairs.mentee_leave(unit=group, mentee=mentee, on=before_joining, reason="x", by=user))
    assert error == ["Дата выбытия не может быть раньше даты включения (01.09.2026)."]
    assert group.mentees.get(mentee=mentee).left_on is None
    completed = make_unit(program, status=Status.COMPLETED)
    closed_mentee = completed.mentees.get().mentee
    assert refusal(
        lambda: pairs.mentee_leave(unit=completed, mentee=closed_mentee, on=program.ends_on, reason="x", by=user)
    ) == ["С парой или группой в статусе «завершена» этого сделать нельзя."]


# Mentees left without a pair ---------------------------------------------------------------------------


def test_unmatched_mentees_are_those_in_no_open_unit(program):
    year = program.academic_year
    in_pair, after_termination, free, completed = (pupil(program, last_name=f"Н{n}") for n in range(4))
    for person in (in_pair, after_termination, free, completed):
        MenteeEntryFactory(participant=person, academic_year=year)
    MenteeEntry.objects.filter(participant=completed).update(completed_on=datetime.date(2026, 10, 1))
    make_unit(program, mentees=[in_pair], status=Status.DRAFT)
    make_unit(program, mentees=[after_termination], status=Status.TERMINATED)
    MenteeEntryFactory(participant=ParticipantFactory(), academic_year=year)  # another organization
    MenteeEntryFactory(participant=pupil(program), academic_year=year - 1)  # another year
    found = pairs.unmatched_mentees(program.organization, year)
    assert [entry.participant for entry in found] == [after_termination, free]


def test_a_withdrawn_consent_takes_the_person_out_of_open_units(program, user):
    on = datetime.date(2026, 11, 3)
    mentor = pupil(program, class_name="10А")
    draft = make_unit(program, mentor=mentor)
    working = make_unit(program, mentor=mentor, status=Status.ACTIVE)
    mentee = pupil(program)
    group = make_unit(program, mentees=[mentee, pupil(program)], status=Status.APPROVED)
    assert len(pairs.units_leave_on_consent_withdrawal(participant=mentor, on=on, by=user)) == 2
    assert not MentoringUnit.objects.filter(pk=draft.pk).exists()
    working.refresh_from_db()
    assert (working.status, working.termination_reason) == (Status.TERMINATED, pairs.CONSENT_WITHDRAWN)
    assert len(pairs.units_leave_on_consent_withdrawal(participant=mentee, on=on, by=user)) == 1
    group.refresh_from_db()
    assert group.status == Status.APPROVED
    assert group.mentees.get(mentee=mentee).left_on == on


def test_an_undated_full_cycle_is_never_lost_and_takes_the_next_completion_date(program, user):
    mentee = pupil(program)
    entry = MenteeEntryFactory(participant=mentee, academic_year=program.academic_year, full_cycle=True)
    unit = make_unit(program, mentees=[mentee], status=Status.ACTIVE)
    pairs.unit_complete(
        unit=unit, by=user, on=datetime.date(2027, 2, 10), results="Итоги", full_cycle={mentee.pk: False}
    )
    entry.refresh_from_db()
    assert (entry.full_cycle, entry.completed_on) == (True, datetime.date(2027, 2, 10))


def test_the_migration_dates_an_undated_full_cycle_by_its_first_full_cycle_completion(program):
    """Entries marked before a full cycle needed its date take the completion of the pair it happened in."""
    migration = importlib.import_module("mentoring.migrations.0007_registry_entry_birth_date")
    mentee, other = pupil(program), pupil(program)
    for day, mark in ((datetime.date(2027, 3, 1), False), (datetime.date(2027, 4, 1), True)):
        unit = make_unit(program, mentees=[mentee], status=Status.COMPLETED)
        MentoringUnit.objects.filter(pk=unit.pk).update(finished_on=day)
        unit.mentees.update(full_cycle=mark)
    entry = MenteeEntryFactory(participant=mentee, academic_year=program.academic_year, full_cycle=True)
    undated = MenteeEntryFactory(participant=other, academic_year=program.academic_year, full_cycle=True)
    migration.date_full_cycles(django_apps, None)
    entry.refresh_from_db()
    undated.refresh_from_db()
    assert (entry.full_cycle, entry.completed_on) == (True, datetime.date(2027, 4, 1))
    assert (undated.full_cycle, undated.completed_on) == (True, None)
    mentor_entry = MentorEntry.objects.get(pk=MentorEntryFactory(participant=unit.mentor, full_cycle=True).pk)
    migration.date_full_cycles(django_apps, None)
    mentor_entry.refresh_from_db()
    assert mentor_entry.completed_on == datetime.date(2027, 4, 1)


def test_the_migration_dates_the_approvals_of_old(program, user):
    """Units approved before approved_on was kept take their order's date, else the (local) day of
    the approval; units not approved stay undated."""
    migration = importlib.import_module("mentoring.migrations.0008_unit_approved_on")
    by_order = make_unit(program, status=Status.SUBMITTED)
    order = pairs.units_approve(units=[by_order], by=user, on_date=datetime.date(2026, 9, 5))
    pressed = make_unit(program, status=Status.APPROVED)
    # 23:30 UTC is already the 8th in Moscow.
    MentoringUnit.objects.filter(pk=pressed.pk).update(
        approved_at=datetime.datetime(2026, 9, 7, 23, 30, tzinfo=datetime.UTC)
    )
    draft = make_unit(program, status=Status.DRAFT)
    MentoringUnit.objects.update(approved_on=None)
    migration.date_approvals(django_apps, None)
    dates = dict(MentoringUnit.objects.values_list("pk", "approved_on"))
    assert dates == {by_order.pk: order.date, pressed.pk: datetime.date(2026, 9, 8), draft.pk: None}


def test_a_pair_made_by_hand_keeps_one_role_per_person_in_a_form(program, user):
    """The matching's rule holds for a pair formed through the form too: nobody mentors where he or
    she is mentored, so no pair both ways and no chain."""
    older, younger, youngest = (pupil(program, last_name=name) for name in ("Старшая", "Средняя", "Младшая"))
    make_unit(program, mentor=older, mentees=[younger], status=Status.SUBMITTED)
    form_name = program.form.name
    both_ways = refusal(lambda: pairs.unit_create(program=program, mentor=younger, mentees=[older], by=user))
    assert f"{younger.full_name} — наставляемый в форме «{form_name}» и не может быть в ней наставником." in both_ways
    assert f"{older.full_name} — наставник в форме «{form_name}» и не может быть в ней наставляемым." in both_ways
    chain = refusal(lambda: pairs.unit_create(program=program, mentor=youngest, mentees=[older], by=user))
    assert f"{older.full_name} — наставник в форме «{form_name}» и не может быть в ней наставляемым." in chain
    assert MentoringUnit.objects.count() == 1


def test_a_pair_made_by_hand_keeps_the_mentors_own_limit(program, user):
    mentor = pupil(program, last_name="Занятая", class_name="10А")
    MentorEntryFactory(participant=mentor, academic_year=program.academic_year, max_mentees=1)
    make_unit(program, mentor=mentor, mentees=[pupil(program)], status=Status.DRAFT)
    messages = refusal(lambda: pairs.unit_create(program=program, mentor=mentor, mentees=[pupil(program)], by=user))
    assert f"{mentor.full_name} берёт не более 1 наставляемых (запись реестра наставников); уже есть 1." in messages
    assert MentoringUnit.objects.count() == 1
