"""Navbar entries of programs and of pairs and groups, and the home panel of forming them."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, Panel, home_panel, nav_item
from accounts.permissions import Action
from mentoring.academic_year import academic_year_label, academic_year_of
from mentoring.pairs.selectors import IDLE_DAYS, curator_figures, units_for_approval

nav_item(NavItem(_("Programs"), "program_list", Action.PROGRAM_VIEW, order=24, menu=_("Mentoring")))
nav_item(NavItem(_("Pairs and groups"), "unit_list", Action.UNIT_VIEW, order=26, menu=_("Mentoring")))


@home_panel
def units_panel(request):
    """The curator: drafts to send, units awaiting approval, idle units, mentees without a pair.
    The director: the units awaiting his or her approval."""
    tenant = request.tenant
    if tenant is None or tenant.is_municipal:
        return None
    today = timezone.localdate()
    if tenant.can(Action.UNIT_CHANGE):
        year = academic_year_of(today)
        return Panel(
            _("Pairs and groups"),
            "mentoring/units/panel_curator.html",
            {
                "figures": curator_figures(tenant, today, year),
                "idle_days": IDLE_DAYS,
                "year": year,
                "year_label": academic_year_label(year),
            },
            12,
        )
    if tenant.can(Action.UNIT_APPROVE):
        return Panel(
            _("Pairs and groups to approve"),
            "mentoring/units/panel_director.html",
            {"count": units_for_approval(tenant).count()},
            12,
        )
    return None
