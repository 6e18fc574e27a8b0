"""Export jobs: files that take seconds to make, made in the background for the user who asked.

A job keeps its parameters as primary keys, the scope it was asked from and the language of the
user; the task (reports.tasks) runs it under that language and reports progress on the row, which
the status page polls. Only the user who asked, in the same context, sees it and downloads it.
"""

import logging
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.tenancy import Tenant
from reports.exporters import Rendered, safe_filename
from reports.models import ExportJob

logger = logging.getLogger(__name__)

# Reports progress: (done, total).
Progress = Callable[[int, int], None]
# Makes the file of a job.
Runner = Callable[[ExportJob, Progress], Rendered]


def jobs_of(tenant: Tenant, user) -> QuerySet[ExportJob]:
    """The user's own jobs asked from the current context; anyone else's answers 404."""
    jobs = ExportJob.objects.filter(requested_by=user)
    if tenant.is_municipal:
        return jobs.filter(municipality=tenant.municipality, organization__isnull=True)
    return jobs.filter(organization=tenant.organization)


def export_job_create(*, kind: str, params: dict, title: str, tenant: Tenant, by) -> ExportJob:
    return ExportJob.objects.create(
        kind=kind,
        params=params,
        title=title[:300],
        requested_by=by,
        organization=None if tenant.is_municipal else tenant.organization,
        municipality=tenant.municipality if tenant.is_municipal else None,
        language=translation.get_language() or "ru",
    )


def export_job_progress(*, job: ExportJob, done: int, total: int) -> None:
    # An UPDATE of two columns, so the status page sees it at once and nothing else is overwritten.
    ExportJob.objects.filter(pk=job.pk).update(done=done, total=total)
    job.done, job.total = done, total


def export_job_run(*, job_id: int, runner_of: Callable[[str], Runner]) -> ExportJob | None:
    """Runs a queued job once: a job already running or finished (a task delivered twice) is left alone."""
    claimed = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.QUEUED).update(
        status=ExportJob.Status.RUNNING
    )
    if not claimed:
        return None
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    try:
        with translation.override(job.language):
            filename, _content_type, content = runner_of(job.kind)(
                job, lambda done, total: export_job_progress(job=job, done=done, total=total)
            )
        job.filename = safe_filename(filename)
        job.file.save(job.filename, ContentFile(content), save=False)
        job.status = ExportJob.Status.DONE
        job.done = job.total
    except Exception:
        logger.exception("Export job %s (%s) failed", job.pk, job.kind)
        job.status = ExportJob.Status.FAILED
        with translation.override(job.language):
            job.error = gettext(
                "The file could not be made. Try again; if it fails again, tell the administrator (job № %(pk)s)."
            ) % {"pk": job.pk}
    job.finished_at = timezone.now()
    job.save(update_fields=["file", "filename", "status", "done", "error", "finished_at"])
    return job
