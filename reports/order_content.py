"""What an order (or a letter) of the register prints, made once for the PDF and the DOCX.

``order_content`` reads only the fields stored on the Order, never the organization or other live
data, so a registered order prints the same forever, and turns them into what is printed (numbers,
dates, the draft's blanks, the appendices' column widths). Both formats read this module and neither
reads the other, so the PDF and the DOCX say the same.
"""

import dataclasses
import datetime
import re

from django.utils import timezone

from reports.models import Order
from reports.typography import unbreakable_words

# What a draft shows instead of its date and number: they are given when it is registered.
BLANK = "____________"
BLANK_SHORT = "________"
BLANK_IN_LINE = "________"  # in «к приказу от ____ № ____», which must fit half a line

ACQUAINTED_COLUMNS = ["№", "Фамилия, имя, отчество", "Подпись", "Дата"]


@dataclasses.dataclass(frozen=True)
class Item:
    number: int
    lines: list[str]
    responsible_label: str = ""
    responsible: str = ""
    term: str = ""

    @property
    def note(self) -> str:
        """«Ответственный: …. Срок: ….», printed under the item."""
        parts = []
        if self.responsible:
            parts.append(f"{self.responsible_label}: {_with_stop(self.responsible)}")
        if self.term:
            parts.append(f"Срок: {_with_stop(self.term)}")
        return " ".join(parts)


@dataclasses.dataclass(frozen=True)
class Cell:
    """A printed cell of an appendix table: one that spans the rows below it (a roadmap stage's
    name over its activities) or all the columns (a section row)."""

    text: str
    column: int
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False


@dataclasses.dataclass(frozen=True)
class Paragraph:
    """A paragraph of a document in sections (a Положение): numbered «1.2.», or an item of a list
    under the paragraph above («– …»), printed without a number."""

    number: str
    text: str

    @property
    def is_item(self) -> bool:
        return not self.number


@dataclasses.dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    paragraphs: list[Paragraph]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.title else f"{self.number}."


LIST_MARKS = ("–", "—", "-", "•")


def chapters_of(sections: list[dict]) -> list[Chapter]:
    """Sections ({"title", "text"}: paragraphs, one a line) numbered as a regulation is: the sections
    «1.», «2.», their paragraphs «1.1.», «1.2.»; a line starting with a dash is an item of a list,
    printed «– …» without a number."""
    chapters = []
    for section in sections or []:
        title = (section.get("title") or "").strip()
        lines = _lines(section.get("text") or "")
        if not title and not lines:
            continue
        number = len(chapters) + 1
        paragraphs, counter = [], 0
        for line in lines:
            if line.startswith(LIST_MARKS):
                paragraphs.append(Paragraph("", "– " + line.lstrip("".join(LIST_MARKS)).strip()))
            else:
                counter += 1
                paragraphs.append(Paragraph(f"{number}.{counter}.", line))
        chapters.append(Chapter(number, title, paragraphs))
    return chapters


@dataclasses.dataclass(frozen=True)
class HeaderGroup:
    """A header cell over several columns («Контрольные значения по годам» over the years); the header
    then has two rows, and the other columns' headers span both."""

    title: str
    first: int
    span: int

    @property
    def columns(self) -> range:
        return range(self.first, self.first + self.span)


@dataclasses.dataclass(frozen=True)
class Appendix:
    number: int
    heading: list[str]  # «Приложение 1», «к приказу от 01.09.2026 № 17-ОД»
    title: str
    columns: list[str]
    rows: list[list[str]]
    numbered: bool  # the first column is «№»: narrow and centred
    widths: list[float]  # per cent of the text width, from what the columns hold
    # The rows as printed: cells merged into the one above are left out, a section row is one cell.
    table: list[list[Cell]] = dataclasses.field(default_factory=list)
    stamp: list[str] = dataclasses.field(default_factory=list)  # «УТВЕРЖДЕНА», «приказом от … № …»
    intro: list[str] = dataclasses.field(default_factory=list)  # the roadmap's heading and title
    preamble: list[str] = dataclasses.field(default_factory=list)  # its basis, aims, expected results
    chapters: list[Chapter] = dataclasses.field(default_factory=list)  # a document in sections (a Положение)
    header_groups: list[HeaderGroup] = dataclasses.field(default_factory=list)
    landscape: bool = False  # on landscape pages: a table too wide for its longest column to stay readable

    @property
    def header_top(self) -> list[tuple[str, int, int, int]]:
        """The first header row as (text, column, colspan, rowspan): a group's title over its columns, the
        other columns' titles down both rows; with no groups, the one header row."""
        cells = []
        for column, title in enumerate(self.columns):
            group = next((group for group in self.header_groups if column in group.columns), None)
            if group is None:
                cells.append((title, column, 1, 2 if self.header_groups else 1))
            elif column == group.first:
                cells.append((group.title, column, group.span, 1))
        return cells

    @property
    def header_bottom(self) -> list[tuple[str, int]]:
        """The second header row: the grouped columns' own titles (the years)."""
        return [(self.columns[column], column) for group in self.header_groups for column in group.columns]


