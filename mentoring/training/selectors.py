"""Reads of the «Школа наставников», always starting from the current organization or municipality.

A school's curator sees the school's programs and the municipality's (open to its staff), and in a
municipal program only the school's own people; the coordinator sees the municipality's programs and
the programs and completions of its organizations (staff names are staff data, not pupils')."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.collation import name_order
from accounts.tenancy import Tenant
from mentoring.registry.models import MentorEntry, Participant
from mentoring.training.models import TrainingAttendance, TrainingEnrolment, TrainingProgram, TrainingSession


def programs_visible(tenant: Tenant) -> QuerySet[TrainingProgram]:
    if tenant.is_municipal:
        owned = Q(municipality=tenant.municipality) | Q(organization__municipality=tenant.municipality)
    else:
        owned = Q(organization=tenant.organization) | Q(municipality=tenant.organization.municipality_id)
    return TrainingProgram.objects.filter(owned).select_related("organization", "municipality")


def programs_managed(tenant: Tenant) -> QuerySet[TrainingProgram]:
    """The programs whose sessions, attendance and completions the tenant keeps: its own."""
    if tenant.is_municipal:
        return TrainingProgram.objects.filter(municipality=tenant.municipality)
    return TrainingProgram.objects.filter(organization=tenant.organization)


def program_list(tenant: Tenant) -> QuerySet[TrainingProgram]:
    """The programs with their numbers of sessions, of people enrolled (the tenant's own people in a
    program of someone else) and of completions."""
    people = enrolments_visible(tenant)
    return (
        programs_visible(tenant)
        .annotate(
            session_count=Count("sessions", distinct=True),
            enrolled_count=Count("enrolments", filter=Q(enrolments__in=people), distinct=True),
            completed_count=Count(
                "enrolments", filter=Q(enrolments__in=people, enrolments__completed_on__isnull=False), distinct=True
            ),
        )
        .order_by("-created_at", "-pk")
    )


def enrolments_visible(tenant: Tenant) -> QuerySet[TrainingEnrolment]:
    """Enrolments whose people the tenant may see: an organization's own staff in any program; for a
    coordinator, the staff of the municipality's organizations."""
    if tenant.is_municipal:
        return TrainingEnrolment.objects.filter(organization__municipality=tenant.municipality)
    return TrainingEnrolment.objects.filter(organization=tenant.organization)


def program_enrolments(tenant: Tenant, program: TrainingProgram) -> QuerySet[TrainingEnrolment]:
    return (
        enrolments_visible(tenant)
        .filter(program=program)
        .select_related("participant", "organization")
        .prefetch_related(
            Prefetch("attendance", queryset=TrainingAttendance.objects.only("session_id", "enrolment_id"))
        )
        .order_by(*name_order("participant__"), "pk")
    )


def program_sessions(program: TrainingProgram) -> QuerySet[TrainingSession]:
    return program.sessions.order_by("held_on", "starts_at", "pk")


def enrolment_candidates(tenant: Tenant, program: TrainingProgram) -> QuerySet[Participant]:
    """The organization's staff and mentors not yet enrolled in the program, in name order."""
    if tenant.is_municipal:
        return Participant.objects.none()
    mentors = MentorEntry.objects.filter(organization=tenant.organization).values("participant")
    return (
        Participant.objects.filter(organization=tenant.organization, depersonalized_at__isnull=True)
        .filter(Q(category=Participant.Category.STAFF) | Q(pk__in=mentors))
        .exclude(training_enrolments__program=program)
        .order_by(*name_order(), "pk")
    )


def completions(tenant: Tenant) -> QuerySet[TrainingEnrolment]:
    """Completed trainings of the tenant's people, the latest first."""
    return (
        enrolments_visible(tenant)
        .filter(completed_on__isnull=False)
        .select_related("participant", "program", "organization")
        .order_by("-completed_on", *name_order("participant__"), "pk")
    )


def completions_by_organization(tenant: Tenant, on_date: datetime.date) -> list[dict]:
    """The coordinator's aggregate: per organization, the staff trained on or before the date."""
    rows = (
        enrolments_visible(tenant)
        .filter(completed_on__lte=on_date, participant__category=Participant.Category.STAFF)
        .order_by()
        .values("organization_id", "organization__short_name")
        .annotate(trained=Count("participant", distinct=True))
        .order_by("organization__short_name")
    )
    return list(rows)


def trainings_of(participant: Participant) -> QuerySet[TrainingEnrolment]:
    """A person's trainings for the registry card, the latest first."""
    return (
        TrainingEnrolment.objects.filter(participant=participant)
        .select_related("program")
        .order_by("-enrolled_on", "-pk")
    )


def own_trainings(tenant: Tenant, user) -> QuerySet[TrainingEnrolment]:
    """The trainings of the user's own person in the current organization (a mentor's page)."""
    return (
        TrainingEnrolment.objects.filter(participant__user=user, participant__organization=tenant.organization)
        .select_related("program", "participant")
        .prefetch_related(Prefetch("program__sessions", queryset=TrainingSession.objects.order_by("held_on", "pk")))
        .annotate(attended=Count("attendance", distinct=True))
        .order_by("-enrolled_on", "-pk")
    )


def trained_staff_counts(*, organization_ids, dates) -> dict[datetime.date, dict[int, int]]:
    """date -> organization id -> the staff with a training completed on or before the date, in one
    query. A figure as of D reads only completions dated on or before D; a completion stays (a
    withdrawal cannot follow it, a depersonalization keeps its date and the person's category)."""
    dates = list(dates)
    if not dates:
        return {}
    counts = {
        f"d{number}": Count("participant", distinct=True, filter=Q(completed_on__lte=day))
        for number, day in enumerate(dates)
    }
    rows = (
        TrainingEnrolment.objects.filter(
            organization_id__in=list(organization_ids),
            completed_on__lte=max(dates),
            participant__category=Participant.Category.STAFF,
        )
        .order_by()
        .values("organization_id")
        .annotate(**counts)
    )
    result: dict[datetime.date, dict[int, int]] = {day: {} for day in dates}
    for row in rows:
        for number, day in enumerate(dates):
            result[day][row["organization_id"]] = row[f"d{number}"]
    return result
