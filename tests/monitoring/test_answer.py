"""The public page of a personal link: answering once, and every abuse of the token."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from monitoring import services
from monitoring.models import Answer, Campaign, Question, Response
from tests.mentoring.factories import ParticipantFactory
from tests.monitoring.factories import TODAY, campaign, questionnaire

QUESTIONS = [
    ("scale", "Полезность встреч", {}),
    ("yes_no", "Хотите продолжить?", {}),
    ("single", "Как часто встречались?", {"options": ["Раз в неделю", "Раз в месяц"]}),
    ("multiple", "Что понравилось?", {"options": ["Беседы", "Проекты", "Экскурсии"], "required": False}),
    ("text", "Чего не хватило?", {"required": False}),
]


@pytest.fixture
def survey(world):
    pupil = ParticipantFactory(organization=world.a.organization, last_name="Смирнова", first_name="Дарья")
    other = ParticipantFactory(organization=world.a.organization, last_name="Петров", first_name="Олег")
    made = campaign(
        world.a.organization,
        questionnaire_=questionnaire(world.a.organization, questions=QUESTIONS, title="Анкета наставляемого"),
        people=[pupil, other],
    )
    return made


def link(invitation, secret=None) -> str:
    return reverse("answer", kwargs={"key": invitation.key, "secret": secret or invitation.secret})


def ids(campaign_) -> dict[str, str]:
    return {q.text: f"q{q.pk}" for q in campaign_.questionnaire.questions.all()}


def full_answers(campaign_) -> dict:
    field = ids(campaign_)
    return {
        field["Полезность встреч"]: "8",
        field["Хотите продолжить?"]: "1",
        field["Как часто встречались?"]: "Раз в неделю",
        field["Что понравилось?"]: ["Беседы", "Проекты"],
        field["Чего не хватило?"]: "Больше времени",
    }


def invitation_of(campaign_, last_name):
    return campaign_.invitations.get(participant__last_name=last_name)


def test_the_form_greets_by_first_name_only_and_shows_no_one_else(client, survey):
    response = client.get(link(invitation_of(survey, "Смирнова")))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Здравствуйте, Дарья!" in text
    assert "Смирнова" not in text and "Петров" not in text and "Олег" not in text
    assert "Полезность встреч" in text and "Раз в месяц" in text
    assert response["Cache-Control"] == "private, no-store"


def test_answers_are_saved_once(client, survey):
    invitation = invitation_of(survey, "Смирнова")
    response = client.post(link(invitation), full_answers(survey))
    assert response.status_code == 302 and response["Location"] == reverse("answer_done")
    saved = {a.question.text: a for a in Answer.objects.filter(response__invitation=invitation)}
    assert saved["Полезность встреч"].value == 8
    assert saved["Хотите продолжить?"].value == 1
    assert saved["Как часто встречались?"].choices == ["Раз в неделю"]
    assert saved["Что понравилось?"].choices == ["Беседы", "Проекты"]
    assert saved["Чего не хватило?"].text == "Больше времени"
    invitation.refresh_from_db()
    assert invitation.answered_at is not None
    assert "Спасибо" in client.get(reverse("answer_done")).content.decode()


def test_a_second_submit_of_the_same_token_is_refused_with_410(client, survey):
    invitation = invitation_of(survey, "Смирнова")
    client.post(link(invitation), full_answers(survey))
    again = client.post(link(invitation), {**full_answers(survey), ids(survey)["Полезность встреч"]: "1"})
    assert again.status_code == 410
    assert "Ответы уже получены" in again.content.decode()
    assert Response.objects.count() == 1
    assert Answer.objects.get(question__text="Полезность встреч").value == 8
    page = client.get(link(invitation))
    assert page.status_code == 410 and "Полезность встреч" not in page.content.decode()


def test_the_service_refuses_a_second_response_too(survey):
    invitation = invitation_of(survey, "Смирнова")
    scale = survey.questionnaire.questions.get(kind=Question.Kind.SCALE)
    answers = {q.pk: v for q, v in zip(survey.questionnaire.questions.all(), [5, 1, "Раз в месяц"], strict=False)}
    services.response_submit(invitation=invitation, answers=answers)
    with pytest.raises(services.ValidationError):
        services.response_submit(invitation=invitation, answers={**answers, scale.pk: 9})
    assert Answer.objects.get(question=scale).value == 5


def test_a_forged_token_gives_404_and_no_form(client, survey):
    invitation = invitation_of(survey, "Смирнова")
    for url in (
        link(invitation, secret="x" * 32),
        reverse("answer", kwargs={"key": "nonexistent", "secret": invitation.secret}),
    ):
        for response in (client.get(url), client.post(url, full_answers(survey))):
            assert response.status_code == 404
            text = response.content.decode()
            assert "Ссылка не найдена" in text
            assert "Полезность встреч" not in text and "Дарья" not in text
    assert not Response.objects.exists()


def test_the_secret_of_another_campaign_does_not_open_this_one(client, world, survey):
    foreign = campaign(world.b.organization, count=1)
    own = invitation_of(survey, "Смирнова")
    other = foreign.invitations.get()
    mixed = reverse("answer", kwargs={"key": own.key, "secret": other.secret})
    assert client.get(mixed).status_code == 404
    assert client.post(mixed, full_answers(survey)).status_code == 404
    assert not Response.objects.exists()


def test_an_expired_link_gives_410(client, survey):
    survey.closes_on = TODAY - datetime.timedelta(days=1)
    survey.opens_on = TODAY - datetime.timedelta(days=9)
    survey.save()
    invitation = invitation_of(survey, "Смирнова")
    for response in (client.get(link(invitation)), client.post(link(invitation), full_answers(survey))):
        assert response.status_code == 410
        assert "Срок действия ссылки истёк" in response.content.decode()
    assert not Response.objects.exists()


def test_a_closed_campaign_gives_410(client, world, survey):
    services.campaign_close(campaign=survey, by=None)
    assert client.get(link(invitation_of(survey, "Смирнова"))).status_code == 410


def test_a_campaign_not_started_gives_404_with_the_date(client, survey):
    Campaign.objects.filter(pk=survey.pk).update(opens_on=TODAY + datetime.timedelta(days=2))
    response = client.get(link(invitation_of(survey, "Смирнова")))
    assert response.status_code == 404
    assert (TODAY + datetime.timedelta(days=2)).strftime("%d.%m.%Y") in response.content.decode()


def test_required_questions_get_a_message_next_to_them_and_nothing_is_saved(client, survey):
    field = ids(survey)
    response = client.post(link(invitation_of(survey, "Смирнова")), {field["Чего не хватило?"]: "Ничего"})
    assert response.status_code == 200
    text = response.content.decode()
    # Next to each of the three unanswered questions, and once more each in the summary above them.
    assert text.count('data-testid="question-error">Пожалуйста, ответьте на этот вопрос.') == 3
    assert text.count("Пожалуйста, ответьте на этот вопрос.") == 6
    assert "Ничего" in text  # the input is kept
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert invitation_of(survey, "Смирнова").answered_at is None


def test_tampered_question_ids_and_options_are_not_saved(client, world, survey):
    foreign_question = questionnaire(world.b.organization).questions.first()
    answers = {
        **full_answers(survey),
        f"q{foreign_question.pk}": "10",
        "q999999": "10",
        ids(survey)["Что понравилось?"]: ["Беседы", "Взлом"],
    }
    response = client.post(link(invitation_of(survey, "Смирнова")), answers)
    assert response.status_code == 200  # the forged option is an error next to its question
    assert not Response.objects.exists()
    answers[ids(survey)["Что понравилось?"]] = ["Беседы"]
    answers[ids(survey)["Полезность встреч"]] = "11"
    assert client.post(link(invitation_of(survey, "Смирнова")), answers).status_code == 200
    assert not Response.objects.exists()
    answers[ids(survey)["Полезность встреч"]] = "10"
    assert client.post(link(invitation_of(survey, "Смирнова")), answers).status_code == 302
    assert not Answer.objects.filter(question=foreign_question).exists()
    assert Answer.objects.count() == 5


def test_the_service_refuses_questions_of_another_questionnaire(world, survey):
    foreign_question = questionnaire(world.b.organization).questions.first()
    with pytest.raises(services.ValidationError):
        services.response_submit(invitation=invitation_of(survey, "Смирнова"), answers={foreign_question.pk: 5})
    assert not Response.objects.exists()


def test_a_depersonalized_participant_link_is_gone(client, survey):
    invitation = invitation_of(survey, "Смирнова")
    type(invitation.participant).objects.filter(pk=invitation.participant_id).update(depersonalized_at=timezone.now())
    assert client.get(link(invitation)).status_code == 404


def test_links_are_unguessable(survey):
    invitation = invitation_of(survey, "Смирнова")
    assert len(invitation.secret) >= 32 and invitation.secret != invitation_of(survey, "Петров").secret


def test_a_refused_submission_is_summed_up_and_each_message_is_tied_to_its_question(client, survey):
    """WCAG 3.3.1, 4.1.2: the summary links each message to its question; the question names its
    message (aria-describedby); the 1–10 scale is marked invalid and its ends are explained."""
    field = ids(survey)
    response = client.post(link(invitation_of(survey, "Смирнова")), {field["Чего не хватило?"]: "Ничего"})
    tree = lxml_html.fromstring(response.content.decode())
    assert tree.findtext(".//title").startswith("Ошибка: Анкета наставляемого")
    summary = tree.xpath("//*[@data-error-summary]")[0]
    assert summary.get("role") == "alert" and summary.get("tabindex") == "-1"
    assert "Проверьте ответы, отмеченные ниже." in summary.text_content()
    scale, yes_no, single = field["Полезность встреч"], field["Хотите продолжить?"], field["Как часто встречались?"]
    assert [link.get("href") for link in summary.xpath(".//a")] == [
        f"#id_{scale}_0",
        f"#id_{yes_no}_0",
        f"#id_{single}_0",
    ]
    for name in (scale, yes_no, single):
        message = tree.get_element_by_id(f"id_{name}_error")
        assert message.text_content() == "Пожалуйста, ответьте на этот вопрос."
        question = message.getparent()
        assert question.tag == "fieldset" and f"id_{name}_error" in question.get("aria-describedby").split()
    group = tree.xpath(f"//*[@id='id_{scale}'][@role='radiogroup']")[0]
    assert group.get("aria-invalid") == "true"
    assert group.get("aria-describedby").split() == [f"id_{scale}_ends", f"id_{scale}_error"]
    assert tree.get_element_by_id(f"id_{scale}_ends").text_content() == "1 — совсем нет, 10 — полностью"
    assert {button.get("aria-invalid") for button in group.xpath(".//input[@type='radio']")} == {"true"}
    # A question answered is not marked.
    assert tree.get_element_by_id(f"id_{field['Чего не хватило?']}").get("aria-invalid") is None


def test_the_open_question_s_text_box_has_its_label(client, survey):
    tree = lxml_html.fromstring(client.get(link(invitation_of(survey, "Смирнова"))).content.decode())
    box_id = f"id_{ids(survey)['Чего не хватило?']}"
    label = tree.xpath(f"//label[@for='{box_id}']")
    assert len(label) == 1 and "Чего не хватило?" in label[0].text_content()
    assert tree.get_element_by_id(box_id).tag == "textarea"
    # Every scale explains its ends even before an error.
    scale = f"id_{ids(survey)['Полезность встреч']}"
    assert tree.get_element_by_id(scale).get("aria-describedby") == f"{scale}_ends"
    assert tree.get_element_by_id(scale).get("aria-invalid") is None
