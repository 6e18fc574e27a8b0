"""The quarterly XLSX of a whole region: a row per municipality against its own targets, the region
pooled in total, a municipality without the period listed, no names, the municipal report's looks;
and its command."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from monitoring.indicators.models import Indicator, ReportingPeriod, Target
from reports.figures_sheet import NO_VALUE
from reports.quarterly import QuarterlyExporter
from reports.regional import RegionQuarterlyExporter, latest_reporting_date
from tests.accounts.factories import MunicipalityFactory, UserFactory
from tests.helpers import assert_queries_constant
from tests.indicators.factories import PeriodFactory
from tests.indicators.test_dashboard_world import (
    REPORTING_DATE,
    SECRET_PUPIL,
    SECRET_TEACHER,
    monitoring_world,
    submitted_school,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def region(world):
    """Округ A of the dashboard's world (20 % and 50 %), Округ C of the same region with one school
    (60 of 100 pupils, 20 of 40 teachers; its own target 20 %), and Округ D without the period."""
    data = monitoring_world(world)
    region = world.a.municipality.region
    other = MunicipalityFactory(region=region, name="Округ C")
    period = PeriodFactory(municipality=other, reporting_date=REPORTING_DATE)
    submitted_school(other, period, "Гимназия C", mentees=(60, 100), trained=(20, 40))
    Target.objects.create(municipality=other, indicator=data.mentees, year=2026, value=20)
    MunicipalityFactory(region=region, name="Округ D")
    return region


def workbook_of(region, **context):
    name, _type, content = RegionQuarterlyExporter().render(
        {"region": region, "reporting_date": REPORTING_DATE, **context}
    )
    assert name == f"Мониторинг ЦМН на 01.10.2026 – {region.name}.xlsx"
    return load_workbook(io.BytesIO(content))


def rows_of(region, sheet="Участие обучающихся") -> list[tuple]:
    return list(workbook_of(region)[sheet].iter_rows(values_only=True))


def by_name(rows) -> dict[str, tuple]:
    return {row[1]: row for row in rows if len(row) > 1 and row[1]}


def test_a_row_per_municipality_against_its_own_targets(region):
    rows = rows_of(region)
    assert rows[0][0] == "Мониторинг реализации целевой модели наставничества по состоянию на 01.10.2026"
    assert rows[4][:5] == ("№", "Муниципалитет", "Организации", "Отправлено", "Наставляемые")
    assert rows[5][4:7] == ("значение", "целевое значение", "отклонение п.\N{NO-BREAK SPACE}п.")
    participation = by_name(rows)
    # Округ A: 40 of 200 pupils (target 25 %), two of its three schools submitted; percents are fractions.
    assert participation["Округ A"][2:7] == (3, 2, 0.2, 0.25, -5)
    # Округ C: its own target of 20 %.
    assert participation["Округ C"][2:7] == (1, 1, 0.6, 0.2, 40)
    assert participation["Округ D"][2:7] == (
        "нет отчётного периода на эту дату",
        NO_VALUE,
        NO_VALUE,
        NO_VALUE,
        NO_VALUE,
    )
    staff = by_name(rows_of(region, "Педагоги и работники"))
    # 40 of 80 teachers trained (target 50 %); Округ C has no target for them: a dash, not a blank.
    assert staff["Округ A"][4:7] == (0.5, 0.5, 0)
    assert staff["Округ C"][4:7] == (0.5, NO_VALUE, NO_VALUE)


def test_the_region_in_total_pools_the_organizations(region):
    total = by_name(rows_of(region))["Регион в целом"]
    # (40 + 60) of (200 + 100) pupils; (40 + 20) of (80 + 40) teachers; no regional target.
    assert total[2:4] == (4, 3)
    assert total[4] == pytest.approx(1 / 3, abs=1e-4)
    assert total[5:7] == (NO_VALUE, NO_VALUE)
    assert by_name(rows_of(region, "Педагоги и работники"))["Регион в целом"][4:7] == (0.5, NO_VALUE, NO_VALUE)


def style_of(cell) -> tuple:
    return (cell.number_format, cell.font.b, cell.fill.fgColor.rgb, cell.border.left.style, cell.alignment.horizontal)


def test_it_looks_like_the_municipal_report(world, region):
    """The same number formats, borders, fills, headers, comments and print settings as a
    municipality's report, column for column of the same indicator."""
    municipal = load_workbook(
        io.BytesIO(
            QuarterlyExporter().render(
                {
                    "municipality": world.a.municipality,
                    "period": ReportingPeriod.objects.get(municipality=world.a.municipality),
                }
            )[2]
        )
    )
    regional = workbook_of(region)
    assert regional.sheetnames == ["Участие обучающихся", "Педагоги и работники", "Показатели"]
    for name in ("Участие обучающихся", "Педагоги и работники"):
        ours, theirs = municipal[name], regional[name]
        # Three lead columns there, four here: the indicator's block starts one column later.
        for row in (5, 6):
            assert [ours.cell(row, column).value for column in range(4, 7)] == [
                theirs.cell(row, column).value for column in range(5, 8)
            ]
            assert [style_of(ours.cell(row, column)) for column in range(4, 7)] == [
                style_of(theirs.cell(row, column)) for column in range(5, 8)
            ]
        assert ours["D5"].comment.text == theirs["E5"].comment.text
        first_ours = next(row for row in ours.iter_rows(min_row=7) if row[1].value == "Школа A")
        first_theirs = next(row for row in theirs.iter_rows(min_row=7) if row[1].value == "Округ A")
        assert [style_of(cell) for cell in first_ours[3:6]] == [style_of(cell) for cell in first_theirs[4:7]]
        total_ours = next(row for row in ours.iter_rows(min_row=7) if row[1].value == "Итого по муниципалитету")
        total_theirs = next(row for row in theirs.iter_rows(min_row=7) if row[1].value == "Регион в целом")
        # The region has no targets of its own: compare the values.
        assert style_of(total_ours[3]) == style_of(total_theirs[4])
        # «—» where there is no value, the same text cell in both.
        none_ours = next(row for row in ours.iter_rows(min_row=7) if row[1].value == "СОШ № 3")[3]
        none_theirs = next(row for row in theirs.iter_rows(min_row=7) if row[1].value == "Округ D")[4]
        assert (none_ours.value, none_ours.data_type, style_of(none_ours)) == (
            none_theirs.value,
            none_theirs.data_type,
            style_of(none_theirs),
        )
        for sheet in (ours, theirs):
            assert sheet.print_title_rows == "$5:$6"
            assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
            assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
            assert sheet.oddFooter.center.text == "Страница &P из &N"
    assert regional["Показатели"].max_row == municipal["Показатели"].max_row


