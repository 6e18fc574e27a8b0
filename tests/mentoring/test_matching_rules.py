"""What the matching must never suggest, how it decides ties, and the curator's two aims: one role
per person in a form, ended pairs that did not get on, the mentor's own limit, the minimum score,
«as many mentees as possible»."""

import datetime

import numpy as np
import pytest
from django.utils import translation

from mentoring.models import MentoringForm, MentoringUnit
from mentoring.pairs.matching import (
    BEST_TOTAL,
    MOST_MENTEES,
    Cohort,
    Person,
    assign,
    match,
    means_incompatibility,
    program_matching,
    suggestions_accept,
)
from mentoring.pairs.services import mentee_leave, unit_terminate
from tests.mentoring.factories import (
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    ProgramFactory,
    consented,
    make_unit,
)

TODAY = datetime.date.today()


def person(pid, **kwargs) -> Person:
    return Person(participant_id=pid, name=f"Участник {pid}", category="student", **kwargs)


def pairs_of(result) -> set[tuple[int, int]]:
    return {(s.mentee.participant_id, s.mentor.participant_id) for s in result.suggestions}


# --- One role per person in a form --------------------------------------------------------------


def test_two_pupils_are_never_suggested_both_ways():
    # A and B are on both lists and would each gain most by mentoring the other.
    same = {"interests": "шахматы театр", "grade": 8}
    mentees = [person(1, **same), person(2, **same)]
    mentors = [person(1, places=1, **same), person(2, places=1, **same)]
    result = match(Cohort(mentees, mentors, ("student",), ("student",), 1), {"interests": 3})
    assert len(result.suggestions) == 1
    [suggestion] = result.suggestions
    assert suggestion.mentee.participant_id != suggestion.mentor.participant_id
    with translation.override("ru"):
        result = match(Cohort(mentees, mentors, ("student",), ("student",), 1), {"interests": 3})
    [left] = result.unmatched
    assert left.reason == "предложен наставником в этой форме: у одного человека одна роль"
    assert [item.reason for item in result.left_out] == [
        "предложен наставляемым в этой форме: у одного человека одна роль"
    ]


def test_the_reasons_of_one_role_agree_with_a_girls_gender():
    same = {"interests": "шахматы театр", "grade": 8}
    mentees = [person(1, gender="female", **same), person(2, gender="female", **same)]
    mentors = [person(1, places=1, gender="female", **same), person(2, places=1, gender="female", **same)]
    with translation.override("ru"):
        result = match(Cohort(mentees, mentors, ("student",), ("student",), 1), {"interests": 3})
    [left] = result.unmatched
    assert left.reason == "предложена наставником в этой форме: у одного человека одна роль"
    assert [item.reason for item in result.left_out] == [
        "предложена наставляемым в этой форме: у одного человека одна роль"
    ]


def test_no_chains_and_the_best_roles_are_found():
    # Person 2 is on both lists. Unconstrained, 1 mentors 2 (4) and 2 mentors 3 (5): a chain. With
    # 2 a mentor only, 2 mentors 3 (5); with 2 a mentee only, 1 mentors 2 (4) and 4 mentors 3 (3): 7.
    scores = np.array([[4.0, 0.0, 0.0], [0.0, 5.0, 3.0]])  # mentees 2, 3; mentors 1, 2, 4
    pairs = assign(scores, np.ones_like(scores, dtype=bool), [1, 1, 1], same_person={0: 1})
    assert pairs == [(0, 0), (1, 2)]


def test_a_mentee_of_an_open_pair_is_not_a_mentor_in_the_form_and_back(world):
    org = world.a.organization
    program = ProgramFactory(organization=org)
    helped = pupil(org, 8, mentor=True)
    make_unit(program, mentees=[helped])  # a mentee in this form already
    helping = pupil(org, 7, mentee=True)
    make_unit(program, mentor=helping, mentees=[pupil(org, 5)])  # a mentor in this form already
    young = pupil(org, 5, mentee=True)
    old = pupil(org, 10, mentor=True)
    with translation.override("ru"):
        result = program_matching(program, TODAY)
    assert pairs_of(result) == {(young.pk, old.pk)}
    reasons = {item.mentor.participant_id: item.reason for item in result.left_out}
    assert reasons[helped.pk] == "уже наставляемый в паре или группе этой формы: у одного человека одна роль"
    reasons = {item.mentee.participant_id: item.reason for item in result.unmatched}
    assert reasons[helping.pk] == "уже наставник в паре или группе этой формы: у одного человека одна роль"


