"""Matching suggestions: the criteria, the hard filters, the assignment and the curator's page."""

import datetime

import numpy as np
import pytest
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from accounts.models import Organization, Role
from mentoring.models import (
    Consent,
    MatchingExclusion,
    MatchingRun,
    MentoringForm,
    MentoringUnit,
    UnitMentee,
)
from mentoring.pairs.matching import (
    DEFAULT_WEIGHTS,
    Cohort,
    Person,
    age_fit,
    assign,
    criteria_matrices,
    grade_fit,
    load_cohort,
    match,
    program_matching,
    same_partner,
    weights_of,
    word_overlap,
    words_of,
)
from tests.helpers import count_queries
from tests.mentoring.factories import (
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    PartnerFactory,
    ProgramFactory,
    StaffFactory,
    consented,
    make_unit,
)

TODAY = datetime.date.today()
START = datetime.date(2026, 9, 1)


def mentee(pid=1, **kwargs) -> Person:
    return Person(participant_id=pid, name=f"Наставляемый {pid}", category="student", **kwargs)


def mentor(pid=100, places=2, **kwargs) -> Person:
    return Person(participant_id=pid, name=f"Наставник {pid}", category="student", places=places, **kwargs)


def cohort(mentees, mentors, **kwargs) -> Cohort:
    return Cohort(mentees, mentors, ("student",), ("student",), 2, **kwargs)


# --- The criteria -----------------------------------------------------------------------------


def test_words_are_compared_by_dictionary_form_without_function_and_generic_words():
    assert set(words_of("Шахматы и ХИМИЯ, для себя; ёлки")) == set(words_of("шахматами, химии, елка"))
    assert words_of("и в на для что это очень") == {}
    assert words_of("Шахматами") == {"шахматы": "шахматы"}
    assert words_of("подготовка к ОГЭ по русскому языку") == {"огэ": "ОГЭ", "русский": "русский"}


def test_interests_overlap_over_the_shorter_list():
    people = [mentee(1, interests="шахматы, футбол"), mentee(2, interests="театр"), mentee(3)]
    mentors = [mentor(100, interests="шахматы, робототехника, театр, музыка")]
    overlap = word_overlap(people, "interests", mentors, "interests")
    assert overlap[:, 0].tolist() == [0.5, 1.0, 0.0]


def test_competencies_against_the_request():
    people = [mentee(1, text="Подготовка к олимпиаде по химии")]
    mentors = [
        mentor(100, text="олимпиада по химии, подготовка"),
        mentor(101, text="подготовка к олимпиаде по истории"),
        mentor(102, text="футбол"),
    ]
    values = criteria_matrices(cohort(people, mentors))["competencies"][0]
    # «подготовка» says nothing: «олимпиада» and «химия» both meet, «олимпиада» alone half.
    assert values.tolist() == [1.0, 0.5, 0.0]


def test_age_in_range_is_best_and_falls_off_outside():
    people = [mentee(1, age=12), mentee(2, age=15), mentee(3, age=17), mentee(4)]
    mentors = [mentor(100, desired_age_min=10, desired_age_max=14), mentor(101, desired_age_max=13), mentor(102)]
    fit = age_fit(people, mentors)
    assert fit[:, 0].tolist() == pytest.approx([1.0, 2 / 3, 0.0, 0.0])
    assert fit[:, 1].tolist() == pytest.approx([1.0, 1 / 3, 0.0, 0.0])
    assert fit[:, 2].tolist() == [0.0] * 4


def test_class_distance_prefers_an_older_mentor_by_one_to_four_grades():
    people = [mentee(1, grade=6), mentee(2)]
    mentors = [mentor(100 + g, grade=g) for g in (5, 6, 7, 10, 11, 12)] + [mentor(200)]
    fit = grade_fit(people, mentors)
    assert fit[0].tolist() == [0.0, 0.0, 1.0, 1.0, 0.5, 0.5, 0.0]
    assert fit[1].tolist() == [0.0] * 7


def test_same_partner():
    people = [mentee(1, partner_id=7), mentee(2)]
    mentors = [mentor(100, partner_id=7), mentor(101, partner_id=8), mentor(102)]
    assert same_partner(people, mentors).tolist() == [[1, 0, 0], [0, 0, 0]]


