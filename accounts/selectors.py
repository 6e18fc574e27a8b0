from django.db.models import Count, QuerySet

from accounts.collation import name_order
from accounts.models import Membership, Organization
from accounts.tenancy import Tenant


def organizations_visible(tenant: Tenant) -> QuerySet[Organization]:
    """Organizations the current context may see: a coordinator's whole municipality, or one's own."""
    organizations = Organization.objects.select_related("municipality__region")
    if tenant.is_municipal:
        return organizations.filter(municipality=tenant.municipality)
    return organizations.filter(pk=tenant.organization.pk)


def municipality_organizations(tenant: Tenant) -> QuerySet[Organization]:
    """The coordinator's list: every organization of the municipality with its staff count."""
    return organizations_visible(tenant).annotate(staff_count=Count("memberships")).order_by("kind", "short_name")


def organization_staff(organization: Organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("role", *name_order("user__"), "pk")
    )
