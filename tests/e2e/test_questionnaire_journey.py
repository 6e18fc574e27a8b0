"""A pupil without an account answers the standard intake questionnaire through a personal link, on a phone."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Role
from monitoring import services
from monitoring.models import Answer, Questionnaire
from tests.e2e.helpers import dotted, has_no_horizontal_scroll, today, years_ago
from tests.mentoring.factories import ParticipantFactory

PHONE_VIEWPORT = {"width": 390, "height": 844}


def personal_link(world) -> str:
    """The curator's campaign of the shipped «Анкета наставляемого (входная)» for one pupil."""
    pupil = ParticipantFactory(
        organization=world.a.organization,
        last_name="Соколова",
        first_name="Дарья",
        patronymic="Андреевна",
        birth_date=years_ago(13),
    )
    campaign = services.campaign_create(
        organization=world.a.organization,
        questionnaire=Questionnaire.objects.get(organization=None, code="intake-mentee"),
        title="Входное анкетирование 7Б",
        opens_on=today(),
        closes_on=today() + datetime.timedelta(days=14),
        recipients=[pupil],
        by=world.a.users[Role.CURATOR],
    )
    invitation = campaign.invitations.get()
    return reverse("answer", kwargs={"key": invitation.key, "secret": invitation.secret})


def question(page, text: str):
    return page.get_by_test_id("question").filter(has_text=text)


@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT], ids=["phone"])
def test_pupil_answers_a_questionnaire_through_a_personal_link_once(
    page, screenshot, live_server, reference_data, world, viewport
):
    link = personal_link(world)
    closes_on = dotted(today() + datetime.timedelta(days=14))

    # No account, no login: the link opens the questionnaire, greeting by first name only.
    page.goto(link)
    expect(page.get_by_role("heading", name="Анкета наставляемого (входная)")).to_be_visible()
    expect(page.get_by_text("Здравствуйте, Дарья!")).to_be_visible()
    expect(page.get_by_text(f"Ссылка персональная и принимает ответы один раз, до {closes_on}.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Соколова")
    expect(page.get_by_test_id("current-role")).to_have_count(0)
    assert has_no_horizontal_scroll(page)
    screenshot("questionnaire")

    # Sent empty: every required question says what is missing; nothing is saved.
    page.get_by_role("button", name="Отправить ответы").click()
    expect(page.get_by_role("alert")).to_contain_text("Проверьте ответы, отмеченные ниже.")
    expect(question(page, "Чем вы увлекаетесь?").get_by_test_id("question-error")).to_have_text(
        "Пожалуйста, ответьте на этот вопрос."
    )
    expect(page.get_by_test_id("question-error")).to_have_count(4)
    assert not Answer.objects.exists()
    screenshot("questionnaire-errors")

    question(page, "Чем вы увлекаетесь?").get_by_label("Программирование").check()
    question(page, "Чем вы увлекаетесь?").get_by_label("Туризм").check()
    question(page, "В чём вам нужна помощь наставника?").get_by_label("Математика").check()
    question(page, "Опишите свой главный запрос").locator("textarea").fill("Хочу решать олимпиадные задачи")
    question(page, "Как часто вы готовы встречаться").get_by_label("Раз в две недели").check()
    # The score buttons are labels over hidden radio inputs, as a finger taps them.
    question(page, "Насколько вам интересно").locator("label", has_text="8").click()
    expect(question(page, "Насколько вам интересно").get_by_role("radio", name="8")).to_be_checked()
    screenshot("questionnaire-filled")
    page.get_by_role("button", name="Отправить ответы").click()

    expect(page.get_by_role("heading", name="Спасибо!")).to_be_visible()
    expect(page.get_by_text("Ваши ответы получены.")).to_be_visible()
    screenshot("thanks")

    # The same link again: the answers are kept, the form is not shown a second time.
    response = page.goto(link)
    assert response.status == 410
    expect(page.get_by_role("heading", name="Ответы уже получены")).to_be_visible()
    expect(page.get_by_text("Персональная ссылка принимает ответы только один раз.")).to_be_visible()
    expect(page.get_by_role("button", name="Отправить ответы")).to_have_count(0)
    screenshot("link-used")

    saved = {answer.question.text: answer for answer in Answer.objects.select_related("question")}
    assert saved["Чем вы увлекаетесь?"].choices == ["Программирование", "Туризм"]
    assert saved["В чём вам нужна помощь наставника?"].choices == ["Математика"]
    assert saved["Опишите свой главный запрос к наставнику"].text == "Хочу решать олимпиадные задачи"
    assert saved["Как часто вы готовы встречаться с наставником?"].choices == ["Раз в две недели"]
    assert saved["Насколько вам интересно участие в программе наставничества?"].value == 8
