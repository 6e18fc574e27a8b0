"""How a workbook of indicators that goes upward looks, shared by the municipal quarterly report and
the region's one so that the same figure reads the same in both.

Sheets are written row by row, so that a workbook may be write-only (openpyxl: widths, panes and
print settings before the first row, merged ranges listed) or held in memory. Percents are stored
as fractions (0.3333) with a percent format, counts as integers, «—» where there is no value. Every
sheet prints on A4 landscape, one page wide at a legible scale (a wide set of indicators is split
over several sheets rather than shrunk), with its header repeated on every page and «Страница N
из M» in the footer. The sheets of values end with the executor's line and the signature block the
coordinator signs.
"""

import math
from collections.abc import Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from accounts.models import User
from monitoring.indicators.models import Indicator
from reports.drafting import initials_first
from reports.exporters import DATE_FORMAT, FORMULA_TRIGGERS, print_landscape

PERCENT_FORMAT = "0.0%"
# A deviation from a percent target is in percentage points, not a percent of anything.
POINTS_FORMAT = "+0.0;-0.0;0.0"
COUNT_FORMAT = "0"
COUNT_DEVIATION_FORMAT = "+0;-0;0"
NO_VALUE = "—"
HUNDRED = Decimal(100)

THIN = Side(style="thin", color="ADB5BD")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTERED = Alignment(wrap_text=True, vertical="center", horizontal="center")
# Named: a bold font without a name prints in LibreOffice's serif, beside the body's Calibri.
TITLE = {"font": Font(name="Calibri", bold=True, size=12)}
BOLD = Font(name="Calibri", bold=True, size=11)
# A point smaller than the body: «наставляемые», «отклонение» fit a column of 12 unbroken.
HEADER_FONT = Font(name="Calibri", bold=True, size=10)
PLAIN: dict = {}
HEADER = {
    "font": HEADER_FONT,
    "alignment": CENTERED,
    "fill": PatternFill("solid", fgColor="E9ECEF"),
    "border": BORDER,
}
# Centred vertically: in a row made taller by a long name the figures stand beside it.
MIDDLE = Alignment(vertical="center")
WRAPPED = Alignment(wrap_text=True, vertical="center")
DASH = Alignment(horizontal="center", vertical="center")
BODY = {"border": BORDER, "alignment": MIDDLE}
BODY_TEXT = {"border": BORDER, "alignment": WRAPPED}
BODY_NONE = {"border": BORDER, "alignment": DASH}
TOTAL_FILL = PatternFill("solid", fgColor="F8F9FA")
TOTAL = {"font": BOLD, "fill": TOTAL_FILL, "border": BORDER, "alignment": WRAPPED}
TOTAL_NONE = {**TOTAL, "alignment": DASH}
AVERAGE = {"fill": TOTAL_FILL, "border": BORDER, "alignment": WRAPPED}
AVERAGE_NONE = {**AVERAGE, "alignment": DASH}

# A4 landscape between Excel's default margins (0.7" each side), in points; a column of width w
# (characters of the default font) takes about 7w + 5 pixels of 0.75 pt.
PRINTABLE_WIDTH = (297 / 25.4 - 1.4) * 72
# Below this scale a printed figure is hard to read; a wider sheet is split instead.
SMALLEST_SCALE = 0.6
INDICATOR_COLUMN_WIDTH = 12
SHEET_TITLE_LIMIT = 31  # Excel's
# Letters of a text per unit of column width (a unit is the width of a digit), and a line's height
# in points, in the default font: for the rows' heights.
CHARACTERS_PER_WIDTH = 1.1
LINE_HEIGHT = 15


def column_points(width: float) -> float:
    return (7 * width + 5) * 0.75


def printed_scale(widths: Iterable[float]) -> float:
    """The scale at which columns of these widths fit one page wide (1 when they fit as they are)."""
    return min(1.0, PRINTABLE_WIDTH / sum(column_points(width) for width in widths))


@dataclass
class Block:
    """Columns under one merged header: an indicator (its value, target, deviation…) or a group of
    counts. ``note`` becomes the header cell's comment (the indicator's official wording)."""

    label: str
    headers: Sequence[str]
    note: str = ""

    @property
    def widths(self) -> list[float]:
        return [INDICATOR_COLUMN_WIDTH] * len(self.headers)


