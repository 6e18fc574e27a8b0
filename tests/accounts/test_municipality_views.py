"""The coordinator's page of the municipality's details: the education authority, its reference data and
its head, which the municipal orders and letters print."""

from django.urls import reverse

from accounts.models import Municipality, Role

VALID = {
    "authority": "Управление образования администрации Заречного городского округа",
    "city": "г. Заречный",
    "address": "ул. Ленина, д. 1",
    "postal_code": "623100",
    "phone": "+7 (34000) 2-14-00",
    "email": "uo@zarechny.example",
    "website": "uo.zarechny.example",
    "okpo": "00001005",
    "ogrn": "1020000001009",
    "inn": "0003001002",
    "kpp": "000301001",
    "head_name": "Голованова Людмила Васильевна",
    "head_position": "Начальник управления образования",
    "order_number_pattern": "{n}",
    "letter_number_pattern": "{n}-исх",
}


def test_the_coordinator_fills_in_the_authority_and_its_head(client, world):
    client.force_login(world.a.users[Role.COORDINATOR])
    page = client.get(reverse("municipality_organizations")).content.decode()
    assert "не указан: муниципальные документы составляются без подписанта" in page
    response = client.post(reverse("municipality_update"), VALID, follow=True)
    content = response.content.decode()
    assert "Сведения о муниципалитете сохранены." in content
    municipality = Municipality.objects.get(pk=world.a.municipality.pk)
    assert municipality.website == "https://uo.zarechny.example"
    assert {name: getattr(municipality, name) for name in VALID if name != "website"} == {
        name: value for name, value in VALID.items() if name != "website"
    }
    assert "Начальник управления образования: Голованова Людмила Васильевна" in content
    assert "исх. № {n}-исх" in content
    # Someone else's municipality is untouched: the page edits the coordinator's own one only.
    assert Municipality.objects.get(pk=world.b.municipality.pk).head_name == ""


def test_bad_input_is_shown_next_to_the_field_and_changes_nothing(client, world):
    client.force_login(world.a.users[Role.COORDINATOR])
    response = client.post(reverse("municipality_update"), {**VALID, "inn": "0003001003", "phone": "два-ноль"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["inn"] == ["Контрольная цифра не сходится: проверьте номер."]
    assert list(errors) == ["phone", "inn"]
    assert "is-invalid" in response.content.decode()
    assert VALID["head_name"] in response.content.decode()  # the input is kept
    assert Municipality.objects.get(pk=world.a.municipality.pk).head_name == ""


def test_a_school_s_roles_do_not_edit_the_municipality(client, world):
    for role in (Role.DIRECTOR, Role.CURATOR):
        client.force_login(world.a.users[role])
        assert client.post(reverse("municipality_update"), VALID).status_code == 403
    assert Municipality.objects.get(pk=world.a.municipality.pk).head_name == ""
    client.force_login(world.a.users[Role.DIRECTOR])
    assert reverse("municipality_update") not in client.get(reverse("home")).content.decode()
