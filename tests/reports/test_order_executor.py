"""The executor's mark of ГОСТ Р 7.0.97-2016 (requisite 26): who prepared an order or a letter and their
phone, under the signature in a smaller font. Filled from who drafts, edited with the draft, frozen at
registration, left out of the public section."""

import io

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from accounts.models import Role
from reports.models import Order, OrderKind
from reports.publication.services import publication_set, section_ensure
from reports.rendering import order_docx, order_pdf
from reports.services import order_draft, order_register, order_update
from tests.accounts.factories import CoordinatorMembershipFactory, MembershipFactory, UserFactory
from tests.mentoring.factories import PartnerFactory, StaffFactory
from tests.reports import MM, pdf_reader, pdf_text, pdf_text_runs, plain
from tests.reports.test_order_views import edit_data

PHONE = "8(3956)18-23-10"


@pytest.fixture(autouse=True)
def empty_cache():
    # The public PDF is cached under the order's pk, which another test's database may reuse.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def executor(world):
    """The curator of A who prepares the documents, with a work phone."""
    user = UserFactory(last_name="Михайлова", first_name="Людмила", patronymic="Викторовна", phone=PHONE)
    MembershipFactory(user=user, organization=world.a.organization, role=Role.CURATOR)
    return user


def drafted(world, by, code="curator-appointment", **kwargs) -> Order:
    return order_draft(kind=OrderKind.objects.get(code=code), by=by, organization=world.a.organization, **kwargs)


def test_a_draft_names_who_drafts_it_surname_first_with_the_phone(world, executor):
    order = drafted(world, executor)
    assert order.executor == "Михайлова Л.В."
    assert order.executor_phone == PHONE


def test_the_position_the_drafter_holds_in_the_registry_stands_above_the_name(world, executor):
    StaffFactory(organization=world.b.organization, user=executor, position="учитель")  # another school's line
    assert drafted(world, executor).executor == "Михайлова Л.В."
    StaffFactory(organization=world.a.organization, user=executor, position="заместитель директора по УВР")
    assert drafted(world, executor).executor == "Заместитель директора по УВР\nМихайлова Л.В."


def test_the_pdf_prints_the_mark_under_the_signature_small_and_at_the_left(world, executor):
    order = drafted(world, executor)
    content = order_pdf(order)
    text = pdf_text(content)
    signatory = text.index(order.signatory_name)
    assert signatory < text.index("Исп. Михайлова Л.В.") < text.index(f"Тел. {PHONE}")
    runs = [run for page in pdf_reader(content).pages for run in pdf_text_runs(page)]
    mark = next(run for run in runs if run[3].startswith("Исп."))
    signature = next(run for run in runs if order.signatory_name in run[3])
    x, y, size, _ = mark
    assert round(size) == 10 and signature[2] > size
    assert abs(x - 30 * MM) < 1  # at the left margin, no indent
    assert y < signature[1]


def test_a_user_without_a_phone_gives_no_phone_line(world, executor):
    executor.phone = ""
    executor.save()
    text = pdf_text(order_pdf(drafted(world, executor)))
    assert "Исп. Михайлова Л.В." in text
    assert "Тел." not in text


def test_an_empty_mark_is_not_printed(world, executor):
    order = order_update(order=drafted(world, executor), by=executor, executor="", executor_phone="")
    assert "Исп." not in pdf_text(order_pdf(order))
    texts = [plain(paragraph.text) for paragraph in Document(io.BytesIO(order_docx(order))).paragraphs]
    assert "Исп." not in texts


def test_the_docx_has_the_mark_after_the_signature_in_10_pt_at_the_left(world, executor):
    order = order_update(order=drafted(world, executor), by=executor, executor="Ведущий специалист\nМихайлова Л.В.")
    document = Document(io.BytesIO(order_docx(order)))
    paragraphs = document.paragraphs
    texts = [plain(paragraph.text) for paragraph in paragraphs]
    start = texts.index("Исп.")
    assert texts[start:] == ["Исп.", "Ведущий специалист", "Михайлова Л.В.", f"Тел. {PHONE}"]
    # The signature is the last table, and the body's paragraphs come before it.
    body = document.element.body
    assert body.index(document.tables[-1]._tbl) < body.index(paragraphs[start]._p)
    for paragraph in paragraphs[start:]:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.LEFT
        assert not paragraph.paragraph_format.first_line_indent
        assert {run.font.size for run in paragraph.runs} == {Pt(10)}
    assert all(paragraph.paragraph_format.keep_with_next for paragraph in paragraphs[start:-1])


