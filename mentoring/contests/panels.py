"""Navbar entries of the contests and of the candidates for awards."""

from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, nav_item
from accounts.permissions import Action

nav_item(NavItem(_("Contests"), "contest_list", Action.CONTEST_VIEW, order=28, menu=_("Mentoring")))
nav_item(
    NavItem(_("Candidates for awards"), "award_candidates", Action.AWARD_CANDIDATES, order=29, menu=_("Mentoring"))
)
