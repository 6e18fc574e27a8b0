"""The curator's journey: a class from XLSX, a mentor by hand, consents, matching, pairs sent for approval."""

import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from accounts.models import Role
from mentoring.academic_year import academic_year_label
from mentoring.models import MentoringUnit
from mentoring.registry import importing
from tests.e2e.helpers import current_program, dotted, log_in, nav, success_message, today, url_pattern, years_ago

PUPILS = [
    ("Соколова", "Дарья", "Андреевна", "Соколова Ирина Павловна"),
    ("Ершов", "Максим", "Олегович", "Ершова Анна Викторовна"),
    ("Лаптева", "Вера", "Игоревна", "Лаптев Игорь Семёнович"),
]
MENTOR = ("Громова", "Елена", "Сергеевна")


def class_workbook() -> bytes:
    """Class 7Б as a curator fills in the template: headers in row 1, one pupil per row."""
    workbook = Workbook()
    sheet = workbook.active
    headers = ["Категория", "Фамилия", "Имя", "Отчество", "Дата рождения", "Класс или группа"]
    headers += ["Родитель или законный представитель", "Реестр", "Запрос или компетенции"]
    sheet.append(headers)
    for number, (last_name, first_name, patronymic, guardian) in enumerate(PUPILS):
        born = years_ago(13).replace(month=1 + number)
        row = ["обучающийся", last_name, first_name, patronymic, born, "7Б", guardian, "наставляемый"]
        sheet.append([*row, "подтянуть математику"])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def full_name(person: tuple[str, ...]) -> str:
    return " ".join(person[:3])


def record_consent(page: Page, screenshot, name: str, label: str, representative: str = "") -> None:
    """From the list of participants: the person's page, the consent form (pre-filled), saved.
    ``representative``: the parent the form must name as the signer of a minor's consent."""
    nav(page, "Реестры", menu="Участники")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    page.get_by_role("link", name="Внести согласие").click()
    expect(page.get_by_role("heading", name="Внести согласие")).to_be_visible()
    expect(page.locator("#id_representative_name")).to_have_value(representative)
    if screenshot is not None:
        screenshot(f"consent-{label}")
    page.get_by_role("button", name="Сохранить").click()
    expect(success_message(page)).to_contain_text("Согласие внесено.")


