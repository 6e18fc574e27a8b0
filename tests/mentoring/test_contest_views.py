"""The pages of the contests: running one, applications with their materials, scoring, the
documents, and the candidates for awards with their XLSX."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from mentoring.models import Application, ApplicationFile, Contest, ContestResult, Criterion, MentoringUnit, Nomination
from reports.models import Order
from tests.helpers import assert_queries_constant
from tests.mentoring.contest_factories import (
    judged_application_of_side,
    mentor_application,
    municipal_contest,
    school_contest,
    with_parts,
)
from tests.mentoring.factories import PDF_BYTES, MentorEntryFactory, ProgramFactory, StaffFactory, make_unit
from tests.reports import xlsx_sheet

pytestmark = pytest.mark.django_db

CONTEST_DATA = {
    "title": "Лучшая пара",
    "rules": "Конкурс проводится среди наставнических пар школы.",
    "applications_from": "01.03.2027",
    "applications_to": "01.04.2027",
    "judging_until": "20.04.2027",
    "results_on": "25.04.2027",
}


def test_the_curator_creates_the_schools_contest_with_its_jury(world, login_as):
    client = login_as(world.a.users[Role.CURATOR])
    mentor, director = world.a.users[Role.MENTOR], world.a.users[Role.DIRECTOR]
    response = client.post(reverse("contest_create"), {**CONTEST_DATA, "jury": [mentor.pk, director.pk]})
    contest = Contest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("contest_detail", args=[contest.pk])
    assert contest.organization == world.a.organization and contest.municipality is None
    assert set(contest.jury.all()) == {mentor, director}
    assert contest.applications_from == datetime.date(2027, 3, 1)


def test_dates_out_of_order_are_refused_next_to_the_field(world, login_as):
    client = login_as(world.a.users[Role.CURATOR])
    response = client.post(reverse("contest_create"), {**CONTEST_DATA, "results_on": "01.04.2027"})
    assert response.status_code == 200
    assert "results_on" in response.context["form"].errors
    assert not Contest.objects.exists()


def test_a_juror_of_another_school_is_not_offered(world, login_as):
    client = login_as(world.a.users[Role.CURATOR])
    response = client.post(reverse("contest_create"), {**CONTEST_DATA, "jury": [world.b.users[Role.MENTOR].pk]})
    assert "jury" in response.context["form"].errors
    assert not Contest.objects.exists()


def test_the_coordinator_creates_a_municipal_contest(world, login_as):
    client = login_as(world.a.users[Role.COORDINATOR])
    client.post(reverse("contest_create"), {**CONTEST_DATA, "title": "Лучший педагог-наставник"})
    contest = Contest.objects.get()
    assert contest.municipality == world.a.municipality and contest.is_municipal


def test_nominations_and_criteria_are_added_from_the_contest_page(world, login_as):
    contest = school_contest(world.a.organization)
    client = login_as(world.a.users[Role.CURATOR])
    client.post(reverse("contest_nomination_add", args=[contest.pk]), {"nomination-name": "Учитель – ученик"})
    client.post(
        reverse("contest_criterion_add", args=[contest.pk]),
        {"criterion-name": "Результаты", "criterion-max_score": "10"},
    )
    response = client.post(
        reverse("contest_criterion_add", args=[contest.pk]), {"criterion-name": "Другой", "criterion-max_score": "0"}
    )
    assert list(Nomination.objects.values_list("name", flat=True)) == ["Учитель – ученик"]
    assert list(Criterion.objects.values_list("name", "max_score")) == [("Результаты", 10)]
    page = client.get(response["Location"]).content.decode()
    assert "Учитель – ученик" in page and "Результаты" in page


def test_a_pair_applies_with_its_materials(world, login_as):
    contest = with_parts(school_contest(world.a.organization, status=Contest.Status.ACCEPTING))
    unit = make_unit(ProgramFactory(organization=world.a.organization), status=MentoringUnit.Status.ACTIVE)
    client = login_as(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("contest_apply", args=[contest.pk]),
        {
            "nomination": contest.nominations.get().pk,
            "unit": unit.pk,
            "text": "Проект «Шаг навстречу»",
            "file": [SimpleUploadedFile("проект.pdf", PDF_BYTES, "application/pdf")],
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.unit == unit and application.organization == world.a.organization
    material = ApplicationFile.objects.get()
    assert material.name == "проект.pdf" and material.file.name.endswith(".pdf")
    download = client.get(reverse("contest_application_file", args=[material.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES


def test_a_web_page_as_material_is_refused_and_nothing_saved(world, login_as):
    contest = with_parts(school_contest(world.a.organization, status=Contest.Status.ACCEPTING))
    unit = make_unit(ProgramFactory(organization=world.a.organization), status=MentoringUnit.Status.ACTIVE)
    client = login_as(world.a.users[Role.CURATOR])
    response = client.post(
        reverse("contest_apply", args=[contest.pk]),
        {
            "nomination": contest.nominations.get().pk,
            "unit": unit.pk,
            "text": "Проект",
            "file": [SimpleUploadedFile("a.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")],
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert not Application.objects.exists() and not ApplicationFile.objects.exists()


def test_a_school_applies_to_the_municipal_contest_with_its_own_mentor_only(world, login_as):
    contest = with_parts(municipal_contest(world.a.municipality, status=Contest.Status.ACCEPTING))
    client = login_as(world.a.users[Role.CURATOR])
    own = StaffFactory(organization=world.a.organization)
    foreign = StaffFactory(organization=world.b.organization)
    nomination = contest.nominations.get().pk
    response = client.post(
        reverse("contest_apply", args=[contest.pk]), {"nomination": nomination, "mentor": foreign.pk, "text": "x"}
    )
    assert "mentor" in response.context["form"].errors and not Application.objects.exists()
    client.post(reverse("contest_apply", args=[contest.pk]), {"nomination": nomination, "mentor": own.pk, "text": "x"})
    assert Application.objects.get().mentor == own


def test_a_juror_scores_from_the_page(world, login_as):
    application = judged_application_of_side(world.a)
    criteria = list(application.contest.criteria.all())
    client = login_as(world.a.users[Role.MENTOR])
    url = reverse("contest_application_score", args=[application.pk])
    response = client.post(url, {f"criterion_{criteria[0].pk}": "12", f"criterion_{criteria[1].pk}": "3"})
    assert response.status_code == 200 and f"criterion_{criteria[0].pk}" in response.context["form"].errors
    assert not application.scores.exists()
    client.post(url, {f"criterion_{criteria[0].pk}": "8", f"criterion_{criteria[1].pk}": "3"})
    assert sorted(application.scores.values_list("value", flat=True)) == [3, 8]


def test_the_contest_runs_to_its_documents_from_the_page(world, login_as):
    contest = with_parts(municipal_contest(world.a.municipality, status=Contest.Status.JUDGING))
    coordinator = world.a.users[Role.COORDINATOR]
    contest.jury.set([coordinator])
    application = mentor_application(contest, world.a.organization)
    client = login_as(coordinator)
    for criterion in contest.criteria.all():
        application.scores.create(criterion=criterion, juror=coordinator, value=criterion.max_score)
    client.post(reverse("contest_close", args=[contest.pk]))
    assert ContestResult.objects.get().place == 1
    page = client.get(reverse("contest_detail", args=[contest.pk])).content.decode()
    assert "15,00" in page or "15.00" in page
    response = client.post(reverse("contest_results_order", args=[contest.pk]))
    order = Order.objects.get(series="order")
    assert response["Location"] == reverse("order_detail", args=[order.pk])
    client.post(reverse("contest_letters", args=[contest.pk]))
    assert Order.objects.filter(series="letter", kind__code="municipal-contest-thanks").count() == 1


def test_the_contest_list_takes_a_fixed_number_of_queries(world, login_as):
    client = login_as(world.a.users[Role.CURATOR])
    mentor_application(with_parts(school_contest(world.a.organization)), world.a.organization)

    def grow():
        for _ in range(3):
            mentor_application(with_parts(municipal_contest(world.a.municipality)), world.a.organization)

    assert_queries_constant(lambda: client.get(reverse("contest_list")), grow)


def candidates_world(world):
    contest = with_parts(municipal_contest(world.a.municipality, status=Contest.Status.CLOSED))
    star = StaffFactory(
        organization=world.a.organization, last_name="Соколова", first_name="Марина", patronymic="Викторовна"
    )
    MentorEntryFactory(participant=star, academic_year=2025, achievements="Победитель олимпиады")
    MentorEntryFactory(participant=star, academic_year=2026, trained=True)
    make_unit(ProgramFactory(organization=world.a.organization), mentor=star, status=MentoringUnit.Status.COMPLETED)
    ContestResult.objects.create(
        application=mentor_application(contest, world.a.organization, mentor=star), mean_total=15, place=1
    )
    plain = StaffFactory(organization=world.a.organization, last_name="Иванов", first_name="Пётр", patronymic="Ильич")
    MentorEntryFactory(participant=plain)
    return star, plain


def test_the_coordinator_filters_the_candidates_and_exports_them(world, login_as):
    candidates_world(world)
    client = login_as(world.a.users[Role.COORDINATOR])
    page = client.get(reverse("award_candidates")).content.decode()
    assert "Соколова Марина Викторовна" in page and "Иванов Пётр Ильич" in page
    assert "I место — «Лучший педагог-наставник», 2027, номинация «Основная»" in page
    filtered = client.get(reverse("award_candidates"), {"with_places": "1"}).content.decode()
    assert "Соколова" in filtered and "Иванов" not in filtered

    response = client.get(reverse("award_candidates_export"), {"min_years": "2"})
    sheet = xlsx_sheet(response.content)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[1][:5] == ["№", "ФИО", "Организация", "Должность", "Лет наставничества"]
    assert rows[2][:8] == [1, "Соколова Марина Викторовна", "Школа A", "учитель математики", 2, 1, 0, "да"]
    assert "I место" in rows[2][8] and rows[2][9] == "Победитель олимпиады"
    assert len(rows) == 3


def test_the_coordinator_does_not_see_pupils_who_mentor(world, login_as):
    from tests.mentoring.factories import ParticipantFactory

    pupil = ParticipantFactory(organization=world.a.organization, last_name="Школьников")
    MentorEntryFactory(participant=pupil)
    page = login_as(world.a.users[Role.COORDINATOR]).get(reverse("award_candidates")).content.decode()
    assert "Школьников" not in page
    school_page = login_as(world.a.users[Role.CURATOR]).get(reverse("award_candidates")).content.decode()
    assert "Школьников" in school_page


def test_the_candidates_take_a_fixed_number_of_queries(world, login_as):
    client = login_as(world.a.users[Role.COORDINATOR])
    candidates_world(world)
    assert_queries_constant(lambda: client.get(reverse("award_candidates")), lambda: candidates_world(world))


def test_the_juror_finds_the_applications_to_score_on_his_home_page(world, login_as):
    application = judged_application_of_side(world.a)
    mentor_application(application.contest, world.a.organization)
    client = login_as(world.a.users[Role.MENTOR])
    home = client.get(reverse("home")).content.decode()
    assert "Лучший педагог-наставник</a>: 2 заявки ждут оценки, до 20.04.2027" in home
    for criterion in application.contest.criteria.all():
        application.scores.create(criterion=criterion, juror=world.a.users[Role.MENTOR], value=1)
    assert "1 заявка ждёт оценки" in client.get(reverse("home")).content.decode()
    # Someone not on the jury has nothing to judge.
    assert "ждёт оценки" not in login_as(world.b.users[Role.MENTOR]).get(reverse("home")).content.decode()


def test_the_curator_withdraws_an_application_while_they_are_accepted(world, login_as):
    contest = with_parts(municipal_contest(world.a.municipality, status=Contest.Status.ACCEPTING))
    application = mentor_application(contest, world.a.organization)
    client = login_as(world.a.users[Role.CURATOR])
    page = client.get(reverse("contest_application_detail", args=[application.pk])).content.decode()
    assert "Отозвать заявку" in page
    client.post(reverse("contest_application_withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    # A withdrawn application is not judged: the contest has nothing to judge.
    contest.jury.set([world.a.users[Role.COORDINATOR]])
    response = login_as(world.a.users[Role.COORDINATOR]).post(reverse("contest_advance", args=[contest.pk]))
    assert response.status_code == 302
    contest.refresh_from_db()
    assert contest.status == Contest.Status.ACCEPTING


def test_an_application_is_not_withdrawn_once_judging_started(world, login_as):
    application = judged_application_of_side(world.a)
    login_as(world.a.users[Role.CURATOR]).post(reverse("contest_application_withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
