"""Matching suggestions: who could mentor whom in a program, and the best assignment of the cohort.

The candidates are the mentor and mentee registries of the program's academic year. Each candidate
pair gets a score: a sum over the criteria (common interests, the mentor's competencies against
the mentee's request, the mentor's desired age, the class distance of pupils, the same partner
organization, the same subject, the choices made in the preference questionnaires after the group
meeting), each a number in [0, 1] times the program's weight, rounded to hundredths. Texts are
compared by their words' dictionary forms (``mentoring.morphology``), without the words too general
to make two texts alike («подготовка», «язык»). The answers of the intake questionnaires add to the
interests, competencies and requests of the registries (the monitoring app registers their reader,
``matching_inputs_reader``, so the domain imports nothing of it).

The rules of ``mentoring.pairs.services.unit_problems`` are hard filters here, checked on preloaded
data, and so are: the mentor's own limit of mentees (``MentorEntry.max_mentees``), the curator's
«не предлагать эту пару» (``MatchingExclusion``), a pair that ended because the two did not get on,
and one role per person in a form of mentoring (nobody mentors in a form where he or she is a
mentee, so no «A mentors B, B mentors A» and no chains). Pairs below the minimum score are not
suggested.

The whole cohort is then assigned at once under each mentor's free places so that the total score
is the largest possible, or (``MOST_MENTEES``) so that as many mentees as possible get a mentor and,
among such assignments, the total is the largest: scipy's ``linear_sum_assignment`` on a matrix with
one column per free place, not greedily. Equal totals are decided by who has waited longest (the
earlier registry entry, then the earlier record), never by the alphabet. The curator accepts all,
a selection or one suggestion (``suggestions_accept`` checks every rule again, for any number of
pairs in a constant number of queries), changes the mentor, or rejects a pair for good.
"""

import datetime
import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix

from accounts.collation import name_key
from accounts.data_version import data_changed
from accounts.models import User
from mentoring import morphology
from mentoring.declension import agree_predicate
from mentoring.models import (
    Consent,
    MatchingExclusion,
    MenteeEntry,
    MentorEntry,
    MentoringUnit,
    Participant,
    Program,
    UnitMentee,
)
from mentoring.pairs.models import default_weights
from mentoring.pairs.services import OPEN_STATUSES, RuleFacts, rule_facts, rule_problems
from mentoring.registry.consents import valid_consents


@dataclass
class MatchingInputs:
    """What the questionnaires add to the registries, by participant id."""

    interests: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    texts: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    mentee_prefers: set[tuple[int, int]] = field(default_factory=set)  # (mentee id, mentor id)
    mentor_prefers: set[tuple[int, int]] = field(default_factory=set)  # (mentee id, mentor id)


_input_readers: list[Callable[..., MatchingInputs]] = []


def matching_inputs_reader(reader: Callable[..., MatchingInputs]) -> Callable[..., MatchingInputs]:
    """Registers a reader of questionnaire answers for a program (``reader(program=...)``)."""
    if reader not in _input_readers:
        _input_readers.append(reader)
    return reader


def matching_inputs(*, program: Program) -> MatchingInputs:
    inputs = MatchingInputs()
    for reader in _input_readers:
        read = reader(program=program)
        for target, source in ((inputs.interests, read.interests), (inputs.texts, read.texts)):
            for participant_id, values in source.items():
                target[participant_id].extend(values)
        inputs.mentee_prefers |= read.mentee_prefers
        inputs.mentor_prefers |= read.mentor_prefers
    return inputs


# The criteria in the order the curator sees them; missing or broken weights of a program fall back
# to the defaults of the model. "partner" counts the same partner organization or the same subject;
# "preference" the choices of the preference questionnaires (programs made before it do not store its
# weight): by default the heaviest, as the methodology forms pairs after that questionnaire.
CRITERIA = ("interests", "competencies", "age", "grade", "partner", "preference")
DEFAULT_WEIGHTS = default_weights()
MAX_WEIGHT = 10
CRITERION_LABELS = {
    "interests": gettext_lazy("Common interests"),
    "competencies": gettext_lazy("Mentor's competencies vs mentee's request"),
    "age": gettext_lazy("Mentee's age vs the age the mentor wishes"),
    "grade": gettext_lazy("Class distance of pupils (the mentor 1–4 grades older)"),
    "partner": gettext_lazy("Same partner organization or the same subject (by the position)"),
    "preference": gettext_lazy("Chosen in the preference questionnaires after the group meeting"),
}
# Each side's choice gives half of the preference criterion; a mutual choice gives all of it.
PREFERENCE_SHARE = 0.5
# Scores are compared in hundredths (as the page shows them): a smaller difference is a tie.
SCORE_DECIMALS = 2
# Scores at or below this count as nothing: such an assignment is not suggested.
EPSILON = 1e-9
# The age criterion falls from 1 inside the desired range to 0 this many years outside it.
AGE_TOLERANCE = 3
BEST_GRADE_DISTANCE = (1, 4)
FAIR_GRADE_DISTANCE = (5, 6)

# The two aims the curator chooses between.
BEST_TOTAL = "total"
MOST_MENTEES = "coverage"
STRATEGIES = {
    BEST_TOTAL: gettext_lazy("The best total score"),
    MOST_MENTEES: gettext_lazy("As many mentees as possible, then the best total score"),
}
# Ties are broken by a bonus worth less, over a whole assignment, than half a hundredth of a point:
# it decides between equal totals and never changes which total is the best.
TIE_SHARE = 0.004
# Branch and bound over the people who could take either role: at most this many assignments are
# solved (each a fraction of a second at 1,000 x 500); past it the best found is repaired.
MAX_ROLE_SOLVES = 64