def test_same_subject_counts_as_the_partner_criterion_without_the_generic_words():
    people = [mentee(1, position="учитель математики"), mentee(2, position="учитель истории")]
    mentors = [mentor(100, position="Учитель математики и информатики"), mentor(101, position="учитель русского языка")]
    subject = criteria_matrices(cohort(people, mentors))["partner"]
    assert subject[:, 0].tolist() == [1.0, 0.0]
    english = criteria_matrices(cohort([mentee(3, position="учитель английского языка")], mentors))["partner"]
    assert english.tolist() == [[0.0, 0.0]]


def test_weights_fall_back_to_the_defaults_and_stay_in_range():
    assert weights_of(None) == {key: float(value) for key, value in DEFAULT_WEIGHTS.items()}
    weights = weights_of({"interests": "x", "age": -3, "grade": 40, "partner": 0})
    assert weights["interests"] == DEFAULT_WEIGHTS["interests"]
    assert (weights["age"], weights["grade"], weights["partner"]) == (0, 10, 0)


def test_score_is_the_weighted_sum_and_reasons_say_why():
    people = [mentee(1, interests="шахматы", text="олимпиада по химии", age=12, grade=6)]
    mentors = [mentor(100, interests="шахматы", text="химия", desired_age_min=11, desired_age_max=13, grade=9)]
    weights = {"interests": 1, "competencies": 2, "age": 3, "grade": 4, "partner": 5}
    with translation.override("ru"):
        result = match(cohort(people, mentors), weights)
    [suggestion] = result.suggestions
    # «олимпиада по химии» against «химия»: one common word over the shorter text counts in full.
    assert suggestion.score == 1 + 2 + 3 + 4
    texts = [reason.text for reason in suggestion.reasons]
    assert texts == [
        "общие интересы: шахматы",
        "компетенции наставника отвечают запросу: химия",
        "возраст 12 — в диапазоне, который хочет наставник (11–13)",
        "наставник учится в 9 классе, наставляемый — в 6 классе",
    ]


def test_zero_weight_switches_a_criterion_off():
    people = [mentee(1, interests="шахматы")]
    mentors = [mentor(100, interests="шахматы")]
    assert match(cohort(people, mentors), {**DEFAULT_WEIGHTS, "interests": 0}).suggestions == []


# --- The assignment ---------------------------------------------------------------------------


def test_one_strong_match_beats_two_weak_ones():
    # A and B both want X (3 and 1); A could also take Y (1). Filling everyone would give 2, the best total is 3.
    scores = np.array([[3.0, 1.0], [1.0, 0.0]])
    allowed = np.array([[True, True], [True, False]])
    assert sorted(assign(scores, allowed, [1, 1])) == [(0, 0)]


def test_capacity_expands_a_mentor_into_places():
    scores = np.array([[5.0, 1.0], [5.0, 1.0], [5.0, 1.0]])
    pairs = assign(scores, np.ones_like(scores, dtype=bool), [2, 5])
    assert sorted(j for _i, j in pairs) == [0, 0, 1]


def test_forbidden_and_zero_score_cells_are_never_assigned():
    scores = np.array([[9.0, 0.0], [0.0, 4.0]])
    allowed = np.array([[False, True], [True, True]])
    assert assign(scores, allowed, [1, 1]) == [(1, 1)]


def test_the_whole_cohort_is_assigned_by_total_not_greedily():
    # The best cell is 1-100 (7); greedy would take it and leave mentee 2 with nothing (total 7).
    # The optimum gives 1-101 (4) and 2-100 (3 + 2 for the age): 9.
    people = [mentee(1, interests="шахматы театр", text="химия"), mentee(2, interests="шахматы театр", age=12)]
    mentors = [
        mentor(100, places=1, interests="шахматы театр", text="химия", desired_age_min=11, desired_age_max=13),
        mentor(101, places=1, text="химия"),
    ]
    result = match(cohort(people, mentors), DEFAULT_WEIGHTS)
    assert {(s.mentee.participant_id, s.mentor.participant_id) for s in result.suggestions} == {(1, 101), (2, 100)}
    assert result.total == 9


