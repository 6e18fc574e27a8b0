"""Kept computations of the matching: computed once, in the background with progress when the cohort
is large, and shown until the program's data change.

A computation (``MatchingRun``) is filed under a key of everything its result depends on: the
organization's ``data_version`` (raised once a change of the registries, consents, parents, pairs
and groups, questionnaire answers or pairs not to suggest is committed), the program's weights,
form and dates, the parameters of the page, the day (consents expire) and the language of the
reasons. The page shows the newest finished computation with the current key; with none, it starts
one: in the request itself for a small cohort, else as a background task (django-tasks, as the
exports) whose progress the page polls. A computation older than ``MAX_AGE`` is made again, which
bounds the life of a result whose change was missed (a process stopped between its commit and the
raise of the version). Accepting refers to a computation by its id.
"""

import datetime
import hashlib
import json
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from accounts.models import Organization, User
from mentoring.models import MatchingRun, MenteeEntry, MentorEntry, Program
from mentoring.pairs import matching
from mentoring.pairs.matching import BEST_TOTAL, STEPS, STRATEGIES, Matching, weights_of

logger = logging.getLogger(__name__)

# Raised when the same data would give another result (a change of the algorithm or of its output).
ALGORITHM_VERSION = 1
MAX_AGE = datetime.timedelta(minutes=30)
# A computation queued or running this long is taken for lost (a worker stopped): made again.
STALLED_AFTER = datetime.timedelta(minutes=10)
# Computations kept per program: the newest few, so that a page open a while still accepts its own.
KEEP_RUNS = 5
# Up to this many mentee x mentor cells the computation runs in the request (a school's usual
# cohort takes well under a second); a larger one goes to the background with progress.
INLINE_CELLS = 50_000


@dataclass(frozen=True)
class Params:
    """The parameters of the page's form."""

    min_score: float = 0.0
    strategy: str = BEST_TOTAL

    def __post_init__(self):
        if self.strategy not in STRATEGIES:
            raise ValueError(f"Unknown strategy {self.strategy!r}")

    def as_dict(self) -> dict:
        return {"min_score": self.min_score, "strategy": self.strategy}


def run_key(program: Program, params: Params, *, on_date: datetime.date, language: str) -> str:
    """What a computation's result depends on, as a hash (one query: the organization's version)."""
    version = Organization.objects.values_list("data_version", flat=True).get(pk=program.organization_id)
    form = program.form
    parts = [
        ALGORITHM_VERSION,
        program.pk,
        version,
        program.academic_year,
        program.starts_on.isoformat(),
        form.pk,
        form.mentor_capacity,
        sorted(form.mentor_categories or []),
        sorted(form.mentee_categories or []),
        weights_of(program.matching_weights),
        params.as_dict(),
        on_date.isoformat(),
        language,
    ]
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def current_run(program: Program, key: str, *, now: datetime.datetime | None = None) -> MatchingRun | None:
    """The newest computation under ``key`` that still holds: finished (or failed) within
    ``MAX_AGE``, or queued or running and not lost."""
    now = now or timezone.now()
    run = MatchingRun.objects.filter(program=program, key=key).defer("result").first()
    if run is None:
        return None
    if run.is_finished:
        return run if now - (run.finished_at or run.created_at) <= MAX_AGE else None
    return run if now - run.created_at <= STALLED_AFTER else None


def cohort_cells(program: Program) -> int:
    """How many mentee x mentor pairs the program's registries give (two counts)."""
    common = {"organization": program.organization_id, "academic_year": program.academic_year}
    mentors = MentorEntry.objects.filter(participant__category__in=program.form.mentor_categories, **common).count()
    mentees = MenteeEntry.objects.filter(participant__category__in=program.form.mentee_categories, **common).count()
    return mentors * mentees


def matching_run_start(
    *, program: Program, params: Params, key: str, by: User | None, on_date: datetime.date, language: str
) -> MatchingRun:
    """A new computation: run at once for a small cohort, else queued for the background worker."""
    run = MatchingRun.objects.create(
        program=program,
        key=key,
        params={**params.as_dict(), "on_date": on_date.isoformat()},
        language=language,
        total=len(STEPS),
        requested_by=by,
    )
    stale = MatchingRun.objects.filter(program=program).values_list("pk", flat=True)[KEEP_RUNS:]
    MatchingRun.objects.filter(pk__in=list(stale)).delete()
    if cohort_cells(program) <= INLINE_CELLS:
        matching_run_execute(run_id=run.pk)
    else:
        # Queued once the row is committed, so that the worker always finds it.
        transaction.on_commit(lambda: run_matching.enqueue(run.pk))
    # Where the task ran at once (in the request, or a backend that runs tasks immediately), the
    # page shows its result without a poll.
    run.refresh_from_db()
    return run


def _progress(run: MatchingRun, done: int, total: int) -> None:
    # An UPDATE of two columns, so that the page's poll sees it at once.
    MatchingRun.objects.filter(pk=run.pk).update(done=done, total=total)


