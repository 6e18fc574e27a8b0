"""The development plan edited through its page: the goal alone, then a row added and one deleted.
Every row left as it was keeps its done mark."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Role
from mentoring.models import MentoringUnit
from mentoring.pairs import services as pairs
from mentoring.work import services as work_services
from tests.e2e.helpers import current_program, dotted, log_in, success_message, today, url_pattern, years_ago
from tests.mentoring.factories import ParticipantFactory, StaffFactory, consented

GOAL = "Повысить успеваемость по математике до «4»"
NEW_GOAL = "Выйти на «4» по математике и подготовиться к олимпиаде"
ACTIVITIES = ["Разобрать дроби и проценты", "Решить вариант ОГЭ по математике", "Написать контрольную работу"]
ADDED = "Выступить на школьной научной конференции"


def pair_with_plan(world) -> MentoringUnit:
    """An approved pair whose plan has three rows, the first marked done: through the services."""
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
    plan = work_services.plan_save(
        membership=unit.mentees.get(),
        by=curator,
        goal=GOAL,
        items=[
            {"section": "Учёба", "activity": activity, "due_on": today() + datetime.timedelta(days=7 * number)}
            for number, activity in enumerate(ACTIVITIES, start=1)
        ],
    )
    work_services.plan_item_mark_done(item=plan.items.first(), by=curator, done_on=today(), mentor_mark="зачтено")
    return unit


def test_mentor_edits_the_plan_without_losing_rows_or_marks(page, screenshot, live_server, reference_data, world):
    unit = pair_with_plan(world)
    membership = unit.mentees.get()
    mark = f"✓ {dotted(today())} — зачтено"
    log_in(page, world.a.users[Role.MENTOR])
    page.goto(reverse("plan_detail", args=[membership.pk]))
    table = page.get_by_test_id("plan-items")
    expect(table.locator("tbody tr")).to_have_count(3)
    screenshot("plan")

    # The goal alone is changed: the three rows and the mark of the first stay.
    page.get_by_role("link", name="Изменить план").click()
    expect(page).to_have_url(url_pattern(live_server, "plan_update", pk=membership.pk))
    page.get_by_label("Цель").fill(NEW_GOAL)
    screenshot("goal-changed")
    page.get_by_test_id("plan-form").get_by_role("button", name="Сохранить").click()
    expect(page).to_have_url(url_pattern(live_server, "plan_detail", pk=membership.pk))
    expect(success_message(page)).to_contain_text("План сохранён.")
    expect(page.get_by_test_id("plan-goal")).to_have_text(NEW_GOAL)
    expect(page.get_by_text("В плане пока нет мероприятий")).to_have_count(0)
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    for number, activity in enumerate(ACTIVITIES):
        expect(rows.nth(number)).to_contain_text(activity)
    expect(rows.nth(0)).to_contain_text(mark)
    expect(page.get_by_test_id("plan-progress")).to_contain_text("33%")
    screenshot("goal-saved")

    # A row added with «Добавить строку», the third deleted: the first keeps its mark.
    page.get_by_role("link", name="Изменить план").click()
    form = page.get_by_test_id("plan-form")
    form_rows = form.get_by_test_id("plan-item-row")
    count = form_rows.count()
    form.get_by_role("button", name="Добавить строку").click()
    expect(form_rows).to_have_count(count + 1)
    added = form_rows.last
    expect(added).to_contain_text("Новая строка")
    added.get_by_label("Мероприятие").fill(ADDED)
    added.get_by_label("Форма результата").fill("доклад")
    form_rows.nth(2).get_by_label("Удалить").check()
    screenshot("row-added-and-deleted")
    form.get_by_role("button", name="Сохранить").click()
    expect(success_message(page)).to_contain_text("План сохранён.")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(ACTIVITIES[0])
    expect(rows.nth(0)).to_contain_text(mark)
    expect(rows.nth(1)).to_contain_text(ACTIVITIES[1])
    expect(rows.nth(1).get_by_role("button", name="Выполнено")).to_be_visible()
    expect(rows.nth(2)).to_contain_text(ADDED)
    expect(rows.nth(2)).to_contain_text("доклад")
    expect(table).not_to_contain_text(ACTIVITIES[2])
    expect(page.get_by_test_id("plan-goal")).to_have_text(NEW_GOAL)
    screenshot("plan-saved")

    plan = membership.plan
    plan.refresh_from_db()
    assert [(item.activity, item.mentor_mark) for item in plan.items.all()] == [
        (ACTIVITIES[0], "зачтено"),
        (ACTIVITIES[1], ""),
        (ADDED, ""),
    ]


def test_curator_saves_a_plan_as_a_template_and_applies_it_to_a_group(
    page, screenshot, live_server, reference_data, world
):
    pair = pair_with_plan(world)
    organization = world.a.organization
    curator = world.a.users[Role.CURATOR]
    group = pairs.unit_create(
        program=pair.program,
        mentor=pair.mentor,
        mentees=[
            consented(ParticipantFactory(organization=organization, last_name=last_name, birth_date=years_ago(12)))
            for last_name in ("Алексеева", "Борисов")
        ],
        by=curator,
    )
    pairs.unit_submit(unit=group, by=curator)
    pairs.units_approve(units=[group], by=world.a.users[Role.DIRECTOR])
    borisov = group.mentees.get(mentee__last_name="Борисов")
    work_services.plan_save(membership=borisov, by=curator, goal="Свой план Борисова")
    log_in(page, curator)

    # The pair's plan saved as the organization's template.
    page.goto(reverse("plan_detail", args=[pair.mentees.get().pk]))
    page.get_by_role("link", name="Сохранить как шаблон").click()
    expect(page.get_by_label("Название шаблона")).to_have_value(GOAL)
    page.get_by_label("Название шаблона").fill("Математика: до «4»")
    screenshot("save-template")
    page.get_by_role("button", name="Сохранить шаблон").click()
    expect(page).to_have_url(url_pattern(live_server, "plan_template_list"))
    expect(success_message(page)).to_contain_text("Шаблон «Математика: до «4»» сохранён.")
    template = page.get_by_test_id("plan-template")
    expect(template).to_contain_text("шаблон организации")
    template.locator("summary").click()
    expect(template).to_contain_text(ACTIVITIES[2])
    expect(template).to_contain_text("через 21 день после начала")
    screenshot("templates")

    # Applied to the group in one step: Борисов's own plan is kept and the page says so.
    page.goto(reverse("meeting_list", args=[group.pk]))
    page.get_by_role("link", name="Планы по шаблону").click()
    mentees = page.get_by_test_id("template-mentees")
    expect(mentees).to_contain_text("Борисов")
    expect(mentees).to_contain_text("план уже составлен")
    form = page.get_by_test_id("template-apply-form")
    expect(form.get_by_label("Заменить уже составленные планы")).not_to_be_checked()
    screenshot("apply-template")
    form.get_by_role("button", name="Составить планы").click()
    expect(page).to_have_url(url_pattern(live_server, "meeting_list", unit_pk=group.pk))
    expect(success_message(page)).to_contain_text("План по шаблону «Математика: до «4»» составлен: Алексеева")
    expect(page.locator(".alert-warning").first).to_contain_text(
        "Уже составленные планы оставлены без изменений: Борисов"
    )
    screenshot("applied")

    page.get_by_test_id("unit-header").get_by_role("link", name="Алексеева", exact=False).click()
    expect(page.get_by_test_id("plan-goal")).to_have_text(GOAL)
    rows = page.get_by_test_id("plan-items").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text(ACTIVITIES[0])
    expect(rows.nth(0).get_by_role("button", name="Выполнено")).to_be_visible()
    expect(rows.nth(2)).to_contain_text(dotted(today() + datetime.timedelta(days=21)))
    screenshot("written-plan")
    assert borisov.plan.goal == "Свой план Борисова"
