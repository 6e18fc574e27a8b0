"""A roadmap as an XLSX table in the seeds' shapes, both ways.

Export prints the roadmap's layout (roadmap.table) with its heading, approval stamp and text before
the table; cells that are «as above» become merged cells, as in the documents users keep.
Import finds the header row by its words («Мероприятие», «Сроки», «Ответственные» …), tells the
layout from the columns it has, and reads the rows back: an empty cell of a merged range (or just
an empty cell) under a term or a responsible is the one above, an empty activity cell goes on with
the activity above.
"""

import datetime
import io
import itertools
import re
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from mentoring.registry.importing import MAX_ROWS
from mentoring.workbooks import TooManyRows, limited_rows, open_workbook
from reports.exporters import FORMULA_TRIGGERS, XLSX_CONTENT_TYPE, safe_filename
from roadmap.models import LAYOUT_FIELDS, Activity, Layout, Roadmap
from roadmap.services import ImportedActivity, ImportedStage, guess_roles
from roadmap.table import table_rows

COLUMN_WIDTHS = {"number": 7, "stage": 28, "activity": 46, "content": 60, "term": 20, "responsible": 30, "result": 32}
THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _put(sheet: Worksheet, row: int, column: int, value: str):
    cell = sheet.cell(row=row, column=column)
    cell.value = value if value != "" else None
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        # «- встреча-знакомство» is text, never a formula, even when edited in Excel later.
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def export_filename(roadmap: Roadmap) -> str:
    owner = roadmap.organization.short_name if roadmap.organization_id else roadmap.municipality.name
    return safe_filename(f"Дорожная карта {owner} {roadmap.period_label.replace('/', '-')}") + ".xlsx"


