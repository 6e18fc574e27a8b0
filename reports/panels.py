"""The navbar entry of the order register and the signatory's home panel."""

from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, Panel, home_panel, nav_item
from accounts.permissions import Action
from reports.selectors import drafts_to_register

PANEL_ORDERS = 10

nav_item(NavItem(_("Orders"), "order_list", Action.ORDER_VIEW, order=40))
# The Положение the work follows, beside the pairs and groups. The coordinator, whose navbar is full,
# opens his organizations' ones from the list of the organizations.
nav_item(
    NavItem(
        _("Regulation on mentoring"),
        "statute_home",
        Action.STATUTE_READ,
        order=31,
        menu=_("Mentoring"),
        applies=lambda tenant: not tenant.is_municipal,
    )
)
# The log of downloaded files belongs to whoever answers for the organization's personal data.
nav_item(
    NavItem(
        _("Log of downloaded files"),
        "export_log",
        Action.ORGANIZATION_CHANGE,
        order=32,
        applies=lambda tenant: not tenant.is_municipal,
        # Beside the registries whose files it lists; a menu of its own would widen the navbar.
        menu=_("Participants"),
    )
)


@home_panel
def orders_to_sign_panel(request):
    """For whoever registers (signs) orders: the drafts the curator has prepared."""
    tenant = request.tenant
    if tenant is None or not tenant.can(Action.ORDER_REGISTER):
        return None
    drafts = drafts_to_register(tenant)
    first = list(drafts[: PANEL_ORDERS + 1])
    return Panel(
        _("Orders to sign"),
        "reports/register/panel_to_sign.html",
        {"orders": first[:PANEL_ORDERS], "count": drafts.count() if len(first) > PANEL_ORDERS else len(first)},
        20,
    )
