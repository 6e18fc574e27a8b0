"""Pages of the work of a pair: the meeting log, plans, completion and the mentor's home."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

import mentoring.work.panels  # noqa: F401  (registers the mentor's home panel)
from accounts.models import Role
from mentoring.models import DevelopmentPlan, Meeting, MenteeEntry, MentorEntry, MentoringUnit, PlanItem
from mentoring.work import services
from tests.accounts.factories import MembershipFactory, UserFactory
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
from tests.reports import pdf_text

pytestmark = pytest.mark.django_db
Status = MentoringUnit.Status
T = Meeting.Type


def day(month: int, number: int) -> datetime.date:
    return datetime.date(2026, month, number)


def as_user(client, user):
    client.force_login(user)
    return client


def meeting_post(unit, **overrides) -> dict:
    data = {
        "held_on": "2026-09-10",
        "type": T.ACQUAINTANCE,
        "format": Meeting.Format.IN_PERSON,
        "topic": "Знакомство",
        "content": "Рассказали о себе, договорились о правилах",
        "result": "Выбрать тему проекта",
        "duration_minutes": "40",
        "attendees": [unit.mentor.pk, *(m.mentee_id for m in unit.mentees.all())],
    }
    data.update(overrides)
    return data


def add_meeting(unit, type_, held_on, topic="Тема"):
    return Meeting.objects.create(unit=unit, type=type_, held_on=held_on, topic=topic)


def plan_with_items(unit, *activities, goal="Повысить успеваемость"):
    plan = DevelopmentPlan.objects.create(membership=unit.mentees.first(), goal=goal, tasks="Задача 1")
    for position, (activity, due_on) in enumerate(activities, start=1):
        PlanItem.objects.create(plan=plan, activity=activity, due_on=due_on, position=position)
    return plan


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: tags dropped, spaces folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", page).split()).replace(" ,", ",")


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


# Who may log and see -----------------------------------------------------------------------------


def test_mentor_logs_a_meeting_in_his_approved_unit_which_starts_it(client, world):
    unit = unit_of_side(world.a, status=Status.APPROVED)
    mentor = as_user(client, world.a.users[Role.MENTOR])
    response = mentor.post(reverse("meeting_create", args=[unit.pk]), meeting_post(unit), follow=True)
    assert response.redirect_chain[-1][0] == reverse("meeting_list", args=[unit.pk])
    assert "Встреча записана." in messages_of(response)
    # The pair works from its start by the approval (the term from 01.09), not from the meeting.
    assert "Пара или группа начала работу 01.09.2026." in messages_of(response)
    meeting = Meeting.objects.get()
    assert (meeting.topic, meeting.held_on, meeting.created_by) == (
        "Знакомство",
        day(9, 10),
        world.a.users[Role.MENTOR],
    )
    assert meeting.attendees.count() == 2
    unit.refresh_from_db()
    assert (unit.status, unit.started_on) == (Status.ACTIVE, day(9, 1))
    page = response.content.decode()
    assert "Знакомство" in page and "Рассказали о себе" in page
    assert "работает с 01.09.2026" in visible_text(page)
    # The pair's own page says the same.
    assert "Начало работы: 01.09.2026" in mentor.get(reverse("unit_detail", args=[unit.pk])).content.decode()


def test_another_mentor_gets_404(client, world):
    unit = unit_of_side(world.a)
    meeting = add_meeting(unit, T.ACQUAINTANCE, day(9, 10))
    colleague = UserFactory(username="other_mentor_a")
    MembershipFactory(user=colleague, role=Role.MENTOR, organization=world.a.organization)
    for user in (colleague, world.b.users[Role.MENTOR]):
        client.force_login(user)
        for url in (
            reverse("meeting_list", args=[unit.pk]),
            reverse("meeting_create", args=[unit.pk]),
            reverse("meeting_update", args=[meeting.pk]),
            reverse("meeting_journal_pdf", args=[unit.pk]),
            reverse("plan_detail", args=[unit.mentees.get().pk]),
            reverse("unit_complete", args=[unit.pk]),
        ):
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(reverse("meeting_create", args=[unit.pk]), meeting_post(unit)).status_code == 404
    assert Meeting.objects.count() == 1


def test_curator_logs_a_meeting_in_any_unit_of_the_organization(client, world):
    unit = make_unit(ProgramFactory(organization=world.a.organization), status=Status.ACTIVE)
    curator = as_user(client, world.a.users[Role.CURATOR])
    response = curator.post(reverse("meeting_create", args=[unit.pk]), meeting_post(unit, type=T.WORKING))
    assert response.status_code == 302
    assert Meeting.objects.get().type == T.WORKING


def test_director_views_but_does_not_log(client, world):
    unit = unit_of_side(world.a)
    add_meeting(unit, T.ACQUAINTANCE, day(9, 10), topic="Первая встреча")
    director = as_user(client, world.a.users[Role.DIRECTOR])
    response = director.get(reverse("meeting_list", args=[unit.pk]))
    assert response.status_code == 200
    assert "Первая встреча" in response.content.decode()
    assert "Записать встречу" not in response.content.decode()
    assert director.get(reverse("meeting_create", args=[unit.pk])).status_code == 403
    assert director.post(reverse("meeting_create", args=[unit.pk]), meeting_post(unit)).status_code == 403
    assert director.get(reverse("unit_complete", args=[unit.pk])).status_code == 403
    assert director.get(reverse("plan_update", args=[unit.mentees.get().pk])).status_code == 403
    assert Meeting.objects.count() == 1


def test_mentee_reads_his_unit_journal_and_plan_only(client, world):
    unit = unit_of_side(world.a)
    plan_with_items(unit, ("Разобрать дроби", day(10, 1)))
    mentee = as_user(client, world.a.users[Role.MENTEE])
    assert mentee.get(reverse("meeting_list", args=[unit.pk])).status_code == 200
    page = mentee.get(reverse("plan_detail", args=[unit.mentees.get().pk])).content.decode()
    assert "Разобрать дроби" in page and 'name="done_on"' not in page
    assert mentee.get(reverse("meeting_create", args=[unit.pk])).status_code == 403
    other = make_unit(ProgramFactory(organization=world.a.organization), status=Status.ACTIVE)
    assert mentee.get(reverse("meeting_list", args=[other.pk])).status_code == 404


def test_a_mentor_who_is_a_mentee_elsewhere_reads_that_unit_but_does_not_keep_it(client, world):
    mentor_user = world.a.users[Role.MENTOR]
    as_mentee = make_unit(
        ProgramFactory(organization=world.a.organization),
        mentees=[consented(ParticipantFactory(organization=world.a.organization, user=mentor_user))],
        status=Status.ACTIVE,
    )
    plan = plan_with_items(as_mentee, ("Разобрать дроби", day(10, 1)))
    mentor = as_user(client, mentor_user)
    page = mentor.get(reverse("meeting_list", args=[as_mentee.pk])).content.decode()
    assert "Записать встречу" not in page
    plan_page = mentor.get(reverse("plan_detail", args=[plan.membership_id])).content.decode()
    assert "Разобрать дроби" in plan_page and 'name="done_on"' not in plan_page
    for url in (
        reverse("meeting_create", args=[as_mentee.pk]),
        reverse("unit_complete", args=[as_mentee.pk]),
        reverse("plan_update", args=[plan.membership_id]),
    ):
        assert mentor.get(url).status_code == 403, url
    item = plan.items.get()
    assert mentor.post(reverse("plan_item_done", args=[item.pk]), {"done_on": "2026-10-02"}).status_code == 403
    assert not Meeting.objects.exists()


def test_anonymous_goes_to_the_login_page(client, world):
    unit = unit_of_side(world.a)
    membership = unit.mentees.get()
    for url in (
        reverse("meeting_list", args=[unit.pk]),
        reverse("meeting_create", args=[unit.pk]),
        reverse("unit_complete", args=[unit.pk]),
        reverse("plan_update", args=[membership.pk]),
        reverse("plan_detail", args=[membership.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.COMPLETED])
def test_meetings_are_not_logged_in_a_unit_that_does_not_work(client, world, status):
    unit = unit_of_side(world.a, status=status)
    mentor = as_user(client, world.a.users[Role.MENTOR])
    response = mentor.post(reverse("meeting_create", args=[unit.pk]), meeting_post(unit), follow=True)
    assert response.redirect_chain[-1][0] == reverse("meeting_list", args=[unit.pk])
    assert "Планы и встречи ведутся только в утверждённых и работающих парах и группах" in messages_of(response)[0]
    assert not Meeting.objects.exists()
    assert "Записать встречу" not in response.content.decode()


# The meeting form and the journal ---------------------------------------------------------------


def test_the_form_defaults_to_today_the_next_expected_type_and_everyone_present(client, world):
    unit = unit_of_side(world.a)
    mentor = as_user(client, world.a.users[Role.MENTOR])
    url = reverse("meeting_create", args=[unit.pk])
    form = mentor.get(url).context["form"]
    people = {unit.mentor.pk, unit.mentees.get().mentee_id}
    assert form.initial["held_on"] == timezone.localdate()
    assert form.initial["type"] == T.ACQUAINTANCE
    assert set(form.initial["attendees"]) == people
    page = mentor.get(url).content.decode()
    assert f'value="{timezone.localdate():%d.%m.%Y}"' in page
    assert re.search(r'value="acquaintance"[^>]*checked', page)
    assert len(re.findall(r'name="attendees"[^>]*checked', page)) == 2
    assert "Записать встречу" in page

    add_meeting(unit, T.ACQUAINTANCE, day(9, 10))
    assert mentor.get(url).context["form"].initial["type"] == T.TRIAL
    assert mentor.get(url, {"type": "final"}).context["form"].initial["type"] == T.FINAL


def test_a_wrong_meeting_keeps_the_input_with_the_error_next_to_the_field(client, world):
    unit = unit_of_side(world.a)
    mentor = as_user(client, world.a.users[Role.MENTOR])
    future = timezone.localdate() + datetime.timedelta(days=2)
    response = mentor.post(
        reverse("meeting_create", args=[unit.pk]), meeting_post(unit, held_on=f"{future:%Y-%m-%d}", topic="Моя тема")
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"held_on": ["Эта дата ещё не наступила."]}
    assert 'value="Моя тема"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_journal_shows_the_order_strip_and_the_warnings(client, world):
    unit = unit_of_side(world.a)
    add_meeting(unit, T.ACQUAINTANCE, day(9, 10))
    add_meeting(unit, T.WORKING, day(9, 20), topic="Дроби")
    mentor = as_user(client, world.a.users[Role.MENTOR])
    response = mentor.get(reverse("meeting_list", args=[unit.pk]))
    page = response.content.decode()
    assert [(step.type, step.done) for step in response.context["steps"]] == [
        (T.ACQUAINTANCE, True),
        (T.TRIAL, False),
        (T.PLANNING, False),
        (T.WORKING, True),
        (T.FINAL, False),
    ]
    assert 'data-step="acquaintance" data-done="1"' in page
    assert 'data-step="planning" data-done="0"' in page
    assert "Порядок встреч отличается от ожидаемого" in page
    assert "Рабочая встреча 20.09.2026 проведена без встречи-планирования." in page
    assert "Рабочая встреча 20.09.2026 проведена без пробной рабочей встречи." in page
    assert "Записать встречу" in page


def test_a_meeting_before_the_start_by_the_order_is_saved_only_when_ticked(client, world):
    unit = unit_of_side(world.a, status=Status.APPROVED)
    mentor = as_user(client, world.a.users[Role.MENTOR])
    journal = mentor.get(reverse("meeting_list", args=[unit.pk])).content.decode()
    assert "работа по приказу с 01.09.2026" in journal
    url = reverse("meeting_create", args=[unit.pk])
    assert 'name="before_start"' in (page := mentor.get(url).content.decode()) and 'type="hidden"' in page
    assert "Встреча прошла до начала работы по приказу" not in page

    response = mentor.post(url, meeting_post(unit, held_on="2026-08-28", topic="Групповая встреча"))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "held_on": [
            "По приказу пара или группа работает с 01.09.2026, а эта встреча раньше. Проверьте дату или "
            "отметьте, что встреча прошла до начала работы по приказу."
        ]
    }
    page = response.content.decode()
    assert "Встреча прошла до начала работы по приказу" in page
    assert re.search(r'<input type="checkbox" name="before_start"', page)
    assert 'value="Групповая встреча"' in page
    unit.refresh_from_db()
    assert not Meeting.objects.exists() and unit.status == Status.APPROVED

    response = mentor.post(
        url, meeting_post(unit, held_on="2026-08-28", topic="Групповая встреча", before_start="on"), follow=True
    )
    assert "Встреча записана." in messages_of(response)
    assert "Пара или группа начала работу 01.09.2026." in messages_of(response)
    meeting = Meeting.objects.get()
    assert (meeting.held_on, meeting.before_start) == (day(8, 28), True)
    unit.refresh_from_db()
    assert (unit.status, unit.started_on) == (Status.ACTIVE, day(9, 1))
    page = response.content.decode()
    assert 'data-testid="before-start"' in page and "до начала работы по приказу" in page
    assert "работает с 01.09.2026" in visible_text(page)

    # Correcting the topic later asks nothing again: the box comes ticked.
    edit = reverse("meeting_update", args=[meeting.pk])
    data = page_form(mentor.get(edit), "meeting-form")
    assert data["before_start"] == "on" and data["held_on"] == "28.08.2026"
    data["topic"] = "Групповая встреча с наставниками"
    assert mentor.post(edit, data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.topic, meeting.before_start) == ("Групповая встреча с наставниками", True)
    text = pdf_text(mentor.get(reverse("meeting_journal_pdf", args=[unit.pk])).content)
    assert "28.08.2026 (до начала работы по приказу)" in text


def test_editing_a_meeting(client, world):
    unit = unit_of_side(world.a)
    meeting = add_meeting(unit, T.ACQUAINTANCE, day(9, 10))
    mentor = as_user(client, world.a.users[Role.MENTOR])
    url = reverse("meeting_update", args=[meeting.pk])
    assert mentor.get(url).context["form"].initial["topic"] == "Тема"
    response = mentor.post(url, meeting_post(unit, topic="Знакомство и правила", held_on="2026-09-11"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.topic, meeting.held_on) == ("Знакомство и правила", day(9, 11))


def test_meeting_list_query_count_is_constant(client, world):
    unit = unit_of_side(world.a)
    plan_with_items(unit, ("Разобрать дроби", day(10, 1)))
    add_meeting(unit, T.ACQUAINTANCE, day(9, 10)).attendees.add(unit.mentor)
    mentor = as_user(client, world.a.users[Role.MENTOR])
    url = reverse("meeting_list", args=[unit.pk])

    def grow():
        for number in range(5):
            meeting = add_meeting(unit, T.WORKING, day(10, 1 + number))
            meeting.attendees.add(unit.mentor, unit.mentees.get().mentee)

    assert assert_queries_constant(lambda: mentor.get(url), grow) <= 10


def test_journal_pdf(client, world):
    unit = unit_of_side(world.a)
    add_meeting(unit, T.ACQUAINTANCE, day(9, 10), topic="Знакомство и правила работы")
    Meeting.objects.create(
        unit=unit, type=T.WORKING, held_on=day(10, 1), topic="Дроби", content="Решали задачи", result="Сделать 5 задач"
    )
    director = as_user(client, world.a.users[Role.DIRECTOR])
    response = director.get(reverse("meeting_journal_pdf", args=[unit.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Журнал встреч наставника" in text
    for column in ("Дата", "Вид встречи / тема", "Содержание", "Результат / задание"):
        assert column in text
    assert unit.mentor.full_name in text
    assert unit.mentees.get().mentee.full_name in text
    assert unit.form.name in text and unit.program.title in text and "2026/2027" in text
    assert "10.09.2026" in text and "Знакомство и правила работы" in text
    assert "Решали задачи" in text and "Сделать 5 задач" in text


# Plans ------------------------------------------------------------------------------------------


def plan_post(goal="Повысить успеваемость", tasks="Закрыть пробелы", rows=(), total=None) -> dict:
    data = {"goal": goal, "tasks": tasks}
    rows = list(rows)
    data.update({"items-TOTAL_FORMS": str(total or len(rows)), "items-INITIAL_FORMS": "0"})
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"items-{index}-{name}"] = value
    return data


def test_mentor_writes_a_plan_and_marks_items_done(client, world):
    unit = unit_of_side(world.a)
    membership = unit.mentees.get()
    mentor = as_user(client, world.a.users[Role.MENTOR])
    page = mentor.get(reverse("plan_detail", args=[membership.pk])).content.decode()
    assert "План ещё не составлен." in page and "Составить план" in page

    form_page = mentor.get(reverse("plan_update", args=[membership.pk]))
    assert len(form_page.context["formset"].forms) == 3
    response = mentor.post(
        reverse("plan_update", args=[membership.pk]),
        plan_post(
            rows=[
                {
                    "section": "Учёба",
                    "activity": "Разобрать дроби",
                    "due_on": "2026-10-01",
                    "result_form": "контрольная",
                },
                {"section": "Учёба", "activity": "Решить 20 задач", "due_on": "2026-11-01", "result_form": "тетрадь"},
                {"section": "", "activity": "", "due_on": "", "result_form": ""},
            ],
            total=3,
        ),
        follow=True,
    )
    assert "План сохранён." in messages_of(response)
    plan = DevelopmentPlan.objects.get()
    first, second = plan.items.all()
    assert (first.activity, first.due_on, first.result_form) == ("Разобрать дроби", day(10, 1), "контрольная")

    response = mentor.post(
        reverse("plan_item_done", args=[first.pk]), {"done_on": "2026-10-02", "mentor_mark": "зачтено"}, follow=True
    )
    assert "Мероприятие отмечено как выполненное." in messages_of(response)
    first.refresh_from_db()
    assert (first.done_on, first.mentor_mark) == (day(10, 2), "зачтено")
    page = response.content.decode()
    assert "50%" in page and "02.10.2026 — зачтено" in page

    response = mentor.post(reverse("plan_item_done", args=[first.pk]), {"undo": "1"}, follow=True)
    first.refresh_from_db()
    assert first.done_on is None and "Отметка снята." in messages_of(response)

    response = mentor.post(reverse("plan_item_done", args=[second.pk]), {"done_on": "", "mentor_mark": ""}, follow=True)
    assert "Укажите дату выполнения." in messages_of(response)


def test_editing_a_plan_keeps_marks_and_deletes_rows(client, world):
    unit = unit_of_side(world.a)
    membership = unit.mentees.get()
    plan = plan_with_items(unit, ("Разобрать дроби", day(10, 1)), ("Лишнее", None))
    first, extra = plan.items.all()
    first.done_on, first.mentor_mark = day(10, 2), "зачтено"
    first.save()
    mentor = as_user(client, world.a.users[Role.MENTOR])
    form = mentor.get(reverse("plan_update", args=[membership.pk])).context["formset"]
    assert [f.initial.get("activity") for f in form.forms] == ["Разобрать дроби", "Лишнее", None, None, None]
    data = plan_post(
        goal="Новая цель",
        rows=[
            {"id": first.pk, "activity": "Разобрать дроби и проценты", "due_on": "2026-10-01"},
            {"id": extra.pk, "activity": "Лишнее", "DELETE": "on"},
        ],
    )
    data["items-INITIAL_FORMS"] = "2"
    response = mentor.post(reverse("plan_update", args=[membership.pk]), data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.goal == "Новая цель"
    assert [(item.activity, item.done_on) for item in plan.items.all()] == [("Разобрать дроби и проценты", day(10, 2))]


def test_plan_item_of_another_unit_is_404(client, world):
    unit = unit_of_side(world.a)
    plan = plan_with_items(unit, ("Разобрать дроби", day(10, 1)))
    item = plan.items.get()
    as_user(client, world.b.users[Role.MENTOR])
    assert client.post(reverse("plan_item_done", args=[item.pk]), {"done_on": "2026-10-02"}).status_code == 404
    item.refresh_from_db()
    assert item.done_on is None


def test_plan_pdf(client, world):
    unit = unit_of_side(world.a)
    plan = plan_with_items(unit, ("Разобрать дроби", day(10, 1)), ("Решить 20 задач", day(11, 1)))
    first = plan.items.first()
    first.section, first.result_form, first.done_on, first.mentor_mark = "Учёба", "контрольная", day(10, 2), "зачтено"
    first.save()
    mentor = as_user(client, world.a.users[Role.MENTOR])
    response = mentor.get(reverse("plan_pdf", args=[unit.mentees.get().pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Индивидуальный план развития" in text and "наставляемого" in text
    for column in ("Раздел", "Мероприятие", "Срок", "Форма результата", "Отметка наставника и дата"):
        assert column in text
    assert unit.mentees.get().mentee.full_name in text and unit.mentor.full_name in text
    assert "Повысить успеваемость" in text and "Задача 1" in text
    assert "Разобрать дроби" in text and "01.10.2026" in text and "контрольная" in text
    assert "зачтено, 02.10.2026" in text
    assert "Выполнено мероприятий: 1 из 2 (50%)" in text


def test_blank_plan_pdf_without_a_plan(client, world):
    unit = unit_of_side(world.a)
    curator = as_user(client, world.a.users[Role.CURATOR])
    response = curator.get(reverse("plan_pdf", args=[unit.mentees.get().pk]))
    text = pdf_text(response.content)
    assert "Индивидуальный план развития" in text and "Цель:" in text and "Отметка наставника и дата" in text


# Completion -------------------------------------------------------------------------------------


def test_completion_asks_for_the_final_meeting_first(client, world):
    unit = unit_of_side(world.a)
    add_meeting(unit, T.ACQUAINTANCE, day(9, 10))
    mentor = as_user(client, world.a.users[Role.MENTOR])
    response = mentor.get(reverse("unit_complete", args=[unit.pk]))
    page = response.content.decode()
    assert "Сначала запишите итоговую встречу." in page
    assert reverse("meeting_create", args=[unit.pk]) + "?type=final" in page
    response = mentor.post(reverse("unit_complete", args=[unit.pk]), {"finished_on": "2026-10-30", "results": "Итоги"})
    assert response.status_code == 200
    unit.refresh_from_db()
    assert unit.status == Status.ACTIVE


def test_completion_updates_the_registry_rows(client, world):
    organization = world.a.organization
    unit = unit_of_side(world.a)
    second = consented(ParticipantFactory(organization=organization, last_name="Вторая"))
    unit.mentees.create(mentee=second, joined_on=day(9, 1))
    first = unit.mentees.get(mentee__user=world.a.users[Role.MENTEE]).mentee
    mentor_entry = MentorEntryFactory(participant=unit.mentor, academic_year=2026)
    first_entry = MenteeEntryFactory(participant=first, academic_year=2026)
    second_entry = MenteeEntryFactory(participant=second, academic_year=2026)
    add_meeting(unit, T.ACQUAINTANCE, day(9, 10))
    add_meeting(unit, T.FINAL, day(10, 29), topic="Подведение итогов")

    mentor = as_user(client, world.a.users[Role.MENTOR])
    journal = mentor.get(reverse("meeting_list", args=[unit.pk])).content.decode()
    assert "Итоговая встреча записана: работу пары или группы можно завершить." in journal
    url = reverse("unit_complete", args=[unit.pk])
    response = mentor.get(url)
    assert "Итоговая встреча проведена 29.10.2026: «Подведение итогов»." in response.content.decode()
    assert response.context["form"].initial["finished_on"] == day(10, 29)
    # The curator states the full cycle of each person: no box is ticked in advance.
    boxes = re.findall(r"<input[^>]*name=\"full_cycle_\d+\"[^>]*>", response.content.decode())
    assert len(boxes) == 2 and not any("checked" in box for box in boxes)
    response = mentor.post(
        url,
        {
            "finished_on": "2026-10-30",
            "results": "Успеваемость выросла",
            "case_url": "school.example/case",
            f"full_cycle_{first.pk}": "on",
        },
        follow=True,
    )
    assert "Работа пары или группы завершена; реестры обновлены." in messages_of(response)
    unit.refresh_from_db()
    assert (unit.status, unit.finished_on, unit.case_url) == (
        Status.COMPLETED,
        day(10, 30),
        "https://school.example/case",
    )
    first_entry = MenteeEntry.objects.get(pk=first_entry.pk)
    second_entry = MenteeEntry.objects.get(pk=second_entry.pk)
    mentor_entry = MentorEntry.objects.get(pk=mentor_entry.pk)
    assert (first_entry.completed_on, first_entry.full_cycle) == (day(10, 30), True)
    assert (second_entry.completed_on, second_entry.full_cycle) == (day(10, 30), False)
    assert (mentor_entry.completed_on, mentor_entry.full_cycle) == (day(10, 30), True)
    assert first_entry.results == "Успеваемость выросла"
    assert first_entry.case_url == "https://school.example/case"
    page = response.content.decode()
    assert "завершена" in page and "Успеваемость выросла" in page and "полный цикл" in page
    assert "Записать встречу" not in page
    # The participant's page shows the registry row completed.
    curator = as_user(client, world.a.users[Role.CURATOR])
    page = curator.get(reverse("participant_detail", args=[first.pk])).content.decode()
    assert "30.10.2026" in page


# The mentor's home ------------------------------------------------------------------------------


def test_mentor_home_shows_units_due_items_and_days_since_the_last_meeting(client, world):
    today = timezone.localdate()
    unit = unit_of_side(world.a)
    add_meeting(unit, T.ACQUAINTANCE, today - datetime.timedelta(days=45))
    plan_with_items(
        unit,
        ("Просроченное дело", today - datetime.timedelta(days=3)),
        ("Скоро срок", today + datetime.timedelta(days=10)),
        ("Нескоро", today + datetime.timedelta(days=40)),
    )
    fresh = unit_of_side(world.a, status=Status.APPROVED)
    fresh.mentees.update(mentee=consented(ParticipantFactory(organization=world.a.organization, last_name="Новикова")))
    mentor = as_user(client, world.a.users[Role.MENTOR])
    page = mentor.get(reverse("home")).content.decode()
    assert "Мои пары и группы" in page
    assert "Последняя встреча: 45 дней назад" in page
    assert 'data-stale="1"' in page
    assert "Встреч ещё не было" in page and "Новикова" in page
    assert "Просроченное дело" in page and "Скоро срок" in page and "Нескоро" not in page
    assert "просрочено" in page
    assert page.count(reverse("meeting_create", args=[unit.pk])) == 1
    assert reverse("meeting_create", args=[fresh.pk]) in page


def test_recent_meeting_is_not_red_and_others_see_no_mentor_panel(client, world):
    unit = unit_of_side(world.a)
    add_meeting(unit, T.ACQUAINTANCE, timezone.localdate() - datetime.timedelta(days=2))
    page = as_user(client, world.a.users[Role.MENTOR]).get(reverse("home")).content.decode()
    assert "Последняя встреча: 2 дня назад" in page and 'data-stale="1"' not in page
    for role in (Role.CURATOR, Role.DIRECTOR, Role.MENTEE):
        assert "Мои пары и группы" not in as_user(client, world.a.users[role]).get(reverse("home")).content.decode()


def test_mentor_home_query_count_is_constant(client, world):
    today = timezone.localdate()
    mentor = as_user(client, world.a.users[Role.MENTOR])
    unit = unit_of_side(world.a)
    plan_with_items(unit, ("Дело", today))
    add_meeting(unit, T.ACQUAINTANCE, today)
    participant = unit.mentor

    def grow():
        program = ProgramFactory(organization=world.a.organization)
        for _number in range(3):
            other = make_unit(program, mentor=participant, status=Status.ACTIVE)
            plan_with_items(other, ("Дело", today), ("Ещё дело", today))
            add_meeting(other, T.WORKING, today)

    # Other apps add their panels to the home page; this one must not grow with the mentor's units.
    assert assert_queries_constant(lambda: mentor.get(reverse("home")), grow) <= 25


def test_services_and_pages_agree_on_progress(client, world):
    unit = unit_of_side(world.a)
    plan = plan_with_items(unit, ("A", None), ("B", None), ("C", None))
    PlanItem.objects.filter(pk=plan.items.first().pk).update(done_on=day(10, 1))
    assert services.plan_progress(DevelopmentPlan.objects.get()) == 33
    page = as_user(client, world.a.users[Role.MENTOR]).get(reverse("meeting_list", args=[unit.pk])).content.decode()
    assert "план выполнен на 33%" in page


# Editing a plan as the page does it --------------------------------------------------------------


class FormFields(HTMLParser):
    """The fields a browser sends with a page's POST form (the one with this ``data-testid``, else
    the first): inputs, ticked boxes, textareas, selected options; nothing inside a <template>."""

    def __init__(self, form_testid: str | None = None):
        super().__init__()
        self.form_testid = form_testid
        self.inside = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self.textarea: str | None = None
        self.select: str | None = None
        self.in_template = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        if tag == "form" and not self.done and attrs.get("method", "").lower() == "post":
            self.inside = self.form_testid is None or attrs.get("data-testid") == self.form_testid
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button"):
                self.fields.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields.append((name, ""))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append((self.select, attrs.get("value", "")))

    def handle_data(self, data):
        if self.inside and self.textarea and not self.in_template:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        if self.in_template:
            return
        if tag == "textarea":
            if self.textarea:
                name, value = self.fields[-1]
                # A browser drops the one newline right after <textarea>.
                self.fields[-1] = (name, value.removeprefix("\n"))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def page_form(response, form_testid: str | None = None) -> dict:
    """What the page's form posts as it stands: {name: value} (a list for a repeated name)."""
    parser = FormFields(form_testid)
    parser.feed(response.content.decode())
    data: dict = {}
    for name, value in parser.fields:
        if name in data:
            data[name] = [*(data[name] if isinstance(data[name], list) else [data[name]]), value]
        else:
            data[name] = value
    return data


