"""Several stateless app servers: two gunicorn servers on different ports over one database, one
`db_worker` for the background jobs, and the files on S3-compatible storage (STORAGE_BACKEND=s3).

A session opened on one server is valid on the other, a consent scan uploaded through one is
served by the other, an XLSX import uploaded on one is previewed and confirmed on the other, and a
quarterly export started on one runs in the worker and downloads from the other. Each server has
a media folder of its own that must stay empty: nothing lives on an app server's disk.
"""

import datetime
import io
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from openpyxl import load_workbook

from accounts.models import Role
from mentoring.models import Consent, Participant
from mentoring.registry import importing
from ops.loadtest.client import Browser
from reports.models import ExportJob
from tests.accounts.factories import TEST_PASSWORD
from tests.deploy.fake_s3 import FakeS3
from tests.helpers import stop_processes
from tests.indicators.test_dashboard_world import monitoring_world
from tests.mentoring.factories import StaffFactory
from tests.mentoring.test_import import PUPIL, xlsx

BUCKET = "mentoring-files"
SCAN = b"%PDF-1.4\n% the signed consent of the two-server test\n%%EOF\n"
STARTUP_SECONDS = 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database that pytest-django created, as the servers' DATABASE_URL."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def deployment(postgresql, tmp_path):
    """Starts the S3 endpoint, two gunicorn servers and the worker; yields (servers, s3, media folders)."""
    with FakeS3() as s3:
        base_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.deploy.server_settings",
            "DATABASE_URL": database_url(),
            "DEBUG": "0",
            # The same key on every server: sessions and CSRF tokens are signed with it.
            "SECRET_KEY": "two-servers-test-secret-key-shared-by-both-servers",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "STORAGE_BACKEND": "s3",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": s3.endpoint,
            "AWS_ACCESS_KEY_ID": "test-access-key",
            "AWS_SECRET_ACCESS_KEY": "test-secret-key",
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_S3_ADDRESSING_STYLE": "path",
            "LOG_LEVEL": "WARNING",
        }
        processes, servers, media = [], [], []
        logs = tmp_path / "logs"
        logs.mkdir()
        try:
            for name in ("server1", "server2", "worker"):
                folder = tmp_path / f"media-{name}"
                folder.mkdir()
                media.append(folder)
                env = {**base_env, "MEDIA_ROOT": str(folder)}
                if name == "worker":
                    command = [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"]
                else:
                    port = free_port()
                    servers.append(port)
                    command = [
                        sys.executable, "-m", "gunicorn", "mentoring.wsgi:application",
                        "--bind", f"127.0.0.1:{port}", "--workers", "1", "--graceful-timeout", "2",
                    ]  # fmt: skip
                log = open(logs / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
                process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log)
                processes.append((process, log))
            for port in servers:
                wait_for(port, processes, logs)
            yield [Browser("127.0.0.1", port) for port in servers], s3, media
        finally:
            stop_processes(processes)
            print(f"Logs of the servers and the worker: {logs}")


def wait_for(port: int, processes, logs: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        for process, _log in processes:
            if process.poll() is not None:
                pytest.fail(f"a process stopped at start-up; logs in {logs}")
        try:
            if Browser("127.0.0.1", port, timeout=5).get("/accounts/login/").status == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server on port {port} did not answer within {STARTUP_SECONDS} s; logs in {logs}")


def logged_in(browser: Browser, user) -> Browser:
    answer = browser.login(user.username, TEST_PASSWORD)
    assert answer.status == 302 and answer.location == "/", answer.text[:500]
    return browser


def test_session_upload_and_export_job_cross_servers(world, deployment):
    (server1, server2), s3, media = deployment
    curator = world.a.users[Role.CURATOR]
    teacher = StaffFactory(organization=world.a.organization, last_name="Сидорова")

    # A session opened on server 1 is valid on server 2: sessions live in the database.
    logged_in(server1, curator)
    other = Browser(server2.host, server2.port, cookies=server1.cookies)
    home = other.get("/")
    assert home.status == 200
    assert "Выйти" in home.text and 'name="password"' not in home.text

    # A scan uploaded through server 1 is served by server 2 from the bucket.
    answer = server1.post(
        f"/registry/participants/{teacher.pk}/consents/new/",
        {
            "kind": Consent.Kind.PROCESSING,
            "signed_by": Consent.Signer.SELF,
            "signed_on": datetime.date(2026, 9, 1).strftime("%d.%m.%Y"),
        },
        files={"scan": ("согласие.pdf", SCAN, "application/pdf")},
    )
    assert answer.status == 302, answer.text[:2000]
    consent = Consent.objects.get(participant=teacher)
    assert consent.scan.name
    served = other.get(f"/registry/consents/{consent.pk}/scan/")
    assert served.status == 200
    assert served.body == SCAN and served.headers["content-type"] == "application/pdf"
    assert s3.objects[f"{BUCKET}/{consent.scan.name}"][0] == SCAN

    # An XLSX import uploaded through server 1 waits in the bucket; server 2 previews and saves it.
    answer = server1.post(
        "/registry/import/", {}, files={"file": ("класс.xlsx", xlsx([PUPIL]).read(), importing.XLSX_CONTENT_TYPE)}
    )
    assert answer.status == 302 and answer.location == "/registry/import/preview/", answer.text[:2000]
    (waiting,) = [key for key in s3.objects if key.startswith(f"{BUCKET}/{importing.UPLOADS_FOLDER}/")]
    preview = other.get("/registry/import/preview/")
    assert preview.status == 200 and "Соколова" in preview.text
    other.get("/registry/participants/")  # a page with the CSRF cookie of server 2's form
    assert other.post("/registry/import/confirm/", {}).status == 302
    assert Participant.objects.filter(organization=world.a.organization, last_name="Соколова").count() == 1
    assert waiting not in s3.objects

    # The coordinator's quarterly export, started on server 1, runs in the worker and downloads from server 2.
    data = monitoring_world(world)
    coordinator = world.a.users[Role.COORDINATOR]
    logged_in(server1, coordinator)
    started = server1.post("/documents/jobs/quarterly/", {"period": data.period.pk})
    assert started.status == 302
    job = ExportJob.objects.get()
    assert started.location == f"/documents/jobs/{job.pk}/"
    elsewhere = Browser(server2.host, server2.port, cookies=server1.cookies)
    deadline = time.monotonic() + 30
    while (status := ExportJob.objects.get(pk=job.pk).status) not in (ExportJob.Status.DONE, ExportJob.Status.FAILED):
        assert time.monotonic() < deadline, f"the worker did not finish the job (status {status})"
        time.sleep(0.2)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    page = elsewhere.get(f"/documents/jobs/{job.pk}/")
    assert page.status == 200 and 'data-status="done"' in page.text
    download = elsewhere.get(f"/documents/jobs/{job.pk}/download/")
    assert download.status == 200
    assert download.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "01.10.2026" in load_workbook(io.BytesIO(download.body)).worksheets[0]["A1"].value
    assert s3.objects[f"{BUCKET}/{job.file.name}"][0] == download.body

    # Nothing was written to any server's own disk.
    assert [sorted(path.rglob("*")) for path in media] == [[], [], []]
