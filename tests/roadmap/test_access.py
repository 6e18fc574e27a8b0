"""Roadmap access beyond the project's permission matrix (tests/test_permission_matrix.py): the
coordinator reads the organizations' roadmaps (the audit) but changes only the municipal ones, and
an organization reads its municipality's roadmap without changing it.
"""

import pytest
from django.urls import reverse

from accounts.models import Role
from accounts.permissions import Action, role_can
from roadmap import urls as roadmap_urls
from tests.roadmap.factories import MunicipalRoadmapFactory, RoadmapFactory
from tests.roadmap.url_objects import COORDINATOR_OBJECT_URL_KWARGS, OBJECT_URL_KWARGS

URLS = [(pattern.name, pattern) for pattern in roadmap_urls.urlpatterns]


def view_of(pattern):
    return pattern.callback.view_class


def test_every_roadmap_url_with_parameters_is_mapped():
    with_parameters = {name for name, pattern in URLS if "<" in str(pattern.pattern)}
    assert with_parameters == set(OBJECT_URL_KWARGS)
    assert set(COORDINATOR_OBJECT_URL_KWARGS) <= with_parameters


@pytest.mark.parametrize("name", sorted(COORDINATOR_OBJECT_URL_KWARGS))
def test_the_coordinator_cannot_change_an_organizations_roadmap(name, world, client):
    """What the role-specific mapping hides from the matrix: an organization's roadmap is 404 for him."""
    url = reverse(name, kwargs=OBJECT_URL_KWARGS[name](world))
    client.force_login(world.a.users[Role.COORDINATOR])
    view = view_of(dict(URLS)[name])
    response = client.post(url) if "get" not in view.http_method_names else client.get(url)
    assert response.status_code == 404


def test_the_coordinator_audits_read_only_and_another_municipality_gets_404(world, client):
    roadmap = RoadmapFactory(organization=world.a.organization)
    client.force_login(world.a.users[Role.COORDINATOR])
    page = client.get(reverse("roadmap_detail", kwargs={"pk": roadmap.pk}))
    assert page.status_code == 200
    content = page.content.decode()
    assert "Режим аудита" in content
    assert reverse("roadmap_update", kwargs={"pk": roadmap.pk}) not in content
    assert reverse("stage_create", kwargs={"pk": roadmap.pk}) not in content
    assert reverse("remark_create", kwargs={"pk": roadmap.pk}) in content
    client.force_login(world.b.users[Role.COORDINATOR])
    assert client.get(reverse("roadmap_detail", kwargs={"pk": roadmap.pk})).status_code == 404
    assert client.post(reverse("remark_create", kwargs={"pk": roadmap.pk}), {"text": "x"}).status_code == 404


def test_the_organization_reads_its_municipal_roadmap_but_cannot_change_it(world, client):
    roadmap = MunicipalRoadmapFactory(municipality=world.a.municipality)
    client.force_login(world.a.users[Role.DIRECTOR])
    page = client.get(reverse("roadmap_detail", kwargs={"pk": roadmap.pk}))
    assert page.status_code == 200
    assert "Только просмотр" in page.content.decode()
    assert client.get(reverse("roadmap_update", kwargs={"pk": roadmap.pk})).status_code == 404
    client.force_login(world.b.users[Role.DIRECTOR])
    assert client.get(reverse("roadmap_detail", kwargs={"pk": roadmap.pk})).status_code == 404


def test_actions_of_the_table(world):
    assert role_can(Role.COORDINATOR, Action.ROADMAP_AUDIT)
    assert not role_can(Role.DIRECTOR, Action.ROADMAP_AUDIT)
    assert not role_can(Role.MENTEE, Action.ROADMAP_VIEW)
