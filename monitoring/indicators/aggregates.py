"""What the coordinator may know of an organization's mentoring besides its indicators: counts of
people and of pairs and groups, never who they are.

Per organization, over a window of dates (a period counts from the start of its academic year to
its reporting date, as the indicators do): mentees and mentors by form of mentoring, pairs and
groups started, completed and terminated, full-cycle completions in the registries, and the
satisfaction of mentees and mentors. All organizations at once, in a fixed number of queries.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import import_module

from django.db.models import Count, Q

from mentoring.models import MenteeEntry, MentorEntry, MentoringForm, MentoringUnit, UnitMentee, working_during
from monitoring.indicators.models import Indicator, ReportingPeriod
from monitoring.indicators.selectors import (
    ComparedWithTarget,
    IndicatorValue,
    OrganizationValues,
    indicators_for,
    share,
    target_table,
    values_by_period,
)
from monitoring.satisfaction import Pooled


@dataclass
class UnitCounts:
    """Pairs and groups of one kind whose start, completion or termination fell in the window."""

    started: int = 0
    completed: int = 0
    terminated: int = 0


@dataclass
class FormRow:
    form: MentoringForm
    mentees: int
    mentors: int


@dataclass
class OrganizationAggregates:
    organization_id: int
    mentees: int = 0  # distinct people, whatever the number of forms they were in
    mentors: int = 0
    mentees_by_form: dict[int, int] = field(default_factory=dict)  # form id -> distinct mentees
    mentors_by_form: dict[int, int] = field(default_factory=dict)
    pairs: UnitCounts = field(default_factory=UnitCounts)
    groups: UnitCounts = field(default_factory=UnitCounts)
    full_cycle_mentees: int = 0
    full_cycle_mentors: int = 0
    satisfaction_mentees: Decimal | None = None
    satisfaction_mentors: Decimal | None = None
    # The respondents pooled, which the totals over organizations add up.
    respondents_mentees: Pooled | None = None
    respondents_mentors: Pooled | None = None

    def by_form(self, forms: list[MentoringForm]) -> list[FormRow]:
        """The forms the organization used in the window, in the forms' order."""
        return [
            FormRow(form, self.mentees_by_form.get(form.pk, 0), self.mentors_by_form.get(form.pk, 0))
            for form in forms
            if form.pk in self.mentees_by_form or form.pk in self.mentors_by_form
        ]

    @property
    def units(self) -> UnitCounts:
        return UnitCounts(
            self.pairs.started + self.groups.started,
            self.pairs.completed + self.groups.completed,
            self.pairs.terminated + self.groups.terminated,
        )


@dataclass
class Aggregates:
    date_from: datetime.date
    date_to: datetime.date
    forms: list[MentoringForm]  # every form any of the organizations used in the window
    organizations: dict[int, OrganizationAggregates]

    def of(self, organization_id: int) -> OrganizationAggregates:
        return self.organizations[organization_id]


def period_window(period: ReportingPeriod) -> tuple[datetime.date, datetime.date]:
    """The dates a period's aggregates cover: the same as its indicators."""
    return period.counted_from, period.reporting_date