def test_accepting_refuses_a_chain_in_the_form(world):
    org = world.a.organization
    program = ProgramFactory(organization=org)
    a, b, c = (pupil(org, grade, mentor=True, mentee=True) for grade in (10, 8, 6))
    accepted = suggestions_accept(program=program, pairs=[(b.pk, a.pk), (c.pk, b.pk)], by=world.a.users["curator"])
    assert len(accepted.units) == 1
    [(who, problems)] = accepted.failures
    assert b.full_name in who
    assert any("не может быть в ней наставником" in problem for problem in problems)


# --- Ended pairs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "reason",
    [
        "Не сложилось общение",
        "общение не сложилось, наставляемый перестал приходить",
        "Психологическая несовместимость",
        "конфликт между наставником и наставляемым",
        "не смогли найти общий язык",
        "Не сошлись характерами",
    ],
)
def test_reasons_that_mean_the_two_did_not_get_on(reason):
    assert means_incompatibility(reason)


@pytest.mark.parametrize(
    "reason",
    ["Переезд в другой город", "согласие на обработку персональных данных отозвано", "болезнь", "окончил школу"],
)
def test_other_reasons_do_not(reason):
    assert not means_incompatibility(reason)


def test_an_ended_pair_that_did_not_get_on_is_not_suggested_again(world):
    org = world.a.organization
    program = ProgramFactory(organization=org)
    curator = world.a.users["curator"]
    first, second = pupil(org, 9, mentor=True), pupil(org, 10, mentor=True, interests="футбол")
    young = pupil(org, 6, mentee=True)
    unit = make_unit(program, mentor=first, mentees=[young], status=MentoringUnit.Status.ACTIVE)
    unit_terminate(unit=unit, by=curator, on=TODAY, reason="Не сложилось общение")
    assert pairs_of(program_matching(program, TODAY)) == {(young.pk, second.pk)}


def test_a_mentee_who_left_a_group_for_good_reason_gets_the_mentor_again(world):
    org = world.a.organization
    program = ProgramFactory(organization=org)
    curator = world.a.users["curator"]
    mentor = pupil(org, 9, mentor=True)
    young, other = pupil(org, 6, mentee=True), pupil(org, 6)
    unit = make_unit(program, mentor=mentor, mentees=[young, other], status=MentoringUnit.Status.ACTIVE)
    mentee_leave(unit=unit, mentee=young, on=TODAY, reason="Переезд в другой район", by=curator)
    assert pairs_of(program_matching(program, TODAY)) == {(young.pk, mentor.pk)}
    mentee_leave(unit=unit, mentee=other, on=TODAY, reason="конфликт с наставником", by=curator)
    MenteeEntryFactory(participant=other, interests="шахматы", key_request="олимпиада по математике")
    assert (other.pk, mentor.pk) not in pairs_of(program_matching(program, TODAY))


# --- Ties -------------------------------------------------------------------------------------


def test_equal_scores_go_to_whoever_has_waited_longest_not_the_alphabet():
    # Абрамова comes first by the alphabet but entered the registry later.
    early = person(2, interests="шахматы", entered_on=datetime.date(2026, 9, 1))
    early.name = "Яковлева Мария"
    late = person(1, interests="шахматы", entered_on=datetime.date(2026, 9, 20))
    late.name = "Абрамова Анна"
    mentor = person(100, places=1, interests="шахматы")
    cohort = Cohort([late, early], [mentor], ("student",), ("student",), 1)
    assert pairs_of(match(cohort, {"interests": 3})) == {(2, 100)}
    # The same for mentors: the one who entered earlier takes the mentee.
    first = person(101, places=1, interests="шахматы", entered_on=datetime.date(2026, 9, 2))
    first.name = "Яшин Олег"
    second = person(102, places=1, interests="шахматы", entered_on=datetime.date(2026, 9, 5))
    second.name = "Абрамов Павел"
    cohort = Cohort([early], [second, first], ("student",), ("student",), 1)
    assert pairs_of(match(cohort, {"interests": 3})) == {(2, 101)}


