import datetime

import factory
from django.core.files.base import ContentFile

from mentoring.models import (
    AccountInvitation,
    Consent,
    MenteeEntry,
    MentorEntry,
    MentoringForm,
    MentoringUnit,
    Participant,
    PartnerOrganization,
    Program,
    TrainingEnrolment,
    TrainingProgram,
    TrainingSession,
    UnitMentee,
)
from tests.accounts.factories import OrganizationFactory


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganization

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"ООО «Партнёр {n}»")
    kind = PartnerOrganization.Kind.ENTERPRISE
    agreement_number = factory.Sequence(lambda n: f"{n}/2026")
    agreement_date = datetime.date(2026, 9, 1)
    contact_person = "Сидоров Антон Ильич"


class ParticipantFactory(factory.django.DjangoModelFactory):
    """A pupil by default; StaffFactory for a teacher."""

    class Meta:
        model = Participant

    organization = factory.SubFactory(OrganizationFactory)
    category = Participant.Category.STUDENT
    last_name = factory.Sequence(lambda n: f"Ученикова{n}")
    first_name = "Алёна"
    patronymic = "Игоревна"
    birth_date = datetime.date(2013, 3, 15)
    class_name = "7Б"
    guardian_name = "Ученикова Ольга Петровна"
    phone = "+7 900 000-00-00"


class StaffFactory(ParticipantFactory):
    category = Participant.Category.STAFF
    last_name = factory.Sequence(lambda n: f"Учителев{n}")
    first_name = "Сергей"
    patronymic = "Павлович"
    birth_date = datetime.date(1985, 6, 1)
    class_name = ""
    guardian_name = ""
    position = "учитель математики"
    teaching_since = datetime.date(2010, 9, 1)
    email = factory.Sequence(lambda n: f"teacher{n}@example.test")


class ConsentFactory(factory.django.DjangoModelFactory):
    """A processing consent signed by the parent: valid for a pupil."""

    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    kind = Consent.Kind.PROCESSING
    signed_by = Consent.Signer.REPRESENTATIVE
    representative_name = "Ученикова Ольга Петровна"
    representative_document = "свидетельство о рождении"
    signed_on = datetime.date(2026, 9, 1)


class MentorEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorEntry

    participant = factory.SubFactory(StaffFactory)
    academic_year = 2026
    entered_on = datetime.date(2026, 9, 15)
    competencies = "подготовка к олимпиадам"


class MenteeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MenteeEntry

    participant = factory.SubFactory(ParticipantFactory)
    academic_year = 2026
    entered_on = datetime.date(2026, 9, 15)
    key_request = "повысить успеваемость по математике"


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def invitation_to(user, role="mentor") -> AccountInvitation:
    """An open invitation of another organization's curator to an existing account."""
    return AccountInvitation.objects.create(participant=StaffFactory(email=user.email), user=user, role=role)


def consent_with_scan(organization, **kwargs) -> Consent:
    consent = ConsentFactory(participant=ParticipantFactory(organization=organization), **kwargs)
    # Assigned, then saved: the stored name is made from the content (FieldFile.save would not show it).
    consent.scan = ContentFile(PDF_BYTES, name="scan.pdf")
    consent.save()
    return consent


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    organization = factory.SubFactory(OrganizationFactory)
    academic_year = 2026
    form = factory.LazyFunction(lambda: MentoringForm.objects.get(code="student-student"))
    title = factory.Sequence(lambda n: f"Программа наставничества {n}")
    starts_on = datetime.date(2026, 9, 1)
    ends_on = datetime.date(2027, 5, 31)


def consented(participant: Participant) -> Participant:
    """Gives the participant a valid consent to processing (the rule every unit needs)."""
    signer = (
        {"signed_by": Consent.Signer.REPRESENTATIVE}
        if participant.is_minor_on(datetime.date.today())
        else {"signed_by": Consent.Signer.SELF, "representative_name": "", "representative_document": ""}
    )
    ConsentFactory(participant=participant, signed_on=datetime.date(2026, 1, 10), **signer)
    return participant


def make_unit(
    program: Program,
    *,
    mentor: Participant | None = None,
    mentees: list[Participant] | None = None,
    status: str = MentoringUnit.Status.DRAFT,
) -> MentoringUnit:
    """A unit written straight to the database (bypassing the rules) in any status."""
    organization = program.organization
    mentor = mentor or consented(ParticipantFactory(organization=organization, class_name="10А"))
    mentees = mentees or [consented(ParticipantFactory(organization=organization, class_name="6А"))]
    unit = MentoringUnit.objects.create(
        program=program,
        form=program.form,
        kind=MentoringUnit.Kind.PAIR if len(mentees) == 1 else MentoringUnit.Kind.GROUP,
        mentor=mentor,
        planned_from=program.starts_on,
        planned_to=program.ends_on,
        status=status,
        started_on=program.starts_on if status in ("active", "completed") else None,
    )
    for mentee in mentees:
        UnitMentee.objects.create(unit=unit, mentee=mentee, joined_on=program.starts_on)
    return unit


def unit_of_side(side, status: str = MentoringUnit.Status.ACTIVE) -> MentoringUnit:
    """A unit of a test world's side whose mentor and mentee are that side's mentor and mentee
    users: so the permission matrix sees a mentor open his own unit."""
    from accounts.models import Role

    organization = side.organization
    program = ProgramFactory(organization=organization)
    mentor = consented(ParticipantFactory(organization=organization, class_name="10А", user=side.users[Role.MENTOR]))
    mentee = consented(ParticipantFactory(organization=organization, class_name="6А", user=side.users[Role.MENTEE]))
    return make_unit(program, mentor=mentor, mentees=[mentee], status=status)


class TrainingProgramFactory(factory.django.DjangoModelFactory):
    """A school's own «Школа наставников» program; pass municipality= (and organization=None) for a municipal one."""

    class Meta:
        model = TrainingProgram

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Школа наставников {n}")
    hours = 16
    provider_kind = TrainingProgram.Provider.SCHOOL


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    program = factory.SubFactory(TrainingProgramFactory)
    held_on = datetime.date(2026, 10, 1)
    starts_at = datetime.time(15, 0)
    topic = factory.Sequence(lambda n: f"Занятие {n}")
    place = "каб. 21"


class TrainingEnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingEnrolment

    program = factory.SubFactory(TrainingProgramFactory)
    participant = factory.LazyAttribute(lambda enrolment: StaffFactory(organization=enrolment.program.organization))
    enrolled_on = datetime.date(2026, 9, 20)


def municipal_training(organization) -> TrainingProgram:
    return TrainingProgramFactory(
        organization=None,
        municipality=organization.municipality,
        provider_kind=TrainingProgram.Provider.METHODICAL_CENTRE,
        provider_name="МКУ «Информационно-методический центр»",
    )


def completed_with_certificate(program, participant) -> TrainingEnrolment:
    enrolment = TrainingEnrolmentFactory(
        program=program,
        participant=participant,
        completed_on=datetime.date(2026, 10, 20),
        certificate_number="ШН-1",
        certificate_date=datetime.date(2026, 10, 20),
    )
    # Assigned, then saved: the stored name is made from the content.
    enrolment.certificate = ContentFile(PDF_BYTES, name="certificate.pdf")
    enrolment.save()
    return enrolment
