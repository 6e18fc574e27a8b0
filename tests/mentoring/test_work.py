"""Services of the work of a pair: the meeting log and its expected order, plans, completion."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring.models import DevelopmentPlan, Meeting, MenteeEntry, MentorEntry, MentoringUnit, PlanItem
from mentoring.pairs import services as pairs
from mentoring.work import services
from tests.accounts.factories import OrganizationFactory, UserFactory
from tests.mentoring.factories import (
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    ProgramFactory,
    consented,
    make_unit,
)

pytestmark = pytest.mark.django_db
Status = MentoringUnit.Status
T = Meeting.Type


def day(month: int, number: int) -> datetime.date:
    return datetime.date(2026, month, number)


@pytest.fixture
def user():
    return UserFactory()


@pytest.fixture
def unit():
    return make_unit(ProgramFactory(organization=OrganizationFactory()), status=Status.ACTIVE)


def log(unit, user, type_, held_on, topic="Тема", **kwargs):
    return services.meeting_log(unit=unit, by=user, held_on=held_on, type=type_, topic=topic, **kwargs)


def add_meetings(unit, *rows):
    """Meetings written straight to the log: (type, date)."""
    return [Meeting.objects.create(unit=unit, type=type_, held_on=held_on, topic="Тема") for type_, held_on in rows]


# The expected order of meetings ------------------------------------------------------------------


def test_the_expected_order_gives_no_warning(unit):
    add_meetings(
        unit,
        (T.ACQUAINTANCE, day(9, 10)),
        (T.TRIAL, day(9, 17)),
        (T.PLANNING, day(9, 24)),
        (T.WORKING, day(10, 1)),
        (T.WORKING, day(10, 8)),
        (T.FINAL, day(10, 29)),
    )
    assert services.meeting_sequence_warnings(unit) == []


def test_no_meetings_and_a_cycle_just_begun_give_no_warning(unit):
    assert services.meeting_sequence_warnings(unit) == []
    add_meetings(unit, (T.ACQUAINTANCE, day(9, 10)))
    assert services.meeting_sequence_warnings(unit) == []


def test_a_working_meeting_before_the_planning_one(unit):
    add_meetings(
        unit,
        (T.ACQUAINTANCE, day(9, 10)),
        (T.TRIAL, day(9, 17)),
        (T.WORKING, day(10, 1)),
        (T.PLANNING, day(10, 5)),
    )
    assert services.meeting_sequence_warnings(unit) == [
        "Рабочая встреча 01.10.2026 проведена до встречи-планирования 05.10.2026."
    ]


def test_a_working_meeting_without_any_planning_one(unit):
    add_meetings(unit, (T.ACQUAINTANCE, day(9, 10)), (T.TRIAL, day(9, 17)), (T.WORKING, day(10, 1)))
    assert services.meeting_sequence_warnings(unit) == [
        "Рабочая встреча 01.10.2026 проведена без встречи-планирования."
    ]


def test_a_first_meeting_that_is_not_the_acquaintance(unit):
    add_meetings(unit, (T.TRIAL, day(9, 17)))
    assert services.meeting_sequence_warnings(unit) == [
        "Пробная рабочая встреча 17.09.2026 проведена без встречи-знакомства."
    ]


def test_the_trial_meeting_before_the_acquaintance(unit):
    add_meetings(unit, (T.TRIAL, day(9, 10)), (T.ACQUAINTANCE, day(9, 17)))
    assert services.meeting_sequence_warnings(unit) == [
        "Пробная рабочая встреча 10.09.2026 проведена до встречи-знакомства 17.09.2026."
    ]


def test_planning_without_the_trial_meeting(unit):
    add_meetings(unit, (T.ACQUAINTANCE, day(9, 10)), (T.PLANNING, day(9, 17)))
    assert services.meeting_sequence_warnings(unit) == [
        "Встреча-планирование 17.09.2026 проведена без пробной рабочей встречи."
    ]


def test_the_final_meeting_that_is_not_the_last(unit):
    add_meetings(
        unit,
        (T.ACQUAINTANCE, day(9, 10)),
        (T.TRIAL, day(9, 17)),
        (T.PLANNING, day(9, 24)),
        (T.WORKING, day(10, 1)),
        (T.FINAL, day(10, 15)),
        (T.WORKING, day(10, 22)),
    )
    assert services.meeting_sequence_warnings(unit) == [
        "Итоговая встреча 15.10.2026 — не последняя: после неё записаны другие встречи."
    ]


def test_a_final_meeting_without_working_ones(unit):
    add_meetings(
        unit, (T.ACQUAINTANCE, day(9, 10)), (T.TRIAL, day(9, 17)), (T.PLANNING, day(9, 24)), (T.FINAL, day(10, 1))
    )
    assert services.meeting_sequence_warnings(unit) == ["Итоговая встреча 01.10.2026 проведена без рабочих встреч."]


def test_meetings_of_one_day_count_as_held_in_the_expected_order(unit):
    # Logged in the reverse order, on one day: the mentor met twice that day.
    add_meetings(unit, (T.TRIAL, day(9, 10)), (T.ACQUAINTANCE, day(9, 10)))
    assert services.meeting_sequence_warnings(unit) == []


def test_warnings_never_block_logging(unit, user):
    log(unit, user, T.FINAL, day(9, 10))
    log(unit, user, T.WORKING, day(9, 11))
    assert unit.meetings.count() == 2
    assert services.meeting_sequence_warnings(unit)


def test_the_strip_of_steps_and_the_next_expected_type(unit):
    assert services.next_meeting_type([]) == T.ACQUAINTANCE
    meetings = add_meetings(unit, (T.ACQUAINTANCE, day(9, 10)))
    assert services.next_meeting_type(meetings) == T.TRIAL
    meetings += add_meetings(unit, (T.TRIAL, day(9, 17)), (T.PLANNING, day(9, 24)), (T.WORKING, day(10, 1)))
    meetings += add_meetings(unit, (T.WORKING, day(10, 8)))
    assert services.next_meeting_type(meetings) == T.WORKING
    steps = services.meeting_steps(meetings)
    assert [(step.type, step.count, step.done) for step in steps] == [
        (T.ACQUAINTANCE, 1, True),
        (T.TRIAL, 1, True),
        (T.PLANNING, 1, True),
        (T.WORKING, 2, True),
        (T.FINAL, 0, False),
    ]
    assert steps[0].label == "знакомство (организационная)"


# Logging meetings --------------------------------------------------------------------------------


def approved_by_order(on_date: datetime.date, **unit_kwargs) -> MentoringUnit:
    """A unit the director approved by an order of that date (its term starts on 01.09.2026)."""
    unit = make_unit(ProgramFactory(organization=OrganizationFactory()), status=Status.SUBMITTED, **unit_kwargs)
    order = pairs.units_approve(units=[unit], by=UserFactory(), on_date=on_date)
    unit.refresh_from_db()
    assert unit.approval_order == order and order.date == on_date
    return unit


def test_the_first_meeting_starts_an_approved_unit_as_of_its_order(user):
    unit = approved_by_order(day(9, 5))
    mentee = unit.mentees.get().mentee
    meeting = log(
        unit,
        user,
        T.ACQUAINTANCE,
        day(9, 10),
        topic="Знакомство, правила работы",
        format=Meeting.Format.REMOTE,
        content="Рассказали о себе",
        result="Выбрать тему проекта",
        duration_minutes=40,
        attendees=[unit.mentor, mentee],
    )
    unit.refresh_from_db()
    assert unit.status == Status.ACTIVE
    # The order of 05.09 approves the term from 01.09: the pair works from the order, not from the meeting.
    assert unit.started_on == day(9, 5)
    assert meeting.created_by == user and not meeting.before_start
    assert meeting.format == Meeting.Format.REMOTE
    assert set(meeting.attendees.all()) == {unit.mentor, mentee}

    log(unit, user, T.TRIAL, day(9, 17))
    unit.refresh_from_db()
    assert unit.started_on == day(9, 5)


def test_the_start_by_the_order(user):
    by_order = approved_by_order(day(9, 5))
    assert services.unit_approved_start(by_order) == day(9, 5)
    # A term that begins after the order's date begins when the order says.
    later = approved_by_order(day(9, 5))
    MentoringUnit.objects.filter(pk=later.pk).update(planned_from=day(9, 15))
    later.refresh_from_db()
    assert services.unit_approved_start(later) == day(9, 15)
    # Without a recorded approval date (data of old): from the term.
    old = make_unit(ProgramFactory(organization=OrganizationFactory()), status=Status.APPROVED)
    assert services.unit_approved_start(old) == day(9, 1)


def test_a_meeting_before_the_start_by_the_order_needs_the_mentors_word(user):
    unit = approved_by_order(day(9, 5))
    with pytest.raises(ValidationError) as error:
        log(unit, user, T.ACQUAINTANCE, day(9, 3))
    assert error.value.message_dict == {
        "held_on": [
            "По приказу пара или группа работает с 05.09.2026, а эта встреча раньше. Проверьте дату или "
            "отметьте, что встреча прошла до начала работы по приказу."
        ]
    }
    unit.refresh_from_db()
    assert not Meeting.objects.exists() and unit.status == Status.APPROVED and unit.started_on is None

    meeting = log(unit, user, T.ACQUAINTANCE, day(9, 3), before_start=True)
    assert meeting.before_start
    unit.refresh_from_db()
    assert (unit.status, unit.started_on) == (Status.ACTIVE, day(9, 5))
    # The word is needed only for an early date: on the start or after it the meeting is plain.
    assert not log(unit, user, T.TRIAL, day(9, 5), before_start=True).before_start


def test_moving_a_meeting_keeps_the_start_by_the_order(user):
    unit = approved_by_order(day(9, 5))
    meeting = log(unit, user, T.ACQUAINTANCE, day(9, 10))

    def move(held_on, **kwargs):
        return services.meeting_update(
            meeting=meeting, by=user, held_on=held_on, type=T.ACQUAINTANCE, topic="Знакомство", **kwargs
        )

    with pytest.raises(ValidationError) as error:
        move(day(9, 4))
    assert "работает с 05.09.2026" in error.value.message_dict["held_on"][0]
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.topic) == (day(9, 10), "Тема")

    move(day(9, 4), before_start=True)
    meeting.refresh_from_db()
    unit.refresh_from_db()
    assert (meeting.held_on, meeting.topic, meeting.before_start) == (day(9, 4), "Знакомство", True)
    assert unit.started_on == day(9, 5)
    move(day(9, 8), before_start=True)
    meeting.refresh_from_db()
    assert (meeting.held_on, meeting.before_start) == (day(9, 8), False)


def test_the_migration_puts_the_start_of_working_units_right(user):
    """Working units started on their first meeting before; they now start by their order."""
    migration = importlib.import_module("mentoring.migrations.0010_started_on_by_the_order")
    by_order = approved_by_order(day(9, 5))
    log(by_order, user, T.ACQUAINTANCE, day(9, 10))
    without_order = make_unit(ProgramFactory(organization=OrganizationFactory()), status=Status.ACTIVE)
    completed = make_unit(ProgramFactory(organization=OrganizationFactory()), status=Status.COMPLETED)
    MentoringUnit.objects.update(started_on=day(9, 10))
    migration.forwards(django_apps, None)
    starts = dict(MentoringUnit.objects.values_list("pk", "started_on"))
    assert starts == {by_order.pk: day(9, 5), without_order.pk: day(9, 1), completed.pk: day(9, 10)}


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.COMPLETED, Status.TERMINATED])
def test_meetings_are_logged_only_in_approved_or_working_units(status, user):
    unit = make_unit(ProgramFactory(organization=OrganizationFactory()), status=status)
    with pytest.raises(ValidationError) as error:
        log(unit, user, T.ACQUAINTANCE, day(9, 10))
    assert "только в утверждённых и работающих" in error.value.messages[0]
    assert not Meeting.objects.exists()


def test_a_meeting_cannot_be_logged_in_the_future(unit, user):
    with pytest.raises(ValidationError) as error:
        log(unit, user, T.WORKING, timezone.localdate() + datetime.timedelta(days=1))
    assert error.value.message_dict == {"held_on": ["Эта дата ещё не наступила."]}


def test_attendees_are_people_of_the_unit(unit, user):
    stranger = ParticipantFactory(organization=unit.program.organization, last_name="Посторонний")
    with pytest.raises(ValidationError) as error:
        log(unit, user, T.WORKING, day(10, 1), attendees=[unit.mentor, stranger])
    assert "Посторонний" in error.value.message_dict["attendees"][0]


def test_a_meeting_needs_a_topic(unit, user):
    with pytest.raises(ValidationError) as error:
        log(unit, user, T.WORKING, day(10, 1), topic="  ")
    assert error.value.message_dict == {"topic": ["Укажите тему встречи."]}


# Plans ------------------------------------------------------------------------------------------


def test_plan_save_creates_changes_reorders_and_removes_rows(unit, user):
    membership = unit.mentees.get()
    plan = services.plan_save(
        membership=membership,
        by=user,
        goal="Повысить успеваемость по математике",
        tasks="Закрыть пробелы",
        items=[
            {"section": "Учёба", "activity": "Разобрать дроби", "due_on": day(10, 1), "result_form": "контрольная"},
            {"section": "Учёба", "activity": "Решить 20 задач", "due_on": day(11, 1), "result_form": "тетрадь"},
            {"activity": "Олимпиада"},
        ],
    )
    first, second, third = plan.items.all()
    services.plan_item_mark_done(item=first, by=user, done_on=day(10, 2), mentor_mark="зачтено")

    plan = services.plan_save(
        membership=membership,
        by=user,
        goal="Цель 2",
        items=[
            {"id": second.pk, "section": "Учёба", "activity": "Решить 30 задач", "due_on": day(11, 1)},
            {"id": first.pk, "section": "Учёба", "activity": "Разобрать дроби", "due_on": day(10, 1)},
            {"activity": "Проект"},
        ],
    )
    assert DevelopmentPlan.objects.count() == 1
    assert plan.goal == "Цель 2"
    rows = [(item.activity, item.position, item.done_on, item.mentor_mark) for item in plan.items.all()]
    assert rows == [
        ("Решить 30 задач", 1, None, ""),
        ("Разобрать дроби", 2, day(10, 2), "зачтено"),
        ("Проект", 3, None, ""),
    ]
    assert not PlanItem.objects.filter(pk=third.pk).exists()


def test_plan_save_refuses_rows_of_another_plan_and_a_plan_without_goal(unit, user):
    other = make_unit(ProgramFactory(organization=unit.program.organization), status=Status.ACTIVE)
    other_plan = services.plan_save(
        membership=other.mentees.get(), by=user, goal="Чужая цель", items=[{"activity": "Чужое"}]
    )
    membership = unit.mentees.get()
    with pytest.raises(ValidationError) as error:
        services.plan_save(
            membership=membership,
            by=user,
            goal="Цель",
            items=[{"id": other_plan.items.get().pk, "activity": "Моё"}],
        )
    assert error.value.messages == ["Строка 1 относится к другому плану."]
    with pytest.raises(ValidationError) as error:
        services.plan_save(membership=membership, by=user, goal=" ")
    assert error.value.message_dict == {"goal": ["Укажите цель плана."]}
    assert other_plan.items.get().activity == "Чужое"


def test_plans_are_written_only_in_working_units(user):
    unit = make_unit(ProgramFactory(organization=OrganizationFactory()), status=Status.DRAFT)
    with pytest.raises(ValidationError):
        services.plan_save(membership=unit.mentees.get(), by=user, goal="Цель")


def test_plan_progress(unit, user):
    assert services.plan_progress(None) == 0
    plan = services.plan_save(membership=unit.mentees.get(), by=user, goal="Цель")
    assert services.plan_progress(plan) == 0
    for number in range(3):
        services.plan_item_add(plan=plan, by=user, activity=f"Мероприятие {number}")
    items = list(plan.items.all())
    assert [item.position for item in items] == [1, 2, 3]
    services.plan_item_mark_done(item=items[0], by=user, done_on=day(10, 1))
    assert services.plan_progress(DevelopmentPlan.objects.get()) == 33
    services.plan_item_mark_done(item=items[1], by=user, done_on=day(10, 2))
    assert services.plan_progress(DevelopmentPlan.objects.get()) == 67


def test_marking_done_refuses_a_future_date_and_can_be_undone(unit, user):
    plan = services.plan_save(membership=unit.mentees.get(), by=user, goal="Цель")
    item = services.plan_item_add(plan=plan, by=user, activity="Разобрать дроби", due_on=day(10, 1))
    with pytest.raises(ValidationError):
        services.plan_item_mark_done(item=item, by=user, done_on=timezone.localdate() + datetime.timedelta(days=3))
    services.plan_item_mark_done(item=item, by=user, done_on=day(10, 3), mentor_mark="выполнено с опозданием")
    item.refresh_from_db()
    assert (item.done_on, item.mentor_mark) == (day(10, 3), "выполнено с опозданием")
    services.plan_item_mark_done(item=item, by=user, done_on=None, mentor_mark="что угодно")
    item.refresh_from_db()
    assert (item.done_on, item.mentor_mark) == (None, "")


# Completion -------------------------------------------------------------------------------------


def test_completion_needs_the_final_meeting_and_updates_the_registries(user):
    organization = OrganizationFactory()
    program = ProgramFactory(organization=organization)
    first = consented(ParticipantFactory(organization=organization))
    second = consented(ParticipantFactory(organization=organization))
    unit = make_unit(program, mentees=[first, second], status=Status.ACTIVE)
    mentor_entry = MentorEntryFactory(participant=unit.mentor, academic_year=2026)
    first_entry = MenteeEntryFactory(participant=first, academic_year=2026)
    second_entry = MenteeEntryFactory(participant=second, academic_year=2026)
    add_meetings(unit, (T.ACQUAINTANCE, day(9, 10)), (T.WORKING, day(10, 1)))

    with pytest.raises(ValidationError) as error:
        services.unit_finish(unit=unit, by=user, on=day(10, 30), results="Итоги")
    assert error.value.messages == ["Сначала запишите итоговую встречу."]

    add_meetings(unit, (T.FINAL, day(10, 29)))
    services.unit_finish(
        unit=unit,
        by=user,
        on=day(10, 30),
        results="Успеваемость выросла",
        case_url="https://school.example/case",
        full_cycle={first.pk: True, second.pk: False},
    )
    unit.refresh_from_db()
    assert (unit.status, unit.finished_on) == (Status.COMPLETED, day(10, 30))
    first_entry, second_entry = MenteeEntry.objects.get(pk=first_entry.pk), MenteeEntry.objects.get(pk=second_entry.pk)
    assert (first_entry.completed_on, first_entry.full_cycle) == (day(10, 30), True)
    assert first_entry.case_url == "https://school.example/case"
    assert (second_entry.completed_on, second_entry.full_cycle) == (day(10, 30), False)
    mentor_entry = MentorEntry.objects.get(pk=mentor_entry.pk)
    assert (mentor_entry.completed_on, mentor_entry.full_cycle) == (day(10, 30), True)
    assert mentor_entry.results == "Успеваемость выросла"
