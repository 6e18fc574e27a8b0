"""Matching suggestions: who could mentor whom in a program, and the best assignment of the cohort.

The candidates are the mentor and mentee registries of the program's academic year. Each candidate
pair gets a score: a sum over the criteria (common interests, the mentor's competencies against
the mentee's request, the mentor's desired age, the class distance of pupils, the same partner
organization, the same subject, the choices made in the preference questionnaires after the group
meeting), each a number in [0, 1] times the program's weight. The answers of the intake
questionnaires add to the interests, competencies and requests of the registries (the monitoring
app registers their reader, ``matching_inputs_reader``, so the domain imports nothing of it). The rules of
``mentoring.pairs.services.unit_problems`` are hard filters here, checked on preloaded data. The whole
cohort is then assigned at once under each mentor's free places so that the total score is the
largest possible (scipy's ``linear_sum_assignment`` on a matrix with one column per free place),
not greedily. The curator accepts, edits or rejects each suggestion; accepting goes through
``unit_create``, which checks every rule again.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix

from accounts.models import User
from mentoring.models import Consent, MenteeEntry, MentorEntry, MentoringUnit, Participant, Program, UnitMentee
from mentoring.pairs.models import default_weights
from mentoring.pairs.services import OPEN_STATUSES, unit_create
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
# Scores at or below this count as nothing: such an assignment is not suggested.
EPSILON = 1e-9
# The age criterion falls from 1 inside the desired range to 0 this many years outside it.
AGE_TOLERANCE = 3
BEST_GRADE_DISTANCE = (1, 4)
FAIR_GRADE_DISTANCE = (5, 6)

WORD = re.compile(r"[a-zа-я0-9]+")
STEM_LENGTH = 5
# Cut word endings after the stem: a crude stemmer that makes «химия» and «химии» meet.
ENDINGS = "аеиоуыэюяйь"


def _word_list(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = _word_list(
    """
    без более больше быть был была были вас все всех где год года для его ее если есть еще жизнь или как
    какой когда кто лет либо мне мой надо нас наш нее нет них нужен нужна нужно ними обо они она оно очень
    при про свой своей своих себя себе так также там тем того тоже только том тот тут уже уметь хотел хотела
    хочет хочу что чтобы эта эти это этот этой and the for with
    """
)
# Words of a position that say nothing about the subject taught («английского языка» and «русского
# языка» are different subjects).
GENERIC_POSITION_WORDS = _word_list(
    """
    учитель учителя педагог педагога преподаватель преподавателя старший старшая младший младшая ведущий
    руководитель руководителя заместитель директора директор классный классная воспитатель специалист
    высшей первой категории язык языка языков культуры
    """
)


def _stem(word: str) -> str:
    return word[:STEM_LENGTH].rstrip(ENDINGS) or word[:STEM_LENGTH]


def stems(text: str, *, ignore: frozenset[str] = frozenset()) -> dict[str, str]:
    """The meaningful words of a text: stem -> the first word seen with it (to show in reasons).

    Lower case, ё as е, words of at least 3 letters, without stop words."""
    found: dict[str, str] = {}
    for word in WORD.findall((text or "").lower().replace("ё", "е")):
        if len(word) < 3 or word in STOP_WORDS or word in ignore:
            continue
        found.setdefault(_stem(word), word)
    return found


GENERIC_POSITION_STEMS = frozenset(_stem(word) for word in GENERIC_POSITION_WORDS)


def subject_stems(position: str) -> dict[str, str]:
    return {
        stem: word
        for stem, word in stems(position, ignore=GENERIC_POSITION_WORDS).items()
        if stem not in GENERIC_POSITION_STEMS
    }


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
    interests: str = ""
    text: str = ""  # a mentor's competencies; a mentee's key request
    desired_age_min: int | None = None
    desired_age_max: int | None = None
    load: int = 0  # a mentor's mentees in open units of the form
    places: int = 0  # a mentor's free places in the form
    words: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self.words = {
            "interests": stems(self.interests),
            "text": stems(self.text),
            "subject": subject_stems(self.position),
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
    rejected: set[tuple[int, int]] = field(default_factory=set)  # (mentee id, mentor id)
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

    @property
    def max_score(self) -> float:
        return float(sum(self.weights.values()))

    @property
    def total(self) -> float:
        return float(sum(suggestion.score for suggestion in self.suggestions))

    def options_for(self, mentee_id: int) -> list[Option]:
        """The mentors allowed for a mentee, best first: what the curator may choose from."""
        index = {person.participant_id: i for i, person in enumerate(self.cohort.mentees)}.get(mentee_id)
        if index is None:
            return []
        suggested = {s.mentor.participant_id for s in self.suggestions if s.mentee.participant_id == mentee_id}
        row, allowed = self.scores[index], self.allowed[index]
        order = sorted(np.flatnonzero(allowed), key=lambda j: (-row[j], self.cohort.mentors[j].name))
        return [
            Option(
                self.cohort.mentors[j],
                float(row[j]),
                self.cohort.mentors[j].participant_id in suggested,
            )
            for j in order
        ]


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
        for stem in person.words[key]:
            rows.append(i)
            columns.append(vocabulary.setdefault(stem, len(vocabulary)))
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
    return total


# ---------------------------------------------------------------------------------------------
# Hard filters: the rules of mentoring.pairs.services.unit_problems on preloaded data.


def allowed_matrix(cohort: Cohort) -> np.ndarray:
    """Which mentee may be given which mentor (True), as an n x m boolean matrix."""
    mentees, mentors = cohort.mentees, cohort.mentors
    mentee_ok = np.array([p.consent and p.category in cohort.mentee_categories for p in mentees], dtype=bool).reshape(
        -1, 1
    )
    mentor_ok = np.array(
        [p.consent and p.category in cohort.mentor_categories and p.places > 0 for p in mentors], dtype=bool
    ).reshape(1, -1)
    allowed = mentee_ok & mentor_ok
    mentee_ids = np.array([p.participant_id for p in mentees], dtype=np.int64).reshape(-1, 1)
    mentor_ids = np.array([p.participant_id for p in mentors], dtype=np.int64).reshape(1, -1)
    allowed &= mentee_ids != mentor_ids
    row_of = {p.participant_id: i for i, p in enumerate(mentees)}
    column_of = {p.participant_id: j for j, p in enumerate(mentors)}
    forbidden = [(child, parent) for parent, child in cohort.parents] + list(cohort.rejected)
    for mentee_id, mentor_id in forbidden:
        i, j = row_of.get(mentee_id), column_of.get(mentor_id)
        if i is not None and j is not None:
            allowed[i, j] = False
    return allowed


# ---------------------------------------------------------------------------------------------
# The assignment.


def assign(scores: np.ndarray, allowed: np.ndarray, places: Iterable[int]) -> list[tuple[int, int]]:
    """The (mentee, mentor) index pairs of largest total score with each mentee at most once, each
    mentor at most ``places[j]`` times and only allowed pairs with a positive score.

    Each mentor becomes one column per free place and the rectangular matrix goes to
    ``linear_sum_assignment``. Forbidden cells get the score 0 and are dropped afterwards, not a
    large negative cost: the solver must fill every row (or column) of the smaller side, and with
    a large negative cost it would first maximize how many mentees get an allowed mentor, which
    can lower the total (one mentee with a strong match is worth more than two weak ones). With 0
    any best set of positive pairs extends to a full assignment at no loss, so dropping the zero
    cells afterwards leaves exactly the maximum."""
    scores = np.asarray(scores, dtype=float)
    if scores.size == 0:
        return []
    gain = np.where(np.asarray(allowed, dtype=bool) & (scores > EPSILON), scores, 0.0)
    positive = gain > 0
    places = np.minimum(np.asarray(list(places), dtype=np.int64).clip(min=0), positive.sum(axis=0))
    rows = np.flatnonzero(positive.any(axis=1))
    columns = np.repeat(np.arange(gain.shape[1]), places)
    if rows.size == 0 or columns.size == 0:
        return []
    chosen_rows, chosen_columns = linear_sum_assignment(gain[np.ix_(rows, columns)], maximize=True)
    pairs = []
    for r, c in zip(chosen_rows, chosen_columns, strict=True):
        i, j = int(rows[r]), int(columns[c])
        if gain[i, j] > 0:
            pairs.append((i, j))
    return pairs


# ---------------------------------------------------------------------------------------------
# Explanations.


def _words(common: Iterable[str], source: dict[str, str]) -> str:
    return ", ".join(source[stem] for stem in sorted(common, key=list(source).index))


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


def _unmatched_reason(cohort: Cohort, i: int, allowed: np.ndarray, scores: np.ndarray) -> Unmatched:
    mentee = cohort.mentees[i]
    if not mentee.consent:
        return Unmatched(mentee, _("no valid consent to the processing of personal data"), False)
    if not allowed[i].any():
        available = any(
            mentor.consent and mentor.places > 0 and mentor.participant_id != mentee.participant_id
            for mentor in cohort.mentors
        )
        if not available:
            return Unmatched(mentee, _("no mentor with a valid consent and a free place"), False)
        return Unmatched(mentee, _("every mentor with a free place was rejected or is his or her parent"), False)
    if not (scores[i][allowed[i]] > EPSILON).any():
        return Unmatched(mentee, _("no allowed mentor matches any criterion; choose one by hand"), True)
    return Unmatched(
        mentee, _("the mentors who fit have their places given to better matches; choose one by hand"), True
    )


def _left_out(cohort: Cohort) -> list[LeftOut]:
    left_out = []
    for mentor in cohort.mentors:
        if not mentor.consent:
            left_out.append(LeftOut(mentor, _("no valid consent to the processing of personal data")))
        elif mentor.places <= 0:
            left_out.append(
                LeftOut(
                    mentor,
                    _("no free places: %(count)s of %(capacity)s mentees in this form already")
                    % {"count": mentor.load, "capacity": cohort.capacity},
                )
            )
    return left_out


def match(cohort: Cohort, weights: Mapping[str, float]) -> Matching:
    """Suggestions for the whole cohort: the best assignment, its reasons, and who is left without."""
    weights = weights_of(weights)
    criteria = criteria_matrices(cohort)
    scores = score_matrix(criteria, weights)
    allowed = allowed_matrix(cohort)
    pairs = assign(scores, allowed, [mentor.places for mentor in cohort.mentors])
    suggestions = []
    for i, j in pairs:
        mentee, mentor = cohort.mentees[i], cohort.mentors[j]
        values = {criterion: float(matrix[i, j]) for criterion, matrix in criteria.items()}
        suggestions.append(
            Suggestion(
                mentee, mentor, round(float(scores[i, j]), 2), reasons_for(mentee, mentor, values, weights, cohort)
            )
        )
    suggestions.sort(key=lambda s: (s.mentor.name, -s.score, s.mentee.name))
    assigned = {i for i, _j in pairs}
    unmatched = [_unmatched_reason(cohort, i, allowed, scores) for i in range(len(cohort.mentees)) if i not in assigned]
    unmatched.sort(key=lambda u: u.mentee.name)
    return Matching(cohort, weights, criteria, scores, allowed, suggestions, unmatched, _left_out(cohort))


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
        **extra,
    )


def load_cohort(program: Program, on_date: datetime.date, rejected: Iterable[tuple[int, int]] = ()) -> Cohort:
    """The candidates of a program: its year's registries with the answers of the intake
    questionnaires, their consents on ``on_date``, the mentors' load in the program's form, the
    preferences; mentees already in an open unit of the form are left out."""
    form, organization = program.form, program.organization_id
    memberships = UnitMentee.objects.filter(
        unit__status__in=OPEN_STATUSES,
        unit__form=form,
        unit__program__organization=organization,
        left_on__isnull=True,
    ).values_list("unit__mentor_id", "mentee_id")
    load: dict[int, int] = {}
    busy = set()
    for mentor_id, mentee_id in memberships:
        load[mentor_id] = load.get(mentor_id, 0) + 1
        busy.add(mentee_id)
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
    common = {
        "participant__organization": organization,
        "participant__depersonalized_at__isnull": True,
        "academic_year": program.academic_year,
    }
    mentor_entries = (
        MentorEntry.objects.filter(participant__category__in=form.mentor_categories, **common)
        .select_related("participant__partner")
        .order_by("participant__last_name", "participant__first_name", "participant__pk")
    )
    mentee_entries = (
        MenteeEntry.objects.filter(
            participant__category__in=form.mentee_categories, completed_on__isnull=True, **common
        )
        .select_related("participant__partner")
        .order_by("participant__last_name", "participant__first_name", "participant__pk")
    )
    answers = matching_inputs(program=program)

    def joined(text: str, participant_id: int, extra: dict[int, list[str]]) -> str:
        return ", ".join([text, *extra.get(participant_id, [])]) if participant_id in extra else text

    mentors = []
    for entry in mentor_entries:
        taken = load.get(entry.participant_id, 0)
        mentors.append(
            _person(
                entry.participant,
                consent=entry.participant_id in consented,
                interests=joined(entry.interests, entry.participant_id, answers.interests),
                text=joined(entry.competencies, entry.participant_id, answers.texts),
                desired_age_min=entry.desired_age_min,
                desired_age_max=entry.desired_age_max,
                load=taken,
                places=max(form.mentor_capacity - taken, 0),
            )
        )
    mentees = [
        _person(
            entry.participant,
            consent=entry.participant_id in consented,
            interests=joined(entry.interests, entry.participant_id, answers.interests),
            text=joined(entry.key_request, entry.participant_id, answers.texts),
            age=entry.participant.age_on(program.starts_on),
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
        rejected=set(map(tuple, rejected)),
        mentee_prefers=answers.mentee_prefers,
        mentor_prefers=answers.mentor_prefers,
    )


def program_matching(program: Program, on_date: datetime.date, rejected: Iterable[tuple[int, int]] = ()) -> Matching:
    return match(load_cohort(program, on_date, rejected), program.matching_weights)


# ---------------------------------------------------------------------------------------------
# Writes.


def matching_weights_update(*, program: Program, weights: Mapping[str, float], by: User) -> Program:
    cleaned = weights_of(weights)
    program.matching_weights = {
        criterion: int(value) if value.is_integer() else value for criterion, value in cleaned.items()
    }
    program.save(update_fields=["matching_weights"])
    return program


@dataclass
class Accepted:
    units: list[MentoringUnit]
    failures: list[tuple[str, list[str]]]  # who, why not


def suggestions_accept(
    *, program: Program, pairs: Iterable[tuple[int, int]], by: User, as_groups: bool = False
) -> Accepted:
    """Draft units from accepted (mentee id, mentor id) pairs, each through ``unit_create`` and so
    every rule; a pair that breaks one is skipped with its messages. With ``as_groups`` the mentees
    of one mentor form one group (a single mentee: a pair)."""
    pairs = list(dict.fromkeys((int(mentee), int(mentor)) for mentee, mentor in pairs))
    people = Participant.objects.filter(
        organization=program.organization_id, pk__in={pk for pair in pairs for pk in pair}
    ).in_bulk()
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
    units = []
    for mentor, mentees in batches:
        try:
            with transaction.atomic():
                units.append(unit_create(program=program, mentor=mentor, mentees=mentees, by=by))
        except ValidationError as error:
            who = f"{mentor.full_name} — {', '.join(mentee.full_name for mentee in mentees)}"
            failures.append((who, error.messages))
    return Accepted(units, failures)
