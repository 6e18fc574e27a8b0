"""The contest journey: the curator sets up the school's «Лучшая пара» (nominations, criteria, jury),
applies with two pairs and their materials, two jurors score (each seeing only his own scores), the
curator closes it and drafts the results order, whose text names the winners in the right case, and
the director registers it."""

import re

from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring.models import Contest, ContestResult, MentoringUnit
from tests.e2e.helpers import current_program, dotted, log_in, nav, success_message, today, years_ago
from tests.mentoring.factories import PDF_BYTES, ParticipantFactory, StaffFactory, consented, make_unit

PAIRS = [
    (("Громова", "Елена", "Сергеевна", "female", "учитель биологии"), ("Соколова", "Дарья", "Андреевна")),
    (("Ершов", "Павел", "Дмитриевич", "male", "учитель физики"), ("Титов", "Максим", "Олегович")),
]


def working_pairs(world) -> list[MentoringUnit]:
    organization = world.a.organization
    program = current_program(organization, title="Наставничество в 7-х классах")
    units = []
    for (last, first, patronymic, gender, position), (p_last, p_first, p_patronymic) in PAIRS:
        mentor = consented(
            StaffFactory(
                organization=organization,
                last_name=last,
                first_name=first,
                patronymic=patronymic,
                gender=gender,
                position=position,
            )
        )
        pupil = consented(
            ParticipantFactory(
                organization=organization,
                last_name=p_last,
                first_name=p_first,
                patronymic=p_patronymic,
                birth_date=years_ago(13),
            )
        )
        units.append(make_unit(program, mentor=mentor, mentees=[pupil], status=MentoringUnit.Status.ACTIVE))
    return units


def accept_confirm(page: Page) -> None:
    page.once("dialog", lambda dialog: dialog.accept())


def switch_user(page: Page, user) -> None:
    page.context.clear_cookies()
    log_in(page, user)


def score(page: Page, applicant: str, values: tuple[int, int]) -> None:
    page.get_by_test_id("applications").get_by_role("row").filter(has_text=applicant).get_by_role(
        "link", name="Оценить"
    ).click()
    for field, value in zip(page.locator("input[name^=criterion_]").all(), values, strict=True):
        field.fill(str(value))
    page.get_by_role("button", name="Сохранить").click()
    expect(success_message(page)).to_contain_text("Ваши оценки сохранены.")


