"""The quarterly XLSX of a hand-made municipality (tests/indicators/test_dashboard_world.py): the
cells, their formats, the legend, the print settings and the signature a coordinator sends upward."""

import io
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from accounts.models import Role
from mentoring.models import MentoringForm, MentoringUnit
from monitoring.indicators.models import Indicator, Submission
from reports.figures_sheet import (
    COUNT_FORMAT,
    NO_VALUE,
    PERCENT_FORMAT,
    POINTS_FORMAT,
    SMALLEST_SCALE,
    printed_scale,
    sheet_title,
)
from reports.quarterly import QuarterlyExporter
from tests.accounts.factories import OrganizationFactory, UserFactory
from tests.indicators.test_dashboard_world import AUTHORITY, SECRET_PUPIL, SECRET_TEACHER, monitoring_world
from tests.mentoring.factories import ProgramFactory, make_unit

pytestmark = pytest.mark.django_db

VALUE_SHEETS = ["Участие обучающихся", "Педагоги и работники"]
COUNT_SHEETS = ["Расчёт. Участие обучающихся", "Расчёт. Педагоги и работники"]


@pytest.fixture
def data(world):
    coordinator = world.a.users[Role.COORDINATOR]
    coordinator.last_name, coordinator.first_name, coordinator.patronymic = "Соколова", "Марина", "Викторовна"
    coordinator.save()
    return monitoring_world(world)


def render(world, data, **context) -> bytes:
    filename, content_type, content = QuarterlyExporter().render(
        {"municipality": world.a.municipality, "period": data.period, **context}
    )
    assert filename == "Мониторинг ЦМН на 01.10.2026 – Округ A.xlsx"
    assert content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return content


@pytest.fixture
def workbook(world, data):
    return load_workbook(io.BytesIO(render(world, data)))


def rows_by_name(sheet) -> dict[str, tuple]:
    return {row[1]: row for row in sheet.iter_rows(values_only=True) if len(row) > 1 and row[1]}


def cells_by_name(sheet) -> dict[str, tuple]:
    return {row[1].value: row for row in sheet.iter_rows() if len(row) > 1 and row[1].value}


def texts(sheet) -> list[str]:
    return [value for row in sheet.iter_rows(values_only=True) for value in row if isinstance(value, str)]


def test_title_names_the_date_and_the_authority(workbook):
    sheet = workbook.worksheets[0]
    assert sheet["A1"].value == "Мониторинг реализации целевой модели наставничества по состоянию на 01.10.2026"
    assert sheet["A2"].value == f"{AUTHORITY} (Округ A)"
    assert "срок сдачи 10.10.2026" in sheet["A3"].value


def test_sheets_of_values_by_group_then_counts_pairs_and_the_legend(workbook):
    assert workbook.sheetnames == [*VALUE_SHEETS, *COUNT_SHEETS, "Пары и группы", "Показатели"]


def test_one_row_per_organization_with_value_target_and_deviation(workbook):
    sheet = workbook["Участие обучающихся"]
    assert [sheet.cell(5, column).value for column in (1, 2, 3, 4)] == [
        "№",
        "Организация",
        "Отправлено",
        "Наставляемые",
    ]
    assert [sheet.cell(6, column).value for column in range(4, 7)] == [
        "значение",
        "целевое значение",
        "отклонение п.\N{NO-BREAK SPACE}п.",
    ]
    assert "D5:F5" in sheet.merged_cells and "B5:B6" in sheet.merged_cells
    rows = rows_by_name(sheet)
    # Percents are the fractions themselves: 30 % is 0.3, shown «30,0%» by the cell's format.
    assert rows["Школа A"][3:6] == (0.3, 0.25, 5)
    assert rows["СОШ № 2"][3:6] == (0.1, 0.25, -15)
    assert rows["СОШ № 3"][2] == "не сдан"
    # No contingent, no value: a dash, never a blank cell.
    assert rows["СОШ № 3"][3:6] == (NO_VALUE, 0.25, NO_VALUE)
    cells = cells_by_name(sheet)
    first = cells["Школа A"]
    assert first[3].number_format == PERCENT_FORMAT and first[4].number_format == PERCENT_FORMAT
    assert first[5].number_format == POINTS_FORMAT
    assert first[2].number_format == "DD.MM.YYYY"
    assert cells["СОШ № 3"][3].data_type == "s"
    staff = rows_by_name(workbook["Педагоги и работники"])
    assert staff["Школа A"][3:6] == (0.25, 0.5, -25)
    assert staff["СОШ № 2"][3:6] == (0.75, 0.5, 25)


def test_no_literal_percent_sign_in_any_number_format(workbook):
    formats = {cell.number_format for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row}
    assert PERCENT_FORMAT in formats
    assert not any('"%"' in number_format for number_format in formats)


def test_a_value_that_does_not_divide_evenly_keeps_its_digits(world, data):
    submission = Submission.objects.get(organization=data.second)
    submission.values["t-mentees"].update(numerator=1, denominator=3, value="33.33333333")
    submission.save()
    rows = rows_by_name(load_workbook(io.BytesIO(render(world, data)))["Участие обучающихся"])
    assert rows["СОШ № 2"][3] == pytest.approx(1 / 3, abs=1e-12)