def test_mentees_left_without_say_why():
    people = [
        mentee(1, consent=False, interests="шахматы"),
        mentee(2, interests="шахматы"),
        mentee(3, interests="шахматы"),
        mentee(4, interests="футбол"),
    ]
    mentors = [mentor(100, places=1, interests="шахматы")]
    with translation.override("ru"):
        result = match(cohort(people, mentors), DEFAULT_WEIGHTS)
    reasons = {item.mentee.participant_id: (item.reason, item.can_choose) for item in result.unmatched}
    assert reasons[1] == ("нет действующего согласия на обработку персональных данных", False)
    assert reasons[4] == ("ни один допустимый наставник не подходит ни по одному критерию; выберите вручную", True)
    assert len(result.suggestions) == 1
    left = (set(reasons) - {1, 4}).pop()
    assert reasons[left][1] is True
    assert "отданы более удачным парам" in reasons[left][0]


# --- The hard filters on data loaded from the database -----------------------------------------


@pytest.fixture
def program(world):
    return ProgramFactory(organization=world.a.organization)


def pupil(organization, grade: int, *, consent=True, **kwargs):
    person = ParticipantFactory(
        organization=organization, class_name=f"{grade}А", birth_date=datetime.date(2026 - 6 - grade, 3, 1), **kwargs
    )
    return consented(person) if consent else person


def as_mentor(person, **kwargs):
    kwargs = {"interests": "шахматы, театр", "competencies": "подготовка к олимпиадам", **kwargs}
    MentorEntryFactory(participant=person, **kwargs)
    return person


def as_mentee(person, **kwargs):
    kwargs = {"interests": "шахматы", "key_request": "олимпиада по математике", **kwargs}
    MenteeEntryFactory(participant=person, **kwargs)
    return person


def suggested(program, rejected=()) -> set[tuple[int, int]]:
    return {
        (s.mentee.participant_id, s.mentor.participant_id)
        for s in program_matching(program, TODAY, rejected).suggestions
    }


def test_a_fitting_pair_is_suggested(program, world):
    org = world.a.organization
    older, younger = as_mentor(pupil(org, 9)), as_mentee(pupil(org, 6))
    assert suggested(program) == {(younger.pk, older.pk)}


def test_no_consent_on_either_side(program, world):
    org = world.a.organization
    older = as_mentor(pupil(org, 9, consent=False))
    younger = as_mentee(pupil(org, 6))
    result = program_matching(program, TODAY)
    assert result.suggestions == []
    assert [item.mentor.participant_id for item in result.left_out] == [older.pk]
    no_consent = as_mentee(pupil(org, 6, consent=False))
    as_mentor(pupil(org, 10))
    assert no_consent.pk not in {m for m, _ in suggested(program)}
    assert younger.pk in {m for m, _ in suggested(program)}


def test_a_parent_never_gets_his_child(world):
    org = world.a.organization
    program = ProgramFactory(organization=org, form=MentoringForm.objects.get(code="parent-student"))
    parent = as_mentor(
        consented(ParticipantFactory(organization=org, category="parent", birth_date=datetime.date(1985, 1, 1)))
    )
    child = as_mentee(pupil(org, 6))
    child.parents.add(parent)
    other = as_mentee(pupil(org, 6))
    assert suggested(program) == {(other.pk, parent.pk)}


def test_categories_follow_the_form(program, world):
    org = world.a.organization
    as_mentor(consented(StaffFactory(organization=org)))
    as_mentee(pupil(org, 6))
    assert suggested(program) == set()


def test_nobody_is_his_own_mentee(program, world):
    org = world.a.organization
    both = as_mentee(as_mentor(pupil(org, 8)))
    assert (both.pk, both.pk) not in suggested(program)
    assert suggested(program) == set()


def test_capacity_counts_open_units_of_the_form(program, world):
    org = world.a.organization
    older = as_mentor(pupil(org, 9))
    make_unit(program, mentor=older, mentees=[pupil(org, 5)])  # one of two places taken
    first, second = as_mentee(pupil(org, 6)), as_mentee(pupil(org, 7))
    assert len(suggested(program)) == 1
    make_unit(program, mentor=older, mentees=[pupil(org, 5)])  # full now
    with translation.override("ru"):
        result = program_matching(program, TODAY)
    assert result.suggestions == []
    assert [item.reason for item in result.left_out] == ["нет свободных мест: уже 2 из 2 наставляемых в этой форме"]
    assert {item.mentee.participant_id for item in result.unmatched} == {first.pk, second.pk}


