import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from mentoring.models import MenteeEntry
from monitoring.indicators import services
from monitoring.indicators.models import ContingentFigures, Indicator, ReportingPeriod, Submission, Target
from monitoring.indicators.selectors import municipality_values, organization_values
from tests.indicators.factories import ContingentFactory, PeriodFactory, period_of
from tests.mentoring.factories import ParticipantFactory

FIGURES = {
    "students_total": 400,
    "students_10_19": 240,
    "students_15_19": 80,
    "students_additional": 120,
    "teachers": 40,
    "teachers_under_35": 10,
    "young_specialists": 5,
    "staff_trained": 12,
    "partner_organizations": 4,
}


def full_cycle_mentee(organization):
    participant = ParticipantFactory(organization=organization)
    return MenteeEntry.objects.create(
        participant=participant,
        academic_year=2026,
        entered_on=datetime.date(2026, 9, 10),
        completed_on=datetime.date(2026, 9, 25),
        full_cycle=True,
    )


@pytest.mark.parametrize(
    ("reporting_date", "due_on"),
    [
        (datetime.date(2027, 1, 1), datetime.date(2027, 1, 10)),
        (datetime.date(2026, 10, 1), datetime.date(2026, 10, 10)),
        (datetime.date(2026, 12, 15), datetime.date(2027, 1, 10)),
    ],
)
def test_the_due_date_defaults_to_the_10th_of_the_next_month(reporting_date, due_on):
    assert services.default_due_on(reporting_date) == due_on


def test_quarterly_periods_of_an_academic_year_keep_existing_ones(world):
    coordinator = world.a.users[Role.COORDINATOR]
    PeriodFactory(
        municipality=world.a.municipality, reporting_date=datetime.date(2027, 1, 1), due_on=datetime.date(2027, 1, 20)
    )
    created = services.periods_create_quarterly(municipality=world.a.municipality, academic_year=2026, by=coordinator)
    assert [period.reporting_date for period in created] == [
        datetime.date(2026, 10, 1),
        datetime.date(2027, 4, 1),
        datetime.date(2027, 7, 1),
    ]
    dates = ReportingPeriod.objects.filter(municipality=world.a.municipality).values_list("reporting_date", "due_on")
    assert list(dates) == [
        (datetime.date(2026, 10, 1), datetime.date(2026, 10, 10)),
        (datetime.date(2027, 1, 1), datetime.date(2027, 1, 20)),
        (datetime.date(2027, 4, 1), datetime.date(2027, 4, 10)),
        (datetime.date(2027, 7, 1), datetime.date(2027, 7, 10)),
    ]
    assert (
        services.periods_create_quarterly(municipality=world.a.municipality, academic_year=2026, by=coordinator) == []
    )


def test_a_period_refuses_a_duplicate_date_and_a_due_date_before_it(world):
    coordinator = world.a.users[Role.COORDINATOR]
    period_of(world.a)
    with pytest.raises(ValidationError) as error:
        services.period_save(
            municipality=world.a.municipality,
            reporting_date=datetime.date(2026, 10, 1),
            due_on=datetime.date(2026, 9, 30),
            by=coordinator,
        )
    assert set(error.value.message_dict) == {"reporting_date", "due_on"}
    # Another municipality may have the same date.
    services.period_save(municipality=world.b.municipality, reporting_date=datetime.date(2026, 10, 1), by=coordinator)


def test_a_used_period_keeps_its_date_and_cannot_be_deleted(world):
    period = period_of(world.a)
    ContingentFactory(organization=world.a.organization, period=period)
    coordinator = world.a.users[Role.COORDINATOR]
    with pytest.raises(ValidationError):
        services.period_save(
            municipality=world.a.municipality, reporting_date=datetime.date(2026, 10, 2), period=period, by=coordinator
        )
    with pytest.raises(ValidationError):
        services.period_delete(period=period, by=coordinator)
    # The due date may still move.
    services.period_save(
        municipality=world.a.municipality,
        reporting_date=period.reporting_date,
        due_on=datetime.date(2026, 10, 15),
        period=period,
        by=coordinator,
    )
    period.refresh_from_db()
    assert period.due_on == datetime.date(2026, 10, 15)


