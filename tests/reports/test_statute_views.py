"""The pages of the Положение: making it, the editor (sections added, removed, reordered), versions,
comparing, restoring, drafting the approving order; who reads what; another organization's 404."""

import pytest
from django.urls import reverse

from accounts.models import Role
from reports import services as register
from reports.models import Order, OrderKind
from reports.statute import services
from reports.statute.models import Statute, StatuteTemplate, StatuteVersion
from tests.accounts.factories import MembershipFactory, OrganizationFactory
from tests.reports import pdf_text
from tests.reports.factories import statute_in_force, statute_of
from tests.reports.test_order_views import edit_data as order_edit_data


@pytest.fixture
def curator_client(world, client):
    client.force_login(world.a.users[Role.CURATOR])
    return client


def edit_data(version: StatuteVersion, **changes) -> dict:
    """The editor's form as the page posts it back unchanged (no empty extra section)."""
    data = {
        "title": version.title,
        "sections-TOTAL_FORMS": str(len(version.sections)),
        "sections-INITIAL_FORMS": str(len(version.sections)),
    }
    for index, section in enumerate(version.sections):
        data |= {
            f"sections-{index}-title": section["title"],
            f"sections-{index}-text": section["text"],
            f"sections-{index}-ORDER": str(index + 1),
        }
    return data | changes


def test_the_curator_makes_the_statute_from_the_template(world, curator_client):
    page = curator_client.get(reverse("statute_home"))
    assert reverse("statute_create") in page.content.decode()
    template = StatuteTemplate.objects.get(code="standard")
    response = curator_client.post(reverse("statute_create"), {"template": str(template.pk)})
    statute = Statute.objects.get(organization=world.a.organization)
    assert response.status_code == 302 and response["Location"] == reverse("statute_edit", args=[statute.pk])
    assert statute.versions.get().created_by == world.a.users[Role.CURATOR]


def test_the_editor_reorders_removes_adds_and_edits_sections(world, curator_client):
    statute = statute_of(world.a.organization)
    first = statute.versions.get()
    data = edit_data(first, title="Положение о наставничестве в школе")
    # The second section first, the first one deleted, one added at the end.
    data |= {"sections-0-DELETE": "on", "sections-1-ORDER": "0", "sections-1-title": "Цели (изменено)"}
    count = len(first.sections)
    data |= {
        "sections-TOTAL_FORMS": str(count + 1),
        f"sections-{count}-title": "Новый раздел",
        f"sections-{count}-text": "Первый абзац.\nВторой абзац.",
        f"sections-{count}-ORDER": "",
    }
    response = curator_client.post(reverse("statute_edit", args=[statute.pk]), data)
    second = statute.versions.get(number=2)
    assert response.status_code == 302 and response["Location"] == reverse("statute_version_detail", args=[second.pk])
    titles = [section["title"] for section in second.sections]
    assert titles[0] == "Цели (изменено)"
    assert "Общие положения" not in titles
    assert titles[-1] == "Новый раздел" and len(titles) == count
    assert second.title == "Положение о наставничестве в школе"
    assert second.created_by == world.a.users[Role.CURATOR]
    page = curator_client.get(response["Location"]).content.decode()
    assert "1. Цели (изменено)" in page and f"{count}.2. Второй абзац." in page


def test_a_section_with_text_and_no_title_is_refused_next_to_the_field(world, curator_client):
    statute = statute_of(world.a.organization)
    first = statute.versions.get()
    response = curator_client.post(
        reverse("statute_edit", args=[statute.pk]), edit_data(first, **{"sections-0-title": ""})
    )
    assert response.status_code == 200
    errors = response.context["sections"].forms[0].errors
    assert "title" in errors
    assert "Write the section" in str(errors["title"]) or "заголов" in str(errors["title"])
    assert statute.versions.count() == 1


def test_an_empty_title_or_no_sections_is_refused(world, curator_client):
    statute = statute_of(world.a.organization)
    first = statute.versions.get()
    response = curator_client.post(reverse("statute_edit", args=[statute.pk]), edit_data(first, title=" "))
    assert response.status_code == 200 and "title" in response.context["title_form"].errors
    every_deleted = {f"sections-{i}-DELETE": "on" for i in range(len(first.sections))}
    response = curator_client.post(reverse("statute_edit", args=[statute.pk]), edit_data(first, **every_deleted))
    assert response.status_code == 200 and response.context["sections"].non_form_errors()
    assert statute.versions.count() == 1


