"""The quarterly XLSX of a hand-made municipality (tests/indicators/test_dashboard_world.py)."""

import io

import pytest
from openpyxl import load_workbook

from reports.quarterly import DEVIATION_FORMAT, PERCENT_FORMAT, QuarterlyExporter
from tests.indicators.test_dashboard_world import AUTHORITY, SECRET_PUPIL, SECRET_TEACHER, monitoring_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    return monitoring_world(world)


@pytest.fixture
def workbook(world, data):
    filename, content_type, content = QuarterlyExporter().render(
        {"municipality": world.a.municipality, "period": data.period}
    )
    assert filename == "Мониторинг ЦМН на 01.10.2026 – Округ A.xlsx"
    assert content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(content))


def rows_by_name(sheet) -> dict[str, tuple]:
    return {row[1]: row for row in sheet.iter_rows(values_only=True) if row[1]}


def test_title_names_the_date_and_the_authority(workbook):
    sheet = workbook.worksheets[0]
    assert sheet["A1"].value == "Мониторинг реализации целевой модели наставничества по состоянию на 01.10.2026"
    assert sheet["A2"].value == f"{AUTHORITY} (Округ A)"
    assert "срок сдачи 10.10.2026" in sheet["A3"].value


def test_one_row_per_organization_with_value_target_and_deviation(workbook):
    sheet = workbook.worksheets[0]
    assert sheet.title == "Показатели"
    assert [sheet.cell(5, column).value for column in (1, 2, 3, 4, 7)] == [
        "№",
        "Организация",
        "Отправлено",
        "Наставляемые",
        "Обученные",
    ]
    assert [sheet.cell(6, column).value for column in range(4, 10)] == [
        "значение",
        "целевое значение",
        "отклонение п. п.",
        "значение",
        "целевое значение",
        "отклонение п. п.",
    ]
    rows = rows_by_name(sheet)
    assert rows["Школа A"][3:9] == (30, 25, 5, 25, 50, -25)
    assert rows["СОШ № 2"][3:9] == (10, 25, -15, 75, 50, 25)
    assert rows["СОШ № 3"][2] == "не сдан"
    assert rows["СОШ № 3"][3:9] == ("—", 25, "—", "—", 50, "—")
    # Numbers are numbers, percents formatted the same everywhere.
    first = next(row for row in sheet.iter_rows(min_row=7) if row[1].value == "Школа A")
    assert isinstance(first[3].value, int | float)
    assert first[3].number_format == PERCENT_FORMAT and first[4].number_format == PERCENT_FORMAT
    assert first[5].number_format == DEVIATION_FORMAT
    assert first[2].number_format == "DD.MM.YYYY"


def test_municipal_totals_and_averages(workbook):
    rows = rows_by_name(workbook.worksheets[0])
    # 40 of 200 pupils = 20 %; 40 of 80 teachers = 50 %.
    assert rows["Итого по муниципалитету"][3:9] == (20, 25, -5, 50, 50, 0)
    assert rows["Среднее по организациям"][3] == 20 and rows["Среднее по организациям"][6] == 50


def test_frozen_header_and_print_setup_on_every_sheet(workbook):
    assert workbook.worksheets[0].freeze_panes == "D7"
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "D7"
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_a_sheet_per_group_with_the_counts(workbook):
    names = workbook.sheetnames
    groups = ["Участие обучающихся", "Педагоги и работники"]
    assert names[1:] == [*groups, "Пары и группы"]
    participation = workbook.worksheets[1]
    rows = rows_by_name(participation)
    assert rows["Школа A"][3:6] == (30, 100, 30)
    assert rows["Итого по муниципалитету"][3:6] == (40, 200, 20)
    staff = rows_by_name(workbook.worksheets[2])
    assert staff["СОШ № 2"][3:6] == (30, 40, 75)


def test_pairs_and_groups_sheet(workbook):
    sheet = workbook.worksheets[-1]
    assert sheet.title == "Пары и группы"
    rows = rows_by_name(sheet)
    # Школа A's one active pair with one mentee and one mentor, started on 01.09.2026.
    assert rows["Школа A"][3:6] == (1, 0, 0)
    assert rows["Школа A"][9:11] == (1, 1)
    assert rows["СОШ № 3"][3:6] == (0, 0, 0)
    assert rows["Итого по муниципалитету"][9:11] == (1, 1)


def test_no_personal_data_in_any_cell(workbook):
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    for part in (*SECRET_PUPIL, *SECRET_TEACHER):
        assert not any(part in cell for cell in cells)
