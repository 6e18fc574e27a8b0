"""Properties of the matching (hypothesis): no rule or capacity is ever broken, nobody takes both
roles, and on small cases the result equals the brute-force optimum over every feasible assignment
(the largest total, or the most pairs and then the largest total), with any minimum score."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mentoring.pairs.matching import BEST_TOTAL, DEFAULT_WEIGHTS, MOST_MENTEES, Cohort, Person, assign, match

# No example database in the working tree: the cases are small and drawn afresh each run.
SETTINGS = settings(max_examples=300, deadline=None, database=None)


def brute_force(
    scores: np.ndarray,
    allowed: np.ndarray,
    places: list[int],
    *,
    same: dict[int, int] | None = None,
    min_score: float = 0.0,
    most_mentees: bool = False,
) -> tuple[int, float]:
    """The best (pairs, total) over every way to give each mentee one allowed mentor or none: the
    largest total, or with ``most_mentees`` the most pairs and then the largest total. A mentee row
    and a mentor column of ``same`` are one person, who takes one role at most."""
    n, m = scores.shape
    same = same or {}
    best = (0, 0.0) if most_mentees else (0.0,)
    found = (0, 0.0)
    for choice in itertools.product([None, *range(m)], repeat=n):
        taken = [0] * m
        total = 0.0
        for i, j in enumerate(choice):
            if j is None:
                continue
            if not allowed[i, j] or scores[i, j] <= 0 or scores[i, j] < min_score:
                break
            taken[j] += 1
            total += scores[i, j]
        else:
            if any(taken[j] > places[j] for j in range(m)):
                continue
            if any(choice[i] is not None and taken[j] for i, j in same.items()):
                continue
            count = sum(1 for j in choice if j is not None)
            key = (count, total) if most_mentees else (total,)
            if key > best:
                best, found = key, (count, total)
    return found


@st.composite
def small_cases(draw):
    n = draw(st.integers(0, 5))
    m = draw(st.integers(0, 4))
    # Scores on a grid of quarters: sums are exact, so "equal" needs no tolerance games.
    scores = (
        np.array(
            draw(st.lists(st.lists(st.integers(0, 40), min_size=m, max_size=m), min_size=n, max_size=n)), dtype=float
        ).reshape(n, m)
        / 4
    )
    allowed = np.array(
        draw(st.lists(st.lists(st.booleans(), min_size=m, max_size=m), min_size=n, max_size=n)), dtype=bool
    ).reshape(n, m)
    places = draw(st.lists(st.integers(1, 2), min_size=m, max_size=m))
    # Some mentees are also mentors (one column each at most).
    columns = draw(st.permutations(range(m))) if m else []
    same = {i: j for i, j in zip(range(n), columns, strict=False) if draw(st.booleans())}
    min_score = draw(st.sampled_from([0.0, 0.0, 2.5, 5.0]))
    most_mentees = draw(st.booleans())
    return scores, allowed, places, same, min_score, most_mentees


def solved(case) -> list[tuple[int, int]]:
    scores, allowed, places, same, min_score, most_mentees = case
    strategy = MOST_MENTEES if most_mentees else BEST_TOTAL
    return assign(scores, allowed, places, same_person=same, min_score=min_score, strategy=strategy)


@SETTINGS
@given(small_cases())
def test_assignment_equals_the_brute_force_optimum(case):
    scores, allowed, places, same, min_score, most_mentees = case
    pairs = solved(case)
    count, total = brute_force(scores, allowed, places, same=same, min_score=min_score, most_mentees=most_mentees)
    assert sum(scores[i, j] for i, j in pairs) == total
    # The largest total may be reached with more pairs or fewer (0.5 = 0.25 + 0.25): only the strategy
    # of the most mentees fixes the number of pairs.
    if most_mentees:
        assert len(pairs) == count


@SETTINGS
@given(small_cases())
def test_assignment_breaks_no_rule_or_capacity(case):
    scores, allowed, places, same, min_score, _most = case
    pairs = solved(case)
    mentees = [i for i, _j in pairs]
    assert len(mentees) == len(set(mentees))
    for i, j in pairs:
        assert allowed[i, j] and scores[i, j] > 0 and scores[i, j] >= min_score
    for j, limit in enumerate(places):
        assert sum(1 for _i, chosen in pairs if chosen == j) <= limit
    columns = {j for _i, j in pairs}
    assert not any(i in mentees and j in columns for i, j in same.items())


@SETTINGS
@given(small_cases())
def test_most_mentees_gives_at_least_as_many_pairs(case):
    scores, allowed, places, same, min_score, _most = case
    best = assign(scores, allowed, places, same_person=same, min_score=min_score, strategy=BEST_TOTAL)
    most = assign(scores, allowed, places, same_person=same, min_score=min_score, strategy=MOST_MENTEES)
    assert len(most) >= len(best)
    assert sum(scores[i, j] for i, j in most) <= sum(scores[i, j] for i, j in best)


WORDS = ["шахматы", "театр", "химия", "футбол", "музыка", "история"]
texts = st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join)
maybe_grade = st.one_of(st.none(), st.integers(1, 11))


@st.composite
def cohorts(draw):
    """Random people with random data; ids overlap on purpose (a person may be on both sides)."""
    n = draw(st.integers(0, 6))
    m = draw(st.integers(0, 4))
    capacity = draw(st.integers(1, 3))
    mentee_ids = draw(st.lists(st.integers(1, 12), min_size=n, max_size=n, unique=True))
    mentor_ids = draw(st.lists(st.integers(1, 12), min_size=m, max_size=m, unique=True))
    categories = st.sampled_from(["student", "staff"])
    mentees = [
        Person(
            participant_id=pid,
            name=f"Наставляемый {pid}",
            category=draw(categories),
            consent=draw(st.booleans()),
            grade=draw(maybe_grade),
            age=draw(st.one_of(st.none(), st.integers(7, 18))),
            partner_id=draw(st.one_of(st.none(), st.integers(1, 2))),
            interests=draw(texts),
            text=draw(texts),
        )
        for pid in mentee_ids
    ]
    mentors = []
    for pid in mentor_ids:
        load = draw(st.integers(0, capacity))
        low = draw(st.one_of(st.none(), st.integers(7, 16)))
        mentors.append(
            Person(
                participant_id=pid,
                name=f"Наставник {pid}",
                category=draw(categories),
                consent=draw(st.booleans()),
                grade=draw(maybe_grade),
                partner_id=draw(st.one_of(st.none(), st.integers(1, 2))),
                interests=draw(texts),
                text=draw(texts),
                desired_age_min=low,
                desired_age_max=None if low is None else low + draw(st.integers(0, 3)),
                load=load,
                places=capacity - load,
            )
        )
    parents = set(draw(st.lists(st.tuples(st.sampled_from(range(1, 13)), st.sampled_from(range(1, 13))), max_size=4)))
    rejected = set(draw(st.lists(st.tuples(st.sampled_from(range(1, 13)), st.sampled_from(range(1, 13))), max_size=4)))
    weights = draw(st.fixed_dictionaries({key: st.integers(0, 10) for key in DEFAULT_WEIGHTS}))
    cohort = Cohort(mentees, mentors, ("student",), ("student",), capacity, parents=parents, rejected=rejected)
    return cohort, weights


@SETTINGS
@given(cohorts(), st.sampled_from([0.0, 0.0, 3.0]), st.sampled_from([BEST_TOTAL, MOST_MENTEES]))
def test_suggestions_keep_every_rule(case, min_score, strategy):
    cohort, weights = case
    result = match(cohort, weights, min_score=min_score, strategy=strategy)
    given_to = {}
    for suggestion in result.suggestions:
        mentee, mentor = suggestion.mentee, suggestion.mentor
        assert mentee.consent and mentor.consent
        assert mentee.category == "student" and mentor.category == "student"
        assert mentee.participant_id != mentor.participant_id
        assert (mentor.participant_id, mentee.participant_id) not in cohort.parents
        assert (mentee.participant_id, mentor.participant_id) not in cohort.rejected
        assert suggestion.score > 0 and suggestion.score >= min_score and suggestion.reasons
        assert mentee.participant_id not in given_to
        given_to[mentee.participant_id] = mentor.participant_id
    for mentor in cohort.mentors:
        assert list(given_to.values()).count(mentor.participant_id) <= max(mentor.places, 0)
        assert mentor.load + list(given_to.values()).count(mentor.participant_id) <= cohort.capacity
    # One role per person: nobody mentors and is mentored, so no "both ways" and no chains.
    assert not set(given_to) & set(given_to.values())
    # Everyone is either suggested or told why not.
    assert {p.participant_id for p in cohort.mentees} == set(given_to) | {
        u.mentee.participant_id for u in result.unmatched
    }


@settings(SETTINGS, max_examples=150)
@given(cohorts(), st.sampled_from([BEST_TOTAL, MOST_MENTEES]))
def test_suggestions_are_the_optimum_of_the_cohort(case, strategy):
    cohort, weights = case
    result = match(cohort, weights, strategy=strategy)
    row = {person.participant_id: i for i, person in enumerate(cohort.mentees)}
    column = {person.participant_id: j for j, person in enumerate(cohort.mentors)}
    total = sum(
        result.scores[row[s.mentee.participant_id], column[s.mentor.participant_id]] for s in result.suggestions
    )
    places = [mentor.places for mentor in cohort.mentors]
    same = {i: column[p.participant_id] for i, p in enumerate(cohort.mentees) if p.participant_id in column}
    count, optimum = (
        brute_force(result.scores, result.allowed, places, same=same, most_mentees=strategy == MOST_MENTEES)
        if cohort.mentors
        else (0, 0.0)
    )
    assert len(result.suggestions) == count
    assert total == pytest.approx(optimum, abs=1e-9)