def test_editing_after_approval_starts_a_new_draft(world, client):
    version = statute_in_force(world.a.organization)
    client.force_login(world.a.users[Role.DIRECTOR])
    page = client.get(reverse("statute_edit", args=[version.statute_id])).content.decode()
    assert "saving starts a new draft" in page or "новый черновик" in page
    data = edit_data(version, **{"sections-0-text": "Изменённый текст."})
    client.post(reverse("statute_edit", args=[version.statute_id]), data)
    before = list(version.sections)
    version.refresh_from_db()
    assert version.sections == before and version.is_approved
    assert version.statute.versions.get(number=2).status == StatuteVersion.Status.DRAFT


def test_versions_are_listed_compared_and_restored(world, curator_client):
    statute = statute_of(world.a.organization)
    first = statute.versions.get()
    sections = [dict(section) for section in first.sections]
    sections[0]["text"] += "\nДобавленный абзац."
    second = services.statute_save(statute=statute, title=first.title, sections=sections[:-1], by=None)
    home = curator_client.get(reverse("statute_home")).content.decode()
    assert reverse("statute_version_detail", args=[first.pk]) in home
    assert reverse("statute_version_detail", args=[second.pk]) in home
    compare = curator_client.get(reverse("statute_version_compare", args=[second.pk]))
    changes = {change.title: change.status for change in compare.context["changes"]}
    assert changes[sections[0]["title"]] == "changed"
    assert changes[sections[-1]["title"]] == "removed"
    assert "Добавленный абзац." in compare.content.decode()
    compare_with = curator_client.get(reverse("statute_version_compare", args=[first.pk]) + f"?with={second.pk}")
    assert compare_with.context["older"] == first and compare_with.context["newer"] == second
    response = curator_client.post(reverse("statute_version_restore", args=[first.pk]))
    third = statute.versions.get(number=3)
    assert response["Location"] == reverse("statute_version_detail", args=[third.pk])
    assert third.sections == first.sections and third.restored_from == first


def test_the_approving_order_is_drafted_from_a_version_and_its_registration_approves_it(world, client):
    version = statute_of(world.a.organization).versions.get()
    client.force_login(world.a.users[Role.CURATOR])
    response = client.post(reverse("statute_order_draft", args=[version.pk]), {"date": "01.09.2026"})
    order = Order.objects.get(organization=world.a.organization)
    assert response["Location"] == reverse("order_update", args=[order.pk])
    assert order.appendices[0]["statute_version"] == version.pk
    # The order's editor keeps the appendix as it is when the draft is saved.
    editor = client.get(reverse("order_update", args=[order.pk]))
    assert "appendix_0_rows" not in editor.context["form"].fields
    detail = client.get(reverse("statute_version_detail", args=[version.pk])).content.decode()
    assert reverse("order_detail", args=[order.pk]) in detail
    client.force_login(world.a.users[Role.DIRECTOR])
    client.post(reverse("order_register", args=[order.pk]))
    order.refresh_from_db()
    version.refresh_from_db()
    assert order.status == Order.Status.REGISTERED
    assert (version.status, version.approved_number) == (StatuteVersion.Status.APPROVED, order.number)
    home = client.get(reverse("statute_home")).content.decode()
    assert f"№ {order.number}" in home


def test_a_bad_date_of_the_order_is_refused_next_to_the_field(world, curator_client):
    version = statute_of(world.a.organization).versions.get()
    response = curator_client.post(reverse("statute_order_draft", args=[version.pk]), {"date": "31.02.2026"})
    assert response.status_code == 200 and "date" in response.context["form"].errors
    assert not Order.objects.exists()


def test_saving_the_order_draft_keeps_the_statute_appendix(world, curator_client):
    version = statute_of(world.a.organization).versions.get()
    order = services.statute_order_draft(version=version, by=world.a.users[Role.CURATOR])
    data = order_edit_data(order, title="Об утверждении Положения (исправлено)")
    data = {key: value for key, value in data.items() if not key.startswith("appendix_")}
    response = curator_client.post(reverse("order_update", args=[order.pk]), data)
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.title == "Об утверждении Положения (исправлено)"
    assert order.appendices[0]["statute_version"] == version.pk and order.appendices[0]["chapters"]


