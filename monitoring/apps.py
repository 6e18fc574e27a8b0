from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        # Registers the home panel, the navbar entries and the exporters of campaigns.
        from monitoring import exporters, panels  # noqa: F401
