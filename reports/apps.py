from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Documents and reports")

    def ready(self):
        # Registers the order register's navbar entry and the signatory's home panel.
        from reports import panels  # noqa: F401