def test_equal_dates_go_to_the_earlier_record_whatever_the_order_of_the_lists():
    day = datetime.date(2026, 9, 1)
    mentees = [person(pid, interests="шахматы", entered_on=day) for pid in (7, 3, 5)]
    mentor = person(100, places=1, interests="шахматы")
    for order in (mentees, mentees[::-1]):
        assert pairs_of(match(Cohort(list(order), [mentor], ("student",), ("student",), 1), {"interests": 3})) == {
            (3, 100)
        }


def test_a_tie_never_costs_a_point():
    # Waiting longest never outweighs a better total (by even a hundredth).
    early = person(1, interests="шахматы театр", entered_on=datetime.date(2026, 9, 1))
    late = person(2, interests="шахматы", entered_on=datetime.date(2026, 9, 30))
    mentor = person(100, places=1, interests="шахматы")
    # Early: 1 common of 1 (shorter) = 3 points; late: the same 3: a tie, the early one wins.
    assert pairs_of(match(Cohort([late, early], [mentor], ("student",), ("student",), 1), {"interests": 3})) == {
        (1, 100)
    }
    scores = np.array([[3.0], [3.01]])
    assert assign(scores, np.ones_like(scores, dtype=bool), [1], row_order=[0, 1]) == [(1, 0)]


def test_ties_from_the_database_follow_the_registry_dates(world):
    org = world.a.organization
    program = ProgramFactory(organization=org)
    mentor = pupil(org, 9, mentor=True, max_mentees=1)
    first = pupil(org, 6, mentee=True, last_name="Яковлева", entered_on=datetime.date(2026, 9, 2))
    pupil(org, 6, mentee=True, last_name="Абрамова", entered_on=datetime.date(2026, 9, 15))
    assert pairs_of(program_matching(program, TODAY)) == {(first.pk, mentor.pk)}


# --- The minimum score and the aim ------------------------------------------------------------


def test_nothing_below_the_minimum_score_is_suggested():
    people = [person(1, interests="шахматы"), person(2, interests="шахматы театр музыка")]
    mentor = person(100, places=2, interests="шахматы театр музыка")
    cohort = Cohort(people, [mentor], ("student",), ("student",), 2)
    assert pairs_of(match(cohort, {"interests": 3})) == {(1, 100), (2, 100)}
    assert pairs_of(match(cohort, {"interests": 3}, min_score=3)) == {(1, 100), (2, 100)}
    people = [person(1, interests="шахматы футбол"), person(2, interests="шахматы театр")]
    cohort = Cohort(people, [person(100, places=2, interests="шахматы театр")], ("student",), ("student",), 2)
    with translation.override("ru"):
        result = match(cohort, {"interests": 3}, min_score=2)
    assert pairs_of(result) == {(2, 100)}
    [left] = result.unmatched
    assert left.can_choose
    assert left.reason == "ни один допустимый наставник не набирает минимальный балл 2; выберите вручную"


def test_most_mentees_trades_score_for_coverage():
    # Mentor X fits A strongly (9) and B (3); mentor Y fits only A, weakly (1). The best total is
    # A-X alone (9 > 1 + 3); as many mentees as possible is A-Y and B-X (4).
    scores = np.array([[9.0, 1.0], [3.0, 0.0]])
    allowed = np.ones_like(scores, dtype=bool)
    assert assign(scores, allowed, [1, 1], strategy=BEST_TOTAL) == [(0, 0)]
    assert assign(scores, allowed, [1, 1], strategy=MOST_MENTEES) == [(0, 1), (1, 0)]


