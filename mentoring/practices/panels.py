"""The navbar entries of the registry of practices and the coordinator's panel of practices to review."""

from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, Panel, home_panel, nav_item
from accounts.permissions import Action
from mentoring.practices.selectors import awaiting_review

# One entry in the «Mentoring» menu (the navbar stays one line at 1366 pixels); the list links the registry.
nav_item(NavItem(_("Practices"), "practice_list", Action.PRACTICE_VIEW, order=33, menu=_("Mentoring")))


@home_panel
def practices_to_review_panel(request):
    tenant = request.tenant
    if tenant is None or not tenant.is_municipal or not tenant.can(Action.PRACTICE_REVIEW):
        return None
    count = awaiting_review(tenant.municipality).count()
    if not count:
        return None
    return Panel(_("Practices to review"), "mentoring/practices/panel_review.html", {"count": count}, 60)
