"""An order (or a letter) as DOCX, for schools that finish their documents in Word.

The same content as the PDF (reports.order_content.OrderContent) in the same order and layout:
A4, margins 30/10/20/20 mm, Times New Roman 14 pt (Word substitutes Liberation Serif, which has its
metrics, where Times is missing), first-line indent 1.25 cm, page numbers centred at the top from
page 2, appendix tables whose header row repeats on every page.
"""

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from reports.order_content import ACQUAINTED_COLUMNS, Appendix, Chapter, OrderContent, letterhead_parts
from reports.typography import PLAIN, segments, unbreakable_text

FONT = "Times New Roman"
SIZE = Pt(14)
TABLE_SIZE = Pt(12)
EXECUTOR_SIZE = Pt(10)
INDENT = Cm(1.25)
TEXT_WIDTH = Mm(210 - 30 - 10)
LANDSCAPE_TEXT_WIDTH = Mm(297 - 30 - 10)
NUMBER_COLUMN = Cm(1.1)
GREY = RGBColor(0x80, 0x80, 0x80)
RED = RGBColor(0xB0, 0x00, 0x00)

LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _setup_styles(document) -> None:
    """Times New Roman 14 pt, single spacing, no space after paragraphs, Russian as the language
    (Word's spelling and hyphenation), set on the document defaults so every style inherits them."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = run_defaults.find(qn("w:rFonts"))
    for name in list(fonts.attrib):
        del fonts.attrib[name]  # the theme fonts (Calibri) would win over explicit ones
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    for tag in ("w:sz", "w:szCs"):
        run_defaults.find(qn(tag)).set(qn("w:val"), str(int(SIZE.pt * 2)))
    language = run_defaults.find(qn("w:lang"))
    language.set(qn("w:val"), "ru-RU")
    language.set(qn("w:eastAsia"), "ru-RU")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    # Narrow table columns and justified Russian text need hyphenation, which Word does by language.
    settings = document.settings.element
    hyphenation = OxmlElement("w:autoHyphenation")
    hyphenation.set(qn("w:val"), "true")
    tab_stop = settings.find(qn("w:defaultTabStop"))
    if tab_stop is not None:
        tab_stop.addnext(hyphenation)
    else:
        settings.append(hyphenation)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = SIZE
    normal.paragraph_format.widow_control = True


def _setup_section(section) -> None:
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.left_margin = Mm(30)
    section.right_margin = Mm(10)
    section.top_margin = Mm(20)
    section.bottom_margin = Mm(20)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def _page_number_field(paragraph) -> None:
    """A PAGE field (Word shows the current page number)."""
    run = paragraph.add_run()
    run.font.size = Pt(12)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text.strip() == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
            run._r.append(element)
        else:
            element = OxmlElement("w:t")
            element.text = text
            run._r.append(element)


def _setup_header(section, content: OrderContent) -> None:
    """Page numbers centred at the top from page 2 (the first page has its own, empty, header);
    a draft or a cancelled order carries its mark on every page."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0]
    number.alignment = CENTER
    _page_number_field(number)
    first = section.first_page_header
    first.is_linked_to_previous = False
    mark = "ПРОЕКТ" if content.is_draft else content.cancelled_mark
    if mark:
        colour = GREY if content.is_draft else RED
        for paragraph in (first.paragraphs[0], header.add_paragraph()):
            paragraph.alignment = RIGHT
            run = paragraph.add_run(mark)
            run.bold = True
            run.font.size = Pt(12)
            run.font.color.rgb = colour


