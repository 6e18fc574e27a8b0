"""Accounts for the registry's people: a curator invites a mentor (or a teacher mentee) by e-mail.

An account is a shared row: one person may work in several organizations, and a coordinator or an
administrator has an account of their own. So a curator changes an account directly only when it
is the organization's own (created by its invitations, tied to nothing elsewhere). An e-mail that
belongs to anyone else's account leads to an invitation that the owner accepts after logging in,
and until then nothing of that account changes: not its name, e-mail, password or memberships.
Accounts of the system's administrators are never invited.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from accounts.models import Membership, Role, User
from mentoring.models import AccountInvitation, Participant

INVITABLE_ROLES = {Role.MENTOR, Role.MENTEE}
# An invitation to someone else's account is answered within this time or not at all: the
# registry's data it was sent for may have changed since.
INVITATION_VALID_DAYS = 14


@dataclass(frozen=True)
class InviteOutcome:
    user: User
    # The account is someone else's: it joins the organization only when its owner accepts.
    awaits_acceptance: bool


def _check_invitable(participant: Participant, role: Role) -> None:
    if role not in INVITABLE_ROLES:
        raise ValidationError({"role": _("Only a mentor or a mentee can be invited.")})
    if role == Role.MENTEE and participant.category != Participant.Category.STAFF:
        raise ValidationError({"role": _("Only teachers who are mentees get an account; pupils answer by link.")})
    if not participant.email:
        raise ValidationError({"email": _("Add the person's e-mail first: the invitation goes there.")})
    if participant.depersonalized_at:
        raise ValidationError(_("The person's data are depersonalized: nobody can be invited for them."))


def _account_of_email(email: str) -> User | None:
    """The account that signs in with this address: by its e-mail or by its username (an invited
    account's username is its e-mail), in any letter case."""
    accounts = list(User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))[:2])
    if len(accounts) > 1:
        raise ValidationError(
            {"email": _("Two accounts answer to this e-mail. Ask the system's administrator to sort them out.")}
        )
    return accounts[0] if accounts else None


def account_is_organizations_own(user: User, organization) -> bool:
    """Whether the account belongs to this organization alone: tied to it by a role or a registry
    entry and to nothing else. An administrator's account never is."""
    if user.is_staff or user.is_superuser:
        return False
    if Membership.objects.filter(user=user).exclude(organization=organization).exists():
        return False
    if Participant.objects.filter(user=user).exclude(organization=organization).exists():
        return False
    return (
        Membership.objects.filter(user=user, organization=organization).exists()
        or Participant.objects.filter(user=user, organization=organization).exists()
    )


def _never_used(user: User) -> bool:
    return user.last_login is None and not user.has_usable_password()


def _set_password_link(user: User, base_url: str) -> str:
    return base_url + reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def _send(participant: Participant, user: User, template: str, context: dict) -> None:
    organization = participant.organization.short_name
    send_mail(
        subject=_("Invitation to the mentoring system of %(organization)s") % {"organization": organization},
        message=render_to_string(template, {"participant": participant, "user": user, **context}),
        from_email=None,
        # Always the account's own address: a curator who changes a person's e-mail must not
        # receive a link to somebody's account.
        recipient_list=[user.email],
    )


def _give_role(*, participant: Participant, user: User, role: Role, by: User) -> None:
    Membership.objects.get_or_create(user=user, role=role, organization=participant.organization)
    if participant.user_id != user.pk:
        participant.user = user
        participant._history_user = by
        participant.save(update_fields=["user", "updated_at"])


def _refresh_own_unused_account(user: User, participant: Participant) -> None:
    """The organization's own account that nobody has signed in to yet follows the registry's
    corrections of the name and the e-mail (a typo in the first invitation)."""
    user.last_name, user.first_name, user.patronymic = (
        participant.last_name,
        participant.first_name,
        participant.patronymic,
    )
    if user.email.lower() != participant.email.lower():
        if user.username.lower() == user.email.lower():
            user.username = participant.email.lower()
        user.email = participant.email
    user.save()


