"""Aggregates of organizations over a window: people by form, pairs and groups started, completed
and terminated, full cycles; all organizations at once in a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentoring.models import MenteeEntry, MentorEntry, MentoringForm, MentoringUnit, UnitMentee
from monitoring.indicators.aggregates import municipal_values, organization_aggregates, period_aggregates, totals
from monitoring.indicators.selectors import municipality_values, targets_of
from tests.accounts.factories import OrganizationFactory
from tests.indicators.factories import PeriodFactory
from tests.indicators.test_dashboard_world import monitoring_world
from tests.mentoring.factories import ParticipantFactory, ProgramFactory, StaffFactory, make_unit

pytestmark = pytest.mark.django_db

START, END = datetime.date(2026, 9, 1), datetime.date(2026, 10, 1)


def unit(program, *, status, started_on, finished_on=None, mentor=None, mentees=None):
    made = make_unit(program, status=status, mentor=mentor, mentees=mentees)
    MentoringUnit.objects.filter(pk=made.pk).update(started_on=started_on, finished_on=finished_on)
    return made


def full_cycle(organization, completed_on, *, mentor=False):
    model, factory = (MentorEntry, StaffFactory) if mentor else (MenteeEntry, ParticipantFactory)
    return model.objects.create(
        participant=factory(organization=organization),
        academic_year=2026,
        entered_on=datetime.date(2026, 9, 2),
        completed_on=completed_on,
        full_cycle=True,
    )


@pytest.fixture
def school():
    organization = OrganizationFactory(short_name="СОШ № 1")
    program = ProgramFactory(organization=organization)
    teacher = StaffFactory(organization=organization)
    # The same mentor in a working pair and in a terminated one counts once.
    unit(program, status=MentoringUnit.Status.ACTIVE, started_on=START, mentor=teacher)
    unit(
        program,
        status=MentoringUnit.Status.TERMINATED,
        started_on=datetime.date(2026, 9, 5),
        finished_on=datetime.date(2026, 9, 25),
        mentor=teacher,
    )
    group = unit(
        program,
        status=MentoringUnit.Status.COMPLETED,
        started_on=START,
        finished_on=datetime.date(2026, 9, 20),
        mentees=[ParticipantFactory(organization=organization), ParticipantFactory(organization=organization)],
    )
    assert group.kind == MentoringUnit.Kind.GROUP
    # Not counted: a draft, and a pair that finished before the window.
    unit(program, status=MentoringUnit.Status.DRAFT, started_on=None)
    old = ProgramFactory(organization=organization, academic_year=2025)
    unit(
        old,
        status=MentoringUnit.Status.COMPLETED,
        started_on=datetime.date(2025, 9, 1),
        finished_on=datetime.date(2026, 5, 31),
    )
    teachers = ProgramFactory(organization=organization, form=MentoringForm.objects.get(code="teacher-teacher"))
    unit(
        teachers,
        status=MentoringUnit.Status.APPROVED,
        started_on=None,
        mentor=StaffFactory(organization=organization),
        mentees=[StaffFactory(organization=organization, teaching_since=datetime.date(2025, 9, 1))],
    )
    full_cycle(organization, datetime.date(2026, 9, 20))
    full_cycle(organization, datetime.date(2026, 9, 20))
    full_cycle(organization, datetime.date(2026, 9, 20), mentor=True)
    full_cycle(organization, datetime.date(2026, 6, 1))  # before the window
    return organization


def test_counts_of_one_school(school):
    found = organization_aggregates(organization_ids=[school.pk], date_from=START, date_to=END)
    mine = found.of(school.pk)
    assert (mine.pairs.started, mine.pairs.completed, mine.pairs.terminated) == (2, 0, 1)
    assert (mine.groups.started, mine.groups.completed, mine.groups.terminated) == (1, 1, 0)
    # Pupils: 1 (active pair) + 1 (terminated pair) + 2 (group); teachers: 1 young teacher.
    assert mine.mentees == 5
    # The shared mentor, the group's mentor, the teachers' mentor.
    assert mine.mentors == 3
    student, teacher = (
        MentoringForm.objects.get(code="student-student"),
        MentoringForm.objects.get(code="teacher-teacher"),
    )
    assert mine.mentees_by_form == {student.pk: 4, teacher.pk: 1}
    assert mine.mentors_by_form == {student.pk: 2, teacher.pk: 1}
    assert [(row.form.code, row.mentees, row.mentors) for row in mine.by_form(found.forms)] == [
        (form.code, n, m) for form, n, m in sorted([(student, 4, 2), (teacher, 1, 1)], key=lambda r: r[0].position)
    ]
    assert (mine.full_cycle_mentees, mine.full_cycle_mentors) == (2, 1)
    assert mine.satisfaction_mentees is None and mine.satisfaction_mentors is None


def test_a_member_who_left_before_the_window_is_not_counted(school):
    membership = UnitMentee.objects.filter(unit__program__organization=school, unit__kind="group").first()
    membership.left_on = datetime.date(2026, 8, 31)
    membership.save()
    found = organization_aggregates(organization_ids=[school.pk], date_from=START, date_to=END)
    assert found.of(school.pk).mentees == 4


def test_a_unit_ended_before_its_planned_start_never_worked(school):
    """Approved for a later start and terminated (a withdrawal) before it: terminated in the window,
    but its mentor and mentee were never in mentoring, on no day."""
    before = organization_aggregates(organization_ids=[school.pk], date_from=START, date_to=END).of(school.pk)
    later = make_unit(
        ProgramFactory(organization=school),
        status=MentoringUnit.Status.TERMINATED,
        mentor=StaffFactory(organization=school),
        mentees=[ParticipantFactory(organization=school)],
    )
    MentoringUnit.objects.filter(pk=later.pk).update(
        planned_from=datetime.date(2026, 9, 25), finished_on=datetime.date(2026, 9, 10), started_on=None
    )
    after = organization_aggregates(organization_ids=[school.pk], date_from=START, date_to=END).of(school.pk)
    assert (after.mentors, after.mentees) == (before.mentors, before.mentees)
    assert after.pairs.terminated == before.pairs.terminated + 1


def test_an_organization_without_mentoring_has_zeros(school):
    empty = OrganizationFactory(municipality=school.municipality)
    found = organization_aggregates(organization_ids=[school.pk, empty.pk], date_from=START, date_to=END)
    nothing = found.of(empty.pk)
    assert (nothing.mentees, nothing.mentors, nothing.units.started, nothing.full_cycle_mentees) == (0, 0, 0, 0)
    total = totals(found)
    assert total.mentees == 5 and total.units.started == 3 and total.units.completed == 1


def test_query_count_is_fixed_whatever_the_number_of_organizations(school):
    def count(ids):
        with CaptureQueriesContext(connection) as context:
            organization_aggregates(organization_ids=ids, date_from=START, date_to=END)
        return len(context.captured_queries)

    before = count([school.pk])
    others = []
    for _n in range(4):
        other = OrganizationFactory(municipality=school.municipality)
        unit(ProgramFactory(organization=other), status=MentoringUnit.Status.ACTIVE, started_on=START)
        full_cycle(other, datetime.date(2026, 9, 20))
        others.append(other.pk)
    assert count([school.pk, *others]) == before


def test_period_window_is_the_academic_year_to_the_reporting_date(school):
    period = PeriodFactory(municipality=school.municipality, reporting_date=datetime.date(2027, 1, 1))
    found = period_aggregates(period=period, rows=municipality_values(municipality=school.municipality, period=period))
    assert (found.date_from, found.date_to) == (datetime.date(2026, 9, 1), datetime.date(2027, 1, 1))


def test_municipal_values_sum_numerators_and_denominators(world):
    data = monitoring_world(world)
    rows = municipality_values(municipality=world.a.municipality, period=data.period)
    indicators = [data.mentees, data.trained]
    municipal = municipal_values(rows, indicators, targets_of(world.a.municipality, 2026))
    mentees = municipal["t-mentees"]
    assert (mentees.numerator, mentees.denominator, mentees.value) == (40, 200, Decimal("20.00"))
    assert mentees.average == Decimal("20.00")
    assert mentees.deviation == Decimal("-5.00") and mentees.meets_target is False
    trained = municipal["t-trained"]
    assert (trained.numerator, trained.denominator, trained.value) == (40, 80, Decimal("50.00"))
    assert trained.meets_target is True
    assert mentees.reported == 2


def test_satisfaction_comes_from_the_questionnaires(world):
    from monitoring.models import Questionnaire
    from tests.monitoring.factories import campaign, questionnaire, scores

    organization = world.a.organization
    scores(campaign(organization, count=2), (8, 6), (10, 9))  # 70 and 95
    mentors = questionnaire(organization, purpose=Questionnaire.Purpose.SATISFACTION_MENTOR, audience="mentor")
    scores(campaign(organization, questionnaire_=mentors, count=1), (9, 9))
    today = datetime.date.today()
    found = organization_aggregates(
        organization_ids=[organization.pk, world.b.organization.pk],
        date_from=today - datetime.timedelta(days=30),
        date_to=today,
    )
    assert found.of(organization.pk).satisfaction_mentees == Decimal("82.50")
    assert found.of(organization.pk).satisfaction_mentors == Decimal("90.00")
    assert found.of(world.b.organization.pk).satisfaction_mentees is None
    assert totals(found).satisfaction_mentees == Decimal("82.50")
