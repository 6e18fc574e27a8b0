"""The coordinator's quarterly report of a municipality as XLSX: numbers only, no one's name.

First the sheets of values, one per group of indicators (split further when a group would not
print one page wide at a legible size): a row per organization with, per indicator, its value,
the target and the deviation; then the municipal totals (the sums of numerators over the sums of
denominators), the averages of the organizations and the coordinator's signature. Then the counts
behind the values per group, the pairs and groups (reports of the aggregates) and the legend
«Показатели» with the indicators' official wording. Looks and formats: reports.figures_sheet.
"""

import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from openpyxl import Workbook

from accounts.models import Membership, Municipality, Organization, Role, User
from monitoring.indicators import aggregates
from monitoring.indicators.models import Indicator, ReportingPeriod
from monitoring.indicators.selectors import OrganizationValues, indicators_for, municipality_values, targets_of
from reports import figures_sheet as sheets
from reports.exporters import XLSX_CONTENT_TYPE, ExportContext, Exporter, Rendered, register
from reports.jobs import Progress
from reports.models import ExportJob

# Columns before the indicators on every sheet: №, organization, date of submission.
LEAD_WIDTHS = (5, 30, 12)


@dataclass
class QuarterlyData:
    municipality: Municipality
    period: ReportingPeriod
    indicators: list[Indicator]
    rows: list[OrganizationValues]
    municipal: dict[str, aggregates.MunicipalValue]
    aggregates: aggregates.Aggregates
    made_on: datetime.date
    # Who signs as the executor: the user who asked for the file, else the municipality's coordinator.
    executor: User | None = None


