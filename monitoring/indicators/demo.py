"""Demo indicators: the demo municipality's quarterly periods of the current and the last academic
year, every demo organization's contingent for each period whose date has come, the targets of
seed 001 (2021–2024) and invented ones for the years around today, and submissions: the school's
last two periods, the kindergarten's last one; the centre of additional education has entered its
contingent but not submitted yet.

Dates follow today, so the picture is the same whatever day the demo is seeded. Safe to run again:
existing periods, figures, targets and submissions are left as they are.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.demo import DemoWorld
from mentoring.academic_year import academic_year_of
from monitoring.indicators import services
from monitoring.indicators.models import ContingentFigures, Indicator, ReportingPeriod, Submission, Target
from monitoring.indicators.shipped import SEED_001_TARGETS

# This academic year's contingent of each demo organization (invented), in proportion to the people
# of the demo registries, so that the dashboard looks like a district's in the middle of a year: the
# small school meets most of its targets (not the full-cycle one, whose cycles end in spring), the
# kindergarten comes close on the one share it has people for (no young teachers or partners: «—»),
# the centre has not begun entering its people and has not submitted. Last year's is 3 % smaller.
CONTINGENT = {
    "school": {
        "students_total": 84,
        "students_10_19": 52,
        "students_15_19": 18,
        "students_additional": 30,
        "teachers": 14,
        "teachers_under_35": 5,
        "young_specialists": 5,
        "staff_trained": 11,
        "partner_organizations": 4,
    },
    "kindergarten": {
        "students_total": 180,
        "students_10_19": 0,
        "students_15_19": 0,
        "students_additional": 45,
        "teachers": 22,
        "teachers_under_35": 0,
        "young_specialists": 0,
        "staff_trained": 16,
        "partner_organizations": 0,
    },
    "cdt": {
        "students_total": 860,
        "students_10_19": 520,
        "students_15_19": 190,
        "students_additional": 860,
        "teachers": 31,
        "teachers_under_35": 7,
        "young_specialists": 4,
        "staff_trained": 9,
        "partner_organizations": 5,
    },
}
LAST_YEAR_SHARE = Decimal("0.97")

# Targets of the years around today (last, this and next calendar year), invented for the demo.
CURRENT_TARGETS = {
    "students-mentees": (70, 75, 80),
    "additional-students-mentees": (70, 75, 80),
    "additional-best-practices": (10, 12, 15),
    "staff-trained": (70, 75, 80),
    "young-teachers-under-35": (70, 75, 80),
    "youth-10-19-mentees": (30, 35, 40),
    "youth-15-19-mentors": (10, 12, 15),
    "young-specialists-mentees": (70, 80, 90),
    "partners-mentors": (50, 60, 70),
    "mentee-satisfaction": (80, 85, 85),
    "mentor-satisfaction": (80, 85, 85),
}

# Organization: how many of the latest periods whose date has come it has submitted.
SUBMITTED_PERIODS = {"school": 2, "kindergarten": 1, "cdt": 0}


def figures_of(key: str, academic_year: int, current_year: int) -> dict[str, int]:
    figures = CONTINGENT[key]
    if academic_year == current_year:
        return dict(figures)
    # Rounding every figure down keeps the parts no greater than their wholes.
    return {name: int(number * LAST_YEAR_SHARE) for name, number in figures.items()}


def seed(world: DemoWorld) -> None:
    municipality = world.municipality
    coordinator = world.users.get("coordinator")
    today = timezone.localdate()
    year = academic_year_of(today)
    for academic_year in (year - 1, year):
        services.periods_create_quarterly(municipality=municipality, academic_year=academic_year, by=coordinator)
    _targets(world, today)
    come = list(ReportingPeriod.objects.filter(municipality=municipality, reporting_date__lte=today))
    for key, organization in world.organizations.items():
        if key not in CONTINGENT:
            continue
        curator = world.users.get(f"{key}.curator")
        entered = set(ContingentFigures.objects.filter(organization=organization).values_list("period_id", flat=True))
        for period in come:
            if period.pk not in entered:
                services.contingent_save(
                    organization=organization,
                    period=period,
                    figures=figures_of(key, period.academic_year, year),
                    by=curator,
                )
        for period in come[len(come) - SUBMITTED_PERIODS[key] :] if SUBMITTED_PERIODS[key] else []:
            if not Submission.objects.filter(organization=organization, period=period).exists():
                submission = services.period_submit(organization=organization, period=period, by=curator)
                # Submitted a couple of days before the due date, as a punctual school does.
                submitted_at = timezone.make_aware(
                    datetime.datetime.combine(period.due_on - datetime.timedelta(days=2), datetime.time(15, 30))
                )
                Submission.objects.filter(pk=submission.pk).update(submitted_at=min(submitted_at, timezone.now()))


def seed_targets(world: DemoWorld) -> None:
    """The municipality's targets alone, for demos that draft orders carrying them before this app's
    turn (the school's opening orders, registered by the pairs' demo)."""
    _targets(world, timezone.localdate())


def _targets(world: DemoWorld, today: datetime.date) -> None:
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    wanted = {(code, year): value for code, years in SEED_001_TARGETS.items() for year, value in years.items()}
    for code, values in CURRENT_TARGETS.items():
        for offset, value in zip((-1, 0, 1), values, strict=True):
            wanted[(code, today.year + offset)] = value
    for (code, year), value in wanted.items():
        if code in indicators:
            Target.objects.get_or_create(
                municipality=world.municipality,
                indicator=indicators[code],
                year=year,
                defaults={"value": Decimal(value), "updated_by": world.users.get("coordinator")},
            )
