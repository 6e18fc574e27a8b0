"""Home panels and navbar entries of the registries."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.collation import name_order
from accounts.home import NavItem, Panel, home_panel, nav_item
from accounts.permissions import Action
from mentoring.registry.invitations import open_invitations
from mentoring.registry.selectors import participants_without_valid_consent

PANEL_NAMES = 10

nav_item(NavItem(_("Registries"), "participant_list", Action.PARTICIPANT_VIEW, order=20, menu=_("Participants")))
nav_item(NavItem(_("Partners"), "partner_list", Action.PARTNER_VIEW, order=30, menu=_("Participants")))
nav_item(NavItem(_("Matching"), "matching", Action.MATCHING, order=27, menu=_("Mentoring")))


@home_panel
def missing_consents_panel(request):
    """People whose data the school may not process today: no, expired or withdrawn consent."""
    tenant = request.tenant
    if tenant is None or tenant.is_municipal or not tenant.can(Action.PARTICIPANT_VIEW):
        return None
    people = participants_without_valid_consent(tenant, timezone.localdate()).order_by(*name_order(), "pk")
    first = list(people[: PANEL_NAMES + 1])
    return Panel(
        _("Without a valid consent"),
        "mentoring/panels/missing_consents.html",
        {"people": first[:PANEL_NAMES], "count": people.count() if len(first) > PANEL_NAMES else len(first)},
        15,
    )


@home_panel
def invitations_panel(request):
    """Invitations of other organizations to the user's own account, in any role or none: the
    owner alone accepts them."""
    pending = list(open_invitations(request.user))
    if not pending:
        return None
    return Panel(_("Invitations"), "mentoring/panels/invitations.html", {"invitations": pending}, 1)
