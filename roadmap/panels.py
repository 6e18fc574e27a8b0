"""Home panels and navbar entries of the roadmaps: what is overdue or due soon, and the audit."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, Panel, home_panel, nav_item
from accounts.permissions import Action
from roadmap.selectors import SOON_DAYS, audit_rows, current_academic_year, current_roadmap, roadmap_view

PANEL_ITEMS = 5

nav_item(NavItem(_("Roadmap"), "roadmap_list", Action.ROADMAP_VIEW, order=40, menu=_("Roadmaps")))
nav_item(NavItem(_("Audit"), "roadmap_audit", Action.ROADMAP_AUDIT, order=41, menu=_("Roadmaps")))


@home_panel
def deadlines_panel(request):
    """Overdue and coming activities of the roadmap in force: all of them for the director and the
    curator (and the coordinator's municipal one), one's own for a mentor."""
    tenant = request.tenant
    if tenant is None or not tenant.can(Action.ROADMAP_VIEW):
        return None
    today = timezone.localdate()
    roadmap = current_roadmap(tenant, today)
    mine = not tenant.can(Action.ROADMAP_CHANGE)
    if roadmap is None:
        if mine:
            return None
        return Panel(_("Roadmap"), "roadmap/panels/deadlines.html", {"roadmap": None}, 12)
    view = roadmap_view(roadmap, today, tenant=tenant, user=request.user, mine=mine)
    if mine and not view.shown:
        return None
    open_remarks = 0
    if roadmap.organization_id and not mine:
        open_remarks = roadmap.remarks.filter(resolved_at__isnull=True).count()
    return Panel(
        _("My roadmap activities") if mine else (_("Municipal roadmap") if roadmap.is_municipal else _("Roadmap")),
        "roadmap/panels/deadlines.html",
        {
            "roadmap": roadmap,
            "view": view,
            "overdue": view.overdue[:PANEL_ITEMS],
            "soon": view.soon[:PANEL_ITEMS],
            "soon_days": SOON_DAYS,
            "mine": mine,
            "open_remarks": open_remarks,
        },
        12,
    )


@home_panel
def audit_panel(request):
    tenant = request.tenant
    if tenant is None or not tenant.can(Action.ROADMAP_AUDIT) or not tenant.is_municipal:
        return None
    today = timezone.localdate()
    rows = audit_rows(tenant, current_academic_year(today), today)
    return Panel(_("Roadmaps of the organizations"), "roadmap/panels/audit.html", {"rows": rows}, 13)
