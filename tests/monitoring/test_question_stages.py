"""Questions carry the stage they are asked at: a campaign at the start asks expectations, one at
the end (or a one-off one) what happened, and the results compare the two only for the scale
questions asked at both."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from monitoring import services
from monitoring.models import Answer, Campaign, Question, Questionnaire, Response
from monitoring.selectors import campaign_results
from monitoring.shipped import QUESTIONNAIRES
from tests.mentoring.factories import ParticipantFactory
from tests.monitoring.factories import answer, campaign, questionnaire
from tests.reports import xlsx_sheet

Stage = Campaign.Stage

QUESTIONS = [
    (
        "scale",
        "Насколько полезными были встречи?",
        {"expected_text": "Как вы думаете, насколько полезными будут встречи?"},
    ),
    ("scale", "Насколько вы уверены в себе?", {}),
    ("scale", "Насколько хорошо вы знаете наставника?", {"stage": "start"}),
    ("text", "Чего вы ждёте?", {"stage": "start", "required": False}),
    ("scale", "Насколько понятными были задания?", {"stage": "end"}),
    ("yes_no", "Хотите продолжить?", {"stage": "end"}),
]
START_TEXTS = [
    "Как вы думаете, насколько полезными будут встречи?",
    "Насколько вы уверены в себе?",
    "Насколько хорошо вы знаете наставника?",
    "Чего вы ждёте?",
]
END_TEXTS = [
    "Насколько полезными были встречи?",
    "Насколько вы уверены в себе?",
    "Насколько понятными были задания?",
    "Хотите продолжить?",
]


@pytest.fixture
def people(world):
    return [ParticipantFactory(organization=world.a.organization) for _ in range(2)]


@pytest.fixture
def made(world):
    return questionnaire(world.a.organization, questions=QUESTIONS)


def answer_page(client, invitation) -> str:
    url = reverse("answer", kwargs={"key": invitation.key, "secret": invitation.secret})
    return client.get(url).content.decode()


def asked(page: str) -> list[str]:
    """The questions of the page that are in QUESTIONS, in the order shown."""
    texts = {*START_TEXTS, *END_TEXTS}
    return sorted((text for text in texts if text in page), key=page.index)


@pytest.mark.parametrize(
    ("stage", "texts"),
    [(Stage.START, START_TEXTS), (Stage.END, END_TEXTS), (Stage.SINGLE, END_TEXTS)],
)
def test_a_campaign_asks_the_questions_of_its_stage_in_their_wording(client, world, made, people, stage, texts):
    sent = campaign(world.a.organization, questionnaire_=made, people=people, stage=stage)
    assert [question.text_at(stage) for question in sent.questions()] == texts
    assert asked(answer_page(client, sent.invitations.first())) == texts


def test_an_answer_to_a_question_of_another_stage_is_refused(world, made, people):
    start = campaign(world.a.organization, questionnaire_=made, people=people, stage=Stage.START)
    at_the_end = made.questions.get(text="Хотите продолжить?")
    scale = made.questions.get(text="Насколько вы уверены в себе?")
    invitation = start.invitations.first()
    with pytest.raises(ValidationError, match="не относятся к этой анкете"):
        services.response_submit(invitation=invitation, answers={scale.pk: 5, at_the_end.pk: 1})
    assert not Answer.objects.exists()
    # An end-only required question is not required at the start.
    required = {q.pk: 5 for q in start.questions() if q.kind == Question.Kind.SCALE}
    services.response_submit(invitation=invitation, answers=required)
    assert Answer.objects.count() == 3


def test_the_results_compare_the_start_with_the_end_only_for_scales_asked_at_both(world, made, people):
    org = world.a.organization
    start = campaign(org, questionnaire_=made, people=people, stage=Stage.START, title="Начало")
    for person, score in zip(people, (6, 8), strict=True):
        answer(
            start,
            person,
            {
                "Насколько полезными были встречи?": score,
                "Насколько вы уверены в себе?": score - 2,
                "Насколько хорошо вы знаете наставника?": 3,
            },
        )
    end = campaign(org, questionnaire_=made, people=people, stage=Stage.END, baseline=start, title="Конец")
    for person, score in zip(people, (9, 7), strict=True):
        answer(
            end,
            person,
            {
                "Насколько полезными были встречи?": score,
                "Насколько вы уверены в себе?": score,
                "Насколько понятными были задания?": 10,
                "Хотите продолжить?": 1,
            },
        )

    results = campaign_results(end)

    assert [item.text for item in results.questions] == END_TEXTS
    assert [(item.question.text, item.expected_mean, item.mean, item.change) for item in results.comparison] == [
        ("Насколько полезными были встречи?", Decimal("7.00"), Decimal("8.00"), Decimal("1.00")),
        ("Насколько вы уверены в себе?", Decimal("5.00"), Decimal("8.00"), Decimal("3.00")),
    ]
    # At the start, the page shows the questions in the wording they were asked in.
    assert [item.text for item in campaign_results(start).questions] == START_TEXTS


def test_the_results_page_and_the_xlsx_name_the_questions_as_asked(client, world, made, people):
    start = campaign(world.a.organization, questionnaire_=made, people=people, stage=Stage.START)
    client.force_login(world.a.users[Role.CURATOR])
    page = client.get(reverse("campaign_results", args=[start.pk])).content.decode()
    assert asked(page) == START_TEXTS
    sheet = xlsx_sheet(client.get(reverse("campaign_export", args=[start.pk]) + "?anonymized=1").content)
    assert list(next(sheet.iter_rows(min_row=3, max_row=3, values_only=True)))[1:] == START_TEXTS


def test_a_campaign_of_a_stage_without_questions_is_refused_next_to_the_stage(client, world, people):
    only_end = questionnaire(world.a.organization, questions=[("scale", "Итог", {"stage": "end"})])
    with pytest.raises(ValidationError) as caught:
        campaign(world.a.organization, questionnaire_=only_end, people=people, stage=Stage.START)
    assert caught.value.message_dict == {"stage": ["В анкете нет вопросов для опроса на этом этапе."]}
    assert not Campaign.objects.exists()


def test_a_question_edited_to_a_stage_keeps_its_wording_rules(client, world, made):
    client.force_login(world.a.users[Role.CURATOR])
    question = made.questions.get(text="Насколько вы уверены в себе?")
    url = reverse("question_update", args=[made.pk, question.pk])
    data = {"text": question.text, "kind": "scale", "required": "on", "stage": "end", "matching": ""}
    response = client.post(url, {**data, "expected_text": "Как вы думаете?"})
    assert "Формулировка для начала нужна только вопросу" in response.content.decode()
    question.refresh_from_db()
    assert question.stage == Question.Stage.BOTH
    assert client.post(url, {**data, "expected_text": ""}).status_code == 302
    question.refresh_from_db()
    assert question.stage == Question.Stage.END
    page = client.get(reverse("questionnaire_detail", args=[made.pk])).content.decode()
    assert "задаётся только в конце (что получилось)" in page
    assert "В начале: Как вы думаете, насколько полезными будут встречи?" in page


# The shipped questionnaires ----------------------------------------------------------------------


def shipped(code: str) -> Questionnaire:
    return Questionnaire.objects.get(organization=None, code=code)


def texts_at(code: str, stage: str) -> list[str]:
    at = shipped(code)
    campaign_ = Campaign(questionnaire=at, stage=stage)
    return [question.text_at(stage) for question in campaign_.questions()]


@pytest.mark.parametrize("code", ["satisfaction-mentee", "satisfaction-mentor", "growth-mentee"])
def test_the_shipped_start_asks_expectations_and_the_end_what_happened(db, code):
    start, end = texts_at(code, Stage.START), texts_at(code, Stage.END)
    assert not set(start) & set(end)  # no question is worded the same at both stages
    expectation = ("Как вы думаете", "Чего вы ждёте", "Как часто вы хотели бы", "Как часто вы планируете")
    for text in start:
        assert text.startswith(expectation) or "сейчас, в начале программы" in text, text
    for text in end:
        assert not text.startswith(expectation) and "в начале" not in text, text
    assert any(text.startswith("Чего вы ждёте") for text in start)


def test_the_shipped_satisfaction_of_mentees_at_each_stage(db):
    assert texts_at("satisfaction-mentee", Stage.START) == [
        "Как вы думаете, насколько эффективной будет для вас программа наставничества?",
        "Как вы думаете, насколько комфортным будет общение с наставником?",
        "Как вы думаете, насколько наставник будет понимать ваши проблемы?",
        "Как вы думаете, насколько наставник будет включён в работу?",
        "Как вы думаете, насколько полезными будут встречи с наставником?",
        "Как вы думаете, насколько понятными будут задания наставника?",
        "Как часто вы хотели бы встречаться с наставником?",
        "Чего вы ждёте от работы с наставником?",
    ]
    assert texts_at("satisfaction-mentee", Stage.END) == [
        "Насколько эффективной оказалась для вас программа наставничества?",
        "Насколько комфортным было общение с наставником?",
        "Насколько наставник понимал ваши проблемы?",
        "Насколько наставник был включён в работу?",
        "Насколько полезными были встречи с наставником?",
        "Насколько понятными были задания наставника?",
        "Хотели бы вы продолжить работу в программе наставничества?",
        "Как часто проходили встречи?",
        "Что было самым ценным?",
        "Чего не хватило?",
    ]


def test_the_one_off_questionnaires_ask_everything_in_any_campaign(db):
    for code in ("intake-mentee", "intake-mentor", "preference-mentee", "preference-mentor", "feedback-mentee"):
        assert set(shipped(code).questions.values_list("stage", flat=True)) == {Question.Stage.BOTH}, code


def test_the_update_of_the_shipped_questions_keeps_their_answers(world, people):
    """Migration 0004 rewords the shipped questions where they stand: a campaign that sent the old
    wording keeps its answers, attached to the same question."""
    standard = shipped("satisfaction-mentee")
    sent = campaign(world.a.organization, questionnaire_=standard, people=people)
    first = standard.questions.get(position=1)
    Question.objects.filter(pk=first.pk).update(text="Эффективность программы наставничества", expected_text="")
    answered = Response.objects.create(campaign=sent, invitation=sent.invitations.first(), submitted_at=timezone.now())
    Answer.objects.create(response=answered, question=first, value=9)
    gone = Question.objects.create(questionnaire=standard, position=99, kind="text", text="Лишний")
    kept = Question.objects.create(questionnaire=standard, position=98, kind="text", text="Отвеченный")
    Answer.objects.create(response=answered, question=kept, text="ответ")

    migration = importlib.import_module("monitoring.migrations.0004_question_stage")
    migration.update_shipped(apps, None)

    first.refresh_from_db()
    data = next(data for data in QUESTIONNAIRES if data["code"] == "satisfaction-mentee")
    assert first.text == data["questions"][0][1]
    assert first.answers.get().value == 9
    assert not Question.objects.filter(pk=gone.pk).exists()
    assert Question.objects.filter(pk=kept.pk).exists()
    assert standard.questions.filter(position__lte=12).count() == 12
