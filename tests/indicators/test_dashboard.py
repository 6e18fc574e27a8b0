"""The coordinator's dashboard: colours against the targets, who has not submitted, trend charts,
the drill-down without personal data, and a query count that does not grow with the municipality."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from lxml import html as lxml_html

from accounts.models import Role
from tests.accounts.factories import OrganizationFactory
from tests.helpers import assert_queries_constant, count_queries
from tests.indicators.factories import ContingentFactory, PeriodFactory
from tests.indicators.test_dashboard_world import (
    SECRET_PUPIL,
    SECRET_TEACHER,
    monitoring_world,
    secret_pair,
    submitted_school,
)

pytestmark = pytest.mark.django_db


def cell_states(html: str, organization_pk: int) -> list[str]:
    row = re.search(rf'<tr data-organization="{organization_pk}">(.*?)</tr>', html, re.S).group(1)
    return re.findall(r'data-state="([a-z-]+)"', row)


def municipal_states(html: str) -> list[str]:
    row = re.search(r'<tr data-testid="municipal-row">(.*?)</tr>', html, re.S).group(1)
    return re.findall(r'data-state="([a-z-]+)"', row)


@pytest.fixture
def data(world):
    return monitoring_world(world)


@pytest.fixture
def coordinator(world, client):
    client.force_login(world.a.users[Role.COORDINATOR])
    return client


def dashboard(client, period):
    return client.get(reverse("monitoring_dashboard"), {"period": period.pk})


def test_the_table_is_coloured_against_the_targets(data, coordinator):
    response = dashboard(coordinator, data.period)
    assert response.status_code == 200
    html = response.content.decode()
    assert cell_states(html, data.first.pk) == ["meets", "below"]
    assert cell_states(html, data.second.pk) == ["below", "meets"]
    assert cell_states(html, data.third.pk) == ["no-value", "no-value"]
    # The municipality: 40 of 200 = 20 % (below 25), 40 of 80 = 50 % (meets 50).
    assert municipal_states(html) == ["below", "meets"]
    assert "20,0&nbsp;%" in html and "50,0&nbsp;%" in html
    assert 'class="text-end table-success" title="соответствует цели"' in html
    assert 'class="text-end table-danger" title="ниже цели"' in html
    assert 'class="text-end table-secondary" title="нет значения"' in html


def test_not_submitted_with_the_due_date_and_overdue_marked(data, coordinator):
    html = dashboard(coordinator, data.period).content.decode()
    listed = re.search(r'data-testid="not-submitted">(.*?)</ul>', html, re.S).group(1)
    assert "СОШ № 3" in listed
    assert "Школа A" not in listed and "СОШ № 2" not in listed
    assert "10.10.2026" in listed
    assert "просрочено" in listed
    assert re.search(r'data-testid="submitted-count">\s*2 из 3', html)


def test_not_overdue_before_the_due_date(world, coordinator):
    monitoring_world(world)
    ahead = PeriodFactory(
        municipality=world.a.municipality,
        reporting_date=datetime.date.today() + datetime.timedelta(days=1),
        due_on=datetime.date.today() + datetime.timedelta(days=30),
    )
    html = dashboard(coordinator, ahead).content.decode()
    listed = re.search(r'data-testid="not-submitted">(.*?)</ul>', html, re.S).group(1)
    assert "просрочено" not in listed


def test_trend_charts_are_svg_with_a_table(world, data, coordinator):
    earlier = PeriodFactory(municipality=world.a.municipality, reporting_date=datetime.date(2026, 7, 1))
    response = dashboard(coordinator, data.period)
    html = response.content.decode()
    charts = re.search(r'data-testid="charts">(.*)', html, re.S).group(1)
    assert charts.count("<svg") == 2
    assert "Наставляемые" in charts and "Обученные" in charts
    # The table fallback: one row per period, the latest with the municipal value.
    assert f"{earlier.reporting_date:%d.%m.%Y}" in charts and "01.10.2026" in charts
    assert "<details" in charts and "20,0&nbsp;%" in charts


def test_without_periods_the_dashboard_says_so(world, coordinator):
    response = coordinator.get(reverse("monitoring_dashboard"))
    assert response.status_code == 200
    assert "Отчётных периодов пока нет" in response.content.decode()


def test_drill_down_shows_aggregates_but_no_personal_data(data, coordinator):
    url = reverse("monitoring_dashboard_organization", kwargs={"pk": data.first.pk})
    response = coordinator.get(url, {"period": data.period.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Школа A" in html
    assert re.search(r'data-testid="mentees">\s*1\s*<', html)
    assert re.search(r'data-testid="mentors">\s*1\s*<', html)
    assert '<td>ученик – ученик</td><td class="text-end">1</td><td class="text-end">1</td>' in html
    table = re.search(r'data-testid="organization-indicators">(.*?)</table>', html, re.S).group(1)
    assert re.findall(r'data-state="([a-z-]+)"', table) == ["meets", "below"]
    assert html.count("<svg") == 2
    for part in (*SECRET_PUPIL, *SECRET_TEACHER):
        assert part not in html


def test_drill_down_of_another_municipality_is_404(world, data, coordinator):
    url = reverse("monitoring_dashboard_organization", kwargs={"pk": world.b.organization.pk})
    assert coordinator.get(url).status_code == 404


def test_the_dashboard_shows_no_personal_data(data, coordinator):
    html = dashboard(coordinator, data.period).content.decode()
    for part in (*SECRET_PUPIL, *SECRET_TEACHER):
        assert part not in html


def test_query_count_does_not_grow_with_the_organizations(world, data, coordinator):
    PeriodFactory(municipality=world.a.municipality, reporting_date=datetime.date(2026, 7, 1))

    def grow():
        for n in range(3):
            school = submitted_school(world.a.municipality, data.period, f"Гимназия {n}")
            secret_pair(school)
            live = OrganizationFactory(municipality=world.a.municipality, short_name=f"Лицей {n}")
            ContingentFactory(organization=live, period=data.period)
            secret_pair(live)

    # Counted afresh each time (an empty cache): the worst case; test_live_cache covers the cached one.
    assert_queries_constant(lambda: (cache.clear(), dashboard(coordinator, data.period))[1], grow)


def test_drill_down_query_count_does_not_grow(world, data, coordinator):
    url = reverse("monitoring_dashboard_organization", kwargs={"pk": data.first.pk})

    def grow():
        for _n in range(3):
            secret_pair(data.first)
            OrganizationFactory(municipality=world.a.municipality)

    assert_queries_constant(lambda: (cache.clear(), coordinator.get(url, {"period": data.period.pk}))[1], grow)


def test_the_trend_takes_as_many_queries_whatever_the_number_of_periods(world, data, coordinator):
    """The chosen period and the earlier ones of the trend are read together: adding quarters to
    the trend adds points to the charts, not queries (on the dashboard and the drill-down)."""
    organization_url = reverse("monitoring_dashboard_organization", kwargs={"pk": data.first.pk})
    pages = [
        lambda: dashboard(coordinator, data.period),
        lambda: coordinator.get(organization_url, {"period": data.period.pk}),
    ]
    PeriodFactory(municipality=world.a.municipality, reporting_date=datetime.date(2026, 7, 1))
    before = [count_queries(page) for page in pages]
    for day in (datetime.date(2025, 10, 1), datetime.date(2026, 1, 1), datetime.date(2026, 4, 1)):
        ContingentFactory(
            organization=data.first, period=PeriodFactory(municipality=world.a.municipality, reporting_date=day)
        )
    after = [count_queries(page) for page in pages]
    assert [count for count, _response in after] == [count for count, _response in before]
    # Each chart's table has a row per period of the trend: three more each.
    rows = [response.content.decode().count("<tr><td>01.") for _count, response in (before[0], after[0])]
    assert rows[1] > rows[0]


def test_home_panel_and_navbar_for_the_coordinator(data, coordinator):
    from monitoring.indicators.selectors import current_period

    html = coordinator.get(reverse("home")).content.decode()
    assert re.search(r'data-bs-toggle="dropdown" aria-expanded="false">Мониторинг</a>', html)
    assert f'href="{reverse("monitoring_dashboard")}">Сводка мониторинга</a>' in html
    assert current_period(data.period.municipality) == data.period
    assert re.search(r'data-testid="panel-submitted">\s*2 из 3', html)
    assert "По состоянию на 01.10.2026, срок сдачи 10.10.2026" in html


def test_staff_of_a_school_see_no_dashboard(world, client):
    client.force_login(world.a.users[Role.CURATOR])
    assert client.get(reverse("monitoring_dashboard")).status_code == 403
    assert reverse("monitoring_dashboard") not in client.get(reverse("home")).content.decode()


def test_the_state_against_the_target_is_not_told_by_colour_alone(data, coordinator):
    """WCAG 1.4.1: the legend's words describe each coloured cell (aria-describedby), and the sign
    drawn after the value (✓, ▼) is explained by the legend beside the same words."""
    tree = lxml_html.fromstring(dashboard(coordinator, data.period).content.decode())
    legend = {
        state: tree.get_element_by_id(f"target-legend-{state}").text_content()
        for state in ("meets", "below", "no-value")
    }
    assert legend == {"meets": "соответствует цели", "below": "ниже цели", "no-value": "нет значения"}
    cells = tree.xpath("//td[@data-state]")
    assert {cell.get("data-state") for cell in cells} >= {"meets", "below", "no-value"}
    for cell in cells:
        if cell.get("data-state") in legend:
            assert cell.get("aria-describedby") == f"target-legend-{cell.get('data-state')}"
    signs = tree.xpath("//*[@data-testid='legend']//span[@aria-hidden='true']")
    assert [sign.text_content() for sign in signs] == ["✓", "▼", "—"]
