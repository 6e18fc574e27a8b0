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
        # The Положение: its appendix in the order drafted from the register, its approval on registration.
        from reports.services import appendix_makers
        from reports.signals import order_registered
        from reports.statute.receivers import approve_on_registration
        from reports.statute.services import latest_version_appendix

        appendix_makers["statute"] = latest_version_appendix
        # The Положение in force as an item of the public section.
        from reports.statute import publication as statute_publication

        statute_publication.register()
        order_registered.connect(approve_on_registration, dispatch_uid="reports-statute-approval")