def _lemma_list(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Dictionary forms of words too general to make two texts alike: «подготовка к ОГЭ» and «подготовка
# к олимпиаде» share nothing that matters, nor do «английский язык» and «русский язык».
GENERIC_WORDS = _lemma_list(
    """
    подготовка подготовить подготовиться готовиться готовить язык помощь помочь помогать развитие развивать
    развиваться повышение повысить повышать улучшение улучшить улучшать умение уметь навык работа работать
    занятие заниматься знание знать хотеть хотеться мочь научиться учиться учить обучение изучение изучать
    предмет интерес интересоваться интересный увлекаться увлечение любить нравиться хороший новый свой весь
    быть иметь делать сделать стать год класс школа школьный ученик учитель педагог наставник наставляемый
    опыт вопрос тема сфера область уровень качество проблема трудность сложность задача цель время жизнь
    человек разный различный другой который такой основа основной нужно нужный также очень and the for with
    """
)
# Words of a position that say nothing about the subject taught («английского языка» and «русского
# языка» are different subjects).
GENERIC_POSITION_WORDS = _lemma_list(
    """
    учитель педагог преподаватель старший младший ведущий главный руководитель заместитель директор классный
    воспитатель специалист высокий высший первый категория язык культура дополнительный образование
    """
)

# Ends of a pair that mean the two did not get on: such a pair is never suggested again. Phrases of
# dictionary forms, found in order with at most two other words between them (``contains_phrase``).
INCOMPATIBLE = (
    ("не", "сложиться"),
    ("не", "складываться"),
    ("несовместимость",),
    ("конфликт",),
    ("конфликтный",),
    ("неприязнь",),
    ("не", "найти", "общий", "язык"),
    ("не", "сработаться"),
    ("не", "ладить"),
    ("не", "сойтись", "характер"),
    ("не", "подойти", "друг", "друг"),
)


def words_of(text: str, *, stop: frozenset[str] = GENERIC_WORDS) -> dict[str, str]:
    """The meaningful words of a text: dictionary form -> what to show in reasons."""
    return {term.key: term.shown for term in morphology.terms(text, stop=stop)}


def subject_words(position: str) -> dict[str, str]:
    return words_of(position, stop=GENERIC_POSITION_WORDS | GENERIC_WORDS)


def means_incompatibility(reason: str) -> bool:
    """Whether the reason a pair ended says the two did not get on («не сложилось общение»)."""
    words = morphology.lemmas(reason)
    return any(morphology.contains_phrase(words, phrase) for phrase in INCOMPATIBLE)


@dataclass
class Person:
    """A candidate as the matching sees them: plain data, loaded once (or built in memory)."""

    participant_id: int
    name: str
    category: str
    consent: bool = True
    grade: int | None = None
    class_name: str = ""
    age: int | None = None  # a mentee's full years on the start of the program
    partner_id: int | None = None
    partner_name: str = ""
    position: str = ""
    gender: str = ""  # the reasons said of the person agree with it
    interests: str = ""
    text: str = ""  # a mentor's competencies; a mentee's key request
    desired_age_min: int | None = None
    desired_age_max: int | None = None
    load: int = 0  # a mentor's mentees in open units of the form
    places: int = 0  # a mentor's free places in the form (the form's limit and the mentor's own)
    own_limit: int | None = None  # the mentor's own limit of mentees in all forms (registry)
    load_all: int = 0  # a mentor's mentees in open units of every form
    entered_on: datetime.date | None = None  # the registry entry: who has waited longer
    # Already in the other role in an open unit of this form (a mentee who mentors there, a mentor
    # who is mentored there): this role is closed to him or her.
    other_role: bool = False
    words: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.words = {
            "interests": words_of(self.interests),
            "text": words_of(self.text),
            "subject": subject_words(self.position),
        }


@dataclass
class Cohort:
    """Everything the matching of one program needs, without the database."""

    mentees: list[Person]
    mentors: list[Person]
    mentor_categories: tuple[str, ...]
    mentee_categories: tuple[str, ...]
    capacity: int
    parents: set[tuple[int, int]] = field(default_factory=set)  # (parent id, child id)
    rejected: set[tuple[int, int]] = field(default_factory=set)  # (mentee id, mentor id): not to suggest
    ended: set[tuple[int, int]] = field(default_factory=set)  # (mentee id, mentor id): did not get on
    # From the preference questionnaires: whom a mentee chose, whom a mentor chose.
    mentee_prefers: set[tuple[int, int]] = field(default_factory=set)  # (mentee id, mentor id)
    mentor_prefers: set[tuple[int, int]] = field(default_factory=set)  # (mentee id, mentor id)


@dataclass
class Reason:
    criterion: str
    text: str
    points: float


@dataclass
class Suggestion:
    mentee: Person
    mentor: Person
    score: float
    reasons: list[Reason]


@dataclass
class Option:
    mentor: Person
    score: float
    suggested: bool = False


@dataclass
class Unmatched:
    mentee: Person
    reason: str
    can_choose: bool  # some mentor is allowed: the curator may pick one by hand


@dataclass
class LeftOut:
    mentor: Person
    reason: str


@dataclass
class Matching:
    cohort: Cohort
    weights: dict[str, float]
    criteria: dict[str, np.ndarray]
    scores: np.ndarray
    allowed: np.ndarray
    suggestions: list[Suggestion]
    unmatched: list[Unmatched]
    left_out: list[LeftOut]
    min_score: float = 0.0
    strategy: str = BEST_TOTAL

    @property
    def max_score(self) -> float:
        return float(sum(self.weights.values()))

    @property
    def total(self) -> float:
        return float(sum(suggestion.score for suggestion in self.suggestions))

    def options_for(self, mentee_id: int, *, excluded: Iterable[int] | None = None) -> list[Option]:
        """The mentors allowed for a mentee, best first (equal scores: who has waited longer): what
        the curator may choose from. Nobody suggested as a mentee of this form is offered (or the
        ``excluded`` ids instead, when the suggestions come from elsewhere)."""
        index = {person.participant_id: i for i, person in enumerate(self.cohort.mentees)}.get(mentee_id)
        if index is None:
            return []
        suggested = {s.mentor.participant_id for s in self.suggestions if s.mentee.participant_id == mentee_id}
        if excluded is None:
            excluded = {s.mentee.participant_id for s in self.suggestions if s.mentee.participant_id != mentee_id}
        excluded = set(excluded)
        row, allowed = self.scores[index], self.allowed[index]
        order = sorted(
            (j for j in np.flatnonzero(allowed) if self.cohort.mentors[j].participant_id not in excluded),
            key=lambda j: (-row[j], *waiting_key(self.cohort.mentors[j])),
        )
        return [
            Option(
                self.cohort.mentors[j],
                float(row[j]),
                self.cohort.mentors[j].participant_id in suggested,
            )
            for j in order
        ]


def waiting_key(person: Person) -> tuple:
    """Who has waited longer comes first: the earlier registry entry, then the earlier record."""
    return (person.entered_on or datetime.date.max, person.participant_id)


def weights_of(raw: Mapping | None) -> dict[str, float]:
    """The weights of a program, with the defaults for missing or broken values."""
    raw = raw if isinstance(raw, Mapping) else {}
    weights = {}
    for criterion in CRITERIA:
        try:
            value = float(raw.get(criterion, DEFAULT_WEIGHTS[criterion]))
        except (TypeError, ValueError):
            value = float(DEFAULT_WEIGHTS[criterion])
        weights[criterion] = min(max(value, 0.0), float(MAX_WEIGHT)) if np.isfinite(value) else 0.0
    return weights


# ---------------------------------------------------------------------------------------------
# Criteria: each an n x m matrix (mentees x mentors) of numbers in [0, 1], built with numpy.


def _incidence(people: list[Person], key: str, vocabulary: dict[str, int]) -> tuple[list[int], list[int]]:
    rows, columns = [], []
    for i, person in enumerate(people):
        for word in person.words[key]:
            rows.append(i)
            columns.append(vocabulary.setdefault(word, len(vocabulary)))
    return rows, columns


def word_overlap(mentees: list[Person], mentee_key: str, mentors: list[Person], mentor_key: str) -> np.ndarray:
    """Common words over the words of the shorter text (the overlap coefficient), for all pairs."""
    vocabulary: dict[str, int] = {}
    mentee_cells = _incidence(mentees, mentee_key, vocabulary)
    mentor_cells = _incidence(mentors, mentor_key, vocabulary)
    size = max(len(vocabulary), 1)

    def matrix(cells, count):
        rows, columns = cells
        return csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(count, size))

    a, b = matrix(mentee_cells, len(mentees)), matrix(mentor_cells, len(mentors))
    common = (a @ b.T).toarray()
    shorter = np.minimum(np.asarray(a.sum(axis=1)).reshape(-1, 1), np.asarray(b.sum(axis=1)).reshape(1, -1))
    return np.divide(common, shorter, out=np.zeros_like(common), where=shorter > 0)