def test_contingent_rejects_negative_numbers_and_parts_greater_than_the_whole(world):
    period = period_of(world.a)
    curator = world.a.users[Role.CURATOR]
    # The staff parts are not compared with a wrong number of teachers.
    figures = FIGURES | {"teachers": -1, "students_10_19": 401, "students_additional": 500}
    with pytest.raises(ValidationError) as error:
        services.contingent_save(organization=world.a.organization, period=period, figures=figures, by=curator)
    assert error.value.message_dict == {
        "teachers": ["Число не может быть отрицательным."],
        "students_10_19": ["Не может быть больше, чем «обучающихся, всего» (400)."],
        "students_additional": ["Не может быть больше, чем «обучающихся, всего» (400)."],
    }
    assert not ContingentFigures.objects.exists()


def test_contingent_of_a_period_of_another_municipality_is_refused(world):
    with pytest.raises(ValidationError):
        services.contingent_save(
            organization=world.a.organization,
            period=period_of(world.b),
            figures=FIGURES,
            by=world.a.users[Role.CURATOR],
        )


def test_submitted_values_stay_as_submitted_and_a_resubmission_is_history(world):
    organization, period = world.a.organization, period_of(world.a)
    curator, director = world.a.users[Role.CURATOR], world.a.users[Role.DIRECTOR]
    services.contingent_save(organization=organization, period=period, figures=FIGURES, by=curator)
    full_cycle_mentee(organization)
    first = services.period_submit(organization=organization, period=period, by=curator)
    assert first.values["students-mentees"] == {
        "numerator": 1,
        "denominator": 400,
        "value": "0.25",
        "target": None,
        "applicable": True,
        "respondents": None,
        "score": None,
        "figures_on": None,
    }
    assert first.contingent == FIGURES

    # The registry and the contingent change after submitting: the submitted numbers do not.
    full_cycle_mentee(organization)
    services.contingent_save(
        organization=organization, period=period, figures=FIGURES | {"students_total": 500}, by=curator
    )
    values = organization_values(organization=organization, period=period)
    assert values.frozen and values.submission == first
    assert (values.values["students-mentees"].numerator, values.values["students-mentees"].value) == (
        1,
        Decimal("0.25"),
    )
    row = municipality_values(municipality=world.a.municipality, period=period)[0]
    assert row.values["students-mentees"].value == Decimal("0.25")

    # Submitting again takes the registry as it is now and keeps the first submission as history.
    second = services.period_submit(organization=organization, period=period, by=director)
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert second.submitted_by == director
    assert (second.values["students-mentees"]["numerator"], second.values["students-mentees"]["value"]) == (2, "0.4")
    assert first.values["students-mentees"]["value"] == "0.25"
    assert Submission.objects.filter(organization=organization, period=period).count() == 2
    assert organization_values(organization=organization, period=period).submission == second


def test_frozen_values_are_compared_with_the_current_target(world):
    organization, period = world.a.organization, period_of(world.a)
    ContingentFactory(organization=organization, period=period)
    full_cycle_mentee(organization)
    services.period_submit(organization=organization, period=period, by=world.a.users[Role.CURATOR])
    indicator = Indicator.objects.get(code="students-mentees")
    services.target_set(
        municipality=world.a.municipality, indicator=indicator, year=2026, value=Decimal("0.2"), by=None
    )
    value = organization_values(organization=organization, period=period).values["students-mentees"]
    assert (value.value, value.target, value.meets_target) == (Decimal("0.25"), Decimal("0.2"), True)