def test_a_closed_unit_frees_the_place(program, world):
    org = world.a.organization
    older = as_mentor(pupil(org, 9))
    for _ in range(2):
        make_unit(program, mentor=older, mentees=[pupil(org, 5)], status=MentoringUnit.Status.TERMINATED)
    younger = as_mentee(pupil(org, 6))
    assert suggested(program) == {(younger.pk, older.pk)}


def test_a_mentee_in_an_open_unit_of_the_form_is_left_out(program, world):
    org = world.a.organization
    as_mentor(pupil(org, 9))
    busy = as_mentee(pupil(org, 6))
    make_unit(program, mentees=[busy])
    cohort_ = load_cohort(program, TODAY)
    assert busy.pk not in {person.participant_id for person in cohort_.mentees}


def test_other_organizations_and_years_are_not_candidates(program, world):
    org, foreign = world.a.organization, world.b.organization
    as_mentor(pupil(foreign, 9))
    as_mentor(pupil(org, 9), academic_year=2025)
    as_mentee(pupil(org, 6))
    as_mentee(pupil(foreign, 6))
    assert suggested(program) == set()


def test_rejected_pairs_are_not_suggested_again(program, world):
    org = world.a.organization
    first, second = as_mentor(pupil(org, 9)), as_mentor(pupil(org, 10), interests="футбол")
    younger = as_mentee(pupil(org, 6))
    assert suggested(program) == {(younger.pk, first.pk)}
    assert suggested(program, [(younger.pk, first.pk)]) == {(younger.pk, second.pk)}


def test_partner_and_reasons_from_the_database(program, world):
    org = world.a.organization
    partner = PartnerFactory(organization=org, name="Колледж связи")
    older = as_mentor(pupil(org, 9, partner=partner))
    as_mentee(pupil(org, 6, partner=partner))
    with translation.override("ru"):
        [suggestion] = program_matching(program, TODAY).suggestions
    assert suggestion.mentor.participant_id == older.pk
    assert "одна организация-партнёр: Колледж связи" in [reason.text for reason in suggestion.reasons]


def test_loading_takes_a_fixed_number_of_queries(program, world, django_assert_max_num_queries):
    org = world.a.organization
    for grade in (8, 9, 10):
        as_mentor(pupil(org, grade, partner=PartnerFactory(organization=org)))
    for grade in (5, 6, 7, 5, 6):
        as_mentee(pupil(org, grade))
    # Seven of the registries, rules, pairs not to suggest and ended pairs; one of the
    # questionnaires' answers (monitoring).
    with django_assert_max_num_queries(8):
        result = program_matching(program, TODAY)
    assert len(result.suggestions) == 5


# --- The page -------------------------------------------------------------------------------


@pytest.fixture
def committed(monkeypatch):
    """What waits for the commit runs at once: a test's transaction never commits, and the
    organization's data_version must go up for the page to compute its suggestions again."""
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


@pytest.fixture
def curator(client, world, committed):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def page(client, program, **params):
    return client.get(reverse("matching"), {"program": program.pk, **params})


def post(client, name, program, **data):
    return client.post(reverse(name), {"program": program.pk, **data}, follow=True)


def shown(response) -> set[tuple[int, int]]:
    return set(response.context["result"].pairs)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_page_shows_suggestions_with_score_and_reasons(curator, program, world):
    org = world.a.organization
    older = as_mentor(pupil(org, 9, last_name="Старшеклассникова"))
    as_mentee(pupil(org, 6, last_name="Пятиклассникова"))
    as_mentee(pupil(org, 6, consent=False, last_name="Безсогласия"))
    response = page(curator, program)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Подбор наставников" in content
    assert "Старшеклассникова" in content and "Пятиклассникова" in content
    assert "Общие интересы: шахматы" in content
    assert "Принять все (1)" in content
    assert "Безсогласия" in content
    assert "Нет действующего согласия на обработку персональных данных" in content
    assert older.pk


def test_first_program_is_chosen_without_a_parameter(curator, program):
    response = curator.get(reverse("matching"))
    assert response.status_code == 200
    assert response.context["program"] == program


def test_no_program_yet(curator):
    response = curator.get(reverse("matching"))
    assert "В организации ещё нет программ наставничества" in response.content.decode()