def roadmap_xlsx(roadmap: Roadmap) -> tuple[str, str, bytes]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Дорожная карта"
    fields = roadmap.column_fields
    width = len(fields)
    for index, name in enumerate(fields, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTHS[name]
    row = 1
    for line in roadmap.approval_text.splitlines():
        cell = _put(sheet, row, width, line.strip())
        cell.alignment = Alignment(horizontal="left")
        row += 1
    for line, bold in ((roadmap.heading, True), (roadmap.title, True)):
        if line:
            cell = _put(sheet, row, 1, line)
            cell.font = Font(bold=bold, size=12)
            cell.alignment = CENTER
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            sheet.row_dimensions[row].height = 16 * max(1, len(line) // 120 + 1)
            row += 1
    for paragraph in roadmap.preamble.splitlines():
        if paragraph.strip():
            cell = _put(sheet, row, 1, paragraph.strip())
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            sheet.row_dimensions[row].height = 15 * max(1, len(paragraph) // 150 + 1)
            row += 1
    row += 1
    header_row = row
    for column, heading in enumerate(roadmap.column_headings, start=1):
        cell = _put(sheet, row, column, heading)
        cell.font = Font(bold=True)
        cell.alignment = CENTER
        cell.border = BORDER
    row += 1
    open_merges: dict[int, int] = {}

    def close(column: int, last_row: int) -> None:
        start = open_merges.pop(column, None)
        if start is not None and last_row > start:
            sheet.merge_cells(start_row=start, start_column=column, end_row=last_row, end_column=column)

    for table_row in table_rows(roadmap):
        for column, value in enumerate(table_row.cells, start=1):
            if column - 1 in table_row.merged_up and column in open_merges:
                pass
            else:
                close(column, row - 1)
                open_merges[column] = row
            cell = _put(sheet, row, column, value)
            cell.alignment = WRAP_TOP
            cell.border = BORDER
            if table_row.is_stage:
                cell.font = Font(bold=True)
        row += 1
    for column in list(open_merges):
        close(column, row - 1)
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    output = io.BytesIO()
    workbook.save(output)
    return export_filename(roadmap), XLSX_CONTENT_TYPE, output.getvalue()


# Import


class TableError(ValueError):
    """The file is not a roadmap table this reader takes; the message is for the user."""


@dataclass
class ParsedTable:
    layout: str
    columns: list[str]
    heading: str = ""
    title: str = ""
    approval_text: str = ""
    preamble: str = ""
    stages: list[ImportedStage] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ParsedTable":
        stages = [
            ImportedStage(stage["title"], [ImportedActivity(**activity) for activity in stage["activities"]])
            for stage in data["stages"]
        ]
        return cls(**{**data, "stages": stages})

    @property
    def activity_count(self) -> int:
        return sum(len(stage.activities) for stage in self.stages)


HEADER_WORDS = [
    ("number", ("№", "п/п", "номер")),
    ("stage", ("этап",)),
    ("content", ("содержан",)),
    ("activity", ("мероприят",)),
    ("term", ("срок",)),
    ("responsible", ("ответствен", "исполнител")),
    ("result", ("результат",)),
]
STAGE_NUMBER = re.compile(r"^\d+\.?$")
ACTIVITY_NUMBER = re.compile(r"^\d+(\.\d+)+\.?$")
LEADING_NUMBER = re.compile(r"^\s*(\d+)\s*[.)]\s*")
APPROVAL_START = re.compile(r"^(приложение|утвержд|утвердить|согласован)", re.IGNORECASE)
ORDER_REFERENCE = re.compile(r"\bот\s+\d{1,2}\.\d{1,2}\.\d{2,4}", re.IGNORECASE)
# A heading line above the title is short: «Дорожная карта», «План мероприятий».
HEADING_LENGTH = 60
# The header row is looked for among the first rows only; the layouts have at most 7 columns, and
# a stray cell far to the right would otherwise widen every row read.
HEADER_SEARCH_ROWS = 60
MAX_COLUMNS = 26
# Cells kept in fields of a limited length: a longer text is refused rather than cut.
LIMITED_CELLS = {
    "term": Activity._meta.get_field("term_text").max_length,
    "responsible": Activity._meta.get_field("responsible_text").max_length,
    "result": Activity._meta.get_field("result").max_length,
}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "\n".join(line.strip() for line in str(value).strip().splitlines()).strip()


def _column_map(cells: list[str]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(cells):
        words = cell.lower()
        if not words:
            continue
        for name, markers in HEADER_WORDS:
            if name not in found and any(marker in words for marker in markers):
                found[name] = index
                break
    return found


def no_table_message() -> str:
    return _(
        "No roadmap table is found: the file needs a header row with «Мероприятие» and «Сроки» or «Ответственные»."
    )


def read_roadmap_xlsx(data: bytes, *, scope: str) -> ParsedTable:
    """Reads the first sheet row by row and stops past MAX_ROWS rows under the header; raises TableError."""
    try:
        workbook = open_workbook(data, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not XLSX
        raise TableError(no_table_message()) from error
    try:
        return _read_table(workbook.active, scope)
    except TableError:
        raise
    except Exception as error:  # a sheet damaged further down shows only while its rows are read
        raise TableError(no_table_message()) from error
    finally:
        workbook.close()


def _read_table(sheet, scope: str) -> ParsedTable:
    rows = ([_text(value) for value in cells] for cells in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
    above: list[list[str]] = []
    for cells in itertools.islice(rows, HEADER_SEARCH_ROWS):
        columns = _column_map(cells)
        if "activity" in columns and ("term" in columns or "responsible" in columns):
            header = cells
            break
        above.append(cells)
    else:
        raise TableError(no_table_message())
    try:
        body = list(limited_rows(rows, first_number=len(above) + 2, limit=MAX_ROWS, is_blank=lambda c: not any(c)))
    except TooManyRows as error:
        raise TableError(
            _(
                "The table has more than %(max)s rows under its header, more than a roadmap holds. "
                "Remove the extra rows and upload the file again."
            )
            % {"max": error.limit}
        ) from error
    _check_lengths(body, header, columns)
    if "stage" in columns:
        layout = Layout.SCHOOL
    elif "content" in columns and "result" not in columns:
        layout = Layout.MUNICIPAL_CONTENT
        # Seed 004: «Мероприятие» names the stage, «Содержание деятельности» lists its activities.
        columns["stage"], columns["activity"] = columns["activity"], columns.pop("content")
    else:
        layout = Layout.MUNICIPAL
    headings = [header[columns[name]] if name in columns else "" for name in LAYOUT_FIELDS[layout]]
    parsed = ParsedTable(layout=layout, columns=headings if all(headings) else [])
    _read_lines_above(parsed, above)
    lines = [cells for _number, cells in body]
    if lines and _is_column_numbers(lines[0]):
        lines = lines[1:]
    reader = {Layout.SCHOOL: _school_rows, Layout.MUNICIPAL: _municipal_rows}.get(layout, _content_rows)
    parsed.stages = reader(lines, columns, scope)
    parsed.stages = [stage for stage in parsed.stages if stage.activities or stage.title]
    return parsed


def _check_lengths(body: list[tuple[int, list[str]]], header: list[str], columns: dict[str, int]) -> None:
    """A row whose term, responsible or result is too long stops the import: the first one is named."""
    for number, cells in body:
        for name, limit in LIMITED_CELLS.items():
            if len(_cell(cells, columns, name)) > limit:
                raise TableError(
                    _(
                        "Row %(number)s, column «%(column)s»: longer than %(limit)s characters. "
                        "Nothing is imported: shorten the text and upload the file again."
                    )
                    % {"number": number, "column": header[columns[name]], "limit": limit}
                )


def _is_column_numbers(cells: list[str]) -> bool:
    values = [cell for cell in cells if cell]
    return bool(values) and all(value == str(index) for index, value in enumerate(values, start=1))


def _read_lines_above(parsed: ParsedTable, rows: list[list[str]]) -> None:
    lines = [" ".join(cell for cell in cells if cell) for cells in rows]
    lines = [line for line in lines if line]
    approval = []
    if lines and APPROVAL_START.match(lines[0]):
        while lines:
            line = lines.pop(0)
            approval.append(line)
            if ORDER_REFERENCE.search(line):
                break
    parsed.approval_text = "\n".join(approval)
    if len(lines) >= 2 and len(lines[0]) <= HEADING_LENGTH:
        parsed.heading = lines.pop(0)
    if lines:
        parsed.title = lines.pop(0)
    parsed.preamble = "\n".join(lines)


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return cells[index] if index is not None and index < len(cells) else ""


def _fill(activity: ImportedActivity, previous: ImportedActivity | None, term: str, responsible: str, scope) -> None:
    """A term or responsible left empty under another row is that row's (a merged cell)."""
    if term or previous is None:
        activity.term_text = term
    else:
        activity.term_as_above, activity.term_text = True, previous.term_text
    if responsible or previous is None:
        activity.responsible_text = responsible
        activity.responsible_roles = guess_roles(responsible, scope=scope)
    else:
        activity.responsible_as_above = True
        activity.responsible_text = previous.responsible_text
        activity.responsible_roles = list(previous.responsible_roles)


def _school_rows(body, columns, scope) -> list[ImportedStage]:
    stages: list[ImportedStage] = []
    for cells in body:
        number, stage_title = _cell(cells, columns, "number"), _cell(cells, columns, "stage")
        title, content = _cell(cells, columns, "activity"), _cell(cells, columns, "content")
        term, responsible = _cell(cells, columns, "term"), _cell(cells, columns, "responsible")
        if not any((number, stage_title, title, content, term, responsible)):
            continue
        if stage_title or not stages:
            stages.append(ImportedStage(stage_title))
        stage = stages[-1]
        if not any((title, content, term, responsible)):
            continue
        previous = stage.activities[-1] if stage.activities else None
        activity = ImportedActivity(title=title, content=content, continues_previous=not title and previous is not None)
        _fill(activity, previous, term, responsible, scope)
        stage.activities.append(activity)
    return stages


def _municipal_rows(body, columns, scope) -> list[ImportedStage]:
    stages: list[ImportedStage] = []
    for cells in body:
        number, title = _cell(cells, columns, "number"), _cell(cells, columns, "activity")
        term, responsible = _cell(cells, columns, "term"), _cell(cells, columns, "responsible")
        result = _cell(cells, columns, "result")
        if not any((number, title, term, responsible, result)):
            continue
        if STAGE_NUMBER.match(number) and not (term or responsible or result):
            stages.append(ImportedStage(title))
            continue
        if not stages or STAGE_NUMBER.match(number):
            # A numbered row with a term of its own and no stage above: its own stage, one activity.
            stages.append(ImportedStage(title))
        stage = stages[-1]
        previous = stage.activities[-1] if stage.activities else None
        activity = ImportedActivity(title=title, result=result, continues_previous=not number and previous is not None)
        _fill(activity, previous, term, responsible, scope)
        stage.activities.append(activity)
    return stages


def _content_rows(body, columns, scope) -> list[ImportedStage]:
    stages: list[ImportedStage] = []
    for cells in body:
        number, stage_title = _cell(cells, columns, "number"), _cell(cells, columns, "stage")
        text = _cell(cells, columns, "activity")
        term, responsible = _cell(cells, columns, "term"), _cell(cells, columns, "responsible")
        if not any((number, stage_title, text, term, responsible)):
            continue
        if stage_title or not stages:
            stages.append(ImportedStage(stage_title))
        stage = stages[-1]
        if not text:
            continue
        previous = stage.activities[-1] if stage.activities else None
        numbered = LEADING_NUMBER.match(text)
        activity = ImportedActivity(
            title=LEADING_NUMBER.sub("", text, count=1) if numbered else text,
            continues_previous=not numbered and previous is not None,
        )
        _fill(activity, previous, term, responsible, scope)
        stage.activities.append(activity)
    return stages
