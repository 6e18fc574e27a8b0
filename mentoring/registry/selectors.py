"""Reads of the registries, always starting from the current organization."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from accounts.tenancy import Tenant
from mentoring.history import HistoryEvent, history_events
from mentoring.models import (
    YOUNG_SPECIALIST_YEARS,
    Consent,
    MenteeEntry,
    MentorEntry,
    Participant,
    PartnerOrganization,
)
from mentoring.registry.consents import with_consent_status, years_before


def participants_of(tenant: Tenant) -> QuerySet[Participant]:
    return Participant.objects.filter(organization=tenant.organization)


def partners_of(tenant: Tenant) -> QuerySet[PartnerOrganization]:
    return PartnerOrganization.objects.filter(organization=tenant.organization)


def participant_list(tenant: Tenant, *, academic_year: int, on_date: datetime.date) -> QuerySet[Participant]:
    """The registry list: each row knows its consent status and registries of the year in one query."""
    # The organization narrows what PostgreSQL may hash instead of probing each row: the school's
    # entries of the year through their index, not the region's.
    in_year = {"participant": OuterRef("pk"), "organization": tenant.organization, "academic_year": academic_year}
    participants = participants_of(tenant).select_related("partner")
    participants = with_consent_status(participants, Consent.Kind.PROCESSING, on_date)
    return participants.annotate(
        is_mentor=Exists(MentorEntry.objects.filter(**in_year)),
        is_mentee=Exists(MenteeEntry.objects.filter(**in_year)),
        full_cycle=Exists(MentorEntry.objects.filter(full_cycle=True, **in_year))
        | Exists(MenteeEntry.objects.filter(full_cycle=True, **in_year)),
    )


def young_specialists(participants: QuerySet[Participant], on_date: datetime.date) -> QuerySet[Participant]:
    """Staff whose teaching experience is 0–3 full years on the date."""
    earliest = years_before(on_date, YOUNG_SPECIALIST_YEARS + 1)
    return participants.filter(
        category=Participant.Category.STAFF, teaching_since__gt=earliest, teaching_since__lte=on_date
    )


def participant_detail(tenant: Tenant) -> QuerySet[Participant]:
    return (
        participants_of(tenant)
        .select_related("partner", "user", "organization")
        .prefetch_related(
            Prefetch("consents", queryset=Consent.objects.select_related("created_by")),
            "mentor_entries",
            "mentee_entries",
            "parents",
            "children",
        )
    )


def participants_without_valid_consent(tenant: Tenant, on_date: datetime.date) -> QuerySet[Participant]:
    participants = with_consent_status(
        participants_of(tenant).filter(depersonalized_at__isnull=True), Consent.Kind.PROCESSING, on_date
    )
    return participants.filter(processing_valid=False)


def class_names(tenant: Tenant) -> list[str]:
    """Classes present in the organization, in natural order (5А < 5Б < 10А)."""
    names = participants_of(tenant).exclude(class_name="").values_list("grade", "class_name").distinct()
    return [name for _, name in sorted(set(names), key=lambda row: (row[0] or 99, row[1]))]


def participant_history(participant: Participant) -> list[HistoryEvent]:
    """Who changed which field of the participant, its consents and registry entries, newest first."""
    sources = [
        (participant.history.all(), str(participant._meta.verbose_name)),
        (Consent.history.filter(participant_id=participant.pk), str(Consent._meta.verbose_name)),
        (MentorEntry.history.filter(participant_id=participant.pk), str(MentorEntry._meta.verbose_name)),
        (MenteeEntry.history.filter(participant_id=participant.pk), str(MenteeEntry._meta.verbose_name)),
    ]
    return history_events(
        ((records.select_related("history_user"), label) for records, label in sources),
        # The list of a distribution consent holds codes of what may be published.
        labels={"allowed_publication": dict(Consent.Publication.choices)},
    )
