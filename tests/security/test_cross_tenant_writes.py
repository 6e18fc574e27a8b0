"""Writes across tenants: no action of one organization changes another's data.

Every URL that takes a POST and names an object of organization A is sent the form that A's own
user would send (the page's fields with their values), by every role that the permission table
allows the action, from organization B of another municipality and from organization C of A's
own municipality. Each answer is 404, and not one row of any table changes: not A's objects, and
not the shared rows (accounts, memberships) either.
"""

import hashlib

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from accounts.models import Role
from accounts.permissions import Action, role_can
from tests.accounts.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.security.test_hostile_inputs import VOLATILE_TABLES, acting_role, page_fields, post_names, posting_urls
from tests.test_permission_matrix import OBJECT_URL_KWARGS, ROLE_OBJECT_URL_KWARGS, URLS, build_url, view_class

# Public pages (a personal questionnaire link) belong to no organization's user.
OBJECT_POSTING_URLS = [
    name
    for name in posting_urls()
    if name in OBJECT_URL_KWARGS and view_class(dict(URLS)[name]).permission_action != Action.PUBLIC
]
# Objects of the municipality that each of its organizations acts on for itself: a school of A's
# municipality submits its own figures for the municipality's reporting period.
MUNICIPAL_OBJECTS = {"period_submit"}


def database_fingerprint() -> dict[str, str]:
    """A digest of every row of every table of the project (the session and login-throttling
    tables aside: they change with any request)."""
    digests = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            if not model._meta.managed or model._meta.proxy or table in VOLATILE_TABLES or table in digests:
                continue
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY 1")
            digests[table] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    return digests


def strangers(world, name: str) -> dict[str, object]:
    """Users of other organizations: every role of B (another municipality, its coordinator
    included) and every organization role of C (a school of A's municipality)."""
    neighbour = OrganizationFactory(municipality=world.a.municipality, short_name="Школа C")
    people = {f"{role.value} of B": user for role, user in world.b.users.items()}
    if name in MUNICIPAL_OBJECTS:
        return people
    for role in Role:
        if role != Role.COORDINATOR:
            people[f"{role.value} of C"] = MembershipFactory(
                user=UserFactory(username=f"{role.value}_c"), role=role, organization=neighbour
            ).user
    return people


def role_of(label: str) -> Role:
    return Role(label.split(" of ")[0])


@pytest.mark.parametrize("name", OBJECT_POSTING_URLS)
def test_no_write_reaches_another_organizations_object(name, world):
    view = view_class(dict(URLS)[name])
    role = acting_role(name, view)
    url = build_url(name, world, role)[0] if name in ROLE_OBJECT_URL_KWARGS.get(role, {}) else build_url(name, world)[0]
    owner = Client()
    owner.force_login(world.a.users[role])
    data = {}
    if "get" in view.http_method_names:
        page = owner.get(url)
        if page.status_code == 200 and page.context is not None:
            data = page_fields(page.context)
    for field in post_names(view) - set(data):
        data[field] = "1"

    clients = {}
    for label, user in strangers(world, name).items():
        if role_can(role_of(label), view.permission_action):
            clients[label] = Client()
            clients[label].force_login(user)
    before = database_fingerprint()
    failures = [
        f"{label}: {status}"
        for label, client in clients.items()
        if (status := client.post(url, data).status_code) != 404
    ]
    changed = [table for table, digest in database_fingerprint().items() if before.get(table) != digest]
    assert not failures, f"{name}: answered {failures} instead of 404"
    assert not changed, f"{name}: a stranger's POST changed {changed}"


def test_the_cross_tenant_walk_covers_the_writes():
    """The discovery finds the object forms: a refactoring that hides them fails here."""
    for expected in ("participant_update", "participant_invite", "consent_withdraw", "unit_update", "order_register"):
        assert expected in OBJECT_POSTING_URLS, expected
    assert len(OBJECT_POSTING_URLS) >= 30