def test_a_contest_runs_from_nominations_to_the_results_order(page, screenshot, live_server, reference_data, world):
    working_pairs(world)
    curator, mentor, director = (world.a.users[role] for role in (Role.CURATOR, Role.MENTOR, Role.DIRECTOR))
    year = today().year

    # The curator announces the contest with its dates and jury.
    log_in(page, curator)
    nav(page, "Конкурсы", menu="Наставничество")
    page.get_by_role("link", name="Новый конкурс").click()
    page.locator("#id_title").fill("Лучшая пара")
    page.locator("#id_rules").fill("Конкурс проводится среди наставнических пар школы.")
    page.locator("#id_applications_from").fill(f"01.03.{year + 1}")
    page.locator("#id_applications_to").fill(f"01.04.{year + 1}")
    page.locator("#id_judging_until").fill(f"20.04.{year + 1}")
    page.locator("#id_results_on").fill(f"25.04.{year + 1}")
    for juror in (mentor, director):
        page.locator(f"input[name=jury][value='{juror.pk}']").check()
    screenshot("new-contest")
    page.get_by_role("button", name="Сохранить").click()
    expect(success_message(page)).to_contain_text("Конкурс сохранён.")
    expect(page.get_by_test_id("contest-status")).to_have_text("Подготовка")

    # Its nomination and criteria, then the applications open.
    nomination_form = page.get_by_test_id("nomination-form")
    nomination_form.get_by_label("Название").fill("Учитель – ученик")
    nomination_form.get_by_role("button", name="Добавить").click()
    for name, max_score in (("Результаты наставляемого", "10"), ("Качество материалов", "5")):
        criterion_form = page.get_by_test_id("criterion-form")
        criterion_form.get_by_label("Название").fill(name)
        criterion_form.get_by_label("Максимальный балл").fill(max_score)
        criterion_form.get_by_role("button", name="Добавить").click()
    expect(page.get_by_test_id("criteria")).to_contain_text("Качество материалов — до 5 баллов")
    page.get_by_role("button", name="Открыть приём заявок").click()
    expect(page.get_by_test_id("contest-status")).to_have_text("Приём заявок")
    screenshot("contest-open")

    # Two pairs apply, one with a file of materials.
    for number, ((last, *_), _pupil) in enumerate(PAIRS):
        page.get_by_role("link", name="Подать заявку").click()
        page.locator("#id_unit").select_option(label=f"пара: {last} {PAIRS[number][0][1]} {PAIRS[number][0][2]}")
        page.locator("#id_text").fill("Проект «Шаг навстречу»: цели, что сделано, результаты.")
        if number == 0:
            page.locator("#id_file").set_input_files(
                files=[{"name": "проект.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
            )
        page.get_by_role("button", name="Подать").click()
        expect(success_message(page)).to_contain_text("Заявка подана.")
    expect(page.get_by_test_id("applications").get_by_role("row")).to_have_count(3)
    accept_confirm(page)
    page.get_by_role("button", name="Начать оценку").click()
    expect(page.get_by_test_id("contest-status")).to_have_text("Оценка заявок")
    contest_url = page.url

    # The jurors score; each sees only his own total until the contest is closed.
    switch_user(page, mentor)
    page.goto(contest_url)
    score(page, "Громова", (9, 5))
    score(page, "Ершов", (7, 4))
    screenshot("juror-scored")
    switch_user(page, director)
    page.goto(contest_url)
    score(page, "Громова", (10, 5))
    score(page, "Ершов", (6, 3))
    row = page.get_by_test_id("applications").get_by_role("row").filter(has_text="Громова")
    expect(row).to_contain_text("15")
    expect(row).not_to_contain_text("14")  # the mentor's total is not shown to the director

    # The curator closes the contest: the results and the rule they follow.
    switch_user(page, curator)
    page.goto(contest_url)
    expect(page.get_by_test_id("jury")).to_contain_text("выставлено оценок: 4 из 4")
    accept_confirm(page)
    page.get_by_role("button", name="Завершить и подвести итоги").click()
    expect(success_message(page)).to_contain_text("Конкурс завершён, итоги зафиксированы.")
    results = page.get_by_test_id("results")
    expect(results.get_by_role("row").nth(1)).to_contain_text("Громова Елена Сергеевна")
    expect(results.get_by_role("row").nth(1)).to_contain_text("14,50")
    expect(results.get_by_role("row").nth(2)).to_contain_text("10,00")
    expect(page.get_by_test_id("results-rule")).to_contain_text("равные результаты делят место")
    screenshot("results")

    # The results order, drafted from the results: the names in the accusative, agreeing with gender.
    page.get_by_role("button", name="Подготовить приказ об итогах").click()
    expect(success_message(page)).to_contain_text("Проект приказа об итогах подготовлен")
    document = page.locator("main")
    expect(document).to_contain_text("Об итогах конкурса «Лучшая пара»")
    expect(document).to_contain_text("Громову Елену Сергеевну, учителя биологии, и Соколову Дарью Андреевну")
    expect(document).to_contain_text("Ершова Павла Дмитриевича, учителя физики, и Титова Максима Олеговича")
    screenshot("results-order")
    order_url = page.url

    # The director signs it: registered with its number.
    switch_user(page, director)
    page.goto(order_url)
    page.get_by_test_id("order-actions").get_by_role("link", name="Зарегистрировать").click()
    page.get_by_role("button", name="Зарегистрировать").click()
    expect(success_message(page)).to_contain_text(f"Приказ зарегистрирован: № 1-ОД от {dotted(today())}")
    screenshot("results-order-registered")

    contest = Contest.objects.get()
    assert contest.status == Contest.Status.CLOSED and contest.results_order.number == "1-ОД"
    assert sorted(ContestResult.objects.values_list("place", flat=True)) == [1, 2]
    assert re.search(r"занявших I место", " ".join(item["text"] for item in contest.results_order.items))
