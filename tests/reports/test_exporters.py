"""The exporter interface: XLSX for free for tabular exporters, safe against formula injection."""

import datetime
import io
import zipfile
from urllib.parse import quote

import pytest
from django.core.exceptions import ImproperlyConfigured

from reports.exporters import (
    EXPORTERS,
    XLSX_CONTENT_TYPE,
    Column,
    Exporter,
    TabularExporter,
    get_exporter,
    register,
    safe_filename,
)
from reports.responses import file_response
from tests.reports import xlsx_sheet

DANGEROUS = ["=1+1", '=HYPERLINK("http://evil.test","x")', "+79000000000", "-2+3", "@SUM(A1:A2)", "\tx", "\rx"]


class PeopleExporter(TabularExporter):
    sheet_title = "Люди"
    columns = (Column("№", 5), Column("ФИО", 30), Column("Дата", 12), Column("Заметка", 40))

    def filename(self, context):
        return f"Люди {context['year']}: список"

    def title_rows(self, context):
        return [[f"Список людей, {context['year']}"]]

    def rows(self, context):
        yield [1, "Иванова Анна", datetime.date(2026, 9, 15), "обычный текст"]
        for number, text in enumerate(DANGEROUS, start=2):
            yield [number, "Петров Пётр", None, text]
        yield [99, "Сидоров\x07 Сидор", datetime.datetime(2026, 9, 1, 10, 30), -5]


@pytest.fixture
def rendered():
    return PeopleExporter().render({"year": 2026})


def test_render_gives_filename_content_type_and_bytes(rendered):
    filename, content_type, content = rendered
    assert filename == "Люди 2026 список.xlsx"
    assert content_type == XLSX_CONTENT_TYPE
    assert content.startswith(b"PK")


def test_title_row_header_and_dates_as_dates(rendered):
    sheet = xlsx_sheet(rendered[2])
    assert sheet.title == "Люди"
    assert sheet["A1"].value == "Список людей, 2026"
    assert sheet["A1"].font.bold
    assert [cell.value for cell in sheet[2]] == ["№", "ФИО", "Дата", "Заметка"]
    assert all(cell.font.bold for cell in sheet[2])
    assert [cell.value for cell in sheet[3]][:2] == [1, "Иванова Анна"]
    date_cell = sheet["C3"]
    assert date_cell.is_date
    assert date_cell.value.date() == datetime.date(2026, 9, 15)
    assert date_cell.number_format == "DD.MM.YYYY"
    assert sheet["D3"].value == "обычный текст"


def test_frozen_header_and_widths(rendered):
    sheet = xlsx_sheet(rendered[2])
    assert sheet.freeze_panes == "A3"
    assert [sheet.column_dimensions[letter].width for letter in "ABCD"] == [5, 30, 12, 40]


def test_printed_landscape_with_the_header_on_every_page(rendered):
    sheet = xlsx_sheet(rendered[2])
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$2:$2"


def test_text_that_looks_like_a_formula_stays_text(rendered):
    sheet = xlsx_sheet(rendered[2])
    notes = {row[3].value: row[3] for row in sheet.iter_rows(min_row=4, max_row=3 + len(DANGEROUS))}
    # Whether a carriage return survives the XML depends on the parser (lxml keeps it); the text is
    # otherwise kept as it was.
    assert [value.replace("\r", "\n") for value in notes] == [text.replace("\r", "\n") for text in DANGEROUS]
    for cell in notes.values():
        assert cell.data_type == "s", cell.value
        assert cell.quotePrefix
    # No formula anywhere in the file: Excel would evaluate it on opening.
    with zipfile.ZipFile(io.BytesIO(rendered[2])) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_control_characters_are_dropped_and_numbers_stay_numbers(rendered):
    sheet = xlsx_sheet(rendered[2])
    last = [cell.value for cell in sheet[sheet.max_row]]
    assert last[1] == "Сидоров Сидор"
    assert last[2] == datetime.datetime(2026, 9, 1, 10, 30)
    assert last[3] == -5
    assert sheet.cell(sheet.max_row, 4).data_type == "n"


def test_registry_of_exporters():
    @register("test_people")
    class Registered(PeopleExporter):
        pass

    try:
        assert EXPORTERS["test_people"] is Registered
        assert Registered.key == "test_people"
        assert isinstance(get_exporter("test_people"), Exporter)
        with pytest.raises(ImproperlyConfigured):
            register("test_people")(PeopleExporter)
    finally:
        del EXPORTERS["test_people"]


def test_the_registries_and_consent_forms_are_registered():
    import mentoring.registry.consent_forms
    import mentoring.registry.exports  # noqa: F401

    assert {"mentee_registry", "mentor_registry", "consent_forms"} <= set(EXPORTERS)


def test_safe_filename():
    assert safe_filename('Реестр: 7"Б"/2026?') == "Реестр 7 Б 2026"
    assert safe_filename("  ") == "document"


def test_download_keeps_a_cyrillic_file_name(rendered):
    response = file_response(rendered)
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="document.xlsx"; ')
    assert f"filename*=UTF-8''{quote('Люди 2026 список.xlsx')}" in disposition
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Cache-Control"] == "private, no-store"
    inline = file_response(("a.pdf", "application/pdf", b"%PDF"), as_attachment=False)
    assert inline["Content-Disposition"].startswith('inline; filename="a.pdf"')
