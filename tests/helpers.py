"""Helpers shared by the tests of every app."""

import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext


def count_queries(request: Callable[[], object]) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        result = request()
    return len(context.captured_queries), result


def assert_queries_constant(request: Callable[[], object], grow: Callable[[], None]) -> int:
    """Asserts that ``request`` (e.g. a client GET of a list page) runs as many SQL queries after
    ``grow()`` added rows as before; returns that number.

    Request once before measuring so that one-off work (session, caches) is not counted.
    """
    request()
    before, _ = count_queries(request)
    grow()
    after, response = count_queries(request)
    assert getattr(response, "status_code", 200) == 200, response
    assert after == before, f"query count grew with the data: {before} -> {after}"
    return after


@contextmanager
def kept_until_rolled_back(django_db_blocker) -> Iterator[None]:
    """For a module- or class-scoped fixture: what is made inside stays for the tests of that scope
    and is rolled back after the last of them. Each test's own ``db`` transaction becomes a
    savepoint inside this one, so what a test changes is still undone after that test. Expensive,
    identical setup (the whole demo) is then made once per scope instead of once per test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def stop_processes(processes: list[tuple[subprocess.Popen, object]]) -> None:
    """Ends the servers and workers a test started (each with its open log): asked first, all at
    once, then killed if one does not stop within 20 s."""
    for process, _log in processes:
        process.terminate()
    for process, log in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
