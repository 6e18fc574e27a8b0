"""On the whole demo municipality, every period that has come: the dashboard, the municipal XLSX,
the region's workbook and each organization's annual PDF show the same value for the same cell.
The hand-counted municipality of test_outputs_agree.py proves the values right; this proves that no
output diverges on data nobody counted by hand (earlier figures, frozen submissions, every kind of
indicator)."""

import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from openpyxl import load_workbook

from accounts.models import Municipality, Organization
from monitoring.indicators.models import ReportingPeriod
from reports.annual import AnnualReportExporter
from reports.quarterly import QuarterlyExporter
from reports.regional import RegionQuarterlyExporter
from tests.indicators.test_demo import login
from tests.reports import pdf_text

MUNICIPAL_ROW = "Итого по муниципалитету"


def dashboard(period: ReportingPeriod) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The indicators' short names and, per organization's short name (and «municipality»), the text of
    each value cell without its «по данным на» note."""
    page = login("coordinator").get(reverse("monitoring_dashboard"), {"period": period.pk})
    assert page.status_code == 200
    tree = lxml_html.fromstring(page.content.decode())
    table = tree.xpath("//table[.//tr[@data-organization]]")[0]
    # Headers carry soft hyphens where they may break.
    names = [th.text_content().replace("\xad", "").strip() for th in table.xpath(".//thead//th")][1:-1]
    organizations = {str(o.pk): o.short_name for o in Organization.objects.all()}
    rows = {}
    for tr in table.xpath(".//tr[@data-organization] | .//tr[@data-testid='municipal-row']"):
        key = organizations[tr.get("data-organization")] if tr.get("data-organization") else "municipality"
        cells = []
        for td in tr.xpath("./td[@data-state]"):
            for note in td.xpath(".//*[@data-testid='figures-on']"):
                note.drop_tree()
            cells.append(" ".join(td.text_content().split()))
        rows[key] = dict(zip(names, cells, strict=True))
    return names, rows


def shown(cell, percent: bool) -> str:
    """What a workbook's cell reads as on a page: one decimal half-up for a share, whole for a count."""
    if not isinstance(cell.value, int | float):
        return "—" if cell.value in (None, "—") else str(cell.value)
    value = Decimal(repr(cell.value))
    if percent and "%" in cell.number_format.replace('"%"', ""):
        value *= 100
    if percent:
        return f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP)} %".replace(".", ",")
    return str(value.quantize(Decimal(1), ROUND_HALF_UP))


def workbook_cells(content: bytes, rows: list[str]) -> dict[tuple[str, str], object]:
    """(row name, indicator short name) -> its value cell on the sheets of values, wherever the layout puts
    it (the name heads the value's column; the calculation sheets hold numerators and denominators)."""
    found = {}
    for sheet in load_workbook(io.BytesIO(content)).worksheets:
        if sheet.title.startswith("Расчёт"):
            continue
        lines = list(sheet.iter_rows())
        headers = {}
        for line in lines[:8]:
            for cell in line:
                if isinstance(cell.value, str):
                    headers.setdefault(cell.column - 1, cell.value)
        for line in lines:
            names = {cell.value for cell in line if isinstance(cell.value, str)}
            for row in rows:
                if row in names:
                    for column, header in headers.items():
                        if column < len(line):
                            found.setdefault((row, header), line[column])
    return found


@pytest.fixture
def periods(seeded_demo, db):
    municipality = Municipality.objects.get()
    come = list(
        ReportingPeriod.objects.filter(municipality=municipality, reporting_date__lte=timezone.localdate()).order_by(
            "reporting_date"
        )
    )
    assert len(come) >= 2
    return municipality, come


def test_dashboard_and_both_workbooks_agree_on_every_cell_of_every_period(periods):
    municipality, come = periods
    for period in come:
        names, rows = dashboard(period)
        percent = {name: "%" in "".join(row[name] for row in rows.values()) for name in names}
        _name, _type, content = QuarterlyExporter().render({"municipality": municipality, "period": period})
        cells = workbook_cells(content, [*rows.keys() - {"municipality"}, MUNICIPAL_ROW])
        compared = 0
        for organization, values in rows.items():
            row = MUNICIPAL_ROW if organization == "municipality" else organization
            for name, text in values.items():
                if text == "·":  # not applicable to the organization: not in the workbook either
                    continue
                assert (row, name) in cells, (period.reporting_date, row, name)
                assert shown(cells[(row, name)], percent[name]) == text, (period.reporting_date, row, name)
                compared += 1
        assert compared >= len(names) * 3
        _name, _type, region = RegionQuarterlyExporter().render(
            {"region": municipality.region, "reporting_date": period.reporting_date}
        )
        region_cells = workbook_cells(region, [municipality.name])
        for name, text in rows["municipality"].items():
            assert shown(region_cells[(municipality.name, name)], percent[name]) == text, (period, name)


def test_each_annual_pdf_shows_the_dashboards_values(periods):
    municipality, come = periods
    today = timezone.localdate()
    of_year = [period for period in come if period.reporting_date.year == today.year]
    assert of_year
    boards = [dashboard(period)[1] for period in of_year]
    for organization in Organization.objects.filter(municipality=municipality):
        _name, _type, content = AnnualReportExporter().render(
            {"organization": organization, "year": today.year, "today": today}
        )
        text = " ".join(pdf_text(content).split())
        for name in boards[0][organization.short_name]:
            values = [board[organization.short_name][name] for board in boards]
            if all(value == "·" for value in values):
                continue
            row = " ".join(value.replace(" %", "%") for value in values)
            assert f"{name} {row}" in text, (organization.short_name, name, row)


def test_the_analytical_note_shows_the_dashboards_values_of_its_period(periods):
    """The note of the year prints, for the year's last reporting date, each organization's value and the
    municipality's as the dashboard shows them (the same content goes to its PDF and its DOCX)."""
    from reports.note import NOT_APPLICABLE, note_content, note_period

    municipality, _come = periods
    today = timezone.localdate()
    period = note_period(municipality, today.year, today)
    names, rows = dashboard(period)
    content = note_content(municipality, today.year, today)
    indicators_table = content.sections[1].blocks[0]
    organizations_table = content.sections[2].blocks[0]
    assert [row[1] for row in indicators_table.rows] == names
    compared = 0
    for row in organizations_table.rows:
        key = "municipality" if row[1] == "Итого по муниципалитету" else row[1]
        for name, cell in zip(names, row[2 : 2 + len(names)], strict=True):
            shown_in_note = " ".join(cell.removesuffix("\nниже").split())
            expected = rows[key][name]
            assert shown_in_note == (NOT_APPLICABLE if expected == "·" else expected), (key, name)
            compared += 1
    assert compared == len(names) * len(rows)
    for row, name in zip(indicators_table.rows, names, strict=True):
        assert " ".join(row[2].split()) == rows["municipality"][name], name
