from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Documents and reports")

    def ready(self):
        # Registers the order register's navbar entry, the signatory's home panel, and the exporters
        # of the quarterly and annual reports (a worker process runs them without the URLconf).
        from reports import annual, panels, quarterly  # noqa: F401