def indicator_note(indicator: Indicator) -> str:
    return "\n\n".join(filter(None, (indicator.name, indicator.description)))


def fitting(items: Sequence, widths_of, lead_widths: Sequence[float]) -> list[list]:
    """The items (indicators, blocks) cut into as few consecutive runs as print one page wide at
    ``SMALLEST_SCALE`` or larger beside the lead columns, evened out so that the last sheet is not
    left with a scrap (an item wider alone than a page stays alone). ``widths_of(item)``: the
    widths of the item's columns."""
    room = PRINTABLE_WIDTH / SMALLEST_SCALE - sum(column_points(width) for width in lead_widths)
    sizes = [sum(column_points(column) for column in widths_of(item)) for item in items]
    needed = len(_runs(items, sizes, room))
    capacity = max([*sizes, sum(sizes) / max(needed, 1)])
    while len(runs := _runs(items, sizes, capacity)) > needed:
        capacity += 1
    return runs


def _runs(items: Sequence, sizes: list[float], capacity: float) -> list[list]:
    runs: list[list] = []
    used = capacity  # so that the first item opens a run
    for item, size in zip(items, sizes, strict=True):
        if used + size > capacity:
            runs.append([])
            used = 0
        runs[-1].append(item)
        used += size
    return runs


def numbered(label: str, runs: list[list]) -> list[tuple[str, list]]:
    """A sheet name per run: the label, numbered when there is more than one."""
    if len(runs) == 1:
        return [(label, runs[0])]
    return [(f"{label} ({number})", run) for number, run in enumerate(runs, start=1)]


def indicator_parts(
    indicators: Sequence[Indicator], lead_widths: Sequence[float], columns_per_indicator: int
) -> list[tuple[str, list[Indicator]]]:
    """The indicators by group, in the groups' order, each group over as few sheets as keep every
    one legible when printed one page wide; named after the group."""
    columns = [INDICATOR_COLUMN_WIDTH] * columns_per_indicator
    parts = []
    for group, label in Indicator.Group.choices:
        mine = [indicator for indicator in indicators if indicator.group == group]
        if mine:
            parts += numbered(capfirst(str(label)), fitting(mine, lambda _indicator: columns, lead_widths))
    return parts


def compared_blocks(indicators: Sequence[Indicator]) -> list[Block]:
    """Per indicator its value, the target and the deviation (in percentage points for a percent)."""
    value, target, deviation_label = gettext("value"), gettext("target"), gettext("deviation")
    # An abbreviation is never broken over two lines of a header.
    points = gettext("p.p.").replace(" ", "\N{NO-BREAK SPACE}")
    return [
        Block(
            indicator.short_name,
            [value, target, f"{deviation_label} {points}" if indicator.is_percent else deviation_label],
            indicator_note(indicator),
        )
        for indicator in indicators
    ]


def compared_cells(sheet, indicators: Sequence[Indicator], values: dict, style: dict, none_style: dict) -> list:
    """The cells under ``compared_blocks``: ``values`` by indicator code, each with its value,
    target and deviation; an indicator without one, or not concerning the organization, is «—»."""
    cells = []
    for indicator in indicators:
        found = values.get(indicator.code)
        if found is None or not getattr(found, "applicable", True):
            cells += [cell(sheet, NO_VALUE, none_style) for _column in range(3)]
            continue
        percent = indicator.is_percent
        cells += [
            indicator_value(sheet, found, percent, style, none_style),
            figure(sheet, found.target, percent, style, none_style),
            deviation(sheet, found.deviation, percent, style, none_style),
        ]
    return cells


def cell(sheet, value: Any, style: dict, number_format: str | None = None) -> WriteOnlyCell:
    """A cell with one of this module's styles. openpyxl files each style object in the workbook by
    hashing it, cell after cell (two thirds of a municipality's report, make bench); so each style
    and number format is filed once per workbook and its style array copied to the next cells."""
    result = WriteOnlyCell(sheet, value=value)
    known = sheet.parent.__dict__.setdefault("_figures_styles", {})
    # The styles are this module's constants: their identities stay theirs while it is loaded.
    key = (id(style), number_format)
    if key not in known:
        for name, setting in style.items():
            setattr(result, name, setting)
        if number_format:
            result.number_format = number_format
        known[key] = copy(result._style)
    else:
        result._style = copy(known[key])
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        # A name starting with «=» stays text (with Excel's quote prefix), never a formula.
        result.data_type = "s"
        result.quotePrefix = True
    return result


