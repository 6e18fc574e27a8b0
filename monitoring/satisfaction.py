"""Satisfaction in percent, by the formula of each questionnaire.

A respondent's score is the mean of his or her scale answers. The two formulas then agree on one
shape, the mean over respondents of a per-respondent percent:
- «mean item score × 10»: the respondent's mean × 10 (every respondent weighs the same, whatever
  number of items he or she answered);
- «share of respondents with a mean of 7 or more»: 100 for such a respondent, else 0.
So responses to questionnaires with different formulas can be pooled per organization. Only the
scale items count; expectations asked at the start of a campaign are not satisfaction.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from monitoring.models import SATISFIED_FROM, Campaign, Question, Questionnaire, Response

PURPOSE_OF_AUDIENCE = {
    "mentee": Questionnaire.Purpose.SATISFACTION_MENTEE,
    "mentor": Questionnaire.Purpose.SATISFACTION_MENTOR,
}
CENT = Decimal("0.01")


def respondent_percent(mean: Fraction, formula: str) -> Fraction:
    if formula == Questionnaire.Formula.SHARE_7:
        return Fraction(100) if mean >= SATISFIED_FROM else Fraction(0)
    return mean * 10


def as_percent(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, rounding=ROUND_HALF_UP)


def scored_responses(responses: QuerySet[Response], *fields: str) -> QuerySet:
    """Per response: the sum and number of its scale answers, with the questionnaire's formula, the
    organization and any other ``fields`` of the response, in one grouped query. Responses without
    a scale answer are dropped."""
    scale = Q(answers__question__kind=Question.Kind.SCALE, answers__value__isnull=False)
    return (
        responses.exclude(campaign__stage=Campaign.Stage.START)
        .values("pk", "campaign__organization_id", "campaign__questionnaire__formula", *fields)
        .annotate(total=Sum("answers__value", filter=scale), items=Count("answers", filter=scale))
        .filter(items__gt=0)
        .order_by()
    )


@dataclass(frozen=True)
class Pooled:
    """The respondents' percents summed exactly, and their number: what a total over several
    organizations adds up, so that a school with 200 respondents weighs a hundred times a
    kindergarten with 2, not the same."""

    total: Fraction
    respondents: int

    @property
    def percent(self) -> Decimal:
        """Exact to Decimal's 28 digits: rounded once, where it is shown."""
        return Decimal(self.total.numerator) / Decimal(self.total.denominator * self.respondents)

    def __add__(self, other: "Pooled") -> "Pooled":
        return Pooled(self.total + other.total, self.respondents + other.respondents)


def pooled(rows: Iterable[dict]) -> Pooled | None:
    percents = [
        respondent_percent(Fraction(row["total"], row["items"]), row["campaign__questionnaire__formula"])
        for row in rows
    ]
    if not percents:
        return None
    return Pooled(sum(percents, Fraction(0)), len(percents))


def pooled_percent(rows: Iterable[dict]) -> Decimal | None:
    found = pooled(rows)
    return None if found is None else as_percent(found.total / found.respondents)


def campaign_satisfaction(campaign: Campaign) -> Decimal | None:
    """The satisfaction % of one campaign's responses by its questionnaire's formula (any purpose:
    a feedback questionnaire's scale items read the same way)."""
    return pooled_percent(scored_responses(Response.objects.filter(campaign=campaign)))


def satisfaction_by_organization(
    *,
    organization_ids: Iterable[int],
    audience: str,
    date_from: datetime.date,
    date_to: datetime.date,
) -> dict[int, Decimal | None]:
    """Satisfaction of mentees (audience "mentee") or mentors ("mentor") per organization, 0–100
    with two decimals, from the responses submitted in [date_from, date_to] to the satisfaction
    questionnaires of that audience; None where there is none. One query whatever the number of
    organizations."""
    window = (date_from, date_to)
    return satisfaction_by_window(organization_ids=organization_ids, audience=audience, windows=[window])[window]


def satisfaction_by_window(
    *, organization_ids: Iterable[int], audience: str, windows: list[tuple[datetime.date, datetime.date]]
) -> dict[tuple[datetime.date, datetime.date], dict[int, Decimal | None]]:
    """``satisfaction_by_organization`` for several windows of dates (the periods of a trend) in one
    query: the responses of the span the windows cover are read once and pooled per window."""
    found = respondents_by_window(organization_ids=organization_ids, audience=audience, windows=windows)
    return {
        window: {pk: None if item is None else as_percent(item.total / item.respondents) for pk, item in items.items()}
        for window, items in found.items()
    }


def respondents_by_window(
    *, organization_ids: Iterable[int], audience: str, windows: list[tuple[datetime.date, datetime.date]]
) -> dict[tuple[datetime.date, datetime.date], dict[int, Pooled | None]]:
    """The respondents of each organization pooled per window, exact: what the indicators and the
    totals over organizations read. One query whatever the number of windows and organizations."""
    organization_ids = list(organization_ids)
    responses = Response.objects.filter(
        campaign__organization_id__in=organization_ids,
        campaign__questionnaire__purpose=PURPOSE_OF_AUDIENCE[audience],
        submitted_at__date__gte=min(start for start, _end in windows),
        submitted_at__date__lte=max(end for _start, end in windows),
    )
    # The day in the current time zone, as the __date lookups above compare it.
    rows = [(timezone.localdate(row["submitted_at"]), row) for row in scored_responses(responses, "submitted_at")]
    result = {}
    for start, end in windows:
        by_organization: dict[int, list[dict]] = defaultdict(list)
        for day, row in rows:
            if start <= day <= end:
                by_organization[row["campaign__organization_id"]].append(row)
        result[(start, end)] = {pk: pooled(by_organization.get(pk, ())) for pk in organization_ids}
    return result
