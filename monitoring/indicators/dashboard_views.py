"""The coordinator's dashboard: the organizations' indicators of a period against the targets,
who has not submitted yet, the municipality's trend, and one organization's aggregates. Only
numbers: the coordinator never sees a pupil's name here."""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.mixins import TenantPermissionMixin
from accounts.models import Organization
from accounts.permissions import Action
from monitoring.indicators import aggregates, charts
from monitoring.indicators.models import Indicator, ReportingPeriod
from monitoring.indicators.selectors import (
    IndicatorValue,
    current_period,
    indicators_for,
    periods_of,
    target_table,
    targets_of,
    values_by_period,
)

# Periods the trend charts show, up to the chosen one: two years of quarters.
TREND_PERIODS = 8


@dataclass(frozen=True)
class Cell:
    """One value of the table with its colour against the target."""

    value: IndicatorValue | aggregates.MunicipalValue | None
    # The page that explains the value (see explain_url); empty: none.
    href: str = ""
    # Worked out once: the template asks for the state, its colour and its title of every cell.
    state: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "state", self._state())

    def _state(self) -> str:
        if self.value is None or not getattr(self.value, "applicable", True):
            return "not-applicable"
        if self.value.value is None:
            return "no-value"
        if self.value.meets_target is None:
            return "no-target"
        return "meets" if self.value.meets_target else "below"

    @property
    def css(self) -> str:
        return STATE_CSS.get(self.state, "")

    @property
    def title(self) -> str:
        return str(STATE_TITLES[self.state])


STATE_CSS = {"meets": "table-success", "below": "table-danger", "no-value": "table-secondary"}
STATE_TITLES = {
    "meets": _("meets the target"),
    "below": _("below the target"),
    "no-value": _("no value"),
    "no-target": _("no target set"),
    "not-applicable": _("does not apply to this organization"),
}


def explain_url(period: ReportingPeriod, indicator: Indicator, organization_pk: int | None = None) -> str:
    """The explanation of a cell; reversed once per page and filled in, as a dashboard has hundreds of cells."""
    url = _explain_base(period.pk).replace(EXPLAIN_CODE, indicator.code)
    return f"{url}?organization={organization_pk}" if organization_pk else url


EXPLAIN_CODE = "__code__"


@lru_cache(maxsize=64)
def _explain_base(period_pk: int) -> str:
    return reverse("indicator_explain", kwargs={"period_pk": period_pk, "code": EXPLAIN_CODE})


def chosen_period(municipality, requested: str | None, today: datetime.date) -> tuple[list, ReportingPeriod | None]:
    periods = list(periods_of(municipality))
    by_pk = {str(period.pk): period for period in periods}
    if requested in by_pk:
        return periods, by_pk[requested]
    current = current_period(municipality, today)
    return periods, current


def trend_periods(periods: list[ReportingPeriod], period: ReportingPeriod) -> list[ReportingPeriod]:
    earlier = [item for item in periods if item.reporting_date <= period.reporting_date]
    return earlier[-TREND_PERIODS:]


@dataclass(frozen=True)
class Chart:
    indicator: Indicator
    svg: str
    points: list[charts.Point]


def chart_of(indicator: Indicator, points: list[charts.Point], title: str) -> Chart:
    return Chart(indicator, charts.trend_chart(points, title=title, percent=indicator.is_percent), points)


class PeriodMixin:
    @cached_property
    def today(self) -> datetime.date:
        return timezone.localdate()

    @cached_property
    def municipality(self):
        return self.request.tenant.municipality

    @cached_property
    def periods_and_period(self):
        return chosen_period(self.municipality, self.request.GET.get("period"), self.today)


class DashboardView(PeriodMixin, TenantPermissionMixin, TemplateView):
    permission_action = Action.MONITORING_DASHBOARD
    template_name = "indicators/dashboard/dashboard.html"

    def get_context_data(self, **kwargs):
        periods, period = self.periods_and_period
        context = super().get_context_data(periods=periods, period=period, today=self.today, **kwargs)
        if period is None:
            return context
        indicators = indicators_for(self.municipality)
        # The chosen period and the earlier ones of the trend, read together.
        shown = trend_periods(periods, period)
        by_period = values_by_period(municipality=self.municipality, periods=shown, indicators=indicators, cached=True)
        rows = by_period[period.pk]
        targets = targets_of(self.municipality, period.target_year)
        municipal = aggregates.municipal_values(rows, indicators, targets)
        trend = aggregates.municipal_trend(
            municipality=self.municipality, periods=shown, known=by_period, indicators=indicators
        )
        context.update(
            indicators=indicators,
            rows=[
                (
                    row,
                    [
                        Cell(row.values.get(indicator.code), explain_url(period, indicator, row.organization.pk))
                        for indicator in indicators
                    ],
                )
                for row in rows
            ],
            municipal=[Cell(municipal[indicator.code], explain_url(period, indicator)) for indicator in indicators],
            averages=[(indicator, municipal[indicator.code].average) for indicator in indicators],
            can_export=self.request.tenant.can(Action.MUNICIPAL_EXPORT),
            submitted=sum(1 for row in rows if row.frozen),
            not_submitted=[row.organization for row in rows if not row.frozen],
            overdue=self.today > period.due_on,
            charts=[
                chart_of(
                    indicator,
                    [
                        charts.Point(
                            f"{point.period.reporting_date:%d.%m.%Y}",
                            point.values[indicator.code].value,
                            point.values[indicator.code].target,
                        )
                        for point in trend
                    ],
                    str(indicator),
                )
                for indicator in indicators
            ],
        )
        return context


class OrganizationDrillDownView(PeriodMixin, TenantPermissionMixin, TemplateView):
    """One organization of the municipality: its indicators by period, its pairs and groups, the
    satisfaction of its participants. Counts only, no one's name."""

    permission_action = Action.MONITORING_DASHBOARD
    template_name = "indicators/dashboard/organization.html"

    def get_context_data(self, **kwargs):
        organization = get_object_or_404(
            Organization.objects.filter(municipality=self.municipality), pk=self.kwargs["pk"]
        )
        periods, period = self.periods_and_period
        context = super().get_context_data(organization=organization, periods=periods, period=period, **kwargs)
        if period is None:
            return context
        shown = trend_periods(periods, period)
        indicators = indicators_for(self.municipality)
        found = values_by_period(
            municipality=self.municipality, periods=shown, organizations=[organization], cached=True
        )
        by_period = [(item, found[item.pk][0]) for item in shown]
        targets = target_table(self.municipality, sorted({item.target_year for item in shown}))
        table = [
            (
                indicator,
                [
                    Cell(values.values.get(indicator.code), explain_url(item, indicator, organization.pk))
                    for item, values in by_period
                ],
            )
            for indicator in indicators
        ]
        found = aggregates.period_aggregates(period=period, rows=[by_period[-1][1]])
        mine = found.of(organization.pk)
        context.update(
            shown=shown,
            table=table,
            current=by_period[-1][1],
            aggregates=mine,
            forms=mine.by_form(found.forms),
            window=(found.date_from, found.date_to),
            # Charts of the indicators that concern the organization (not additional education for a school).
            charts=[
                chart_of(
                    indicator,
                    [
                        charts.Point(
                            f"{item.reporting_date:%d.%m.%Y}",
                            cell.value.value if cell.state != "not-applicable" else None,
                            targets.get((indicator.pk, item.target_year)),
                        )
                        for item, cell in zip(shown, cells, strict=True)
                    ],
                    str(indicator),
                )
                for indicator, cells in table
                if any(cell.state != "not-applicable" for cell in cells)
            ],
        )
        return context
