"""Helpers for reading what the documents and exports contain, shared by the tests that check them."""

import io

from openpyxl import load_workbook
from pypdf import PdfReader

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def pdf_pages_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in pdf_reader(content).pages]


def pdf_text(content: bytes) -> str:
    """The text with line breaks and hyphenation undone, so phrases can be searched whole."""
    text = "\n".join(pdf_pages_text(content))
    # The typography's no-break hyphens and word joiners (reports.typography) read as plain text.
    text = text.replace("\u2011", "-").replace("\u2060", "")
    return " ".join(text.replace("\u2010\n", "").replace("-\n", "").split())


def pdf_font_names(content: bytes) -> set[str]:
    names = set()
    for page in pdf_reader(content).pages:
        fonts = page["/Resources"].get("/Font", {})
        for key in fonts:
            names.add(str(fonts[key].get_object()["/BaseFont"]))
    return names


def pdf_text_runs(page) -> list[tuple[float, float, float, str]]:
    """(x, y, font size) of each run of text on the page, in points from the bottom left."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, size * tm[0] * cm[0], text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


def xlsx_sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def plain(text: str) -> str:
    """Word's text with the typography's no-break spaces, hyphens and word joiners as ordinary ones."""
    return text.replace("\u00a0", " ").replace("\u2011", "-").replace("\u2060", "")
