"""The values of the shipped indicators on a small hand-made registry, with exact numbers.

As of 1 October 2026 the period counts from 1 September 2026 (academic year 2026/2027); ages and
teaching experience are taken on 1 October 2026; the targets are those of 2026.
"""

import datetime
from decimal import Decimal

import pytest

from accounts.models import Organization, Role
from mentoring.models import MenteeEntry, MentorEntry, MentoringForm, MentoringUnit, Participant, UnitMentee
from monitoring.indicators.models import Indicator, Target
from monitoring.indicators.selectors import compute_values, municipality_values, organization_values
from monitoring.indicators.services import period_submit
from tests.accounts.factories import OrganizationFactory
from tests.helpers import assert_queries_constant, count_queries
from tests.indicators.factories import ContingentFactory, period_of
from tests.mentoring.factories import ParticipantFactory, PartnerFactory, ProgramFactory, StaffFactory

ON = datetime.date(2026, 10, 1)
ENTERED = datetime.date(2026, 9, 15)
Category = Participant.Category
Status = MentoringUnit.Status


def mentee(organization, *, born=datetime.date(2013, 3, 15), category=Category.STUDENT, full_cycle=False, **entry):
    participant = ParticipantFactory(organization=organization, category=category, birth_date=born)
    entered_on = entry.pop("entered_on", ENTERED)
    MenteeEntry.objects.create(
        participant=participant,
        academic_year=entry.pop("academic_year", 2026),
        entered_on=entered_on,
        # A full cycle is dated: completed ten days after the entry, before the date of the values.
        completed_on=entered_on + datetime.timedelta(days=10) if full_cycle else None,
        full_cycle=full_cycle,
    )
    return participant


def teacher_mentee(organization, *, born, teaching_since):
    participant = StaffFactory(organization=organization, birth_date=born, teaching_since=teaching_since)
    MenteeEntry.objects.create(participant=participant, academic_year=2026, entered_on=ENTERED)
    return participant


def mentor(organization, *, born=datetime.date(1985, 6, 1), category=Category.STAFF, partner=None, academic_year=2026):
    participant = ParticipantFactory(organization=organization, category=category, birth_date=born, partner=partner)
    MentorEntry.objects.create(participant=participant, academic_year=academic_year, entered_on=ENTERED)
    return participant


def in_unit(participant, form_code, *, status=Status.ACTIVE, joined_on=ENTERED, left_on=None):
    program = ProgramFactory(organization=participant.organization, form=MentoringForm.objects.get(code=form_code))
    unit = MentoringUnit.objects.create(
        program=program,
        form=program.form,
        mentor=StaffFactory(organization=participant.organization),
        planned_from=program.starts_on,
        planned_to=program.ends_on,
        status=status,
    )
    UnitMentee.objects.create(unit=unit, mentee=participant, joined_on=joined_on, left_on=left_on)


@pytest.fixture
def school(world):
    """School A's registry as of 1 October 2026."""
    organization = world.a.organization
    ContingentFactory(organization=organization, period=period_of(world.a))  # 400 students, 240 aged 10–19 …
    # Student mentees: ages 13, 10 (birthday on the date), 9 (birthday the day after), 19, 20.
    mentee(organization, born=datetime.date(2013, 3, 15), full_cycle=True)
    mentee(organization, born=datetime.date(2016, 10, 1))
    mentee(organization, born=datetime.date(2016, 10, 2), full_cycle=True)
    mentee(organization, born=datetime.date(2007, 10, 1))
    mentee(organization, born=datetime.date(2006, 10, 1))
    mentee(organization, born=datetime.date(2012, 1, 1), full_cycle=True)
    # Not in the period: entered after the date; last academic year's entry.
    mentee(organization, full_cycle=True, entered_on=datetime.date(2026, 10, 2))
    mentee(organization, full_cycle=True, academic_year=2025, entered_on=datetime.date(2025, 9, 15))
    # Mentors: 16 (counts), 14 the day before the 15th birthday (does not), a college student of 19 (counts).
    mentor(organization, born=datetime.date(2010, 5, 5), category=Category.STUDENT)
    mentor(organization, born=datetime.date(2011, 10, 2), category=Category.STUDENT)
    mentor(organization, born=datetime.date(2007, 1, 1), category=Category.COLLEGE_STUDENT)
    # Partners: two mentors from one partner and one from another count 2; last year's third partner does not.
    first, second, third = (PartnerFactory(organization=organization) for _ in range(3))
    mentor(organization, category=Category.EMPLOYER, partner=first)
    mentor(organization, category=Category.EMPLOYER, partner=first)
    mentor(organization, category=Category.VOLUNTEER, partner=second)
    mentor(organization, category=Category.EMPLOYER, partner=third, academic_year=2025)
    # Teachers: 2 years of teaching and 28; 3 years (the 4th starts the day after) and 41;
    # 4 years and 31; half a year and 35 on the date.
    teacher_mentee(organization, born=datetime.date(1998, 2, 1), teaching_since=datetime.date(2024, 9, 1))
    teacher_mentee(organization, born=datetime.date(1985, 6, 1), teaching_since=datetime.date(2022, 10, 2))
    teacher_mentee(organization, born=datetime.date(1995, 6, 1), teaching_since=datetime.date(2022, 10, 1))
    teacher_mentee(organization, born=datetime.date(1991, 10, 1), teaching_since=datetime.date(2026, 3, 1))
    return organization


