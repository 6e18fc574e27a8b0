"""The director's journey: approving the pairs the curator sent, the order's PDF, an order in the register."""

import re

from playwright.sync_api import expect

from accounts.models import Role
from mentoring.models import MentoringUnit, Participant
from mentoring.pairs import services as pairs
from tests.e2e.helpers import (
    current_program,
    dotted,
    download,
    log_in,
    nav,
    pdf_text,
    success_message,
    today,
    url_pattern,
    years_ago,
)
from tests.mentoring.factories import ParticipantFactory, StaffFactory, consented

MENTOR = ("Громова", "Елена", "Сергеевна")
PUPILS = [("Соколова", "Дарья", "Андреевна"), ("Ершов", "Максим", "Олегович")]


def submitted_pairs(world) -> tuple[Participant, list[MentoringUnit]]:
    """What the curator leaves for the director: two pairs of one teacher, through the services."""
    organization = world.a.organization
    curator = world.a.users[Role.CURATOR]
    program = current_program(organization, title="Наставничество в 7-х классах")
    mentor = consented(
        StaffFactory(organization=organization, last_name=MENTOR[0], first_name=MENTOR[1], patronymic=MENTOR[2])
    )
    units = []
    for last_name, first_name, patronymic in PUPILS:
        pupil = consented(
            ParticipantFactory(
                organization=organization,
                last_name=last_name,
                first_name=first_name,
                patronymic=patronymic,
                birth_date=years_ago(13),
            )
        )
        unit = pairs.unit_create(program=program, mentor=mentor, mentees=[pupil], by=curator)
        units.append(pairs.unit_submit(unit=unit, by=curator))
    return mentor, units


def test_director_approves_pairs_reads_the_order_pdf_and_registers_an_order(
    page, screenshot, live_server, reference_data, world
):
    mentor, units = submitted_pairs(world)
    date = dotted(today())
    log_in(page, world.a.users[Role.DIRECTOR])
    screenshot("home")

    # The pairs waiting for approval pass today's check of the rules and are approved by one order.
    nav(page, "Пары и группы", menu="Наставничество")
    page.get_by_role("link", name="Утверждение", exact=True).click()
    approval = page.get_by_test_id("approval-table")
    for last_name, first_name, patronymic in PUPILS:
        row = approval.get_by_role("row").filter(has_text=f"{last_name} {first_name} {patronymic}")
        expect(row).to_contain_text(mentor.full_name)
        expect(row.get_by_test_id("unit-check")).to_have_text("Все правила соблюдены.")
        expect(row.get_by_role("checkbox")).to_be_checked()
    screenshot("approval")
    page.get_by_role("button", name="Утвердить выбранные").click()

    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}/documents/orders/\d+/$"))
    expect(success_message(page)).to_contain_text(
        f"Утверждено пар и групп: 2. Зарегистрирован приказ от {date} № 1-ОД."
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Приказ 1-ОД от {date}")
    expect(page.get_by_test_id("order-status")).to_have_text("зарегистрирован")
    screenshot("approval-order")

    # The order's PDF, as it was stored when registered: the title, the number, the pairs.
    filename, content = download(page, lambda: success_message(page).get_by_role("link", name="Приказ (PDF)").click())
    assert filename == f"Приказ 1-ОД от {date}.pdf"
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Об утверждении наставнических пар" in text
    assert "№ 1-ОД" in text
    assert mentor.full_name in text
    for last_name, first_name, patronymic in PUPILS:
        assert f"{last_name} {first_name} {patronymic}" in text

    # A new order of the register: «О внедрении целевой модели наставничества», drafted, then registered.
    nav(page, "Приказы")
    page.get_by_role("link", name="Новый приказ").click()
    page.locator("#id_kind").select_option(label="О внедрении целевой модели наставничества")
    expect(page.locator("#id_date")).to_have_value(date)
    screenshot("new-order")
    page.get_by_role("button", name="Составить черновик").click()
    expect(success_message(page)).to_contain_text("Черновик составлен по данным реестра")
    expect(page.locator("#id_title")).to_have_value("О внедрении целевой модели наставничества")
    screenshot("order-draft")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(success_message(page)).to_contain_text("Черновик сохранён.")
    expect(page.get_by_test_id("order-status")).to_have_text("черновик")
    page.get_by_test_id("order-actions").get_by_role("link", name="Зарегистрировать").click()
    expect(page.get_by_role("heading", name="Зарегистрировать приказ?")).to_be_visible()
    expect(page.get_by_test_id("register-warning")).to_contain_text(f"№ 2-ОД от {date}")
    screenshot("order-register")
    page.get_by_role("button", name="Зарегистрировать").click()

    expect(success_message(page)).to_contain_text(f"Приказ зарегистрирован: № 2-ОД от {date}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Приказ 2-ОД от {date}")
    expect(page.get_by_test_id("order-status")).to_have_text("зарегистрирован")
    screenshot("order-registered")

    # The register lists both, with their numbers.
    nav(page, "Приказы")
    expect(page).to_have_url(url_pattern(live_server, "order_list"))
    register = page.locator("table")
    expect(register.get_by_role("row").filter(has_text="О внедрении целевой модели")).to_contain_text("№ 2-ОД")
    expect(register.get_by_role("row").filter(has_text="Об утверждении наставнических пар")).to_contain_text("№ 1-ОД")
    screenshot("register")

    approved = MentoringUnit.objects.filter(pk__in=[unit.pk for unit in units])
    assert set(approved.values_list("status", flat=True)) == {MentoringUnit.Status.APPROVED}
    assert set(approved.values_list("approval_order__number", flat=True)) == {"1-ОД"}