def test_foreign_program_and_people_answer_404(curator, world):
    foreign = ProgramFactory(organization=world.b.organization)
    assert page(curator, foreign).status_code == 404
    own = ProgramFactory(organization=world.a.organization)
    stranger = pupil(world.b.organization, 6)
    local = pupil(world.a.organization, 9)
    response = curator.post(reverse("matching_accept"), {"program": own.pk, "mentee": stranger.pk, "mentor": local.pk})
    assert response.status_code == 404
    response = curator.post(reverse("matching_accept"), {"program": foreign.pk, "mentee": local.pk, "mentor": local.pk})
    assert response.status_code == 404


def test_another_organizations_computation_is_refused(curator, world):
    foreign = ProgramFactory(organization=world.b.organization)
    run = MatchingRun.objects.create(program=foreign, key="x", language="ru", status="done", result={})
    own = ProgramFactory(organization=world.a.organization)
    response = post(curator, "matching_accept_all", own, run=run.pk, scope="all")
    assert "Предложения рассчитаны заново: просмотрите их и примите ещё раз." in messages_of(response)
    assert not MentoringUnit.objects.exists()
    assert curator.get(reverse("matching_run_progress", args=[run.pk])).status_code == 404


def test_accept_creates_a_draft_pair_and_the_row_goes(curator, program, world):
    org = world.a.organization
    older, younger = as_mentor(pupil(org, 9)), as_mentee(pupil(org, 6))
    assert shown(page(curator, program)) == {(younger.pk, older.pk)}
    response = post(curator, "matching_accept", program, mentee=younger.pk, mentor=older.pk)
    unit = MentoringUnit.objects.get()
    assert (unit.program, unit.mentor, unit.status, unit.kind) == (program, older, "draft", "pair")
    assert list(unit.mentees.values_list("mentee", flat=True)) == [younger.pk]
    assert f"Черновик пары «{older.full_name} — {younger.full_name}» создан." in messages_of(response)
    # The organization's data changed: the page computed its suggestions again, without the pair.
    assert response.context["result"].suggestions == []


def test_accept_that_breaks_a_rule_shows_why(curator, program, world):
    org = world.a.organization
    older, younger = as_mentor(pupil(org, 9)), as_mentee(pupil(org, 6, consent=False))
    response = post(curator, "matching_accept", program, mentee=younger.pk, mentor=older.pk)
    assert not MentoringUnit.objects.exists()
    assert "нет действующего согласия на обработку персональных данных" in response.content.decode()


def test_edit_offers_the_other_allowed_mentors_with_scores(curator, program, world):
    org = world.a.organization
    best = as_mentor(pupil(org, 9, last_name="Лучшая"))
    other = as_mentor(pupil(org, 10, last_name="Другая"), interests="футбол")
    as_mentor(pupil(org, 10, consent=False, last_name="Безсогласия"))
    younger = as_mentee(pupil(org, 6))
    response = page(curator, program, edit=younger.pk)
    options = response.context["options"]
    assert [option.mentor.participant_id for option in options] == [best.pk, other.pk]
    assert options[0].suggested and options[0].score > options[1].score
    content = response.content.decode()
    assert 'data-testid="choose"' in content and "Безсогласия —" not in content
    post(curator, "matching_accept", program, mentee=younger.pk, mentor=other.pk)
    assert MentoringUnit.objects.get().mentor == other


def test_do_not_suggest_is_kept_with_who_and_why_and_can_be_taken_back(curator, program, world):
    org = world.a.organization
    first = as_mentor(pupil(org, 9))
    second = as_mentor(pupil(org, 10), interests="футбол")
    younger = as_mentee(pupil(org, 6))
    response = page(curator, program, reject=younger.pk)
    assert 'data-testid="reject"' in response.content.decode()
    response = post(curator, "matching_reject", program, mentee=younger.pk, mentor=first.pk, reason="Живут далеко")
    exclusion = MatchingExclusion.objects.get()
    assert (exclusion.mentee, exclusion.mentor, exclusion.reason) == (younger, first, "Живут далеко")
    assert exclusion.created_by == world.a.users[Role.CURATOR] and exclusion.organization == org
    assert f"Пара «{first.full_name} — {younger.full_name}» больше не будет предлагаться." in messages_of(response)
    assert shown(response) == {(younger.pk, second.pk)}
    content = response.content.decode()
    assert "Пары, которые не предлагаются: 1" in content and "Живут далеко" in content
    # Kept in the database: another program of the organization and another session skip it too.
    other_program = ProgramFactory(organization=org)
    assert shown(page(curator, other_program)) == {(younger.pk, second.pk)}
    response = post(curator, "matching_reject", program, mentee=younger.pk, mentor=second.pk, reason="Конфликт")
    assert response.context["result"].suggestions == []
    response = post(curator, "matching_restore", program, exclusion=exclusion.pk)
    assert f"Пару «{first.full_name} — {younger.full_name}» можно снова предлагать." in messages_of(response)
    assert shown(response) == {(younger.pk, first.pk)}
    assert list(MatchingExclusion.objects.values_list("mentor", flat=True)) == [second.pk]


