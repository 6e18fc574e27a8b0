"""The matching takes the intake answers and the preferences after the group meeting."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from mentoring.pairs.matching import program_matching
from monitoring.models import Questionnaire
from tests.mentoring.factories import (
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    ProgramFactory,
    consented,
)
from tests.monitoring.factories import TODAY, answer, campaign, questionnaire

Purpose = Questionnaire.Purpose
OPENS = datetime.date(2026, 9, 10)
CLOSES = TODAY + datetime.timedelta(days=30)


@pytest.fixture
def program(world):
    return ProgramFactory(organization=world.a.organization)


def pupil(world, grade, last_name, **entry):
    person = consented(
        ParticipantFactory(
            organization=world.a.organization,
            last_name=last_name,
            class_name=f"{grade}А",
            birth_date=datetime.date(2026 - 6 - grade, 3, 1),
        )
    )
    return person


@pytest.fixture
def cohort(world):
    """One mentee and two mentors of the same grade (2 points each); Борисов shares one of two
    interests (+1.5), so he wins without preferences."""
    mentee = pupil(world, 6, "Иванова")
    MenteeEntryFactory(participant=mentee, interests="шахматы, футбол", key_request="")
    first = pupil(world, 9, "Андреев")
    MentorEntryFactory(participant=first, interests="театр, музыка", competencies="")
    second = pupil(world, 9, "Борисов")
    MentorEntryFactory(participant=second, interests="шахматы, театр", competencies="")
    return mentee, first, second


def suggestion_for(program, mentee):
    with translation.override("ru"):
        matching = program_matching(program, TODAY)
    return next(s for s in matching.suggestions if s.mentee.participant_id == mentee.pk)


def preference_campaign(world, program, audience, people):
    made = questionnaire(
        world.a.organization,
        purpose=Purpose.PREFERENCE,
        audience=audience,
        questions=[("people", "С кем вы хотели бы работать?", {})],
    )
    return campaign(
        world.a.organization, questionnaire_=made, people=people, program=program, opens_on=OPENS, closes_on=CLOSES
    )


def test_the_mentees_preference_changes_the_suggestion(client, world, program, cohort):
    mentee, first, second = cohort
    assert suggestion_for(program, mentee).mentor.participant_id == second.pk
    made = preference_campaign(world, program, "mentee", [mentee])
    invitation = made.invitations.get()
    url = reverse("answer", kwargs={"key": invitation.key, "secret": invitation.secret})
    page = client.get(url).content.decode()
    # The choice is offered between the program's mentors, by last and first name.
    assert f"{first.last_name} {first.first_name}" in page and f"{second.last_name} {second.first_name}" in page
    field = f"q{made.questionnaire.questions.get().pk}"
    assert client.post(url, {field: [str(first.pk)]}).status_code == 302
    chosen = suggestion_for(program, mentee)
    assert chosen.mentor.participant_id == first.pk
    assert chosen.score == 2 + 3  # the grade, and one side's half of the default weight 6
    assert [reason.text for reason in chosen.reasons] == [
        "наставник учится в 9 классе, наставляемый — в 6 классе",
        "наставляемый выбрал этого наставника после групповой встречи",
    ]


def test_a_mutual_choice_counts_in_full(world, program, cohort):
    mentee, first, _second = cohort
    answer(
        preference_campaign(world, program, "mentee", [mentee]), mentee, {"С кем вы хотели бы работать?": [first.pk]}
    )
    answer(preference_campaign(world, program, "mentor", [first]), first, {"С кем вы хотели бы работать?": [mentee.pk]})
    chosen = suggestion_for(program, mentee)
    assert chosen.mentor.participant_id == first.pk and chosen.score == 2 + 6
    assert chosen.reasons[-1].text == "они выбрали друг друга после групповой встречи"


def test_preferences_of_another_program_do_not_count(world, program, cohort):
    mentee, first, second = cohort
    other = ProgramFactory(organization=world.a.organization)
    answer(preference_campaign(world, other, "mentee", [mentee]), mentee, {"С кем вы хотели бы работать?": [first.pk]})
    assert suggestion_for(program, mentee).mentor.participant_id == second.pk


def test_intake_answers_add_interests_and_requests(world, program, cohort):
    mentee, first, _second = cohort
    intake_mentee = questionnaire(
        world.a.organization,
        purpose=Purpose.INTAKE_MENTEE,
        questions=[
            ("multiple", "Увлечения", {"options": ["Робототехника", "Музыка"], "matching": "interests"}),
            ("text", "Запрос", {"matching": "competencies"}),
        ],
    )
    intake_mentor = questionnaire(
        world.a.organization,
        purpose=Purpose.INTAKE_MENTOR,
        audience="mentor",
        questions=[
            ("multiple", "Увлечения", {"options": ["Робототехника", "Музыка"], "matching": "interests"}),
            ("text", "Чем помогу", {"matching": "competencies"}),
        ],
    )
    to_mentees = campaign(
        world.a.organization, questionnaire_=intake_mentee, people=[mentee], opens_on=OPENS, closes_on=CLOSES
    )
    to_mentors = campaign(
        world.a.organization, questionnaire_=intake_mentor, people=[first], opens_on=OPENS, closes_on=CLOSES
    )
    answer(to_mentees, mentee, {"Увлечения": ["Робототехника", "Музыка"], "Запрос": "олимпиада по физике"})
    answer(to_mentors, first, {"Увлечения": ["Робототехника", "Музыка"], "Чем помогу": "физика, олимпиады"})
    chosen = suggestion_for(program, mentee)
    assert chosen.mentor.participant_id == first.pk
    texts = [reason.text for reason in chosen.reasons]
    assert texts[0] == "общие интересы: робототехника, музыка"
    assert texts[1].startswith("компетенции наставника отвечают запросу: олимпиада, физика")


def test_intake_of_another_year_does_not_count(world, program, cohort):
    mentee, first, second = cohort
    intake = questionnaire(
        world.a.organization,
        purpose=Purpose.INTAKE_MENTOR,
        audience="mentor",
        questions=[("text", "Увлечения", {"matching": "interests"})],
    )
    old = campaign(
        world.a.organization,
        questionnaire_=intake,
        people=[first],
        opens_on=datetime.date(2025, 9, 10),
        closes_on=CLOSES,
    )
    answer(old, first, {"Увлечения": "шахматы шахматы"})
    assert suggestion_for(program, mentee).mentor.participant_id == second.pk


def test_only_the_programs_people_may_be_chosen(client, world, program, cohort):
    mentee, first, _second = cohort
    stranger = pupil(world, 9, "Посторонний")  # no registry entry: not a candidate of the program
    foreign = ParticipantFactory(organization=world.b.organization, last_name="Чужой")
    made = preference_campaign(world, program, "mentee", [mentee])
    invitation = made.invitations.get()
    url = reverse("answer", kwargs={"key": invitation.key, "secret": invitation.secret})
    page = client.get(url).content.decode()
    assert "Посторонний" not in page and "Чужой" not in page and "Иванова" not in page
    field = f"q{made.questionnaire.questions.get().pk}"
    for forged in (stranger.pk, foreign.pk, mentee.pk):
        response = client.post(url, {field: [str(first.pk), str(forged)]})
        assert response.status_code == 200 and "Выберите корректный вариант" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.answered_at is None