@dataclasses.dataclass(frozen=True)
class OrderContent:
    is_letter: bool
    is_draft: bool
    cancelled_mark: str  # «ОТМЕНЁН 05.10.2026» or ""
    header_founder: str
    header_organization: str
    header_details: list[str]  # a letter's reference data (address, phone…), a line each
    date: str  # dd.mm.yyyy, or a blank for a draft
    number: str  # or a blank for a draft
    place: str
    title: str
    preamble: list[str]
    items: list[Item]
    addressee: list[str]
    body: list[str]
    signatory_position: str
    signatory_name: str
    executor: list[str]  # the executor's mark: position lines, the name and «Тел. …»; empty: none
    acquainted: list[str]
    appendices: list[Appendix]

    @property
    def document_label(self) -> str:
        return "Письмо" if self.is_letter else "Приказ"

    @property
    def number_line(self) -> str:
        """The right half of the date line: «№ 17-ОД», «исх. № 5»."""
        return f"исх. № {self.number}" if self.is_letter else f"№ {self.number}"


def _with_stop(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# A part of a letterhead line longer than this may break inside, or it would stick out of the
# requisites' column (about 45 characters of 10 pt).
WHOLE_PART = 32


def letterhead_parts(line: str) -> list[tuple[str, bool]]:
    """The parts of a line of the letterhead's reference data («тел. …», «e-mail: …», «623003») and
    whether each is kept whole: the line breaks between them, never inside a phone number or «e-mail»."""
    return [(part, len(part) <= WHOLE_PART) for part in line.split(", ")]


def _responsible_label(responsible: str) -> str:
    """«Ответственный: А. С. Белова», «Ответственные: наставники» (several people, or a plural role)."""
    first_word = responsible.split()[0] if responsible.split() else ""
    plural_role = first_word.islower() and first_word.endswith(("и", "ы"))
    several = "," in responsible or ";" in responsible or " и " in responsible
    return "Ответственные" if several or plural_role else "Ответственный"


# The width of the text block (A4 less the 30 and 10 mm margins) and of an average character of a
# 12 pt serif table cell, in points: enough to keep a column's words whole.
TEXT_WIDTH_PT = 170 / 25.4 * 72
LANDSCAPE_TEXT_WIDTH_PT = 257 / 25.4 * 72
# A table with grouped columns whose widest column would get less than this share of a portrait page
# (the indicators' names beside seven years) goes on a landscape page.
READABLE_SHARE = 40
CHAR_PT = 6.0
CELL_PADDING_PT = 10
NUMBER_COLUMN_PT = 1.1 / 2.54 * 72
# «№ п/п» (seed 001) on one line, not broken after its slash.
NUMBER_COLUMN_LONG_PT = 1.5 / 2.54 * 72
# Words longer than this may be hyphenated rather than widen their column.
LONG_WORD = 9
# Names, numbers and dates are not hyphenated: up to this length they widen their column instead.
LONG_UNBREAKABLE = 22


def column_widths(
    columns: list[str], rows: list[list[str]], *, numbered: bool, text_width_pt: float = TEXT_WIDTH_PT
) -> list[float]:
    """Per cent widths of the columns: wider where the texts are longer, never narrower than the
    column's longest (short) word. Fixed widths also let a long table be laid out without
    measuring every cell, which keeps a 300-row appendix fast."""
    if not columns:
        return []
    weights, minimums = [], []
    for index, header in enumerate(columns):
        cells = [row[index] for row in rows if row[index].strip()]
        average = sum(len(cell) for cell in cells) / len(cells) if cells else len(header)
        words = [word for text in [header, *cells] for word in text.split()]
        longest = min(max((len(word) for word in words), default=1), LONG_WORD)
        # A name, a number or a date is never hyphenated (reports.typography): its column holds it whole.
        unbreakable = [piece for text in [header, *cells] for piece in unbreakable_words(text)]
        longest = max(longest, min(max((len(piece) for piece in unbreakable), default=0), LONG_UNBREAKABLE))
        weights.append(max(average, len(header) / 2, 4) ** 0.6)
        minimums.append(longest * CHAR_PT + CELL_PADDING_PT)
    fixed = (NUMBER_COLUMN_LONG_PT if columns[0].strip() == "№ п/п" else NUMBER_COLUMN_PT) if numbered else 0.0
    free = list(range(1 if numbered else 0, len(columns)))
    available = text_width_pt - fixed
    if sum(minimums[index] for index in free) >= available:
        # Too many columns for their words: in proportion to the words, and hyphenate.
        total = sum(minimums[index] for index in free)
        widths = {index: available * minimums[index] / total for index in free}
    else:
        # Share the width by weight; a column that would get less than its minimum gets the minimum
        # and drops out of the sharing, until every column has at least its minimum.
        pinned: dict[int, float] = {}
        while True:
            rest = [index for index in free if index not in pinned]
            if not rest:
                break
            room = available - sum(pinned.values())
            total = sum(weights[index] for index in rest)
            widths = {index: room * weights[index] / total for index in rest}
            short = [index for index in rest if widths[index] < minimums[index]]
            if not short:
                break
            pinned.update({index: minimums[index] for index in short})
        widths.update(pinned)
    result = [fixed] if numbered else []
    result += [widths[index] for index in free]
    return [round(100 * width / text_width_pt, 2) for width in result]


def printed_table(rows: list[list[str]], merged: list, sections: set[int]) -> list[list[Cell]]:
    """The rows with their merged cells: a cell that the next rows merge into spans them, and a
    section row is one bold cell across the table, its parts (number, title) in one line."""
    width = len(rows[0]) if rows else 0
    merged_up = [set(merged[index]) if index < len(merged) else set() for index in range(len(rows))]
    table = []
    for index, row in enumerate(rows):
        if index in sections:
            parts = [cell.strip() for cell in dict.fromkeys(row) if cell.strip()]
            if len(parts) > 1 and parts[0].isdigit():
                parts[0] += "."  # «1 Организационный этап» reads «1. Организационный этап»
            text = " ".join(parts)
            table.append([Cell(text, 0, colspan=width, bold=True)])
            continue
        cells = []
        for column, text in enumerate(row):
            if column in merged_up[index] and index > 0 and index - 1 not in sections:
                continue
            span = 1
            while index + span < len(rows) and column in merged_up[index + span] and index + span not in sections:
                span += 1
            cells.append(Cell(text, column, rowspan=span))
        table.append(cells)
    return table


# «от 20.01.2025 № 14», «от 19.09.2022 г. №976»: the date and number of an order in a stamp.
STAMP_DATE_AND_NUMBER = re.compile(r"(\s*)от\s+\d{1,2}\.\d{1,2}\.\d{2,4}(?:\s*г\.)?\s*№\s*\S+")


def approval_stamp(lines: list[str], word: str | None, on: str) -> list[str]:
    """The stamp of an appendix that this order approves (its items say «Утвердить … (приложение 1)»).

    The appendix keeps the wording of its own stamp («УТВЕРЖДЕНА / приказом управления образования»),
    but the date and number are always this order's: a roadmap approved once before and approved
    again by a new order must not print the earlier order's requisites. «УТВЕРЖДЕНА» (a roadmap),
    «УТВЕРЖДЕНО» (a Положение): the appendix says which when it has no wording of its own.
    """
    text = "\n".join(lines)
    first = STAMP_DATE_AND_NUMBER.search(text)
    if first is not None:
        # This order's requisites where the first ones stood; any other ones go.
        rest = STAMP_DATE_AND_NUMBER.sub("", text[first.end() :])
        text = text[: first.start()] + first.group(1) + on + rest
        return [line.strip() for line in text.splitlines() if line.strip()]
    wording = [line.strip() for line in lines if line.strip()]
    if not wording:
        return [word or "УТВЕРЖДЕНА", f"приказом {on}"]
    if not any("приказ" in line.lower() for line in wording):
        return [*wording, f"приказом {on}"]
    return [*wording, on]


def _cell(value) -> str:
    return "" if value is None else str(value)


def order_content(order: Order) -> OrderContent:
    is_draft = order.status == Order.Status.DRAFT
    date = BLANK if is_draft else f"{order.date:%d.%m.%Y}"
    number = BLANK_SHORT if is_draft or not order.number else order.number
    cancelled_mark = ""
    if order.status == Order.Status.CANCELLED:
        when = order.cancelled_at
        day = timezone.localtime(when).date() if isinstance(when, datetime.datetime) else when
        cancelled_mark = f"ОТМЕНЁН {day:%d.%m.%Y}" if day else "ОТМЕНЁН"

    items = []
    for entry in order.items or []:
        lines = _lines(entry.get("text", ""))
        if not lines:
            continue
        responsible = (entry.get("responsible") or "").strip()
        items.append(
            Item(
                number=len(items) + 1,
                lines=lines,
                responsible_label=_responsible_label(responsible) if responsible else "",
                responsible=responsible,
                term=(entry.get("term") or "").strip(),
            )
        )
    if order.control_text.strip():
        items.append(Item(number=len(items) + 1, lines=_lines(order.control_text)))

    appendices = []
    for index, appendix in enumerate(order.appendices or [], start=1):
        columns = [_cell(column) for column in appendix.get("columns") or []]
        rows = [[_cell(cell) for cell in row] for row in appendix.get("rows") or []]
        width = max([len(columns), *(len(row) for row in rows)], default=0)
        columns += [""] * (width - len(columns))
        rows = [row + [""] * (width - len(row)) for row in rows]
        numbered = bool(columns) and columns[0].strip() in {"№", "№ п/п"}
        label = "письму" if order.is_letter else "приказу"
        on = f"от {BLANK_IN_LINE} № {BLANK_IN_LINE}" if is_draft else f"от {date} № {number}"
        sections = {index for index in appendix.get("sections") or [] if isinstance(index, int)}
        stamp = (
            approval_stamp([_cell(line) for line in appendix["stamp"] or []], appendix.get("stamp_word"), on)
            if "stamp" in appendix
            else []
        )
        # A section row's one long cell would widen its column for nothing.
        measured = [row for index, row in enumerate(rows) if index not in sections] or rows
        groups = [
            HeaderGroup(str(group.get("title", "")), int(group["first"]), int(group["span"]))
            for group in appendix.get("header_groups") or []
            if isinstance(group, dict) and group.get("span") and 0 <= int(group.get("first", -1)) < width
        ]
        # The grouped columns' header is one short title (a year), not the group's long one.
        widths = column_widths(columns, measured, numbered=numbered)
        landscape = bool(groups) and max(widths, default=100) < READABLE_SHARE
        if landscape:
            widths = column_widths(columns, measured, numbered=numbered, text_width_pt=LANDSCAPE_TEXT_WIDTH_PT)
        appendices.append(
            Appendix(
                number=index,
                heading=[f"Приложение {index}", f"к {label} {on}"],
                title=(appendix.get("title") or "").strip(),
                columns=columns,
                rows=rows,
                numbered=numbered,
                widths=widths,
                table=printed_table(rows, appendix.get("merged") or [], sections),
                stamp=stamp,
                intro=[_cell(line) for line in appendix.get("intro") or []],
                preamble=[_cell(line) for line in appendix.get("preamble") or []],
                chapters=chapters_of(appendix.get("chapters") or []),
                header_groups=groups,
                landscape=landscape,
            )
        )

    return OrderContent(
        is_letter=order.is_letter,
        is_draft=is_draft,
        cancelled_mark=cancelled_mark,
        header_founder=order.header_founder.strip(),
        header_organization=order.header_organization.strip(),
        header_details=_lines(order.header_details),
        date=date,
        number=number,
        place=order.place.strip(),
        title=order.title.strip(),
        preamble=_lines(order.preamble),
        items=items,
        addressee=_lines(order.addressee),
        body=_lines(order.body),
        signatory_position=order.signatory_position.strip(),
        signatory_name=order.signatory_name.strip(),
        executor=order.executor_mark,
        acquainted=[name.strip() for name in order.acquainted or [] if name and name.strip()],
        appendices=appendices,
    )