def figure(sheet, value: Decimal | None, percent: bool, style: dict, none_style: dict) -> WriteOnlyCell:
    """An indicator's value or target: a percent (0–100, exact) as the fraction the percent format
    shows, a count as an integer, «—» when there is none."""
    if value is None:
        return cell(sheet, NO_VALUE, none_style)
    if percent:
        return cell(sheet, float(Decimal(value) / HUNDRED), style, PERCENT_FORMAT)
    return cell(sheet, count_value(value), style, COUNT_FORMAT)


def indicator_value(sheet, found, percent: bool, style: dict, none_style: dict) -> WriteOnlyCell:
    """The value of an organization or of a total; divided by an earlier period's contingent
    figures, its comment says so («по данным на 01.04.2026»): a value is signed for, so what it
    rests on is said."""
    result = figure(sheet, found.value, percent, style, none_style)
    if note := getattr(found, "figures_note", ""):
        result.comment = note_comment(note)
    return result


def deviation(sheet, value: Decimal | None, percent: bool, style: dict, none_style: dict) -> WriteOnlyCell:
    if value is None:
        return cell(sheet, NO_VALUE, none_style)
    if percent:
        return cell(sheet, float(value), style, POINTS_FORMAT)
    return cell(sheet, count_value(value), style, COUNT_DEVIATION_FORMAT)


def count(sheet, value: int | None, style: dict, none_style: dict) -> WriteOnlyCell:
    if value is None:
        return cell(sheet, NO_VALUE, none_style)
    return cell(sheet, count_value(value), style, COUNT_FORMAT)


def count_value(value) -> int | float:
    if isinstance(value, int):  # most counts, and the cheap way for thousands of cells
        return value
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def date_cell(sheet, value, style: dict) -> WriteOnlyCell:
    return cell(sheet, value, style, DATE_FORMAT)


def sheet_title(name: str) -> str:
    """The name within Excel's 31 characters, keeping a part's number «(2)» at the end."""
    if len(name) <= SHEET_TITLE_LIMIT:
        return name
    stem, bracket, number = name.rpartition(" (")
    suffix = f" ({number}" if bracket and number.endswith(")") else ""
    stem = stem if suffix else name
    return stem[: SHEET_TITLE_LIMIT - len(suffix) - 1].rstrip() + "…" + suffix


def start_sheet(
    workbook, title: str, widths: Sequence[float], title_rows: int, header_rows: int, frozen_columns: int
) -> Worksheet:
    """A sheet of the workbook with its columns, frozen header and print settings, before any row."""
    sheet = workbook.create_sheet(sheet_title(title))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.__dict__["_figures_widths"] = list(widths)
    header = title_rows + 1
    if frozen_columns is not None:
        sheet.freeze_panes = f"{get_column_letter(frozen_columns + 1)}{header + header_rows}"
    print_landscape(sheet, header, header + header_rows - 1)
    sheet.HeaderFooter.oddFooter.center.text = gettext("Page &P of &N")
    return sheet


def headed_sheet(
    workbook,
    name: str,
    lines: Sequence[str],
    lead: Sequence[str],
    lead_widths: Sequence[float],
    blocks: Sequence[Block],
):
    """A sheet with its title lines and the two header rows written: the lead columns (frozen with
    the header) and the blocks."""
    widths = [*lead_widths, *(width for block in blocks for width in block.widths)]
    sheet = start_sheet(workbook, name, widths, len(lines) + 1, header_rows=2, frozen_columns=len(lead))
    title_rows(sheet, lines)
    header(sheet, len(lines) + 2, lead, blocks)
    return sheet


def append(sheet, cells: Sequence) -> None:
    """Writes the next row, tall enough for its wrapped texts: neither Excel nor LibreOffice fits a
    row's height to its text when printing a file they did not lay out, so a long name would run
    into the next row. The height is estimated from the text's length and the column's width."""
    row = sheet.__dict__.get("_figures_row", 0) + 1
    sheet.__dict__["_figures_row"] = row
    widths = sheet.__dict__.get("_figures_widths", ())
    lines = 1
    for item, width in zip(cells, widths, strict=False):
        text = item.value if item is not None else None
        # The length first: reading a cell's alignment is the slow part, and most texts are short.
        if isinstance(text, str) and len(text) > width * CHARACTERS_PER_WIDTH and item.alignment.wrap_text:
            lines = max(lines, math.ceil(len(text) / (width * CHARACTERS_PER_WIDTH)))
    # Rows given a height of their own (the header's) keep it.
    if lines > 1 and row not in sheet.row_dimensions:
        sheet.row_dimensions[row].height = LINE_HEIGHT * lines
    sheet.append(cells)


