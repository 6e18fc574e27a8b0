"""The organization's annual analytical report on the target model (the self-audit of
November–December, seed 003 item 6.1) as PDF: indicators against the targets with charts, the
progress of the roadmap by stage, the pairs and groups with the practices the municipal registry
published, and satisfaction. Counts only; no pupil is named. The coordinator may have all the
organizations' reports of a year in one ZIP.
"""

import datetime
import io
import zipfile
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import Organization
from mentoring.practices.selectors import published_practices
from monitoring.indicators import aggregates, charts
from monitoring.indicators.models import Indicator, ReportingPeriod
from monitoring.indicators.selectors import (
    ComparedWithTarget,
    IndicatorValue,
    indicators_for,
    periods_of,
    targets_of,
    values_by_period,
)
from reports.exporters import DocumentExporter, ExportContext, Rendered, get_exporter, register, safe_filename
from reports.jobs import Progress
from reports.models import ExportJob
from roadmap.models import Roadmap
from roadmap.selectors import RoadmapView, roadmap_view

ZIP_CONTENT_TYPE = "application/zip"


@dataclass
class IndicatorRow(ComparedWithTarget):
    """An indicator over the year. Its deviation and whether it meets the target compare the latest
    value with the year's target the row shows (a value as of 1 January carries the target of the
    year before), so that the row, its chart and the last section say the same."""

    indicator: Indicator
    values: list[IndicatorValue | None]  # per period of the year
    target: object
    last: IndicatorValue | None  # the latest value of the year
    last_date: datetime.date | None  # its reporting date
    chart: str

    @property
    def value(self):
        return self.last.value if self.last else None

    @property
    def applicable(self) -> bool:
        return any(value is not None and value.applicable for value in self.values)


def year_window(year: int, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The calendar year the report is about, up to today when it is not over yet."""
    return datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)


def report_periods(organization: Organization, year: int, today: datetime.date) -> list[ReportingPeriod]:
    """The municipality's reporting dates in the year that have come."""
    return list(periods_of(organization.municipality).filter(reporting_date__year=year, reporting_date__lte=today))


def indicator_rows(organization: Organization, year: int, periods: list[ReportingPeriod]) -> list[IndicatorRow]:
    indicators = indicators_for(organization.municipality)
    targets = targets_of(organization.municipality, year)
    found = values_by_period(municipality=organization.municipality, periods=periods, organizations=[organization])
    by_period = [found[period.pk][0].values for period in periods]
    rows = []
    for indicator in indicators:
        values = [values.get(indicator.code) for values in by_period]
        target = targets.get(indicator.pk)
        points = [
            charts.Point(f"{period.reporting_date:%d.%m.%Y}", value.value if value else None, target)
            for period, value in zip(periods, values, strict=True)
        ]
        last, last_date = next(
            (
                (value, period.reporting_date)
                for period, value in reversed(list(zip(periods, values, strict=True)))
                if value is not None and value.value is not None
            ),
            (None, None),
        )
        rows.append(
            IndicatorRow(
                indicator,
                values,
                target,
                last,
                last_date,
                charts.trend_chart(points, title=indicator.short_name, percent=indicator.is_percent),
            )
        )
    return [row for row in rows if row.applicable or not periods]


def roadmaps_of_year(organization: Organization, year: int, today: datetime.date) -> list[RoadmapView]:
    """The roadmaps of the academic years the calendar year touches: the one ending in it and the
    one starting in it."""
    roadmaps = Roadmap.objects.filter(
        organization=organization, is_template=False, academic_year__in=[year - 1, year]
    ).order_by("academic_year", "pk")
    return [roadmap_view(roadmap, today) for roadmap in roadmaps]


def practices_published_in(organization: Organization, date_from: datetime.date, date_to: datetime.date) -> list:
    """The organization's practices published in the municipal registry during the year."""
    practices = published_practices(organization=organization).filter(
        published_at__date__gte=date_from, published_at__date__lte=date_to
    )
    return list(practices.order_by("published_at", "pk"))


def annual_context(organization: Organization, year: int, today: datetime.date) -> dict:
    periods = report_periods(organization, year, today)
    date_from, date_to = year_window(year, today)
    found = aggregates.organization_aggregates(organization_ids=[organization.pk], date_from=date_from, date_to=date_to)
    mine = found.of(organization.pk)
    rows = indicator_rows(organization, year, periods)
    return {
        "organization": organization,
        "municipality": organization.municipality,
        "year": year,
        "today": today,
        "periods": periods,
        "rows": rows,
        "satisfaction": [row for row in rows if row.indicator.source == Indicator.Source.SATISFACTION],
        "roadmaps": roadmaps_of_year(organization, year, today),
        "practices": practices_published_in(organization, date_from, date_to),
        "aggregates": mine,
        "units": mine.units,
        "forms": mine.by_form(found.forms),
        "date_from": date_from,
        "date_to": date_to,
    }


def annual_filename(organization: Organization, year: int) -> str:
    return gettext("Annual report %(year)s – %(organization)s") % {
        "year": year,
        "organization": organization.short_name,
    }


@register("annual_report")
class AnnualReportExporter(DocumentExporter):
    """Context: ``organization``, ``year`` (calendar), ``today``."""

    template_name = "reports/annual/report.html"

    def filename(self, context: ExportContext) -> str:
        return annual_filename(context["organization"], context["year"])

    def get_template_context(self, context: ExportContext) -> dict:
        return annual_context(context["organization"], context["year"], context["today"])


def run_annual_reports_job(job: ExportJob, progress: Progress) -> Rendered:
    """Every organization's report of the year in one ZIP, for the coordinator."""
    year = int(job.params["year"])
    organizations = list(Organization.objects.filter(municipality_id=job.municipality_id).order_by("short_name", "pk"))
    today = timezone.localdate()
    exporter = get_exporter("annual_report")
    progress(0, len(organizations))
    output = io.BytesIO()
    names: set[str] = set()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, organization in enumerate(organizations, start=1):
            filename, _content_type, content = exporter.render(
                {"organization": organization, "year": year, "today": today}
            )
            # Two organizations may share a short name; the archive must keep both files.
            if filename in names:
                filename = f"{filename.removesuffix('.pdf')} ({organization.pk}).pdf"
            names.add(filename)
            archive.writestr(filename, content)
            progress(done, len(organizations))
    name = gettext("Annual reports %(year)s – %(municipality)s") % {"year": year, "municipality": job.municipality.name}
    return safe_filename(name) + ".zip", ZIP_CONTENT_TYPE, output.getvalue()