def _column(values: Iterable, *, empty=np.nan) -> np.ndarray:
    return np.array([empty if value is None else value for value in values], dtype=float)


def age_fit(mentees: list[Person], mentors: list[Person]) -> np.ndarray:
    """1 when the mentee's age is in the mentor's desired range, falling to 0 at AGE_TOLERANCE years
    outside it; 0 when the range or the age is unknown."""
    age = _column(person.age for person in mentees).reshape(-1, 1)
    low = _column(person.desired_age_min for person in mentors).reshape(1, -1)
    high = _column(person.desired_age_max for person in mentors).reshape(1, -1)
    known = ~np.isnan(age) & ~(np.isnan(low) & np.isnan(high))
    below = np.nan_to_num(low - age, nan=0.0).clip(min=0)
    above = np.nan_to_num(age - high, nan=0.0).clip(min=0)
    fit = (1 - (below + above) / AGE_TOLERANCE).clip(0, 1)
    return np.where(known, fit, 0.0)


def grade_fit(mentees: list[Person], mentors: list[Person]) -> np.ndarray:
    """Pupils: the mentor 1–4 grades older is best, 5–6 grades fair, a younger or same grade none."""
    distance = _column(p.grade for p in mentors).reshape(1, -1) - _column(p.grade for p in mentees).reshape(-1, 1)
    with np.errstate(invalid="ignore"):
        best = (distance >= BEST_GRADE_DISTANCE[0]) & (distance <= BEST_GRADE_DISTANCE[1])
        fair = (distance >= FAIR_GRADE_DISTANCE[0]) & (distance <= FAIR_GRADE_DISTANCE[1])
    return np.where(best, 1.0, np.where(fair, 0.5, 0.0))


def same_partner(mentees: list[Person], mentors: list[Person]) -> np.ndarray:
    left = _column((p.partner_id for p in mentees), empty=-1).reshape(-1, 1)
    right = _column((p.partner_id for p in mentors), empty=-2).reshape(1, -1)
    return (left == right).astype(float)


def preference_fit(cohort: Cohort) -> np.ndarray:
    """Half for the mentee's choice of the mentor, half for the mentor's choice of the mentee."""
    fit = np.zeros((len(cohort.mentees), len(cohort.mentors)))
    row_of = {p.participant_id: i for i, p in enumerate(cohort.mentees)}
    column_of = {p.participant_id: j for j, p in enumerate(cohort.mentors)}
    for chosen in (cohort.mentee_prefers, cohort.mentor_prefers):
        for mentee_id, mentor_id in chosen:
            i, j = row_of.get(mentee_id), column_of.get(mentor_id)
            if i is not None and j is not None:
                fit[i, j] += PREFERENCE_SHARE
    return fit


def criteria_matrices(cohort: Cohort) -> dict[str, np.ndarray]:
    mentees, mentors = cohort.mentees, cohort.mentors
    return {
        "interests": word_overlap(mentees, "interests", mentors, "interests"),
        "competencies": word_overlap(mentees, "text", mentors, "text"),
        "age": age_fit(mentees, mentors),
        "grade": grade_fit(mentees, mentors),
        "partner": np.maximum(same_partner(mentees, mentors), word_overlap(mentees, "subject", mentors, "subject")),
        "preference": preference_fit(cohort),
    }


def score_matrix(criteria: dict[str, np.ndarray], weights: Mapping[str, float]) -> np.ndarray:
    total = None
    for criterion in CRITERIA:
        part = criteria[criterion] * float(weights.get(criterion, 0))
        total = part if total is None else total + part
    return np.round(total, SCORE_DECIMALS)


# ---------------------------------------------------------------------------------------------
# Hard filters: the rules of mentoring.pairs.services.unit_problems on preloaded data, and the pairs
# not to suggest.


