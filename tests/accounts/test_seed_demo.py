from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from accounts.demo import DEMO_PASSWORD, STAFF
from accounts.models import Membership, Organization, User


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_creates_the_demo_and_prints_every_login(db):
    output = seed()
    assert Organization.objects.count() == 3
    assert set(Organization.objects.values_list("kind", flat=True)) == {"school", "kindergarten", "additional"}
    for login in [*STAFF, "admin"]:
        assert login in output
    assert DEMO_PASSWORD in output
    for organization in Organization.objects.all():
        roles = sorted(organization.memberships.values_list("role", flat=True))
        assert roles.count("director") == 1
        assert roles.count("curator") == 1
        assert roles.count("mentor") >= 2


def test_seed_demo_is_idempotent(db):
    seed()
    counts = (User.objects.count(), Organization.objects.count(), Membership.objects.count())
    seed()
    assert (User.objects.count(), Organization.objects.count(), Membership.objects.count()) == counts


def test_every_demo_login_reaches_its_russian_home_page(db):
    seed()
    for login in [*STAFF, "admin"]:
        client = Client()
        response = client.post(reverse("login"), {"username": login, "password": DEMO_PASSWORD}, follow=True)
        assert response.status_code == 200, login
        assert response.wsgi_request.path == reverse("home"), login
        assert "Здравствуйте" in response.content.decode(), login
