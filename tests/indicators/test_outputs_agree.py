"""The dashboard, the municipal XLSX, the region's workbook and the annual PDF show the same value
for the same cell, rounded once, on a municipality counted by hand.

«Обученные» (staff trained / teachers) as of 01.10.2026, municipality A:

| school   | figures of           | trained / teachers | exact      | shown  |
|----------|----------------------|--------------------|------------|--------|
| Школа A  | 01.10.2026, live     | 1 / 22             | 4.5454…    | 4,5    |
| СОШ № 2  | 01.10.2026, frozen   | 1 / 16             | 6.25       | 6,3    |
| СОШ № 3  | 01.07.2026 (earlier) | 2 / 30             | 6.666…     | 6,7 «по данным на 01.07.2026» |
| СОШ № 4  | none                 | —                  | —          | —      |
| total    |                      | 4 / 68             | 5.882…     | 5,9    |
| average  |                      | (4.545…+6.25+6.666…)/3 | 5.820…  | 5,8    |

Rounded twice (to hundredths, then to tenths) 4.545… would read 4,6; the float of 6.25 would
round to even and read 6,2.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from monitoring.indicators import services
from reports.annual import AnnualReportExporter
from reports.quarterly import QuarterlyExporter
from reports.regional import RegionQuarterlyExporter
from tests.accounts.factories import OrganizationFactory
from tests.indicators.factories import ContingentFactory, PeriodFactory
from tests.indicators.test_dashboard_world import REPORTING_DATE, own_indicators
from tests.reports import pdf_text

pytestmark = pytest.mark.django_db

JULY = datetime.date(2026, 7, 1)
TRAINED_COLUMN = 1  # the second indicator of own_indicators()
TRAINED_NAME = "Обученные"  # its short name, which heads its columns in the workbooks


@pytest.fixture
def schools(world):
    municipality = world.a.municipality
    own_indicators()
    period = PeriodFactory(municipality=municipality, reporting_date=REPORTING_DATE)
    july = PeriodFactory(municipality=municipality, reporting_date=JULY)
    first = world.a.organization
    second = OrganizationFactory(municipality=municipality, short_name="СОШ № 2")
    third = OrganizationFactory(municipality=municipality, short_name="СОШ № 3")
    fourth = OrganizationFactory(municipality=municipality, short_name="СОШ № 4")
    ContingentFactory(organization=first, period=period, staff_trained=1, teachers=22)
    ContingentFactory(organization=second, period=period, staff_trained=1, teachers=16)
    ContingentFactory(organization=third, period=july, staff_trained=2, teachers=30)
    services.period_submit(organization=second, period=period, by=None)
    return period, {"first": first, "second": second, "third": third, "fourth": fourth}


EXACT = {
    "first": Decimal(100) / 22,
    "second": Decimal("6.25"),
    "third": Decimal(200) / 30,
    "fourth": None,
}
SHOWN = {"first": "4,5", "second": "6,3", "third": "6,7", "fourth": None}
TOTAL_EXACT, TOTAL_SHOWN = Decimal(400) / 68, "5,9"
AVERAGE_SHOWN = "5,8"
NOTE = "по данным на 01.07.2026"


def dashboard_cells(html: str, row_pattern: str) -> list[str]:
    """The cells' text; the link of a value to its explanation is not part of it."""
    row = re.search(row_pattern + r"(.*?)</tr>", html, re.S).group(1)
    cells = re.findall(r'<td class="text-end[^"]*"[^>]*>(.*?)</td>', row, re.S)
    return [re.sub(r"</?a\b[^>]*>", "", cell) for cell in cells]


def percent_of(cell) -> float | str:
    """The cell as a percent whichever way the workbook holds it: a fraction with a percent format
    or a number of percent with a literal «%»; text («—») as it is."""
    if not isinstance(cell.value, int | float):
        return cell.value
    real_percent = "%" in cell.number_format.replace('"%"', "")
    return cell.value * 100 if real_percent else cell.value


