"""Journeys around the approval of pairs and groups: a parent's withdrawal of the consent for a pupil
whose group starts in the future, and a pair the director returns for revision with a reason that
the curator then reads."""

import datetime
import re

from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring.models import MentoringUnit, UnitMentee
from mentoring.pairs import services as pairs
from tests.e2e.helpers import current_program, dotted, log_in, nav, success_message, today, years_ago
from tests.mentoring.factories import ParticipantFactory, StaffFactory, consented

MENTOR = ("Громова", "Елена", "Сергеевна")
PUPILS = [("Соколова", "Дарья", "Андреевна"), ("Ершов", "Максим", "Олегович")]


def people(organization):
    mentor = consented(
        StaffFactory(organization=organization, last_name=MENTOR[0], first_name=MENTOR[1], patronymic=MENTOR[2])
    )
    pupils = [
        consented(
            ParticipantFactory(
                organization=organization,
                last_name=last_name,
                first_name=first_name,
                patronymic=patronymic,
                birth_date=years_ago(13),
                guardian_name=f"{last_name} Ирина Павловна",
            )
        )
        for last_name, first_name, patronymic in PUPILS
    ]
    return mentor, pupils


def accept_confirm(page: Page) -> None:
    """The site asks before a destructive action (``data-confirm``): the user says yes."""
    page.once("dialog", lambda dialog: dialog.accept())


def switch_user(page: Page, user) -> None:
    page.context.clear_cookies()
    log_in(page, user)


def test_a_parent_withdraws_the_consent_of_a_pupil_whose_group_starts_in_the_future(
    page, screenshot, live_server, reference_data, world
):
    organization = world.a.organization
    curator, director = world.a.users[Role.CURATOR], world.a.users[Role.DIRECTOR]
    program = current_program(organization, title="Наставничество в 7-х классах")
    mentor, (leaving, staying) = people(organization)
    start = today() + datetime.timedelta(days=30)
    group = pairs.unit_create(
        program=program, mentor=mentor, mentees=[leaving, staying], by=curator, planned_from=start
    )
    pairs.unit_submit(unit=group, by=curator)
    pairs.units_approve(units=[group], by=director)

    log_in(page, curator)
    nav(page, "Реестры", menu="Участники")
    page.get_by_role("link", name=leaving.full_name, exact=True).click()
    expect(page.get_by_role("heading", name=leaving.full_name)).to_be_visible()
    page.get_by_role("link", name="Отозвать").first.click()
    expect(page.get_by_role("heading", name="Отзыв согласия")).to_be_visible()
    # Before anything is done, the page says which group the pupil leaves.
    expect(page.get_by_test_id("units-to-leave")).to_contain_text(f"Группа: {mentor.full_name}")
    expect(page.get_by_test_id("units-to-leave")).to_contain_text(dotted(start))
    expect(page.locator("#id_withdrawn_on")).to_have_value(dotted(today()))
    page.locator("#id_reason").fill("Заявление матери об отзыве согласия")
    screenshot("withdraw")
    page.get_by_role("button", name="Отозвать").click()

    # Refused before: «Дата выбытия не может быть раньше даты включения». Now it is done.
    expect(success_message(page)).to_contain_text("Согласие отозвано.")
    expect(page.locator(".alert-info")).to_contain_text(
        f"{leaving.full_name} исключена из состава: группа (наставник — {mentor.full_name})."
    )
    expect(page.locator('[data-consent="withdrawn"]').first).to_be_visible()
    screenshot("withdrawn")

    nav(page, "Пары и группы", menu="Наставничество")
    page.get_by_test_id("unit-table").get_by_role("link", name=mentor.full_name).click()
    mentees = page.get_by_test_id("unit-mentees")
    expect(mentees).to_contain_text(staying.full_name)
    expect(mentees).not_to_contain_text(leaving.full_name)
    log = page.get_by_test_id("unit-log")
    expect(log).to_contain_text(f"{leaving.full_name} исключена")
    expect(log).to_contain_text("Причина: согласие на обработку персональных данных отозвано")
    screenshot("group")

    group.refresh_from_db()
    assert group.status == MentoringUnit.Status.APPROVED
    assert not UnitMentee.objects.filter(unit=group, mentee=leaving).exists()


def test_the_director_returns_a_pair_with_a_reason_and_the_curator_reads_it(
    page, screenshot, live_server, reference_data, world
):
    organization = world.a.organization
    curator, director = world.a.users[Role.CURATOR], world.a.users[Role.DIRECTOR]
    program = current_program(organization, title="Наставничество в 7-х классах")
    mentor, (pupil, _other) = people(organization)
    pair = pairs.unit_submit(
        unit=pairs.unit_create(program=program, mentor=mentor, mentees=[pupil], by=curator), by=curator
    )
    reason = "Укажите ролевую модель и уточните срок: наставник в отпуске до октября"

    log_in(page, director)
    nav(page, "Пары и группы", menu="Наставничество")
    page.get_by_role("link", name="Утверждение", exact=True).click()
    row = page.get_by_test_id("approval-table").get_by_role("row").filter(has_text=pupil.full_name)
    row.get_by_role("link", name="Вернуть на доработку").click()
    expect(page.get_by_role("heading", name="Вернуть на доработку")).to_be_visible()
    expect(page.get_by_text(f"Пара: {mentor.full_name} — {pupil.full_name}")).to_be_visible()

    # Without a reason it is refused next to the field; nothing changes.
    accept_confirm(page)
    page.get_by_test_id("return-form").get_by_role("button", name="Вернуть на доработку").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("Напишите, что нужно доработать.")
    page.locator("#id_reason").fill(reason)
    screenshot("return")
    accept_confirm(page)
    page.get_by_test_id("return-form").get_by_role("button", name="Вернуть на доработку").click()
    expect(success_message(page)).to_contain_text("Возвращено куратору на доработку.")
    expect(page.get_by_role("heading", name="Утверждение пар и групп")).to_be_visible()
    expect(page.get_by_text("Нет пар и групп, ожидающих утверждения.")).to_be_visible()
    screenshot("approval-after-return")

    switch_user(page, curator)
    panel = page.get_by_test_id("units-panel")
    expect(panel.get_by_test_id("panel-returned")).to_have_text("1")
    panel.get_by_role("link", name="Возвращена на доработку").click()
    table = page.get_by_test_id("unit-table")
    expect(table.get_by_test_id("unit-returned")).to_have_text("Возвращена на доработку")
    screenshot("returned-list")
    table.get_by_role("link", name=mentor.full_name).click()

    returned = page.get_by_test_id("unit-returned")
    expect(returned).to_contain_text("Возвращена на доработку")
    expect(returned).to_contain_text(director.get_full_name())
    expect(returned).to_contain_text(f"Причина: {reason}")
    entry = page.get_by_test_id("unit-log").locator("li").filter(has_text="Возвращена на доработку")
    expect(entry).to_contain_text(director.get_full_name())
    expect(entry).to_contain_text(reason)
    expect(page.get_by_test_id("unit-log")).not_to_contain_text(re.compile(r"True|False|None"))
    screenshot("returned-pair")

    # Corrected and sent again: the mark goes, the history keeps the return.
    page.get_by_test_id("unit-actions").get_by_role("button", name="Отправить на утверждение").click()
    expect(success_message(page)).to_contain_text("Отправлено директору на утверждение.")
    expect(page.get_by_test_id("unit-returned")).to_have_count(0)
    expect(page.get_by_test_id("unit-log")).to_contain_text(reason)
    pair.refresh_from_db()
    assert pair.status == MentoringUnit.Status.SUBMITTED and pair.returned_at is None
