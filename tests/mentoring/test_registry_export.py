"""The personalised registries of mentees and of mentors as XLSX."""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from mentoring.academic_year import academic_year_of
from mentoring.models import MentoringUnit, Participant
from tests.helpers import assert_queries_constant
from tests.mentoring.factories import (
    MenteeEntryFactory,
    MentorEntryFactory,
    ParticipantFactory,
    PartnerFactory,
    ProgramFactory,
    StaffFactory,
    consented,
    make_unit,
)
from tests.reports import xlsx_sheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MENTEE_HEADERS = [
    "№",
    "ФИО",
    "Дата рождения",
    "Возраст",
    "Контакты (несовершеннолетнего — через родителя)",
    "Класс (группа) или должность и стаж",
    "Ключевой запрос",
    "ФИО наставника, место работы (учёбы)",
    "Форма и ролевая модель",
    "Дата вхождения в программу",
    "Дата завершения",
    "Результаты",
    "Ссылка на кейс или отзыв",
    "Полный цикл",
]
MENTOR_HEADERS = [
    "№",
    "ФИО",
    "Контакты",
    "Возраст",
    "Место работы (учёбы) и должность",
    "Основные достижения",
    "Интересы",
    "Компетенции",
    "Желаемый возраст наставляемых",
    "Наставляемые",
    "Форма наставничества",
    "Дата вхождения в программу",
    "Обучение в «Школе наставников»",
    "Результаты",
    "Ссылка на кейс или отзыв",
    "Полный цикл",
]


@pytest.fixture
def organization(world):
    organization = world.a.organization
    organization.short_name = "МБОУ СОШ 3"
    organization.save()
    return organization


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def export_url(registry, year=2026):
    url = reverse("registry_export", args=[registry])
    return f"{url}?year={year}" if year is not None else url


def rows(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]


