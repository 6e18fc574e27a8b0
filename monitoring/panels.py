"""Navbar entries of questionnaires and campaigns, and the curator's panel of running campaigns."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, Panel, home_panel, nav_item
from accounts.permissions import Action
from monitoring.selectors import campaigns_of, running, with_progress

PANEL_LIMIT = 5
MENU = _("Monitoring")  # one menu with the indicators and the dashboard


def _of_organization(tenant) -> bool:
    return not tenant.is_municipal


nav_item(
    NavItem(
        _("Questionnaires"),
        "questionnaire_list",
        Action.QUESTIONNAIRE_VIEW,
        order=45,
        menu=MENU,
        applies=_of_organization,
    )
)
nav_item(NavItem(_("Surveys"), "campaign_list", Action.CAMPAIGN_VIEW, order=46, menu=MENU, applies=_of_organization))


@home_panel
def campaigns_panel(request):
    """Running campaigns with how many of the invited answered."""
    tenant = request.tenant
    if tenant is None or tenant.is_municipal or not tenant.can(Action.CAMPAIGN_VIEW):
        return None
    campaigns = list(
        with_progress(running(campaigns_of(tenant), timezone.localdate())).order_by("closes_on")[: PANEL_LIMIT + 1]
    )
    return Panel(
        _("Running surveys"),
        "monitoring/panel.html",
        {"campaigns": campaigns[:PANEL_LIMIT], "more": len(campaigns) > PANEL_LIMIT},
        30,
    )
