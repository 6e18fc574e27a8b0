"""The indicator «работники, обученные наставничеству» counts the completions of the «Школа
наставников»: staff only, each person once, the hand-typed figure only for a date without any; the
dashboard's kept counts follow a completion once it is committed."""

import datetime

from mentoring.training import services as training
from monitoring.indicators.selectors import compute_values, values_by_period
from tests.indicators.factories import ContingentFactory, PeriodFactory
from tests.mentoring.factories import (
    MentorEntryFactory,
    ParticipantFactory,
    StaffFactory,
    TrainingEnrolmentFactory,
    TrainingProgramFactory,
    municipal_training,
)

OCTOBER = datetime.date(2026, 10, 1)
JANUARY = datetime.date(2027, 1, 1)


def staff_trained(organization, day):
    value = compute_values(organization_ids=[organization.pk], on_date=day, municipality=organization.municipality)
    return value[organization.pk]["staff-trained"]


def complete(enrolment, on):
    return training.training_complete(enrolment=enrolment, completed_on=on, certificate_number="1")


def test_staff_count_once_volunteers_not_and_the_hand_typed_figure_only_without_completions(world):
    school = world.a.organization
    period = PeriodFactory(municipality=school.municipality, reporting_date=OCTOBER)
    ContingentFactory(organization=school, period=period, teachers=40, staff_trained=12)
    assert (staff_trained(school, JANUARY).numerator, staff_trained(school, JANUARY).value) == (12, 30)
    teacher = StaffFactory(organization=school)
    volunteer = ParticipantFactory(organization=school, category="volunteer")
    MentorEntryFactory(participant=volunteer)
    own, municipal = TrainingProgramFactory(organization=school), municipal_training(school)
    complete(TrainingEnrolmentFactory(program=own, participant=teacher), datetime.date(2026, 10, 20))
    complete(TrainingEnrolmentFactory(program=municipal, participant=teacher), datetime.date(2026, 11, 20))
    complete(TrainingEnrolmentFactory(program=own, participant=volunteer), datetime.date(2026, 10, 20))
    TrainingEnrolmentFactory(program=own, participant=StaffFactory(organization=school))  # still in training
    assert staff_trained(school, JANUARY).numerator == 1
    assert staff_trained(school, JANUARY).value == 2.5
    # Before the first completion the date keeps the hand-typed figure; another school is untouched.
    assert staff_trained(school, datetime.date(2026, 10, 19)).numerator == 12
    assert (
        staff_trained(world.b.organization, JANUARY).numerator,
        staff_trained(world.b.organization, JANUARY).value,
    ) == (0, None)


def test_the_dashboard_counts_a_completion_once_it_is_committed(world, django_capture_on_commit_callbacks):
    school = world.a.organization
    period = PeriodFactory(municipality=school.municipality, reporting_date=JANUARY)
    ContingentFactory(organization=school, period=period, teachers=4, staff_trained=None)
    enrolment = TrainingEnrolmentFactory(program=TrainingProgramFactory(organization=school))

    def on_dashboard():
        rows = values_by_period(municipality=school.municipality, periods=[period], cached=True)[period.pk]
        return next(row for row in rows if row.organization == school).values["staff-trained"].value

    assert on_dashboard() == 0
    with django_capture_on_commit_callbacks(execute=True):
        complete(enrolment, datetime.date(2026, 12, 1))
    school.refresh_from_db()
    assert on_dashboard() == 25
