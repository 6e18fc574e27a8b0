"""Templates and moving them to a year, activities and their occurrences, events that complete activities."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from mentoring.models import MenteeEntry
from roadmap import services
from roadmap.models import Activity, Layout, Occurrence, Roadmap, Status
from roadmap.selectors import activity_progress
from tests.mentoring.factories import MenteeEntryFactory, ParticipantFactory
from tests.roadmap.factories import (
    ActivityFactory,
    MunicipalRoadmapFactory,
    RoadmapFactory,
    StageFactory,
    activity_in,
    recurring_activity_in,
    registered_order,
)

D = datetime.date


def shipped(scope):
    return Roadmap.objects.get(is_template=True, organization=None, municipality=None, scope=scope)


# Templates


def test_the_standard_school_template_has_the_seven_stages_of_seed_000(db):
    template = shipped(Roadmap.Scope.ORGANIZATION)
    assert [stage.title for stage in template.stages.order_by("position")] == [
        "Подготовка условий для запуска программы наставничества",
        "Формирование базы наставляемых",
        "Формирование базы наставников",
        "Отбор и обучение наставников",
        "Формирование наставнических пар/групп",
        "Организация и осуществление работы наставнических пар/групп",
        "Завершение наставничества",
    ]
    assert template.activities.count() == 22
    assert template.academic_year == 2023


def test_creating_from_the_template_for_2026_27_shifts_every_date_into_that_year(world):
    user = world.a.users[Role.CURATOR]
    organization = world.a.organization
    roadmap = services.roadmap_from_template(
        template=shipped(Roadmap.Scope.ORGANIZATION), by=user, organization=organization, academic_year=2026
    )
    assert (roadmap.starts_on, roadmap.ends_on) == (D(2026, 8, 1), D(2027, 8, 31))
    assert (
        roadmap.title
        == f"Реализация целевой модели наставничества в {organization.short_name} на 2026-2027 учебный год"
    )
    activities = {activity.number: activity for activity in roadmap.activities.all() if activity.number}
    assert activities["1.1"].term_text == "август 2026"
    assert activities["1.1"].due_on == D(2026, 8, 31)
    assert activities["1.2"].term_text == "август-сентябрь 2026"
    assert activities["1.2"].due_on == D(2026, 9, 30)
    assert activities["6.2"].term_text == "Январь 2027г."
    assert activities["6.2"].due_on == D(2027, 1, 31)
    assert activities["7.1"].due_on == D(2027, 5, 31)
    assert activities["6.1"].term_text == "учебный год"
    assert activities["6.1"].due_on == D(2027, 8, 31)
    assert f"в {organization.short_name}" in activities["1.2"].title
    assert activities["1.2"].completes_on == "order_registered:model-introduction"
    assert activities["2.2"].responsible_roles == ["curator"]
    assert not roadmap.activities.exclude(status=Status.PLANNED).exists()
    # Every date of the template moved by three years, none stayed behind.
    template_dues = sorted(shipped(Roadmap.Scope.ORGANIZATION).activities.values_list("due_on", flat=True))
    assert sorted(roadmap.activities.values_list("due_on", flat=True)) == [
        day.replace(year=day.year + 3) for day in template_dues
    ]


def test_creating_the_municipal_roadmap_from_its_template(world):
    coordinator = world.a.users[Role.COORDINATOR]
    template = shipped(Roadmap.Scope.MUNICIPALITY)
    starts_on, ends_on = services.shifted_period(template, 2026)
    roadmap = services.roadmap_from_template(
        template=template, by=coordinator, municipality=world.a.municipality, starts_on=starts_on, ends_on=ends_on
    )
    assert (roadmap.starts_on, roadmap.ends_on) == (D(2026, 1, 1), D(2028, 12, 31))
    assert roadmap.layout == Layout.MUNICIPAL
    first = roadmap.activities.get(number="1.1")
    assert (first.term_text, first.due_on) == ("До 15 сентября 2026 года", D(2026, 9, 15))
    assert "на 2026-2028 гг." in first.title
    quarterly = roadmap.activities.get(number="5.1")
    assert [o.due_on for o in quarterly.occurrences.all()][:3] == [D(2026, 1, 1), D(2026, 4, 1), D(2026, 7, 1)]
    assert quarterly.occurrences.count() == 12
    # The indicators under 5.1 share its term: printed as one merged cell, each with its own dates.
    indicators = roadmap.activities.filter(stage=quarterly.stage, continues_previous=True)
    assert indicators.count() == 5
    assert all(row.term_as_above and row.occurrences.count() == 12 for row in indicators)


def test_an_organization_saves_its_roadmap_as_a_template_and_starts_next_year_from_it(world):
    user = world.a.users[Role.CURATOR]
    activity = activity_in(world.a.organization, term_text="до 15 сентября 2026", people=[user])
    activity.status = Status.DONE
    activity.save()
    template = services.roadmap_save_as_template(roadmap=activity.roadmap, by=user, name="Наша карта")
    assert template.is_template and template.organization == world.a.organization
    assert Roadmap.objects.filter(organization=world.a.organization, is_template=False).count() == 1

    next_year = services.roadmap_from_template(
        template=template, by=user, organization=world.a.organization, academic_year=2027
    )
    copied = next_year.activities.get()
    assert (copied.term_text, copied.due_on, copied.status) == ("до 15 сентября 2027", D(2027, 9, 15), Status.PLANNED)
    assert list(copied.responsible_users.all()) == [user]


def test_one_roadmap_per_organization_and_year(world):
    RoadmapFactory(organization=world.a.organization, academic_year=2026)
    with pytest.raises(ValidationError) as error:
        services.roadmap_create(
            by=world.a.users[Role.CURATOR], title="Ещё одна", organization=world.a.organization, academic_year=2026
        )
    assert "academic_year" in error.value.message_dict


# Activities, numbers, terms


def test_activities_are_numbered_and_a_continuation_row_has_no_number(world):
    stage = StageFactory(roadmap=RoadmapFactory(organization=world.a.organization), position=1)
    user = world.a.users[Role.CURATOR]
    first = services.activity_create(stage=stage, by=user, title="Сбор данных", term_text="сентябрь 2026")
    second = services.activity_create(
        stage=stage, by=user, content="3. Круглый стол", continues_previous=True, term_as_above=True
    )
    third = services.activity_create(stage=stage, by=user, title="Формирование базы", term_text="октябрь 2026")
    assert [a.number for a in Activity.objects.filter(stage=stage)] == ["1.1", "", "1.2"]
    second.refresh_from_db()
    assert (second.term_text, second.due_on) == ("сентябрь 2026", D(2026, 9, 30))
    services.activity_update(activity=first, by=user, term_text="август 2026")
    second.refresh_from_db()
    assert second.due_on == D(2026, 8, 31)
    services.activity_move(activity=third, by=user, up=True)
    assert [a.title for a in Activity.objects.filter(stage=stage)] == ["Сбор данных", "Формирование базы", ""]


def test_a_term_that_is_not_understood_is_refused_with_examples(world):
    stage = StageFactory(roadmap=RoadmapFactory(organization=world.a.organization))
    with pytest.raises(ValidationError) as error:
        services.activity_create(stage=stage, by=world.a.users[Role.CURATOR], title="Х", term_text="когда получится")
    assert "ежегодно до 01 октября" in error.value.message_dict["term_text"][0]


def test_changing_the_period_recomputes_deadlines(world):
    activity = activity_in(world.a.organization, term_text="до 1 октября")
    assert activity.due_on == D(2026, 10, 1)
    services.roadmap_update(roadmap=activity.roadmap, by=world.a.users[Role.CURATOR], academic_year=2027)
    activity.refresh_from_db()
    assert activity.due_on == D(2027, 10, 1)


# Occurrences


def test_each_occurrence_of_a_quarterly_activity_has_its_own_status(world):
    activity = recurring_activity_in(world.a.organization)
    occurrences = list(activity.occurrences.all())
    assert [o.due_on for o in occurrences] == [D(2026, 10, 1), D(2027, 1, 1), D(2027, 4, 1), D(2027, 7, 1)]
    assert activity.is_recurring

    services.set_status(
        target=occurrences[0], completion=services.Completion(status=Status.DONE, evidence_note="Отчёт сдан")
    )
    activity.refresh_from_db()
    assert activity.status == Status.IN_PROGRESS
    progress = activity_progress(activity, D(2027, 1, 15))
    assert (progress.done, progress.overdue, progress.soon) == (0.25, 1, 0)

    for occurrence in occurrences[1:]:
        services.set_status(target=occurrence, completion=services.Completion(status=Status.DONE))
    activity.refresh_from_db()
    assert activity.status == Status.DONE
    with pytest.raises(ValidationError):
        services.set_status(target=activity, completion=services.Completion(status=Status.DONE))


def test_overdue_is_computed_not_stored(world):
    activity = activity_in(world.a.organization, term_text="октябрь 2026")
    assert activity.status == Status.PLANNED
    assert activity.is_overdue_on(D(2026, 11, 1))
    assert not activity.is_overdue_on(D(2026, 10, 31))


def test_evidence_order_must_be_a_registered_order_of_the_same_register(world):
    activity = activity_in(world.a.organization)
    foreign = registered_order(organization=world.b.organization)
    with pytest.raises(ValidationError) as error:
        services.set_status(target=activity, completion=services.Completion(status=Status.DONE, evidence_order=foreign))
    assert "evidence_order" in error.value.message_dict
    own = registered_order(organization=world.a.organization)
    services.set_status(target=activity, completion=services.Completion(status=Status.DONE, evidence_order=own))
    activity.refresh_from_db()
    assert (activity.status, activity.evidence_order) == (Status.DONE, own)


# Events


def test_an_activity_completes_itself_when_its_order_is_registered(world):
    activity = activity_in(world.a.organization, completes_on="order_registered:model-introduction")
    other = activity_in(world.b.organization, completes_on="order_registered:model-introduction")
    order = registered_order(organization=world.a.organization, number="17-ОД")

    done = services.activities_complete_on_event(
        event="order_registered:model-introduction",
        organization=world.a.organization,
        evidence_order=order,
        on_date=D(2026, 9, 1),
    )
    assert [item.activity for item in done] == [activity]
    activity.refresh_from_db()
    assert (activity.status, activity.evidence_order, activity.completed_on) == (Status.DONE, order, D(2026, 9, 1))
    assert "17-ОД" in activity.evidence_note
    other.refresh_from_db()
    assert other.status == Status.PLANNED
    activity.roadmap.refresh_from_db()
    assert activity.roadmap.approved_by == order
    # Once done, the next registration changes nothing.
    assert not services.activities_complete_on_event(
        event="order_registered:model-introduction", organization=world.a.organization, on_date=D(2026, 9, 2)
    )


def test_a_quarterly_report_completes_the_nearest_occurrence(world):
    roadmap = MunicipalRoadmapFactory(municipality=world.a.municipality)
    activity = ActivityFactory(
        stage=StageFactory(roadmap=roadmap),
        term_text="Ежеквартально (1 января, 1 апреля, 1 июля, 1 октября)",
        completes_on="quarterly_report_submitted",
    )
    done = services.activities_complete_on_event(
        event="quarterly_report_submitted", municipality=world.a.municipality, on_date=D(2026, 4, 8)
    )
    assert done[0].occurrence.due_on == D(2026, 4, 1)
    assert list(activity.occurrences.filter(status=Status.DONE).values_list("due_on", flat=True)) == [D(2026, 4, 1)]


def test_the_mentee_registry_completes_its_activity_when_it_is_not_empty(world):
    activity = activity_in(world.a.organization, completes_on="registry_not_empty:mentees")
    assert services.registry_events_check(on_date=D(2026, 9, 20)) == []
    MenteeEntryFactory(participant=ParticipantFactory(organization=world.a.organization), academic_year=2026)
    assert MenteeEntry.objects.count() == 1
    done = services.registry_events_check(on_date=D(2026, 9, 20))
    assert [item.activity for item in done] == [activity]
    activity.refresh_from_db()
    assert activity.status == Status.DONE
    assert "реестре наставляемых" in activity.evidence_note


def test_occurrences_follow_a_changed_term(world):
    activity = recurring_activity_in(world.a.organization)
    first = activity.occurrences.first()
    services.set_status(target=first, completion=services.Completion(status=Status.DONE))
    services.activity_update(
        activity=activity, by=world.a.users[Role.CURATOR], term_text="ежеквартально: 1 октября, 1 января"
    )
    assert list(Occurrence.objects.filter(activity=activity).values_list("due_on", "status")) == [
        (D(2026, 10, 1), Status.DONE),
        (D(2027, 1, 1), Status.PLANNED),
    ]