def organization_aggregates(
    *, organization_ids, date_from: datetime.date, date_to: datetime.date, satisfaction: bool = True
) -> Aggregates:
    """The aggregates of the organizations over [date_from, date_to]: eight queries (ten with
    satisfaction) whatever the number of organizations."""
    ids = list(organization_ids)
    result = {pk: OrganizationAggregates(pk) for pk in ids}

    memberships = UnitMentee.objects.filter(
        working_during(date_from, date_to, "unit__"),
        Q(left_on__isnull=True) | Q(left_on__gte=date_from),
        unit__program__organization_id__in=ids,
        joined_on__lte=date_to,
    ).order_by()
    organization = "unit__program__organization_id"
    for row in memberships.values(organization, "unit__form_id").annotate(n=Count("mentee_id", distinct=True)):
        result[row[organization]].mentees_by_form[row["unit__form_id"]] = row["n"]
    for row in memberships.values(organization).annotate(n=Count("mentee_id", distinct=True)):
        result[row[organization]].mentees = row["n"]

    units = MentoringUnit.objects.filter(program__organization_id__in=ids).order_by()
    working = units.filter(working_during(date_from, date_to))
    organization = "program__organization_id"
    for row in working.values(organization, "form_id").annotate(n=Count("mentor_id", distinct=True)):
        result[row[organization]].mentors_by_form[row["form_id"]] = row["n"]
    for row in working.values(organization).annotate(n=Count("mentor_id", distinct=True)):
        result[row[organization]].mentors = row["n"]

    finished_in_window = Q(finished_on__gte=date_from, finished_on__lte=date_to)
    counts = units.values(organization, "kind").annotate(
        started=Count(
            "pk", filter=Q(working_during(date_from, date_to), started_on__gte=date_from, started_on__lte=date_to)
        ),
        completed=Count("pk", filter=Q(finished_in_window, status=MentoringUnit.Status.COMPLETED)),
        terminated=Count("pk", filter=Q(finished_in_window, status=MentoringUnit.Status.TERMINATED)),
    )
    for row in counts:
        aggregates = result[row[organization]]
        target = aggregates.groups if row["kind"] == MentoringUnit.Kind.GROUP else aggregates.pairs
        target.started, target.completed, target.terminated = row["started"], row["completed"], row["terminated"]

    # Full-cycle completions as the registries record them: the basis of the indicators.
    for model, attribute in ((MenteeEntry, "full_cycle_mentees"), (MentorEntry, "full_cycle_mentors")):
        completions = (
            model.objects.filter(
                organization_id__in=ids,
                # Entered by the end of the window too: an entry made after it is no fact of it.
                entered_on__lte=date_to,
                full_cycle=True,
                completed_on__gte=date_from,
                completed_on__lte=date_to,
            )
            .order_by()
            .values("organization_id")
            .annotate(n=Count("participant_id", distinct=True))
        )
        for row in completions:
            setattr(result[row["organization_id"]], attribute, row["n"])

    if satisfaction and ids:
        for audience in ("mentee", "mentor"):
            for pk, found in _satisfaction(ids, audience, date_from, date_to).items():
                if pk in result and found is not None:
                    setattr(result[pk], f"satisfaction_{audience}s", found.percent)
                    setattr(result[pk], f"respondents_{audience}s", found)

    used = {pk for aggregates in result.values() for pk in (*aggregates.mentees_by_form, *aggregates.mentors_by_form)}
    forms = list(MentoringForm.objects.filter(pk__in=used).order_by("position", "name")) if used else []
    return Aggregates(date_from, date_to, forms, result)


def _satisfaction(ids: list[int], audience: str, date_from, date_to) -> dict[int, Pooled | None]:
    # Imported when needed: questionnaires are another part of monitoring that evolves apart.
    module = import_module("monitoring.satisfaction")
    window = (date_from, date_to)
    return module.respondents_by_window(organization_ids=ids, audience=audience, windows=[window])[window]


def period_aggregates(*, period: ReportingPeriod, rows: list[OrganizationValues]) -> Aggregates:
    """The aggregates of the organizations whose values of the period are ``rows``. An organization
    that submitted the period is shown with the satisfaction it submitted, so that its figures and
    its indicators say the same, whatever was answered or removed after it signed."""
    date_from, date_to = period_window(period)
    found = organization_aggregates(
        organization_ids=[row.organization.pk for row in rows], date_from=date_from, date_to=date_to
    )
    for row in rows:
        if row.frozen:
            _as_submitted(found.of(row.organization.pk), row)
    return found


def _as_submitted(aggregates: OrganizationAggregates, row: OrganizationValues) -> None:
    for value in row.values.values():
        if value.indicator.source == Indicator.Source.SATISFACTION:
            audience = "mentees" if value.indicator.role == Indicator.Role.MENTEE else "mentors"
            setattr(aggregates, f"satisfaction_{audience}", value.value)
            setattr(aggregates, f"respondents_{audience}", value.pooled)


