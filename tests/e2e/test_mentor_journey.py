"""The mentor's journey on a phone: a meeting logged from the home page, a plan item marked done."""

import datetime

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from mentoring.models import MentoringUnit
from mentoring.pairs import services as pairs
from mentoring.work import services as work_services
from tests.e2e.helpers import (
    current_program,
    dotted,
    has_no_horizontal_scroll,
    log_in,
    success_message,
    today,
    url_pattern,
    years_ago,
)
from tests.mentoring.factories import ParticipantFactory, StaffFactory, consented

PHONE_VIEWPORT = {"width": 390, "height": 844}
TOPIC = "Знакомство: цели и правила работы пары"
ACTIVITIES = ["Решить вариант ОГЭ по математике", "Подготовить доклад для научного общества"]


def approved_pair(world) -> MentoringUnit:
    """A pair the director has approved, the mentee's plan written: through the services, as in life.
    The mentor is the participant behind the mentor's account."""
    organization = world.a.organization
    curator = world.a.users[Role.CURATOR]
    program = current_program(organization, title="Наставничество в 7-х классах")
    mentor = consented(
        StaffFactory(
            organization=organization,
            user=world.a.users[Role.MENTOR],
            last_name="Громова",
            first_name="Елена",
            patronymic="Сергеевна",
        )
    )
    pupil = consented(
        ParticipantFactory(
            organization=organization,
            last_name="Соколова",
            first_name="Дарья",
            patronymic="Андреевна",
            birth_date=years_ago(13),
        )
    )
    unit = pairs.unit_create(program=program, mentor=mentor, mentees=[pupil], by=curator)
    pairs.unit_submit(unit=unit, by=curator)
    pairs.units_approve(units=[unit], by=world.a.users[Role.DIRECTOR])
    week = today() + datetime.timedelta(days=7)
    work_services.plan_save(
        membership=unit.mentees.get(),
        by=curator,
        goal="Повысить успеваемость по математике до «4»",
        items=[
            {"section": "Учёба", "activity": activity, "due_on": week, "result_form": "отметка учителя"}
            for activity in ACTIVITIES
        ],
    )
    return unit


@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT], ids=["phone"])
def test_mentor_logs_a_meeting_and_marks_a_plan_item_done_on_a_phone(
    page, screenshot, live_server, reference_data, world, viewport
):
    unit = approved_pair(world)
    date = dotted(today())
    log_in(page, world.a.users[Role.MENTOR])

    # The home page names the pair and has the button to log a meeting, thumb-sized, on screen.
    pair = page.get_by_test_id("mentor-unit")
    expect(pair).to_contain_text("Соколова Д. А.")
    expect(pair.get_by_test_id("last-meeting")).to_have_text("Встреч ещё не было")
    assert has_no_horizontal_scroll(page)
    screenshot("home")
    pair.get_by_test_id("panel-log-meeting").click()

    # The form comes filled in: today, the first meeting's type, both people ticked as present.
    form = page.get_by_test_id("meeting-form")
    expect(page.locator("#id_held_on")).to_have_value(date)
    expect(form.get_by_label("знакомство (организационная)")).to_be_checked()
    expect(form.get_by_label("Громова Елена Сергеевна")).to_be_checked()
    expect(form.get_by_label("Соколова Дарья Андреевна")).to_be_checked()
    page.locator("#id_topic").fill(TOPIC)
    page.locator("#id_content").fill("Обсудили интересы Дарьи и договорились встречаться по средам.")
    page.locator("#id_result").fill("Дарья выбирает тему доклада к следующей встрече.")
    assert has_no_horizontal_scroll(page)
    screenshot("meeting-form")
    form.get_by_role("button", name="Записать встречу").click()

    # The journal: the meeting as a card, and the pair has started working today.
    expect(page).to_have_url(url_pattern(live_server, "meeting_list", unit_pk=unit.pk))
    expect(success_message(page).first).to_contain_text("Встреча записана.")
    expect(page.locator(".alert-info")).to_contain_text(f"Пара или группа начала работу {date}.")
    card = page.get_by_test_id("journal-cards").locator("li").first
    expect(card).to_contain_text(date)
    expect(card).to_contain_text(TOPIC)
    expect(page.get_by_test_id("unit-status")).to_have_text("работает")
    expect(page.get_by_test_id("unit-header")).to_contain_text(f"работает с {date}")
    assert has_no_horizontal_scroll(page)
    screenshot("journal")

    # The plan: its rows are cards on a phone; the first one is marked done with a mark.
    page.get_by_test_id("unit-header").get_by_role("link", name="Соколова Дарья Андреевна").click()
    expect(page.get_by_test_id("plan-goal")).to_have_text("Повысить успеваемость по математике до «4»")
    cards = page.get_by_test_id("plan-item-cards")
    expect(cards).to_be_visible()
    expect(page.get_by_test_id("plan-items")).to_be_hidden()
    first = cards.locator("li", has_text=ACTIVITIES[0])
    screenshot("plan")
    first.get_by_placeholder("Отметка наставника").fill("решила на «4»")
    first.get_by_role("button", name="Выполнено").click()

    expect(success_message(page)).to_contain_text("Мероприятие отмечено как выполненное.")
    first = cards.locator("li", has_text=ACTIVITIES[0])
    expect(first).to_contain_text(f"✓ {date} — решила на «4»")
    expect(cards.locator("li", has_text=ACTIVITIES[1]).get_by_role("button", name="Выполнено")).to_be_visible()
    expect(page.get_by_test_id("plan-progress")).to_contain_text("50")
    assert has_no_horizontal_scroll(page)
    screenshot("plan-item-done")

    unit.refresh_from_db()
    assert unit.status == MentoringUnit.Status.ACTIVE and unit.started_on == today()
