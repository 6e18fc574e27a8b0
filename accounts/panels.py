"""Home panels and navbar entries of the accounts app."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, Panel, home_panel, nav_item
from accounts.models import Organization, Role
from accounts.permissions import Action
from accounts.selectors import organization_staff, organizations_visible

nav_item(
    NavItem(
        _("Municipality"),
        "municipality_organizations",
        Action.MUNICIPALITY_VIEW,
        order=10,
    )
)


@home_panel
def own_organization_panel(request):
    tenant = request.tenant
    if tenant is None or tenant.is_municipal:
        return None
    return Panel(_("My organization"), "accounts/panels/organization.html", {"organization": tenant.organization}, 10)


@home_panel
def staff_panel(request):
    tenant = request.tenant
    if tenant is None or tenant.is_municipal or not tenant.can(Action.STAFF_VIEW):
        return None
    counts = organization_staff(tenant.organization).values("role").annotate(count=Count("pk")).order_by()
    count_of = {row["role"]: row["count"] for row in counts}
    by_role = [(role.label, count_of[role]) for role in Role if role in count_of]
    return Panel(_("Users with access"), "accounts/panels/staff.html", {"by_role": by_role}, 20)


@home_panel
def municipality_panel(request):
    tenant = request.tenant
    if tenant is None or not tenant.can(Action.MUNICIPALITY_VIEW):
        return None
    counts = organizations_visible(tenant).values("kind").annotate(count=Count("pk")).order_by()
    by_kind = sorted((Organization.Kind(row["kind"]).label, row["count"]) for row in counts)
    return Panel(
        _("Organizations of the municipality"),
        "accounts/panels/municipality.html",
        {"municipality": tenant.municipality, "by_kind": by_kind},
        10,
    )