def test_municipal_totals_and_averages(workbook):
    rows = rows_by_name(workbook["Участие обучающихся"])
    # 40 of 200 pupils = 20 %; 40 of 80 teachers = 50 %.
    assert rows["Итого по муниципалитету"][3:6] == (0.2, 0.25, -5)
    assert rows["Среднее по организациям"][3] == 0.2
    staff = rows_by_name(workbook["Педагоги и работники"])
    assert staff["Итого по муниципалитету"][3:6] == (0.5, 0.5, 0)
    assert staff["Среднее по организациям"][3] == 0.5


def test_counts_are_integers_and_a_count_indicator_is_not_a_percent(world, data):
    partners = Indicator.objects.create(
        code="t-partners",
        short_name="Партнёры",
        name="Число предприятий, предоставивших наставников",
        group=Indicator.Group.PARTNERS,
        unit=Indicator.Unit.COUNT,
        source=Indicator.Source.PARTNERS,
        role=Indicator.Role.MENTOR,
        position=3,
    )
    submission = Submission.objects.get(organization=data.first)
    submission.values[partners.code] = {"numerator": 3, "denominator": None, "value": "3", "applicable": True}
    submission.save()
    workbook = load_workbook(io.BytesIO(render(world, data)))
    cells = cells_by_name(workbook["Партнёры"])
    assert [cell.value for cell in cells["Школа A"][3:6]] == [3, NO_VALUE, NO_VALUE]
    assert isinstance(cells["Школа A"][3].value, int) and cells["Школа A"][3].number_format == COUNT_FORMAT
    counts = cells_by_name(workbook["Расчёт. Участие обучающихся"])
    assert [cell.value for cell in counts["Школа A"][3:6]] == [30, 100, 0.3]
    assert [cell.number_format for cell in counts["Школа A"][3:6]] == [COUNT_FORMAT, COUNT_FORMAT, PERCENT_FORMAT]
    assert [cell.value for cell in counts["Итого по муниципалитету"][3:6]] == [40, 200, 0.2]


def test_frozen_header_and_print_setup_on_every_sheet(workbook):
    for name in [*VALUE_SHEETS, *COUNT_SHEETS, "Пары и группы"]:
        sheet = workbook[name]
        assert sheet.freeze_panes == "D7"
        assert sheet.print_title_rows == "$5:$6"
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.oddFooter.center.text == "Страница &P из &N"


def column_widths(sheet) -> list[float]:
    return [sheet.column_dimensions[get_column_letter(column)].width for column in range(1, sheet.max_column + 1)]


def test_every_shipped_indicator_prints_one_page_wide_at_a_legible_scale(world, data):
    """The seeds' eleven indicators beside the world's own: a group too wide for one legible page
    is split over sheets, and every indicator heads a column of values exactly once."""
    Indicator.objects.update(active=True)
    workbook = load_workbook(io.BytesIO(render(world, data)))
    active = list(Indicator.objects.filter(active=True).order_by("position", "code"))
    headed = []
    for sheet in workbook.worksheets:
        assert printed_scale(column_widths(sheet)) >= SMALLEST_SCALE, sheet.title
        if sheet.cell(6, 4).value == "значение":
            headed += [sheet.cell(5, column).value for column in range(4, sheet.max_column + 1, 3)]
    assert sorted(headed) == sorted(indicator.short_name for indicator in active)
    assert {"Участие обучающихся (2)", "Расчёт. Участие обучающихся (2)"} <= set(workbook.sheetnames)


def test_a_long_name_gets_a_row_tall_enough_to_print(world, data):
    long_name = "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 2»"
    OrganizationFactory(municipality=world.a.municipality, short_name=long_name)
    workbook = load_workbook(io.BytesIO(render(world, data)))
    for sheet in workbook.worksheets[:-1]:
        row = next(cells[1].row for cells in sheet.iter_rows(min_row=7) if cells[1].value == long_name)
        width = sheet.column_dimensions["B"].width
        lines = sheet.row_dimensions[row].height / 15
        assert lines * width * 1.1 >= len(long_name), sheet.title
        # A short name keeps the default height.
        short = next(cells[1].row for cells in sheet.iter_rows(min_row=7) if cells[1].value == "Школа A")
        assert sheet.row_dimensions[short].height is None
    # The seeds' official wordings run over several lines of the legend.
    Indicator.objects.update(active=True)
    legend = load_workbook(io.BytesIO(render(world, data)))["Показатели"]
    long_rows = [row for row in range(4, legend.max_row + 1) if len(legend.cell(row, 3).value) > 70]
    assert long_rows
    for row in long_rows:
        assert legend.row_dimensions[row].height >= 30


def test_a_long_sheet_name_keeps_its_part_number():
    assert sheet_title("Расчёт – Участие обучающихся (12)") == "Расчёт – Участие обучающи… (12)"
    assert sheet_title("Пары и группы (2)") == "Пары и группы (2)"
    assert sheet_title("Очень длинное название группы показателей") == "Очень длинное название группы…"


