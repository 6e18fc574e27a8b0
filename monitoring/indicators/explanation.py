"""Why a figure is what it is: the indicator's definition, its numerator and denominator with
their counts, the date, and the contingent figure used with the period it comes from. For one
organization, or for the municipality as the sum of its organizations."""

import datetime
from dataclasses import dataclass, field

from django.http import Http404

from accounts.models import Municipality, Organization
from monitoring.indicators import aggregates
from monitoring.indicators.models import ContingentFigures, Indicator, ReportingPeriod
from monitoring.indicators.selectors import (
    IndicatorValue,
    OrganizationValues,
    indicators_for,
    municipality_values,
    organization_values,
    targets_of,
)


@dataclass(frozen=True)
class FiguresSource:
    """Where the denominator (and a contingent numerator) comes from."""

    as_of: datetime.date | None  # the reporting date of the figures used; None: there are none
    submitted: bool  # frozen in the organization's submission
    earlier: bool  # an earlier period's figures stand in for the period's missing ones


@dataclass(frozen=True)
class OrganizationLine:
    organization: Organization
    value: IndicatorValue
    figures: FiguresSource


@dataclass(frozen=True)
class Explanation:
    indicator: Indicator
    period: ReportingPeriod
    value: IndicatorValue | aggregates.MunicipalValue
    numerator_label: str
    denominator_label: str | None
    organization: Organization | None = None  # None: the municipality's total
    lines: list[OrganizationLine] = field(default_factory=list)  # whose figures the value adds up

    @property
    def figures(self) -> FiguresSource | None:
        return self.lines[0].figures if self.organization is not None else None

    @property
    def frozen(self) -> bool:
        return self.organization is not None and self.figures.submitted

    @property
    def counts_people(self) -> bool:
        """Whether people of the registries are behind the numerator (not a figure or answers)."""
        return getattr(self.value, "applicable", True) and self.indicator.source in PEOPLE_SOURCES


PEOPLE_SOURCES = (Indicator.Source.REGISTRY, Indicator.Source.PARTNERS)


def counted_in_numerator(entries, indicator: Indicator) -> int:
    """What the listed registry entries add up to: people, or for partners the partners whose people
    mentor (a partner counts once, however many of its people do)."""
    if indicator.source == Indicator.Source.PARTNERS:
        return len({entry.participant.partner_id for entry in entries})
    return len(entries)


def indicator_of(municipality: Municipality, code: str) -> Indicator:
    """An indicator the municipality monitors, else 404."""
    for indicator in indicators_for(municipality):
        if indicator.code == code:
            return indicator
    raise Http404


def figures_source(row: OrganizationValues, period: ReportingPeriod) -> FiguresSource:
    if row.frozen:
        # A submission needs the period's own figures and keeps them with the values.
        return FiguresSource(period.reporting_date, submitted=True, earlier=False)
    if row.contingent is None:
        return FiguresSource(None, submitted=False, earlier=False)
    as_of = row.contingent.period.reporting_date
    return FiguresSource(as_of, submitted=False, earlier=as_of < period.reporting_date)


def _label(name: str) -> str | None:
    return str(ContingentFigures._meta.get_field(name).verbose_name) if name else None


def numerator_label(indicator: Indicator) -> str:
    if indicator.source == Indicator.Source.CONTINGENT:
        return _label(indicator.numerator_figure) or ""
    return indicator.get_source_display()


def _line(row: OrganizationValues, indicator: Indicator, period: ReportingPeriod) -> OrganizationLine:
    return OrganizationLine(row.organization, row.values[indicator.code], figures_source(row, period))


def organization_explanation(*, organization: Organization, period: ReportingPeriod, code: str) -> Explanation:
    indicator = indicator_of(organization.municipality, code)
    row = organization_values(organization=organization, period=period)
    line = _line(row, indicator, period)
    return Explanation(
        indicator, period, line.value, numerator_label(indicator), _label(indicator.denominator), organization, [line]
    )


def municipal_explanation(*, municipality: Municipality, period: ReportingPeriod, code: str) -> Explanation:
    """The municipality's value and every organization's part of it, as the dashboard adds them."""
    indicator = indicator_of(municipality, code)
    rows = municipality_values(municipality=municipality, period=period, indicators=[indicator])
    total = aggregates.municipal_values(rows, [indicator], targets_of(municipality, period.target_year))
    lines = [_line(row, indicator, period) for row in rows if row.values[indicator.code].applicable]
    return Explanation(
        indicator, period, total[code], numerator_label(indicator), _label(indicator.denominator), None, lines
    )
