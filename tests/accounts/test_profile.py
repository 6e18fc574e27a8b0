"""«Мои данные»: everyone keeps their own work phone, which the documents they prepare print."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from reports.quarterly import QuarterlyExporter
from tests.indicators.factories import PeriodFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.DIRECTOR, Role.CURATOR, Role.MENTOR])
def test_every_role_saves_its_own_phone(world, client, role):
    user = world.a.users[role]
    client.force_login(user)
    page = client.get(reverse("profile"))
    assert page.status_code == 200
    assert "Рабочий телефон" in page.content.decode()
    answer = client.post(reverse("profile"), {"phone": "+7 (34000) 2-14-07 доб. 12"}, follow=True)
    assert "Ваши данные сохранены" in answer.content.decode()
    user.refresh_from_db()
    assert user.phone == "+7 (34000) 2-14-07 доб. 12"


@pytest.mark.parametrize("phone", ["позвонить Ане", "12", "+7 (34000) 2-14-07; 2-14-08"])
def test_a_wrong_phone_is_said_next_to_the_field_and_changes_nothing(world, client, phone):
    user = world.a.users[Role.CURATOR]
    user.phone = "8 912 345-67-89"
    user.save()
    client.force_login(user)
    page = client.post(reverse("profile"), {"phone": phone})
    assert page.status_code == 200
    assert "Номер телефона из цифр" in page.content.decode()
    assert 'aria-invalid="true"' in page.content.decode()
    user.refresh_from_db()
    assert user.phone == "8 912 345-67-89"


def test_only_the_own_account_is_changed(world, client):
    """The page has no id: a person cannot reach anyone else's account through it."""
    client.force_login(world.a.users[Role.CURATOR])
    client.post(reverse("profile"), {"phone": "8 912 345-67-89", "username": "x", "pk": world.b.users[Role.CURATOR].pk})
    assert world.b.users[Role.CURATOR].__class__.objects.get(pk=world.b.users[Role.CURATOR].pk).phone == ""
    assert world.a.users[Role.CURATOR].__class__.objects.get(pk=world.a.users[Role.CURATOR].pk).username != "x"


def test_the_quarterly_workbook_prints_the_executors_phone(world):
    coordinator = world.a.users[Role.COORDINATOR]
    coordinator.phone = "+7 (34000) 2-14-07"
    coordinator.save()
    period = PeriodFactory(municipality=world.a.municipality)
    _name, _type, content = QuarterlyExporter().render(
        {"municipality": world.a.municipality, "period": period, "executor": coordinator}
    )
    lines = [
        cell.value
        for sheet in load_workbook(io.BytesIO(content)).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("Исполнитель")
    ]
    expected = f"Исполнитель: {coordinator.get_full_name()}, тел. +7 (34000) 2-14-07"
    assert lines and all(line == expected for line in lines)
