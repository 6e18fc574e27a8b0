"""Reads of the indicators: definitions, periods, and the values of organizations, live from the
registries or frozen in a submission. Values for many organizations take a fixed number of
queries (one per indicator, not per organization)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from accounts.collation import name_order
from accounts.models import Municipality, Organization
from mentoring.models import (
    YOUNG_SPECIALIST_YEARS,
    MenteeEntry,
    MentorEntry,
    MentoringUnit,
    Participant,
    UnitMentee,
    working_during,
)
from mentoring.training.selectors import trained_staff_counts
from monitoring.indicators.live_cache import cached_live_counts
from monitoring.indicators.models import (
    ContingentFigures,
    Indicator,
    ReportingPeriod,
    Submission,
    Target,
    counted_from,
    target_year_of,
)
from monitoring.satisfaction import Pooled, respondents_by_window


class ComparedWithTarget:
    """A value against its target; the classes using it have ``value``, ``target`` and
    ``figures_on`` fields."""

    value: Decimal | None
    target: Decimal | None
    figures_on: datetime.date | None

    @property
    def figures_note(self) -> str:
        """«по данным на 01.04.2026» when the value divides by an earlier period's contingent
        figures; empty otherwise. What every output writes beside such a value."""
        if self.figures_on is None or self.value is None:
            return ""
        return gettext("figures as of %(date)s") % {"date": self.figures_on.strftime("%d.%m.%Y")}

    @property
    def deviation(self) -> Decimal | None:
        if self.value is None or self.target is None:
            return None
        return self.value - self.target

    @property
    def meets_target(self) -> bool | None:
        if self.value is None or self.target is None:
            return None
        return self.value >= self.target


@dataclass(frozen=True)
class IndicatorValue(ComparedWithTarget):
    indicator: Indicator
    numerator: int | None
    denominator: int | None
    # Percent (0–100) or count, exact: rounded once, where it is shown (rounding.half_up).
    value: Decimal | None
    target: Decimal | None
    # False when the indicator does not concern this kind of organization (e.g. additional
    # education for a kindergarten): then there is no value and nothing to meet.
    applicable: bool = True
    # Satisfaction: its respondents pooled exactly, which totals over organizations add up.
    pooled: Pooled | None = None
    # The reporting date of an earlier period whose contingent figures the value was computed
    # with, when the organization has none for its own date: every output says so.
    figures_on: datetime.date | None = None

    @property
    def respondents(self) -> int | None:
        return None if self.pooled is None else self.pooled.respondents

    @property
    def exceeds_whole(self) -> bool:
        """A share above 100 %: more people counted than the contingent figure has."""
        return self.indicator.is_percent and self.value is not None and self.value > 100

    def as_json(self) -> dict:
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            # Every digit Decimal keeps, so the frozen value rounds as the live one did.
            "value": None if self.value is None else str(self.value),
            "target": None if self.target is None else str(self.target),
            "applicable": self.applicable,
            "respondents": self.respondents,
            # The respondents' percents summed, as a fraction: totals pool it exactly.
            "score": None if self.pooled is None else str(self.pooled.total),
            "figures_on": None if self.figures_on is None else self.figures_on.isoformat(),
        }


@dataclass
class OrganizationValues:
    organization: Organization
    values: dict[str, IndicatorValue]  # by indicator code, in indicator order
    submission: Submission | None  # the current submission of the period, if any
    frozen: bool  # values come from the submission
    # The organization's latest contingent on the reporting date (of the period, else an earlier one):
    # what live values divide by. Frozen values were divided by ``submission.contingent`` instead.
    contingent: ContingentFigures | None = field(default=None)

    @property
    def exceeding(self) -> list[IndicatorValue]:
        """Shares above 100 %: what the organization is warned of and confirms before submitting."""
        return [value for value in self.values.values() if value.applicable and value.exceeds_whole]


def indicators_for(municipality: Municipality) -> list[Indicator]:
    """The active indicators the municipality monitors, in their order, with their forms."""
    return list(
        Indicator.objects.filter(active=True)
        .filter(Q(municipalities__isnull=True) | Q(municipalities=municipality))
        .distinct()
        .prefetch_related("forms")
        .order_by("position", "code")
    )


def periods_of(municipality: Municipality) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(municipality=municipality).order_by("reporting_date")


def current_period(municipality: Municipality, today: datetime.date | None = None) -> ReportingPeriod | None:
    """The period being reported now: the latest whose date has come, else the first one ahead."""
    today = today or timezone.localdate()
    periods = periods_of(municipality)
    return periods.filter(reporting_date__lte=today).last() or periods.first()


def targets_of(municipality: Municipality, year: int) -> dict[int, Decimal]:
    """Indicator id -> the municipality's target for the year."""
    return dict(Target.objects.filter(municipality=municipality, year=year).values_list("indicator_id", "value"))