def allowed_matrix(cohort: Cohort) -> np.ndarray:
    """Which mentee may be given which mentor (True), as an n x m boolean matrix."""
    mentees, mentors = cohort.mentees, cohort.mentors
    mentee_ok = np.array(
        [p.consent and p.category in cohort.mentee_categories and not p.other_role for p in mentees], dtype=bool
    ).reshape(-1, 1)
    mentor_ok = np.array(
        [p.consent and p.category in cohort.mentor_categories and p.places > 0 and not p.other_role for p in mentors],
        dtype=bool,
    ).reshape(1, -1)
    allowed = mentee_ok & mentor_ok
    mentee_ids = np.array([p.participant_id for p in mentees], dtype=np.int64).reshape(-1, 1)
    mentor_ids = np.array([p.participant_id for p in mentors], dtype=np.int64).reshape(1, -1)
    allowed &= mentee_ids != mentor_ids
    row_of = {p.participant_id: i for i, p in enumerate(mentees)}
    column_of = {p.participant_id: j for j, p in enumerate(mentors)}
    forbidden = [(child, parent) for parent, child in cohort.parents] + list(cohort.rejected) + list(cohort.ended)
    for mentee_id, mentor_id in forbidden:
        i, j = row_of.get(mentee_id), column_of.get(mentor_id)
        if i is not None and j is not None:
            allowed[i, j] = False
    return allowed


# ---------------------------------------------------------------------------------------------
# The assignment.


def _waited(count: int, levels: Iterable[int] | None) -> np.ndarray:
    """How long each has waited, as a share in (0, 1]: 1 for the longest wait. ``levels`` number the
    registry dates from the earliest (0); equal dates are one level."""
    if levels is None:
        return np.zeros(count)
    levels = np.asarray(list(levels), dtype=float)
    top = float(levels.max()) + 1 if levels.size else 1.0
    return (top - levels) / top


def date_levels(days: Iterable[datetime.date | None]) -> list[int]:
    """The dense rank of each date, the earliest 0 (an unknown date last)."""
    days = [day or datetime.date.max for day in days]
    rank = {day: level for level, day in enumerate(sorted(set(days)))}
    return [rank[day] for day in days]


@dataclass
class _Problem:
    """The assignment as numbers: what one solve of ``linear_sum_assignment`` needs."""

    gain: np.ndarray  # what a pair is worth to the solver (0: never)
    places: np.ndarray

    def solve(self, blocked_rows: frozenset[int], blocked_columns: frozenset[int]) -> tuple[float, list]:
        """The best pairs with some rows and columns closed; (their worth, the pairs)."""
        gain = self.gain
        if blocked_rows or blocked_columns:
            gain = gain.copy()
            gain[list(blocked_rows), :] = 0
            gain[:, list(blocked_columns)] = 0
        positive = gain > 0
        places = np.minimum(self.places, positive.sum(axis=0))
        rows = np.flatnonzero(positive.any(axis=1))
        columns = np.repeat(np.arange(gain.shape[1]), places)
        if rows.size == 0 or columns.size == 0:
            return 0.0, []
        chosen_rows, chosen_columns = linear_sum_assignment(gain[np.ix_(rows, columns)], maximize=True)
        pairs = []
        for r, c in zip(chosen_rows, chosen_columns, strict=True):
            i, j = int(rows[r]), int(columns[c])
            if gain[i, j] > 0:
                pairs.append((i, j))
        return float(sum(gain[i, j] for i, j in pairs)), sorted(pairs)


def _first_conflict(pairs: list[tuple[int, int]], same: Mapping[int, int]) -> tuple[int, int] | None:
    """A person (row, column) who is both a mentee and a mentor in ``pairs``, if any."""
    rows = {i for i, _j in pairs}
    columns = {j for _i, j in pairs}
    for i in sorted(rows):
        j = same.get(i)
        if j is not None and j in columns:
            return i, j
    return None


def _repair(pairs: list[tuple[int, int]], same: Mapping[int, int], gain: np.ndarray) -> list[tuple[int, int]]:
    """Keeps each person in the role worth more, dropping the other role's pairs (no new solve)."""
    pairs = list(pairs)
    while (conflict := _first_conflict(pairs, same)) is not None:
        i, j = conflict
        as_mentee = sum(gain[a, b] for a, b in pairs if a == i)
        as_mentor = sum(gain[a, b] for a, b in pairs if b == j)
        pairs = [(a, b) for a, b in pairs if (a != i if as_mentor >= as_mentee else b != j)]
    return pairs


def _prefer_waiting(
    pairs: list[tuple[int, int]],
    gain: np.ndarray,
    places: np.ndarray,
    row_order: Iterable[int] | None,
    column_order: Iterable[int] | None,
    same: Mapping[int, int],
) -> list[tuple[int, int]]:
    """Among alternatives of equal worth (the same score on the same registry date), whoever has
    waited longer by ``row_order`` and ``column_order``: a mentee without a pair takes the place of
    one who came later, and a mentee moves to a mentor who came earlier and has a free place. The
    total never changes; each move puts someone earlier, so the moves end."""
    n, m = gain.shape
    row_position = np.empty(n, dtype=np.int64)
    row_position[list(row_order if row_order is not None else range(n))] = np.arange(n)
    column_position = np.empty(m, dtype=np.int64)
    column_position[list(column_order if column_order is not None else range(m))] = np.arange(m)
    mentor_of = dict(pairs)
    used = np.bincount(np.array([j for _i, j in pairs], dtype=np.int64), minlength=m)
    changed = True
    while changed:
        changed = False
        free = np.ones(n, dtype=bool)
        free[list(mentor_of)] = False
        for i in sorted(mentor_of, key=lambda row: -row_position[row]):
            j = mentor_of[i]
            earlier = np.flatnonzero(free & (gain[:, j] == gain[i, j]) & (row_position < row_position[i]))
            # Someone who mentors in this assignment cannot become a mentee in it.
            earlier = [k for k in earlier if k not in same or not used[same[k]]]
            if earlier:
                k = min(earlier, key=lambda row: row_position[row])
                del mentor_of[i]
                mentor_of[k] = j
                free[k], free[i] = False, True
                changed = True
        mentees_as_mentors = {same[i] for i in mentor_of if i in same}
        for i, j in list(mentor_of.items()):
            better = np.flatnonzero(
                (used < places) & (gain[i] == gain[i, j]) & (column_position < column_position[j]) & (gain[i] > 0)
            )
            better = [c for c in better if c not in mentees_as_mentors]
            if better:
                c = min(better, key=lambda column: column_position[column])
                mentor_of[i] = c
                used[j] -= 1
                used[c] += 1
                changed = True
    return sorted(mentor_of.items())


