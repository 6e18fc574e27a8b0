"""The shared PDF helper: layout of ГОСТ Р 7.0.97, a font with Cyrillic, nothing fetched from outside."""

import pytest
from django.template import Context, Template

from reports import pdf
from reports.pdf import FontMissingError, LocalFetcher, render_html_to_pdf, render_pdf, require_font
from tests.reports import A4, MM, pdf_font_names, pdf_pages_text, pdf_reader, pdf_text, pdf_text_runs

LONG_PARAGRAPH = "Наставничество — универсальная технология передачи опыта и знаний. " * 40


def document(body: str, *, sections: int = 1) -> bytes:
    template = Template(
        '{% extends "reports/document_base.html" %}{% block documents %}{% for n in sections %}'
        '<section class="document"><h1>Приказ {{ n }}</h1>' + body + "</section>{% endfor %}{% endblock %}"
    )
    return render_html_to_pdf(template.render(Context({"sections": range(1, sections + 1)})))


def test_a4_serif_with_cyrillic_and_the_gost_layout():
    content = document(f"<p>{LONG_PARAGRAPH}</p><p>{LONG_PARAGRAPH}</p>")
    reader = pdf_reader(content)
    assert len(reader.pages) >= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (width, height) == pytest.approx(A4, abs=0.5)
    assert "Наставничество — универсальная технология" in pdf_text(content)
    assert pdf_font_names(content) and all("Liberation-Serif" in name for name in pdf_font_names(content))

    runs = pdf_text_runs(reader.pages[0])
    body = [run for run in runs if not run[3].startswith("ПРИКАЗ")]
    # Left margin 30 mm, paragraph indent 1.25 cm, 14 pt, nothing above the 20 mm top margin on page 1.
    assert min(x for x, *_ in body) == pytest.approx(30 * MM, abs=0.5)
    assert any(x == pytest.approx(30 * MM + 12.5 * MM, abs=0.5) for x, *_ in body)
    assert {round(size) for *_, size, _ in body} == {14}
    assert max(y for _, y, *_ in runs) < A4[1] - 20 * MM
    assert min(y for _, y, *_ in runs) > 20 * MM
    # The right margin is 10 mm: justified lines end there.
    assert max(x for x, *_ in runs) < A4[0] - 10 * MM


def test_page_numbers_from_page_two_centred_at_the_top():
    content = document(f"<p>{LONG_PARAGRAPH * 5}</p>")
    reader = pdf_reader(content)
    assert len(reader.pages) >= 3
    first_runs = pdf_text_runs(reader.pages[0])
    assert not any(text.isdigit() for *_, text in first_runs)
    for number, page in enumerate(reader.pages[1:], start=2):
        x, y, size, text = max(pdf_text_runs(page), key=lambda run: run[1])
        assert text == str(number)
        assert size == pytest.approx(12, abs=0.5)
        assert y > A4[1] - 20 * MM  # in the top margin
        content_centre = 30 * MM + (A4[0] - 40 * MM) / 2
        assert x == pytest.approx(content_centre, abs=8)


def page_number(page) -> str | None:
    """The number printed in the top margin, if any."""
    numbers = [text for _, y, _, text in pdf_text_runs(page) if y > A4[1] - 20 * MM]
    return numbers[0] if numbers else None


def test_every_document_of_a_file_starts_a_page_and_numbers_its_own_pages():
    content = document(f"<p>{LONG_PARAGRAPH * 2}</p>", sections=3)
    pages = pdf_pages_text(content)
    starts = [index for index, text in enumerate(pages) if text.lstrip().startswith("ПРИКАЗ")]
    assert len(starts) == 3
    numbers = [page_number(page) for page in pdf_reader(content).pages]
    assert numbers == [None, "2"] * 3


def test_render_pdf_renders_a_template_by_name():
    content = render_pdf("reports/document_base.html", {})
    assert content.startswith(b"%PDF")


def test_a_missing_font_is_a_clear_error_not_a_silent_fallback(monkeypatch):
    with pytest.raises(FontMissingError, match="fonts-liberation"):
        require_font("No Such Font Family 4711")
    monkeypatch.setattr(pdf, "font_files", lambda family: ())
    with pytest.raises(FontMissingError, match="Liberation Serif"):
        render_pdf("reports/document_base.html", {})


def test_without_fontconfig_the_font_counts_as_missing(monkeypatch):
    pdf.font_files.cache_clear()
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    try:
        with pytest.raises(FontMissingError):
            require_font()
    finally:
        pdf.font_files.cache_clear()


def test_the_document_font_is_found_once():
    pdf.font_files.cache_clear()
    require_font()
    require_font()
    assert pdf.font_files.cache_info().hits >= 1
    assert any(path.endswith(".ttf") for path in pdf.font_files(pdf.DOCUMENT_FONT))


@pytest.mark.parametrize(
    "url",
    ["https://example.com/logo.png", "http://127.0.0.1/x.css", "file:///etc/passwd", "file:///static/../settings.py"],
)
def test_nothing_is_fetched_from_another_host_or_outside_the_static_files(url):
    with pytest.raises(ValueError, match="only our own static files"):
        LocalFetcher().fetch(url)


def test_our_static_files_and_data_urls_are_fetched():
    response = LocalFetcher().fetch("file:///static/reports/document.css")
    assert b"@page" in response.read()
    assert LocalFetcher().fetch("data:text/plain,abc").read() == b"abc"


def test_a_remote_image_in_a_document_is_not_loaded(monkeypatch):
    fetched = []
    original = LocalFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(LocalFetcher, "fetch", spy)
    content = document('<p>Герб</p><img src="https://example.com/emblem.png" alt="">')
    assert content.startswith(b"%PDF")
    assert fetched == ["https://example.com/emblem.png"]  # asked, refused, rendered without it
