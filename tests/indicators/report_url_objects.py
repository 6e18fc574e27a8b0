"""Where the URLs of the dashboard, the quarterly and annual reports and export jobs point, for the matrix."""

from collections.abc import Callable

from django.core.files.base import ContentFile

from accounts.models import Role
from reports.models import ExportJob
from tests.accounts.factories import OrganizationFactory
from tests.conftest import World


def coordinator_job(w: World) -> ExportJob:
    """A finished export of municipality A's coordinator, with its file."""
    job = ExportJob.objects.create(
        kind=ExportJob.Kind.QUARTERLY,
        params={},
        requested_by=w.a.users[Role.COORDINATOR],
        municipality=w.a.municipality,
        language="ru",
        title="Квартальный отчёт",
        status=ExportJob.Status.DONE,
        filename="Мониторинг.xlsx",
    )
    job.file.save("Мониторинг.xlsx", ContentFile(b"PK\x03\x04"))
    return job


OBJECT_URL_KWARGS: dict[str, Callable[[World], dict]] = {
    # An organization of municipality A, not the one of side A's staff: the coordinator's object.
    "monitoring_dashboard_organization": lambda w: {"pk": OrganizationFactory(municipality=w.a.municipality).pk},
    "export_job_detail": lambda w: {"pk": coordinator_job(w).pk},
    "export_job_progress": lambda w: {"pk": coordinator_job(w).pk},
    "export_job_download": lambda w: {"pk": coordinator_job(w).pk},
}
NO_OBJECT_URL_KWARGS = {
    "annual_report_pdf": {"year": 2026},
}
