from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        # Registers the home panel, the navbar entries and the exporters of campaigns, and gives the
        # matching the answers of the questionnaires.
        from mentoring.pairs.matching import matching_inputs_reader
        from monitoring import exporters, panels, selectors  # noqa: F401

        matching_inputs_reader(selectors.matching_inputs)
