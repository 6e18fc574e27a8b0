import pytest
from django.urls import reverse

from accounts.models import Role
from mentoring.models import PartnerOrganization
from tests.helpers import assert_queries_constant
from tests.mentoring.factories import PartnerFactory, StaffFactory


@pytest.fixture
def curator(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def test_create_edit_and_list(curator, world):
    response = curator.post(
        reverse("partner_create"),
        {
            "name": "АО «Заречный машиностроительный завод»",
            "kind": "enterprise",
            "agreement_number": "12/2026",
            "agreement_date": "01.09.2026",
            "contact_person": "Сидоров Антон Ильич",
        },
        follow=True,
    )
    assert "Партнёр сохранён." in response.content.decode()
    partner = PartnerOrganization.objects.get()
    assert partner.organization == world.a.organization
    StaffFactory(organization=world.a.organization, category="employer", partner=partner, last_name="Инженеров")
    detail = curator.get(reverse("partner_detail", kwargs={"pk": partner.pk})).content.decode()
    assert "№ 12/2026 от 01.09.2026" in detail and "Инженеров" in detail
    listing = curator.get(reverse("partner_list"))
    assert [p.mentor_count for p in listing.context["partners"]] == [1]
    curator.post(reverse("partner_update", kwargs={"pk": partner.pk}), {"name": "АО «ЗМЗ»", "kind": "enterprise"})
    partner.refresh_from_db()
    assert partner.name == "АО «ЗМЗ»"


def test_duplicate_name_is_refused_next_to_the_field(curator, world):
    PartnerFactory(organization=world.a.organization, name="НКО «Добро»")
    PartnerFactory(organization=world.b.organization, name="НКО «Вместе»")
    response = curator.post(reverse("partner_create"), {"name": "нко «добро»", "kind": "ngo"})
    assert response.context["form"].errors["name"] == ["Партнёр с таким названием уже внесён."]
    response = curator.post(reverse("partner_create"), {"name": "НКО «Вместе»", "kind": "ngo"})
    assert response.status_code == 302  # another organization's partner does not clash
    assert PartnerOrganization.objects.filter(organization=world.a.organization).count() == 2


def test_foreign_partner_is_not_found(curator, world):
    foreign = PartnerFactory(organization=world.b.organization)
    assert curator.get(reverse("partner_detail", kwargs={"pk": foreign.pk})).status_code == 404


def test_list_query_count_is_constant(curator, world):
    def grow():
        for partner in PartnerFactory.create_batch(5, organization=world.a.organization):
            StaffFactory(organization=world.a.organization, partner=partner)

    PartnerFactory(organization=world.a.organization)
    assert_queries_constant(lambda: curator.get(reverse("partner_list")), grow)


def test_a_contact_person_that_is_not_a_name_is_refused(curator, world):
    response = curator.post(
        reverse("partner_create"), {"name": "АО «Завод»", "kind": "enterprise", "contact_person": "@Сидоров"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["contact_person"] == [
        "В имени допускаются только буквы, пробелы, дефисы и апострофы; уберите «@»."
    ]
    assert not PartnerOrganization.objects.exists()
