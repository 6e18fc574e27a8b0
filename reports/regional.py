"""The quarterly report of a whole region as XLSX: one row per municipality with its indicators
against its own targets, and the region in total. Numbers only, no one's name.

Each municipality counts as in its own quarterly report (submitted organizations with their frozen
numbers, the others live as of the reporting date); the region's total pools the organizations of
every municipality the same way a municipal total pools its organizations. The indicators are
those every municipality monitors (a municipality's own extra indicators stay in its report).
A municipality without a reporting period on the date is listed with no numbers.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy

from accounts.models import Municipality, Organization, Region
from monitoring.indicators import aggregates
from monitoring.indicators.models import Indicator, ReportingPeriod, Target
from monitoring.indicators.selectors import OrganizationValues, values_of_periods
from reports.exporters import Column, ExportContext, TabularExporter, register
from reports.quarterly import quarterly_filename


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
class RegionQuarterlyExporter(TabularExporter):
    """Context: ``region``, ``reporting_date``."""

    sheet_title = gettext_lazy("Region")

    @cached_property
    def indicators(self) -> list[Indicator]:
        return region_indicators()

    def columns_for(self, context: ExportContext) -> Sequence[Column]:
        columns = [
            Column(gettext("No."), 5),
            Column(gettext("Municipality"), 32),
            Column(gettext("Organizations"), 12),
            Column(gettext("Submitted"), 12),
        ]
        value, target, deviation = gettext("value"), gettext("target"), gettext("deviation")
        for indicator in self.indicators:
            unit = ", %" if indicator.is_percent else ""
            points = gettext("p.p.") if indicator.is_percent else ""
            columns += [
                Column(f"{indicator.short_name}{unit}: {value}", 14),
                Column(f"{indicator.short_name}{unit}: {target}", 14),
                Column(" ".join(filter(None, (f"{indicator.short_name}: {deviation}", points))), 14),
            ]
        return columns

    def filename(self, context: ExportContext) -> str:
        return quarterly_filename(context["region"].name, context["reporting_date"])

    def title_rows(self, context: ExportContext) -> Iterable[Sequence[Any]]:
        date = context["reporting_date"].strftime("%d.%m.%Y")
        yield [gettext("Monitoring of the target model of mentoring as of %(date)s") % {"date": date}]
        # Outside the f-string, where xgettext finds it.
        subtitle = gettext("indicators of the municipalities against their targets")
        yield [f"{context['region'].name}: {subtitle}"]
        yield [gettext("Made on %(date)s.") % {"date": timezone.localdate().strftime("%d.%m.%Y")}]

    def rows(self, context: ExportContext) -> Iterable[Sequence[Any]]:
        indicators = self.indicators
        lines = region_lines(context["region"], context["reporting_date"], indicators)
        for number, line in enumerate(lines, start=1):
            if line.period is None:
                yield [number, line.municipality.name, gettext("no reporting period on this date")]
                continue
            submitted = sum(1 for row in line.rows if row.frozen)
            yield [number, line.municipality.name, len(line.rows), submitted, *self.compared(line.values, indicators)]
        every_row = [row for line in lines for row in line.rows]
        region = aggregates.municipal_values(every_row, indicators, {})
        yield [
            "",
            gettext("Region in total"),
            len(every_row),
            sum(1 for row in every_row if row.frozen),
            *self.compared(region, indicators),
        ]
        yield from self.earlier_figures(lines, indicators)

    @staticmethod
    def earlier_figures(lines: list[MunicipalityLine], indicators: list[Indicator]) -> Iterable[Sequence[Any]]:
        """Below the table, the values divided by an earlier period's contingent figures, each with
        the date of its figures: a total is signed for, so what it rests on is said."""
        for line in lines:
            for indicator in indicators:
                value = line.values.get(indicator.code)
                if value is not None and value.figures_note:
                    yield ["", line.municipality.name, f"{indicator.short_name}: {value.figures_note}"]

    @staticmethod
    def compared(values: dict[str, aggregates.MunicipalValue], indicators: list[Indicator]) -> list:
        cells = []
        for indicator in indicators:
            value = values.get(indicator.code)
            found = [value.value, value.target, value.deviation] if value else [None, None, None]
            # «—» where there is no number: an empty cell reads as forgotten.
            cells += ["—" if number is None else number for number in found]
        return cells