def test_header_cells_carry_the_official_wording(workbook):
    header = workbook["Участие обучающихся"]["D5"]
    assert header.value == "Наставляемые"
    assert header.comment is not None
    assert header.comment.text.startswith("Доля обучающихся в роли наставляемого")
    assert workbook["Расчёт. Педагоги и работники"]["D5"].comment.text.startswith(
        "Доля работников, обученных наставничеству"
    )


def test_legend_sheet_lists_every_indicator(workbook, data):
    sheet = workbook["Показатели"]
    rows = list(sheet.iter_rows(values_only=True))
    header = next(index for index, row in enumerate(rows) if row[0] == "Код")
    assert rows[header] == (
        "Код",
        "Краткое наименование",
        "Наименование показателя",
        "Единица измерения",
        "Как считается",
    )
    by_code = {row[0]: row for row in rows[header + 1 :]}
    assert by_code.keys() == {"t-mentees", "t-trained"}
    assert by_code["t-mentees"][1:4] == ("Наставляемые", "Доля обучающихся в роли наставляемого", "процент")
    assert by_code["t-trained"][4] == NO_VALUE  # no description written in the admin


def test_signed_by_the_municipal_coordinator(workbook):
    for name in VALUE_SHEETS:
        lines = texts(workbook[name])
        assert "Исполнитель: Соколова Марина Викторовна, тел. __________" in lines
        assert "Муниципальный координатор" in lines and "М. В. Соколова" in lines
        # The signature follows the figures.
        assert lines.index("Итого по муниципалитету") < lines.index("М. В. Соколова")


def test_the_user_who_asked_is_the_executor(world, data):
    asked = UserFactory(username="asked", last_name="Орлова", first_name="Анна", patronymic="")
    workbook = load_workbook(io.BytesIO(render(world, data, executor=asked)))
    lines = texts(workbook[VALUE_SHEETS[0]])
    assert "Исполнитель: Орлова Анна, тел. __________" in lines and "А. Орлова" in lines


def test_without_a_coordinator_the_blanks_are_left_to_fill(world, data):
    world.a.users[Role.COORDINATOR].memberships.all().delete()
    lines = texts(load_workbook(io.BytesIO(render(world, data)))[VALUE_SHEETS[0]])
    assert "Исполнитель: ____________________, тел. __________" in lines


def test_pairs_and_groups_sheet(workbook):
    sheet = workbook["Пары и группы"]
    rows = rows_by_name(sheet)
    # Школа A's one active pair with one mentee and one mentor, started on 01.09.2026.
    assert rows["Школа A"][3:6] == (1, 0, 0)
    assert rows["Школа A"][9:11] == (1, 1)
    assert rows["СОШ № 3"][3:6] == (0, 0, 0)
    assert rows["Итого по муниципалитету"][9:11] == (1, 1)
    # Satisfaction is a percent: no answers, no value.
    assert rows["Школа A"][13:15] == (NO_VALUE, NO_VALUE)


def test_a_name_that_looks_like_a_formula_stays_text(world, data):
    OrganizationFactory(municipality=world.a.municipality, short_name='=HYPERLINK("http://x.invalid","Школа")')
    workbook = load_workbook(io.BytesIO(render(world, data)))
    for sheet in workbook.worksheets[:-1]:
        name = next(cells[1] for cells in sheet.iter_rows(min_row=7) if str(cells[1].value).startswith("=HYPERLINK"))
        assert name.data_type == "s" and name.quotePrefix, sheet.title
        assert name.border.left.style == "thin"


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


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_it_with_page_numbers(world, data, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    source = tmp_path / "quarterly.xlsx"
    source.write_bytes(render(world, data))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "quarterly.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Страница 1 из" in text
    assert "30,0%" in text or "30.0%" in text
    assert "М. В. Соколова" in text


def test_many_forms_go_on_over_further_pairs_sheets_still_legible(world, data):
    forms = list(MentoringForm.objects.all())
    assert len(forms) >= 3
    for form in forms:
        make_unit(ProgramFactory(organization=data.first, form=form), status=MentoringUnit.Status.ACTIVE)
    workbook = load_workbook(io.BytesIO(render(world, data)))
    pairs = [sheet for sheet in workbook.worksheets if sheet.title.startswith("Пары и группы")]
    assert len(pairs) > 1
    headed = []
    for sheet in pairs:
        assert printed_scale(column_widths(sheet)) >= SMALLEST_SCALE, sheet.title
        assert sheet.print_title_rows == "$5:$6"
        headed += [sheet.cell(5, column).value for column in range(4, sheet.max_column + 1)]
    assert sorted(name for name in headed if name in {form.name for form in forms}) == sorted(
        form.name for form in forms
    )
    # Evened out: the last sheet is not left with a scrap.
    spans = [sheet.max_column - 3 for sheet in pairs]
    assert min(spans) * 2 >= max(spans), spans
    # Every sheet of the run keeps the organizations and the total.
    assert all("Итого по муниципалитету" in rows_by_name(sheet) for sheet in pairs)