def test_a_letter_and_a_municipal_order_carry_the_mark_too(world, executor):
    partner = PartnerFactory(organization=world.a.organization, name="ООО «Вектор»")
    letter = drafted(world, executor, code="partner-thanks", extra={"partner": partner})
    assert "Исп. Михайлова Л.В. Тел. 8(3956)18-23-10" in pdf_text(order_pdf(letter))

    coordinator = UserFactory(last_name="Кузнецова", first_name="Анна", patronymic="Борисовна", phone="")
    CoordinatorMembershipFactory(user=coordinator, municipality=world.a.municipality)
    municipal = order_draft(
        kind=OrderKind.objects.get(code="municipal-introduction"), by=coordinator, municipality=world.a.municipality
    )
    municipal = order_update(
        order=municipal,
        by=coordinator,
        # The factory's municipality names no head: saving a draft needs a signatory.
        signatory_position="Начальник управления образования",
        signatory_name="А. Б. Начальников",
        executor="Директор МКУ «Ресурсный центр»\nКузнецова А.Б.",
        executor_phone=PHONE,
    )
    text = pdf_text(order_pdf(municipal))
    assert f"Исп. Директор МКУ «Ресурсный центр» Кузнецова А.Б. Тел. {PHONE}" in text


def test_the_edit_page_changes_the_mark_and_refuses_a_bad_phone(world, executor, client):
    draft = drafted(world, executor)
    client.force_login(executor)
    url = reverse("order_update", kwargs={"pk": draft.pk})
    form = client.get(url).content.decode()
    assert "Исполнитель" in form and "Телефон исполнителя" in form

    response = client.post(url, edit_data(draft, executor="Белова А.С.", executor_phone="+7 (34000) 2-14-07"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.executor, draft.executor_phone) == ("Белова А.С.", "+7 (34000) 2-14-07")
    preview = client.get(reverse("order_detail", kwargs={"pk": draft.pk})).content.decode()
    assert 'data-testid="order-executor"' in preview
    assert "Исп." in preview and "Тел. +7 (34000) 2-14-07" in preview

    response = client.post(url, edit_data(draft, executor="Другой И.О.", executor_phone="звоните в приёмную"))
    assert response.status_code == 200
    assert "executor_phone" in response.context["form"].errors
    draft.refresh_from_db()
    assert (draft.executor, draft.executor_phone) == ("Белова А.С.", "+7 (34000) 2-14-07")


def test_a_registered_order_keeps_its_mark(world, executor, client):
    director = world.a.users[Role.DIRECTOR]
    order = order_register(order=drafted(world, executor), by=director)
    with pytest.raises(ValidationError):
        order_update(order=order, by=director, executor="Другой И.О.")
    client.force_login(director)
    client.post(reverse("order_update", kwargs={"pk": order.pk}), edit_data(order, executor="Другой И.О."))
    order.refresh_from_db()
    assert order.executor == "Михайлова Л.В."


def test_the_public_section_does_not_name_the_executor(world, executor, client):
    director = world.a.users[Role.DIRECTOR]
    order = order_register(order=drafted(world, executor), by=director)
    assert "Михайлова Л.В." in pdf_text(order_pdf(order))
    section = section_ensure(organization=world.a.organization)
    publication_set(section=section, source="orders", key=str(order.pk), publish=True, by=executor)
    client.logout()
    response = client.get(reverse("public_order_pdf", kwargs={"slug": section.slug, "pk": order.pk}))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert order.title in text
    assert "Исп." not in text and "Михайлова" not in text and PHONE not in text
