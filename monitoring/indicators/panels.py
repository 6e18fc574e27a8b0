"""Navbar entries of the indicators (in the «Monitoring» menu) and the home panel of the period due."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, Panel, home_panel, nav_item
from accounts.permissions import Action
from monitoring.indicators.selectors import current_period, periods_of, submissions_of

MENU = _("Monitoring")  # one menu with the questionnaires and the dashboard

nav_item(
    NavItem(
        _("Indicator values"),
        "indicator_overview",
        Action.INDICATOR_VIEW,
        order=50,
        menu=MENU,
        applies=lambda tenant: not tenant.is_municipal,
    )
)
nav_item(
    NavItem(
        _("List of indicators"),
        "indicator_overview",
        Action.INDICATOR_VIEW,
        order=50,
        menu=MENU,
        applies=lambda tenant: tenant.is_municipal,
    )
)
nav_item(NavItem(_("Targets"), "target_table", Action.TARGET_CHANGE, order=52, menu=MENU))
nav_item(NavItem(_("Reporting periods"), "period_list", Action.TARGET_CHANGE, order=53, menu=MENU))
nav_item(NavItem(_("Submissions"), "submission_list", Action.INDICATOR_VIEW, order=54, menu=MENU))


@home_panel
def period_panel(request):
    """The curator and the director: the period being reported, its due date, submitted or not."""
    tenant = request.tenant
    if tenant is None or tenant.is_municipal or not tenant.can(Action.PERIOD_SUBMIT):
        return None
    today = timezone.localdate()
    period = current_period(tenant.municipality, today)
    if period is None:
        return None
    submission = submissions_of(organization=tenant.organization, period=period).filter(is_current=True).first()
    following = periods_of(tenant.municipality).filter(reporting_date__gt=max(period.reporting_date, today)).first()
    return Panel(
        _("Indicators"),
        "indicators/panel_period.html",
        {
            "period": period,
            "submission": submission,
            "overdue": submission is None and period.due_on < today,
            "following": following,
        },
        30,
    )