def test_dashboard_shows_each_value_rounded_once_and_says_earlier_figures(world, schools, client):
    period, organizations = schools
    client.force_login(world.a.users[Role.COORDINATOR])
    html = client.get(reverse("monitoring_dashboard"), {"period": period.pk}).content.decode()
    for key, organization in organizations.items():
        cell = dashboard_cells(html, f'<tr data-organization="{organization.pk}">')[TRAINED_COLUMN]
        expected = "—" if SHOWN[key] is None else f"{SHOWN[key]}&nbsp;%"
        assert cell.startswith(expected), (key, cell)
        assert (NOTE in cell) == (key == "third"), (key, cell)
    total = dashboard_cells(html, r'<tr data-testid="municipal-row">')[TRAINED_COLUMN]
    assert total.startswith(f"{TOTAL_SHOWN}&nbsp;%") and NOTE in total
    assert f"{AVERAGE_SHOWN}&nbsp;%" in html


def value_cells(content: bytes, indicator_name: str, row_names: list[str]) -> dict:
    """The value cells of an indicator in a workbook, by the name that heads each row: the sheet and
    the column are found by the indicator's name in the headers, wherever the layout puts them."""
    found = {}
    for sheet in load_workbook(io.BytesIO(content)).worksheets:
        rows = list(sheet.iter_rows())
        columns = [cell.column - 1 for row in rows[:8] for cell in row if cell.value == indicator_name]
        if not columns:
            continue
        for row in rows:
            names = [cell.value for cell in row if isinstance(cell.value, str)]
            for name in row_names:
                if name in names and name not in found:
                    found[name] = row[columns[0]]
    return found


def test_municipal_workbook_holds_the_exact_values(world, schools):
    period, organizations = schools
    _name, _type, content = QuarterlyExporter().render({"municipality": world.a.municipality, "period": period})
    names = [organization.short_name for organization in organizations.values()]
    cells = value_cells(content, TRAINED_NAME, [*names, "Итого по муниципалитету"])
    for key, organization in organizations.items():
        cell = cells[organization.short_name]
        if EXACT[key] is None:
            assert cell.value == "—"
        else:
            assert percent_of(cell) == pytest.approx(float(EXACT[key]), abs=1e-12), key
        assert (cell.comment is not None and NOTE in cell.comment.text) == (key == "third"), key
    total = cells["Итого по муниципалитету"]
    assert percent_of(total) == pytest.approx(float(TOTAL_EXACT), abs=1e-12)
    assert NOTE in total.comment.text


def test_region_workbook_holds_the_same_total(world, schools):
    _period, _organizations = schools
    _name, _type, content = RegionQuarterlyExporter().render(
        {"region": world.a.municipality.region, "reporting_date": REPORTING_DATE}
    )
    municipality = world.a.municipality.name
    cells = value_cells(content, TRAINED_NAME, [municipality, "Регион в целом"])
    for name in (municipality, "Регион в целом"):
        assert percent_of(cells[name]) == pytest.approx(float(TOTAL_EXACT), abs=1e-12), name
    assert NOTE in cells[municipality].comment.text


@pytest.mark.parametrize("key", ["first", "second", "third", "fourth"])
def test_annual_pdf_shows_what_the_dashboard_shows(schools, key):
    _period, organizations = schools
    _name, _type, content = AnnualReportExporter().render(
        {"organization": organizations[key], "year": 2026, "today": datetime.date(2026, 12, 1)}
    )
    text = pdf_text(content)
    # The row of the table: the July value (only СОШ № 3 has figures then), the October one.
    july = "6,7%" if key == "third" else "—"
    october = "—" if SHOWN[key] is None else f"{SHOWN[key]}%"
    assert f"Обученные {july} {october}" in text, key
    assert (NOTE in text) == (key == "third"), key
