"""Navbar entries of the «Школа наставников»: in the «Mentoring» menu of a school's people; for the
coordinator in the «Monitoring» menu beside the dashboard, where the navbar has room for it (a
link of its own would no longer fit a laptop's line)."""

from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, nav_item
from accounts.permissions import Action


def _of_organization(tenant) -> bool:
    return not tenant.is_municipal


def _of_municipality(tenant) -> bool:
    return tenant.is_municipal


nav_item(
    NavItem(
        _("School of mentors"),
        "training_program_list",
        Action.TRAINING_VIEW,
        order=32,
        menu=_("Mentoring"),
        applies=_of_organization,
    )
)
nav_item(
    NavItem(
        _("School of mentors"),
        "training_program_list",
        Action.TRAINING_VIEW,
        order=55,
        menu=_("Monitoring"),
        applies=_of_municipality,
    )
)
nav_item(NavItem(_("My trainings"), "training_mine", Action.TRAINING_OWN, order=32, menu=_("Mentoring")))
