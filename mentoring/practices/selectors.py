"""Reads of the registry of practices, scoped to the tenant.

Who sees which practice: the curator and the director every practice of the organization; a mentor
the ones he or she authors (or drafted) and those the organization has sent on; the coordinator the
submitted and published practices of the municipality's organizations, never a draft. Everyone of the
municipality sees its published practices (the municipal registry of successful practices).
"""

from django.db.models import Q, QuerySet

from accounts.collation import name_order
from accounts.models import Municipality, Organization, Role, User
from accounts.permissions import Action
from accounts.tenancy import Tenant
from mentoring.models import MentorEntry, Participant, Practice

Status = Practice.Status
SENT_ON = (Status.SUBMITTED, Status.PUBLISHED)
LIST_RELATED = ("organization", "form", "role_model")


def published_practices(*, organization: Organization | None = None, municipality: Municipality | None = None):
    """The published practices of an organization or of every organization of a municipality (for the
    public section and the municipal registry), newest first. Render them for strangers with
    ``mentoring.practices.public``: authors are named there only with their consent."""
    practices = Practice.objects.filter(status=Status.PUBLISHED).select_related(*LIST_RELATED)
    if organization is not None:
        practices = practices.filter(organization=organization)
    if municipality is not None:
        practices = practices.filter(organization__municipality=municipality)
    return practices.order_by("-published_at", "-pk")


def authored_by(user: User) -> Q:
    """Practices the user authors (as a mentor of the registry) or drafted."""
    authored = Practice.authors.through.objects.filter(participant__user=user).values("practice_id")
    return Q(pk__in=authored) | Q(created_by=user)


def practices_visible(tenant: Tenant | None, user: User) -> QuerySet[Practice]:
    if tenant is None or not tenant.can(Action.PRACTICE_VIEW):
        return Practice.objects.none()
    municipal_registry = Q(status=Status.PUBLISHED, organization__municipality=tenant.municipality)
    if tenant.is_municipal:
        scope = Q(status__in=SENT_ON, organization__municipality=tenant.municipality)
    elif tenant.role == Role.MENTOR:
        scope = Q(organization=tenant.organization) & (Q(status__in=SENT_ON) | authored_by(user))
    else:
        scope = Q(organization=tenant.organization)
    return Practice.objects.filter(scope | municipal_registry).select_related(*LIST_RELATED)


def organization_practices(tenant: Tenant, user: User) -> QuerySet[Practice]:
    """The practices of the list page: the organization's own (for the coordinator, those sent to
    the municipality)."""
    practices = practices_visible(tenant, user)
    if not tenant.is_municipal:
        practices = practices.filter(organization=tenant.organization)
    return practices


def may_change(tenant: Tenant, user: User, practice: Practice) -> bool:
    """Whether the user may edit the practice (and its files) now."""
    if not tenant.can(Action.PRACTICE_CHANGE) or practice.organization_id != getattr(tenant.organization, "pk", None):
        return False
    if not practice.is_editable:
        return False
    if tenant.role == Role.MENTOR:
        return Practice.objects.filter(authored_by(user), pk=practice.pk).exists()
    return True


def may_submit(tenant: Tenant, practice: Practice) -> bool:
    return (
        tenant.can(Action.PRACTICE_SUBMIT)
        and practice.organization_id == getattr(tenant.organization, "pk", None)
        and practice.is_editable
    )


def may_review(tenant: Tenant, practice: Practice) -> bool:
    return (
        tenant.can(Action.PRACTICE_REVIEW)
        and tenant.is_municipal
        and practice.status == Status.SUBMITTED
        and practice.organization.municipality_id == tenant.municipality.pk
    )


def author_choices(organization: Organization) -> QuerySet[Participant]:
    """Who may be named an author: the mentors of the organization's registry (of any year)."""
    return Participant.objects.filter(
        organization=organization,
        pk__in=MentorEntry.objects.filter(organization=organization).values("participant_id"),
        depersonalized_at=None,
    ).order_by(*name_order(), "pk")


def awaiting_review(municipality: Municipality) -> QuerySet[Practice]:
    return Practice.objects.filter(status=Status.SUBMITTED, organization__municipality=municipality)
