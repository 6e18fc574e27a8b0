"""Writes of the «Школа наставников»: programs and sessions, enrolment, attendance, completion with a
certificate and withdrawal. Each validates and saves in one transaction."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.utils.translation import gettext as _

from accounts.data_version import data_changed
from accounts.models import Municipality, Organization
from mentoring.academic_year import academic_year_of
from mentoring.registry.models import MentorEntry, Participant
from mentoring.registry.signals import participant_depersonalized, processing_consent_withdrawn
from mentoring.training.models import TrainingAttendance, TrainingEnrolment, TrainingProgram, TrainingSession

PROGRAM_FIELDS = ("name", "hours", "provider_kind", "provider_name", "description")
SESSION_FIELDS = ("held_on", "starts_at", "topic", "place", "leader")


def _full_clean(instance, **kwargs) -> None:
    instance.full_clean(**kwargs)


@transaction.atomic
def training_program_create(
    *, organization: Organization | None = None, municipality: Municipality | None = None, **fields
) -> TrainingProgram:
    if (organization is None) == (municipality is None):
        raise ValueError("A training program belongs to an organization or to a municipality.")
    program = TrainingProgram(organization=organization, municipality=municipality)
    for name in PROGRAM_FIELDS:
        if name in fields:
            setattr(program, name, fields[name])
    _full_clean(program)
    program.save()
    return program


@transaction.atomic
def training_program_update(*, program: TrainingProgram, **fields) -> TrainingProgram:
    for name in PROGRAM_FIELDS:
        if name in fields:
            setattr(program, name, fields[name])
    _full_clean(program)
    program.save()
    return program


@transaction.atomic
def training_session_add(
    *,
    program: TrainingProgram,
    held_on: datetime.date,
    topic: str,
    starts_at: datetime.time | None = None,
    place: str = "",
    leader: str = "",
) -> TrainingSession:
    session = TrainingSession(
        program=program, held_on=held_on, topic=topic.strip(), starts_at=starts_at, place=place.strip(), leader=leader
    )
    _full_clean(session)
    session.save()
    return session


@transaction.atomic
def training_session_delete(*, session: TrainingSession) -> None:
    if session.attendance.exists():
        raise ValidationError(_("Someone is marked present at this session: untick the attendance first."))
    session.delete()


def _check_may_enrol(program: TrainingProgram, participant: Participant) -> None:
    if participant.depersonalized_at:
        raise ValidationError({"participant": _("The person is depersonalized.")})
    organization = participant.organization
    if program.organization_id and program.organization_id != organization.pk:
        raise ValidationError({"participant": _("The program trains the staff of its own organization only.")})
    if program.municipality_id and program.municipality_id != organization.municipality_id:
        raise ValidationError({"participant": _("The program is open to the staff of its municipality only.")})
    is_mentor = MentorEntry.objects.filter(participant=participant).exists()
    if participant.category != Participant.Category.STAFF and not is_mentor:
        raise ValidationError({"participant": _("Only staff and people of the mentor registry are trained here.")})


@transaction.atomic
def training_enrol(
    *, program: TrainingProgram, participant: Participant, role: str, enrolled_on: datetime.date
) -> TrainingEnrolment:
    _check_may_enrol(program, participant)
    if TrainingEnrolment.objects.filter(program=program, participant=participant).exists():
        raise ValidationError({"participant": _("%(name)s is already enrolled.") % {"name": participant.full_name}})
    enrolment = TrainingEnrolment(program=program, participant=participant, role=role, enrolled_on=enrolled_on)
    enrolment.organization_id = participant.organization_id
    _full_clean(enrolment, exclude=["organization", "certificate"])
    enrolment.save()
    return enrolment


@transaction.atomic
def training_attendance_set(
    *, program: TrainingProgram, enrolments: list[TrainingEnrolment], present: set[tuple[int, int]]
) -> int:
    """The grid of the program for the given enrolments (those the user sees): ``present`` holds the
    ticked (session id, enrolment id) pairs; the rest of the grid is unticked. Withdrawn people keep
    what they attended. Returns the number of ticks now."""
    sessions = set(program.sessions.values_list("pk", flat=True))
    open_ids = {
        enrolment.pk for enrolment in enrolments if enrolment.program_id == program.pk and not enrolment.withdrawn_on
    }
    wanted = {(session, enrolment) for session, enrolment in present if session in sessions and enrolment in open_ids}
    existing = set(
        TrainingAttendance.objects.filter(enrolment_id__in=open_ids).values_list("session_id", "enrolment_id")
    )
    removed = existing - wanted
    if removed:
        condition = Q()
        for session, enrolment in removed:
            condition |= Q(session_id=session, enrolment_id=enrolment)
        TrainingAttendance.objects.filter(condition).delete()
    TrainingAttendance.objects.bulk_create(
        [TrainingAttendance(session_id=session, enrolment_id=enrolment) for session, enrolment in wanted - existing]
    )
    return len(wanted)


@transaction.atomic
def training_complete(
    *,
    enrolment: TrainingEnrolment,
    completed_on: datetime.date,
    certificate_number: str = "",
    certificate_date: datetime.date | None = None,
    certificate=None,
) -> TrainingEnrolment:
    """Records the completion and its certificate; the person's line of the mentor registry of that
    academic year is marked trained (the pairs' program page counts it)."""
    enrolment = TrainingEnrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.withdrawn_on:
        raise ValidationError(_("The person has withdrawn from the training."))
    if certificate_date and certificate_date < enrolment.enrolled_on:
        raise ValidationError({"certificate_date": _("The certificate cannot be dated before the enrolment.")})
    enrolment.completed_on = completed_on
    enrolment.certificate_number = certificate_number.strip()
    enrolment.certificate_date = certificate_date or (completed_on if certificate_number else None)
    if certificate:
        enrolment.certificate = certificate
    _full_clean(enrolment, exclude=["organization", "certificate"])
    enrolment.save()
    MentorEntry.objects.filter(
        participant_id=enrolment.participant_id, academic_year=academic_year_of(completed_on), trained=False
    ).update(trained=True, trained_on=completed_on)
    data_changed(Q(pk=enrolment.organization_id))
    return enrolment


@transaction.atomic
def training_withdraw(*, enrolment: TrainingEnrolment, on: datetime.date) -> TrainingEnrolment:
    """The person leaves the training before its end. A completed training is a fact and stays."""
    enrolment = TrainingEnrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.completed_on:
        raise ValidationError(_("The training is completed: a completion is not withdrawn."))
    if enrolment.withdrawn_on:
        raise ValidationError(_("The person has already withdrawn."))
    if on < enrolment.enrolled_on:
        raise ValidationError({"withdrawn_on": _("The withdrawal cannot come before the enrolment.")})
    enrolment.withdrawn_on = on
    enrolment.save(update_fields=["withdrawn_on"])
    return enrolment


@receiver(participant_depersonalized, dispatch_uid="training-depersonalized")
def _certificates_depersonalized(sender, participant: Participant, **kwargs) -> None:
    """The certificates name the person: the files and numbers go. The completion dates stay, so the
    trained staff of past dates are counted as they were (statistics of depersonalized data)."""
    for enrolment in TrainingEnrolment.objects.filter(participant=participant):
        if enrolment.certificate:
            transaction.on_commit(lambda file=enrolment.certificate: file.storage.delete(file.name))
            enrolment.certificate = ""
        enrolment.certificate_number = ""
        enrolment.save(update_fields=["certificate", "certificate_number"])


@receiver(processing_consent_withdrawn, dispatch_uid="training-consent-withdrawn")
def _trainings_left_on_consent_withdrawal(sender, participant: Participant, on: datetime.date, **kwargs) -> list[str]:
    """Without a consent to processing nobody is kept in a training: the open enrolments end on the day
    of the withdrawal (not before the enrolment). Completed trainings stay what they are."""
    effects = []
    open_enrolments = TrainingEnrolment.objects.filter(
        participant=participant, completed_on__isnull=True, withdrawn_on__isnull=True
    ).select_related("program")
    for enrolment in open_enrolments:
        enrolment.withdrawn_on = max(on, enrolment.enrolled_on)
        enrolment.save(update_fields=["withdrawn_on"])
        effects.append(_("Withdrawn from the training «%(program)s».") % {"program": enrolment.program.name})
    return effects
