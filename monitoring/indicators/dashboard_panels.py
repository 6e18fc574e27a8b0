"""The navbar entries of the dashboard, the exports and the annual report, and the coordinator's
home panel of the current period (imported by IndicatorsConfig.ready())."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.home import NavItem, Panel, home_panel, nav_item
from accounts.models import Organization
from accounts.permissions import Action
from monitoring.indicators.models import Submission
from monitoring.indicators.selectors import current_period

MENU = _("Monitoring")

nav_item(NavItem(_("Monitoring dashboard"), "monitoring_dashboard", Action.MONITORING_DASHBOARD, order=50, menu=MENU))
nav_item(NavItem(_("Exports"), "export_job_list", Action.MUNICIPAL_EXPORT, order=58, menu=MENU))
nav_item(NavItem(_("Annual report"), "annual_report", Action.ANNUAL_REPORT, order=59, menu=MENU))


@home_panel
def current_period_panel(request):
    """The coordinator's: the period being reported, how many organizations have submitted."""
    tenant = request.tenant
    if tenant is None or not tenant.is_municipal or not tenant.can(Action.MONITORING_DASHBOARD):
        return None
    today = timezone.localdate()
    period = current_period(tenant.municipality, today)
    context = {"period": period, "today": today}
    if period is not None:
        context.update(
            organizations=Organization.objects.filter(municipality=tenant.municipality).count(),
            submitted=Submission.objects.filter(
                period=period, is_current=True, organization__municipality=tenant.municipality
            ).count(),
            overdue=today > period.due_on,
        )
    return Panel(_("Monitoring"), "indicators/dashboard/panel.html", context, 15)
