"""The municipal coordinator's journey: the quarter's dashboard, then its XLSX made in the background."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from accounts.models import Role
from tests.e2e.helpers import download, log_in, nav
from tests.indicators.test_dashboard_world import AUTHORITY, SECRET_PUPIL, SECRET_TEACHER, monitoring_world

# monitoring_world: three schools as of 01.10.2026, two of them submitted; see its table.
NBSP = "\u00a0"


def test_coordinator_sees_the_quarter_and_downloads_the_quarterly_xlsx(
    page, screenshot, live_server, reference_data, world
):
    data = monitoring_world(world)
    log_in(page, world.a.users[Role.COORDINATOR])
    screenshot("home")

    nav(page, "Сводка мониторинга", menu="Мониторинг")
    expect(page.get_by_role("heading", name="Сводка мониторинга")).to_be_visible()
    expect(page.get_by_text("на 01.10.2026, срок сдачи 10.10.2026")).to_be_visible()
    expect(page.get_by_test_id("submitted-count")).to_have_text("2 из 3")
    table = page.get_by_test_id("dashboard-table")
    first = table.locator(f'tr[data-organization="{data.first.pk}"]')
    expect(first.locator("td").first).to_have_text("Школа A")
    # 30 % of pupils are mentees (target 25: met), 25 % of teachers trained (target 50: below).
    expect(first.locator("td[data-state]")).to_have_text([f"30,0{NBSP}%", f"25,0{NBSP}%"])
    expect(first.locator("td[data-state]").nth(0)).to_have_attribute("data-state", "meets")
    expect(first.locator("td[data-state]").nth(1)).to_have_attribute("data-state", "below")
    expect(page.get_by_test_id("municipal-row").locator("td[data-state]")).to_have_text(
        [f"20,0{NBSP}%", f"50,0{NBSP}%"]
    )
    expect(page.get_by_test_id("not-submitted")).to_contain_text("СОШ № 3")
    # Numbers only: the names of the school's pupil and teacher never reach the municipality.
    expect(page.locator("main")).not_to_contain_text(SECRET_PUPIL[0])
    expect(page.locator("main")).not_to_contain_text(SECRET_TEACHER[0])
    screenshot("dashboard")

    # The quarterly XLSX: a background job, run at once by the test settings' immediate backend.
    page.get_by_role("button", name="Квартальный отчёт (XLSX)").click()
    expect(page.get_by_role("heading", name="Квартальный отчёт на 01.10.2026")).to_be_visible()
    progress = page.get_by_test_id("job-progress")
    expect(progress).to_have_attribute("data-status", "done")
    expect(progress.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    screenshot("export-job")
    filename, content = download(page, lambda: progress.get_by_role("link", name="Скачать").click())

    assert filename == "Мониторинг ЦМН на 01.10.2026 – Округ A.xlsx"
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    assert sheet.title == "Участие обучающихся"
    assert sheet["A1"].value == "Мониторинг реализации целевой модели наставничества по состоянию на 01.10.2026"
    assert sheet["A2"].value == f"{AUTHORITY} (Округ A)"

    def rows_of(sheet):
        return {row[1]: row for row in sheet.iter_rows(min_row=7, values_only=True) if len(row) > 1 and row[1]}

    # Value (a fraction shown as a percent), target and deviation in points per school, an indicator
    # group per sheet; the late one is «не сдан».
    mentees, trained = rows_of(sheet), rows_of(workbook["Педагоги и работники"])
    assert mentees["Школа A"][3:6] == (0.3, 0.25, 5) and trained["Школа A"][3:6] == (0.25, 0.5, -25)
    assert mentees["СОШ № 2"][3:6] == (0.1, 0.25, -15) and trained["СОШ № 2"][3:6] == (0.75, 0.5, 25)
    assert mentees["СОШ № 3"][2] == "не сдан"
    assert mentees["Итого по муниципалитету"][3:6] == (0.2, 0.25, -5)
    assert trained["Итого по муниципалитету"][3:6] == (0.5, 0.5, 0)
    texts = [str(value) for other in workbook.worksheets for row in other.iter_rows(values_only=True) for value in row]
    assert not any(SECRET_PUPIL[0] in text or SECRET_TEACHER[0] in text for text in texts)

    # The job waits in the list of exports too.
    nav(page, "Выгрузки", menu="Мониторинг")
    expect(page.locator("main")).to_contain_text("Квартальный отчёт на 01.10.2026")
    screenshot("exports")
