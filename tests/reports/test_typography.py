"""Typography of the documents (reports.typography): names, numbers with «№», dates, initials and
ranges are neither hyphenated nor broken, in the PDF and in the DOCX; ordinary words still are."""

import datetime
import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from reports.models import Order, OrderKind
from reports.rendering import order_docx, order_pdf
from reports.typography import NAME, NBSP, NOBR, PLAIN, Segment, segments, typeset_html
from tests.accounts.factories import OrganizationFactory
from tests.reports import pdf_pages_text

EN_DASH = "\u2013"


def marked(text: str) -> list[tuple[str, str]]:
    return [(segment.text, segment.kind) for segment in segments(text) if segment.kind != PLAIN]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Белову Анну Сергеевну", [("Белову", NAME), ("Анну", NAME), ("Сергеевну", NAME)]),
        (
            "Римская-Корсакова Елена Андреевна",
            [("Римская-Корсакова", NOBR), ("Елена", NAME), ("Андреевна", NAME)],
        ),
        ("Алиев Рашид Мамед оглы", [("Алиев", NAME), ("Рашид", NAME), ("Мамед", NAME), ("оглы", NAME)]),
        ("Директор И.А. Алещенко", [("И.А. Алещенко", NOBR)]),
        ("Ответственный: А. С. Белова.", [("А. С. Белова", NOBR)]),
        ("Исп. Михайлова Е.В.", [("Михайлова Е.В.", NOBR)]),
        ("от 25.12.2019 № Р-145", [("25.12.2019", NOBR), ("№ Р-145", NOBR)]),
        ("МОУ СШ №120.", [("№120", NOBR)]),
        ("от 31 декабря 2019 г. № 3273-р", [("31 декабря 2019 г.", NOBR), ("№ 3273-р", NOBR)]),
        ("на 2023-2024 учебный год", [(f"2023{EN_DASH}2024", NOBR)]),
        ("в период 2021 – 2024 годов", [(f"2021{EN_DASH}2024", NOBR)]),
        ("на 2026/2027 учебный год", [("2026/2027", NOBR)]),
        ("15.09.2021 г.", [("15.09.2021 г.", NOBR)]),
        ("в 2022 г. и позже", [("2022 г.", NOBR)]),
        ("наставничества в МБОУ «СОШ № 3»", [("№ 3", NOBR)]),
    ],
)
def test_what_is_kept_whole(text, expected):
    assert marked(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("г. Заречный", f"г.{NBSP}Заречный"),
        ("ст. Кавказская", f"ст.{NBSP}Кавказская"),
        ("статьёй 351.8 (ст. 351.8)", f"статьёй 351.8 (ст.{NBSP}351.8)"),
        ("(далее — куратор)", f"(далее{NBSP}— куратор)"),
        ("с – по", f"с{NBSP}– по"),
    ],
)
def test_no_break_spaces(text, expected):
    assert "".join(segment.text for segment in segments(text)) == expected


def test_ordinary_text_is_left_alone():
    text = "Организовать реализацию мероприятий в сроки, установленные дорожной картой."
    assert segments(text) == (Segment(text),)


def test_the_html_is_escaped_and_marked():
    html = typeset_html("<b>Иванова Анна Петровна</b>\nстрока")
    assert html == '&lt;b&gt;<span class="name">Иванова Анна Петровна</span>&lt;/b&gt;<br>строка'
    # A double surname: one name, its hyphen kept whole.
    assert typeset_html("Римская-Корсакова Елена Андреевна") == (
        '<span class="nobr">Римская-Корсакова</span> <span class="name">Елена Андреевна</span>'
    )
    # A paragraph keeps the characters (CSS keeps the piece whole); a cell gets the no-break ones.
    assert typeset_html("№ 17-ОД") == '<span class="nobr">№ 17-ОД</span>'
    assert typeset_html("№ 17-ОД", cell=True) == f'<span class="whole">№{NBSP}17\u2011ОД</span>'
    # Digits alone need no span in a cell: nothing hyphenates them.
    assert typeset_html("2023-2024", cell=True) == "2023\u2060\u2013\u20602024"


# A long name in a narrow column ------------------------------------------------------------------

NAMES = ["Константинопольская Александра Вячеславовна", "Преображенская-Голенищева Евдокия Ростиславовна"]
# The same words as ordinary ones: they show the column is narrow enough to hyphenate them.
CONTROL = "константинопольская александра вячеславовна"
NOTE = "приказ № 3273-р от 31.12.2019; А. С. Белова; 01.09.2026 – 31.05.2027"
COLUMNS = ["№", "Наставник", "Наставляемый", "Форма", "Модель", "Срок", "Основание", "Подпись"]


@pytest.fixture
def narrow_order(db):
    school = OrganizationFactory(short_name="МБОУ «СОШ № 3»", full_name="МБОУ «СОШ № 3»")
    rows = [[str(number), *NAMES, CONTROL, "равный – равному", "2026–2027", NOTE, ""] for number in range(1, 4)]
    return Order(
        kind=OrderKind.objects.get(code="pairs-approval"),
        organization=school,
        status=Order.Status.REGISTERED,
        date=datetime.date(2026, 9, 1),
        number="17-ОД",
        place="г. Заречный",
        header_organization=school.full_name,
        title="Об утверждении наставнических пар/групп",
        items=[{"text": "Утвердить наставнические пары (приложение 1).", "responsible": "", "term": ""}],
        signatory_position="Директор",
        signatory_name="И. А. Алещенко",
        appendices=[{"title": "Состав пар", "columns": COLUMNS, "rows": rows}],
    )


