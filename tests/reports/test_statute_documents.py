"""The Положение printed: as the appendix of the order approving it (PDF and DOCX, with the stamp
«УТВЕРЖДЕНО приказом от … № …»), and alone (PDF in the layout of the documents, DOCX)."""

import datetime
import io
import zipfile

import pytest
from docx import Document

from accounts.models import Role
from reports import services as register
from reports.pdf import DOCUMENT_FONT
from reports.rendering import order_docx, order_pdf
from reports.statute import services
from reports.statute.content import statute_docx, statute_in_force_pdf, statute_pdf
from tests.reports import pdf_font_names, pdf_text
from tests.reports.factories import statute_of

SECTIONS = [
    {"title": "Общие положения", "text": "Первый пункт положения.\nВторой пункт:\n– перечисление первое;"},
    {"title": "Цели и задачи", "text": "Цель наставничества."},
]


@pytest.fixture
def director(world):
    return world.a.users[Role.DIRECTOR]


@pytest.fixture
def version(world, director):
    statute = statute_of(world.a.organization)
    return services.statute_save(
        statute=statute, title="Положение о системе наставничества в Школе", sections=SECTIONS, by=director
    )


def docx_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("word/document.xml").decode()


def docx_lines(content: bytes) -> list[str]:
    """The paragraphs' texts, the typography's no-break characters read as plain ones."""
    lines = [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs]
    return [line.replace("\u00a0", " ").replace("\u2011", "-").replace("\u2060", "") for line in lines]


def test_the_order_carries_the_statute_as_its_appendix_with_the_stamp(version, director):
    order = services.statute_order_draft(version=version, by=director, on_date=datetime.date(2026, 9, 1))
    draft = pdf_text(order_pdf(order))
    assert "Приложение 1" in draft and "УТВЕРЖДЕНО" in draft
    registered = register.order_register(order=order, by=director)
    text = pdf_text(order_pdf(registered))
    stamp = f"приказом от 01.09.2026 № {registered.number}"
    assert f"Приложение 1 к приказу от 01.09.2026 № {registered.number}" in text
    assert f"УТВЕРЖДЕНО {stamp}" in text
    assert "ПОЛОЖЕНИЕ о системе наставничества в Школе" in text
    assert "1. Общие положения 1.1. Первый пункт положения. 1.2. Второй пункт: – перечисление первое;" in text
    assert "2. Цели и задачи 2.1. Цель наставничества." in text
    # The stored PDF of the registered order is the same document.
    with registered.pdf.open("rb") as stored:
        assert "1.1. Первый пункт положения." in pdf_text(stored.read())
    content = order_docx(registered)
    assert "ПОЛОЖЕНИЕ" in docx_xml(content) and "Общие положения" in docx_xml(content)
    lines = docx_lines(content)
    start = lines.index("УТВЕРЖДЕНО")
    assert lines[start : start + 8] == [
        "УТВЕРЖДЕНО",
        stamp,
        "ПОЛОЖЕНИЕ",
        "о системе наставничества в Школе",
        "1. Общие положения",
        "1.1. Первый пункт положения.",
        "1.2. Второй пункт:",
        "– перечисление первое;",
    ]


def test_the_statute_alone_as_a_draft_has_blanks_and_the_draft_mark(version):
    text = pdf_text(statute_pdf(version))
    assert "УТВЕРЖДЕНО приказом от ________ № ________" in text
    assert "ПРОЕКТ" in text
    assert "1.2. Второй пункт:" in text
    assert all(DOCUMENT_FONT.replace(" ", "-") in name for name in pdf_font_names(statute_pdf(version)))


def test_the_statute_in_force_alone_names_its_order(world, version, director):
    order = register.order_register(
        order=services.statute_order_draft(version=version, by=director, on_date=datetime.date(2026, 9, 2)), by=director
    )
    version.refresh_from_db()
    text = pdf_text(statute_in_force_pdf(organization=world.a.organization))
    assert f"УТВЕРЖДЕНО приказом от 02.09.2026 № {order.number}" in text
    assert "ПРОЕКТ" not in text
    content = statute_docx(version)
    lines = docx_lines(content)
    assert lines[:4] == [
        "УТВЕРЖДЕНО",
        f"приказом от 02.09.2026 № {order.number}",
        "ПОЛОЖЕНИЕ",
        "о системе наставничества в Школе",
    ]
    assert "2.1. Цель наставничества." in lines
    assert "ПРОЕКТ" not in docx_xml(content)


def test_no_statute_in_force_gives_no_pdf(world):
    assert statute_in_force_pdf(organization=world.a.organization) is None