def title_rows(sheet, lines: Sequence[str]) -> None:
    """The title lines, then an empty row before the header."""
    for number, line in enumerate(lines):
        append(sheet, [cell(sheet, line, TITLE if number == 0 else PLAIN)])
    append(sheet, [])


def header(sheet, first_row: int, lead: Sequence[str], blocks: Sequence[Block]) -> None:
    """Two header rows: the lead columns (merged down), then per block its label merged across its
    columns (with the block's note as a comment) over the columns' own headers."""
    top = [cell(sheet, label, HEADER) for label in lead]
    below = [cell(sheet, None, HEADER) for _label in lead]
    for column in range(1, len(lead) + 1):
        letter = get_column_letter(column)
        sheet.merged_cells.add(f"{letter}{first_row}:{letter}{first_row + 1}")
    column = len(lead) + 1
    for block in blocks:
        label = cell(sheet, block.label, HEADER)
        if block.note:
            label.comment = note_comment(block.note)
        top.append(label)
        top += [cell(sheet, None, HEADER) for _header in block.headers[1:]]
        below += [cell(sheet, text, HEADER) for text in block.headers]
        if len(block.headers) > 1:
            last = get_column_letter(column + len(block.headers) - 1)
            sheet.merged_cells.add(f"{get_column_letter(column)}{first_row}:{last}{first_row}")
        column += len(block.headers)
    # Room for two lines of a label and of a column's header («целевое значение»).
    sheet.row_dimensions[first_row].height = 48
    sheet.row_dimensions[first_row + 1].height = 30
    append(sheet, top)
    append(sheet, below)


def note_comment(text: str) -> Comment:
    comment = Comment(text, gettext("Indicator"))
    # Wide enough for a paragraph of the seed's wording (the default box shows two lines).
    comment.width, comment.height = 360, 40 + 16 * (len(text) // 55 + 1)
    return comment


def legend_sheet(workbook, indicators: Sequence[Indicator]) -> None:
    """«Показатели»: the official wording of every indicator, its unit and how it is counted."""
    widths = (24, 28, 60, 12, 50)
    sheet = start_sheet(workbook, gettext("Indicators"), widths, title_rows=2, header_rows=1, frozen_columns=0)
    title_rows(sheet, [gettext("Indicators of the target model of mentoring")])
    headers = (
        capfirst(gettext("code")),
        gettext("Short name"),
        gettext("Wording of the indicator"),
        capfirst(gettext("unit of measure")),
        capfirst(gettext("how it is counted")),
    )
    append(sheet, [cell(sheet, text, HEADER) for text in headers])
    for indicator in indicators:
        append(
            sheet,
            [
                cell(sheet, indicator.code, BODY_TEXT),
                cell(sheet, indicator.short_name, BODY_TEXT),
                cell(sheet, indicator.name, BODY_TEXT),
                cell(sheet, indicator.get_unit_display(), BODY_TEXT),
                cell(sheet, indicator.description or NO_VALUE, BODY_TEXT),
            ],
        )


def signature_rows(sheet, position: str, executor: User | None) -> None:
    """The executor's line and the signature block: position, a line to sign on, «И. О. Фамилия».
    Without a known executor or their phone («Мои данные») the blanks are filled by hand."""
    full_name = executor.get_full_name() if executor else ""
    blank = "____________________"
    phone = executor.phone if executor and executor.phone else "__________"
    executor_line = gettext("Executor: %(name)s, tel. %(phone)s") % {"name": full_name or blank, "phone": phone}
    append(sheet, [])
    append(sheet, [None, cell(sheet, executor_line, PLAIN)])
    append(sheet, [])
    append(
        sheet,
        [
            None,
            cell(sheet, position or blank, PLAIN),
            cell(sheet, "______________", PLAIN),
            None,
            cell(sheet, initials_first(full_name) if full_name else blank, PLAIN),
        ],
    )
