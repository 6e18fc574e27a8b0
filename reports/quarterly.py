"""The coordinator's quarterly report of a municipality as XLSX: numbers only, no one's name.

Sheet 1: one row per organization and, per indicator, its value, the target and the deviation;
then the municipal totals (the sums of numerators over the sums of denominators) and the averages
of the organizations. Then one sheet per group of indicators with the counts behind the values,
and one with the pairs and groups (reports of the aggregates). Numbers stay numbers; percents are
numbers from 0 to 100 shown as «12,5%» by the cell format, the same on every sheet.
"""

import datetime
import io
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from accounts.models import Municipality, Organization
from monitoring.indicators import aggregates
from monitoring.indicators.models import Indicator, ReportingPeriod
from monitoring.indicators.selectors import OrganizationValues, indicators_for, municipality_values, targets_of
from reports.exporters import FORMULA_TRIGGERS, XLSX_CONTENT_TYPE, ExportContext, Exporter, Rendered, register
from reports.jobs import Progress
from reports.models import ExportJob

PERCENT_FORMAT = '0.0"%"'
DEVIATION_FORMAT = "+0.0;-0.0;0.0"
COUNT_FORMAT = "0"
DATE_FORMAT = "DD.MM.YYYY"
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=12)
HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")
TOTAL_FILL = PatternFill("solid", fgColor="F8F9FA")
THIN = Side(style="thin", color="ADB5BD")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
WRAP_LEFT = Alignment(wrap_text=True)
# Columns before the indicators on every sheet: №, organization, date of submission.
LEAD_COLUMNS = 3


@dataclass
class QuarterlyData:
    municipality: Municipality
    period: ReportingPeriod
    indicators: list[Indicator]
    rows: list[OrganizationValues]
    municipal: dict[str, aggregates.MunicipalValue]
    aggregates: aggregates.Aggregates
    made_on: datetime.date


def quarterly_data(municipality: Municipality, period: ReportingPeriod, progress: Progress) -> QuarterlyData:
    organizations = Organization.objects.filter(municipality=municipality).count()
    total = organizations + 2
    progress(0, total)
    indicators = indicators_for(municipality)
    rows = municipality_values(municipality=municipality, period=period)
    progress(1, total)
    found = aggregates.period_aggregates(organization_ids=[row.organization.pk for row in rows], period=period)
    progress(2, total)
    municipal = aggregates.municipal_values(rows, indicators, targets_of(municipality, period.target_year))
    return QuarterlyData(municipality, period, indicators, rows, municipal, found, timezone.localdate())


def _put(sheet: Worksheet, row: int, column: int, value, number_format: str | None = None, **style):
    if isinstance(value, Decimal):
        value = float(value)
    cell = sheet.cell(row=row, column=column, value=value)
    if number_format and value is not None:
        style["number_format"] = number_format
    if style:
        _style(cell, style)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        # A name starting with «=» stays text (with Excel's quote prefix), never a formula.
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _figure(sheet: Worksheet, row: int, column: int, value, number_format: str | None = None, **style):
    """A number of the report, exact (the cell's format shows the digits), or «—» where there is
    none: an empty cell reads as forgotten."""
    return _put(sheet, row, column, "—" if value is None else value, number_format, **style)


def _indicator_value(sheet: Worksheet, row: int, column: int, value, number_format: str, **style) -> None:
    """The value of an organization or of the municipality; divided by an earlier period's
    contingent figures, it says so in the cell's comment («по данным на 01.04.2026»)."""
    cell = _figure(sheet, row, column, value.value, number_format, **style)
    if value.figures_note:
        cell.comment = Comment(value.figures_note, gettext("Indicators"))


def _style(cell, style: dict) -> None:
    """Gives the cell its font, fill, border, alignment and number format. openpyxl files each style
    object in the workbook by hashing it, cell after cell: two thirds of a municipality's report
    (make bench). So each combination is filed once per workbook and its style array copied to
    the next cells."""
    known = cell.parent.parent.__dict__.setdefault("_quarterly_styles", {})
    # Keyed by the objects' identities; the entry keeps the objects, so an identity is never reused.
    key = tuple((name, id(setting)) for name, setting in style.items())
    if key not in known:
        for name, setting in style.items():
            setattr(cell, name, setting)
        known[key] = (copy(cell._style), tuple(style.values()))
    else:
        cell._style = copy(known[key][0])


