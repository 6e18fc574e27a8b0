"""The deployment settings: file storage chosen by STORAGE_BACKEND, persistent checked connections."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS = Path(__file__).resolve().parents[2] / "mentoring" / "settings.py"
VARIABLES = [
    "STORAGE_BACKEND", "AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY", "AWS_S3_REGION_NAME", "AWS_S3_ADDRESSING_STYLE", "AWS_LOCATION", "CONN_MAX_AGE",
]  # fmt: skip


@pytest.fixture
def load(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DEBUG", "1")

    def _load(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return _load


def test_files_stay_on_the_local_disk_by_default(load):
    settings = load()
    assert settings["STORAGES"]["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_storage_from_the_environment(load):
    settings = load(
        STORAGE_BACKEND="S3",
        AWS_STORAGE_BUCKET_NAME="region-files",
        AWS_S3_ENDPOINT_URL="https://storage.example.test",
        AWS_ACCESS_KEY_ID="key",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_S3_REGION_NAME="ru-central1",
    )
    default = settings["STORAGES"]["default"]
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    options = default["OPTIONS"]
    assert (options["bucket_name"], options["endpoint_url"], options["region_name"]) == (
        "region-files",
        "https://storage.example.test",
        "ru-central1",
    )
    assert (options["access_key"], options["secret_key"]) == ("key", "secret")
    assert options["file_overwrite"] is False and options["default_acl"] is None
    # Static files stay with whitenoise whatever holds the uploads.
    assert settings["STORAGES"]["staticfiles"]["BACKEND"].startswith("django.contrib.staticfiles")


def test_s3_without_a_bucket_or_an_unknown_backend_is_refused(load):
    with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
        load(STORAGE_BACKEND="s3")
    with pytest.raises(ImproperlyConfigured, match="'ftp' is unknown"):
        load(STORAGE_BACKEND="ftp")


def test_connections_persist_and_are_checked_before_use(load):
    database = load(DATABASE_URL="postgres://app@127.0.0.1:5432/mentoring", CONN_MAX_AGE="300")["DATABASES"]["default"]
    assert database["CONN_MAX_AGE"] == 300 and database["CONN_HEALTH_CHECKS"] is True


def test_sqlite_waits_for_the_write_lock_instead_of_failing(load):
    """The options test_sqlite_concurrency relies on; PostgreSQL keeps its own."""
    sqlite = load(DATABASE_URL="sqlite:////tmp/mentoring.sqlite3")["DATABASES"]["default"]["OPTIONS"]
    assert sqlite["transaction_mode"] == "IMMEDIATE" and sqlite["timeout"] == 20
    assert sqlite["init_command"] == "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"
    postgresql = load(DATABASE_URL="postgres://app@127.0.0.1:5432/mentoring")["DATABASES"]["default"]["OPTIONS"]
    assert postgresql == {"options": "-c jit=off"}