@transaction.atomic
def participant_invite(*, participant: Participant, role: Role, by: User, base_url: str) -> InviteOutcome:
    """Gives a mentor or a teacher mentee an account in the organization and e-mails it, or asks
    the owner of an existing account elsewhere to accept. ``base_url`` is the site's scheme and
    host, e.g. https://mentor.example.ru."""
    _check_invitable(participant, role)
    organization = participant.organization
    by_email = _account_of_email(participant.email)
    user = participant.user or by_email
    if by_email is not None and by_email != user:
        raise ValidationError(
            {"email": _("This e-mail belongs to another account. Check the person's e-mail in the registry.")}
        )
    if user is None:
        user = User(username=participant.email.lower(), email=participant.email)
        user.set_unusable_password()
        _refresh_own_unused_account(user, participant)
        _give_role(participant=participant, user=user, role=role, by=by)
        _send(participant, user, "mentoring/email/invitation.txt", _letter(user, role, base_url, set_password=True))
        return InviteOutcome(user=user, awaits_acceptance=False)
    if user.is_staff or user.is_superuser:
        raise ValidationError(
            {"email": _("This e-mail belongs to an administrator of the system and cannot be invited.")}
        )
    if not user.is_active:
        raise ValidationError({"email": _("The account with this e-mail is closed.")})
    own = account_is_organizations_own(user, organization)
    # A person already linked to the account has accepted this organization once: another role
    # here changes nothing elsewhere.
    if own or participant.user_id == user.pk:
        unused = own and _never_used(user)
        if unused:
            _refresh_own_unused_account(user, participant)
        _give_role(participant=participant, user=user, role=role, by=by)
        _send(participant, user, "mentoring/email/invitation.txt", _letter(user, role, base_url, set_password=unused))
        return InviteOutcome(user=user, awaits_acceptance=False)
    invitation, _created = AccountInvitation.objects.get_or_create(
        participant=participant, user=user, role=role, answered_at=None, defaults={"created_by": by}
    )
    if not _created:
        # Sent again: the term of the answer starts anew.
        invitation.created_by, invitation.created_at = by, timezone.now()
        invitation.save(update_fields=["created_by", "created_at"])
    _send(participant, user, "mentoring/email/invitation_to_accept.txt", _letter(user, role, base_url))
    return InviteOutcome(user=user, awaits_acceptance=True)


def _letter(user: User, role: Role, base_url: str, *, set_password: bool = False) -> dict:
    return {
        "role": role.label,
        "link": _set_password_link(user, base_url) if set_password else base_url + reverse("home"),
        "set_password": set_password,
    }


def _unanswered():
    since = timezone.now() - datetime.timedelta(days=INVITATION_VALID_DAYS)
    return AccountInvitation.objects.filter(
        answered_at__isnull=True, created_at__gte=since, participant__depersonalized_at__isnull=True
    )


def open_invitations(user: User):
    """The invitations the user may still answer, newest first."""
    return _unanswered().filter(user=user).select_related("participant__organization", "created_by")


def awaiting_answer(participant: Participant):
    """The person's invitations that their account's owner has not answered yet (for the curator:
    the roles they wait for, never which account it is)."""
    return _unanswered().filter(participant=participant)


@transaction.atomic
def invitation_answer(*, invitation: AccountInvitation, accept: bool, by: User) -> AccountInvitation:
    """The account's owner accepts (joins the organization in the role, linked to the person of the
    registry) or declines. Only the owner answers: callers look the invitation up among
    ``open_invitations(by)``."""
    invitation = AccountInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.user_id != by.pk or invitation.answered_at is not None:
        raise ValidationError(_("This invitation is already answered or is not yours."))
    participant = Participant.objects.select_for_update().get(pk=invitation.participant_id)
    if accept:
        if participant.depersonalized_at or participant.user_id not in (None, by.pk):
            raise ValidationError(_("The invitation is no longer valid: ask the organization's curator again."))
        _give_role(participant=participant, user=by, role=Role(invitation.role), by=by)
    invitation.answered_at, invitation.accepted = timezone.now(), accept
    invitation.save(update_fields=["answered_at", "accepted"])
    return invitation
