"""The navbar entry of the public section: in the menu of monitoring and results, whose line of the
navbar has no room for another entry at 1366 pixels."""

from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, nav_item
from accounts.permissions import Action

nav_item(NavItem(_("Public section"), "publication_manage", Action.PUBLICATION_MANAGE, order=60, menu=_("Monitoring")))