def municipal_coordinator(municipality: Municipality) -> User | None:
    membership = (
        Membership.objects.filter(role=Role.COORDINATOR, municipality=municipality)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    return membership.user if membership else None


def quarterly_data(
    municipality: Municipality, period: ReportingPeriod, progress: Progress, executor: User | None = None
) -> QuarterlyData:
    organizations = Organization.objects.filter(municipality=municipality).count()
    total = organizations + 2
    progress(0, total)
    indicators = indicators_for(municipality)
    rows = municipality_values(municipality=municipality, period=period)
    progress(1, total)
    found = aggregates.period_aggregates(period=period, rows=rows)
    progress(2, total)
    municipal = aggregates.municipal_values(rows, indicators, targets_of(municipality, period.target_year))
    return QuarterlyData(
        municipality,
        period,
        indicators,
        rows,
        municipal,
        found,
        timezone.localdate(),
        executor or municipal_coordinator(municipality),
    )


def _title_lines(data: QuarterlyData, subtitle: str) -> list[str]:
    date = data.period.reporting_date.strftime("%d.%m.%Y")
    authority = data.municipality.authority or data.municipality.name
    place = authority if authority == data.municipality.name else f"{authority} ({data.municipality.name})"
    made = gettext("Made on %(date)s; due by %(due)s.") % {
        "date": data.made_on.strftime("%d.%m.%Y"),
        "due": data.period.due_on.strftime("%d.%m.%Y"),
    }
    return [
        gettext("Monitoring of the target model of mentoring as of %(date)s") % {"date": date},
        place,
        f"{subtitle}. {made}",
    ]


def _sheet(workbook: Workbook, data: QuarterlyData, name: str, subtitle: str, blocks: list[sheets.Block]):
    lead = (gettext("No."), gettext("Organization"), gettext("Submitted"))
    return sheets.headed_sheet(workbook, name, _title_lines(data, subtitle), lead, LEAD_WIDTHS, blocks)


def _lead_cells(sheet, number: int, values: OrganizationValues) -> list:
    submitted = timezone.localdate(values.submission.submitted_at) if values.submission else None
    return [
        sheets.cell(sheet, number, sheets.BODY),
        sheets.cell(sheet, values.organization.short_name, sheets.BODY_TEXT),
        sheets.date_cell(sheet, submitted, sheets.BODY)
        if submitted
        else sheets.cell(sheet, gettext("not submitted"), sheets.BODY_TEXT),
    ]


def _total_lead(sheet, label: str, style: dict) -> list:
    return [sheets.cell(sheet, None, style), sheets.cell(sheet, label, style), sheets.cell(sheet, None, style)]


def _indicator_block(indicator: Indicator, headers: list[str]) -> sheets.Block:
    return sheets.Block(indicator.short_name, headers, sheets.indicator_note(indicator))


def _values_sheet(workbook: Workbook, data: QuarterlyData, name: str, indicators: list[Indicator], progress) -> None:
    """The organizations' values of these indicators against the targets, the municipal totals and
    the averages of the organizations, signed by the coordinator."""
    blocks = sheets.compared_blocks(indicators)
    sheet = _sheet(workbook, data, name, gettext("Indicators of the organizations against the targets"), blocks)
    for number, values in enumerate(data.rows, start=1):
        row = _lead_cells(sheet, number, values)
        sheets.append(
            sheet, row + sheets.compared_cells(sheet, indicators, values.values, sheets.BODY, sheets.BODY_NONE)
        )
        progress()

    total = _total_lead(sheet, gettext("Municipality in total"), sheets.TOTAL)
    total += sheets.compared_cells(sheet, indicators, data.municipal, sheets.TOTAL, sheets.TOTAL_NONE)
    average = _total_lead(sheet, gettext("Average of the organizations"), sheets.AVERAGE)
    for indicator in indicators:
        municipal, percent = data.municipal[indicator.code], indicator.is_percent
        average += [
            sheets.figure(sheet, municipal.average, percent, sheets.AVERAGE, sheets.AVERAGE_NONE),
            sheets.cell(sheet, None, sheets.AVERAGE),
            sheets.cell(sheet, None, sheets.AVERAGE),
        ]
    sheets.append(sheet, total)
    sheets.append(sheet, average)
    sheets.signature_rows(sheet, capfirst(gettext("municipal coordinator")), data.executor)


def _counts_sheet(workbook: Workbook, data: QuarterlyData, name: str, indicators: list[Indicator]) -> None:
    """The counts behind the indicators: numerator, denominator and value per organization."""
    headers = [gettext("numerator"), gettext("denominator"), gettext("value")]
    blocks = [_indicator_block(indicator, headers) for indicator in indicators]
    sheet = _sheet(workbook, data, gettext("Counts – %(group)s") % {"group": name}, name, blocks)
    body, none = sheets.BODY, sheets.BODY_NONE
    for number, values in enumerate(data.rows, start=1):
        row = _lead_cells(sheet, number, values)
        for indicator in indicators:
            value = values.values.get(indicator.code)
            applicable = value is not None and value.applicable
            row += [
                sheets.count(sheet, value.numerator if applicable else None, body, none),
                sheets.count(sheet, value.denominator if applicable else None, body, none),
                sheets.indicator_value(sheet, value, indicator.is_percent, body, none)
                if applicable
                else sheets.figure(sheet, None, indicator.is_percent, body, none),
            ]
        sheets.append(sheet, row)
    total = _total_lead(sheet, gettext("Municipality in total"), sheets.TOTAL)
    for indicator in indicators:
        municipal = data.municipal[indicator.code]
        total += [
            sheets.count(sheet, municipal.numerator, sheets.TOTAL, sheets.TOTAL_NONE),
            sheets.count(sheet, municipal.denominator, sheets.TOTAL, sheets.TOTAL_NONE),
            sheets.indicator_value(sheet, municipal, indicator.is_percent, sheets.TOTAL, sheets.TOTAL_NONE),
        ]
    sheets.append(sheet, total)


def _units_sheet(workbook: Workbook, data: QuarterlyData) -> None:
    """Pairs and groups, people by form, full cycles and satisfaction per organization."""
    found = data.aggregates
    window = gettext("from %(start)s to %(end)s") % {
        "start": found.date_from.strftime("%d.%m.%Y"),
        "end": found.date_to.strftime("%d.%m.%Y"),
    }
    pairs_and_groups = gettext("Pairs and groups")  # outside the f-string, where xgettext finds it
    total = aggregates.totals(found)
    unit_headers = [gettext("started"), gettext("completed"), gettext("terminated")]
    people = [gettext("mentees"), gettext("mentors")]
    # (label, headers, values of an organization's aggregates, percent)
    blocks: list[tuple[str, list[str], Callable, bool]] = [
        (gettext("Pairs"), unit_headers, lambda a: [a.pairs.started, a.pairs.completed, a.pairs.terminated], False),
        (
            gettext("Groups"),
            unit_headers,
            lambda a: [a.groups.started, a.groups.completed, a.groups.terminated],
            False,
        ),
        (gettext("People in pairs and groups"), people, lambda a: [a.mentees, a.mentors], False),
        (
            gettext("Completed the full cycle"),
            people,
            lambda a: [a.full_cycle_mentees, a.full_cycle_mentors],
            False,
        ),
        (gettext("Satisfaction"), people, lambda a: [a.satisfaction_mentees, a.satisfaction_mentors], True),
    ]
    for form in found.forms:
        blocks.append(
            (
                form.name,
                people,
                lambda a, pk=form.pk: [a.mentees_by_form.get(pk, 0), a.mentors_by_form.get(pk, 0)],
                False,
            )
        )
    by_block = [(sheets.Block(label, headers), read, percent) for label, headers, read, percent in blocks]
    runs = sheets.fitting(by_block, lambda block: block[0].widths, LEAD_WIDTHS)
    # Many forms make a sheet too wide to print legibly: the blocks go on over further sheets.
    for name, run in sheets.numbered(pairs_and_groups, runs):
        sheet = _sheet(workbook, data, name, f"{pairs_and_groups}, {window}", [block for block, _read, _percent in run])

        def cells(aggregates, style: dict, none_style: dict, sheet=sheet, run=run) -> list:
            return [
                sheets.figure(sheet, value, percent, style, none_style)
                for _block, read, percent in run
                for value in read(aggregates)
            ]

        for number, values in enumerate(data.rows, start=1):
            mine = found.of(values.organization.pk)
            sheets.append(sheet, _lead_cells(sheet, number, values) + cells(mine, sheets.BODY, sheets.BODY_NONE))
        lead = _total_lead(sheet, gettext("Municipality in total"), sheets.TOTAL)
        sheets.append(sheet, lead + cells(total, sheets.TOTAL, sheets.TOTAL_NONE))


def quarterly_workbook(data: QuarterlyData, progress: Callable[[], None]) -> bytes:
    # Not write-only: for this many sheets its temporary file per sheet and its slow path for cells
    # given as objects cost a third more than a workbook held in memory (measured, 44 organizations).
    workbook = Workbook()
    workbook.remove(workbook.active)
    columns = len(("value", "target", "deviation"))
    parts = sheets.indicator_parts(data.indicators, LEAD_WIDTHS, columns)
    for number, (name, indicators) in enumerate(parts):
        # Progress follows the organizations once, on the first sheet.
        _values_sheet(workbook, data, name, indicators, progress if number == 0 else lambda: None)
    for name, indicators in parts:
        _counts_sheet(workbook, data, name, indicators)
    _units_sheet(workbook, data)
    sheets.legend_sheet(workbook, data.indicators)
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
    """Context: ``municipality``, ``period``; optional ``progress`` (done, total) and ``executor``
    (the user who asked for it, named under the figures)."""

    def render(self, context: ExportContext) -> Rendered:
        municipality, period = context["municipality"], context["period"]
        report = context.get("progress") or (lambda done, total: None)
        data = quarterly_data(municipality, period, report, context.get("executor"))
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
    return QuarterlyExporter().render(
        {"municipality": period.municipality, "period": period, "progress": progress, "executor": job.requested_by}
    )
