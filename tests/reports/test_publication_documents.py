"""The Положение in force and the published practices as items of the public section: chosen like
the orders, shown to anyone, authors of a practice named only with their consent, a replaced
Положение no longer shown, and both in the static export."""

import datetime
import io
import zipfile

import pytest
from django.core.cache import cache
from django.urls import reverse

from accounts.models import Role
from mentoring.models import Consent, Practice
from reports.publication.services import publication_set, section_ensure
from reports.services import order_register
from reports.statute import services as statute_services
from tests.mentoring.factories import ConsentFactory
from tests.mentoring.practices import make_practice, registry_mentor
from tests.reports import pdf_text
from tests.reports.factories import municipal_model, statute_in_force


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def section(world):
    return section_ensure(organization=world.a.organization)


@pytest.fixture
def curator(world):
    return world.a.users[Role.CURATOR]


def page_of(client, section) -> str:
    return client.get(reverse("public_section", args=[section.slug])).content.decode()


def test_the_statute_in_force_is_published_with_its_pdf(client, world, section, curator):
    version = statute_in_force(world.a.organization)
    assert "Положение" not in page_of(client, section)
    publication_set(section=section, source="statute", key=str(version.pk), publish=True, by=curator)
    cache.clear()
    page = page_of(client, section)
    url = reverse("public_statute_pdf", args=[section.slug, version.pk])
    assert url in page and f"№ {version.approved_number}" in page
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "ПОЛОЖЕНИЕ" in pdf_text(response.content).upper()
    archive = zipfile.ZipFile(io.BytesIO(curator_client(client, world).get(reverse("publication_export")).content))
    pdf_name = f"{section.slug}/documents/polozhenie-{version.approved_on:%Y-%m-%d}-v{version.number}.pdf"
    assert pdf_name in archive.namelist()
    assert 'href="documents/polozhenie-' in archive.read(f"{section.slug}/index.html").decode()


def test_a_statute_replaced_by_a_newer_approved_one_is_no_longer_shown(client, world, section, curator):
    old = statute_in_force(world.a.organization)
    publication_set(section=section, source="statute", key=str(old.pk), publish=True, by=curator)
    director = world.a.users[Role.DIRECTOR]
    sections = [*old.sections, {"title": "Дополнение", "text": "Новый раздел."}]
    new = statute_services.statute_save(statute=old.statute, title=old.title, sections=sections, by=director)
    order_register(order=statute_services.statute_order_draft(version=new, by=director), by=director)
    cache.clear()
    assert reverse("public_statute_pdf", args=[section.slug, old.pk]) not in page_of(client, section)
    assert client.get(reverse("public_statute_pdf", args=[section.slug, old.pk])).status_code == 404


def test_an_unpublished_statute_answers_404(client, world, section):
    version = statute_in_force(world.a.organization)
    assert client.get(reverse("public_statute_pdf", args=[section.slug, version.pk])).status_code == 404


def test_a_published_practice_names_only_the_authors_who_consented(client, world, section, curator):
    school = world.a.organization
    named = registry_mentor(school, last_name="Лаврова", first_name="Ольга", patronymic="Петровна")
    hidden = registry_mentor(school, last_name="Скрытнова", first_name="Инна", patronymic="Павловна")
    ConsentFactory(
        participant=named,
        kind=Consent.Kind.DISTRIBUTION,
        signed_by=Consent.Signer.SELF,
        representative_name="",
        representative_document="",
        signed_on=datetime.date(2026, 9, 1),
        allowed_publication=[Consent.Publication.NAME],
    )
    practice = make_practice(
        school, status=Practice.Status.PUBLISHED, authors=[named, hidden], title="Школа молодого педагога"
    )
    draft = make_practice(school, title="Черновая практика")
    keys = {candidate.key for candidate in _candidates(section, "practices")}
    assert keys == {str(practice.pk)}  # drafts and those not published by the municipality are not offered
    publication_set(section=section, source="practices", key=str(practice.pk), publish=True, by=curator)
    page = page_of(client, section)
    assert "Школа молодого педагога" in page and named.full_name in page
    assert hidden.full_name not in page and draft.title not in page
    archive = zipfile.ZipFile(io.BytesIO(curator_client(client, world).get(reverse("publication_export")).content))
    index = archive.read(f"{section.slug}/index.html").decode()
    assert named.full_name in index and hidden.full_name not in index


def _candidates(section, code):
    from reports.publication.sources import source_by_code

    return source_by_code(code).candidates(section)


def curator_client(client, world):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def test_the_municipal_target_model_in_force_is_published_under_its_own_heading(client, world):
    municipality = world.a.municipality
    municipality.head_name, municipality.head_position = "Голованова Людмила Васильевна", "Начальник управления"
    municipality.save()
    coordinator = world.a.users[Role.COORDINATOR]
    version = municipal_model(municipality).versions.get()
    order_register(order=statute_services.statute_order_draft(version=version, by=coordinator), by=coordinator)
    version.refresh_from_db()
    section = section_ensure(municipality=municipality)
    url = reverse("public_statute_pdf", args=[section.slug, version.pk])
    assert client.get(url).status_code == 404  # not chosen yet
    publication_set(section=section, source="target-model", key=str(version.pk), publish=True, by=coordinator)
    cache.clear()
    page = page_of(client, section)
    assert "Целевая модель наставничества" in page and url in page and "Положение о наставничестве" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert "Муниципальная целевая модель наставничества" in " ".join(pdf_text(response.content).split())
    # A school's section has no such item, and a school's Положение is not the municipality's to publish.
    school_section = section_ensure(organization=world.a.organization)
    assert client.get(reverse("public_statute_pdf", args=[school_section.slug, version.pk])).status_code == 404
