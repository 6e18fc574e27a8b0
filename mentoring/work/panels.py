"""The mentor's home: his pairs and groups, what the plans ask soon, how long since the last meeting."""

import datetime

from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.collation import name_order
from accounts.home import Panel, home_panel
from accounts.models import Role
from mentoring.models import PlanItem, UnitMentee
from mentoring.pairs.selectors import units_visible
from mentoring.work.services import WORK_STATUSES

# A pair that has not met for longer than this is shown in red.
STALE_AFTER_DAYS = 30
DUE_WITHIN_DAYS = 14
PANEL_ITEMS = 8


def mentor_units(tenant, user):
    """The mentor's approved and working units with their current mentees and last meeting date."""
    current = (
        UnitMentee.objects.filter(left_on__isnull=True).select_related("mentee").order_by(*name_order("mentee__"), "pk")
    )
    return (
        units_visible(tenant, user)
        .filter(status__in=WORK_STATUSES, mentor__user=user)
        .select_related("form")
        .prefetch_related(Prefetch("mentees", queryset=current, to_attr="current_mentees"))
        .annotate(last_meeting=Max("meetings__held_on"))
        .order_by("planned_from", "pk")
    )


def plan_items_due(unit_ids: list[int], today: datetime.date):
    """Rows of the units' plans not done yet whose term is past or within two weeks."""
    return (
        PlanItem.objects.filter(
            plan__membership__unit_id__in=unit_ids,
            plan__membership__left_on__isnull=True,
            done_on__isnull=True,
            due_on__lte=today + datetime.timedelta(days=DUE_WITHIN_DAYS),
        )
        .select_related("plan__membership__mentee")
        .order_by("due_on", "pk")
    )


@home_panel
def mentor_work_panel(request):
    tenant = request.tenant
    if tenant is None or tenant.is_municipal or tenant.role != Role.MENTOR:
        return None
    today = timezone.localdate()
    units = list(mentor_units(tenant, request.user))
    for unit in units:
        unit.days_since = (today - unit.last_meeting).days if unit.last_meeting else None
        unit.stale = unit.days_since is not None and unit.days_since > STALE_AFTER_DAYS
    due = list(plan_items_due([unit.pk for unit in units], today)[: PANEL_ITEMS + 1]) if units else []
    for item in due:
        item.overdue = item.due_on < today
    return Panel(
        _("My pairs and groups"),
        "mentoring/work/panel_mentor.html",
        {"units": units, "due": due[:PANEL_ITEMS], "more_due": len(due) > PANEL_ITEMS, "stale_after": STALE_AFTER_DAYS},
        5,
    )
