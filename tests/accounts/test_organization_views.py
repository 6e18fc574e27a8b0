"""The organization card, its editing, and the coordinator's list of organizations."""

import pytest
from django.urls import reverse

from accounts.models import Organization, Role
from tests.accounts.factories import MembershipFactory, OrganizationFactory
from tests.helpers import assert_queries_constant

VALID = {
    "full_name": "Муниципальное автономное общеобразовательное учреждение «Лицей № 2»",
    "short_name": "МАОУ «Лицей № 2»",
    "kind": "school",
    "founder": "Комитет по образованию",
    "city": "г. Энск",
    "address": "ул. Ленина, 1",
    "director_name": "Смирнова Ольга Ивановна",
    "director_position": "Директор",
    "time_zone": "Asia/Yekaterinburg",
    "order_number_pattern": "{n}-ОД",
    "website": "licey2.example",
    "inn": "1234567894",
    "letter_number_pattern": "{n}",
}
# The letterhead's reference data (ГОСТ Р 7.0.97-2016), with right control digits.
REFERENCE_DATA = {
    "postal_code": "623003",
    "phone": "+7 (34000) 2-10-03",
    "email": "licey2@energy.example",
    "okpo": "00000035",
    "ogrn": "1020000000030",
    "inn": "0003000030",
    "kpp": "000301001",
}


def test_detail_shows_the_card_and_staff_to_the_curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    response = client.get(reverse("organization_detail", kwargs={"pk": world.a.organization.pk}))
    content = response.content.decode()
    assert world.a.organization.full_name in content
    assert "Москва (UTC+3)" in content
    assert "Пользователи с доступом" in content
    assert world.a.users[Role.MENTOR].username in content
    assert "Изменить" in content


def test_detail_hides_staff_and_editing_from_a_mentor(client, world):
    client.force_login(world.a.users[Role.MENTOR])
    content = client.get(reverse("organization_detail", kwargs={"pk": world.a.organization.pk})).content.decode()
    assert world.a.organization.full_name in content
    assert "Пользователи с доступом" not in content
    assert reverse("organization_update", kwargs={"pk": world.a.organization.pk}) not in content


def test_another_organizations_card_is_not_found(client, world):
    client.force_login(world.a.users[Role.DIRECTOR])
    response = client.get(reverse("organization_detail", kwargs={"pk": world.b.organization.pk}))
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_coordinator_opens_any_organization_of_the_municipality_but_not_its_staff(client, world):
    neighbour = OrganizationFactory(municipality=world.a.municipality)
    client.force_login(world.a.users[Role.COORDINATOR])
    response = client.get(reverse("organization_detail", kwargs={"pk": neighbour.pk}))
    assert response.status_code == 200
    assert "Пользователи с доступом" not in response.content.decode()


def test_director_edits_the_organization(client, world):
    client.force_login(world.a.users[Role.DIRECTOR])
    url = reverse("organization_update", kwargs={"pk": world.a.organization.pk})
    response = client.post(url, VALID, follow=True)
    assert "Сведения об организации сохранены." in response.content.decode()
    organization = Organization.objects.get(pk=world.a.organization.pk)
    assert organization.short_name == "МАОУ «Лицей № 2»"
    assert organization.time_zone == "Asia/Yekaterinburg"
    assert organization.website == "https://licey2.example"


def test_the_letterhead_s_reference_data_and_the_letters_numbers_are_saved(client, world):
    client.force_login(world.a.users[Role.DIRECTOR])
    url = reverse("organization_update", kwargs={"pk": world.a.organization.pk})
    response = client.post(url, {**VALID, **REFERENCE_DATA, "letter_number_pattern": "01-15/{n}"}, follow=True)
    assert "Сведения об организации сохранены." in response.content.decode()
    organization = Organization.objects.get(pk=world.a.organization.pk)
    assert {name: getattr(organization, name) for name in REFERENCE_DATA} == REFERENCE_DATA
    assert organization.letter_number_pattern == "01-15/{n}"
    card = response.content.decode()
    assert "00000035 / 1020000000030" in card and "0003000030 / 000301001" in card
    assert "исх. № 01-15/{n}" in card


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("inn", "0003000031", "Контрольная цифра не сходится: проверьте номер."),
        ("inn", "00030000", "10 или 12 цифр."),
        ("ogrn", "1020000000031", "Контрольная цифра не сходится: проверьте номер."),
        ("ogrn", "0020000000030", "ОГРН юридического лица начинается с 1 или 5."),
        ("okpo", "00000036", "Контрольная цифра не сходится: проверьте номер."),
        ("okpo", "0000003", "8 или 10 цифр."),
        ("kpp", "00030100", "9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры."),
        ("postal_code", "62300", "6 цифр."),
        ("phone", "тел. 2-10-03", "Номер телефона из цифр, пробелов, скобок и дефисов, например +7 (34000) 2-14-07."),
        ("email", "licey2.example", "Введите правильный адрес электронной почты."),
        ("letter_number_pattern", "исх-{номер}", "Впишите {n} один раз там, где стоит номер, например {n}-ОД."),
    ],
)
def test_a_wrong_code_is_refused_next_to_its_field_and_changes_nothing(client, world, field, value, error):
    client.force_login(world.a.users[Role.DIRECTOR])
    url = reverse("organization_update", kwargs={"pk": world.a.organization.pk})
    response = client.post(url, {**VALID, **REFERENCE_DATA, field: value})
    assert response.status_code == 200
    assert response.context["form"].errors == {field: [error]}
    organization = Organization.objects.get(pk=world.a.organization.pk)
    assert (organization.short_name, getattr(organization, field)) == (
        world.a.organization.short_name,
        getattr(world.a.organization, field),
    )