def row_prefix(data: dict, activity: str) -> str:
    """``items-N`` of the row of the page whose activity is this."""
    names = [name for name, value in data.items() if name.endswith("-activity") and value == activity]
    assert len(names) == 1, (activity, names)
    return names[0].removesuffix("-activity")


def blank_rows(data: dict) -> list[str]:
    return [
        name.removesuffix("-activity")
        for name, value in data.items()
        if name.endswith("-activity") and not value and not data.get(name.replace("-activity", "-id"))
    ]


def three_row_plan(unit) -> DevelopmentPlan:
    plan = plan_with_items(
        unit,
        ("Разобрать дроби", day(10, 1)),
        ("Решить 20 задач", day(10, 15)),
        ("Написать контрольную", day(11, 1)),
    )
    first = plan.items.get(activity="Разобрать дроби")
    first.done_on, first.mentor_mark = day(10, 2), "зачтено"
    first.save()
    return plan


def plan_rows(plan) -> list[tuple]:
    return [(item.activity, item.due_on, item.done_on, item.mentor_mark) for item in plan.items.all()]


@pytest.mark.parametrize("role", [Role.CURATOR, Role.MENTOR])
def test_changing_only_the_goal_keeps_every_row_and_its_mark(client, world, role):
    unit = unit_of_side(world.a)
    plan = three_row_plan(unit)
    before = plan_rows(plan)
    user = as_user(client, world.a.users[role])
    url = reverse("plan_update", args=[plan.membership_id])
    data = page_form(user.get(url), "plan-form")
    assert data["goal"] == "Повысить успеваемость" and data["items-INITIAL_FORMS"] == "3"
    data["goal"] = "Выйти на «4» по математике"
    response = user.post(url, data, follow=True)
    assert "План сохранён." in messages_of(response)
    plan.refresh_from_db()
    assert plan.goal == "Выйти на «4» по математике"
    assert plan_rows(plan) == before
    page = response.content.decode()
    assert "В плане пока нет мероприятий" not in page
    assert "Разобрать дроби" in page and "Написать контрольную" in page and "02.10.2026 — зачтено" in page


