"""The quarterly XLSX of a whole region: a row per municipality against its own targets, the region
pooled in total, a municipality without the period listed, no names; and its command."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from monitoring.indicators.models import Indicator, Target
from reports.regional import RegionQuarterlyExporter, latest_reporting_date
from tests.accounts.factories import MunicipalityFactory
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


def rows_of(region) -> list[tuple]:
    name, _type, content = RegionQuarterlyExporter().render({"region": region, "reporting_date": REPORTING_DATE})
    assert name == f"Мониторинг ЦМН на 01.10.2026 – {region.name}.xlsx"
    return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


def test_a_row_per_municipality_against_its_own_targets(region):
    rows = rows_of(region)
    assert rows[0][0] == "Мониторинг реализации целевой модели наставничества по состоянию на 01.10.2026"
    assert rows[3][:7] == (
        "№",
        "Муниципалитет",
        "Организации",
        "Отправлено",
        "Наставляемые, %: значение",
        "Наставляемые, %: целевое значение",
        "Наставляемые: отклонение п. п.",
    )
    by_name = {row[1]: row for row in rows[4:]}
    # Округ A: 40 of 200 pupils (target 25), 40 of 80 teachers trained (target 50); two of three submitted.
    assert by_name["Округ A"][2:10] == (3, 2, 20, 25, -5, 50, 50, 0)
    # Округ C: its own target of 20 %, none for the trained.
    assert by_name["Округ C"][2:10] == (1, 1, 60, 20, 40, 50, "—", "—")
    assert by_name["Округ D"][2] == "нет отчётного периода на эту дату"


def test_the_region_in_total_pools_the_organizations(region):
    total = rows_of(region)[-1]
    assert total[1] == "Регион в целом"
    # (40 + 60) of (200 + 100) pupils; (40 + 20) of (80 + 40) teachers; no regional target.
    assert total[2:4] == (4, 3)
    assert round(total[4], 2) == 33.33
    assert total[5:10] == ("—", "—", 50, "—", "—")


def test_other_regions_and_names_stay_out(world, region):
    cells = " ".join(str(value) for row in rows_of(region) for value in row if value is not None)
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
    assert load_workbook(output).active.max_row == 8  # 3 title rows, the header, 3 municipalities, the total


def test_the_command_names_what_is_wrong(region):
    with pytest.raises(CommandError, match="No region named 'Марс'"):
        call_command("quarterly_region_report", "--region", "Марс")
    with pytest.raises(CommandError, match=r"дд\.мм\.гггг или гггг-мм-дд: 31\.02\.2026"):
        call_command("quarterly_region_report", "--region", region.name, "--date", "31.02.2026")
