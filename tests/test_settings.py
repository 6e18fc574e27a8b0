"""The settings module reads the environment and refuses bad values loudly."""

import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings

from mentoring.static_manifest import require_collected_static, uncollected_files

SETTINGS = Path(__file__).resolve().parent.parent / "mentoring" / "settings.py"
PRODUCTION_ENV = {"SECRET_KEY": "a-real-production-secret-key-of-enough-length", "DEBUG": "0"}


@pytest.fixture
def environment(monkeypatch):
    """Runs the settings module afresh under the given variables only."""
    for name in ("DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "TIME_ZONE", "EMAIL_PORT"):
        monkeypatch.delenv(name, raising=False)

    def load(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return load


def run_in(environment: dict, *arguments: str) -> subprocess.CompletedProcess:
    """Runs Python in the project's folder with only these variables (and PATH, HOME)."""
    variables = {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", ""), **environment}
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=SETTINGS.parent.parent,
        env=variables,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key(environment, tmp_path):
    """The settings load without a key (commands that sign nothing run), the server does not."""
    assert environment(DEBUG="0")["SECRET_KEY"] == ""
    started = run_in(
        {"DEBUG": "0", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}, "-c", "import mentoring.wsgi"
    )
    assert started.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in started.stderr


def test_makemigrations_runs_in_an_empty_environment(tmp_path):
    """It used to fail with AppRegistryNotReady (the settings refused the missing key, Django's command
    line swallowed that and went on), then with the key's message; it needs no key at all."""
    result = run_in(
        {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}, "manage.py", "makemigrations", "--check", "--dry-run"
    )
    assert (result.returncode, result.stdout.strip()) == (0, "No changes detected"), result.stderr


def test_manage_py_says_what_is_wrong_with_the_settings():
    """Django's command line swallows a settings error and then fails with an unrelated one
    (makemigrations: AppRegistryNotReady); manage.py prints the settings' own message."""
    result = run_in({"DEBUG": "maybe"}, "manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 2
    assert "Settings: DEBUG='maybe' is not a boolean" in result.stderr
    assert "AppRegistryNotReady" not in result.stderr + result.stdout


def test_production_refuses_the_public_development_key(environment):
    with pytest.raises(ImproperlyConfigured, match="public development key"):
        environment(DEBUG="false", SECRET_KEY="dev-only-insecure-key-do-not-use-in-production")


def test_debug_gets_a_development_key(environment):
    settings = environment(DEBUG="1")
    assert settings["SECRET_KEY"]
    assert settings["DEBUG"] is True


def test_bad_boolean_is_refused(environment):
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' is not a boolean"):
        environment(DEBUG="maybe")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://user@localhost/db", "unsupported database"),
        ("not a url", "not a valid database URL"),
        ("postgres://user@localhost:notaport/db", "not a valid database URL"),
        ("postgres://user@localhost:5432", "no database name"),
    ],
)
def test_bad_database_url_is_refused(environment, url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        environment(**PRODUCTION_ENV, DATABASE_URL=url)


def test_sqlite_is_the_default(environment):
    settings = environment(**PRODUCTION_ENV)
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["DATABASES"]["default"]["NAME"].endswith("db.sqlite3")


def test_postgresql_from_database_url(environment):
    settings = environment(**PRODUCTION_ENV, DATABASE_URL="postgres://app:pw@db.local:5433/mentoring")
    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"], database["USER"]) == (
        "db.local",
        5433,
        "mentoring",
        "app",
    )
    assert database["CONN_HEALTH_CHECKS"] is True


def test_production_defaults_are_safe(environment):
    settings = environment(**PRODUCTION_ENV, ALLOWED_HOSTS="school.example, mentor.example")
    assert settings["ALLOWED_HOSTS"] == ["school.example", "mentor.example"]
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert "Manifest" in settings["STORAGES"]["staticfiles"]["BACKEND"]


def test_bad_time_zone_and_port_are_refused(environment):
    with pytest.raises(ImproperlyConfigured, match="not a known time zone"):
        environment(**PRODUCTION_ENV, TIME_ZONE="Europe/Atlantis")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT='smtp' is not a whole number"):
        environment(**PRODUCTION_ENV, TIME_ZONE="Asia/Irkutsk", EMAIL_PORT="smtp")


def test_production_refuses_to_start_before_collectstatic(tmp_path):
    """Without the manifest of the collected files every page answered 500; the server now stops at
    start with the command to run."""
    static_root = tmp_path / "static"
    server = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "STATIC_ROOT": str(static_root)}
    refused = run_in(server, "-c", "import mentoring.wsgi")
    assert refused.returncode != 0
    assert "Static files are not collected" in refused.stderr
    assert "Run `python manage.py collectstatic --noinput` before starting the server" in refused.stderr

    collect_static_into(static_root)
    started = run_in(server, "-c", "import mentoring.wsgi; print('serving')")
    assert (started.returncode, started.stdout.strip()) == (0, "serving"), started.stderr


def test_a_file_added_by_an_update_and_not_collected_stops_the_server(tmp_path):
    collect_static_into(tmp_path)
    manifest = tmp_path / "staticfiles.json"
    collected = json.loads(manifest.read_text())
    del collected["paths"]["css/app.css"], collected["paths"]["js/app.js"]
    manifest.write_text(json.dumps(collected))
    with manifest_storage(tmp_path):
        assert uncollected_files() == ["css/app.css", "js/app.js"]
        with pytest.raises(ImproperlyConfigured, match=r"\(2 missing: css/app.css, js/app.js\)"):
            require_collected_static()


def manifest_storage(static_root: Path):
    """The settings of a production server (a manifest of hashed copies) over this folder; Django's
    manifest storage instead of whitenoise's, which would also compress every file for a minute."""
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    return override_settings(STATIC_ROOT=static_root, STORAGES=storages)


def collect_static_into(static_root: Path) -> None:
    with manifest_storage(static_root):
        call_command("collectstatic", interactive=False, verbosity=0)
