"""The navbar entry of the public section."""

from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, nav_item
from accounts.permissions import Action

nav_item(NavItem(_("Public section"), "publication_manage", Action.PUBLICATION_MANAGE, order=41))
