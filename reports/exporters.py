"""One interface for every file the product hands out: ``render(context) -> (filename, content_type, bytes)``.

Tabular exporters only say what their columns and rows are and get an XLSX (openpyxl write-only
mode) with a title row, a frozen header, column widths, dd.mm.yyyy dates and text that Excel
never takes for a formula. Document exporters name a template and get a PDF (reports.pdf).
Exporters are looked up by key in ``EXPORTERS``, filled by the ``register`` decorator.
"""

import datetime
import decimal
import io
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.pdf import render_pdf

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_CONTENT_TYPE = "application/pdf"
DATE_FORMAT = "DD.MM.YYYY"
# A cell starting with one of these may be run as a formula by a spreadsheet (CSV/formula injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Windows and macOS refuse these in file names; the name of a download must survive saving.
UNSAFE_FILENAME_CHARACTERS = str.maketrans(dict.fromkeys('<>:"/\\|?*', " "))

ExportContext = Mapping[str, Any]
Rendered = tuple[str, str, bytes]


def safe_filename(name: str) -> str:
    name = ILLEGAL_CHARACTERS_RE.sub("", name.translate(UNSAFE_FILENAME_CHARACTERS))
    return " ".join(name.split()).strip(" .") or "document"


class Exporter(ABC):
    """Turns a context into a file. Subclasses are registered under ``key``."""

    key: ClassVar[str] = ""

    @abstractmethod
    def render(self, context: ExportContext) -> Rendered: ...


EXPORTERS: dict[str, type[Exporter]] = {}


def register(key: str) -> Callable[[type[Exporter]], type[Exporter]]:
    def decorator(exporter: type[Exporter]) -> type[Exporter]:
        known = EXPORTERS.get(key)
        if known is not None and known.__qualname__ != exporter.__qualname__:
            raise ImproperlyConfigured(f"Two exporters claim the key {key!r}: {known} and {exporter}.")
        exporter.key = key
        EXPORTERS[key] = exporter
        return exporter

    return decorator


def get_exporter(key: str) -> Exporter:
    return EXPORTERS[key]()


@dataclass(frozen=True)
class Column:
    header: str
    # In characters of the default font, as Excel counts column widths.
    width: float = 15


def print_landscape(sheet, first_header_row: int, last_header_row: int) -> None:
    """A printed table: A4 landscape, as wide as the page, its header rows repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{first_header_row}:{last_header_row}"


class TabularExporter(Exporter):
    """Subclasses define ``columns``, ``filename``, ``title_rows`` and ``rows``; the XLSX comes for free."""

    columns: ClassVar[Sequence[Column]] = ()
    sheet_title: ClassVar[str] = "Sheet"
    # Data rows of the last render (below the header): what the export log records.
    rows_written: int | None = None

    @abstractmethod
    def filename(self, context: ExportContext) -> str: ...

    def title_rows(self, context: ExportContext) -> Iterable[Sequence[Any]]:
        return ()

    @abstractmethod
    def rows(self, context: ExportContext) -> Iterable[Sequence[Any]]: ...

    def columns_for(self, context: ExportContext) -> Sequence[Column]:
        """The columns of this file: ``columns``, unless they depend on the data (e.g. indicators)."""
        return self.columns

    def render(self, context: ExportContext) -> Rendered:
        name = safe_filename(self.filename(context))
        if not name.lower().endswith(".xlsx"):
            name += ".xlsx"
        return name, XLSX_CONTENT_TYPE, self.xlsx(context)

    def xlsx(self, context: ExportContext) -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(safe_filename(str(self.sheet_title))[:31])
        columns = self.columns_for(context)
        # Write-only sheets take widths and panes before the first row.
        for index, column in enumerate(columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        title_rows = [list(row) for row in self.title_rows(context)]
        header_row = len(title_rows) + 1
        sheet.freeze_panes = f"A{header_row + 1}"
        print_landscape(sheet, header_row, header_row)

        title_font = Font(bold=True, size=12)
        for row in title_rows:
            sheet.append([self.cell(sheet, value, font=title_font) for value in row])
        header_font = Font(bold=True)
        header_alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.append(
            [self.cell(sheet, str(column.header), font=header_font, alignment=header_alignment) for column in columns]
        )
        body_alignment = Alignment(wrap_text=True, vertical="top")
        self.rows_written = 0
        for row in self.rows(context):
            sheet.append([self.cell(sheet, value, alignment=body_alignment) for value in row])
            self.rows_written += 1

        output = io.BytesIO()
        workbook.save(output)
        return output.getvalue()

    @staticmethod
    def cell(sheet, value: Any, *, font: Font | None = None, alignment: Alignment | None = None) -> WriteOnlyCell:
        if isinstance(value, datetime.datetime):
            value = value.replace(tzinfo=None)
        elif value is not None and not isinstance(value, int | float | decimal.Decimal | datetime.date):
            value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
        elif isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
            # openpyxl takes "=…" for a formula; a string cell with the quote prefix stays text
            # even when someone edits it in Excel later.
            cell.data_type = "s"
            cell.quotePrefix = True
        if font is not None:
            cell.font = font
        if alignment is not None:
            cell.alignment = alignment
        return cell


class DocumentExporter(Exporter):
    """A PDF document from a template that extends ``reports/document_base.html``."""

    template_name: ClassVar[str] = ""

    @abstractmethod
    def filename(self, context: ExportContext) -> str: ...

    def get_template_context(self, context: ExportContext) -> dict:
        return dict(context)

    def render(self, context: ExportContext) -> Rendered:
        name = safe_filename(self.filename(context))
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        return name, PDF_CONTENT_TYPE, render_pdf(self.template_name, self.get_template_context(context))