def test_submitting_needs_the_contingent_and_the_reporting_date(world):
    organization, curator = world.a.organization, world.a.users[Role.CURATOR]
    period = period_of(world.a)
    with pytest.raises(ValidationError) as error:
        services.period_submit(organization=organization, period=period, by=curator)
    assert error.value.messages == ["Перед отправкой введите контингент этого периода."]
    future = period_of(world.a, datetime.date(2100, 1, 1))
    ContingentFactory(organization=organization, period=future)
    with pytest.raises(ValidationError) as error:
        services.period_submit(organization=organization, period=future, by=curator)
    assert error.value.messages == ["Значения можно отправить начиная с отчётной даты, 01.01.2100."]
    with pytest.raises(ValidationError):
        services.period_submit(organization=organization, period=period_of(world.b), by=curator)
    assert not Submission.objects.exists()


def test_targets_table_is_saved_whole_or_not_at_all(world):
    percent = Indicator.objects.get(code="students-mentees")
    other = Indicator.objects.get(code="staff-trained")
    Target.objects.create(municipality=world.a.municipality, indicator=other, year=2026, value=10)
    with pytest.raises(ValidationError) as error:
        services.targets_save(
            municipality=world.a.municipality,
            values={(percent, 2026): Decimal("101"), (other, 2026): None},
            by=None,
        )
    assert error.value.message_dict == {"students-mentees-2026": ["Доля не может быть больше 100%."]}
    assert Target.objects.count() == 1
    services.targets_save(
        municipality=world.a.municipality,
        values={(percent, 2026): Decimal("35"), (percent, 2027): Decimal("50"), (other, 2026): None},
        by=None,
    )
    assert sorted(Target.objects.values_list("indicator__code", "year", "value")) == [
        ("students-mentees", 2026, Decimal("35.00")),
        ("students-mentees", 2027, Decimal("50.00")),
    ]


def test_every_shipped_indicator_is_consistent(db):
    for indicator in Indicator.objects.all():
        indicator.full_clean()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"source": "registry", "role": "", "denominator": "students_total"}, "role"),
        ({"source": "partners", "role": "mentee", "denominator": "partner_organizations"}, "role"),
        ({"source": "contingent", "denominator": "teachers"}, "numerator_figure"),
        ({"source": "registry", "role": "mentee", "denominator": ""}, "denominator"),
        ({"source": "satisfaction", "role": "mentor", "unit": "count"}, "unit"),
    ],
)
def test_an_inconsistent_indicator_is_refused(db, fields, field):
    indicator = Indicator(code="new", name="Новый", short_name="Новый", group=Indicator.Group.STAFF, **fields)
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert field in error.value.message_dict


def test_more_people_counted_than_the_contingent_has_needs_a_confirmation(world):
    # Three full-cycle mentees of a school whose contingent says two pupils: 150 %.
    organization, period = world.a.organization, period_of(world.a)
    curator = world.a.users[Role.CURATOR]
    pupils = {"students_total": 2, "students_10_19": 2, "students_15_19": 2, "students_additional": 2}
    services.contingent_save(organization=organization, period=period, figures=FIGURES | pupils, by=curator)
    for _ in range(3):
        full_cycle_mentee(organization)
    with pytest.raises(ValidationError) as refused:
        services.period_submit(organization=organization, period=period, by=curator)
    assert list(refused.value.message_dict) == ["confirm_exceeding"]
    assert not Submission.objects.exists()

    submission = services.period_submit(organization=organization, period=period, by=curator, confirm_exceeding=True)
    assert submission.values["students-mentees"]["value"] == "150"


def test_a_frozen_share_is_as_exact_as_a_live_one(world):
    organization, period = world.a.organization, period_of(world.a)
    curator = world.a.users[Role.CURATOR]
    services.contingent_save(
        organization=organization, period=period, figures=FIGURES | {"staff_trained": 1, "teachers": 22}, by=curator
    )
    live = organization_values(organization=organization, period=period).values["staff-trained"].value
    submission = services.period_submit(organization=organization, period=period, by=curator)
    frozen = organization_values(organization=organization, period=period).values["staff-trained"].value
    assert live == frozen == Decimal(100) / 22
    # A submission of before, stored rounded to hundredths (4.55, which would show 4,6), reads exact.
    submission.values["staff-trained"]["value"] = "4.55"
    submission.save()
    assert organization_values(organization=organization, period=period).values["staff-trained"].value == live