def test_curator_imports_a_class_adds_a_mentor_records_consents_matches_and_submits_pairs(
    page, screenshot, live_server, reference_data, world
):
    curator = world.a.users[Role.CURATOR]
    program = current_program(world.a.organization, title="Наставничество в 7-х классах")
    log_in(page, curator)
    screenshot("home")

    # Import: the class from an XLSX file, checked on the preview, then confirmed.
    nav(page, "Реестры", menu="Участники")
    page.get_by_role("link", name="Импорт из XLSX").click()
    expect(page.get_by_role("heading", name="Импорт участников из XLSX")).to_be_visible()
    page.locator("input[name=file]").set_input_files(
        {"name": "7Б.xlsx", "mimeType": importing.XLSX_CONTENT_TYPE, "buffer": class_workbook()}
    )
    screenshot("import-upload")
    page.get_by_role("button", name="Загрузить и проверить").click()
    expect(page).to_have_url(url_pattern(live_server, "registry_import_preview"))
    expect(page.get_by_test_id("import-summary")).to_contain_text("3 строки, из них с ошибками 0")
    table = page.get_by_test_id("import-table")
    for pupil in PUPILS:
        expect(table).to_contain_text(pupil[0])
    screenshot("import-preview")
    page.get_by_test_id("import-confirm").get_by_role("button").click()
    expect(page).to_have_url(url_pattern(live_server, "participant_list"))
    expect(success_message(page)).to_contain_text("Импортировано участников: 3.")
    for pupil in PUPILS:
        expect(page.get_by_role("link", name=full_name(pupil), exact=True)).to_be_visible()
    screenshot("participants-imported")

    # A mentor by hand: the participant, then the line of the mentor registry.
    page.get_by_role("link", name="Добавить участника").click()
    page.locator("#id_category").select_option(label="педагог или другой работник")
    page.locator("#id_last_name").fill(MENTOR[0])
    page.locator("#id_first_name").fill(MENTOR[1])
    page.locator("#id_patronymic").fill(MENTOR[2])
    page.locator("#id_birth_date").fill(dotted(years_ago(41)))
    page.locator("#id_position").fill("учитель математики")
    page.locator("#id_teaching_since").fill(dotted(years_ago(18)))
    page.locator("#id_email").fill("gromova@example.test")
    screenshot("mentor-form")
    page.get_by_role("button", name="Сохранить").click()
    expect(success_message(page)).to_contain_text(f"{full_name(MENTOR)} добавлена.")
    page.get_by_role("link", name="Внести в реестр наставников").click()
    page.locator("#id_competencies").fill("подготовка к олимпиадам по математике")
    screenshot("mentor-registry-entry")
    page.get_by_role("button", name="Сохранить").click()
    expect(success_message(page)).to_contain_text("Запись реестра сохранена.")
    # The entry went to the registry of this academic year, where the program's matching looks.
    entry = page.get_by_role("row").filter(has_text="подготовка к олимпиадам")
    expect(entry).to_contain_text(academic_year_label(program.academic_year))
    screenshot("mentor-added")

    # Consents: the mentor signs his own, each pupil's is signed by the parent named in the file.
    record_consent(page, screenshot, full_name(MENTOR), "mentor")
    for number, pupil in enumerate(PUPILS, start=1):
        # The form is the same for every pupil: one picture of it is enough.
        shot = screenshot if number == 1 else None
        record_consent(page, shot, full_name(pupil), f"pupil-{number}", representative=pupil[3])
    nav(page, "Реестры", menu="Участники")
    for person in [MENTOR, *PUPILS]:
        row = page.get_by_role("row").filter(has=page.get_by_role("link", name=full_name(person), exact=True))
        expect(row).to_contain_text("Действует")
    screenshot("consents-recorded")

    # Matching: every pupil is suggested the new mentor; all suggestions become draft pairs.
    nav(page, "Подбор наставников", menu="Наставничество")
    year = academic_year_label(program.academic_year)
    page.get_by_label("Программа").select_option(label=f"{program.title} · {program.form.name} · {year}")
    page.get_by_role("button", name="Показать предложения").click()
    expect(page.get_by_test_id("matching-summary")).to_contain_text("Предложено пар: 3")
    suggestions = page.get_by_test_id("suggestions")
    for pupil in PUPILS:
        row = suggestions.locator("tr", has_text=pupil[0])
        expect(row).to_contain_text(MENTOR[0])
    screenshot("matching")
    page.get_by_role("button", name="Принять все (3)").click()
    expect(success_message(page)).to_contain_text("Создано черновиков пар и групп: 3.")
    screenshot("matching-accepted")

    # Each draft is sent to the director from the list of the program's drafts, which empties.
    page.get_by_role("link", name="Черновики пар и групп программы").click()
    drafts = page.url
    for number, pupil in enumerate(PUPILS, start=1):
        page.goto(drafts)
        page.get_by_test_id("unit-table").get_by_role("row", name=pupil[0]).get_by_role("link").click()
        expect(page.get_by_test_id("unit-mentees")).to_contain_text(full_name(pupil))
        page.get_by_role("button", name="Отправить на утверждение").click()
        expect(success_message(page)).to_contain_text("Отправлено директору на утверждение.")
        if number == 1:
            screenshot("pair-submitted")
    page.goto(drafts)
    expect(page.get_by_test_id("unit-table")).to_contain_text("Нет пар и групп, подходящих под фильтры.")
    page.goto(f"{reverse('unit_list')}?program={program.pk}")
    for pupil in PUPILS:
        expect(page.get_by_test_id("unit-table").get_by_role("row", name=pupil[0])).to_contain_text("На утверждении")
    screenshot("pairs-submitted")

    submitted = MentoringUnit.objects.filter(program=program, status=MentoringUnit.Status.SUBMITTED)
    assert sorted(submitted.values_list("mentees__mentee__last_name", flat=True)) == sorted(p[0] for p in PUPILS)
    assert set(submitted.values_list("mentor__last_name", flat=True)) == {MENTOR[0]}
    assert all(timezone.localdate(unit.submitted_at) == today() for unit in submitted)
