"""Contests for the tests: a school's «Лучшая пара» and a municipality's «Лучший педагог-наставник»."""

import datetime

from django.core.files.base import ContentFile

from accounts.models import Role
from mentoring.models import Application, ApplicationFile, Contest, Criterion, Nomination
from tests.mentoring.factories import PDF_BYTES, StaffFactory, unit_of_side

DATES = {
    "applications_from": datetime.date(2027, 3, 1),
    "applications_to": datetime.date(2027, 4, 1),
    "judging_until": datetime.date(2027, 4, 20),
    "results_on": datetime.date(2027, 4, 25),
}


def school_contest(organization, status=Contest.Status.DRAFT, **kwargs) -> Contest:
    return Contest.objects.create(organization=organization, title="Лучшая пара", status=status, **DATES, **kwargs)


def municipal_contest(municipality, status=Contest.Status.DRAFT, **kwargs) -> Contest:
    return Contest.objects.create(
        municipality=municipality, title="Лучший педагог-наставник", status=status, **DATES, **kwargs
    )


def with_parts(contest: Contest, criteria=(("Результаты", 10), ("Материалы", 5)), nominations=("Основная",)) -> Contest:
    for position, name in enumerate(nominations, start=1):
        Nomination.objects.create(contest=contest, name=name, position=position)
    for position, (name, max_score) in enumerate(criteria, start=1):
        Criterion.objects.create(contest=contest, name=name, max_score=max_score, position=position)
    return contest


def mentor_application(contest: Contest, organization, mentor=None, nomination=None) -> Application:
    return Application.objects.create(
        contest=contest,
        nomination=nomination or contest.nominations.first(),
        organization=organization,
        mentor=mentor or StaffFactory(organization=organization),
        text="Описание опыта наставника",
    )


def judged_application_of_side(side) -> Application:
    """An application of side's school to a municipal contest being judged, the side's every staff
    user on its jury: each of them reaches its scoring page."""
    contest = with_parts(municipal_contest(side.municipality, status=Contest.Status.JUDGING))
    contest.jury.set([side.users[role] for role in (Role.COORDINATOR, Role.DIRECTOR, Role.CURATOR, Role.MENTOR)])
    return mentor_application(contest, side.organization)


def material_of_side(side) -> ApplicationFile:
    material = ApplicationFile(application=judged_application_of_side(side), name="Портфолио.pdf")
    material.file = ContentFile(PDF_BYTES, name="portfolio.pdf")
    material.save()
    return material


def pair_application(contest: Contest, side) -> Application:
    return Application.objects.create(
        contest=contest,
        nomination=contest.nominations.first(),
        organization=side.organization,
        unit=unit_of_side(side),
        text="Проект пары",
    )
