"""The role-specific home page."""

from django.urls import reverse

from accounts.home import nav_for
from accounts.models import Role
from accounts.tenancy import Tenant
from tests.accounts.factories import OrganizationFactory, UserFactory
from tests.helpers import assert_queries_constant


def home(client, user):
    client.force_login(user)
    return client.get(reverse("home"))


def test_anonymous_goes_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_curator_sees_organization_role_and_staff(client, world):
    content = home(client, world.a.users[Role.CURATOR]).content.decode()
    assert "Куратор" in content
    assert world.a.organization.short_name in content
    assert "Моя организация" in content
    assert "Пользователи с доступом" in content
    assert world.b.organization.short_name not in content


def test_director_sees_staff_counts_by_role(client, world):
    response = home(client, world.a.users[Role.DIRECTOR])
    staff_panel = next(p for p in response.context["panels"] if p.template.endswith("staff.html"))
    assert dict(staff_panel.context["by_role"]) == {role.label: 1 for role in Role if role != Role.COORDINATOR}


def test_mentor_sees_no_staff_panel(client, world):
    content = home(client, world.a.users[Role.MENTOR]).content.decode()
    assert "Наставник" in content
    assert "Моя организация" in content
    assert "Пользователи с доступом" not in content


def test_coordinator_sees_the_municipality(client, world):
    OrganizationFactory(municipality=world.a.municipality, short_name="Детсад А", kind="kindergarten")
    content = home(client, world.a.users[Role.COORDINATOR]).content.decode()
    assert "Муниципальный координатор" in content
    assert world.a.municipality.name in content
    assert "Организации муниципалитета" in content
    assert "Школа" in content and "Детский сад" in content
    assert "Моя организация" not in content


def test_user_without_membership_is_told_what_to_do(client, db):
    content = home(client, UserFactory()).content.decode()
    assert "нет роли" in content


def test_navbar_shows_the_entries_of_the_role(client, world):
    content = home(client, world.a.users[Role.COORDINATOR]).content.decode()
    assert reverse("municipality_organizations") in content
    content = home(client, world.a.users[Role.MENTOR]).content.decode()
    assert reverse("municipality_organizations") not in content
    assert reverse("organization_detail", kwargs={"pk": world.a.organization.pk}) in content


def test_navbar_groups_entries_of_one_area_into_a_menu(world):
    """A menu holds the entries of one area; a menu with a single entry for the role is a link."""

    def entries(role):
        tenant = Tenant(world.a.membership(role))
        return {entry.label: [link.label for link in entry.links] for entry in nav_for(tenant)}

    curator = entries(Role.CURATOR)
    assert curator["Участники"] == ["Реестры", "Партнёры", "Журнал выгрузок"]
    # The mentoring's own work first, then what surrounds it (the Положение, training, practices, contests).
    assert curator["Наставничество"] == [
        "Программы",
        "Пары и группы",
        "Подбор наставников",
        "Положение о наставничестве",
        "Школа наставников",
        "Практики",
        "Конкурсы",
        "Кандидаты к награждению",
    ]
    assert curator["Дорожная карта"] == []
    mentor = entries(Role.MENTOR)
    assert mentor["Наставничество"] == [
        "Пары и группы",
        "Положение о наставничестве",
        "Моё обучение",
        "Практики",
        "Конкурсы",
    ]


def test_home_query_count_does_not_grow(client, world):
    client.force_login(world.a.users[Role.COORDINATOR])

    def more_organizations():
        OrganizationFactory.create_batch(5, municipality=world.a.municipality)

    assert_queries_constant(lambda: client.get(reverse("home")), more_organizations)