@pytest.mark.parametrize("role", [Role.CURATOR, Role.MENTOR])
def test_adding_a_fourth_row_keeps_the_three(client, world, role):
    unit = unit_of_side(world.a)
    plan = three_row_plan(unit)
    before = plan_rows(plan)
    user = as_user(client, world.a.users[role])
    url = reverse("plan_update", args=[plan.membership_id])
    data = page_form(user.get(url), "plan-form")
    new = blank_rows(data)[0]
    data[f"{new}-activity"] = "Подготовить доклад"
    data[f"{new}-due_on"] = "2026-12-01"
    assert user.post(url, data).status_code == 302
    assert plan_rows(plan) == [*before, ("Подготовить доклад", day(12, 1), None, "")]


@pytest.mark.parametrize("role", [Role.CURATOR, Role.MENTOR])
def test_changed_unchanged_added_and_deleted_rows_in_one_save(client, world, role):
    unit = unit_of_side(world.a)
    plan = three_row_plan(unit)
    marked = plan.items.get(activity="Разобрать дроби")
    changed = plan.items.get(activity="Решить 20 задач")
    changed.done_on, changed.mentor_mark = day(10, 16), "сделал 18"
    changed.save()
    user = as_user(client, world.a.users[role])
    url = reverse("plan_update", args=[plan.membership_id])
    data = page_form(user.get(url), "plan-form")
    data[f"{row_prefix(data, 'Решить 20 задач')}-activity"] = "Решить 25 задач"
    data[f"{row_prefix(data, 'Написать контрольную')}-DELETE"] = "on"
    blank = blank_rows(data)
    data[f"{blank[1]}-activity"] = "Выступить на конференции"
    data[f"{blank[1]}-result_form"] = "доклад"
    response = user.post(url, data, follow=True)
    assert "План сохранён." in messages_of(response)
    assert plan_rows(plan) == [
        ("Разобрать дроби", day(10, 1), day(10, 2), "зачтено"),
        ("Решить 25 задач", day(10, 15), day(10, 16), "сделал 18"),
        ("Выступить на конференции", None, None, ""),
    ]
    # The kept rows are the same rows: their marks were never recreated.
    assert {marked.pk, changed.pk} <= set(plan.items.values_list("pk", flat=True))
    page = response.content.decode()
    assert "Написать контрольную" not in page and "02.10.2026 — зачтено" in page and "16.10.2026 — сделал 18" in page


