"""The demo: periods, contingent, targets and submissions of the demo municipality."""

from decimal import Decimal
from io import StringIO

from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import Municipality, Organization
from mentoring.academic_year import academic_year_of
from monitoring.indicators.models import ContingentFigures, ReportingPeriod, Submission, Target
from monitoring.indicators.selectors import OrganizationValues, current_period, municipality_values

SCHOOL, KINDERGARTEN, CENTRE = "МБОУ «СОШ № 3»", "МБДОУ «Детский сад № 7»", "МБУ ДО «ЦДТ»"


def seed():
    call_command("seed_demo", stdout=StringIO())


def login(username) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=username, password=DEMO_PASSWORD)
    return client


def test_the_demo_has_periods_contingent_targets_and_submissions(seeded_demo, db):
    today = timezone.localdate()
    year = academic_year_of(today)
    municipality = Municipality.objects.get()
    periods = list(ReportingPeriod.objects.filter(municipality=municipality))
    assert len(periods) == 8
    assert {period.academic_year for period in periods} == {year - 1, year}
    come = [period for period in periods if period.reporting_date <= today]
    organizations = Organization.objects.filter(municipality=municipality)
    assert ContingentFigures.objects.count() == len(come) * organizations.count()
    assert Target.objects.filter(year=2021, indicator__code="students-mentees").get().value == 20
    assert Target.objects.filter(year=2024, indicator__code="additional-best-practices").get().value == 10
    assert Target.objects.filter(year=today.year).count() == 11

    rows = {row.organization.short_name: row for row in municipality_values(municipality=municipality, period=come[-1])}
    assert rows[SCHOOL].frozen and rows[KINDERGARTEN].frozen
    assert not rows[CENTRE].frozen
    assert rows[CENTRE].contingent.period == come[-1]
    assert Submission.objects.filter(organization__short_name=SCHOOL, period=come[-2]).exists()
    assert not Submission.objects.filter(organization__short_name=KINDERGARTEN, period=come[-2]).exists()
    # The school's registry gives it numbers to compare with the targets.
    assert rows[SCHOOL].values["students-mentees"].target is not None
    assert rows[SCHOOL].values["students-mentees"].denominator == 84


def test_the_demo_is_idempotent(seeded_demo, db):
    counts = (
        ReportingPeriod.objects.count(),
        ContingentFigures.objects.count(),
        Target.objects.count(),
        Submission.objects.count(),
    )
    submitted = list(Submission.objects.order_by("pk").values_list("pk", "submitted_at", "values"))
    seed()
    assert (
        ReportingPeriod.objects.count(),
        ContingentFigures.objects.count(),
        Target.objects.count(),
        Submission.objects.count(),
    ) == counts
    assert list(Submission.objects.order_by("pk").values_list("pk", "submitted_at", "values")) == submitted


def test_demo_users_see_their_pages(seeded_demo, db):
    curator = login("cdt.curator")
    page = curator.get(reverse("indicator_overview")).content.decode()
    assert "Ещё не отправлено" in page
    home = curator.get(reverse("home")).content.decode()
    assert "Не отправлено" in home or "Ещё не отправлено" in home
    school = login("school.director").get(reverse("indicator_overview")).content.decode()
    assert "Отправлено" in school
    coordinator = login("coordinator")
    assert "Молодые специалисты — наставляемые" in coordinator.get(reverse("target_table")).content.decode()
    assert coordinator.get(reverse("period_list")).status_code == 200


def standing(row: OrganizationValues) -> str:
    """How an organization stands against its targets, by its values that have a target: «meets»
    when at least two thirds of them meet it, «close» when the others reach at least 90 % of theirs,
    «lags» otherwise."""
    valued = [value for value in row.values.values() if value.value is not None and value.target]
    assert valued, row.organization
    missed = [value for value in valued if not value.meets_target]
    if len(missed) * 3 <= len(valued):
        return "meets"
    if all(value.value >= value.target * Decimal("0.9") for value in missed):
        return "close"
    return "lags"


def test_the_demo_municipality_looks_like_one_in_the_middle_of_a_year(seeded_demo, db):
    municipality = Municipality.objects.get()
    rows = municipality_values(municipality=municipality, period=current_period(municipality))
    standings = {row.organization.short_name: standing(row) for row in rows}
    assert set(standings.values()) == {"meets", "close", "lags"}, standings
    assert [row.organization.short_name for row in rows if not row.frozen] == [CENTRE]
    # Not a wall of red: most valued cells of the submitted organizations meet their targets.
    submitted = [value for row in rows if row.frozen for value in row.values.values() if value.value is not None]
    assert sum(1 for value in submitted if value.meets_target) * 2 > len(submitted)
