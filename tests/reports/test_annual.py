"""The organization's annual analytical report as PDF: indicators against the targets with charts,
roadmap progress by stage, pairs and groups, satisfaction; no one's name."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Role
from monitoring.indicators.models import Indicator
from monitoring.indicators.selectors import compute_values
from reports.annual import AnnualReportExporter
from roadmap.models import Status
from tests.indicators.factories import ContingentFactory, PeriodFactory, TargetFactory
from tests.indicators.test_dashboard_world import SECRET_PUPIL, SECRET_TEACHER, monitoring_world
from tests.indicators.test_satisfaction_indicators import questionnaire, respond
from tests.reports import pdf_pages_text, pdf_reader, pdf_text
from tests.roadmap.factories import ActivityFactory, RoadmapFactory, StageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    data = monitoring_world(world)
    organization = world.a.organization
    organization.director_name = "Петрова Ирина Сергеевна"
    organization.save()
    roadmap = RoadmapFactory(organization=organization, title="Дорожная карта ЦМН на 2026/2027")
    preparing = StageFactory(roadmap=roadmap, position=1, title="Подготовка условий")
    ActivityFactory(stage=preparing, title="Приказ о внедрении", status=Status.DONE)
    ActivityFactory(stage=preparing, title="Положение о наставничестве", status=Status.DONE)
    StageFactory(roadmap=roadmap, position=2, title="Формирование базы наставляемых")
    ActivityFactory(stage=roadmap.stages.get(position=2), title="Анкетирование")
    # A live period of the year before the submitted one: the value comes from the registries.
    july = PeriodFactory(municipality=world.a.municipality, reporting_date=datetime.date(2026, 7, 1))
    ContingentFactory(organization=organization, period=july, staff_trained=8, teachers=40)
    return data


def annual_pdf(world, today=datetime.date(2026, 12, 1)) -> bytes:
    _name, content_type, content = AnnualReportExporter().render(
        {"organization": world.a.organization, "year": 2026, "today": today}
    )
    assert content_type == "application/pdf"
    return content


def test_the_report_has_indicators_roadmap_pairs_and_satisfaction(world, data):
    content = annual_pdf(world)
    text = pdf_text(content)
    assert "АНАЛИТИЧЕСКИЙ ОТЧЁТ" in text
    assert "о результатах реализации целевой модели наставничества в 2026 году (самоаудит)" in text
    assert "с 01.01.2026 по 01.12.2026" in text
    # Indicators: the live July value (8 of 40 trained = 20 %), the submitted October one (25 %), target 50.
    assert "Показатели эффективности в сравнении с плановыми значениями" in text
    assert "01.07.2026" in text and "01.10.2026" in text
    assert "Обученные 20,0% 25,0% 50,0% -25,0" in text
    assert "Наставляемые" in text
    # The charts are vector drawings with their captions.
    assert text.count("значение") >= 2
    # Roadmap by stage: two of two done in the first stage, none of one in the second.
    assert "Дорожная карта ЦМН на 2026/2027 (2026/2027): выполнено 67%" in text
    assert "1. Подготовка условий 2 100%" in text
    assert "2. Формирование базы наставляемых 1 0%" in text
    # Pairs: the one active pair of the school.
    assert "Наставляемых в парах и группах 1" in text
    assert "Пар и групп начало работу 1" in text
    # Satisfaction comes from the indicators of section 1; this municipality monitors none.
    assert "Муниципалитет не ведёт мониторинг удовлетворённости участников." in text
    assert "Петрова Ирина Сергеевна" in text
    for part in (*SECRET_PUPIL, *SECRET_TEACHER):
        assert part not in text
    assert len(pdf_reader(content).pages) >= 2


def test_curator_and_director_download_it_coordinator_may_not(world, data, client):
    url = reverse("annual_report_pdf", kwargs={"year": 2026})
    for role in (Role.CURATOR, Role.DIRECTOR):
        client.force_login(world.a.users[role])
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert "Школа A" in pdf_text(response.content) or world.a.organization.full_name in pdf_text(response.content)
        page = client.get(reverse("annual_report")).content.decode()
        assert "Отчёт за 2026 год" in page and url in page
    client.force_login(world.a.users[Role.COORDINATOR])
    assert client.get(url).status_code == 403
    client.force_login(world.a.users[Role.CURATOR])
    assert client.get(reverse("annual_report_pdf", kwargs={"year": 1999})).status_code == 404


def test_a_year_without_periods_says_so(world):
    text = pdf_text(annual_pdf(world))
    assert "У муниципалитета пока нет отчётных дат в этом году." in text
    assert "У организации нет дорожной карты на эти учебные годы." in text


def test_the_deviation_and_its_mark_compare_with_the_target_shown(world):
    """As of 1 January a value carries the target of the year before; the report's row shows this
    year's target, and its deviation and mark are against that one."""
    january = PeriodFactory(municipality=world.a.municipality, reporting_date=datetime.date(2026, 1, 1))
    ContingentFactory(organization=world.a.organization, period=january, staff_trained=12, teachers=40)
    trained = Indicator.objects.get(code="staff-trained")
    TargetFactory(municipality=world.a.municipality, indicator=trained, year=2025, value=10)
    TargetFactory(municipality=world.a.municipality, indicator=trained, year=2026, value=50)
    text = pdf_text(annual_pdf(world))
    assert "Работники, обученные наставничеству 30,0% 50,0% -20,0" in text