def test_do_not_suggest_needs_a_reason_next_to_its_field(curator, program, world):
    org = world.a.organization
    older, younger = as_mentor(pupil(org, 9)), as_mentee(pupil(org, 6))
    response = curator.post(
        reverse("matching_reject"), {"program": program.pk, "mentee": younger.pk, "mentor": older.pk, "reason": " "}
    )
    assert response.status_code == 200
    assert response.context["reject_form"].errors["reason"] == ["Напишите, почему эта пара не подходит."]
    assert "Напишите, почему эта пара не подходит." in response.content.decode()
    assert not MatchingExclusion.objects.exists()


def accept_all(client, program, run, **data):
    return post(client, "matching_accept_all", program, run=run.pk, scope="all", **data)


def test_accept_all_takes_the_computation_and_reports_the_failures(curator, program, world):
    org = world.a.organization
    older = as_mentor(pupil(org, 9))
    another = as_mentor(pupil(org, 10))
    first, second = as_mentee(pupil(org, 6)), as_mentee(pupil(org, 7))
    response = page(curator, program)
    run = response.context["run"]
    assert len(shown(response)) == 2
    # The consent of one of them ends after the computation: the rules are checked again.
    broken = next(mentee for mentee, _mentor in shown(response) if mentee == second.pk)
    Consent.objects.filter(participant=broken).delete()
    response = accept_all(curator, program, run)
    assert MentoringUnit.objects.count() == 1
    assert "Создано черновиков пар и групп: 1." in messages_of(response)
    assert any(second.full_name in message and "согласия" in message for message in messages_of(response))
    assert {older.pk, another.pk} >= set(MentoringUnit.objects.values_list("mentor", flat=True))
    assert first.pk in UnitMentee.objects.values_list("mentee", flat=True)


def test_accept_all_as_groups(curator, program, world):
    org = world.a.organization
    older = as_mentor(pupil(org, 9))
    first, second = as_mentee(pupil(org, 6)), as_mentee(pupil(org, 7))
    run = page(curator, program).context["run"]
    accept_all(curator, program, run, as_groups="on")
    unit = MentoringUnit.objects.get()
    assert (unit.kind, unit.mentor) == ("group", older)
    assert set(UnitMentee.objects.values_list("mentee", flat=True)) == {first.pk, second.pk}


def test_the_ticked_suggestions_post_as_one_field_or_one_per_tick(curator, program, world):
    org = world.a.organization
    for grade in (8, 9, 10):
        as_mentor(pupil(org, grade))
    mentees = [as_mentee(pupil(org, grade)) for grade in (5, 6, 7)]
    run = page(curator, program).context["run"]
    response = post(
        curator,
        "matching_accept_all",
        program,
        run=run.pk,
        scope="selected",
        mentees=f"{mentees[0].pk},{mentees[1].pk}",
    )
    assert set(UnitMentee.objects.values_list("mentee", flat=True)) == {mentees[0].pk, mentees[1].pk}
    assert "Создано черновиков пар и групп: 2." in messages_of(response)
    run = response.context["run"]
    post(curator, "matching_accept_all", program, run=run.pk, scope="selected", mentee=[mentees[2].pk])
    assert UnitMentee.objects.count() == 3


