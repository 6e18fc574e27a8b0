"""Navbar entries of the «Школа наставников»."""

from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, nav_item
from accounts.permissions import Action

nav_item(NavItem(_("School of mentors"), "training_program_list", Action.TRAINING_VIEW, order=28, menu=_("Mentoring")))
nav_item(NavItem(_("My trainings"), "training_mine", Action.TRAINING_OWN, order=28, menu=_("Mentoring")))