class Builder:
    def __init__(self, content: OrderContent):
        self.content = content
        self.document = Document()
        _setup_styles(self.document)
        section = self.document.sections[0]
        _setup_section(section)
        _setup_header(section, content)

    def paragraph(
        self,
        text: str = "",
        *,
        align=JUSTIFY,
        indent: bool = True,
        bold: bool = False,
        caps: bool = False,
        before: float = 0,
        after: float = 0,
        page_break: bool = False,
        keep_next: bool = False,
        left_indent=None,
        hyphenate: bool = True,
        right_indent=None,
    ):
        paragraph = self.document.add_paragraph()
        fmt = paragraph.paragraph_format
        paragraph.alignment = align
        if indent:
            fmt.first_line_indent = INDENT
        if left_indent is not None:
            fmt.left_indent = left_indent
        if right_indent is not None:
            fmt.right_indent = right_indent
        if before:
            fmt.space_before = Pt(before)
        if after:
            fmt.space_after = Pt(after)
        if page_break:
            fmt.page_break_before = True
        if keep_next:
            fmt.keep_with_next = True
        # A heading (bold and centred: a title, an appendix's or a section's name) is never hyphenated,
        # as the PDF's headings are not; Word would break «целе-вой» at the end of a title's line.
        if not hyphenate or (bold and align == CENTER):
            _no_hyphenation(paragraph)
        if text:
            add_text(paragraph, text, bold=bold, caps=caps)
        return paragraph

    def two_ends(self, left: str, right: str, *, before: float = 0):
        """«01.09.2026 … № 17-ОД»: the right text on a right tab stop at the end of the line."""
        paragraph = self.paragraph(f"{left}\t{right}", align=LEFT, indent=False, before=before)
        paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        return paragraph

    def table(
        self,
        columns: list[str],
        rows: list[list[str]],
        widths_pct: list[float],
        *,
        row_height=None,
        text_width=TEXT_WIDTH,
        size=TABLE_SIZE,
        bold_rows=frozenset(),
    ):
        table = self.document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = [int(text_width * pct / 100) for pct in widths_pct]
        header = table.rows[0]
        _repeat_as_header(header)
        _cant_split(header)
        for cell, text in zip(header.cells, columns, strict=True):
            self._cell(cell, text, bold=True, align=CENTER, size=size)
        numbered = bool(columns) and columns[0].strip().startswith("№")
        for number, row in enumerate(rows):
            cells = table.add_row()
            _cant_split(cells)
            if row_height is not None:
                cells.height = row_height
            for index, (cell, text) in enumerate(zip(cells.cells, row, strict=True)):
                align = CENTER if numbered and index == 0 else LEFT
                self._cell(cell, text, align=align, size=size, bold=number in bold_rows)
        _set_widths(table, widths)
        return table

    def appendix_table(self, appendix: Appendix):
        """The appendix's table with its merged cells: a stage's name merged down over its rows
        (w:vMerge), a section row one cell across the table (w:gridSpan); with header groups, two
        header rows: the group's title across its columns (w:gridSpan), the other columns' titles down
        both rows (w:vMerge)."""
        text_width = LANDSCAPE_TEXT_WIDTH if appendix.landscape else TEXT_WIDTH
        top = appendix.columns
        if appendix.header_groups:
            top = [""] * len(appendix.columns)
            for text, column, _colspan, _rowspan in appendix.header_top:
                top[column] = text
        table = self.table(top, [], appendix.widths, text_width=text_width)
        header_rows = 1
        if appendix.header_groups:
            second = table.add_row()
            _repeat_as_header(second)
            _cant_split(second)
            for text, column in appendix.header_bottom:
                self._cell(second.cells[column], text, bold=True, align=CENTER)
            header_rows = 2
        width = len(appendix.columns)
        numbered = bool(appendix.columns) and appendix.columns[0].strip().startswith("№")
        for cells in appendix.table:
            row = table.add_row()
            _cant_split(row)
            for cell in cells:
                centred = cell.colspan > 1 or (numbered and cell.column == 0)
                self._cell(row.cells[cell.column], cell.text, bold=cell.bold, align=CENTER if centred else LEFT)
        _set_widths(table, [int(text_width * pct / 100) for pct in appendix.widths])
        # Merged after the widths are set: a merged cell takes the sum of its columns' widths.
        for _text, column, colspan, rowspan in appendix.header_top if appendix.header_groups else []:
            if colspan > 1:
                # The cells merged in are emptied first, or Word would print their empty lines under the title.
                for merged in range(column + 1, column + colspan):
                    for run in list(table.cell(0, merged)._tc.iter(qn("w:r"))):
                        run.getparent().remove(run)
                table.cell(0, column).merge(table.cell(0, column + colspan - 1))
            elif rowspan > 1:
                table.cell(0, column).merge(table.cell(rowspan - 1, column))
        for index, cells in enumerate(appendix.table, start=header_rows):
            for cell in cells:
                if cell.colspan > 1:
                    table.cell(index, 0).merge(table.cell(index, width - 1))
                elif cell.rowspan > 1:
                    table.cell(index, cell.column).merge(table.cell(index + cell.rowspan - 1, cell.column))
        return table

    def _cell(self, cell, text: str, *, bold: bool = False, align=LEFT, size=TABLE_SIZE) -> None:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        lines = text.split("\n") if text else [""]
        paragraph = cell.paragraphs[0]
        paragraph.alignment = align
        paragraph.paragraph_format.first_line_indent = Cm(0)
        for index, line in enumerate(lines):
            runs = add_text(paragraph, line, bold=bold, size=size) or [paragraph.add_run("")]
            if index < len(lines) - 1:
                runs[-1].add_break(WD_BREAK.LINE)

    def signature(self, *, before: float = 24, keep_next: bool = False) -> None:
        """Position at the left, a line to sign on, the name at the right: one row without borders."""
        table = self.document.add_table(rows=1, cols=3)
        table.autofit = False
        widths = [int(TEXT_WIDTH * 0.5), int(TEXT_WIDTH * 0.2), int(TEXT_WIDTH * 0.3)]
        cells = table.rows[0].cells
        texts = (self.content.signatory_position, "", self.content.signatory_name)
        aligns = (LEFT, CENTER, RIGHT)
        _set_widths(table, widths)
        for cell, text, align in zip(cells, texts, aligns, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            paragraph = cell.paragraphs[0]
            paragraph.alignment = align
            paragraph.paragraph_format.first_line_indent = Cm(0)
            paragraph.paragraph_format.space_before = Pt(before)
            if keep_next:
                paragraph.paragraph_format.keep_with_next = True
            if text:
                add_text(paragraph, text)
        _bottom_border(cells[1])
        _cant_split(table.rows[0])

    def signed(self, *, before: float = 24) -> None:
        """The signature and under it the executor's mark of ГОСТ Р 7.0.97-2016 (requisite 26), as in the
        PDF: 10 pt, at the left, its lines kept together and on the signature's page, the last one of
        the main text."""
        lines = self.content.executor
        self.signature(before=before, keep_next=bool(lines))
        for index, line in enumerate(lines):
            last = index == len(lines) - 1
            paragraph = self.paragraph(align=LEFT, indent=False, before=24 if index == 0 else 0, keep_next=not last)
            add_text(paragraph, line, size=EXECUTOR_SIZE)

    def header_lines(self) -> None:
        content = self.content
        if content.header_founder:
            self.paragraph(content.header_founder, align=CENTER, indent=False, hyphenate=False)
        self.paragraph(content.header_organization, align=CENTER, indent=False, bold=True, caps=True)

    def appendices(self) -> None:
        landscape = False
        for appendix in self.content.appendices:
            # A landscape appendix has a section of its own; the next portrait one another again.
            first = appendix.landscape == landscape
            if appendix.landscape != landscape:
                _new_section(self.document, landscape=appendix.landscape)
                landscape = appendix.landscape
            for line in appendix.heading:
                self.paragraph(line, align=LEFT, indent=False, left_indent=Mm(85), page_break=first, keep_next=True)
                first = False
            for index, line in enumerate(appendix.stamp):
                self.paragraph(
                    line, align=LEFT, indent=False, left_indent=Mm(85), before=12 if index == 0 else 0, keep_next=True
                )
            for index, line in enumerate(appendix.intro):
                self.paragraph(
                    line, align=CENTER, indent=False, bold=True, before=18 if index == 0 else 0, keep_next=True
                )
            if appendix.title:
                self.paragraph(
                    appendix.title, align=CENTER, indent=False, bold=True, before=18, after=6, keep_next=True
                )
            for paragraph in appendix.preamble:
                self.paragraph(paragraph, after=6)
            self.chapters(appendix.chapters)
            if appendix.columns:
                self.appendix_table(appendix)

    def chapters(self, chapters: list[Chapter]) -> None:
        """A document in sections (a Положение): the sections' headings centred and bold, the
        paragraphs with their numbers, the items of a list under them."""
        for index, chapter in enumerate(chapters):
            self.paragraph(
                chapter.heading,
                align=CENTER,
                indent=False,
                bold=True,
                before=18 if index == 0 else 12,
                after=6,
                keep_next=True,
            )
            for paragraph in chapter.paragraphs:
                self.paragraph(f"{paragraph.number} {paragraph.text}" if paragraph.number else paragraph.text)

    def statute(self, stamp: list[str], intro: list[str], chapters: list[Chapter]) -> bytes:
        """A Положение alone: the approval stamp at the right, its title, its sections."""
        for line in stamp:
            self.paragraph(line, align=LEFT, indent=False, left_indent=Mm(85), keep_next=True)
        for index, line in enumerate(intro):
            self.paragraph(line, align=CENTER, indent=False, bold=True, before=18 if index == 0 else 0, keep_next=True)
        self.chapters(chapters)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def order(self) -> None:
        content = self.content
        self.header_lines()
        self.paragraph("ПРИКАЗ", align=CENTER, indent=False, bold=True, before=18, after=12)
        self.two_ends(content.date, content.number_line)
        if content.place:
            self.paragraph(content.place, align=CENTER, indent=False)
        self.paragraph(
            content.title,
            align=LEFT,
            indent=False,
            bold=True,
            before=18,
            after=12,
            keep_next=True,
            hyphenate=False,
            right_indent=int(TEXT_WIDTH * 0.3),  # as in the PDF: the title takes 70 % of the line
        )
        for text in content.preamble:
            self.paragraph(text)
        self.paragraph("ПРИКАЗЫВАЮ:", align=LEFT, indent=False, before=6, after=6, keep_next=True)
        for item in content.items:
            last = item is content.items[-1]
            for index, line in enumerate(item.lines):
                self.paragraph(f"{item.number}. {line}" if index == 0 else line, keep_next=last)
            if item.note:
                self.paragraph(item.note, keep_next=last)
        self.signed()
        if content.acquainted:
            self.paragraph("С приказом ознакомлены:", align=LEFT, indent=False, before=24, after=6, keep_next=True)
            rows = [[str(number), name, "", ""] for number, name in enumerate(content.acquainted, start=1)]
            self.table(ACQUAINTED_COLUMNS, rows, [6.5, 51.5, 24, 18], row_height=Mm(9))
        self.appendices()

    def letterhead(self) -> None:
        """The corner letterhead of ГОСТ Р 7.0.97-2016, as in the PDF: one row without borders, the
        founder, the name, the reference data and «исх. № … от …» centred in the left cell, the
        addressee in the right one."""
        content = self.content
        table = self.document.add_table(rows=1, cols=3)
        table.autofit = False
        _set_widths(table, [int(TEXT_WIDTH * share) for share in (0.47, 0.08, 0.45)])
        requisites, _gap, addressee = table.rows[0].cells
        lines = []  # (text, size in points, bold, caps, space before)
        if content.header_founder:
            lines.append((content.header_founder, 11, False, False, 0))
        lines.append((content.header_organization, 12, True, True, 2 if content.header_founder else 0))
        lines += [
            (_letterhead_line(line), 10, False, False, 4 if index == 0 else 0)
            for index, line in enumerate(content.header_details)
        ]
        lines.append((f"{content.number_line} от {content.date}", 12, False, False, 8))
        for index, (text, size, bold, caps, before) in enumerate(lines):
            paragraph = requisites.paragraphs[0] if index == 0 else requisites.add_paragraph()
            self._cell_line(paragraph, text, size=size, bold=bold, caps=caps, before=before, align=CENTER)
        for index, text in enumerate(content.addressee):
            paragraph = addressee.paragraphs[0] if index == 0 else addressee.add_paragraph()
            self._cell_line(paragraph, text, size=SIZE.pt, align=LEFT)
        for cell in table.rows[0].cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        _cant_split(table.rows[0])

    @staticmethod
    def _cell_line(paragraph, text: str, *, size: float, bold=False, caps=False, before: float = 0, align=LEFT):
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Cm(0)
        if before:
            fmt.space_before = Pt(before)
        _no_hyphenation(paragraph)
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
        run.font.all_caps = caps

    def letter(self) -> None:
        content = self.content
        self.letterhead()
        self.paragraph(content.title, align=CENTER, indent=False, bold=True, before=30, after=12)
        for text in content.body:
            self.paragraph(text)
        self.signed(before=30)
        self.appendices()

    def build(self) -> bytes:
        if self.content.is_letter:
            self.letter()
        else:
            self.order()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


# What may follow w:suppressAutoHyphens in w:pPr (the schema fixes the order of the children).
AFTER_SUPPRESS_AUTO_HYPHENS = (
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def add_text(paragraph, text: str, *, bold: bool = False, caps: bool = False, size=None) -> list:
    """The text as runs (reports.typography): names, numbers and dates in runs Word and LibreOffice
    neither hyphenate nor break, the rest as it is."""
    runs = []
    for segment in segments(text):
        run = paragraph.add_run(unbreakable_text(segment))
        if bold:
            run.bold = True
        if caps:
            run.font.all_caps = True
        if size is not None:
            run.font.size = size
        if segment.kind != PLAIN:
            _not_hyphenated(run)
        runs.append(run)
    return runs


def _not_hyphenated(run) -> None:
    """No proofing and no language: neither Word nor LibreOffice hyphenates such a run (LibreOffice
    writes its «[None]» language the same way)."""
    properties = run._r.get_or_add_rPr()
    properties.append(OxmlElement("w:noProof"))
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "zxx")
    properties.append(language)


def _no_hyphenation(paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    element = OxmlElement("w:suppressAutoHyphens")
    p_pr.insert_element_before(element, *AFTER_SUPPRESS_AUTO_HYPHENS)


def _set_widths(table, widths: list[int]) -> None:
    """Word reads the cells' widths, LibreOffice the grid's: both are set."""
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(round(width / 635)))  # EMU to twentieths of a point


def _repeat_as_header(row) -> None:
    """w:tblHeader: Word repeats the row at the top of every page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    properties.append(element)


def _cant_split(row) -> None:
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    properties.insert(0, element)


def _bottom_border(cell) -> None:
    """A line to sign on. tcBorders goes right after the width (the schema fixes the order)."""
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    width = properties.find(qn("w:tcW"))
    if width is not None:
        width.addnext(borders)
    else:
        properties.insert(0, borders)


def _letterhead_line(line: str) -> str:
    """Short parts of a letterhead line glued with no-break spaces and hyphens, as the PDF keeps them."""
    return ", ".join(
        part.replace(" ", "\u00a0").replace("-", "\u2011") if whole else part for part, whole in letterhead_parts(line)
    )


def _new_section(document, *, landscape: bool):
    """A section from a new page, landscape or portrait, with the margins of the document; it keeps
    the page numbers of the header (its first page is not a title page)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.page_width, section.page_height = width, height
    section.left_margin, section.right_margin = Mm(30), Mm(10)
    section.top_margin = section.bottom_margin = Mm(20)
    section.different_first_page_header_footer = False
    return section


WIDE_TABLE_SIZE = Pt(10)


class NoteBuilder(Builder):
    """The municipality's analytical note (reports.note.NoteContent): the authority, the title, the
    sections with their tables (a wide one on a landscape page of its own), the signature."""

    def __init__(self, content):
        self.content = content
        self.document = Document()
        _setup_styles(self.document)
        section = self.document.sections[0]
        _setup_section(section)
        section.different_first_page_header_footer = True
        section.header.is_linked_to_previous = False
        number = section.header.paragraphs[0]
        number.alignment = CENTER
        _page_number_field(number)
        section.first_page_header.is_linked_to_previous = False

    def note_table(self, table, *, landscape: bool) -> None:
        self.table(
            table.columns,
            table.rows,
            table.widths,
            text_width=LANDSCAPE_TEXT_WIDTH if landscape else TEXT_WIDTH,
            size=WIDE_TABLE_SIZE if table.wide else TABLE_SIZE,
            bold_rows=table.bold_rows,
        )

    def build(self) -> bytes:
        content = self.content
        self.paragraph(content.authority, align=CENTER, indent=False, bold=True)
        self.paragraph(content.title, align=CENTER, indent=False, bold=True, caps=True, before=18)
        self.paragraph(content.subtitle, align=CENTER, indent=False, bold=True, after=12)
        for section in content.sections:
            if section.wide:
                _new_section(self.document, landscape=True)
            if section.heading:
                self.paragraph(section.heading, align=LEFT, indent=False, bold=True, before=12, after=6, keep_next=True)
            for block in section.blocks:
                if isinstance(block, str):
                    self.paragraph(block)
                else:
                    self.note_table(block, landscape=section.wide)
            if section.wide:
                _new_section(self.document, landscape=False)
        self.signature()
        self.paragraph(f"Дата составления: {content.made_on}", align=LEFT, indent=False, before=12)
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def build_docx(content: OrderContent) -> bytes:
    return Builder(content).build()
