"""Navbar entries of the contests and of the candidates for awards; the juror's home panel."""

from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, Panel, home_panel, nav_item
from accounts.permissions import Action
from mentoring.contests.selectors import juror_tasks

nav_item(NavItem(_("Contests"), "contest_list", Action.CONTEST_VIEW, order=34, menu=_("Mentoring")))
nav_item(
    NavItem(_("Candidates for awards"), "award_candidates", Action.AWARD_CANDIDATES, order=35, menu=_("Mentoring"))
)


@home_panel
def juror_panel(request):
    """A juror: the contests waiting for his scores."""
    tenant = request.tenant
    if tenant is None or not tenant.can(Action.CONTEST_SCORE):
        return None
    tasks = juror_tasks(tenant, request.user)
    if not tasks:
        return None
    return Panel(_("Contests to judge"), "mentoring/contests/panel_juror.html", {"tasks": tasks}, 30)
