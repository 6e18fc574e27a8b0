"""A curator forms a group from a school of hundreds with the mentee picker, on a phone: types part
of a name, picks with the keyboard and by a tap, removes a chip, saves; the group has them.

The field is a list of checkboxes that static/mentoring/mentee_picker.js turns into a search box, a
list of matches and chips; the form posts the ticked ids as without the script."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Role
from mentoring.models import MentoringUnit, Participant
from tests.e2e.helpers import current_program, has_no_horizontal_scroll, log_in, success_message, url_pattern
from tests.mentoring.factories import ParticipantFactory, StaffFactory, consented

PHONE_VIEWPORT = {"width": 390, "height": 844}
SEARCH = "Поиск по фамилии, имени или классу"


def school_of_hundreds(organization) -> dict[str, Participant]:
    """300 pupils of classes 5–9, and the few this journey looks for among them."""
    Participant.objects.bulk_create(
        Participant(
            organization=organization,
            category=Participant.Category.STUDENT,
            last_name=f"Ученикова{n:03d}",
            first_name="Алёна",
            class_name=f"{5 + n % 5}{'АБВ'[n % 3]}",
            search_name=f"ученикова{n:03d} алена",
        )
        for n in range(300)
    )
    named = {
        "Ёлкина": ("Дарья", "Андреевна", "7Б"),
        "Елкин": ("Иван", "Петрович", "7А"),
        "Жукова": ("Анна", "Сергеевна", "8В"),
        "Демидова": ("Ольга", "Игоревна", "7Б"),
    }
    return {
        last: consented(
            ParticipantFactory(
                organization=organization, last_name=last, first_name=first, patronymic=patronymic, class_name=cls
            )
        )
        for last, (first, patronymic, cls) in named.items()
    }


@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT], ids=["phone"])
def test_curator_picks_the_mentees_of_a_group_by_typing_with_the_keyboard_and_a_tap(
    page, screenshot, live_server, reference_data, world, viewport
):
    organization = world.a.organization
    program = current_program(organization, title="Наставничество в 7-х классах")
    mentor = consented(
        StaffFactory(organization=organization, last_name="Громова", first_name="Елена", patronymic="Сергеевна")
    )
    pupils = school_of_hundreds(organization)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    log_in(page, world.a.users[Role.CURATOR])
    page.goto(reverse("unit_create") + f"?program={program.pk}")
    page.locator("#id_mentor").select_option(label=f"{mentor.full_name}, учитель математики")

    # Saved with nobody chosen: the error stands under the search box (the list it came in is hidden).
    page.get_by_role("button", name="Сохранить черновик").click()
    picker = page.get_by_test_id("mentee-picker")
    expect(picker.locator(".invalid-feedback")).to_be_visible()
    expect(picker.locator(".invalid-feedback")).to_contain_text("Обязательное поле")

    # With the script the 304 checkboxes give way to a search box; the hidden ones are still there.
    search = page.get_by_role("combobox", name=SEARCH)
    expect(search).to_be_visible()
    expect(page.locator('input[name="mentees"]').first).to_be_hidden()
    expect(page.locator('input[name="mentees"]')).to_have_count(304)
    assert has_no_horizontal_scroll(page)
    screenshot("picker")

    # Part of a name and the class: «елк 7» finds Елкин and Ёлкина (Е and Ё alike), in that order.
    search.click()
    page.keyboard.type("елк 7")
    options = page.get_by_role("listbox", name="Найденные наставляемые").get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.nth(0)).to_contain_text("Елкин Иван Петрович, 7А")
    expect(options.nth(1)).to_contain_text("Ёлкина Дарья Андреевна, 7Б")
    expect(page.get_by_role("status")).to_have_text("Найдено: 2.")
    screenshot("typed")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")  # picks, and does not submit the form

    chips = picker.locator(".mentee-picker-chip")
    expect(chips).to_have_count(1)
    expect(chips.first).to_contain_text("Ёлкина Дарья Андреевна, 7Б")
    expect(search).to_have_value("")
    expect(search).to_be_focused()
    expect(page.get_by_role("status")).to_have_text("Добавлено: Ёлкина Дарья Андреевна, 7Б.")

    # The only match needs no arrow; Escape closes the list.
    page.keyboard.type("жуков")
    expect(options).to_have_count(1)
    page.keyboard.press("Enter")
    page.keyboard.type("Демидова")
    page.keyboard.press("Escape")
    expect(page.get_by_role("listbox", name="Найденные наставляемые")).to_be_hidden()

    # A tap picks too; a chip's button removes its person.
    search.fill("ученикова12")
    expect(options).to_have_count(10)
    options.filter(has_text="Ученикова120 Алёна, 5А").click()
    expect(chips).to_have_count(3)
    expect(picker).to_contain_text("Выбрано: 3")
    screenshot("chosen")
    page.get_by_role("button", name="Убрать: Ученикова120 Алёна, 5А").click()
    expect(chips).to_have_count(2)
    expect(page.get_by_role("status")).to_have_text("Убрано: Ученикова120 Алёна, 5А.")
    assert has_no_horizontal_scroll(page)

    page.get_by_role("button", name="Сохранить черновик").click()
    unit = MentoringUnit.objects.get()
    expect(page).to_have_url(url_pattern(live_server, "unit_detail", pk=unit.pk))
    expect(success_message(page)).to_contain_text("Черновик сохранён")
    screenshot("saved")
    assert not [message for message in console if "Content Security Policy" in message]
    assert unit.kind == MentoringUnit.Kind.GROUP and unit.mentor == mentor
    assert {membership.mentee for membership in unit.mentees.all()} == {pupils["Ёлкина"], pupils["Жукова"]}