def assign(
    scores: np.ndarray,
    allowed: np.ndarray,
    places: Iterable[int],
    *,
    min_score: float = 0.0,
    strategy: str = BEST_TOTAL,
    same_person: Mapping[int, int] | None = None,
    row_levels: Iterable[int] | None = None,
    column_levels: Iterable[int] | None = None,
    row_order: Iterable[int] | None = None,
    column_order: Iterable[int] | None = None,
) -> list[tuple[int, int]]:
    """The (mentee, mentor) index pairs of largest total score with each mentee at most once, each
    mentor at most ``places[j]`` times and only allowed pairs scoring at least ``min_score`` (and
    more than 0). With ``MOST_MENTEES`` the number of pairs comes first, the total second.

    ``same_person`` maps a mentee row to the mentor column of the same person: such a person is
    given one role or none.

    Ties go to whoever has waited longest. ``row_levels`` and ``column_levels`` number the registry
    dates of mentees and mentors from the earliest: among assignments of equal total, the earlier
    dates are preferred (a bonus smaller than half a hundredth over the whole assignment; the scores
    are in hundredths, so no better total is ever lost). The bonus goes by date, not by person: a
    different bonus for everyone would take the solver six times longer on 2,000 x 800 (every tie
    broken is work for it). Among equal dates ``row_order`` and ``column_order`` decide, by moves
    that keep the total (``_prefer_waiting``).

    Each mentor becomes one column per free place and the rectangular matrix goes to
    ``linear_sum_assignment``. Forbidden cells get the score 0 and are dropped afterwards, not a
    large negative cost: the solver must fill every row (or column) of the smaller side, and with
    a large negative cost it would first maximize how many mentees get an allowed mentor, which
    can lower the total (one mentee with a strong match is worth more than two weak ones). With 0
    any best set of positive pairs extends to a full assignment at no loss, so dropping the zero
    cells afterwards leaves exactly the maximum. ``MOST_MENTEES`` adds to every positive cell more
    than any assignment's total, so the count decides first.

    A person who could take either role makes the problem more than an assignment: the pairs are
    found by branch and bound, each branch closing that person's row or column, best bound first
    (each solve is an upper bound of its branches), so the first assignment without such a conflict
    is the best one; after ``MAX_ROLE_SOLVES`` solves the best found is repaired instead."""
    scores = np.asarray(scores, dtype=float)
    if scores.size == 0:
        return []
    n, m = scores.shape
    usable = np.asarray(allowed, dtype=bool) & (scores > EPSILON) & (scores >= min_score - EPSILON)
    places_array = np.asarray(list(places), dtype=np.int64).clip(min=0)
    slots = max(1, min(n, int(places_array.sum())))
    bonus_unit = TIE_SHARE / (2 * slots)
    waited = _waited(n, row_levels).reshape(-1, 1) + _waited(m, column_levels).reshape(1, -1)
    gain = scores + bonus_unit * waited
    if strategy == MOST_MENTEES:
        gain = gain + slots * (float(gain.max()) + 1.0)
    problem = _Problem(np.where(usable, gain, 0.0), places_array)
    same = {i: j for i, j in (same_person or {}).items() if usable[i].any() and usable[:, j].any()}

    def fair(pairs):
        return _prefer_waiting(pairs, problem.gain, places_array, row_order, column_order, same)

    value, pairs = problem.solve(frozenset(), frozenset())
    if not same:
        return fair(pairs)
    # Best bound first; the counter keeps the order of equal bounds reproducible. Every pop pushes
    # two branches, so the heap never runs dry before an answer.
    heap = [(-value, 0, frozenset(), frozenset(), pairs)]
    solves = 1
    while True:
        _bound, _order, blocked_rows, blocked_columns, pairs = heapq.heappop(heap)
        conflict = _first_conflict(pairs, same)
        if conflict is None:
            return fair(pairs)
        if solves >= MAX_ROLE_SOLVES:
            return fair(_repair(pairs, same, problem.gain))
        i, j = conflict
        for branch in ((blocked_rows | {i}, blocked_columns), (blocked_rows, blocked_columns | {j})):
            branch_value, branch_pairs = problem.solve(*branch)
            solves += 1
            heapq.heappush(heap, (-branch_value, solves, *branch, branch_pairs))


# ---------------------------------------------------------------------------------------------
# Explanations.


def _words(common: Iterable[str], source: dict[str, str]) -> str:
    order = list(source)
    return ", ".join(source[word] for word in sorted(common, key=order.index))


def _age_range(mentor: Person) -> str:
    low, high = mentor.desired_age_min, mentor.desired_age_max
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return _("from %(age)s") % {"age": low}
    return _("up to %(age)s") % {"age": high}


def _preference_text(mentee: Person, mentor: Person, cohort: Cohort | None) -> str:
    pair = (mentee.participant_id, mentor.participant_id)
    by_mentee = cohort is not None and pair in cohort.mentee_prefers
    by_mentor = cohort is not None and pair in cohort.mentor_prefers
    if by_mentee and by_mentor:
        return _("they chose each other after the group meeting")
    if by_mentee:
        return _("the mentee chose this mentor after the group meeting")
    return _("the mentor chose this mentee after the group meeting")


def reasons_for(
    mentee: Person,
    mentor: Person,
    values: Mapping[str, float],
    weights: Mapping[str, float],
    cohort: Cohort | None = None,
):
    """Why a pair fits: one short explanation per criterion that scored."""
    reasons = []
    for criterion in CRITERIA:
        points = values[criterion] * weights.get(criterion, 0)
        if points <= EPSILON:
            continue
        if criterion == "interests":
            common = mentee.words["interests"].keys() & mentor.words["interests"].keys()
            text = _("common interests: %(words)s") % {"words": _words(common, mentee.words["interests"])}
        elif criterion == "competencies":
            common = mentee.words["text"].keys() & mentor.words["text"].keys()
            text = _("the mentor's competencies meet the request: %(words)s") % {
                "words": _words(common, mentee.words["text"])
            }
        elif criterion == "age":
            template = (
                _("age %(age)s is within the range the mentor wishes (%(range)s)")
                if values[criterion] >= 1
                else _("age %(age)s is close to the range the mentor wishes (%(range)s)")
            )
            text = template % {"age": mentee.age, "range": _age_range(mentor)}
        elif criterion == "grade":
            text = _("the mentor is in grade %(mentor)s, the mentee in grade %(mentee)s") % {
                "mentor": mentor.grade,
                "mentee": mentee.grade,
            }
        elif criterion == "preference":
            text = _preference_text(mentee, mentor, cohort)
        else:
            parts = []
            if mentee.partner_id is not None and mentee.partner_id == mentor.partner_id:
                parts.append(_("the same partner organization: %(name)s") % {"name": mentor.partner_name})
            common = mentee.words["subject"].keys() & mentor.words["subject"].keys()
            if common:
                parts.append(_("the same subject: %(words)s") % {"words": _words(common, mentee.words["subject"])})
            text = "; ".join(parts)
        reasons.append(Reason(criterion, text, round(float(points), 2)))
    return reasons


