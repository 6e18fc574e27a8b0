"""The municipal target model of mentoring (seed 001, приложение 1): the coordinator makes it from the
shipped template, edits it, drafts «О внедрении…» carrying it as appendix 1 (the indicators appendix 2),
and the registration approves it; the stamp agrees with the document's title; the coordinator reads
his organizations' Положения in force but never changes, compares or restores them."""

import pytest
from django.urls import reverse

from accounts.models import Role
from mentoring.declension import agreed_with_title
from reports.models import Order
from reports.order_content import order_content
from reports.statute.models import Statute, StatuteTemplate, StatuteVersion
from tests.reports import pdf_text
from tests.reports.factories import municipal_model, statute_in_force
from tests.reports.test_statute_views import edit_data


@pytest.fixture
def coordinator_client(world, client):
    municipality = world.a.municipality
    municipality.name, municipality.authority = "Заречный городской округ", "Управление образования"
    municipality.head_name, municipality.head_position = "Голованова Людмила Васильевна", "Начальник управления"
    municipality.save()
    client.force_login(world.a.users[Role.COORDINATOR])
    return client


@pytest.mark.parametrize(
    ("title", "word"),
    [
        ("Положение о системе наставничества в МБОУ «СОШ № 3»", "УТВЕРЖДЕНО"),
        ("Муниципальная целевая модель наставничества Заречного городского округа", "УТВЕРЖДЕНА"),
        ("План мероприятий («дорожная карта»)", "УТВЕРЖДЁН"),
        ("Показатели эффективности внедрения", "УТВЕРЖДЕНЫ"),
        ("«Дорожная карта»", "УТВЕРЖДЕНО"),  # no noun phrase to agree with: as written
    ],
)
def test_the_stamp_agrees_with_the_documents_title(title, word):
    assert agreed_with_title("УТВЕРЖДЕНО", title) == word


def test_the_coordinator_makes_edits_and_approves_the_municipal_model(world, coordinator_client):
    client = coordinator_client
    home = client.get(reverse("statute_home")).content.decode()
    assert "Муниципальная целевая модель наставничества" in home and reverse("statute_create") in home
    form = client.get(reverse("statute_create"))
    # Only the municipal templates are offered, not the schools' regulation.
    offered = list(form.context["form"].fields["template"].queryset.values_list("code", flat=True))
    assert offered == ["municipal-model"]
    template = StatuteTemplate.objects.get(code="municipal-model")
    response = client.post(reverse("statute_create"), {"template": str(template.pk)})
    statute = Statute.objects.get(municipality=world.a.municipality)
    assert response["Location"] == reverse("statute_edit", args=[statute.pk])
    first = statute.versions.get()
    assert first.title.endswith("образовательных организаций Заречного городского округа")
    assert [section["title"] for section in first.sections][:2] == ["Общие положения", "Термины и определения"]

    response = client.post(reverse("statute_edit", args=[statute.pk]), edit_data(first, title=first.title + " (ред.)"))
    second = statute.versions.get(number=2)
    assert response["Location"] == reverse("statute_version_detail", args=[second.pk])

    response = client.post(reverse("statute_order_draft", args=[second.pk]), {"date": "15.01.2027"})
    order = Order.objects.get(municipality=world.a.municipality)
    assert response["Location"] == reverse("order_update", args=[order.pk])
    assert order.kind.code == "municipal-introduction"
    model, indicators = order_content(order).appendices
    assert model.stamp == ["УТВЕРЖДЕНА", "приказом от ________ № ________"]
    assert indicators.title.startswith("Показатели эффективности")
    assert order.items[0]["text"].endswith("Заречного городского округа (приложение 1).")
    assert order.items[1]["text"].endswith("(приложение 2).")

    client.post(reverse("order_register", args=[order.pk]))
    order.refresh_from_db()
    second.refresh_from_db()
    assert order.status == Order.Status.REGISTERED
    approved = (second.status, second.order, second.approved_number)
    assert approved == (StatuteVersion.Status.APPROVED, order, order.number)
    document = client.get(reverse("statute_version_pdf", args=[second.pk]))
    flat = " ".join(pdf_text(document.content).split())
    assert f"УТВЕРЖДЕНА приказом от 15.01.2027 № {order.number}" in flat
    assert "1. Общие положения" in flat and "Термины и определения" in flat
    assert f"№ {order.number}" in client.get(reverse("statute_home")).content.decode()


def test_the_coordinator_only_reads_an_organizations_statute(world, coordinator_client):
    client = coordinator_client
    version = statute_in_force(world.a.organization)
    draft = version.statute.versions.create(number=2, title="Черновик", sections=[{"title": "А", "text": "Б"}])
    page = client.get(reverse("statute_version_detail", args=[version.pk])).content.decode()
    assert reverse("statute_version_restore", args=[version.pk]) not in page
    assert reverse("statute_order_draft", args=[version.pk]) not in page
    for name in ("statute_version_compare", "statute_version_restore"):
        assert client.get(reverse(name, args=[version.pk])).status_code == 404, name
    assert client.post(reverse("statute_version_restore", args=[version.pk])).status_code == 404
    assert client.post(reverse("statute_order_draft", args=[version.pk]), {"date": "01.09.2026"}).status_code == 404
    assert client.get(reverse("statute_version_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("statute_edit", args=[version.statute_id])).status_code == 404
    assert version.statute.versions.count() == 2 and not Order.objects.filter(municipality=world.a.municipality)


def test_another_municipalitys_model_answers_404(world, client):
    foreign = municipal_model(world.b.municipality).versions.get()
    client.force_login(world.a.users[Role.COORDINATOR])
    for name in ("statute_version_detail", "statute_version_pdf", "statute_version_compare"):
        assert client.get(reverse(name, args=[foreign.pk])).status_code == 404, name
    assert client.get(reverse("statute_edit", args=[foreign.statute_id])).status_code == 404
    client.force_login(world.a.users[Role.CURATOR])
    assert client.get(reverse("statute_version_detail", args=[foreign.pk])).status_code == 404


def test_a_school_does_not_see_the_municipal_templates(world, client):
    client.force_login(world.a.users[Role.CURATOR])
    form = client.get(reverse("statute_create"))
    offered = list(form.context["form"].fields["template"].queryset.values_list("code", flat=True))
    assert "municipal-model" not in offered and "standard" in offered