def test_a_selection_refuses_ticks_that_are_not_suggestions(curator, program, world):
    org = world.a.organization
    as_mentor(pupil(org, 9))
    younger, stranger = as_mentee(pupil(org, 6)), pupil(org, 7)
    run = page(curator, program).context["run"]
    response = post(curator, "matching_accept_all", program, run=run.pk, scope="selected", mentees="")
    assert "Отметьте предложения, которые нужно принять." in messages_of(response)
    for value in (f"{younger.pk},{stranger.pk}", f"{younger.pk},abc"):
        response = post(curator, "matching_accept_all", program, run=run.pk, scope="selected", mentees=value)
        assert any("не входит в предложения" in message for message in messages_of(response))
    assert not MentoringUnit.objects.exists()


def test_accept_all_without_a_finished_computation(curator, program, world):
    response = post(curator, "matching_accept_all", program, scope="all")
    assert "Предложения ещё не рассчитаны: дождитесь их и повторите." in messages_of(response)
    queued = MatchingRun.objects.create(program=program, key="x", language="ru")
    response = post(curator, "matching_accept_all", program, run=queued.pk, scope="all")
    assert "Предложения ещё не рассчитаны: дождитесь их и повторите." in messages_of(response)


def test_weights_are_saved_per_program(curator, program):
    weights = {"interests": 5, "competencies": 0, "age": 1, "grade": 2, "partner": 3, "preference": 6}
    response = post(curator, "matching_weights", program, **weights)
    program.refresh_from_db()
    assert program.matching_weights == weights
    assert "Веса критериев сохранены" in response.content.decode()


def test_a_wrong_weight_shows_next_to_its_field(curator, program):
    response = curator.post(
        reverse("matching_weights"),
        {"program": program.pk, "interests": 11, "competencies": 1, "age": 1, "grade": 1, "partner": 1},
    )
    assert response.status_code == 200
    assert "Убедитесь, что это значение меньше либо равно 10." in response.content.decode()
    program.refresh_from_db()
    assert program.matching_weights["interests"] == DEFAULT_WEIGHTS["interests"]


def test_a_wrong_parameter_shows_next_to_its_field_and_computes_nothing(curator, program):
    response = page(curator, program, min_score="-1", strategy="greedy")
    assert response.status_code == 200
    form = response.context["params_form"]
    assert form.errors["min_score"] == ["Убедитесь, что это значение больше либо равно 0."]
    assert "strategy" in form.errors
    assert "run" not in response.context
    assert not MatchingRun.objects.exists()
    assert "Исправьте параметры подбора" in response.content.decode()


def test_posts_without_a_program_go_back_to_the_page(curator):
    names = (
        "matching_accept",
        "matching_accept_all",
        "matching_reject",
        "matching_restore",
        "matching_weights",
        "matching_compute",
    )
    for name in names:
        response = curator.post(reverse(name))
        assert response.status_code == 302 and response["Location"] == reverse("matching"), name


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.MENTOR, Role.MENTEE, Role.COORDINATOR])
def test_only_the_curator_matches(client, world, role):
    program = ProgramFactory(organization=world.a.organization)
    client.force_login(world.a.users[role])
    assert client.get(reverse("matching"), {"program": program.pk}).status_code == 403
    assert client.post(reverse("matching_accept"), {"program": program.pk}).status_code == 403
    assert client.post(reverse("matching_weights"), {"program": program.pk}).status_code == 403


def test_page_query_count_does_not_grow_with_the_cohort(curator, program, world):
    """Both ways of showing the page: computing afresh (a small cohort, in the request) and from
    the kept computation."""
    org = world.a.organization
    as_mentor(pupil(org, 9))
    as_mentee(pupil(org, 6))
    younger = as_mentee(pupil(org, 5))

    def computed_afresh():
        Organization.objects.filter(pk=org.pk).update(data_version=F("data_version") + 1)
        return count_queries(lambda: page(curator, program, edit=younger.pk))

    def kept():
        return count_queries(lambda: page(curator, program, edit=younger.pk))

    computed_afresh()
    before = computed_afresh()[0], kept()[0]
    partner = PartnerFactory(organization=org)
    for grade in (8, 9, 10, 11):
        as_mentor(pupil(org, grade, partner=partner))
    for grade in (5, 6, 7, 5, 6, 7):
        as_mentee(pupil(org, grade, partner=partner))
    as_mentee(pupil(org, 6, consent=False))
    make_unit(program, mentor=as_mentor(pupil(org, 10)))
    fresh, response = computed_afresh()
    assert response.status_code == 200 and len(response.context["result"].suggestions) > 5
    assert (fresh, kept()[0]) == before