def may_mentor(mentor: Person) -> bool:
    return mentor.consent and mentor.places > 0 and not mentor.other_role


def _unmatched_reason(
    cohort: Cohort, i: int, allowed: np.ndarray, scores: np.ndarray, min_score: float, mentoring: set[int]
) -> Unmatched:
    mentee = cohort.mentees[i]
    if not mentee.consent:
        return Unmatched(mentee, _("no valid consent to the processing of personal data"), False)
    if mentee.other_role:
        return Unmatched(mentee, _("is a mentor in a pair or group of this form: one person, one role"), False)
    if mentee.participant_id in mentoring:
        return Unmatched(
            mentee,
            agree_predicate(_("is suggested as a mentor in this form: one person, one role"), mentee.gender),
            False,
        )
    if not allowed[i].any():
        available = any(
            mentor.consent
            and mentor.places > 0
            and not mentor.other_role
            and mentor.participant_id != mentee.participant_id
            for mentor in cohort.mentors
        )
        if not available:
            return Unmatched(mentee, _("no mentor with a valid consent and a free place"), False)
        return Unmatched(
            mentee,
            _("every mentor with a free place is his or her parent or not to be suggested to him or her"),
            False,
        )
    row = scores[i][allowed[i]]
    if not (row > EPSILON).any():
        return Unmatched(mentee, _("no allowed mentor matches any criterion; choose one by hand"), True)
    if min_score > EPSILON and not (row >= min_score - EPSILON).any():
        return Unmatched(
            mentee,
            _("no allowed mentor reaches the minimum score %(score)s; choose one by hand")
            % {"score": f"{min_score:g}"},
            True,
        )
    return Unmatched(
        mentee, _("the mentors who fit have their places given to better matches; choose one by hand"), True
    )


def _left_out(cohort: Cohort, mentored: set[int]) -> list[LeftOut]:
    left_out = []
    for mentor in cohort.mentors:
        if not mentor.consent:
            left_out.append(LeftOut(mentor, _("no valid consent to the processing of personal data")))
        elif mentor.other_role:
            left_out.append(LeftOut(mentor, _("is a mentee in a pair or group of this form: one person, one role")))
        elif mentor.places <= 0:
            if mentor.own_limit is not None and mentor.load_all >= mentor.own_limit:
                text = _("no free places: %(count)s of %(capacity)s mentees, the mentor's own limit") % {
                    "count": mentor.load_all,
                    "capacity": mentor.own_limit,
                }
            else:
                text = _("no free places: %(count)s of %(capacity)s mentees in this form already") % {
                    "count": mentor.load,
                    "capacity": cohort.capacity,
                }
            left_out.append(LeftOut(mentor, text))
        elif mentor.participant_id in mentored:
            reason = agree_predicate(_("is suggested as a mentee in this form: one person, one role"), mentor.gender)
            left_out.append(LeftOut(mentor, reason))
    return left_out


# Reports the progress of a computation: (steps done, steps in all).
Progress = Callable[[int, int], None]
# The steps of a computation, as the page names them while it runs.
STEPS = (
    gettext_lazy("Reading the registries and the questionnaires"),
    gettext_lazy("Comparing every mentee with every mentor"),
    gettext_lazy("Finding the best assignment"),
    gettext_lazy("Writing the reasons"),
    gettext_lazy("Saving the result"),
)


def match(
    cohort: Cohort,
    weights: Mapping[str, float],
    *,
    min_score: float = 0.0,
    strategy: str = BEST_TOTAL,
    progress: Progress | None = None,
) -> Matching:
    """Suggestions for the whole cohort: the best assignment, its reasons, and who is left without."""
    progress = progress or (lambda done, total: None)
    weights = weights_of(weights)
    criteria = criteria_matrices(cohort)
    scores = score_matrix(criteria, weights)
    allowed = allowed_matrix(cohort)
    progress(2, len(STEPS))
    column_of = {person.participant_id: j for j, person in enumerate(cohort.mentors)}
    same_person = {
        i: column_of[person.participant_id]
        for i, person in enumerate(cohort.mentees)
        if person.participant_id in column_of
    }
    pairs = assign(
        scores,
        allowed,
        [mentor.places for mentor in cohort.mentors],
        min_score=min_score,
        strategy=strategy,
        same_person=same_person,
        row_levels=date_levels(person.entered_on for person in cohort.mentees),
        column_levels=date_levels(person.entered_on for person in cohort.mentors),
        row_order=sorted(range(len(cohort.mentees)), key=lambda i: waiting_key(cohort.mentees[i])),
        column_order=sorted(range(len(cohort.mentors)), key=lambda j: waiting_key(cohort.mentors[j])),
    )
    progress(3, len(STEPS))
    suggestions = []
    for i, j in pairs:
        mentee, mentor = cohort.mentees[i], cohort.mentors[j]
        values = {criterion: float(matrix[i, j]) for criterion, matrix in criteria.items()}
        suggestions.append(
            Suggestion(mentee, mentor, float(scores[i, j]), reasons_for(mentee, mentor, values, weights, cohort))
        )
    # Names in Russian dictionary order (Ё with Е): the curator reads the list as a register.
    suggestions.sort(
        key=lambda s: (name_key(s.mentor.name), s.mentor.participant_id, -s.score, name_key(s.mentee.name))
    )
    assigned = {i for i, _j in pairs}
    mentoring = {s.mentor.participant_id for s in suggestions}
    mentored = {s.mentee.participant_id for s in suggestions}
    unmatched = [
        _unmatched_reason(cohort, i, allowed, scores, min_score, mentoring)
        for i in range(len(cohort.mentees))
        if i not in assigned
    ]
    unmatched.sort(key=lambda u: (name_key(u.mentee.name), u.mentee.participant_id))
    progress(4, len(STEPS))
    return Matching(
        cohort,
        weights,
        criteria,
        scores,
        allowed,
        suggestions,
        unmatched,
        _left_out(cohort, mentored),
        min_score=min_score,
        strategy=strategy,
    )


