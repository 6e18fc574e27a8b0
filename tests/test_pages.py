"""What every page shares: Russian, our own static files only."""

import re

from django.urls import reverse

from accounts.models import Role

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)


def test_pages_load_nothing_from_another_host(client, world):
    pages = [reverse("login"), reverse("password_reset")]
    for page in pages:
        assert not EXTERNAL.search(client.get(page).content.decode()), page
    client.force_login(world.a.users[Role.CURATOR])
    for page in [reverse("home"), reverse("organization_detail", kwargs={"pk": world.a.organization.pk})]:
        content = client.get(page).content.decode()
        assert "/static/bootstrap/css/bootstrap.min.css" in content
        assert not EXTERNAL.search(content), page


def test_pages_are_russian(client, db):
    response = client.get(reverse("login"))
    assert '<html lang="ru">' in response.content.decode()
    assert response["Content-Language"] == "ru"


def test_forbidden_page_is_russian(client, world):
    client.force_login(world.a.users[Role.MENTOR])
    response = client.get(reverse("municipality_organizations"))
    assert response.status_code == 403
    assert "Доступ запрещён" in response.content.decode()