def test_a_row_emptied_on_the_page_is_refused_and_nothing_changes(client, world):
    unit = unit_of_side(world.a)
    plan = three_row_plan(unit)
    before = plan_rows(plan)
    curator = as_user(client, world.a.users[Role.CURATOR])
    url = reverse("plan_update", args=[plan.membership_id])
    data = page_form(curator.get(url), "plan-form")
    data["goal"] = "Другая цель"
    data[f"{row_prefix(data, 'Решить 20 задач')}-activity"] = ""
    response = curator.post(url, data)
    assert response.status_code == 200
    assert "Обязательное поле." in response.content.decode()
    plan.refresh_from_db()
    assert plan.goal == "Повысить успеваемость" and plan_rows(plan) == before


def test_the_plan_pages_run_a_constant_number_of_queries(client, world):
    unit = unit_of_side(world.a)
    plan = three_row_plan(unit)
    mentor = as_user(client, world.a.users[Role.MENTOR])

    def grow():
        for number in range(5):
            PlanItem.objects.create(plan=plan, activity=f"Дело {number}", position=10 + number, done_on=day(10, 3))

    for name in ("plan_detail", "plan_update"):
        url = reverse(name, args=[plan.membership_id])
        assert assert_queries_constant(lambda url=url: mentor.get(url), grow) <= 20
