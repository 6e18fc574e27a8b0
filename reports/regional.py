"""The quarterly report of a whole region as XLSX: one row per municipality with its indicators
against its own targets, and the region in total. Numbers only, no one's name.

Each municipality counts as in its own quarterly report (submitted organizations with their frozen
numbers, the others live as of the reporting date); the region's total pools the organizations of
every municipality the same way a municipal total pools its organizations. The indicators are
those every municipality monitors (a municipality's own extra indicators stay in its report).
A municipality without a reporting period on the date is listed with no numbers.
"""

import datetime
import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import Workbook

from accounts.models import Municipality, Organization, Region
from monitoring.indicators import aggregates
from monitoring.indicators.models import Indicator, ReportingPeriod, Target
from monitoring.indicators.selectors import OrganizationValues, values_of_periods
from reports import figures_sheet as sheets
from reports.exporters import XLSX_CONTENT_TYPE, ExportContext, Exporter, Rendered, register, safe_filename
from reports.quarterly import quarterly_filename

# Columns before the indicators: №, municipality, its organizations, how many of them submitted.
LEAD_WIDTHS = (5, 30, 13, 12)


@dataclass
class MunicipalityLine:
    municipality: Municipality
    period: ReportingPeriod | None
    rows: list[OrganizationValues]
    values: dict[str, aggregates.MunicipalValue]


def region_indicators() -> list[Indicator]:
    """The active indicators of every municipality, in their order."""
    return list(
        Indicator.objects.filter(active=True, municipalities__isnull=True)
        .prefetch_related("forms")
        .order_by("position", "code")
    )


def region_lines(region: Region, reporting_date: datetime.date, indicators: list[Indicator]) -> list[MunicipalityLine]:
    """Every municipality of the region with its organizations' values on the date, read together
    (a fixed number of queries whatever the number of municipalities)."""
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    periods = {
        period.municipality_id: period
        for period in ReportingPeriod.objects.filter(municipality__region=region, reporting_date=reporting_date)
    }
    members: dict[int, list[Organization]] = defaultdict(list)
    for organization in Organization.objects.filter(municipality__region=region).order_by("short_name", "pk"):
        members[organization.municipality_id].append(organization)
    values = values_of_periods(
        [(period, members[municipality_pk]) for municipality_pk, period in periods.items()], indicators
    )
    targets: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for target in Target.objects.filter(
        municipality__region=region, year__in={period.target_year for period in periods.values()}
    ):
        if target.year == periods[target.municipality_id].target_year:
            targets[target.municipality_id][target.indicator_id] = target.value
    lines = []
    for municipality in municipalities:
        period = periods.get(municipality.pk)
        if period is None:
            lines.append(MunicipalityLine(municipality, None, [], {}))
            continue
        rows = values[period.pk]
        totals = aggregates.municipal_values(rows, indicators, targets[municipality.pk])
        lines.append(MunicipalityLine(municipality, period, rows, totals))
    return lines


def latest_reporting_date(region: Region, today: datetime.date) -> datetime.date | None:
    """The latest reporting date that has come in any municipality of the region."""
    return (
        ReportingPeriod.objects.filter(municipality__region=region, reporting_date__lte=today)
        .order_by("-reporting_date")
        .values_list("reporting_date", flat=True)
        .first()
    )


@register("quarterly_region")
class RegionQuarterlyExporter(Exporter):
    """Context: ``region``, ``reporting_date``; optional ``executor`` (named under the figures).
    The sheets look like the municipal report's (reports.figures_sheet): values by indicator group,
    then the legend «Показатели»."""

    # Rows of municipalities and the region's total in the last render: what the command reports.
    rows_written: int | None = None

    def render(self, context: ExportContext) -> Rendered:
        name = safe_filename(quarterly_filename(context["region"].name, context["reporting_date"]))
        return name, XLSX_CONTENT_TYPE, self.xlsx(context)

    def xlsx(self, context: ExportContext) -> bytes:
        region, reporting_date = context["region"], context["reporting_date"]
        indicators = region_indicators()
        lines = region_lines(region, reporting_date, indicators)
        every_row = [row for line in lines for row in line.rows]
        total = aggregates.municipal_values(every_row, indicators, {})
        workbook = Workbook(write_only=True)
        for name, part in sheets.indicator_parts(indicators, LEAD_WIDTHS, columns_per_indicator=3):
            sheet = sheets.headed_sheet(
                workbook,
                name,
                self.title_lines(region, reporting_date),
                self.lead(),
                LEAD_WIDTHS,
                sheets.compared_blocks(part),
            )
            for number, line in enumerate(lines, start=1):
                sheets.append(sheet, self.line_cells(sheet, number, line, part))
            region_total = [
                sheets.cell(sheet, None, sheets.TOTAL),
                sheets.cell(sheet, gettext("Region in total"), sheets.TOTAL),
                sheets.count(sheet, len(every_row), sheets.TOTAL, sheets.TOTAL_NONE),
                sheets.count(sheet, sum(1 for row in every_row if row.frozen), sheets.TOTAL, sheets.TOTAL_NONE),
            ]
            sheets.append(
                sheet, region_total + sheets.compared_cells(sheet, part, total, sheets.TOTAL, sheets.TOTAL_NONE)
            )
            sheets.signature_rows(sheet, "", context.get("executor"))
        sheets.legend_sheet(workbook, indicators)
        self.rows_written = len(lines) + 1
        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()

    @staticmethod
    def lead() -> list[str]:
        return [gettext("No."), gettext("Municipality"), gettext("Organizations"), gettext("Submitted")]

    @staticmethod
    def title_lines(region: Region, reporting_date: datetime.date) -> list[str]:
        date = reporting_date.strftime("%d.%m.%Y")
        # Outside the f-string, where xgettext finds it.
        subtitle = gettext("indicators of the municipalities against their targets")
        return [
            gettext("Monitoring of the target model of mentoring as of %(date)s") % {"date": date},
            f"{region.name}: {subtitle}",
            gettext("Made on %(date)s.") % {"date": timezone.localdate().strftime("%d.%m.%Y")},
        ]

    @staticmethod
    def line_cells(sheet, number: int, line: MunicipalityLine, indicators: list[Indicator]) -> list:
        body, none = sheets.BODY, sheets.BODY_NONE
        lead = [sheets.cell(sheet, number, body), sheets.cell(sheet, line.municipality.name, sheets.BODY_TEXT)]
        if line.period is None:
            missing = sheets.cell(sheet, gettext("no reporting period on this date"), sheets.BODY_TEXT)
            dashes = [sheets.cell(sheet, sheets.NO_VALUE, none) for _column in range(1 + 3 * len(indicators))]
            return [*lead, missing, *dashes]
        submitted = sum(1 for row in line.rows if row.frozen)
        lead += [sheets.count(sheet, len(line.rows), body, none), sheets.count(sheet, submitted, body, none)]
        return lead + sheets.compared_cells(sheet, indicators, line.values, body, none)