def _print_setup(sheet: Worksheet, header_rows: str) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = header_rows


def _title(sheet: Worksheet, data: QuarterlyData, subtitle: str) -> int:
    """Writes the title rows; returns the first row after them."""
    date = data.period.reporting_date.strftime("%d.%m.%Y")
    _put(
        sheet,
        1,
        1,
        gettext("Monitoring of the target model of mentoring as of %(date)s") % {"date": date},
        font=TITLE_FONT,
    )
    authority = data.municipality.authority or data.municipality.name
    place = authority if authority == data.municipality.name else f"{authority} ({data.municipality.name})"
    _put(sheet, 2, 1, place)
    _put(
        sheet,
        3,
        1,
        f"{subtitle}. "
        + gettext("Made on %(date)s; due by %(due)s.")
        % {"date": data.made_on.strftime("%d.%m.%Y"), "due": data.period.due_on.strftime("%d.%m.%Y")},
    )
    return 5


def _lead_headers(sheet: Worksheet, first: int, rows: int) -> None:
    for column, header in enumerate((gettext("No."), gettext("Organization"), gettext("Submitted")), start=1):
        _merge(sheet, first, column, first + rows - 1, column)
        _put(sheet, first, column, header, font=HEADER_FONT, alignment=WRAP, fill=HEADER_FILL, border=BORDER)
    sheet.column_dimensions["A"].width = 5
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["C"].width = 12


def _lead_cells(sheet: Worksheet, row: int, number: int, values: OrganizationValues) -> None:
    _put(sheet, row, 1, number, border=BORDER)
    _put(sheet, row, 2, values.organization.short_name, border=BORDER, alignment=WRAP_LEFT)
    submitted = timezone.localdate(values.submission.submitted_at) if values.submission else None
    if submitted:
        _put(sheet, row, 3, submitted, DATE_FORMAT, border=BORDER)
    else:
        _put(sheet, row, 3, gettext("not submitted"), border=BORDER)


def _value_format(indicator: Indicator) -> str:
    return PERCENT_FORMAT if indicator.is_percent else COUNT_FORMAT


