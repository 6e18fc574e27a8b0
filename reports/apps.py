from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from accounts.signals import response_made


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Documents and reports")

    def ready(self):
        # Registers the order register's navbar entry, the signatory's home panel, and the exporters
        # of the quarterly and annual reports (a worker process runs them without the URLconf).
        from reports import annual, panels, quarterly  # noqa: F401
        from reports.export_log import record_download
        from reports.publication import panels as publication_panels  # noqa: F401

        response_made.connect(record_download, dispatch_uid="reports-export-log")
