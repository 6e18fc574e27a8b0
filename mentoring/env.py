"""Typed readers of environment variables for settings.

Each reader fails loudly with ImproperlyConfigured naming the variable, so a typo in a
deployment stops the process at start-up instead of running with a silent default.
"""

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

SUPPORTED_DATABASE_ENGINES = {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, *, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, *, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name: str, *, default_sqlite: Path) -> dict:
    """Parse a database URL; only SQLite and PostgreSQL are supported."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite)}
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} is not a valid database URL ({exc}). "
            "Expected e.g. postgres://user@127.0.0.1:5432/mentoring or sqlite:////path/db.sqlite3."
        ) from None
    if config.get("ENGINE") not in SUPPORTED_DATABASE_ENGINES:
        raise ImproperlyConfigured(f"{name} names an unsupported database; use postgres:// or sqlite://.")
    if config["ENGINE"] == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} has no database name after the host, e.g. postgres://…/mentoring.")
    return config


def env_time_zone(name: str, *, default: str) -> str:
    value = env_str(name, default)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(f"{name}={value!r} is not a known time zone, e.g. Europe/Moscow.") from None
    return value


MISSING_SECRET_KEY = (
    "SECRET_KEY is not set. In production (DEBUG off) set SECRET_KEY to a long random "
    "string, e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'."
)


def require_secret_key() -> None:
    """What a server calls before serving: sessions, CSRF tokens and reset links are signed with it."""
    from django.conf import settings

    try:
        settings.SECRET_KEY  # noqa: B018 (Django refuses an empty key when it is read)
    except ImproperlyConfigured as error:
        raise ImproperlyConfigured(MISSING_SECRET_KEY) from error
