"""Reads of the Положение, scoped to the current context.

The curator and the director read every version of their organization's Положение; a mentor reads
the version in force; the coordinator the approved versions of his municipality's organizations. A
version out of reach is not in the queryset (404).
"""

from django.db.models import QuerySet

from accounts.models import Municipality, Organization, Role
from accounts.tenancy import Tenant
from reports.models import Order
from reports.statute.models import Statute, StatuteTemplate, StatuteVersion

APPROVAL_KIND = "regulation-approval"


def templates_for(organization: Organization) -> QuerySet[StatuteTemplate]:
    """The templates an organization may start from: common ones and those of its region."""
    region = organization.municipality.region_id
    return StatuteTemplate.objects.filter(is_active=True).filter(region__isnull=True) | StatuteTemplate.objects.filter(
        is_active=True, region_id=region
    )


def statute_of(organization: Organization) -> Statute | None:
    return Statute.objects.filter(organization=organization).first()


def versions_of(statute: Statute) -> QuerySet[StatuteVersion]:
    return statute.versions.select_related("created_by", "order").order_by("-number")


def latest_version(organization: Organization) -> StatuteVersion | None:
    return StatuteVersion.objects.filter(statute__organization=organization).order_by("-number").first()


def _approved() -> QuerySet[StatuteVersion]:
    """Versions approved by an order that stands (registered, not cancelled)."""
    return StatuteVersion.objects.filter(status=StatuteVersion.Status.APPROVED, order__status=Order.Status.REGISTERED)


def statute_in_force(*, organization: Organization) -> StatuteVersion | None:
    """The approved version in force: the one its latest standing order approved; None without one."""
    return (
        _approved()
        .filter(statute__organization=organization)
        .select_related("statute__organization", "order")
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


def readable_versions(tenant: Tenant) -> QuerySet[StatuteVersion]:
    """The versions the context may open."""
    versions = StatuteVersion.objects.select_related("statute__organization", "created_by", "order")
    if tenant.is_municipal:
        return versions.filter(
            pk__in=_approved().filter(statute__organization__municipality_id=tenant.membership.municipality_id)
        )
    organization = tenant.organization
    if tenant.role in (Role.CURATOR, Role.DIRECTOR):
        return versions.filter(statute__organization=organization)
    in_force = statute_in_force(organization=organization)
    return versions.filter(pk=in_force.pk if in_force else None)


def approval_drafts(version: StatuteVersion) -> list[Order]:
    """Drafts of the register that carry this version as their appendix (waiting to be registered)."""
    drafts = Order.objects.filter(
        organization_id=version.statute.organization_id, kind__code=APPROVAL_KIND, status=Order.Status.DRAFT
    ).order_by("-created_at", "-pk")
    return [
        order
        for order in drafts
        if any(appendix.get("statute_version") == version.pk for appendix in order.appendices or [])
    ]