def target_table(municipality: Municipality, years: list[int]) -> dict[tuple[int, int], Decimal]:
    """(indicator id, year) -> target, for the targets editor and reports over several years."""
    rows = Target.objects.filter(municipality=municipality, year__in=years)
    return {(row.indicator_id, row.year): row.value for row in rows}


def target_years(municipality: Municipality) -> list[int]:
    """The years the municipality has set any target for, in order: the columns of the indicators
    appendix of its order («контрольные значения по годам»)."""
    # order_by replaces the model's ordering by the indicator, which would make DISTINCT repeat years.
    return list(
        Target.objects.filter(municipality=municipality).order_by("year").values_list("year", flat=True).distinct()
    )


def latest_contingent(*, organization_ids, on_date: datetime.date) -> dict[int, ContingentFigures]:
    """Each organization's contingent of the latest period on or before the date, in one query."""
    return contingent_on_dates(organization_ids=organization_ids, dates=[on_date])[on_date]


def contingent_on_dates(*, organization_ids, dates) -> dict[datetime.date, dict[int, ContingentFigures]]:
    """``latest_contingent`` for several dates in one query: date -> organization id -> figures."""
    rows = (
        ContingentFigures.objects.filter(organization_id__in=organization_ids, period__reporting_date__lte=max(dates))
        .select_related("period")
        .order_by("organization_id", "-period__reporting_date")
    )
    by_organization: dict[int, list[ContingentFigures]] = {}
    for row in rows:
        by_organization.setdefault(row.organization_id, []).append(row)
    return {
        day: {
            pk: latest
            for pk, figures in by_organization.items()
            if (latest := next((row for row in figures if row.period.reporting_date <= day), None))
        }
        for day in dates
    }


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` earlier (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _counted_entries(indicator: Indicator, on_date: datetime.date) -> Q:
    """The registry entries the indicator counts as of the date: entered during the academic year
    up to the date, of the people its rules describe."""
    start = counted_from(on_date)
    rule = Q(academic_year=start.year, entered_on__lte=on_date)
    if indicator.categories:
        rule &= Q(participant__category__in=indicator.categories)
    # Ages and experience in full years on the date, as birth and start dates compared with the date shifted back.
    # The birth date is the entry's copy: it outlives the depersonalization of the person.
    if indicator.age_min is not None:
        rule &= Q(birth_date__lte=years_before(on_date, indicator.age_min))
    if indicator.age_max is not None:
        rule &= Q(birth_date__gt=years_before(on_date, indicator.age_max + 1))
    if indicator.young_specialists:
        rule &= Q(
            participant__category=Participant.Category.STAFF,
            participant__teaching_since__lte=on_date,
            participant__teaching_since__gt=years_before(on_date, YOUNG_SPECIALIST_YEARS + 1),
        )
    if indicator.full_cycle_only:
        # A full cycle completed after the date is not a fact of the date.
        rule &= Q(full_cycle=True, completed_on__lte=on_date)
    forms = list(indicator.forms.all())
    if forms:
        rule &= Q(Exists(_units_in_forms(indicator.role, forms, start, on_date)))
    if indicator.source == Indicator.Source.PARTNERS:
        rule &= Q(participant__partner__isnull=False)
    return rule


def _registry_of(indicator: Indicator) -> type[MentorEntry] | type[MenteeEntry]:
    return MentorEntry if indicator.role == Indicator.Role.MENTOR else MenteeEntry


def _registry_counts(indicators, organization_ids, dates) -> dict[tuple[int, datetime.date], dict[int, int]]:
    """(indicator id, date) -> organization id -> distinct people (or, for partners, partner
    organizations) the indicator counts as of the date. One grouped query per registry (mentors,
    mentees) whatever the number of indicators, dates and organizations: each (indicator, date)
    is a filtered count of the same rows (see _count)."""
    result: dict[tuple[int, datetime.date], dict[int, int]] = {}
    counted = [
        indicator
        for indicator in indicators
        if indicator.source in (Indicator.Source.REGISTRY, Indicator.Source.PARTNERS)
    ]
    for model in (MentorEntry, MenteeEntry):
        wanted = [(indicator, day) for indicator in counted if _registry_of(indicator) is model for day in dates]
        if not wanted:
            continue
        counts = {f"n{number}": _count(indicator, day) for number, (indicator, day) in enumerate(wanted)}
        rows = (
            model.objects.filter(
                organization_id__in=organization_ids,
                # Also on the participants: their side of the join is then read by organization too.
                participant__organization_id__in=organization_ids,
                academic_year__in={counted_from(day).year for day in dates},
                entered_on__lte=max(dates),
            )
            .order_by()
            .values("organization_id")
            .annotate(**counts)
        )
        for row in rows:
            for number, (indicator, day) in enumerate(wanted):
                result.setdefault((indicator.pk, day), {})[row["organization_id"]] = row[f"n{number}"]
    return result


def _count(indicator: Indicator, on_date: datetime.date) -> Count:
    if indicator.source == Indicator.Source.PARTNERS:
        return Count("participant__partner_id", distinct=True, filter=_counted_entries(indicator, on_date))
    # People: a plain count of entries, because a person has one entry per registry and academic
    # year (a unique constraint) and the rule keeps one academic year. A distinct count would
    # sort the rows once per indicator and date: 170 ms instead of 20 for a district's trend.
    return Count("pk", filter=_counted_entries(indicator, on_date))


def _units_in_forms(role: str, forms, start: datetime.date, on_date: datetime.date) -> QuerySet:
    """The working pairs and groups of the forms the entry's participant was in during the period."""
    if role == Indicator.Role.MENTOR:
        return MentoringUnit.objects.filter(
            working_during(start, on_date), mentor=OuterRef("participant"), form__in=forms
        )
    return UnitMentee.objects.filter(
        working_during(start, on_date, "unit__"),
        Q(left_on__isnull=True) | Q(left_on__gte=start),
        mentee=OuterRef("participant"),
        unit__form__in=forms,
        joined_on__lte=on_date,
    )


def _satisfaction(indicators, organization_ids, dates) -> dict[tuple[int, datetime.date], dict[int, Pooled | None]]:
    """(indicator id, date) -> organization id -> its respondents pooled; one query per audience."""
    result = {}
    for indicator in indicators:
        if indicator.source != Indicator.Source.SATISFACTION:
            continue
        windows = {day: (counted_from(day), day) for day in dates}
        found = respondents_by_window(
            organization_ids=organization_ids, audience=indicator.role, windows=list(windows.values())
        )
        for day, window in windows.items():
            result[(indicator.pk, day)] = found[window]
    return result


def _training(indicators, organization_ids, dates) -> dict[tuple[int, datetime.date], dict[int, int]]:
    """(indicator id, date) -> organization id -> staff with a training completed on or before the date."""
    wanted = [indicator for indicator in indicators if indicator.source == Indicator.Source.TRAINING]
    if not wanted:
        return {}
    counts = trained_staff_counts(organization_ids=organization_ids, dates=dates)
    return {(indicator.pk, day): counts[day] for indicator in wanted for day in dates}


def _live_counts(indicators, organization_ids, dates) -> dict[datetime.date, dict[int, dict]]:
    """date -> indicator id -> organization id -> the count (or satisfaction) of the registries."""
    organization_ids = list(organization_ids)
    found = (
        _registry_counts(indicators, organization_ids, dates)
        | _satisfaction(indicators, organization_ids, dates)
        | _training(indicators, organization_ids, dates)
    )
    return {day: {indicator.pk: found.get((indicator.pk, day), {}) for indicator in indicators} for day in dates}


def share(numerator: int | None, denominator: int | None) -> Decimal | None:
    """The percent, exact to Decimal's 28 digits (4.545454… for 1 of 22): never rounded here, so
    that what is shown is rounded once, and a ratio that is not a whole number of hundredths does
    not round twice (4.545… to 4.55, then to 4.6)."""
    if numerator is None or not denominator:
        return None
    return Decimal(numerator) * 100 / Decimal(denominator)


def compute_values(
    *, organization_ids, on_date: datetime.date, municipality: Municipality
) -> dict[int, dict[str, IndicatorValue]]:
    """Live values as of a date for organizations of the municipality, by organization id and
    indicator code; the denominators are each organization's latest contingent on the date."""
    organization_ids = list(organization_ids)
    indicators = indicators_for(municipality)
    kinds = dict(Organization.objects.filter(pk__in=organization_ids).values_list("pk", "kind"))
    contingent = latest_contingent(organization_ids=organization_ids, on_date=on_date)
    counts = _live_counts(indicators, organization_ids, [on_date])[on_date]
    return _values(indicators, kinds, contingent, targets_of(municipality, target_year_of(on_date)), counts, on_date)


def _values(
    indicators, kinds: dict[int, str], contingent: dict[int, ContingentFigures], targets, counts, on_date
) -> dict[int, dict[str, IndicatorValue]]:
    result: dict[int, dict[str, IndicatorValue]] = {}
    for organization_id, kind in kinds.items():
        figures = contingent.get(organization_id)
        values = {}
        for indicator in indicators:
            target = targets.get(indicator.pk)
            if not indicator.applies_to(kind):
                values[indicator.code] = IndicatorValue(indicator, None, None, None, target, applicable=False)
                continue
            values[indicator.code] = _value(
                indicator, counts.get(indicator.pk, {}), organization_id, figures, target, on_date
            )
        result[organization_id] = values
    return result


def _value(indicator: Indicator, counts: dict, organization_id: int, figures, target, on_date) -> IndicatorValue:
    if indicator.source == Indicator.Source.SATISFACTION:
        found = counts.get(organization_id)
        if found is None:
            return IndicatorValue(indicator, None, None, None, target)
        return IndicatorValue(indicator, None, None, found.percent, target, pooled=found)
    hand_typed = getattr(figures, indicator.numerator_figure) if figures and indicator.numerator_figure else None
    if indicator.source == Indicator.Source.CONTINGENT:
        numerator = hand_typed
    elif indicator.source == Indicator.Source.TRAINING:
        # The completions recorded on or before the date; with none, the figure typed by hand for
        # the periods before the trainings were kept here (ContingentFigures.staff_trained).
        counted = counts.get(organization_id, 0)
        numerator = counted if counted or hand_typed is None else hand_typed
    else:
        numerator = counts.get(organization_id, 0)
    denominator = getattr(figures, indicator.denominator) if figures and indicator.denominator else None
    if indicator.is_percent:
        value = share(numerator, denominator)
    elif numerator is not None:
        value = Decimal(numerator)
    else:
        value = None
    uses_figures = bool(indicator.denominator or indicator.source == Indicator.Source.CONTINGENT)
    earlier = figures.period.reporting_date if figures and uses_figures else None
    figures_on = earlier if earlier and earlier < on_date else None
    return IndicatorValue(indicator, numerator, denominator, value, target, figures_on=figures_on)


def _decimal(text) -> Decimal | None:
    return None if text is None else Decimal(text)


def _frozen_value(indicator: Indicator, stored: dict) -> Decimal | None:
    """A share is worked out again from its frozen numerator and denominator: exact whatever the
    number of decimals it was stored with (submissions of before kept two)."""
    numerator, denominator = stored.get("numerator"), stored.get("denominator")
    if indicator.is_percent and numerator is not None and denominator:
        return share(numerator, denominator)
    return _decimal(stored.get("value"))


def frozen_values(submission: Submission, indicators, targets) -> dict[str, IndicatorValue]:
    """The submitted numbers against the municipality's current targets. An indicator added after
    the submission has no value in it."""
    values = {}
    for indicator in indicators:
        stored = submission.values.get(indicator.code, {})
        values[indicator.code] = IndicatorValue(
            indicator,
            stored.get("numerator"),
            stored.get("denominator"),
            _frozen_value(indicator, stored),
            targets.get(indicator.pk),
            applicable=stored.get("applicable", True),
            pooled=Pooled(Fraction(stored["score"]), stored["respondents"]) if stored.get("score") else None,
            figures_on=datetime.date.fromisoformat(stored["figures_on"]) if stored.get("figures_on") else None,
        )
    return values


def municipality_values(
    *, municipality: Municipality, period: ReportingPeriod, indicators=None, organizations=None
) -> list[OrganizationValues]:
    """Every organization of the municipality in name order: submitted ones with their frozen
    values, the others live as of the reporting date. Callers that go over several periods use
    ``values_by_period``, which reads them all at once."""
    return values_by_period(
        municipality=municipality, periods=[period], indicators=indicators, organizations=organizations
    )[period.pk]


def organization_values(*, organization: Organization, period: ReportingPeriod) -> OrganizationValues:
    return values_by_period(municipality=organization.municipality, periods=[period], organizations=[organization])[
        period.pk
    ][0]


def values_by_period(
    *,
    municipality: Municipality,
    periods: list[ReportingPeriod],
    indicators=None,
    organizations=None,
    cached: bool = False,
) -> dict[int, list[OrganizationValues]]:
    """``municipality_values`` of several periods (a trend), by period pk, in a fixed number of
    queries whatever the number of periods and organizations: the submissions, the contingent, the
    targets and the live counts of every period are each read in one go. ``cached`` takes the live
    counts from the cache where the organization has not changed since (pages; see live_cache)."""
    if indicators is None:
        indicators = indicators_for(municipality)
    if organizations is None:
        organizations = list(Organization.objects.filter(municipality=municipality).order_by("short_name", "pk"))
    return values_of_periods([(period, organizations) for period in periods], indicators, cached=cached)


def values_of_periods(
    groups: list[tuple[ReportingPeriod, list[Organization]]], indicators, *, cached: bool = False
) -> dict[int, list[OrganizationValues]]:
    """The values of each period's organizations, by period pk: the core of ``values_by_period``,
    also for periods of several municipalities (a region's quarter, one period per municipality).
    A fixed number of queries: the submissions, the contingent, the targets and the live counts of
    every period and organization are each read in one go."""
    if not groups:
        return {}
    organizations = {organization.pk: organization for _period, members in groups for organization in members}
    ids = list(organizations)
    periods = [period for period, _members in groups]
    dates = sorted({period.reporting_date for period in periods})
    targets = {
        (row.municipality_id, row.indicator_id, row.year): row.value
        for row in Target.objects.filter(
            municipality_id__in={period.municipality_id for period in periods},
            year__in={period.target_year for period in periods},
        )
    }
    submissions = {
        (submission.period_id, submission.organization_id): submission
        for submission in Submission.objects.filter(
            period__in=periods, organization_id__in=ids, is_current=True
        ).select_related("submitted_by", "period")
    }
    contingent = contingent_on_dates(organization_ids=ids, dates=dates)
    live_kinds = {
        period.pk: {
            organization.pk: organization.kind
            for organization in members
            if (period.pk, organization.pk) not in submissions
        }
        for period, members in groups
    }
    live_ids = {pk for kinds in live_kinds.values() for pk in kinds}
    live_dates = sorted({period.reporting_date for period in periods if live_kinds[period.pk]})
    if not live_ids:
        counts = {}
    elif cached:
        counts = cached_live_counts(indicators, [organizations[pk] for pk in live_ids], live_dates, _live_counts)
    else:
        counts = _live_counts(indicators, live_ids, live_dates)
    result = {}
    for period, members in groups:
        day = period.reporting_date
        year_targets = {
            indicator_pk: value
            for (municipality_pk, indicator_pk, year), value in targets.items()
            if (municipality_pk, year) == (period.municipality_id, period.target_year)
        }
        live = _values(indicators, live_kinds[period.pk], contingent[day], year_targets, counts.get(day, {}), day)
        rows = []
        for organization in members:
            submission = submissions.get((period.pk, organization.pk))
            rows.append(
                OrganizationValues(
                    organization=organization,
                    values=frozen_values(submission, indicators, year_targets) if submission else live[organization.pk],
                    submission=submission,
                    frozen=submission is not None,
                    contingent=contingent[day].get(organization.pk),
                )
            )
        result[period.pk] = rows
    return result


def submissions_of(*, organization: Organization, period: ReportingPeriod | None = None) -> QuerySet[Submission]:
    """The organization's submissions, the newest first: the current ones and the replaced ones."""
    submissions = Submission.objects.filter(organization=organization).select_related("period", "submitted_by")
    if period is not None:
        submissions = submissions.filter(period=period)
    return submissions.order_by("-period__reporting_date", "-submitted_at")


def contingent_of(*, organization: Organization, period: ReportingPeriod) -> ContingentFigures | None:
    return ContingentFigures.objects.filter(organization=organization, period=period).first()


def previous_contingent(*, organization: Organization, period: ReportingPeriod) -> ContingentFigures | None:
    """The figures of the latest earlier period: what the contingent form offers."""
    return (
        ContingentFigures.objects.filter(organization=organization, period__reporting_date__lt=period.reporting_date)
        .select_related("period")
        .order_by("-period__reporting_date")
        .first()
    )


def numerator_entries(
    *, organization: Organization, indicator: Indicator, on_date: datetime.date
) -> QuerySet[MentorEntry] | QuerySet[MenteeEntry] | None:
    """The registry entries behind the organization's live numerator as of the date, by the same
    rule that counts them (for partners, the mentors whose partners are counted), with their
    people, in name order. None for a numerator that is not people (a contingent figure, a
    questionnaire). Names stay inside the organization: callers show them to its own users only."""
    if indicator.source not in (Indicator.Source.REGISTRY, Indicator.Source.PARTNERS):
        return None
    return (
        _registry_of(indicator)
        .objects.filter(_counted_entries(indicator, on_date), organization=organization)
        .filter(participant__organization=organization)
        .select_related("participant", "participant__partner")
        .order_by(*name_order("participant__"), "pk")
    )
