"""Reads of the contests, scoped to the current context. The rule of the jury's secrecy lives here:
until a contest is closed a juror reads only his own scores (``scores_visible``), and nobody reads
the results (they do not exist before closing)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Count, Q, QuerySet

from accounts.models import Membership, Role, User
from accounts.tenancy import Tenant
from mentoring.contests.models import Application, Contest, ContestResult, Criterion, Score
from mentoring.pairs.models import MentoringUnit

# The places a results order and the letters name: I (winners), II and III (prize-winners).
AWARDED_PLACES = 3
ROMAN = {1: "I", 2: "II", 3: "III"}


def contests_visible(tenant: Tenant) -> QuerySet[Contest]:
    """The municipality's contests for its coordinator; for an organization's staff its own
    contests and those of its municipality (they submit applications and sit on juries)."""
    if tenant.is_municipal:
        return Contest.objects.filter(municipality=tenant.municipality)
    return Contest.objects.filter(Q(organization=tenant.organization) | Q(municipality=tenant.municipality))


def contests_managed(tenant: Tenant) -> QuerySet[Contest]:
    """The contests the context runs: the coordinator the municipality's, the curator the school's."""
    if tenant.is_municipal:
        return Contest.objects.filter(municipality=tenant.municipality)
    return Contest.objects.filter(organization=tenant.organization)


def applications_visible(tenant: Tenant, user: User) -> QuerySet[Application]:
    """Applications of the visible contests that the context may read: all of a contest it runs or
    whose jury the user is on; otherwise (a school in a municipal contest) its own ones."""
    applications = Application.objects.filter(contest__in=contests_visible(tenant))
    if tenant.is_municipal:
        return applications
    return applications.filter(
        Q(contest__organization=tenant.organization) | Q(organization=tenant.organization) | Q(contest__jury=user)
    ).distinct()


def applications_to_score(tenant: Tenant, user: User) -> QuerySet[Application]:
    """The submitted applications of visible contests whose jury the user is on."""
    return Application.objects.filter(
        contest__in=contests_visible(tenant), contest__jury=user, status=Application.Status.SUBMITTED
    )


def scores_visible(*, contest: Contest, user: User) -> QuerySet[Score]:
    """Until the contest is closed a juror sees only his own scores; after it, everyone's."""
    scores = Score.objects.filter(application__contest=contest)
    if contest.is_closed:
        return scores
    return scores.filter(juror=user)


def jury_candidates(contest: Contest) -> QuerySet[User]:
    """Who may sit on the jury: the staff of the school; for a municipal contest its coordinators and
    the staff of its organizations."""
    staff = (Role.COORDINATOR, Role.DIRECTOR, Role.CURATOR, Role.MENTOR)
    if contest.is_municipal:
        scope = Q(municipality=contest.municipality) | Q(organization__municipality=contest.municipality)
    else:
        scope = Q(organization=contest.organization)
    users = Membership.objects.filter(scope, role__in=staff).values("user")
    return User.objects.filter(pk__in=users, is_active=True).order_by("last_name", "first_name", "pk")


def units_to_apply(tenant: Tenant) -> QuerySet[MentoringUnit]:
    """Pairs and groups of the school that may enter a contest: approved ones, working or completed."""
    return (
        MentoringUnit.objects.filter(
            program__organization=tenant.organization,
            status__in=(MentoringUnit.Status.APPROVED, MentoringUnit.Status.ACTIVE, MentoringUnit.Status.COMPLETED),
        )
        .select_related("mentor")
        .order_by("mentor__last_name", "mentor__first_name", "pk")
    )


@dataclass
class JuryProgress:
    juror: User
    scored: int
    expected: int


def jury_progress(contest: Contest) -> list[JuryProgress]:
    """How many scores each juror has entered of the ones expected (no values: secrecy)."""
    applications = contest.applications.filter(status=Application.Status.SUBMITTED).count()
    criteria = contest.criteria.count()
    counts = dict(
        Score.objects.filter(application__contest=contest, application__status=Application.Status.SUBMITTED)
        .values_list("juror")
        .annotate(n=Count("pk"))
        .values_list("juror", "n")
    )
    return [
        JuryProgress(juror=juror, scored=counts.get(juror.pk, 0), expected=applications * criteria)
        for juror in contest.jury.order_by("last_name", "first_name", "pk")
    ]


