"""A hand-made municipality for the dashboard, the quarterly XLSX and the export jobs (no tests here).

Municipality A with three schools and two indicators of our own (the shipped ones are switched
off so the numbers stay small enough to check by hand), as of 01.10.2026 (due 10.10.2026):

| school   | submitted | mentees (target 25 %) | trained (target 50 %) |
|----------|-----------|-----------------------|-----------------------|
| Школа A  | yes       | 30 / 100 = 30 % meets | 10 / 40 = 25 % below  |
| СОШ № 2  | yes       | 10 / 100 = 10 % below | 30 / 40 = 75 % meets  |
| СОШ № 3  | no        | no contingent: —      | —                     |
| total    |           | 40 / 200 = 20 % below | 40 / 80 = 50 % meets  |

Школа A also has a pupil and a teacher in a pair whose names must never reach the coordinator.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import Organization, Role
from mentoring.models import MenteeEntry, MentorEntry, MentoringUnit
from monitoring.indicators.models import Indicator, ReportingPeriod, Submission, Target
from tests.accounts.factories import OrganizationFactory
from tests.conftest import World
from tests.indicators.factories import PeriodFactory
from tests.mentoring.factories import ParticipantFactory, ProgramFactory, StaffFactory, make_unit

REPORTING_DATE = datetime.date(2026, 10, 1)
SECRET_PUPIL = ("Секретова", "Агата", "Львовна")
SECRET_TEACHER = ("Тайнов", "Евгений", "Маркович")
AUTHORITY = "Управление образования администрации МО Кавказский район"


@dataclass
class Monitoring:
    period: ReportingPeriod
    mentees: Indicator
    trained: Indicator
    first: Organization
    second: Organization
    third: Organization


def own_indicators() -> tuple[Indicator, Indicator]:
    Indicator.objects.update(active=False)
    mentees = Indicator.objects.create(
        code="t-mentees",
        short_name="Наставляемые",
        name="Доля обучающихся в роли наставляемого",
        group=Indicator.Group.PARTICIPATION,
        position=1,
        source=Indicator.Source.REGISTRY,
        role=Indicator.Role.MENTEE,
        categories=["student"],
        full_cycle_only=False,
        denominator="students_total",
    )
    trained = Indicator.objects.create(
        code="t-trained",
        short_name="Обученные",
        name="Доля работников, обученных наставничеству",
        group=Indicator.Group.STAFF,
        position=2,
        source=Indicator.Source.CONTINGENT,
        numerator_figure="staff_trained",
        full_cycle_only=False,
        denominator="teachers",
    )
    return mentees, trained


def value(numerator: int, denominator: int, target: str) -> dict:
    return {
        "numerator": numerator,
        "denominator": denominator,
        "value": f"{100 * numerator / denominator:.2f}",
        "target": target,
        "applicable": True,
    }


def submit(organization, period, values: dict, by=None) -> Submission:
    return Submission.objects.create(
        organization=organization,
        period=period,
        submitted_by=by,
        submitted_at=timezone.make_aware(datetime.datetime(2026, 10, 5, 12, 0)),
        values=values,
    )


def submitted_school(municipality, period, name: str, mentees=(20, 100), trained=(20, 40)) -> Organization:
    organization = OrganizationFactory(municipality=municipality, short_name=name)
    submit(
        organization,
        period,
        {"t-mentees": value(*mentees, "25.00"), "t-trained": value(*trained, "50.00")},
    )
    return organization


def secret_pair(organization) -> MentoringUnit:
    """A working pair of named people, to prove that their names stay in the school."""
    pupil = ParticipantFactory(
        organization=organization,
        last_name=SECRET_PUPIL[0],
        first_name=SECRET_PUPIL[1],
        patronymic=SECRET_PUPIL[2],
        birth_date=datetime.date(2012, 5, 1),
    )
    teacher = StaffFactory(
        organization=organization,
        last_name=SECRET_TEACHER[0],
        first_name=SECRET_TEACHER[1],
        patronymic=SECRET_TEACHER[2],
    )
    MenteeEntry.objects.create(participant=pupil, academic_year=2026, entered_on=datetime.date(2026, 9, 10))
    MentorEntry.objects.create(participant=teacher, academic_year=2026, entered_on=datetime.date(2026, 9, 10))
    program = ProgramFactory(organization=organization)
    return make_unit(program, mentor=teacher, mentees=[pupil], status=MentoringUnit.Status.ACTIVE)


def monitoring_world(world: World) -> Monitoring:
    municipality = world.a.municipality
    municipality.authority = AUTHORITY
    municipality.save()
    mentees, trained = own_indicators()
    Target.objects.create(municipality=municipality, indicator=mentees, year=2026, value=25)
    Target.objects.create(municipality=municipality, indicator=trained, year=2026, value=50)
    period = PeriodFactory(municipality=municipality, reporting_date=REPORTING_DATE)
    first = world.a.organization
    submit(
        first,
        period,
        {"t-mentees": value(30, 100, "25.00"), "t-trained": value(10, 40, "50.00")},
        by=world.a.users[Role.CURATOR],
    )
    second = submitted_school(municipality, period, "СОШ № 2", mentees=(10, 100), trained=(30, 40))
    third = OrganizationFactory(municipality=municipality, short_name="СОШ № 3")
    secret_pair(first)
    return Monitoring(period, mentees, trained, first, second, third)