@pytest.fixture
def centre(world):
    """An additional-education centre of municipality A: 50 students in additional education."""
    organization = OrganizationFactory(municipality=world.a.municipality, kind=Organization.Kind.ADDITIONAL)
    ContingentFactory(organization=organization, period=period_of(world.a), students_total=50, students_additional=50)
    in_unit(mentee(organization, full_cycle=True), "student-student")
    in_unit(mentee(organization, full_cycle=True), "teacher-student")
    in_unit(mentee(organization, full_cycle=True), "employer-student", status=Status.DRAFT)
    in_unit(mentee(organization), "student-student")
    in_unit(
        mentee(organization, full_cycle=True),
        "employer-student",
        joined_on=datetime.date(2026, 6, 1),
        left_on=datetime.date(2026, 8, 20),
    )
    return organization


def values_of(organization, municipality):
    return compute_values(organization_ids=[organization.pk], on_date=ON, municipality=municipality)[organization.pk]


def test_students_in_mentee_role_count_after_the_full_cycle_only(world, school):
    value = values_of(school, world.a.municipality)["students-mentees"]
    assert (value.numerator, value.denominator, value.value) == (3, 400, Decimal("0.75"))


def test_age_band_is_taken_on_the_reporting_date(world, school):
    values = values_of(school, world.a.municipality)
    mentees = values["youth-10-19-mentees"]
    # Exact: 4 of 240 is 1.666…, rounded only where it is shown.
    assert (mentees.numerator, mentees.denominator, mentees.value) == (4, 240, Decimal(400) / Decimal(240))
    mentors = values["youth-15-19-mentors"]
    assert (mentors.numerator, mentors.denominator, mentors.value) == (2, 80, Decimal("2.50"))


def test_young_specialists_have_up_to_three_full_years_of_teaching(world, school):
    value = values_of(school, world.a.municipality)["young-specialists-mentees"]
    assert (value.numerator, value.denominator, value.value) == (3, 5, Decimal("60.00"))


def test_teachers_under_35_in_their_first_three_years(world, school):
    value = values_of(school, world.a.municipality)["young-teachers-under-35"]
    assert (value.numerator, value.denominator, value.value) == (1, 10, Decimal("10.00"))


def test_partners_that_provided_mentors_are_counted_once(world, school):
    value = values_of(school, world.a.municipality)["partners-mentors"]
    assert (value.numerator, value.denominator, value.value) == (2, 4, Decimal("50.00"))


def test_a_contingent_figure_as_numerator(world, school):
    value = values_of(school, world.a.municipality)["staff-trained"]
    assert (value.numerator, value.denominator, value.value) == (12, 40, Decimal("30.00"))


def test_forms_count_working_units_during_the_period(world, centre):
    values = values_of(centre, world.a.municipality)
    # Any form, full cycle: all four with the mark (the draft unit does not matter here).
    assert values["additional-students-mentees"].numerator == 4
    assert values["additional-students-mentees"].value == Decimal("8.00")
    # «ученик – ученик» or «работодатель – ученик» in a working unit during the period: one.
    best = values["additional-best-practices"]
    assert (best.numerator, best.denominator, best.value) == (1, 50, Decimal("2.00"))


def test_an_indicator_of_another_kind_of_organization_does_not_apply(world, school, centre):
    assert not values_of(school, world.a.municipality)["additional-students-mentees"].applicable
    value = values_of(centre, world.a.municipality)["students-mentees"]
    assert (value.applicable, value.value, value.meets_target) == (False, None, None)