def _merge(sheet: Worksheet, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
    """Merges a header's cells and frames every one of them; the caller then writes the first.
    Merged before the first cell has a border, openpyxl has no edge borders to work out and file
    cell by cell (a fifth of a report's time); the frame comes from the style already filed."""
    if (first_row, first_column) == (last_row, last_column):
        return
    sheet.merge_cells(start_row=first_row, start_column=first_column, end_row=last_row, end_column=last_column)
    for row in range(first_row, last_row + 1):
        for column in range(first_column, last_column + 1):
            _style(sheet.cell(row=row, column=column), {"border": BORDER})


def _group_header(sheet: Worksheet, row: int, column: int, label: str, headers: list[str]) -> None:
    _merge(sheet, row, column, row, column + len(headers) - 1)
    _put(sheet, row, column, label, font=HEADER_FONT, alignment=WRAP, fill=HEADER_FILL, border=BORDER)
    for offset, header in enumerate(headers):
        _put(sheet, row + 1, column + offset, header, font=HEADER_FONT, alignment=WRAP, fill=HEADER_FILL, border=BORDER)
        sheet.column_dimensions[get_column_letter(column + offset)].width = 12


def _summary_sheet(sheet: Worksheet, data: QuarterlyData, progress: Callable[[], None]) -> None:
    sheet.title = gettext("Indicators")[:31]
    header = _title(sheet, data, gettext("Indicators of the organizations against the targets"))
    _lead_headers(sheet, header, 2)
    for index, indicator in enumerate(data.indicators):
        unit = gettext("p.p.") if indicator.is_percent else ""
        _group_header(
            sheet,
            header,
            LEAD_COLUMNS + 1 + 3 * index,
            indicator.short_name,
            [gettext("value"), gettext("target"), " ".join(filter(None, (gettext("deviation"), unit)))],
        )
    sheet.row_dimensions[header].height = 48
    first_data = header + 2
    sheet.freeze_panes = sheet.cell(row=first_data, column=LEAD_COLUMNS + 1)
    _print_setup(sheet, f"{header}:{header + 1}")

    row = first_data
    for number, values in enumerate(data.rows, start=1):
        _lead_cells(sheet, row, number, values)
        for index, indicator in enumerate(data.indicators):
            column = LEAD_COLUMNS + 1 + 3 * index
            value = values.values.get(indicator.code)
            if value is None or not value.applicable:
                for offset in range(3):
                    _put(sheet, row, column + offset, None, border=BORDER)
                continue
            number_format = _value_format(indicator)
            _indicator_value(sheet, row, column, value, number_format, border=BORDER)
            _figure(sheet, row, column + 1, value.target, number_format, border=BORDER)
            _figure(sheet, row, column + 2, value.deviation, DEVIATION_FORMAT, border=BORDER)
        row += 1
        progress()

    bold = Font(bold=True)
    _put(sheet, row, 2, gettext("Municipality in total"), font=bold, fill=TOTAL_FILL, border=BORDER)
    _put(sheet, row + 1, 2, gettext("Average of the organizations"), fill=TOTAL_FILL, border=BORDER)
    for index, indicator in enumerate(data.indicators):
        column = LEAD_COLUMNS + 1 + 3 * index
        total = data.municipal[indicator.code]
        number_format = _value_format(indicator)
        _indicator_value(sheet, row, column, total, number_format, font=bold, fill=TOTAL_FILL, border=BORDER)
        _figure(sheet, row, column + 1, total.target, number_format, font=bold, fill=TOTAL_FILL, border=BORDER)
        _figure(sheet, row, column + 2, total.deviation, DEVIATION_FORMAT, font=bold, fill=TOTAL_FILL, border=BORDER)
        _figure(sheet, row + 1, column, total.average, number_format, fill=TOTAL_FILL, border=BORDER)


def _group_sheet(workbook: Workbook, data: QuarterlyData, group: str, label: str) -> None:
    """The counts behind the group's indicators: numerator, denominator and value per organization."""
    indicators = [indicator for indicator in data.indicators if indicator.group == group]
    label = capfirst(label)
    sheet = workbook.create_sheet(label[:31])  # Excel's limit of a sheet name
    header = _title(sheet, data, label)
    _lead_headers(sheet, header, 2)
    for index, indicator in enumerate(indicators):
        headers = [gettext("numerator"), gettext("denominator"), gettext("value")]
        _group_header(sheet, header, LEAD_COLUMNS + 1 + 3 * index, indicator.short_name, headers)
    sheet.row_dimensions[header].height = 48
    sheet.freeze_panes = sheet.cell(row=header + 2, column=LEAD_COLUMNS + 1)
    _print_setup(sheet, f"{header}:{header + 1}")
    row = header + 2
    for number, values in enumerate(data.rows, start=1):
        _lead_cells(sheet, row, number, values)
        for index, indicator in enumerate(indicators):
            column = LEAD_COLUMNS + 1 + 3 * index
            value = values.values.get(indicator.code)
            if value is None or not value.applicable:
                for offset in range(3):
                    _put(sheet, row, column + offset, None, border=BORDER)
                continue
            _figure(sheet, row, column, value.numerator, COUNT_FORMAT, border=BORDER)
            _figure(sheet, row, column + 1, value.denominator, COUNT_FORMAT, border=BORDER)
            _indicator_value(sheet, row, column + 2, value, _value_format(indicator), border=BORDER)
        row += 1
    bold = Font(bold=True)
    _put(sheet, row, 2, gettext("Municipality in total"), font=bold, fill=TOTAL_FILL, border=BORDER)
    for index, indicator in enumerate(indicators):
        column = LEAD_COLUMNS + 1 + 3 * index
        total = data.municipal[indicator.code]
        _figure(sheet, row, column, total.numerator, COUNT_FORMAT, font=bold, fill=TOTAL_FILL, border=BORDER)
        _figure(sheet, row, column + 1, total.denominator, COUNT_FORMAT, font=bold, fill=TOTAL_FILL, border=BORDER)
        _indicator_value(
            sheet, row, column + 2, total, _value_format(indicator), font=bold, fill=TOTAL_FILL, border=BORDER
        )


def _units_sheet(workbook: Workbook, data: QuarterlyData) -> None:
    """Pairs and groups, people by form, full cycles and satisfaction per organization."""
    found = data.aggregates
    sheet = workbook.create_sheet(gettext("Pairs and groups")[:31])
    window = gettext("from %(start)s to %(end)s") % {
        "start": found.date_from.strftime("%d.%m.%Y"),
        "end": found.date_to.strftime("%d.%m.%Y"),
    }
    pairs_and_groups = gettext("Pairs and groups")  # outside the f-string, where xgettext finds it
    header = _title(sheet, data, f"{pairs_and_groups}, {window}")
    _lead_headers(sheet, header, 2)
    unit_headers = [gettext("started"), gettext("completed"), gettext("terminated")]
    people = [gettext("mentees"), gettext("mentors")]
    blocks: list[tuple[str, list[str], Callable, str]] = [
        (
            gettext("Pairs"),
            unit_headers,
            lambda a: [a.pairs.started, a.pairs.completed, a.pairs.terminated],
            COUNT_FORMAT,
        ),
        (
            gettext("Groups"),
            unit_headers,
            lambda a: [a.groups.started, a.groups.completed, a.groups.terminated],
            COUNT_FORMAT,
        ),
        (gettext("People in pairs and groups"), people, lambda a: [a.mentees, a.mentors], COUNT_FORMAT),
        (
            gettext("Completed the full cycle"),
            people,
            lambda a: [a.full_cycle_mentees, a.full_cycle_mentors],
            COUNT_FORMAT,
        ),
        (
            gettext("Satisfaction"),
            people,
            lambda a: [a.satisfaction_mentees, a.satisfaction_mentors],
            PERCENT_FORMAT,
        ),
    ]
    for form in found.forms:
        blocks.append(
            (
                form.name,
                people,
                lambda a, pk=form.pk: [a.mentees_by_form.get(pk, 0), a.mentors_by_form.get(pk, 0)],
                COUNT_FORMAT,
            )
        )
    column = LEAD_COLUMNS + 1
    layout = []
    for label, headers, read, number_format in blocks:
        _group_header(sheet, header, column, label, headers)
        layout.append((column, read, number_format))
        column += len(headers)
    sheet.row_dimensions[header].height = 48
    sheet.freeze_panes = sheet.cell(row=header + 2, column=LEAD_COLUMNS + 1)
    _print_setup(sheet, f"{header}:{header + 1}")
    row = header + 2
    for number, values in enumerate(data.rows, start=1):
        _lead_cells(sheet, row, number, values)
        mine = found.of(values.organization.pk)
        for start, read, number_format in layout:
            for offset, value in enumerate(read(mine)):
                _put(sheet, row, start + offset, value, number_format, border=BORDER)
        row += 1
    total = aggregates.totals(found)
    bold = Font(bold=True)
    _put(sheet, row, 2, gettext("Municipality in total"), font=bold, fill=TOTAL_FILL, border=BORDER)
    for start, read, number_format in layout:
        for offset, value in enumerate(read(total)):
            _put(sheet, row, start + offset, value, number_format, font=bold, fill=TOTAL_FILL, border=BORDER)


def quarterly_workbook(data: QuarterlyData, progress: Callable[[], None]) -> bytes:
    workbook = Workbook()
    _summary_sheet(workbook.active, data, progress)
    present = {indicator.group for indicator in data.indicators}
    for group, label in Indicator.Group.choices:
        if group in present:
            _group_sheet(workbook, data, group, str(label))
    _units_sheet(workbook, data)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def quarterly_filename(place: str, reporting_date: datetime.date) -> str:
    """The name of a quarterly report of a municipality or a region (``place``)."""
    return gettext("Monitoring as of %(date)s – %(municipality)s.xlsx") % {
        "date": reporting_date.strftime("%d.%m.%Y"),
        "municipality": place,
    }


@register("quarterly_monitoring")
class QuarterlyExporter(Exporter):
    """Context: ``municipality``, ``period``; optional ``progress`` (done, total)."""

    def render(self, context: ExportContext) -> Rendered:
        municipality, period = context["municipality"], context["period"]
        report = context.get("progress") or (lambda done, total: None)
        data = quarterly_data(municipality, period, report)
        total = len(data.rows) + 2
        written = [2]

        def one_more() -> None:
            written[0] += 1
            report(written[0], total)

        content = quarterly_workbook(data, one_more)
        return quarterly_filename(municipality.name, period.reporting_date), XLSX_CONTENT_TYPE, content


def run_quarterly_job(job: ExportJob, progress: Progress) -> Rendered:
    period = ReportingPeriod.objects.select_related("municipality").get(
        pk=job.params["period"], municipality_id=job.municipality_id
    )
    return QuarterlyExporter().render({"municipality": period.municipality, "period": period, "progress": progress})
