"""Every value explained: the definition, numerator and denominator, the date and the contingent
figures used; the people behind an organization's numerator for its own users only."""

import datetime
import re

import pytest
from django.urls import reverse

from accounts.models import Role
from mentoring.models import MenteeEntry
from monitoring.indicators.models import Indicator
from monitoring.indicators.selectors import municipality_values, organization_values
from monitoring.indicators.services import period_submit
from tests.indicators.factories import ContingentFactory, period_of
from tests.indicators.test_dashboard_world import SECRET_PUPIL, monitoring_world
from tests.mentoring.factories import MenteeEntryFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

YOUTH = "youth-10-19-mentees"
OCTOBER, JULY = datetime.date(2026, 10, 1), datetime.date(2026, 7, 1)


def by_testid(page: str, name: str) -> str:
    match = re.search(rf'data-testid="{name}"[^>]*>(.*?)</', page, re.S)
    assert match, name
    return match.group(1).strip()


def explain_url(period, code, organization=None) -> str:
    url = reverse("indicator_explain", kwargs={"period_pk": period.pk, "code": code})
    return f"{url}?organization={organization.pk}" if organization else url


def people_url(period, code) -> str:
    return reverse("indicator_people", kwargs={"period_pk": period.pk, "code": code})


def youth(organization, *, counted: int, too_young: int = 0):
    """Mentees aged 10–19 on 01.10.2026 (counted) and younger ones (not counted)."""
    for birth, number in ((datetime.date(2012, 5, 1), counted), (datetime.date(2018, 5, 1), too_young)):
        for _ in range(number):
            MenteeEntryFactory(participant=ParticipantFactory(organization=organization, birth_date=birth))


@pytest.fixture
def school(world):
    period = period_of(world.a, OCTOBER)
    ContingentFactory(organization=world.a.organization, period=period, students_10_19=250)
    youth(world.a.organization, counted=3, too_young=2)
    return period


def test_the_curator_sees_the_definition_numerator_denominator_and_figures(world, school, login_as):
    page = login_as(world.a.users[Role.CURATOR]).get(explain_url(school, YOUTH)).content.decode()
    value = organization_values(organization=world.a.organization, period=school).values[YOUTH]
    assert (value.numerator, value.denominator) == (3, 250)
    assert by_testid(page, "numerator") == "3" and by_testid(page, "denominator") == "250"
    assert by_testid(page, "value") == "1,2&nbsp;%"
    # The definition in the words of seed 003: those who entered the program.
    assert "вошедших в программы наставничества в роли наставляемого" in by_testid(page, "definition")
    assert Indicator.objects.get(code=YOUTH).definition in page
    assert "01.10.2026" in by_testid(page, "figures-source")
    assert people_url(school, YOUTH) in page


def test_the_people_behind_the_numerator_are_exactly_those_counted(world, school, login_as):
    counted = organization_values(organization=world.a.organization, period=school).values[YOUTH].numerator
    mine = {entry.participant.full_name for entry in MenteeEntry.objects.filter(participant__birth_date__year=2012)}
    for role in (Role.CURATOR, Role.DIRECTOR):
        page = login_as(world.a.users[role]).get(people_url(school, YOUTH)).content.decode()
        assert by_testid(page, "people-count").endswith(f"{counted}.")
        listed = re.findall(r'href="/[^"]*participants/\d+/">([^<]+)</a>', page)
        assert set(listed) == mine and len(listed) == counted == 3


def test_an_earlier_periods_figures_are_named(world, login_as):
    july, october = period_of(world.a, JULY), period_of(world.a, OCTOBER)
    ContingentFactory(organization=world.a.organization, period=july, students_10_19=200)
    youth(world.a.organization, counted=2)
    page = login_as(world.a.users[Role.CURATOR]).get(explain_url(october, YOUTH)).content.decode()
    assert by_testid(page, "denominator") == "200"
    assert "01.07.2026" in by_testid(page, "figures-source")
    assert "не внесены" in by_testid(page, "figures-source")


def test_no_figures_is_said(world, login_as):
    october = period_of(world.a, OCTOBER)
    page = login_as(world.a.users[Role.CURATOR]).get(explain_url(october, YOUTH)).content.decode()
    assert by_testid(page, "denominator") == "—" and by_testid(page, "value") == "—"
    assert "не внесла" in by_testid(page, "figures-source")


