"""`make backup` / `make restore`: a backup restores into an empty database with every row and file."""

import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from psycopg import sql

from mentoring.models import Consent, Participant
from ops.backup import SQLITE, BackupError, backup_create, backup_restore
from tests.mentoring.factories import PDF_BYTES, consent_with_scan, unit_of_side
from tests.reports.factories import registered_order

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump/pg_restore need PostgreSQL; run with DATABASE_URL=postgres://… (CI does)",
)


def django_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def server_of(database: dict) -> dict:
    return {key.lower(): database.get(key) or None for key in ("HOST", "PORT", "USER", "PASSWORD")}


@pytest.fixture
def empty_database():
    """A new empty PostgreSQL database beside the test one, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    admin = {"dbname": "postgres", **server_of(connection.settings_dict)}
    with psycopg.connect(**admin, autocommit=True) as maintenance:
        maintenance.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield {**connection.settings_dict, "NAME": name}
    with psycopg.connect(**admin, autocommit=True) as maintenance:
        maintenance.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@postgresql_only
def test_backup_restores_into_an_empty_database_with_everything(reference_data, world, tmp_path, empty_database):
    consent = consent_with_scan(world.a.organization)
    unit_of_side(world.a)
    registered_order(world.a.organization)
    media_root = Path(settings.MEDIA_ROOT)
    scan_name = consent.scan.name
    expected = django_counts()
    assert expected["mentoring_participant"] >= 3 and expected["reports_order"] == 1

    call_command("backup", output_dir=str(tmp_path / "backups"))
    folder = next((tmp_path / "backups").iterdir())
    assert {path.name for path in folder.iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}

    restored_media = tmp_path / "restored-media"
    restored = backup_restore(folder=folder, database=empty_database, media_root=restored_media)

    assert restored.tables == expected
    assert (restored_media / scan_name).read_bytes() == (media_root / scan_name).read_bytes() == PDF_BYTES
    with closing(psycopg.connect(dbname=empty_database["NAME"], **server_of(empty_database))) as restored_db:
        names = {row[0] for row in restored_db.execute("SELECT last_name FROM mentoring_participant")}
        assert names == set(Participant.objects.values_list("last_name", flat=True))
        scans = [row[0] for row in restored_db.execute("SELECT scan FROM mentoring_consent")]
        assert scans == list(Consent.objects.values_list("scan", flat=True))

    # A second restore into the same, now filled, database is refused: a restore never overwrites data.
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(folder=folder, database=empty_database, media_root=tmp_path / "again")


@postgresql_only
def test_restore_refuses_a_database_with_data_and_a_folder_that_is_no_backup(transactional_db, world, tmp_path):
    call_command("backup", output_dir=str(tmp_path))
    folder = next(tmp_path.iterdir())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(folder))
    with pytest.raises(CommandError, match=r"no manifest\.json"):
        call_command("restore", str(tmp_path / "nothing"))


def test_sqlite_backup_and_restore_round_trip(tmp_path):
    """The SQLite path of `make backup` (the zero-setup default), on a database file of its own."""
    source = tmp_path / "db.sqlite3"
    with closing(sqlite3.connect(source)) as db:
        db.execute("CREATE TABLE person (name TEXT)")
        db.executemany("INSERT INTO person VALUES (?)", [("Иванова",), ("Петров",)])
        db.commit()
    media = tmp_path / "media"
    (media / "consents").mkdir(parents=True)
    (media / "consents" / "скан.pdf").write_bytes(PDF_BYTES)

    folder = backup_create(
        target_dir=tmp_path / "backups", database={"ENGINE": SQLITE, "NAME": str(source)}, media_root=media
    )
    target = tmp_path / "restored.sqlite3"
    restored = backup_restore(
        folder=folder, database={"ENGINE": SQLITE, "NAME": str(target)}, media_root=tmp_path / "restored-media"
    )
    assert restored.tables == {"person": 2} and restored.media_files == 1
    assert (tmp_path / "restored-media" / "consents" / "скан.pdf").read_bytes() == PDF_BYTES
    with pytest.raises(BackupError, match="not empty"):
        backup_restore(folder=folder, database={"ENGINE": SQLITE, "NAME": str(target)}, media_root=tmp_path / "x")
