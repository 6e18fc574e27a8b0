"""Backups of the database and the uploaded files, and their restore into an empty database.

A backup is a folder ``<timestamp>/`` with:
- ``database.dump`` (PostgreSQL, ``pg_dump`` custom format) or ``database.sqlite3`` (a copy made by
  SQLite's online backup, consistent while the site runs);
- ``media.tar.gz``: every uploaded file (consent scans, registered orders, evidence, exports);
- ``manifest.json``: the engine, the time, the rows of every table and the files of media, counted
  in the same snapshot the dump was taken from, so a restore can prove it found everything.

The PostgreSQL dump and the counts share one exported snapshot (``pg_export_snapshot``): a site
that keeps writing during the backup does not make the counts disagree with the dump.
"""

import datetime
import json
import os
import sqlite3
import subprocess
import tarfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"
POSTGRESQL = "django.db.backends.postgresql"
SQLITE = "django.db.backends.sqlite3"


class BackupError(Exception):
    """The backup or the restore cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    folder: Path
    tables: dict[str, int]
    media_files: int


def _pg_environment(database: dict) -> dict:
    """libpq reads the connection from the environment, so no password lands on a command line."""
    environment = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            environment[variable] = str(database[key])
    environment["PGDATABASE"] = database["NAME"]
    return environment


def _pg_connect(database: dict) -> psycopg.Connection:
    return psycopg.connect(
        dbname=database["NAME"],
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
    )


def _pg_tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    return [row[0] for row in cursor.fetchall()]


def _pg_counts(cursor) -> dict[str, int]:
    counts = {}
    for table in _pg_tables(cursor):
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(path)) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def _media_files(root: Path) -> dict[str, int]:
    """Relative path -> size of every file under the media root."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.stat().st_size for path in sorted(root.rglob("*")) if path.is_file()
    }


def _run(command: list[str], environment: dict) -> None:
    try:
        subprocess.run(command, env=environment, check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client).") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def backup_create(*, target_dir: Path, database: dict, media_root: Path, now: datetime.datetime | None = None) -> Path:
    """Writes a new backup folder under ``target_dir`` and returns it."""
    stamp = (now or datetime.datetime.now()).strftime("%Y%m%d-%H%M%S")
    folder = Path(target_dir) / stamp
    folder.mkdir(parents=True, exist_ok=False)
    engine = database["ENGINE"]
    if engine == POSTGRESQL:
        with _pg_connect(database) as connection:
            # The counts and pg_dump read the same snapshot, held open by this transaction.
            connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                tables = _pg_counts(cursor)
                _run(
                    [
                        "pg_dump",
                        "--format=custom",
                        "--no-owner",
                        "--no-acl",
                        f"--snapshot={snapshot}",
                        f"--file={folder / PG_DUMP}",
                    ],
                    _pg_environment(database),
                )
            connection.rollback()
    elif engine == SQLITE:
        with (
            closing(sqlite3.connect(database["NAME"])) as source,
            closing(sqlite3.connect(folder / SQLITE_COPY)) as copy,
        ):
            source.backup(copy)
        tables = _sqlite_counts(folder / SQLITE_COPY)
    else:
        raise BackupError(f"Backups know PostgreSQL and SQLite, not {engine}.")

    media_root = Path(media_root)
    files = _media_files(media_root)
    with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
        for name in files:
            archive.add(media_root / name, arcname=name, recursive=False)
    manifest = {
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "tables": tables,
        "media": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return folder


def _read_manifest(folder: Path) -> dict:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.") from error


def backup_restore(*, folder: Path, database: dict, media_root: Path) -> Restored:
    """Restores a backup into an empty database and the media root, then checks that every table
    has its rows and every file its bytes; raises BackupError on any difference."""
    folder = Path(folder)
    manifest = _read_manifest(folder)
    engine = database["ENGINE"]
    if manifest["engine"] != engine:
        raise BackupError(f"The backup is of {manifest['engine']}; the database to restore into is {engine}.")
    if engine == POSTGRESQL:
        with _pg_connect(database) as connection, connection.cursor() as cursor:
            if _pg_tables(cursor):
                raise BackupError(
                    f"The database {database['NAME']} is not empty: restore into a new one (createdb), never over data."
                )
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={database['NAME']}",
                str(folder / PG_DUMP),
            ],
            _pg_environment(database),
        )
        with _pg_connect(database) as connection, connection.cursor() as cursor:
            tables = _pg_counts(cursor)
    else:
        target = Path(database["NAME"])
        if target.exists() and _sqlite_counts(target):
            raise BackupError(f"The database {target} is not empty: restore into a new file, never over data.")
        with closing(sqlite3.connect(folder / SQLITE_COPY)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
        tables = _sqlite_counts(target)

    media_root = Path(media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
        # The «data» filter refuses absolute paths, «..», links out of the folder and device files.
        archive.extractall(media_root, filter="data")
    files = _media_files(media_root)

    missing_rows = {
        table: (count, tables.get(table)) for table, count in manifest["tables"].items() if tables.get(table) != count
    }
    missing_files = [name for name, size in manifest["media"].items() if files.get(name) != size]
    if missing_rows or missing_files:
        raise BackupError(f"The restore differs from the backup: tables {missing_rows}, files {missing_files[:20]}.")
    return Restored(folder=folder, tables=tables, media_files=len(manifest["media"]))
