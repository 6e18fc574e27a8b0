"""Reads of the Положение and of the municipal target model, scoped to the current context.

The curator and the director read every version of their organization's Положение; a mentor reads
the version in force; the coordinator every version of his municipality's target model and the
approved versions of his municipality's organizations' Положения. A version out of reach is not in
the queryset (404).
"""

from django.db.models import Q, QuerySet

from accounts.models import Municipality, Organization, Role
from accounts.ownership import Owner, owner_lookup
from accounts.tenancy import Tenant
from reports import api
from reports.models import Order
from reports.statute.models import Statute, StatuteTemplate, StatuteVersion


def templates_for(owner: Owner) -> QuerySet[StatuteTemplate]:
    """The templates the owner may start from, of its scope: common ones and those of its region."""
    if isinstance(owner, Municipality):
        scope, region = StatuteTemplate.Scope.MUNICIPALITY, owner.region_id
    else:
        scope, region = StatuteTemplate.Scope.ORGANIZATION, owner.municipality.region_id
    return StatuteTemplate.objects.filter(Q(region__isnull=True) | Q(region_id=region), is_active=True, scope=scope)


def statute_of(owner: Owner) -> Statute | None:
    return Statute.objects.filter(**owner_lookup(owner)).first()


def versions_of(statute: Statute) -> QuerySet[StatuteVersion]:
    return statute.versions.select_related("created_by", "order").order_by("-number")


def latest_version(owner: Owner) -> StatuteVersion | None:
    return StatuteVersion.objects.filter(**owner_lookup(owner, "statute__")).order_by("-number").first()


def _approved() -> QuerySet[StatuteVersion]:
    """Versions approved by an order that stands (registered, not cancelled)."""
    return StatuteVersion.objects.filter(status=StatuteVersion.Status.APPROVED, order__status=Order.Status.REGISTERED)


def statute_in_force(owner: Owner) -> StatuteVersion | None:
    """The approved version in force: the one its latest standing order approved; None without one."""
    return (
        _approved()
        .filter(**owner_lookup(owner, "statute__"))
        .select_related("statute__organization", "statute__municipality", "order")
        .order_by("-approved_on", "-order__sequence", "-number")
        .first()
    )


def in_force_by_organization(municipality: Municipality) -> list[tuple[Organization, StatuteVersion | None]]:
    """The municipality's organizations, each with its Положение in force (or None): two queries."""
    organizations = list(Organization.objects.filter(municipality=municipality).order_by("short_name", "pk"))
    versions = _approved().filter(statute__organization__municipality=municipality).select_related("statute", "order")
    in_force = {}
    for version in versions.order_by("approved_on", "order__sequence", "number"):
        in_force[version.statute.organization_id] = version  # the last one wins
    return [(organization, in_force.get(organization.pk)) for organization in organizations]


def own_versions(tenant: Tenant) -> QuerySet[StatuteVersion]:
    """The versions of the context's own document, which it may compare, restore and take to an order
    (never an organization's Положение the coordinator only reads)."""
    return StatuteVersion.objects.select_related(
        "statute__organization", "statute__municipality", "created_by", "order"
    ).filter(**owner_lookup(tenant.owner, "statute__"))


def readable_versions(tenant: Tenant) -> QuerySet[StatuteVersion]:
    """The versions the context may open."""
    versions = StatuteVersion.objects.select_related(
        "statute__organization", "statute__municipality", "created_by", "order"
    )
    if tenant.is_municipal:
        municipality_id = tenant.membership.municipality_id
        return versions.filter(
            Q(statute__municipality_id=municipality_id)
            | Q(pk__in=_approved().filter(statute__organization__municipality_id=municipality_id))
        )
    organization = tenant.organization
    if tenant.role in (Role.CURATOR, Role.DIRECTOR):
        return versions.filter(statute__organization=organization)
    in_force = statute_in_force(organization)
    return versions.filter(pk=in_force.pk if in_force else None)


def approval_drafts(version: StatuteVersion) -> list[Order]:
    """Drafts of the register that carry this version as their appendix (waiting to be registered)."""
    statute = version.statute
    drafts = Order.objects.filter(
        organization_id=statute.organization_id,
        municipality_id=statute.municipality_id,
        kind__code=api.MUNICIPAL_INTRODUCTION if statute.is_municipal else api.STATUTE_APPROVAL,
        status=Order.Status.DRAFT,
    ).order_by("-created_at", "-pk")
    return [
        order
        for order in drafts
        if any(appendix.get("statute_version") == version.pk for appendix in order.appendices or [])
    ]