def matching_run_execute(*, run_id: int) -> MatchingRun | None:
    """Computes a queued run once: one already running or finished (a task delivered twice) is left
    alone. Runs under the language of the user who asked, as the reasons are text."""
    claimed = MatchingRun.objects.filter(pk=run_id, status=MatchingRun.Status.QUEUED).update(
        status=MatchingRun.Status.RUNNING
    )
    if not claimed:
        return None
    run = MatchingRun.objects.select_related("program__form").get(pk=run_id)
    try:
        with translation.override(run.language):
            computed = matching.program_matching(
                run.program,
                datetime.date.fromisoformat(run.params["on_date"]),
                min_score=float(run.params.get("min_score", 0)),
                strategy=run.params.get("strategy", BEST_TOTAL),
                progress=lambda done, total: _progress(run, done, total),
            )
            run.result = result_of(computed)
        run.status = MatchingRun.Status.DONE
        run.done = run.total
    except Exception:
        logger.exception("Matching run %s of program %s failed", run.pk, run.program_id)
        run.status = MatchingRun.Status.FAILED
        with translation.override(run.language):
            run.error = gettext(
                "The suggestions could not be computed. Try again; if it fails again, tell the administrator "
                "(computation № %(pk)s)."
            ) % {"pk": run.pk}
    run.finished_at = timezone.now()
    run.save(update_fields=["result", "status", "done", "error", "finished_at"])
    return run


@task()
def run_matching(run_id: int) -> None:
    matching_run_execute(run_id=run_id)


# ---------------------------------------------------------------------------------------------
# The result as stored (JSON) and as the page reads it.


def _shown(person: matching.Person) -> dict:
    return {
        "name": person.name,
        "class_name": person.class_name,
        "position": person.position,
        "age": person.age,
        "partner_name": person.partner_name,
        "places": person.places,
    }


def result_of(computed: Matching) -> dict:
    """What the page needs of a computation, in plain JSON: the people as shown, the suggestions
    with their reasons, the mentees without one and the mentors left out, with why."""
    people: dict[str, dict] = {}
    for person in [*computed.cohort.mentees, *computed.cohort.mentors]:
        people.setdefault(str(person.participant_id), _shown(person))
    for mentor in computed.cohort.mentors:
        # Someone on both lists is shown with the free places of the mentor.
        people[str(mentor.participant_id)]["places"] = mentor.places
    mentors = computed.cohort.mentors
    return {
        "people": people,
        "suggestions": [
            [
                s.mentee.participant_id,
                s.mentor.participant_id,
                s.score,
                [[r.criterion, r.text, r.points] for r in s.reasons],
            ]
            for s in computed.suggestions
        ],
        "unmatched": [[u.mentee.participant_id, u.reason, u.can_choose] for u in computed.unmatched],
        "left_out": [[item.mentor.participant_id, item.reason] for item in computed.left_out],
        "summary": {
            "mentees": len(computed.cohort.mentees),
            "mentors": len(mentors),
            "available_mentors": sum(1 for mentor in mentors if matching.may_mentor(mentor)),
            "free_places": sum(mentor.places for mentor in mentors if matching.may_mentor(mentor)),
            "max_score": computed.max_score,
            "total": round(computed.total, 2),
        },
    }


@dataclass
class Shown:
    """A person as the page shows them (from a stored computation)."""

    participant_id: int
    name: str
    class_name: str = ""
    position: str = ""
    age: int | None = None
    partner_name: str = ""
    places: int = 0


@dataclass
class ShownReason:
    criterion: str
    text: str
    points: float


@dataclass
class ShownSuggestion:
    mentee: Shown
    mentor: Shown
    score: float
    reasons: list[ShownReason]


@dataclass
class ShownUnmatched:
    mentee: Shown
    reason: str
    can_choose: bool


@dataclass
class ShownLeftOut:
    mentor: Shown
    reason: str


@dataclass
class RunResult:
    suggestions: list[ShownSuggestion]
    unmatched: list[ShownUnmatched]
    left_out: list[ShownLeftOut]
    summary: dict = field(default_factory=dict)

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return [(s.mentee.participant_id, s.mentor.participant_id) for s in self.suggestions]

    @property
    def max_score(self) -> float:
        return self.summary.get("max_score", 0)


def read_result(run: MatchingRun) -> RunResult:
    stored = run.result or {}
    people = stored.get("people", {})

    def shown(pk) -> Shown:
        return Shown(participant_id=int(pk), **people.get(str(pk), {"name": "—"}))

    return RunResult(
        suggestions=[
            ShownSuggestion(shown(mentee), shown(mentor), score, [ShownReason(*reason) for reason in reasons])
            for mentee, mentor, score, reasons in stored.get("suggestions", [])
        ],
        unmatched=[ShownUnmatched(shown(mentee), reason, can) for mentee, reason, can in stored.get("unmatched", [])],
        left_out=[ShownLeftOut(shown(mentor), reason) for mentor, reason in stored.get("left_out", [])],
        summary=stored.get("summary", {}),
    )


def mentor_options(program: Program, run: MatchingRun, mentee_id: int, *, on_date: datetime.date):
    """The mentors the curator may choose for one mentee, best first, as in the computation's
    terms: its suggestion marked, nobody it suggests as a mentee offered as a mentor."""
    cohort = matching.load_cohort(program, on_date, only_mentees={mentee_id})
    if not cohort.mentees:
        return []
    computed = matching.match(cohort, program.matching_weights)
    result = read_result(run)
    taken_as_mentees = {mentee for mentee, _mentor in result.pairs if mentee != mentee_id}
    suggested = {mentor for mentee, mentor in result.pairs if mentee == mentee_id}
    options = computed.options_for(mentee_id, excluded=taken_as_mentees)
    for option in options:
        option.suggested = option.mentor.participant_id in suggested
    return options