def _rounded(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Ranked:
    application: Application
    mean_total: Decimal
    place: int


def compute_results(contest: Contest) -> list[Ranked]:
    """The results rule (stated on the contest page): an application's result is the mean of the
    jurors' totals (a juror's total is the sum of his scores by every criterion), rounded to
    hundredths; applications are ranked within their nomination by it, highest first; equal results
    share a place and the next place is skipped (1, 1, 3). Only submitted applications count."""
    applications = list(
        contest.applications.filter(status=Application.Status.SUBMITTED).select_related(
            "nomination", "unit__mentor", "mentor"
        )
    )
    totals: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for application_id, juror_id, value in Score.objects.filter(
        application__in=[application.pk for application in applications]
    ).values_list("application", "juror", "value"):
        totals[application_id][juror_id] += value
    means = {}
    for application in applications:
        by_juror = totals.get(application.pk, {})
        mean = Fraction(sum(by_juror.values()), len(by_juror)) if by_juror else Fraction(0)
        means[application.pk] = _rounded(mean)
    ranked = []
    by_nomination: dict[int, list[Application]] = defaultdict(list)
    for application in applications:
        by_nomination[application.nomination_id].append(application)
    for group in by_nomination.values():
        group.sort(key=lambda item: (-means[item.pk], item.pk))
        place = 0
        previous = None
        for index, application in enumerate(group, start=1):
            if means[application.pk] != previous:
                place = index
                previous = means[application.pk]
            ranked.append(Ranked(application=application, mean_total=means[application.pk], place=place))
    ranked.sort(key=lambda item: (item.application.nomination.position, item.application.nomination_id, item.place))
    return ranked


def missing_scores(contest: Contest) -> int:
    """Scores still to enter before the contest may be closed: every juror scores every submitted
    application by every criterion."""
    expected = (
        contest.applications.filter(status=Application.Status.SUBMITTED).count()
        * contest.criteria.count()
        * contest.jury.count()
    )
    entered = Score.objects.filter(
        application__contest=contest,
        application__status=Application.Status.SUBMITTED,
        juror__in=contest.jury.all(),
        criterion__in=Criterion.objects.filter(contest=contest),
    ).count()
    return expected - entered


@dataclass
class NominationResults:
    nomination_name: str
    results: list[ContestResult] = field(default_factory=list)


def frozen_results(contest: Contest) -> list[NominationResults]:
    """The results frozen at closing, by nomination, each ranked."""
    results = (
        ContestResult.objects.filter(application__contest=contest)
        .select_related(
            "application__nomination", "application__unit__mentor", "application__mentor", "application__organization"
        )
        .prefetch_related("application__unit__mentees__mentee")
        .order_by("application__nomination__position", "application__nomination_id", "place", "application_id")
    )
    grouped: dict[int, NominationResults] = {}
    for result in results:
        nomination = result.application.nomination
        grouped.setdefault(nomination.pk, NominationResults(nomination.name)).results.append(result)
    return list(grouped.values())


@dataclass
class JurorTask:
    contest: Contest
    to_score: int


def juror_tasks(tenant: Tenant, user: User) -> list[JurorTask]:
    """The contests being judged whose jury the user is on, with the applications he has not yet
    scored by every criterion. Three queries, whatever the number of contests."""
    contests = list(contests_visible(tenant).filter(status=Contest.Status.JUDGING, jury=user).order_by("pk"))
    if not contests:
        return []
    criteria = dict(
        Criterion.objects.filter(contest__in=contests)
        .values_list("contest")
        .annotate(n=Count("pk"))
        .values_list("contest", "n")
    )
    scored = (
        Score.objects.filter(juror=user, application__contest__in=contests)
        .values_list("application__contest", "application")
        .annotate(n=Count("pk"))
    )
    done: dict[int, int] = defaultdict(int)
    submitted = dict(
        Application.objects.filter(contest__in=contests, status=Application.Status.SUBMITTED)
        .values_list("contest")
        .annotate(n=Count("pk"))
        .values_list("contest", "n")
    )
    for contest_id, _application_id, count in scored:
        if count >= criteria.get(contest_id, 0):
            done[contest_id] += 1
    tasks = [JurorTask(contest, submitted.get(contest.pk, 0) - done[contest.pk]) for contest in contests]
    return [task for task in tasks if task.to_score > 0]