# ---------------------------------------------------------------------------------------------
# Loading from the database: a fixed number of queries, whatever the size of the cohort.


def _person(participant: Participant, **extra) -> Person:
    return Person(
        participant_id=participant.pk,
        name=participant.full_name,
        category=participant.category,
        grade=participant.grade,
        class_name=participant.class_name,
        partner_id=participant.partner_id,
        partner_name=participant.partner.name if participant.partner_id else "",
        position=participant.position,
        gender=participant.gender,
        **extra,
    )


def ended_incompatible(organization_id: int) -> dict[tuple[int, int], str]:
    """(mentee id, mentor id) -> the reason, for the organization's pairs and groups that ended, for
    the unit or for the mentee, with a reason that says the two did not get on."""
    ended = UnitMentee.objects.filter(unit__program__organization=organization_id).filter(
        Q(unit__status=MentoringUnit.Status.TERMINATED) | Q(left_on__isnull=False)
    )
    pairs = {}
    for mentee_id, mentor_id, unit_reason, own_reason in ended.values_list(
        "mentee_id", "unit__mentor_id", "unit__termination_reason", "leave_reason"
    ).order_by("unit_id", "pk"):
        for reason in (own_reason, unit_reason):
            if reason and means_incompatibility(reason):
                pairs.setdefault((mentee_id, mentor_id), reason)
                break
    return pairs


def load_cohort(
    program: Program,
    on_date: datetime.date,
    rejected: Iterable[tuple[int, int]] = (),
    *,
    only_mentees: set[int] | None = None,
) -> Cohort:
    """The candidates of a program: its year's registries with the answers of the intake
    questionnaires, their consents on ``on_date``, the mentors' load, the preferences, the pairs not
    to suggest; mentees already in an open unit of the form are left out. Both lists are in the
    order of who has waited longest. ``only_mentees`` limits the mentees (the mentors the curator
    may choose for one of them)."""
    form, organization = program.form, program.organization_id
    memberships = UnitMentee.objects.filter(
        unit__status__in=OPEN_STATUSES,
        unit__program__organization=organization,
        left_on__isnull=True,
    ).values_list("unit__mentor_id", "mentee_id", "unit__form_id")
    load: dict[int, int] = defaultdict(int)
    load_all: dict[int, int] = defaultdict(int)
    busy, mentoring = set(), set()
    for mentor_id, mentee_id, form_id in memberships:
        load_all[mentor_id] += 1
        if form_id == form.pk:
            load[mentor_id] += 1
            busy.add(mentee_id)
            mentoring.add(mentor_id)
    consented = set(
        valid_consents(Consent.Kind.PROCESSING, on_date)
        .filter(participant__organization=organization)
        .values_list("participant_id", flat=True)
    )
    parents = set(
        Participant.parents.through.objects.filter(from_participant__organization=organization).values_list(
            "to_participant_id", "from_participant_id"
        )
    )
    excluded = set(MatchingExclusion.objects.filter(organization=organization).values_list("mentee_id", "mentor_id"))
    common = {
        "participant__organization": organization,
        "participant__depersonalized_at__isnull": True,
        "academic_year": program.academic_year,
    }
    waiting = ("entered_on", "participant__pk")
    mentor_entries = (
        MentorEntry.objects.filter(participant__category__in=form.mentor_categories, **common)
        .select_related("participant__partner")
        .order_by(*waiting)
    )
    mentee_entries = (
        MenteeEntry.objects.filter(
            participant__category__in=form.mentee_categories, completed_on__isnull=True, **common
        )
        .select_related("participant__partner")
        .order_by(*waiting)
    )
    if only_mentees is not None:
        mentee_entries = mentee_entries.filter(participant__in=only_mentees)
    answers = matching_inputs(program=program)

    def joined(text: str, participant_id: int, extra: dict[int, list[str]]) -> str:
        return ", ".join([text, *extra.get(participant_id, [])]) if participant_id in extra else text

    mentors = []
    for entry in mentor_entries:
        pid = entry.participant_id
        places = form.mentor_capacity - load[pid]
        if entry.max_mentees is not None:
            places = min(places, entry.max_mentees - load_all[pid])
        mentors.append(
            _person(
                entry.participant,
                consent=pid in consented,
                interests=joined(entry.interests, pid, answers.interests),
                text=joined(entry.competencies, pid, answers.texts),
                desired_age_min=entry.desired_age_min,
                desired_age_max=entry.desired_age_max,
                load=load[pid],
                places=max(places, 0),
                own_limit=entry.max_mentees,
                load_all=load_all[pid],
                entered_on=entry.entered_on,
                other_role=pid in busy,
            )
        )
    mentees = [
        _person(
            entry.participant,
            consent=entry.participant_id in consented,
            interests=joined(entry.interests, entry.participant_id, answers.interests),
            text=joined(entry.key_request, entry.participant_id, answers.texts),
            age=entry.participant.age_on(program.starts_on),
            entered_on=entry.entered_on,
            other_role=entry.participant_id in mentoring,
        )
        for entry in mentee_entries
        if entry.participant_id not in busy
    ]
    return Cohort(
        mentees=mentees,
        mentors=mentors,
        mentor_categories=tuple(form.mentor_categories),
        mentee_categories=tuple(form.mentee_categories),
        capacity=form.mentor_capacity,
        parents=parents,
        rejected=excluded | set(map(tuple, rejected)),
        ended=set(ended_incompatible(organization)),
        mentee_prefers=answers.mentee_prefers,
        mentor_prefers=answers.mentor_prefers,
    )


def program_matching(
    program: Program,
    on_date: datetime.date,
    rejected: Iterable[tuple[int, int]] = (),
    *,
    min_score: float = 0.0,
    strategy: str = BEST_TOTAL,
    progress: Progress | None = None,
) -> Matching:
    cohort = load_cohort(program, on_date, rejected)
    if progress:
        progress(1, len(STEPS))
    return match(cohort, program.matching_weights, min_score=min_score, strategy=strategy, progress=progress)


