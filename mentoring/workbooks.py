"""Uploaded XLSX workbooks read row by row, as the imports (of participants, of a roadmap) need them.

Only the rows pulled are parsed, and no more of them than a limit: refusing a file of a hundred
thousand rows costs what reading the limit plus one costs. What the file says about its own size
(the sheet's «dimension») is not used: it may be missing, and then openpyxl reads the whole sheet
to look for it when the workbook is opened, or it may lie, and then openpyxl pads every row to the
claimed width and adds empty rows up to the claimed height.
"""

import io
from collections.abc import Callable, Iterable, Iterator

from openpyxl.reader.excel import ExcelReader
from openpyxl.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

# Empty rows between the data are forgiven, but not without end: the rows a file skips are produced
# one by one, so a single cell in row 10 000 000 would otherwise be ten million rows to walk.
BLANK_ROWS_PER_ROW = 3


class TooManyRows(Exception):
    """The sheet holds more rows than the import takes."""

    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


class _UnsizedSheet(ReadOnlyWorksheet):
    """A read-only sheet that ignores its declared dimension (see the module's note)."""

    def _get_size(self):
        pass


class _Reader(ExcelReader):
    """openpyxl's reader in read-only mode, with unsized sheets: the same steps as ExcelReader's read-only branch."""

    def read_worksheets(self):
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            worksheet = _UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)


def open_workbook(content: bytes, *, data_only: bool) -> Workbook:
    """The workbook in read-only mode; close() it after use. Raises what openpyxl raises on a damaged file.

    ``data_only`` gives the values a spreadsheet last computed for formula cells; without it they
    hold the formula (``data_type`` «f»)."""
    reader = _Reader(io.BytesIO(content), read_only=True, data_only=data_only)
    reader.read()
    return reader.wb


def limited_rows(
    rows: Iterable[tuple], *, first_number: int, limit: int, is_blank: Callable[[tuple], bool]
) -> Iterator[tuple[int, tuple]]:
    """(sheet row number, cells) of each row that is not blank; ``first_number`` is the number of the first row.

    Raises TooManyRows on the first filled row past ``limit``, having pulled no row after it, or
    when the blank rows run on far past what the limit allows."""
    last_number = first_number + limit * (1 + BLANK_ROWS_PER_ROW)
    filled = 0
    for number, cells in enumerate(rows, start=first_number):
        if number > last_number:
            raise TooManyRows(limit)
        if is_blank(cells):
            continue
        filled += 1
        if filled > limit:
            raise TooManyRows(limit)
        yield number, cells
