"""Pages of the «Школа наставников»: a curator's program from creation to completions with a
certificate, the coordinator's completions of his organizations, the mentor's own trainings and the
registry card."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from mentoring.models import TrainingAttendance, TrainingEnrolment, TrainingProgram
from reports.models import Order
from tests.accounts.factories import OrganizationFactory
from tests.helpers import assert_queries_constant
from tests.mentoring.factories import (
    PDF_BYTES,
    StaffFactory,
    TrainingEnrolmentFactory,
    TrainingProgramFactory,
    TrainingSessionFactory,
    completed_with_certificate,
    municipal_training,
)


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def test_a_curator_runs_a_program_from_its_creation_to_a_certificate(curator, world):
    school = world.a.organization
    response = curator.post(
        reverse("training_program_create"),
        {"name": "Наставник: первые шаги", "hours": "16", "provider_kind": "school", "description": "Четыре занятия"},
    )
    program = TrainingProgram.objects.get()
    assert response.url == reverse("training_program_detail", kwargs={"pk": program.pk})
    assert program.organization == school and program.municipality is None
    curator.post(
        reverse("training_session_create", kwargs={"pk": program.pk}),
        {"held_on": "26.09.2026", "starts_at": "15:00", "topic": "Роль наставника", "place": "каб. 21"},
    )
    session = program.sessions.get()
    assert (session.held_on, session.starts_at) == (datetime.date(2026, 9, 26), datetime.time(15, 0))
    teacher = StaffFactory(organization=school, last_name="Иванова", first_name="Мария", patronymic="Петровна")
    curator.post(
        reverse("training_enrol", kwargs={"pk": program.pk}),
        {"participant": teacher.pk, "role": "mentor", "enrolled_on": "20.09.2026"},
    )
    enrolment = TrainingEnrolment.objects.get()
    curator.post(
        reverse("training_attendance", kwargs={"pk": program.pk}), {"present": [f"{session.pk}-{enrolment.pk}"]}
    )
    assert TrainingAttendance.objects.filter(session=session, enrolment=enrolment).exists()
    page = curator.get(reverse("training_program_detail", kwargs={"pk": program.pk})).content.decode()
    assert "Иванова Мария Петровна" in page and "checked" in page

    response = curator.post(
        reverse("training_complete", kwargs={"pk": enrolment.pk}),
        {
            "completed_on": "17.10.2026",
            "certificate_number": "ШН-12",
            "certificate": SimpleUploadedFile("удостоверение.pdf", PDF_BYTES, content_type="application/pdf"),
        },
        follow=True,
    )
    assert "Иванова Мария Петровна: обучение завершено." in response.content.decode()
    enrolment.refresh_from_db()
    assert (enrolment.completed_on, enrolment.certificate_number) == (datetime.date(2026, 10, 17), "ШН-12")
    download = curator.get(reverse("training_certificate", kwargs={"pk": enrolment.pk}))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF_BYTES
    card = curator.get(reverse("participant_detail", kwargs={"pk": teacher.pk})).content.decode()
    assert "Наставник: первые шаги" in card and "№ ШН-12 от 17.10.2026" in card


def test_bad_input_is_shown_next_to_the_field_and_nothing_changes(curator, world):
    response = curator.post(
        reverse("training_program_create"), {"name": "Школа", "hours": "", "provider_kind": "school"}
    )
    assert response.context["form"].errors["hours"] == ["Обязательное поле."]
    assert not TrainingProgram.objects.exists()
    enrolment = TrainingEnrolmentFactory(program=TrainingProgramFactory(organization=world.a.organization))
    response = curator.post(
        reverse("training_complete", kwargs={"pk": enrolment.pk}),
        {
            "completed_on": "17.10.2026",
            "certificate": SimpleUploadedFile(
                "a.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf"
            ),
        },
    )
    assert "certificate" in response.context["form"].errors
    response = curator.post(reverse("training_complete", kwargs={"pk": enrolment.pk}), {"completed_on": "01.09.2026"})
    assert response.context["form"].errors["completed_on"] == ["Обучение не может закончиться раньше зачисления."]
    enrolment.refresh_from_db()
    assert enrolment.completed_on is None and not enrolment.certificate


def test_the_order_is_drafted_from_the_program(curator, world):
    program = TrainingProgramFactory(organization=world.a.organization, name="Наставник: первые шаги", hours=16)
    TrainingSessionFactory(program=program, topic="Роль наставника", held_on=datetime.date(2026, 9, 26))
    TrainingEnrolmentFactory(
        program=program,
        participant=StaffFactory(
            organization=world.a.organization, last_name="Кузнецов", first_name="Илья", patronymic="Сергеевич"
        ),
    )
    response = curator.post(reverse("training_order_draft", kwargs={"pk": program.pk}))
    order = Order.objects.get()
    assert response.url == reverse("order_detail", kwargs={"pk": order.pk})
    assert order.appendices[0]["rows"] == [["1", "Роль наставника", "26.09.2026, 15:00", "каб. 21", ""]]
    assert "Кузнецова Илью Сергеевича, учителя математики" in order.items[1]["text"]


def test_a_curator_sees_a_municipal_program_with_his_own_people_only_and_cannot_change_it(curator, world):
    program = municipal_training(world.a.organization)
    TrainingSessionFactory(program=program)
    mine = TrainingEnrolmentFactory(program=program, participant=StaffFactory(organization=world.a.organization))
    neighbour = OrganizationFactory(municipality=world.a.municipality)
    TrainingEnrolmentFactory(program=program, participant=StaffFactory(organization=neighbour, last_name="Соседова"))
    page = curator.get(reverse("training_program_detail", kwargs={"pk": program.pk}))
    assert [enrolment.pk for enrolment in page.context["enrolments"]] == [mine.pk]
    assert "Соседова" not in page.content.decode() and not page.context["manages"]
    assert curator.get(reverse("training_program_update", kwargs={"pk": program.pk})).status_code == 404
    assert curator.get(reverse("training_complete", kwargs={"pk": mine.pk})).status_code == 404
    # The curator still withdraws the school's own person.
    curator.post(reverse("training_withdraw", kwargs={"pk": mine.pk}), {"withdrawn_on": "01.10.2026"})
    mine.refresh_from_db()
    assert mine.withdrawn_on == datetime.date(2026, 10, 1)


def test_the_coordinator_sees_the_completions_of_his_organizations(client, world):
    ours = completed_with_certificate(
        TrainingProgramFactory(organization=world.a.organization),
        StaffFactory(organization=world.a.organization, last_name="Наставникова"),
    )
    completed_with_certificate(
        TrainingProgramFactory(organization=world.b.organization),
        StaffFactory(organization=world.b.organization, last_name="Чужакова"),
    )
    client.force_login(world.a.users[Role.COORDINATOR])
    page = client.get(reverse("training_completions"))
    text = page.content.decode()
    assert "Наставникова" in text and "Чужакова" not in text
    assert [(row["organization_id"], row["trained"]) for row in page.context["by_organization"]] == [
        (ours.organization_id, 1)
    ]


def test_the_mentor_sees_his_own_trainings_and_certificate(client, world):
    mentor = world.a.users[Role.MENTOR]
    person = StaffFactory(organization=world.a.organization, user=mentor)
    enrolment = completed_with_certificate(TrainingProgramFactory(organization=world.a.organization), person)
    completed_with_certificate(
        TrainingProgramFactory(organization=world.a.organization, name="Чужая программа"),
        StaffFactory(organization=world.a.organization),
    )
    client.force_login(mentor)
    page = client.get(reverse("training_mine")).content.decode()
    assert enrolment.program.name in page and "Чужая программа" not in page
    assert client.get(reverse("training_own_certificate", kwargs={"pk": enrolment.pk})).status_code == 200


def test_the_program_page_query_count_is_constant(curator, world):
    program = TrainingProgramFactory(organization=world.a.organization)
    TrainingSessionFactory(program=program)
    completed_with_certificate(program, StaffFactory(organization=world.a.organization))

    def grow():
        for _ in range(5):
            TrainingSessionFactory(program=program)
            enrolment = TrainingEnrolmentFactory(program=program)
            TrainingAttendance.objects.create(session=program.sessions.first(), enrolment=enrolment)

    url = reverse("training_program_detail", kwargs={"pk": program.pk})
    assert_queries_constant(lambda: curator.get(url), grow)
    assert_queries_constant(lambda: curator.get(reverse("training_program_list")), grow)
    assert_queries_constant(lambda: curator.get(reverse("training_completions")), grow)