def broken_words(text: str) -> set[str]:
    """Words hyphenated at a line end in the PDF's text: «Алек-\\nсандра» -> «Александра»."""
    found = re.findall(r"(\w+)[-\u2010]\n(\w+)", text)
    return {start + end for start, end in found}


def pdf_plain_text(order: Order) -> str:
    """The PDF's text with its line ends, the typography's characters read as plain ones."""
    text = "\n".join(pdf_pages_text(order_pdf(order)))
    text = text.replace(NBSP, " ").replace("\u2011", "-").replace("\u2060", "")
    return re.sub(r" {2,}", " ", text)  # justified lines are extracted with wider spaces


def test_the_pdf_hyphenates_ordinary_words_and_never_a_name(narrow_order):
    text = "\n".join(pdf_pages_text(order_pdf(narrow_order)))
    assert "3273\u2011р" in text  # what the PDF holds in a cell: a no-break hyphen
    text = text.replace(NBSP, " ").replace("\u2011", "-").replace("\u2060", "")
    broken = broken_words(text)
    # The columns are narrow: the same words written as ordinary ones are hyphenated…
    assert broken & set(CONTROL.split())
    # …the names are not, not even the double surname at its own hyphen.
    name_words = {word for name in NAMES for word in re.split(r"[ -]", name)}
    assert not broken & name_words
    assert "Преображенская-Голенищева" in text.replace("\n", "")
    assert "№ 3273-р" in text


# Many numbers, dates, initials and ranges in justified paragraphs: wherever the lines happen to
# end, none of them is split.
PIECES = [
    "приказом от 31.12.2019 № 3273-р (ответственный И. А. Алещенко) на 2023-2024 учебный год",
    "письмом от 21 декабря 2021 г. № АЗ-1128/08 (исполнитель Михайлова Е.В.) в г. Заречный",
    "распоряжением от 25.12.2019 № Р-145 (куратор А. С. Белова) на период 2021 – 2024 годов",
]


def test_paragraphs_never_break_a_number_a_date_initials_or_a_range(narrow_order):
    preamble = ", ".join(f"{piece} (пункт {index})" for index in range(12) for piece in PIECES)
    narrow_order.preamble = f"В соответствии с {preamble},"
    narrow_order.appendices = []
    text = pdf_plain_text(narrow_order)
    lines = text[text.index("В соответствии") : text.index("ПРИКАЗЫВАЮ")].split("\n")
    assert len(lines) > 40  # the preamble runs over many lines, so the pieces meet line ends
    for pattern in (
        r"№\s*$",  # «№» at the end of a line
        r"^\s*[\dА-ЯA-Z]+[-/][\dА-Я]",  # …and its number alone at the start of the next (a half of «3273-р»)
        r"\b[А-ЯЁ]\.\s*$",  # initials without their surname
        r"\b\d{4}\s*[–-]?\s*$",  # a year before its dash or «г.», or a range split at its dash
        r"^\s*г\.",  # «г.» at the start of a line, away from its year
        r"\b\d{1,2}\s*$",  # a day away from its month
    ):
        offenders = [line for line in lines if re.search(pattern, line)]
        assert not offenders, (pattern, offenders)
    assert text.count("2023–2024") == 12 and text.count("2021–2024") == 12


def test_the_docx_keeps_the_same_pieces_whole(narrow_order):
    document = Document(io.BytesIO(order_docx(narrow_order)))
    table = document.tables[-1]
    mentor = table.rows[1].cells[1].paragraphs[0]
    runs = [run for run in mentor.runs if run.text.strip()]
    assert [run.text for run in runs] == NAMES[0].split()
    for run in runs:  # neither Word nor LibreOffice hyphenates a run without proofing and language
        properties = run._r.rPr
        assert properties.find(qn("w:noProof")) is not None
        assert properties.find(qn("w:lang")).get(qn("w:val")) == "zxx"
    surname = table.rows[1].cells[2].paragraphs[0].runs[0].text
    assert surname == "Преображенская\u2011Голенищева"  # a no-break hyphen
    note = table.rows[1].cells[6].text
    assert f"№{NBSP}3273\u2011р" in note
    assert f"А.{NBSP}С.{NBSP}Белова" in note
    assert f"31.12.2019{NBSP}– 31.05.2027" not in note and f"01.09.2026{NBSP}– 31.05.2027" in note
    term = table.rows[1].cells[5].text
    assert term == "2026\u2060\u2013\u20602027"  # word joiners: the range does not break at its dash
    control = table.rows[1].cells[3].paragraphs[0].runs
    assert all(run._r.rPr is None or run._r.rPr.find(qn("w:noProof")) is None for run in control)
    signature = document.tables[0].rows[0].cells[2].text
    assert signature == f"И.{NBSP}А.{NBSP}Алещенко"