def test_the_executor_line_and_the_signature(region):
    cells = [value for row in rows_of(region) for value in row if isinstance(value, str)]
    assert "Исполнитель: ____________________, тел. __________" in cells
    asked = UserFactory(username="regional", last_name="Орлова", first_name="Анна", patronymic="Павловна")
    sheet = workbook_of(region, executor=asked)["Участие обучающихся"]
    cells = [value for row in sheet.iter_rows(values_only=True) for value in row if isinstance(value, str)]
    assert "Исполнитель: Орлова Анна Павловна, тел. __________" in cells and "А. П. Орлова" in cells


def test_other_regions_and_names_stay_out(world, region):
    workbook = workbook_of(region)
    cells = " ".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    assert world.b.municipality.name not in cells
    for part in (*SECRET_PUPIL, *SECRET_TEACHER):
        assert part not in cells


def test_the_queries_do_not_grow_with_the_municipalities(region):
    def render():
        RegionQuarterlyExporter().render({"region": region, "reporting_date": REPORTING_DATE})

    def grow():
        for name in ("Округ E", "Округ F"):
            other = MunicipalityFactory(region=region, name=name)
            period = PeriodFactory(municipality=other, reporting_date=REPORTING_DATE)
            submitted_school(other, period, f"Школа {name}")
            Target.objects.create(
                municipality=other, indicator=Indicator.objects.get(code="t-mentees"), year=2026, value=20
            )

    assert_queries_constant(render, grow)


def test_the_latest_reporting_date_that_came(region):
    PeriodFactory(municipality=region.municipalities.get(name="Округ C"), reporting_date=datetime.date(2027, 1, 1))
    assert latest_reporting_date(region, datetime.date(2026, 12, 1)) == REPORTING_DATE
    assert latest_reporting_date(region, datetime.date(2027, 1, 1)) == datetime.date(2027, 1, 1)


def test_the_command_writes_the_file(region, tmp_path, capsys):
    output = tmp_path / "region.xlsx"
    call_command("quarterly_region_report", "--region", region.name, "--date", "01.10.2026", "--output", str(output))
    assert "3 municipalities and the region in total" in capsys.readouterr().out
    rows = by_name(load_workbook(output).active.iter_rows(values_only=True))
    assert {"Округ A", "Округ C", "Округ D", "Регион в целом"} <= rows.keys()


def test_the_command_names_what_is_wrong(region):
    with pytest.raises(CommandError, match="No region named 'Марс'"):
        call_command("quarterly_region_report", "--region", "Марс")
    with pytest.raises(CommandError, match=r"дд\.мм\.гггг или гггг-мм-дд: 31\.02\.2026"):
        call_command("quarterly_region_report", "--region", region.name, "--date", "31.02.2026")
