"""What the processes of test_sqlite_concurrency run: the project's own settings (mentoring.settings,
as `make run` has them) on the SQLite file that DATABASE_URL names. Each entry point is called as
`python -c "from tests.deploy.sqlite_site import …"` after django.setup()."""

import time

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django_tasks import task

from accounts.models import Organization, Role
from accounts.tenancy import Tenant
from mentoring.models import Participant
from reports import jobs
from reports.models import ExportJob
from tests.accounts.factories import MembershipFactory, OrganizationFactory
from tests.mentoring.factories import ParticipantFactory

# A job's file is made in steps, each reporting its progress on the job's row, as the exports do.
EXPORT_STEPS = 10
STEP_SECONDS = 0.1


def slow_runner(job: ExportJob, progress: jobs.Progress) -> tuple[str, str, bytes]:
    for step in range(1, EXPORT_STEPS + 1):
        time.sleep(STEP_SECONDS)
        progress(step, EXPORT_STEPS)
    return "выгрузка.txt", "text/plain", f"job {job.pk}".encode()


@task()
def slow_export(job_id: int) -> None:
    jobs.export_job_run(job_id=job_id, runner_of=lambda kind: slow_runner)


def create_site(*, users: int, exports: int) -> None:
    """The tables (straight from the models: the migrations would take most of the test's minute),
    one school with `users` curators, and `exports` export jobs queued for the db_worker."""
    settings.MIGRATION_MODULES = {config.label: None for config in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)
    organization = OrganizationFactory()
    memberships = [
        MembershipFactory(user__username=f"curator{number}", role=Role.CURATOR, organization=organization)
        for number in range(users)
    ]
    for number in range(exports):
        by = memberships[number % users]
        job = jobs.export_job_create(
            kind=ExportJob.Kind.QUARTERLY, params={}, title=f"Выгрузка {number}", tenant=Tenant(by), by=by.user
        )
        slow_export.enqueue(job.pk)


def long_import(*, seconds: float) -> None:
    """Writes participants in one transaction for `seconds`, as a large XLSX import does: it reads
    first (the duplicate check), then writes batch after batch. Prints «writing» once it holds the
    write lock, so that the test starts the other writers against it."""
    organization = Organization.objects.get()
    with transaction.atomic():
        Participant.objects.filter(organization=organization).count()
        ParticipantFactory.create_batch(10, organization=organization)
        print("writing", flush=True)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ParticipantFactory.create_batch(10, organization=organization)
            time.sleep(0.05)