# ---------------------------------------------------------------------------------------------
# Writes.


def matching_weights_update(*, program: Program, weights: Mapping[str, float], by: User) -> Program:
    cleaned = weights_of(weights)
    program.matching_weights = {
        criterion: int(value) if value.is_integer() else value for criterion, value in cleaned.items()
    }
    program.save(update_fields=["matching_weights"])
    return program


def matching_exclusion_add(
    *, program: Program, mentee: Participant, mentor: Participant, reason: str, by: User
) -> MatchingExclusion:
    """«Не предлагать эту пару», for every program of the organization, with who and why."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Write why this pair does not fit.")})
    if {mentee.organization_id, mentor.organization_id} != {program.organization_id}:
        raise ValidationError(_("Everyone must be a participant of the program's organization."))
    exclusion, _created = MatchingExclusion.objects.update_or_create(
        mentee=mentee,
        mentor=mentor,
        defaults={"organization_id": program.organization_id, "reason": reason[:300], "created_by": by},
    )
    data_changed(Q(pk=program.organization_id))
    return exclusion


def matching_exclusion_remove(*, exclusion: MatchingExclusion, by: User) -> None:
    """The pair may be suggested again."""
    organization_id = exclusion.organization_id
    exclusion.delete()
    data_changed(Q(pk=organization_id))


@dataclass
class Accepted:
    units: list[MentoringUnit]
    failures: list[tuple[str, list[str]]]  # who, why not


class _OpenRows:
    """The open memberships the rules read, indexed by mentor and by mentee, growing with every unit
    accepted in the same call (so that its capacity and roles count)."""

    NEW = -1  # the unit id of a unit accepted in this call, not yet saved

    def __init__(self, rows: Iterable[tuple[int, int, int, int]]):
        self.by_mentor: dict[int, set] = defaultdict(set)
        self.by_mentee: dict[int, set] = defaultdict(set)
        for row in rows:
            self.add(row)

    def add(self, row: tuple[int, int, int, int]) -> None:
        self.by_mentor[row[1]].add(row)
        self.by_mentee[row[3]].add(row)

    def of(self, mentor: Participant, mentees: list[Participant]) -> list[tuple[int, int, int, int]]:
        """The rows the rules of a unit read: its people's memberships as mentors and as mentees."""
        rows = set()
        for person in (mentor, *mentees):
            rows |= self.by_mentor[person.pk] | self.by_mentee[person.pk]
        return list(rows)


def suggestions_accept(
    *, program: Program, pairs: Iterable[tuple[int, int]], by: User, as_groups: bool = False
) -> Accepted:
    """Draft units from accepted (mentee id, mentor id) pairs, checked against every rule of
    ``rule_problems`` and the matching's own (one role per person in a form, the mentor's own
    limit), then created in bulk: a constant number of queries for any number of pairs. A pair
    that breaks a rule is skipped with its messages. With ``as_groups`` the mentees of one mentor
    form one group (a single mentee: a pair)."""
    pairs = list(dict.fromkeys((int(mentee), int(mentor)) for mentee, mentor in pairs))
    today = timezone.localdate()
    form = program.form
    with transaction.atomic():
        # Accepts of one program wait for each other, so that two of them cannot both take a last place.
        Program.objects.select_for_update().filter(pk=program.pk).values_list("pk", flat=True).first()
        people = Participant.objects.filter(
            organization=program.organization_id, pk__in={pk for pair in pairs for pk in pair}
        ).in_bulk()
        everyone = set(people)
        facts = rule_facts(everyone, everyone, today)
        rows = _OpenRows(facts.open_rows)
        batches: list[tuple[Participant, list[Participant]]] = []
        failures: list[tuple[str, list[str]]] = []
        by_mentor: dict[int, list[Participant]] = {}
        for mentee_id, mentor_id in pairs:
            if mentee_id not in people or mentor_id not in people:
                failures.append(("—", [_("The participant is not found.")]))
                continue
            if as_groups:
                by_mentor.setdefault(mentor_id, []).append(people[mentee_id])
            else:
                batches.append((people[mentor_id], [people[mentee_id]]))
        batches += [(people[mentor_id], mentees) for mentor_id, mentees in by_mentor.items()]
        planned_from, planned_to = max(program.starts_on, today), program.ends_on
        accepted: list[tuple[MentoringUnit, list[Participant]]] = []
        for mentor, mentees in batches:
            facts_of = RuleFacts(facts.parent_links, facts.consented, rows.of(mentor, mentees), facts.limits)
            problems = rule_problems(
                program=program, mentor=mentor, mentees=mentees, on_date=today, unit_id=None, facts=facts_of
            )
            if problems:
                who = f"{mentor.full_name} — {', '.join(mentee.full_name for mentee in mentees)}"
                failures.append((who, list(dict.fromkeys(problems))))
                continue
            for mentee in mentees:
                rows.add((_OpenRows.NEW, mentor.pk, form.pk, mentee.pk))
            unit = MentoringUnit(
                program=program,
                form=form,
                kind=MentoringUnit.Kind.PAIR if len(mentees) == 1 else MentoringUnit.Kind.GROUP,
                mentor=mentor,
                planned_from=planned_from,
                planned_to=planned_to,
                created_by=by,
            )
            accepted.append((unit, mentees))
        units = MentoringUnit.objects.bulk_create([unit for unit, _mentees in accepted])
        UnitMentee.objects.bulk_create(
            UnitMentee(unit=unit, mentee=mentee, joined_on=unit.planned_from)
            for unit, mentees in accepted
            for mentee in mentees
        )
        if units:
            # Bulk inserts send no signals: what is kept of the organization's figures is stale.
            data_changed(Q(pk=program.organization_id))
    return Accepted(units, failures)


# ---------------------------------------------------------------------------------------------
# What else makes a kept computation stale (the registries, units and answers already raise the
# organization's data_version; see monitoring.indicators.live_cache).


def _consent_changed(sender, instance, **kwargs):
    data_changed(Q(participants=instance.participant_id))


def _parents_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        data_changed(Q(pk=instance.organization_id))


for _signal in (post_save, post_delete):
    _signal.connect(_consent_changed, sender=Consent, dispatch_uid=f"matching-consent-{_signal is post_save}")
m2m_changed.connect(_parents_changed, sender=Participant.parents.through, dispatch_uid="matching-parents")
