"""The indicator «работники, обученные наставничеству» as of a date, for any small set of trainings
(hypothesis): its numerator on D is the staff with a completion dated on or before D (the hand-typed
figure only when there is none), and nothing that happens after D moves it: completions dated after
D, withdrawals, depersonalization.

Each example is built inside a savepoint rolled back after it."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from mentoring.registry.services import participant_depersonalize
from mentoring.training import services as training
from monitoring.indicators.selectors import compute_values
from tests.indicators.factories import ContingentFactory, PeriodFactory
from tests.mentoring.factories import MentorEntryFactory, ParticipantFactory, StaffFactory, TrainingProgramFactory

D = datetime.date(2027, 1, 1)
LATER = datetime.date(2027, 4, 1)
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
days = st.integers(-90, 90).map(lambda offset: D + datetime.timedelta(days=offset))


@dataclass(frozen=True)
class EnrolmentSpec:
    program: int  # which of the two programs
    enrolled_on: datetime.date
    # Days after the enrolment it ends, and how: completed, withdrawn, or still open (None).
    ends_after: int
    outcome: str | None


@dataclass(frozen=True)
class PersonSpec:
    staff: bool  # else a volunteer mentor: trained, but not a worker of education
    enrolments: tuple[EnrolmentSpec, ...]
    depersonalized: bool


enrolments = st.builds(
    EnrolmentSpec,
    program=st.integers(0, 1),
    enrolled_on=days,
    ends_after=st.integers(0, 60),
    outcome=st.sampled_from([None, "completed", "withdrawn"]),
)
people = st.builds(
    PersonSpec,
    staff=st.booleans(),
    # One enrolment per program at most (a unique constraint).
    enrolments=st.lists(enrolments, max_size=2, unique_by=lambda spec: spec.program).map(tuple),
    depersonalized=st.booleans(),
)


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def trained_on(organization, day: datetime.date) -> int | None:
    values = compute_values(organization_ids=[organization.pk], on_date=day, municipality=organization.municipality)
    return values[organization.pk]["staff-trained"].numerator


@pytest.fixture
def school(world):
    return world.a.organization


def build(school, specs, hand_typed):
    """The people and their enrolments; returns the events after D to apply later, in date order."""
    ContingentFactory(organization=school, period=period_of(school), staff_trained=hand_typed)
    programs = [TrainingProgramFactory(organization=school), TrainingProgramFactory(organization=school)]
    later = []
    people = []
    for spec in specs:
        if spec.staff:
            person = StaffFactory(organization=school)
        else:
            person = ParticipantFactory(organization=school, category="volunteer", birth_date=datetime.date(1990, 1, 1))
            MentorEntryFactory(participant=person)
        people.append((spec, person))
        for enrolment_spec in spec.enrolments:
            enrolment = training.training_enrol(
                program=programs[enrolment_spec.program],
                participant=person,
                role="mentor",
                enrolled_on=enrolment_spec.enrolled_on,
            )
            end = enrolment_spec.enrolled_on + datetime.timedelta(days=enrolment_spec.ends_after)
            if enrolment_spec.outcome is None:
                continue
            event = (end, enrolment_spec.outcome, enrolment)
            if end <= D:
                apply(event)
            else:
                later.append(event)
    return people, sorted(later, key=lambda event: (event[0], event[2].pk))


def period_of(school):
    return PeriodFactory(municipality=school.municipality, reporting_date=datetime.date(2026, 10, 1))


def apply(event) -> None:
    day, outcome, enrolment = event
    if outcome == "completed":
        training.training_complete(enrolment=enrolment, completed_on=day, certificate_number="1")
    else:
        training.training_withdraw(enrolment=enrolment, on=day)


@SETTINGS
@given(specs=st.lists(people, max_size=6), hand_typed=st.none() | st.integers(0, 30))
def test_the_figure_on_a_date_reads_completions_on_or_before_it_and_nothing_later_moves_it(school, specs, hand_typed):
    with rolled_back():
        made, later = build(school, specs, hand_typed)
        on_d = trained_on(school, D)
        completed_staff = {
            person.pk
            for spec, person in made
            if spec.staff
            for enrolment_spec in spec.enrolments
            if enrolment_spec.outcome == "completed"
            and enrolment_spec.enrolled_on + datetime.timedelta(days=enrolment_spec.ends_after) <= D
        }
        expected = len(completed_staff) or (hand_typed if hand_typed is not None else 0)
        assert on_d == expected
        for event in later:
            apply(event)
        for spec, person in made:
            if spec.depersonalized:
                participant_depersonalize(participant=person)
        assert trained_on(school, D) == on_d
        # Later dates see the later completions, and never fewer people than before.
        assert trained_on(school, LATER) >= (len(completed_staff) or 0)
