"""Forms without a mouse: Tab, Shift+Tab, Space, Enter and the arrows only.

The participant, the consent, the meeting, the plan and the pupil's questionnaire: each is first
submitted with a mistake, and the error is announced (an error summary with role="alert" that has
the focus, «Ошибка: » in the title, the invalid fields marked and described: issue 19); then the
mistake is put right, from the keyboard, and the form is saved.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Role
from mentoring.models import Consent, Meeting, Participant
from monitoring.models import Answer, Response
from tests.e2e.helpers import (
    assert_error_announced,
    dotted,
    log_in,
    press_until,
    submit_with_enter,
    success_message,
    tab_to,
    today,
    type_into,
    years_ago,
)
from tests.e2e.test_mentor_journey import approved_pair
from tests.e2e.test_questionnaire_journey import personal_link, question
from tests.mentoring.factories import ParticipantFactory


def test_a_participant_is_added_from_the_keyboard(page, live_server, reference_data, world):
    log_in(page, world.a.users[Role.CURATOR])
    page.goto(reverse("participant_create"))
    form = page.locator("main form").first
    # The first name left out.
    category = page.locator("#id_category")
    tab_to(page, category)
    press_until(page, "ArrowDown", lambda: category.input_value() == Participant.Category.STUDENT)
    type_into(page, page.locator("#id_last_name"), "Клавишина")
    gender = page.locator("#id_gender")
    tab_to(page, gender)
    press_until(page, "ArrowDown", lambda: gender.input_value() == "female")
    type_into(page, page.locator("#id_birth_date"), dotted(years_ago(12)).replace(".", ""))
    type_into(page, page.locator("#id_class_name"), "7Б")
    submit_with_enter(page, form.get_by_role("button", name="Сохранить"))
    assert_error_announced(page)
    expect(page.locator("#id_first_name")).to_have_attribute("aria-invalid", "true")
    assert not Participant.objects.filter(last_name="Клавишина").exists()

    # From the focused summary, Tab reaches the field; Shift+Tab goes back to the last name.
    type_into(page, page.locator("#id_first_name"), "Алиса")
    tab_to(page, page.locator("#id_last_name"), backwards=True)
    expect(page.locator("#id_last_name")).to_have_value("Клавишина")
    submit_with_enter(page, form.get_by_role("button", name="Сохранить"))
    expect(success_message(page)).to_be_visible()
    assert Participant.objects.filter(last_name="Клавишина", first_name="Алиса").exists()


def test_a_consent_is_recorded_from_the_keyboard(page, live_server, reference_data, world):
    pupil = ParticipantFactory(organization=world.a.organization, birth_date=years_ago(12))
    log_in(page, world.a.users[Role.CURATOR])
    page.goto(reverse("consent_create", kwargs={"pk": pupil.pk}))
    # Signed by the parent, on a date that does not exist.
    signed_by = page.locator("#id_signed_by")
    tab_to(page, signed_by)
    press_until(page, "ArrowDown", lambda: signed_by.input_value() == "representative")
    type_into(page, page.locator("#id_representative_name"), "Иванова Ольга Петровна")
    type_into(page, page.locator("#id_representative_document"), "свидетельство о рождении")
    type_into(page, page.locator("#id_signed_on"), "31022026")
    submit_with_enter(page, page.locator("main form").get_by_role("button", name="Сохранить"))
    assert_error_announced(page)
    expect(page.locator("#id_signed_on")).to_have_attribute("aria-invalid", "true")
    assert not Consent.objects.exists()

    type_into(page, page.locator("#id_signed_on"), dotted(today()).replace(".", ""))
    submit_with_enter(page, page.locator("main form").get_by_role("button", name="Сохранить"))
    expect(success_message(page)).to_be_visible()
    assert Consent.objects.get().representative_name == "Иванова Ольга Петровна"


def test_a_meeting_is_logged_from_the_keyboard(page, live_server, reference_data, world):
    unit = approved_pair(world)
    log_in(page, world.a.users[Role.MENTOR])
    page.goto(reverse("meeting_create", kwargs={"unit_pk": unit.pk}))
    form = page.get_by_test_id("meeting-form")
    # Without a topic.
    type_into(page, page.locator("#id_content"), "Обсудили интересы и договорились о встречах.")
    submit_with_enter(page, form.get_by_role("button", name="Записать встречу"))
    assert_error_announced(page)
    expect(page.locator("#id_topic")).to_have_attribute("aria-invalid", "true")
    assert not Meeting.objects.exists()

    type_into(page, page.locator("#id_topic"), "Знакомство")
    # The attendance: a box unticked and ticked again with Space.
    present = form.get_by_role("checkbox").first
    tab_to(page, present)
    page.keyboard.press("Space")
    expect(present).not_to_be_checked()
    page.keyboard.press("Space")
    expect(present).to_be_checked()
    submit_with_enter(page, form.get_by_role("button", name="Записать встречу"))
    expect(success_message(page).first).to_contain_text("Встреча записана.")
    assert Meeting.objects.get().topic == "Знакомство"


def test_a_plan_is_edited_from_the_keyboard(page, live_server, reference_data, world):
    unit = approved_pair(world)
    plan = unit.mentees.get().plan
    log_in(page, world.a.users[Role.CURATOR])
    page.goto(reverse("plan_update", args=[unit.mentees.get().pk]))
    form = page.get_by_test_id("plan-form")
    # The goal erased.
    type_into(page, page.get_by_label("Цель"), "")
    submit_with_enter(page, form.get_by_role("button", name="Сохранить"))
    assert_error_announced(page)
    plan.refresh_from_db()
    assert plan.goal == "Повысить успеваемость по математике до «4»"

    type_into(page, page.get_by_label("Цель"), "Сдать ОГЭ по математике на «5»")
    due = today() + datetime.timedelta(days=30)
    type_into(page, form.get_by_label("Срок").first, dotted(due).replace(".", ""))
    submit_with_enter(page, form.get_by_role("button", name="Сохранить"))
    expect(success_message(page)).to_be_visible()
    plan.refresh_from_db()
    assert plan.goal == "Сдать ОГЭ по математике на «5»"
    assert plan.items.order_by("position").first().due_on == due


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}], ids=["phone"])
def test_a_pupil_answers_the_questionnaire_from_the_keyboard(page, live_server, reference_data, world, viewport):
    page.goto(personal_link(world))
    send = page.get_by_role("button", name="Отправить ответы")
    submit_with_enter(page, send)
    assert_error_announced(page)
    assert not Response.objects.exists()

    for text, option in (("Чем вы увлекаетесь?", "Программирование"), ("В чём вам нужна помощь", "Математика")):
        box = question(page, text).get_by_label(option)
        tab_to(page, box)
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    type_into(page, question(page, "Опишите свой главный запрос").locator("textarea"), "Олимпиадные задачи")
    often = question(page, "Как часто вы готовы встречаться")
    tab_to(page, often.get_by_role("radio").first)
    page.keyboard.press("Space")
    wanted = often.get_by_label("Раз в две недели")
    press_until(page, "ArrowDown", wanted.is_checked)
    # The score: its radios are a group, Tab enters it and the arrows choose.
    scale = question(page, "Насколько вам интересно")
    tab_to(page, scale.get_by_role("radio").first)
    page.keyboard.press("Space")
    press_until(page, "ArrowRight", scale.get_by_role("radio", name="8").is_checked)
    submit_with_enter(page, send)
    expect(page.get_by_role("heading", name="Спасибо!")).to_be_visible()
    saved = {answer.question.text: answer for answer in Answer.objects.select_related("question")}
    assert saved["Чем вы увлекаетесь?"].choices == ["Программирование"]
    assert saved["Как часто вы готовы встречаться с наставником?"].choices == ["Раз в две недели"]
    assert saved["Насколько вам интересно участие в программе наставничества?"].value == 8
