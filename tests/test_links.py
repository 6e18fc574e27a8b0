"""No page shows a link that its reader cannot open.

Each role of the demo walks the site from its home page, following every internal link of every
page it reaches, and requests each link found: none may answer 403 (a mentor shown the order that
approved his pair, which only the school's management may open), nor 404 or an error. A template
checks the role before it shows a link (``{% load permissions %}`` … ``{% if request|can:"order.view" %}``,
accounts/templatetags/permissions.py).

The walk is bounded by the kind of page, not by the number of objects: up to ``PER_PAGE_KIND``
addresses of one URL name (five participants' cards, not all sixty) are requested, and pages are
followed to the links on them the same way. A file (PDF, XLSX) is requested once per kind.
"""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from accounts.demo import STAFF
from accounts.models import Membership, Role, User
from mentoring.models import MentoringUnit, Participant, UnitMentee
from tests.helpers import kept_until_rolled_back

PER_PAGE_KIND = 5
# Addresses that are not pages of the product.
OUTSIDE = ("/static/", "/media/", "/admin/")
# One login per role: the school's people, who have the most to show.
LOGINS = {
    Role.COORDINATOR: "coordinator",
    Role.DIRECTOR: "school.director",
    Role.CURATOR: "school.curator",
    Role.MENTOR: "school.mentor1",
    Role.MENTEE: "school.mentee",
}


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href and href.startswith("/") and not href.startswith("//"):
            self.links.append(href.split("#", 1)[0])


def links_of(html: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    return [link for link in parser.links if link and not link.startswith(OUTSIDE)]


def kind_of(address: str) -> tuple[str, tuple[str, ...]]:
    """The URL name and the query's keys: addresses of one kind behave alike for a role."""
    parts = urlsplit(address)
    try:
        name = resolve(parts.path).view_name
    except Resolver404:
        name = parts.path
    return name, tuple(sorted({key for key, _ in parse_qsl(parts.query)}))


def give_a_mentee_an_account(organization) -> User:
    """The demo has no mentee's account: a young teacher in a working pair gets one."""
    membership = (
        UnitMentee.objects.filter(
            unit__program__organization=organization,
            unit__status=MentoringUnit.Status.ACTIVE,
            mentee__category=Participant.Category.STAFF,
            mentee__user__isnull=True,
            left_on__isnull=True,
        )
        .select_related("mentee")
        .order_by("pk")
        .first()
    )
    user = User.objects.create_user(username=LOGINS[Role.MENTEE], last_name=membership.mentee.last_name)
    Membership.objects.create(user=user, role=Role.MENTEE, organization=organization)
    membership.mentee.user = user
    membership.mentee.save(update_fields=["user"])
    return user


@pytest.fixture(scope="module")
def demo_with_a_mentee(seeded_demo, django_db_blocker) -> None:
    with kept_until_rolled_back(django_db_blocker):
        school = User.objects.get(username="school.curator").memberships.get().organization
        give_a_mentee_an_account(school)
        yield


def walk(client: Client) -> tuple[int, list[str]]:
    """Requests every page reachable from the home page (bounded per kind of page); returns how many
    were requested and the broken links, each with the page that shows it."""
    seen: set[str] = set()
    per_kind: dict[tuple, int] = {}
    queue = deque([(reverse("home"), "login")])
    broken = []
    while queue:
        address, shown_on = queue.popleft()
        kind = kind_of(address)
        if address in seen or per_kind.get(kind, 0) >= PER_PAGE_KIND:
            continue
        seen.add(address)
        per_kind[kind] = per_kind.get(kind, 0) + 1
        response = client.get(address)
        if response.status_code >= 400:
            broken.append(f"{address} answers {response.status_code} (link on {shown_on})")
            continue
        if response.status_code in (301, 302):
            continue
        if response.get("Content-Type", "").startswith("text/html"):
            queue.extend((link, address) for link in links_of(response.content.decode()))
        else:
            # A file (PDF, XLSX) is checked by the same rule for every object: one of a kind is enough.
            per_kind[kind] = PER_PAGE_KIND
    return len(seen), broken


@pytest.mark.parametrize("role", list(LOGINS), ids=[role.value for role in LOGINS])
def test_every_link_a_role_is_shown_opens(demo_with_a_mentee, db, client, role):
    assert LOGINS[role] in STAFF or role == Role.MENTEE
    client.force_login(User.objects.get(username=LOGINS[role]))
    requested, broken = walk(client)
    assert requested > 5, f"the walk reached only {requested} pages"
    assert not broken, "\n".join(broken)


def test_the_walk_finds_a_link_the_role_cannot_open(demo_with_a_mentee, db, client, monkeypatch):
    """The check can fail: a link to the order register put on the mentor's home page is reported."""
    from django.template.response import TemplateResponse

    original = TemplateResponse.rendered_content

    def with_order_link(self):
        content = original.fget(self)
        return content.replace("</main>", f'<a href="{reverse("order_list")}">x</a></main>', 1)

    monkeypatch.setattr(TemplateResponse, "rendered_content", property(with_order_link))
    client.force_login(User.objects.get(username=LOGINS[Role.MENTOR]))
    _, broken = walk(client)
    assert any(line.startswith(f"{reverse('order_list')} answers 403") for line in broken), broken
