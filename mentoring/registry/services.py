"""Writes to the registries. Each function validates, saves in a transaction, and returns the object."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, User
from mentoring.models import Consent, MenteeEntry, MentorEntry, Participant
from mentoring.registry.consents import consent_is_valid, valid_consents
from mentoring.registry.invitations import INVITABLE_ROLES
from mentoring.registry.signals import participant_depersonalized, processing_consent_withdrawn
from mentoring.registry.validation import participant_problems, person_name_problem

# How long a withdrawn person's data may be kept before they are depersonalized (152-ФЗ, art. 21).
DEPERSONALIZE_AFTER_DAYS = 30

PARTICIPANT_FIELDS = (
    "category",
    "last_name",
    "first_name",
    "patronymic",
    "birth_date",
    "phone",
    "email",
    "guardian_name",
    "class_name",
    "position",
    "teaching_since",
    "has_disability",
    "partner",
)


def _check(participant: Participant, parents) -> None:
    data = {field: getattr(participant, field) for field in PARTICIPANT_FIELDS}
    problems = participant_problems(data, organization=participant.organization, on_date=timezone.localdate())
    if participant.partner_id and participant.partner.organization_id != participant.organization_id:
        problems["partner"] = _("The partner belongs to another organization.")
    for parent in parents or ():
        if parent.organization_id != participant.organization_id or parent.pk == participant.pk:
            problems["parents"] = _("A parent must be another participant of the same organization.")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def participant_create(*, organization, by: User, parents=(), **fields) -> Participant:
    participant = Participant(organization=organization, **fields)
    _check(participant, parents)
    participant._history_user = by
    participant.save()
    participant.parents.set(parents)
    return participant


@transaction.atomic
def participant_update(*, participant: Participant, by: User, parents=None, **fields) -> Participant:
    for field, value in fields.items():
        setattr(participant, field, value)
    _check(participant, parents)
    participant._history_user = by
    participant.save()
    if parents is not None:
        participant.parents.set(parents)
    return participant


@transaction.atomic
def registry_entry_save(*, entry: MentorEntry | MenteeEntry, by: User) -> MentorEntry | MenteeEntry:
    entry.full_clean()
    entry._history_user = by
    entry.save()
    return entry


def _consent_problems(participant: Participant, fields: dict) -> dict[str, str]:
    problems = {}
    signed_on = fields["signed_on"]
    if signed_on > timezone.localdate():
        problems["signed_on"] = _("The consent cannot be signed in the future.")
    if fields.get("valid_until") and fields["valid_until"] < signed_on:
        problems["valid_until"] = _("The term ends before the consent was signed.")
    if fields["signed_by"] == Consent.Signer.SELF and participant.is_minor_on(signed_on):
        problems["signed_by"] = _("The person was a minor on that day: a parent or legal representative signs.")
    representative_name = fields.get("representative_name", "").strip()
    if fields["signed_by"] == Consent.Signer.REPRESENTATIVE and not representative_name:
        problems["representative_name"] = _("Write the representative's full name.")
    elif name_problem := person_name_problem(representative_name):
        problems["representative_name"] = name_problem
    if fields["signed_by"] == Consent.Signer.REPRESENTATIVE and not fields.get("representative_document", "").strip():
        problems["representative_document"] = _("Name the document that proves the authority.")
    if fields["kind"] == Consent.Kind.PROCESSING and fields.get("allowed_publication"):
        problems["allowed_publication"] = _("Publication is allowed only by a separate distribution consent.")
    return problems


@transaction.atomic
def consent_record(*, participant: Participant, by: User, **fields) -> Consent:
    problems = _consent_problems(participant, fields)
    if problems:
        raise ValidationError(problems)
    consent = Consent(participant=participant, created_by=by, **fields)
    consent._history_user = by
    consent.save()
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, on: datetime.date, reason: str, by: User) -> Consent:
    if consent.withdrawn_on:
        raise ValidationError({"withdrawn_on": _("The consent is already withdrawn.")})
    if on < consent.signed_on:
        raise ValidationError({"withdrawn_on": _("The consent cannot be withdrawn before it was signed.")})
    if on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("The date of withdrawal is in the future.")})
    consent.withdrawn_on = on
    consent.withdrawal_reason = reason.strip()
    consent._history_user = by
    consent.save(update_fields=["withdrawn_on", "withdrawal_reason"])
    # What the withdrawal changed elsewhere, a sentence each, for the person who recorded it.
    consent.withdrawal_effects = []
    if consent.kind == Consent.Kind.PROCESSING and not consent_is_valid(consent.participant, consent.kind, on):
        # Without a consent to processing nobody stays in a pair or group.
        responses = processing_consent_withdrawn.send(sender=Consent, participant=consent.participant, on=on, by=by)
        consent.withdrawal_effects = [effect for _receiver, effects in responses for effect in effects or ()]
    return consent


def depersonalization_code(participant: Participant) -> str:
    return f"Участник-{participant.pk:06d}"


@transaction.atomic
def participant_depersonalize(*, participant: Participant) -> Participant:
    """Replaces what identifies the person with a code and destroys the history of the old values.

    Category, class, the registry dates and the birth date copied on the registry entries stay, so
    the counts of past periods do not change (README «Personal data»); signed orders are separate
    documents and keep the names they were issued with.
    """
    participant.last_name = depersonalization_code(participant)
    participant.first_name = participant.patronymic = ""
    participant.birth_date = None
    participant.phone = participant.email = participant.guardian_name = ""
    participant.depersonalized_at = timezone.now()
    participant.save()
    participant.history.all().delete()
    for entry in (*participant.mentor_entries.all(), *participant.mentee_entries.all()):
        for field in ("interests", "results", "case_url", "key_request", "competencies", "achievements"):
            if hasattr(entry, field):
                setattr(entry, field, "")
        entry.save()
        entry.history.all().delete()
    for consent in participant.consents.all():
        if consent.scan:
            # Delete the file only once the database change is final.
            transaction.on_commit(lambda scan=consent.scan: scan.storage.delete(scan.name))
            consent.scan = ""
        # The reason of withdrawal is free text and often names the parent.
        consent.representative_name = consent.withdrawal_reason = ""
        consent.save()
        consent.history.all().delete()
    if participant.user_id:
        _account_depersonalize(participant)
    participant_depersonalized.send(sender=Participant, participant=participant)
    return participant


def _account_depersonalize(participant: Participant) -> None:
    """The person's account loses the roles the registry gave it here (a mentor's, a mentee's);
    an account tied to nothing else any more is closed and loses the name and the e-mail (an
    invited account's username is its e-mail). Roles elsewhere, other people's links and the
    accounts of administrators are not this organization's to change."""
    user = participant.user
    Membership.objects.filter(user=user, organization=participant.organization, role__in=INVITABLE_ROLES).delete()
    tied_elsewhere = (
        Membership.objects.filter(user=user).exists()
        or Participant.objects.filter(user=user).exclude(pk=participant.pk).exists()
    )
    if not tied_elsewhere and not (user.is_staff or user.is_superuser):
        User.objects.filter(pk=user.pk).update(
            is_active=False,
            username=f"depersonalized-{user.pk}",
            first_name="",
            last_name=participant.last_name,
            patronymic="",
            email="",
        )
    participant.user = None
    participant.save(update_fields=["user"])


def participants_due_for_depersonalization(today: datetime.date):
    """People whose processing consent was withdrawn at least 30 days ago and who gave no new one."""
    cutoff = today - datetime.timedelta(days=DEPERSONALIZE_AFTER_DAYS)
    withdrawn = Consent.objects.filter(kind=Consent.Kind.PROCESSING, withdrawn_on__lte=cutoff)
    # The 30 days count from the latest withdrawal.
    recently_withdrawn = Consent.objects.filter(kind=Consent.Kind.PROCESSING, withdrawn_on__gt=cutoff)
    still_valid = valid_consents(Consent.Kind.PROCESSING, today)
    return (
        Participant.objects.filter(depersonalized_at__isnull=True, pk__in=withdrawn.values("participant"))
        .exclude(pk__in=still_valid.values("participant"))
        .exclude(pk__in=recently_withdrawn.values("participant"))
        .select_related("organization")
    )
