"""Shared by the deployment tests: they run on PostgreSQL in transactional tests."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.db import connection

# The shipped reference data the tests below need, as their data migrations load them (idempotent).
SHIPPED = [
    ("mentoring.migrations.0003_forms_of_mentoring", "load"),
    ("reports.migrations.0002_order_kinds", "load_kinds"),
    ("monitoring.indicators.migrations.0002_shipped_indicators", "load"),
]


@pytest.fixture
def postgresql(transactional_db):
    """A committed database on PostgreSQL; skips on SQLite, whose one writer at a time would make
    the concurrency trivially right and which several server processes cannot share well."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): row locks and several processes on one database")
    # An earlier transactional test leaves the database flushed: the reference data come back.
    for module, function in SHIPPED:
        getattr(import_module(module), function)(django_apps, None)