def test_values_against_the_targets_of_the_year(world, school):
    Target.objects.create(
        municipality=world.a.municipality, indicator=Indicator.objects.get(code="students-mentees"), year=2026, value=20
    )
    Target.objects.create(
        municipality=world.a.municipality,
        indicator=Indicator.objects.get(code="young-specialists-mentees"),
        year=2026,
        value=50,
    )
    # Another municipality's and another year's targets do not apply.
    Target.objects.create(
        municipality=world.b.municipality, indicator=Indicator.objects.get(code="students-mentees"), year=2026, value=1
    )
    Target.objects.create(
        municipality=world.a.municipality, indicator=Indicator.objects.get(code="students-mentees"), year=2025, value=1
    )
    values = organization_values(organization=school, period=period_of(world.a)).values
    assert (values["students-mentees"].target, values["students-mentees"].deviation) == (
        Decimal("20"),
        Decimal("-19.25"),
    )
    assert values["students-mentees"].meets_target is False
    assert values["young-specialists-mentees"].meets_target is True
    assert values["young-specialists-mentees"].deviation == Decimal("10.00")
    assert values["youth-10-19-mentees"].target is None
    assert values["youth-10-19-mentees"].meets_target is None


def test_without_contingent_there_is_no_share(world):
    value = values_of(world.a.organization, world.a.municipality)["students-mentees"]
    assert (value.numerator, value.denominator, value.value) == (0, None, None)


def test_the_latest_contingent_before_the_date_is_used(world, school):
    later = period_of(world.a, datetime.date(2027, 1, 1))
    values = compute_values(
        organization_ids=[school.pk], on_date=later.reporting_date, municipality=world.a.municipality
    )
    assert values[school.pk]["students-mentees"].denominator == 400
    ContingentFactory(organization=school, period=later, students_total=300)
    values = compute_values(
        organization_ids=[school.pk], on_date=later.reporting_date, municipality=world.a.municipality
    )
    assert values[school.pk]["students-mentees"].denominator == 300


def test_indicators_in_their_order_and_only_of_the_municipality(world, school):
    private = Indicator.objects.create(
        code="local", name="Местный", short_name="Местный", group=Indicator.Group.STAFF, position=1, source="contingent"
    )
    private.municipalities.add(world.b.municipality)
    codes = list(values_of(school, world.a.municipality))
    assert codes[:3] == ["students-mentees", "additional-students-mentees", "additional-best-practices"]
    assert "local" not in codes
    assert next(iter(values_of(world.b.organization, world.b.municipality))) == "local"


def test_municipality_values_cover_every_organization_with_bounded_queries(world, school):
    period = period_of(world.a)
    other = world.b.organization

    def request():
        return municipality_values(municipality=world.a.municipality, period=period)

    def grow():
        for number in range(3):
            organization = OrganizationFactory(municipality=world.a.municipality, short_name=f"Школа № {number}")
            ContingentFactory(organization=organization, period=period)
            mentee(organization, full_cycle=True)
            mentor(organization, category=Category.EMPLOYER, partner=PartnerFactory(organization=organization))
        # Submitted organizations read their frozen values: also without a query each.
        period_submit(organization=organization, period=period, by=world.a.users[Role.CURATOR])

    assert_queries_constant(request, grow)
    rows = request()
    assert len(rows) == 4
    assert other not in [row.organization for row in rows]
    by_name = {row.organization.short_name: row for row in rows}
    assert by_name["Школа № 0"].values["students-mentees"].numerator == 1
    assert (by_name["Школа № 0"].frozen, by_name["Школа № 2"].frozen) == (False, True)
    assert by_name["Школа № 0"].values["partners-mentors"].numerator == 1
    assert by_name[school.short_name].values["students-mentees"].numerator == 3


def test_compute_values_queries_do_not_grow_with_organizations(world, school):
    organizations = [school]

    def request():
        return compute_values(
            organization_ids=[o.pk for o in organizations], on_date=ON, municipality=world.a.municipality
        )

    before, _ = count_queries(request)
    for _number in range(4):
        organization = OrganizationFactory(municipality=world.a.municipality)
        mentee(organization, full_cycle=True)
        organizations.append(organization)
    after, values = count_queries(request)
    assert after == before
    assert [values[o.pk]["students-mentees"].numerator for o in organizations] == [3, 1, 1, 1, 1]
