import importlib
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.core.management import call_command

from accounts.models import Membership, Municipality, Organization, Role, User
from tests.accounts.factories import (
    CoordinatorMembershipFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganizationFactory,
    UserFactory,
)
from tests.helpers import kept_until_rolled_back


@dataclass
class Side:
    """One organization with one user per role, and the coordinator of its municipality."""

    municipality: Municipality
    organization: Organization
    users: dict[Role, User]

    def membership(self, role: Role) -> Membership:
        return self.users[role].memberships.get()


@dataclass
class World:
    """Two organizations in two municipalities: A is ours, B is someone else's."""

    a: Side
    b: Side


def make_side(label: str) -> Side:
    municipality = MunicipalityFactory(name=f"Округ {label}")
    organization = OrganizationFactory(municipality=municipality, short_name=f"Школа {label}")
    users = {}
    for role in Role:
        user = UserFactory(username=f"{role.value}_{label.lower()}", last_name=f"{role.label} {label}")
        if role == Role.COORDINATOR:
            CoordinatorMembershipFactory(user=user, municipality=municipality)
        else:
            MembershipFactory(user=user, role=role, organization=organization)
        users[role] = user
    return Side(municipality=municipality, organization=organization, users=users)


@pytest.fixture
def world(db) -> World:
    return World(a=make_side("A"), b=make_side("B"))


@pytest.fixture
def login_as(client):
    """Logs the test client in as a user and returns the client."""

    def _login(user: User):
        client.force_login(user)
        return client

    return _login


# The test report's property that names a browser test's screenshot folder (tests/e2e/conftest.py).
# Reports, unlike the config's stash, travel from pytest-xdist's workers to the controller; and the
# listing lives here because the controller never collects, so never loads tests/e2e/conftest.py.
E2E_ARTIFACTS_PROPERTY = "e2e_artifacts"


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    """Lists the browser tests' screenshot folders of this run, one line per test, for a human."""
    named = (
        Path(value)
        for reports in terminalreporter.stats.values()
        for report in reports
        for name, value in getattr(report, "user_properties", ())
        if name == E2E_ARTIFACTS_PROPERTY
    )
    # Each test's setup, call and teardown reports all carry its folder: listed once, in order.
    folders = [folder for folder in dict.fromkeys(named) if folder.is_dir() and any(folder.iterdir())]
    if folders:
        terminalreporter.write_sep("-", "e2e screenshots")
        for folder in folders:
            terminalreporter.write_line(str(folder))


# The reference data the data migrations ship, as (migration module, its forward function).
REFERENCE_DATA = (
    ("mentoring.migrations.0003_forms_of_mentoring", "load"),
    ("monitoring.indicators.migrations.0002_shipped_indicators", "load"),
    ("reports.migrations.0002_order_kinds", "load_kinds"),
    ("reports.migrations.0010_shipped_statute", "forwards"),
    ("roadmap.migrations.0002_shipped_templates", "load_templates"),
    # 0004 brings the shipped questionnaires to their current questions (0002 wrote a removed field).
    ("monitoring.migrations.0004_question_stage", "update_shipped"),
)


@pytest.fixture
def reference_data(transactional_db) -> None:
    """For transactional tests (the live server, several threads or processes): the database is
    flushed after every such test, and the flush takes the migrations' rows with it, so they are
    loaded again here. The forward functions are idempotent."""
    for module, function in REFERENCE_DATA:
        getattr(importlib.import_module(module), function)(django_apps, None)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back tests reuse primary keys (SQLite), and
    a count cached under another test's organization must not be found."""
    cache.clear()


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker) -> None:
    """``seed_demo`` run once for a module (the slowest setup of the suite), rolled back after it.
    Every test of a module that uses it must take it: a test without it would still see the demo."""
    with kept_until_rolled_back(django_db_blocker):
        call_command("seed_demo", stdout=StringIO())
        yield