def test_mentee_registry(curator, organization, world):
    today = timezone.localdate()
    pupil = ParticipantFactory(
        organization=organization,
        last_name="Ученикова",
        first_name="Алёна",
        patronymic="Игоревна",
        birth_date=datetime.date(2013, 3, 15),
        class_name="7Б",
        guardian_name="Ученикова Ольга Петровна",
        phone="+7 900 111-22-33",
        email="mama@example.test",
    )
    MenteeEntryFactory(
        participant=pupil,
        academic_year=2026,
        entered_on=datetime.date(2026, 9, 15),
        completed_on=datetime.date(2027, 5, 20),
        key_request="повысить успеваемость по математике",
        results="четвёрка за год",
        case_url="https://school3.example/cases/1",
        full_cycle=True,
    )
    young = StaffFactory(
        organization=organization,
        last_name="Молодцова",
        position="учитель истории",
        teaching_since=today - datetime.timedelta(days=2 * 366),
    )
    MenteeEntryFactory(participant=young, academic_year=2026)
    MenteeEntryFactory(
        participant=ParticipantFactory(organization=organization, last_name="Прошлый"), academic_year=2025
    )
    MenteeEntryFactory(participant=ParticipantFactory(organization=world.b.organization, last_name="Чужой"))

    response = curator.get(export_url("mentees"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert (
        f"filename*=UTF-8''{quote('Реестр наставляемых 2026-2027 МБОУ СОШ 3.xlsx')}" in response["Content-Disposition"]
    )
    sheet = xlsx_sheet(response.content)
    title = sheet["A1"].value
    assert "Реестр наставляемых" in title and "МБОУ СОШ 3" in title and "2026/2027 учебный год" in title
    assert f"по состоянию на {today:%d.%m.%Y}" in title
    assert [cell.value for cell in sheet[2]] == MENTEE_HEADERS
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["B"].width == 32

    data = rows(sheet)
    assert [row[1] for row in data] == ["Молодцова Сергей Павлович", "Ученикова Алёна Игоревна"]
    teacher_row, pupil_row = data
    assert pupil_row[0] == 2
    assert pupil_row[2] == datetime.datetime(2013, 3, 15)
    assert sheet.cell(4, 3).number_format == "DD.MM.YYYY"
    assert pupil_row[3] == pupil.age_on(today)
    assert pupil_row[4] == "Ученикова Ольга Петровна, +7 900 111-22-33, mama@example.test"
    assert pupil_row[5] == "7Б"
    assert pupil_row[6] == "повысить успеваемость по математике"
    assert pupil_row[7:9] == [None, None]  # in no approved pair yet
    assert pupil_row[9:11] == [datetime.datetime(2026, 9, 15), datetime.datetime(2027, 5, 20)]
    assert pupil_row[11:] == ["четвёрка за год", "https://school3.example/cases/1", "да"]
    assert teacher_row[5] == "учитель истории, стаж 2 года"
    assert teacher_row[10] is None
    assert teacher_row[13] == "нет"


def test_mentor_registry(curator, organization):
    teacher = StaffFactory(organization=organization, last_name="Наставникова", phone="+7 901 000-00-01")
    MentorEntryFactory(
        participant=teacher,
        academic_year=2026,
        achievements="победитель конкурса «Учитель года»",
        interests="шахматы",
        competencies="подготовка к олимпиадам",
        desired_age_min=10,
        desired_age_max=14,
        trained=True,
        trained_on=datetime.date(2026, 10, 15),
        full_cycle=True,
    )
    partner = PartnerFactory(organization=organization, name="ООО «Энскэнерго»")
    engineer = ParticipantFactory(
        organization=organization,
        category=Participant.Category.EMPLOYER,
        last_name="Инженеров",
        birth_date=datetime.date(1980, 1, 1),
        class_name="",
        guardian_name="",
        position="главный инженер",
        partner=partner,
    )
    MentorEntryFactory(participant=engineer, academic_year=2026, desired_age_min=15)

    sheet = xlsx_sheet(curator.get(export_url("mentors")).content)
    assert "Реестр наставников" in sheet["A1"].value
    assert [cell.value for cell in sheet[2]] == MENTOR_HEADERS
    engineer_row, teacher_row = rows(sheet)
    assert teacher_row[1].startswith("Наставникова")
    assert teacher_row[2] == f"+7 901 000-00-01, {teacher.email}"
    assert teacher_row[4] == "МБОУ СОШ 3, учитель математики"
    assert teacher_row[5:9] == ["победитель конкурса «Учитель года»", "шахматы", "подготовка к олимпиадам", "10–14"]
    assert teacher_row[11] == datetime.datetime(2026, 9, 15)
    assert teacher_row[12] == "да, 15.10.2026"
    assert teacher_row[15] == "да"
    assert engineer_row[4] == "ООО «Энскэнерго», главный инженер"
    assert engineer_row[8] == "от 15"
    assert engineer_row[12] == "нет"


def test_the_registries_show_the_approved_pairs_of_the_year(curator, organization):
    program = ProgramFactory(organization=organization, academic_year=2026)
    mentor = consented(StaffFactory(organization=organization, last_name="Наставникова", position="учитель физики"))
    first = consented(ParticipantFactory(organization=organization, last_name="Первый", class_name="6А"))
    second = consented(ParticipantFactory(organization=organization, last_name="Второй", class_name="6Б"))
    waiting = consented(ParticipantFactory(organization=organization, last_name="Ждущий", class_name="6В"))
    make_unit(program, mentor=mentor, mentees=[first, second], status=MentoringUnit.Status.ACTIVE)
    make_unit(program, mentor=mentor, mentees=[waiting], status=MentoringUnit.Status.SUBMITTED)
    MentorEntryFactory(participant=mentor, academic_year=2026)
    for mentee in (first, second, waiting):
        MenteeEntryFactory(participant=mentee, academic_year=2026)

    mentees = {row[1].split()[0]: row for row in rows(xlsx_sheet(curator.get(export_url("mentees")).content))}
    assert mentees["Первый"][7] == f"{mentor.full_name} (МБОУ СОШ 3, учитель физики)"
    assert mentees["Первый"][8] == "ученик – ученик"
    assert mentees["Ждущий"][7:9] == [None, None]  # awaiting approval: not in the registry yet
    (mentor_row,) = rows(xlsx_sheet(curator.get(export_url("mentors")).content))
    assert mentor_row[9] == f"{second.full_name}, 6Б; {first.full_name}, 6А"
    assert mentor_row[10] == "ученик – ученик"


def test_text_that_looks_like_a_formula_is_written_as_text(curator, organization):
    pupil = ParticipantFactory(organization=organization, last_name="Хитрый")
    MenteeEntryFactory(participant=pupil, key_request='=HYPERLINK("http://evil.test","открыть")', results="+1-2")
    sheet = xlsx_sheet(curator.get(export_url("mentees")).content)
    request_cell, results_cell = sheet.cell(3, 7), sheet.cell(3, 12)
    assert request_cell.value == '=HYPERLINK("http://evil.test","открыть")'
    assert request_cell.data_type == "s" and results_cell.data_type == "s"
    assert request_cell.quotePrefix


def test_the_default_year_is_the_current_one(curator, organization):
    current = academic_year_of(timezone.localdate())
    MenteeEntryFactory(
        participant=ParticipantFactory(organization=organization, last_name="Текущий"), academic_year=current
    )
    MenteeEntryFactory(
        participant=ParticipantFactory(organization=organization, last_name="Давний"), academic_year=current - 2
    )
    response = curator.get(export_url("mentees", year=None))
    assert quote(f"{current}-{current + 1}") in response["Content-Disposition"]
    assert [row[1].split()[0] for row in rows(xlsx_sheet(response.content))] == ["Текущий"]


def test_an_empty_registry_still_has_its_header(curator, organization):
    sheet = xlsx_sheet(curator.get(export_url("mentors", year=2030)).content)
    assert [cell.value for cell in sheet[2]] == MENTOR_HEADERS
    assert rows(sheet) == []


@pytest.mark.parametrize("year", ["abc", "1900", "20261", "２０２６", "-2026"])
def test_a_bad_year_is_404(curator, organization, year):
    assert curator.get(export_url("mentees", year=year)).status_code == 404


def test_an_unknown_registry_is_404(curator, organization):
    assert curator.get(export_url("partners")).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.DIRECTOR, 200), (Role.CURATOR, 200), (Role.MENTOR, 403), (Role.MENTEE, 403), (Role.COORDINATOR, 403)],
)
def test_who_may_export(client, world, role, status):
    client.force_login(world.a.users[role])
    assert client.get(export_url("mentees")).status_code == status
    assert client.get(export_url("mentors")).status_code == status


@pytest.mark.parametrize(("registry", "factory"), [("mentees", MenteeEntryFactory), ("mentors", MentorEntryFactory)])
def test_query_count_does_not_grow_with_rows(curator, organization, registry, factory):
    partner = PartnerFactory(organization=organization)

    def grow():
        for _ in range(5):
            factory(
                participant=ParticipantFactory(organization=organization, partner=partner),
                academic_year=2026,
            )

    grow()
    queries = assert_queries_constant(lambda: curator.get(export_url(registry)), grow)
    assert queries <= 6, queries
    assert len(rows(xlsx_sheet(curator.get(export_url(registry)).content))) == 10