def test_valid_codes_of_other_shapes_pass(client, world):
    """A 12-digit ИНН, a 15-digit ОГРНИП (an entrepreneur's kindergarten), a 10-digit ОКПО, a КПП with letters."""
    client.force_login(world.a.users[Role.DIRECTOR])
    url = reverse("organization_update", kwargs={"pk": world.a.organization.pk})
    codes = {"inn": "500100732259", "ogrn": "304500116000157", "okpo": "0000000019", "kpp": "0003AB001"}
    response = client.post(url, {**VALID, **REFERENCE_DATA, **codes})
    assert response.status_code == 302, response.context["form"].errors
    organization = Organization.objects.get(pk=world.a.organization.pk)
    assert {name: getattr(organization, name) for name in codes} == codes


def test_number_pattern_and_inn_are_checked(client, world):
    client.force_login(world.a.users[Role.DIRECTOR])
    url = reverse("organization_update", kwargs={"pk": world.a.organization.pk})
    response = client.post(url, {**VALID, "order_number_pattern": "ОД-{номер}", "inn": "12345"})
    errors = response.context["form"].errors
    assert errors["order_number_pattern"] == ["Впишите {n} один раз там, где стоит номер, например {n}-ОД."]
    assert errors["inn"] == ["10 или 12 цифр."]


def test_bad_input_is_shown_next_to_the_field_and_changes_nothing(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    url = reverse("organization_update", kwargs={"pk": world.a.organization.pk})
    response = client.post(url, {**VALID, "short_name": "", "time_zone": "Europe/Atlantis"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["short_name"] == ["Обязательное поле."]
    assert "time_zone" in form.errors
    content = response.content.decode()
    assert "is-invalid" in content
    assert VALID["full_name"] in content  # the input is kept
    organization = Organization.objects.get(pk=world.a.organization.pk)
    assert organization.short_name == world.a.organization.short_name


def test_curator_cannot_edit_another_organization(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    url = reverse("organization_update", kwargs={"pk": world.b.organization.pk})
    assert client.post(url, VALID).status_code == 404
    assert Organization.objects.get(pk=world.b.organization.pk).short_name == world.b.organization.short_name


def test_mentor_cannot_edit(client, world):
    client.force_login(world.a.users[Role.MENTOR])
    url = reverse("organization_update", kwargs={"pk": world.a.organization.pk})
    assert client.post(url, VALID).status_code == 403


def test_municipality_list_shows_only_its_organizations_with_staff_counts(client, world):
    client.force_login(world.a.users[Role.COORDINATOR])
    response = client.get(reverse("municipality_organizations"))
    content = response.content.decode()
    assert world.a.organization.short_name in content
    assert world.b.organization.short_name not in content
    [row] = response.context["organizations"]
    assert row.staff_count == 4  # director, curator, mentor, mentee


def test_municipality_list_query_count_is_constant(client, world):
    client.force_login(world.a.users[Role.COORDINATOR])

    def grow():
        for organization in OrganizationFactory.create_batch(10, municipality=world.a.municipality):
            MembershipFactory(organization=organization, role=Role.MENTOR)

    url = reverse("municipality_organizations")
    assert_queries_constant(lambda: client.get(url), grow)
    assert len(client.get(url).context["organizations"]) == 11


def test_municipality_list_paginates(client, world):
    OrganizationFactory.create_batch(55, municipality=world.a.municipality)
    client.force_login(world.a.users[Role.COORDINATOR])
    page_two = client.get(reverse("municipality_organizations"), {"page": 2})
    assert len(page_two.context["organizations"]) == 6
    assert "Страница 2 из 2" in page_two.content.decode()
