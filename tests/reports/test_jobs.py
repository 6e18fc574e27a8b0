"""Export jobs run in the background (inline in the tests: ImmediateBackend), report progress, and
give their file only to the user who asked, in the same context."""

import io
import zipfile
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.models import Role
from reports import jobs
from reports.models import ExportJob
from reports.tasks import RUNNERS
from tests.accounts.factories import CoordinatorMembershipFactory, UserFactory
from tests.indicators.test_dashboard_world import monitoring_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    return monitoring_world(world)


def start_quarterly(client, period, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("quarterly_export_start"), {"period": period.pk})
    assert len(callbacks) == 1
    return response


def test_the_coordinator_who_asked_signs_as_the_executor(world, data, client, django_capture_on_commit_callbacks):
    """Two coordinators of one municipality: the file names the one who made it."""
    second = UserFactory(username="second_coordinator", last_name="Орлова", first_name="Анна", patronymic="Павловна")
    CoordinatorMembershipFactory(user=second, municipality=world.a.municipality)
    client.force_login(second)
    start_quarterly(client, data.period, django_capture_on_commit_callbacks)
    download = client.get(reverse("export_job_download", kwargs={"pk": ExportJob.objects.get().pk}))
    sheet = load_workbook(io.BytesIO(download.content)).worksheets[0]
    texts = [value for row in sheet.iter_rows(values_only=True) for value in row if isinstance(value, str)]
    assert "Исполнитель: Орлова Анна Павловна, тел. __________" in texts and "А. П. Орлова" in texts


def test_quarterly_job_runs_reports_progress_and_downloads(world, data, client, django_capture_on_commit_callbacks):
    coordinator = world.a.users[Role.COORDINATOR]
    client.force_login(coordinator)
    response = start_quarterly(client, data.period, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("export_job_detail", kwargs={"pk": job.pk})
    assert job.status == ExportJob.Status.DONE
    assert job.params == {"period": data.period.pk}
    assert (job.requested_by, job.municipality, job.organization) == (coordinator, world.a.municipality, None)
    # Three organizations and two preparing steps.
    assert job.total == 5 and job.done == job.total and job.percent == 100
    assert job.finished_at is not None

    page = client.get(reverse("export_job_detail", kwargs={"pk": job.pk})).content.decode()
    assert 'data-status="done"' in page and "100%" in page
    assert "hx-trigger" not in page  # a finished job is not polled any more
    assert reverse("export_job_download", kwargs={"pk": job.pk}) in page

    download = client.get(reverse("export_job_download", kwargs={"pk": job.pk}))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in download["Content-Disposition"]
    # The name keeps its spaces and dash (the stored file's name may not).
    assert quote("Мониторинг ЦМН на 01.10.2026 – Округ A.xlsx") in download["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(download.content))
    assert "01.10.2026" in workbook.worksheets[0]["A1"].value

    listed = client.get(reverse("export_job_list")).content.decode()
    assert "Квартальный отчёт на 01.10.2026" in listed


def test_another_coordinator_gets_404(world, data, client, django_capture_on_commit_callbacks):
    client.force_login(world.a.users[Role.COORDINATOR])
    start_quarterly(client, data.period, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    colleague = UserFactory(username="colleague")
    CoordinatorMembershipFactory(user=colleague, municipality=world.a.municipality)
    for other in (colleague, world.b.users[Role.COORDINATOR]):
        client.force_login(other)
        for name in ("export_job_detail", "export_job_progress", "export_job_download"):
            assert client.get(reverse(name, kwargs={"pk": job.pk})).status_code == 404, (other, name)
        assert "Квартальный отчёт на 01.10.2026" not in client.get(reverse("export_job_list")).content.decode()


def test_a_period_of_another_municipality_is_404(world, client):
    foreign = monitoring_world(world).period
    client.force_login(world.b.users[Role.COORDINATOR])
    assert client.post(reverse("quarterly_export_start"), {"period": foreign.pk}).status_code == 404
    assert not ExportJob.objects.exists()


def test_without_a_period_the_coordinator_is_told_so(world, client):
    client.force_login(world.a.users[Role.COORDINATOR])
    response = client.post(reverse("quarterly_export_start"), follow=True)
    assert "Выберите отчётную дату отчёта." in response.content.decode()
    assert not ExportJob.objects.exists()


def test_progress_fragment_of_a_running_job_polls_every_second(world, client):
    job = ExportJob.objects.create(
        kind=ExportJob.Kind.QUARTERLY,
        requested_by=world.a.users[Role.COORDINATOR],
        municipality=world.a.municipality,
        language="ru",
        title="Квартальный отчёт",
        status=ExportJob.Status.RUNNING,
        done=3,
        total=12,
    )
    client.force_login(world.a.users[Role.COORDINATOR])
    fragment = client.get(reverse("export_job_progress", kwargs={"pk": job.pk}), HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert 'aria-valuenow="25"' in html and "pct-25" in html
    assert "Выполнено шагов: 3 из 12." in html
    assert "<html" not in html


def test_a_failing_job_is_marked_failed_with_a_message(world):
    job = ExportJob.objects.create(
        kind=ExportJob.Kind.QUARTERLY,
        params={"period": 999999},
        requested_by=world.a.users[Role.COORDINATOR],
        municipality=world.a.municipality,
        language="ru",
        title="Квартальный отчёт",
    )
    jobs.export_job_run(job_id=job.pk, runner_of=RUNNERS.__getitem__)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert f"задание № {job.pk}" in job.error
    assert not job.file


def test_a_job_runs_once_and_in_the_language_of_the_user(world, data):
    seen = []

    def runner(job, progress):
        seen.append(translation.get_language())
        progress(1, 1)
        return "файл.xlsx", "application/octet-stream", b"x"

    job = ExportJob.objects.create(
        kind=ExportJob.Kind.QUARTERLY,
        requested_by=world.a.users[Role.COORDINATOR],
        municipality=world.a.municipality,
        language="ru",
        title="Квартальный отчёт",
    )
    with translation.override("en"):
        jobs.export_job_run(job_id=job.pk, runner_of=lambda kind: runner)
        # Delivered a second time: left alone.
        assert jobs.export_job_run(job_id=job.pk, runner_of=lambda kind: runner) is None
    assert seen == ["ru"]
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.filename == "файл.xlsx"


def test_annual_reports_of_all_organizations_as_zip(world, data, client, django_capture_on_commit_callbacks):
    client.force_login(world.a.users[Role.COORDINATOR])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("annual_reports_export_start"), {"year": 2026})
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("export_job_detail", kwargs={"pk": job.pk})
    assert job.status == ExportJob.Status.DONE and (job.done, job.total) == (3, 3)
    download = client.get(reverse("export_job_download", kwargs={"pk": job.pk}))
    assert download["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert sorted(names) == sorted(
        f"Аналитический отчёт за 2026 год – {name}.pdf" for name in ("Школа A", "СОШ № 2", "СОШ № 3")
    )
