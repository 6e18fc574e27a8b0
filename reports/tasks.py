"""Background tasks of the reports (django-tasks): they take primary keys only, and the job row
says everything else (who asked, in which language, with what parameters)."""

from django.db import transaction
from django_tasks import task

from accounts.tenancy import Tenant
from reports import annual, jobs, note, quarterly
from reports.models import ExportJob

RUNNERS: dict[str, jobs.Runner] = {
    ExportJob.Kind.QUARTERLY: quarterly.run_quarterly_job,
    ExportJob.Kind.ANNUAL_REPORTS: annual.run_annual_reports_job,
    ExportJob.Kind.ANALYTICAL_NOTE: note.run_note_job,
}


@task()
def run_export_job(job_id: int) -> None:
    jobs.export_job_run(job_id=job_id, runner_of=RUNNERS.__getitem__)


def export_job_start(*, kind: str, params: dict, title: str, tenant: Tenant, by) -> ExportJob:
    """Creates the job and queues it once the row is committed, so the worker always finds it."""
    job = jobs.export_job_create(kind=kind, params=params, title=title, tenant=tenant, by=by)
    transaction.on_commit(lambda: run_export_job.enqueue(job.pk))
    return job
