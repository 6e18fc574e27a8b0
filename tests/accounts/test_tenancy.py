"""The current context: resolved once per request, switched from the navbar, scoping everything."""

from datetime import UTC, datetime

from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.tenancy import SESSION_KEY
from tests.accounts.factories import CoordinatorMembershipFactory, MembershipFactory
from tests.helpers import count_queries


def test_first_membership_is_current_by_default(client, world):
    user = world.a.users[Role.MENTOR]
    MembershipFactory(user=user, role=Role.CURATOR, organization=world.b.organization)
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.wsgi_request.organization == world.a.organization
    assert response.wsgi_request.role == Role.MENTOR


def test_switching_to_another_membership(client, world):
    user = world.a.users[Role.MENTOR]
    other = MembershipFactory(user=user, role=Role.CURATOR, organization=world.b.organization)
    client.force_login(user)
    response = client.post(reverse("context_switch"), {"membership": other.pk}, follow=True)
    content = response.content.decode()
    assert "Вы работаете как куратор: Школа B." in content
    assert response.wsgi_request.organization == world.b.organization
    assert response.wsgi_request.role == Role.CURATOR
    # The menu offers both memberships.
    assert content.count('name="membership"') == 2


def test_switching_to_a_foreign_membership_is_refused(client, world):
    user = world.a.users[Role.MENTOR]
    client.force_login(user)
    foreign = world.b.membership(Role.DIRECTOR)
    response = client.post(reverse("context_switch"), {"membership": foreign.pk}, follow=True)
    assert "Это не ваша роль" in response.content.decode()
    assert client.session.get(SESSION_KEY) is None
    assert response.wsgi_request.role == Role.MENTOR


def test_switch_keeps_a_safe_next_only(client, world):
    user = world.a.users[Role.MENTOR]
    client.force_login(user)
    own = world.a.membership(Role.MENTOR)
    response = client.post(reverse("context_switch"), {"membership": own.pk, "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")
    response = client.post(reverse("context_switch"), {"membership": own.pk, "next": reverse("password_change")})
    assert response["Location"] == reverse("password_change")


def test_coordinator_context_is_the_municipality(client, world):
    client.force_login(world.a.users[Role.COORDINATOR])
    request = client.get(reverse("home")).wsgi_request
    assert request.organization is None
    assert request.municipality == world.a.municipality
    assert request.tenant.is_municipal


def test_coordinator_and_school_role_in_one_person(client, world):
    user = world.a.users[Role.DIRECTOR]
    coordinator = CoordinatorMembershipFactory(user=user, municipality=world.a.municipality)
    client.force_login(user)
    client.post(reverse("context_switch"), {"membership": coordinator.pk})
    response = client.get(reverse("municipality_organizations"))
    assert response.status_code == 200
    assert world.a.organization.short_name in response.content.decode()


def test_context_costs_one_query_whatever_the_number_of_memberships(client, world):
    user = world.a.users[Role.MENTOR]
    client.force_login(user)
    url = reverse("password_change_done")
    client.get(url)
    before, _ = count_queries(lambda: client.get(url))
    MembershipFactory(user=user, role=Role.CURATOR, organization=world.b.organization)
    CoordinatorMembershipFactory(user=user, municipality=world.b.municipality)
    after, _ = count_queries(lambda: client.get(url))
    assert before == after


def test_organization_time_zone_is_active_during_the_request(client, world):
    world.a.organization.time_zone = "Asia/Irkutsk"
    world.a.organization.save()
    client.force_login(world.a.users[Role.CURATOR])
    seen = {}

    from accounts import views

    original = views.HomeView.get_context_data

    def spy(self, **kwargs):
        seen["offset"] = timezone.localtime(datetime(2026, 1, 1, tzinfo=UTC)).utcoffset().total_seconds() / 3600
        return original(self, **kwargs)

    views.HomeView.get_context_data = spy
    try:
        client.get(reverse("home"))
    finally:
        views.HomeView.get_context_data = original
    assert seen["offset"] == 8
