"""Services of the «Школа наставников»: who may be enrolled, the attendance grid, completion and
withdrawal, depersonalization, and the order «Об организации «Школы наставников»» drafted from a
program."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from accounts.models import Role
from mentoring.declension import Person
from mentoring.models import MentorEntry, TrainingAttendance, TrainingEnrolment
from mentoring.registry.services import consent_withdraw, participant_depersonalize
from mentoring.training import services as training
from reports.api import mentor_school_order_draft
from tests.accounts.factories import OrganizationFactory
from tests.mentoring.factories import (
    PDF_BYTES,
    ConsentFactory,
    MentorEntryFactory,
    ParticipantFactory,
    StaffFactory,
    TrainingEnrolmentFactory,
    TrainingProgramFactory,
    TrainingSessionFactory,
    municipal_training,
)

SEPT = datetime.date(2026, 9, 20)


def enrol(program, person, on=SEPT):
    return training.training_enrol(program=program, participant=person, role="mentor", enrolled_on=on)


def test_staff_and_registry_mentors_are_enrolled_pupils_and_strangers_are_not(world):
    school = world.a.organization
    program = TrainingProgramFactory(organization=school)
    teacher = StaffFactory(organization=school)
    volunteer = ParticipantFactory(organization=school, category="volunteer")
    MentorEntryFactory(participant=volunteer)
    assert enrol(program, teacher).organization == school
    assert enrol(program, volunteer).participant == volunteer
    with pytest.raises(ValidationError, match="Обучаются только работники"):
        enrol(program, ParticipantFactory(organization=school))
    with pytest.raises(ValidationError, match="только работники её организации"):
        enrol(program, StaffFactory(organization=world.b.organization))
    with pytest.raises(ValidationError, match="уже зачислен"):
        enrol(program, teacher)
    assert TrainingEnrolment.objects.count() == 2


def test_a_municipal_program_takes_the_staff_of_the_municipality_only(world):
    program = municipal_training(world.a.organization)
    neighbour = OrganizationFactory(municipality=world.a.municipality)
    enrol(program, StaffFactory(organization=world.a.organization))
    enrol(program, StaffFactory(organization=neighbour))
    with pytest.raises(ValidationError, match="только для работников организаций её муниципалитета"):
        enrol(program, StaffFactory(organization=world.b.organization))
    assert set(program.enrolments.values_list("organization", flat=True)) == {world.a.organization.pk, neighbour.pk}


def test_the_grid_ticks_and_unticks_and_keeps_what_a_withdrawn_person_attended(world):
    program = TrainingProgramFactory(organization=world.a.organization)
    first, second = TrainingSessionFactory(program=program), TrainingSessionFactory(program=program)
    anna, boris, gone = (TrainingEnrolmentFactory(program=program) for _ in range(3))
    TrainingAttendance.objects.create(session=first, enrolment=gone)
    training.training_withdraw(enrolment=gone, on=datetime.date(2026, 10, 2))
    gone.refresh_from_db()
    other = TrainingSessionFactory()  # another program's session: ignored
    enrolments = [anna, boris, gone]
    training.training_attendance_set(
        program=program,
        enrolments=enrolments,
        present={(first.pk, anna.pk), (second.pk, anna.pk), (first.pk, boris.pk), (other.pk, anna.pk)},
    )
    training.training_attendance_set(
        program=program, enrolments=enrolments, present={(first.pk, anna.pk), (second.pk, boris.pk)}
    )
    ticks = set(TrainingAttendance.objects.values_list("session_id", "enrolment_id"))
    assert ticks == {(first.pk, anna.pk), (second.pk, boris.pk), (first.pk, gone.pk)}


def test_completion_marks_the_mentor_registry_and_is_never_withdrawn(world):
    school = world.a.organization
    teacher = StaffFactory(organization=school)
    entry = MentorEntryFactory(participant=teacher, academic_year=2026)
    enrolment = enrol(TrainingProgramFactory(organization=school), teacher)
    done = datetime.date(2026, 10, 20)
    training.training_complete(enrolment=enrolment, completed_on=done, certificate_number="ШН-7")
    enrolment.refresh_from_db()
    entry.refresh_from_db()
    assert (enrolment.completed_on, enrolment.certificate_number, enrolment.certificate_date) == (done, "ШН-7", done)
    assert (entry.trained, entry.trained_on) == (True, done)
    with pytest.raises(ValidationError, match="Обучение завершено"):
        training.training_withdraw(enrolment=enrolment, on=datetime.date(2026, 11, 1))
    assert TrainingEnrolment.objects.get().withdrawn_on is None


def test_a_withdrawn_person_is_not_completed_and_a_completion_cannot_precede_the_enrolment(world):
    enrolment = TrainingEnrolmentFactory(program=TrainingProgramFactory(organization=world.a.organization))
    with pytest.raises(ValidationError) as error:
        training.training_complete(enrolment=enrolment, completed_on=SEPT - datetime.timedelta(days=1))
    assert "completed_on" in error.value.message_dict
    training.training_withdraw(enrolment=enrolment, on=datetime.date(2026, 10, 1))
    with pytest.raises(ValidationError, match="выбыл из обучения"):
        training.training_complete(enrolment=enrolment, completed_on=datetime.date(2026, 10, 20))
    assert TrainingEnrolment.objects.get().completed_on is None


def test_depersonalization_drops_the_certificate_and_keeps_the_completion_date(
    world, django_capture_on_commit_callbacks
):
    enrolment = TrainingEnrolmentFactory(program=TrainingProgramFactory(organization=world.a.organization))
    training.training_complete(
        enrolment=enrolment,
        completed_on=datetime.date(2026, 10, 20),
        certificate_number="ШН-1",
        certificate=ContentFile(PDF_BYTES, name="c.pdf"),
    )
    enrolment.refresh_from_db()
    stored = enrolment.certificate.name
    assert stored.endswith(".pdf") and enrolment.certificate.storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        participant_depersonalize(participant=enrolment.participant)
    enrolment.refresh_from_db()
    assert (enrolment.certificate.name, enrolment.certificate_number) == ("", "")
    assert enrolment.completed_on == datetime.date(2026, 10, 20)
    assert not enrolment.certificate.storage.exists(stored)


def test_the_order_takes_the_program_and_schedule_and_declines_the_people(world):
    school = world.a.organization
    user = world.a.users[Role.CURATOR]
    order = mentor_school_order_draft(
        organization=school,
        by=user,
        program_name="Наставник: первые шаги",
        hours=16,
        provider="",
        schedule_rows=[["1", "Роль наставника", "26.09.2026, 15:00", "каб. 21", "Н. И. Холодова"]],
        trainees=[
            Person("Иванова Мария Петровна", "female", "учитель математики"),
            Person("Кузнецов Илья Сергеевич", "male", "учитель физики"),
        ],
        on_date=datetime.date(2026, 9, 22),
    )
    texts = [item["text"] for item in order.items]
    assert texts[1] == (
        "Направить на обучение по программе «Наставник: первые шаги» (16 ч.) Иванову Марию Петровну, учителя "
        "математики; Кузнецова Илью Сергеевича, учителя физики."
    )
    assert order.title == "Об организации «Школы наставников»"
    assert order.appendices[0]["rows"] == [["1", "Роль наставника", "26.09.2026, 15:00", "каб. 21", "Н. И. Холодова"]]
    assert order.appendices[0]["columns"][3] == "Место проведения"
    assert order.acquainted == ["Иванова Мария Петровна", "Кузнецов Илья Сергеевич"]
    assert order.is_draft
    assert MentorEntry.objects.count() == 0


def test_a_withdrawn_processing_consent_ends_the_open_trainings_and_keeps_the_completed(world):
    school = world.a.organization
    teacher = StaffFactory(organization=school)
    consent = ConsentFactory(participant=teacher, signed_by="self", signed_on=datetime.date(2026, 9, 1))
    done = enrol(TrainingProgramFactory(organization=school), teacher)
    training.training_complete(enrolment=done, completed_on=datetime.date(2026, 10, 20))
    open_one = enrol(TrainingProgramFactory(organization=school, name="Курс ИРО"), teacher)
    consent = consent_withdraw(
        consent=consent, on=datetime.date(2026, 11, 2), reason="", by=world.a.users[Role.CURATOR]
    )
    assert "Выбыл(а) из обучения «Курс ИРО»." in consent.withdrawal_effects
    done.refresh_from_db()
    open_one.refresh_from_db()
    assert (done.completed_on, done.withdrawn_on) == (datetime.date(2026, 10, 20), None)
    assert open_one.withdrawn_on == datetime.date(2026, 11, 2)