def test_satisfaction_is_one_figure_in_the_table_and_in_its_section(world):
    """Answers of the autumn before the year count as of 1 January (the academic year): the last
    section says the same figure, not «no answers» of the calendar year."""
    january = PeriodFactory(municipality=world.a.municipality, reporting_date=datetime.date(2026, 1, 1))
    school = world.a.organization
    ContingentFactory(organization=school, period=january)
    respond(school, questionnaire("mentee"), (8, 9), datetime.date(2025, 11, 20))
    value = compute_values(
        organization_ids=[school.pk], on_date=january.reporting_date, municipality=school.municipality
    )
    shown = f"{value[school.pk]['mentee-satisfaction'].value:.1f}".replace(".", ",")
    text = pdf_text(annual_pdf(world))
    assert text.count(f"Удовлетворённость наставляемых {shown}%") == 2
    assert f"Удовлетворённость наставляемых {shown}% (на 01.01.2026)" in text
    assert "нет ответов" in text  # the mentors, who did not answer, in both places
    assert text.count("Удовлетворённость наставников — ") + text.count("Удовлетворённость наставников нет ответов") == 2


HEADINGS = (
    "1. Показатели эффективности в сравнении с плановыми значениями",
    "2. Выполнение дорожной карты",
    "3. Наставнические пары и группы",
    "4. Удовлетворённость участников",
)


@pytest.mark.parametrize("stages", range(0, 46, 3))
def test_headings_stay_with_their_content_and_the_signature_is_never_alone(world, data, stages):
    roadmap = RoadmapFactory(
        organization=world.a.organization,
        title="Дорожная карта 2025/2026",
        academic_year=2025,
        starts_on=datetime.date(2025, 8, 1),
        ends_on=datetime.date(2026, 8, 31),
    )
    for position in range(1, stages + 1):
        ActivityFactory(stage=StageFactory(roadmap=roadmap, position=position, title=f"Этап {position}"))
    pages = [[line.strip() for line in text.splitlines() if line.strip()] for text in pdf_pages_text(annual_pdf(world))]
    for number, lines in enumerate(pages, start=1):
        assert lines[-1] not in HEADINGS, f"page {number} ends with its heading"
        assert not lines[-1].startswith("Дорожная карта"), f"page {number} ends with a roadmap's title"
    signed = next(lines for lines in pages if any("Петрова Ирина Сергеевна" in line for line in lines))
    assert HEADINGS[3] in signed
