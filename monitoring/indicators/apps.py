from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    """Indicators, targets, contingent figures, reporting periods and the coordinator's dashboard:
    a part of monitoring with its own migrations, so questionnaires and indicators evolve apart."""

    name = "monitoring.indicators"
    label = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        # Register the home panels and navbar entries: the organizations' (panels) and the
        # coordinator's dashboard ones (dashboard_panels, helper "dash").
        from monitoring.indicators import dashboard_panels, live_cache, panels  # noqa: F401

        live_cache.connect_signals()