def test_most_mentees_is_a_choice_of_the_matching():
    a = person(1, interests="шахматы театр музыка")
    b = person(2, interests="шахматы")
    x = person(100, places=1, interests="шахматы театр музыка")
    y = person(101, places=1, interests="музыка футбол хоккей")
    cohort = Cohort([a, b], [x, y], ("student",), ("student",), 1)
    weights = {"interests": 9}
    # x is worth 9 to a and 9 to b; y is worth 3 to a and nothing to b.
    best = match(cohort, weights)
    most = match(cohort, weights, strategy=MOST_MENTEES)
    assert pairs_of(most) == {(1, 101), (2, 100)}
    assert len(most.suggestions) >= len(best.suggestions)


# --- The mentor's own limit -------------------------------------------------------------------


def test_a_mentor_takes_no_more_than_his_own_limit(world):
    org = world.a.organization
    program = ProgramFactory(organization=org)  # the form allows 2
    busy = pupil(org, 9, mentor=True, max_mentees=1)
    mentees = [pupil(org, 6, mentee=True) for _ in range(3)]
    result = program_matching(program, TODAY)
    assert [s.mentor.participant_id for s in result.suggestions] == [busy.pk]
    make_unit(program, mentor=busy, mentees=[mentees[0]])
    with translation.override("ru"):
        result = program_matching(program, TODAY)
    assert result.suggestions == []
    assert [item.reason for item in result.left_out] == [
        "нет свободных мест: 1 из 1 наставляемых — предел, указанный в реестре наставников"
    ]


def test_the_own_limit_counts_every_form_and_accepting_checks_it(world):
    org = world.a.organization
    program = ProgramFactory(organization=org)
    other_form = ProgramFactory(
        organization=org,
        form=MentoringForm.objects.create(
            code="pupils-projects",
            name="проектная группа",
            mentor_categories=["student"],
            mentee_categories=["student"],
        ),
    )
    mentor = pupil(org, 9, mentor=True, max_mentees=2)
    make_unit(other_form, mentor=mentor, mentees=[pupil(org, 5)])
    young = [pupil(org, 6, mentee=True) for _ in range(2)]
    assert len(program_matching(program, TODAY).suggestions) == 1
    accepted = suggestions_accept(
        program=program, pairs=[(young[0].pk, mentor.pk), (young[1].pk, mentor.pk)], by=world.a.users["curator"]
    )
    assert len(accepted.units) == 1
    [(_who, problems)] = accepted.failures
    assert any("не более 2 наставляемых" in problem for problem in problems)


def test_the_own_limit_is_on_the_mentor_entry_form(world, client):
    from django.urls import reverse

    from accounts.models import Role

    org = world.a.organization
    mentor = consented(ParticipantFactory(organization=org, class_name="9А", birth_date=datetime.date(2011, 3, 1)))
    client.force_login(world.a.users[Role.CURATOR])
    url = reverse("mentor_entry_create", kwargs={"pk": mentor.pk})
    assert "Наставляемых не более" in client.get(url).content.decode()
    data = {"academic_year": 2026, "entered_on": "01.09.2026", "max_mentees": "0"}
    response = client.post(url, data)
    assert "Убедитесь, что это значение больше либо равно 1." in response.content.decode()
    assert not mentor.mentor_entries.exists()
    client.post(url, {**data, "max_mentees": "1"})
    assert mentor.mentor_entries.get().max_mentees == 1


# --- Helpers ----------------------------------------------------------------------------------


def pupil(organization, grade: int, *, mentor=False, mentee=False, max_mentees=None, entered_on=None, **kwargs):
    interests = kwargs.pop("interests", "шахматы, театр")
    person_ = consented(
        ParticipantFactory(
            organization=organization,
            class_name=f"{grade}А",
            birth_date=datetime.date(2026 - 6 - grade, 3, 1),
            **kwargs,
        )
    )
    dates = {"entered_on": entered_on} if entered_on else {}
    if mentor:
        MentorEntryFactory(
            participant=person_,
            interests=interests,
            competencies="подготовка к олимпиадам",
            max_mentees=max_mentees,
            **dates,
        )
    if mentee:
        MenteeEntryFactory(participant=person_, interests="шахматы", key_request="олимпиада по математике", **dates)
    return person_