def test_a_submitted_value_stays_and_the_list_says_the_registry_changed(world, school, login_as):
    period_submit(organization=world.a.organization, period=school, by=world.a.users[Role.CURATOR])
    youth(world.a.organization, counted=1)
    client = login_as(world.a.users[Role.CURATOR])
    page = client.get(explain_url(school, YOUTH)).content.decode()
    assert by_testid(page, "numerator") == "3"
    assert "отправке" in by_testid(page, "figures-source")
    people = client.get(people_url(school, YOUTH)).content.decode()
    assert "4" in by_testid(people, "people-count")
    assert "3" in by_testid(people, "people-changed")


def test_the_coordinator_sees_counts_but_no_names(world, school, login_as):
    client = login_as(world.a.users[Role.COORDINATOR])
    page = client.get(explain_url(school, YOUTH, world.a.organization)).content.decode()
    assert by_testid(page, "numerator") == "3"
    assert people_url(school, YOUTH) not in page
    for entry in MenteeEntry.objects.select_related("participant"):
        assert entry.participant.last_name not in page
    assert client.get(people_url(school, YOUTH)).status_code == 403
    # Not an organization of the municipality, not a number, not an indicator: nothing to explain.
    assert client.get(explain_url(school, YOUTH, world.b.organization)).status_code == 404
    assert client.get(explain_url(school, YOUTH) + "?organization=x").status_code == 404
    assert client.get(explain_url(school, "no-such-indicator")).status_code == 404


def test_another_organization_reaches_neither_page(world, school, login_as):
    client = login_as(world.b.users[Role.CURATOR])
    assert client.get(explain_url(school, YOUTH)).status_code == 404
    assert client.get(people_url(school, YOUTH)).status_code == 404


def test_a_contingent_numerator_has_no_list_of_people(world, school, login_as):
    client = login_as(world.a.users[Role.CURATOR])
    page = client.get(explain_url(school, "staff-trained")).content.decode()
    assert by_testid(page, "numerator") == "12" and by_testid(page, "denominator") == "40"
    assert people_url(school, "staff-trained") not in page
    assert client.get(people_url(school, "staff-trained")).status_code == 404


def test_the_municipal_value_is_the_sum_of_the_organizations(world, login_as):
    data = monitoring_world(world)
    page = login_as(world.a.users[Role.COORDINATOR]).get(explain_url(data.period, "t-mentees")).content.decode()
    table = page[page.index('data-testid="explain-organizations"') :]
    rows = municipality_values(municipality=world.a.municipality, period=data.period)
    numerators = [row.values["t-mentees"].numerator for row in rows if row.values["t-mentees"].numerator is not None]
    assert sum(numerators) == 40
    assert re.search(r"<tfoot.*?>40</td>.*?>200</td>.*?20,0&nbsp;%", table, re.S)
    for organization in (data.first, data.second, data.third):
        assert explain_url(data.period, "t-mentees", organization) in table
    for part in SECRET_PUPIL:
        assert part not in page


def test_every_cell_of_the_dashboard_and_of_the_organizations_page_links_to_its_explanation(world, login_as):
    data = monitoring_world(world)
    page = login_as(world.a.users[Role.COORDINATOR]).get(reverse("monitoring_dashboard")).content.decode()
    for organization in (data.first, data.second, data.third):
        for code in ("t-mentees", "t-trained"):
            assert f'href="{explain_url(data.period, code, organization)}"' in page
    for code in ("t-mentees", "t-trained"):
        assert f'href="{explain_url(data.period, code)}"' in page
    drill = reverse("monitoring_dashboard_organization", kwargs={"pk": data.first.pk})
    page = login_as(world.a.users[Role.COORDINATOR]).get(drill).content.decode()
    assert f'href="{explain_url(data.period, "t-mentees", data.first)}"' in page
    page = login_as(world.a.users[Role.CURATOR]).get(reverse("indicator_overview")).content.decode()
    for code in ("t-mentees", "t-trained"):
        assert f'href="{explain_url(data.period, code)}"' in page
