"""`make run` on SQLite: the dev server and the db_worker write to one file at once. Teachers log in
(session writes) and save forms while a long import holds the write lock and the worker claims and
runs export jobs; nobody gets «database is locked».

The test builds its own SQLite file with the project's settings, whatever database the suite runs
on, and talks to a real `runserver` beside a real `db_worker`, as `make run` starts them."""

import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing

import pytest
from django.conf import settings

from ops.loadtest.client import Browser
from tests.accounts.factories import TEST_PASSWORD
from tests.deploy.test_two_servers import free_port, wait_for
from tests.helpers import stop_processes

USERS = 6
ROUNDS = 3
EXPORTS = 3
IMPORT_SECONDS = 6  # longer than SQLite's default wait of 5 s, as a large import is
LOCKED = "database is locked"


def python(code: str) -> list[str]:
    return [sys.executable, "-c", f"import django; django.setup(); {code}"]


@pytest.fixture
def site(tmp_path):
    """The environment of a `make run` on a fresh SQLite file, with the curators and queued exports."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mentoring.settings",
        "DEBUG": "1",
        "SECRET_KEY": "",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        python(f"from tests.deploy.sqlite_site import create_site; create_site(users={USERS}, exports={EXPORTS})"),
        cwd=settings.BASE_DIR, env=env, check=True, timeout=60,
    )  # fmt: skip
    return env, tmp_path


@pytest.fixture
def start(site):
    """Starts a process on the site's file (its output logged in the site's folder); stops them all at the end."""
    env, folder = site
    processes = []

    def _start(name: str, command: list[str]) -> subprocess.Popen:
        log = open(folder / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=log)
        processes.append((process, log))
        return process

    yield _start
    stop_processes(processes)


def teacher_at_work(port: int, number: int, statuses: list) -> None:
    """Logs in and saves a partner, ROUNDS times; records every answer's status."""
    for round_ in range(ROUNDS):
        browser = Browser("127.0.0.1", port)
        statuses.append(("login", browser.login(f"curator{number}", TEST_PASSWORD).status))
        statuses.append(("form", browser.get("/registry/partners/new/").status))
        saved = browser.post("/registry/partners/new/", {"name": f"Партнёр {number}-{round_}", "kind": "enterprise"})
        statuses.append(("save", saved.status))
        statuses.append(("saved", browser.get(saved.location).status if saved.status == 302 else None))


def test_logins_forms_an_import_and_the_worker_write_at_once(site, start):
    env, folder = site
    database = folder / "db.sqlite3"
    port = free_port()
    server = start(
        "server", [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"]
    )
    wait_for(port, [(server, None)], folder)
    importer = subprocess.Popen(
        python(f"from tests.deploy.sqlite_site import long_import; long_import(seconds={IMPORT_SECONDS})"),
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert importer.stdout.readline().strip() == "writing", importer.stderr.read()
    # Against the import's lock: the worker claims the queued exports and writes their progress.
    start("worker", [sys.executable, "manage.py", "db_worker", "--interval", "0.05", "--no-startup-delay"])

    statuses = []
    teachers = [threading.Thread(target=teacher_at_work, args=(port, n, statuses)) for n in range(USERS)]
    for teacher in teachers:
        teacher.start()
    for teacher in teachers:
        teacher.join(timeout=60)
    _out, import_errors = importer.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and done_exports(database) < EXPORTS:
        time.sleep(0.2)

    logs = [(folder / f"{name}.log").read_text(errors="replace") for name in ("server", "worker")]
    assert [line for text in (import_errors, *logs) for line in text.splitlines() if LOCKED in line] == []
    assert importer.returncode == 0, import_errors
    expected = {"login": 302, "form": 200, "save": 302, "saved": 200}
    assert [(step, status) for step, status in statuses if status != expected[step]] == []
    assert len(statuses) == USERS * ROUNDS * len(expected)
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert connection.execute("SELECT count(*) FROM mentoring_partnerorganization").fetchone() == (USERS * ROUNDS,)
        assert connection.execute("SELECT count(*) FROM mentoring_participant").fetchone()[0] > 0
        tasks = connection.execute("SELECT status FROM django_tasks_database_dbtaskresult").fetchall()
    assert done_exports(database) == EXPORTS and tasks == [("SUCCESSFUL",)] * EXPORTS


def done_exports(database) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute("SELECT count(*) FROM reports_exportjob WHERE status = 'done'").fetchone()[0]