def test_a_mentor_reads_only_the_version_in_force(world, client):
    in_force = statute_in_force(world.a.organization)
    draft = services.statute_save(
        statute=in_force.statute, title=in_force.title, sections=[{"title": "Черновик", "text": "Т"}], by=None
    )
    client.force_login(world.a.users[Role.MENTOR])
    home = client.get(reverse("statute_home")).content.decode()
    assert reverse("statute_version_detail", args=[in_force.pk]) in home
    assert reverse("statute_version_detail", args=[draft.pk]) not in home
    assert client.get(reverse("statute_version_detail", args=[in_force.pk])).status_code == 200
    assert client.get(reverse("statute_version_detail", args=[draft.pk])).status_code == 404
    pdf = client.get(reverse("statute_version_pdf", args=[in_force.pk]))
    assert "ПОЛОЖЕНИЕ" in pdf_text(pdf.content)
    assert client.get(reverse("statute_edit", args=[in_force.statute_id])).status_code == 403


def test_the_coordinator_reads_his_organizations_statutes_in_force(world, client, django_assert_max_num_queries):
    in_force = statute_in_force(world.a.organization)
    foreign = statute_in_force(world.b.organization)
    client.force_login(world.a.users[Role.COORDINATOR])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("statute_home"))
    content = page.content.decode()
    assert world.a.organization.short_name in content
    assert reverse("statute_version_detail", args=[in_force.pk]) in content
    assert world.b.organization.short_name not in content
    assert client.get(reverse("statute_version_detail", args=[in_force.pk])).status_code == 200
    assert client.get(reverse("statute_version_detail", args=[foreign.pk])).status_code == 404


def test_another_organizations_statute_answers_404(world, curator_client):
    foreign = statute_in_force(world.b.organization)
    for name in ("statute_version_detail", "statute_version_pdf", "statute_version_docx", "statute_version_compare"):
        assert curator_client.get(reverse(name, args=[foreign.pk])).status_code == 404, name
    assert curator_client.get(reverse("statute_edit", args=[foreign.statute_id])).status_code == 404
    assert curator_client.post(reverse("statute_version_restore", args=[foreign.pk])).status_code == 404
    response = curator_client.post(reverse("statute_order_draft", args=[foreign.pk]), {"date": "01.09.2026"})
    assert response.status_code == 404
    assert foreign.statute.versions.count() == 1
    assert not Order.objects.filter(organization=world.a.organization).exists()


def test_the_register_and_the_organization_page_link_to_the_statute(world, curator_client):
    url = reverse("statute_home")
    assert url in curator_client.get(reverse("order_list")).content.decode()
    assert url in curator_client.get(reverse("organization_detail", args=[world.a.organization.pk])).content.decode()


def test_the_coordinator_list_keeps_its_queries_with_more_organizations(world, client, django_assert_max_num_queries):
    client.force_login(world.a.users[Role.COORDINATOR])
    client.get(reverse("statute_home"))
    for _ in range(4):
        organization = OrganizationFactory(municipality=world.a.municipality)
        MembershipFactory(organization=organization, role=Role.DIRECTOR)
        statute_in_force(organization)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("statute_home"))
    assert len(response.context["rows"]) == 5


def test_registering_from_the_register_page_approves_the_latest_version(world, client):
    statute = statute_of(world.a.organization)
    client.force_login(world.a.users[Role.DIRECTOR])
    kind = OrderKind.objects.get(code="regulation-approval")
    client.post(reverse("order_create"), {"kind": kind.pk, "date": "01.09.2026"})
    order = Order.objects.get(organization=world.a.organization)
    register.order_register(order=order, by=world.a.users[Role.DIRECTOR])
    assert statute.versions.get().is_approved


def test_the_order_page_shows_the_statute_appendix_with_its_numbered_sections(world, curator_client):
    version = statute_of(world.a.organization).versions.get()
    order = services.statute_order_draft(version=version, by=world.a.users[Role.CURATOR])
    page = curator_client.get(reverse("order_detail", args=[order.pk])).content.decode()
    assert "ПОЛОЖЕНИЕ" in page and "1. Общие положения" in page and "1.1. Настоящее Положение" in page
    assert reverse("statute_version_detail", args=[version.pk]) in page
    editor = curator_client.get(reverse("order_update", args=[order.pk])).content.decode()
    assert 'data-testid="statute-appendix"' in editor


def test_the_coordinator_opens_the_statutes_from_the_list_of_organizations(world, client):
    client.force_login(world.a.users[Role.COORDINATOR])
    page = client.get(reverse("municipality_organizations")).content.decode()
    assert reverse("statute_home") in page
