"""Shared by the deployment tests: they run on PostgreSQL in transactional tests."""

import pytest
from django.db import connection


@pytest.fixture
def postgresql(reference_data):
    """A committed database on PostgreSQL; skips on SQLite, whose one writer at a time would make
    the concurrency trivially right and which several server processes cannot share well."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…): row locks and several processes on one database")