def totals(aggregates: Aggregates) -> OrganizationAggregates:
    """The sums over the organizations (people are distinct within an organization, so the sum
    counts a person in two organizations twice, as the municipal reports do). Satisfaction pools
    the respondents of every organization: each respondent weighs the same."""
    total = OrganizationAggregates(0)
    mentees_by_form: dict[int, int] = defaultdict(int)
    mentors_by_form: dict[int, int] = defaultdict(int)
    respondents: dict[str, list[Pooled]] = {"mentees": [], "mentors": []}
    for item in aggregates.organizations.values():
        total.mentees += item.mentees
        total.mentors += item.mentors
        for pk, n in item.mentees_by_form.items():
            mentees_by_form[pk] += n
        for pk, n in item.mentors_by_form.items():
            mentors_by_form[pk] += n
        for mine, theirs in ((total.pairs, item.pairs), (total.groups, item.groups)):
            mine.started += theirs.started
            mine.completed += theirs.completed
            mine.terminated += theirs.terminated
        total.full_cycle_mentees += item.full_cycle_mentees
        total.full_cycle_mentors += item.full_cycle_mentors
        for people in respondents:
            if (found := getattr(item, f"respondents_{people}")) is not None:
                respondents[people].append(found)
    total.mentees_by_form, total.mentors_by_form = dict(mentees_by_form), dict(mentors_by_form)
    for people, found in respondents.items():
        if found:
            pooled = sum(found[1:], found[0])
            setattr(total, f"respondents_{people}", pooled)
            setattr(total, f"satisfaction_{people}", pooled.percent)
    return total


def mean(values: list[Decimal]) -> Decimal | None:
    """Exact (to Decimal's 28 digits): rounded once, where it is shown."""
    if not values:
        return None
    return sum(values, Decimal(0)) / len(values)


def pooled_satisfaction(values: list[IndicatorValue]) -> Decimal | None:
    """The percent of all the organizations' respondents together, exact. A value submitted before
    the respondents were kept has nothing to pool: the organizations' mean then stands in."""
    reported = [value for value in values if value.value is not None]
    if any(value.pooled is None for value in reported):
        return mean([value.value for value in reported])
    if not reported:
        return None
    return sum((value.pooled for value in reported[1:]), reported[0].pooled).percent


@dataclass(frozen=True)
class MunicipalValue(ComparedWithTarget):
    """An indicator over the whole municipality: for a share, the sums of the organizations'
    numerators and denominators and their ratio; for a count, the sum; for satisfaction, which has
    no numerator, the percent of all the respondents together. ``average`` is always the mean of
    the organizations' values («average of the organizations»)."""

    indicator: Indicator
    numerator: int | None
    denominator: int | None
    value: Decimal | None
    average: Decimal | None
    target: Decimal | None
    reported: int  # organizations with a value
    # The earliest date of the earlier contingent figures some organization's value divides by.
    figures_on: datetime.date | None = None


def municipal_values(rows: list[OrganizationValues], indicators: list[Indicator], targets: dict[int, Decimal]):
    """Indicator code -> MunicipalValue over the organizations' rows."""
    result = {}
    for indicator in indicators:
        values = [row.values.get(indicator.code) for row in rows]
        values = [value for value in values if value is not None and value.applicable]
        reported = [value.value for value in values if value.value is not None]
        with_parts = [value for value in values if value.numerator is not None and value.denominator]
        numerator = sum(value.numerator for value in with_parts) if with_parts else None
        denominator = sum(value.denominator for value in with_parts) if with_parts else None
        if indicator.source == Indicator.Source.SATISFACTION:
            value = pooled_satisfaction(values)
        elif indicator.is_percent:
            value = share(numerator, denominator)
        else:
            value = sum(reported, Decimal(0)) if reported else None
        earlier = [value.figures_on for value in values if value.figures_on is not None]
        result[indicator.code] = MunicipalValue(
            indicator,
            numerator,
            denominator,
            value,
            mean(reported),
            targets.get(indicator.pk),
            len(reported),
            figures_on=min(earlier, default=None),
        )
    return result


@dataclass(frozen=True)
class TrendPoint:
    period: ReportingPeriod
    values: dict[str, MunicipalValue]


def municipal_trend(*, municipality, periods: list[ReportingPeriod], known=None, indicators=None) -> list[TrendPoint]:
    """The municipal value of every indicator at each period, in a fixed number of queries whatever
    the number of periods and organizations. ``known`` maps a period's pk to the rows of
    ``municipality_values`` the caller already has (e.g. from ``values_by_period``), which are reused."""
    known = dict(known or {})
    if indicators is None:
        indicators = indicators_for(municipality)
    missing = [period for period in periods if period.pk not in known]
    if missing:
        known |= values_by_period(municipality=municipality, periods=missing, indicators=indicators)
    targets = target_table(municipality, sorted({period.target_year for period in periods}))
    points = []
    for period in periods:
        year_targets = {pk: value for (pk, year), value in targets.items() if year == period.target_year}
        points.append(TrendPoint(period, municipal_values(known[period.pk], indicators, year_targets)))
    return points
