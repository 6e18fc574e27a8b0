"""Typography of the official documents, applied to their text when the PDF and the DOCX are made.

A line never breaks inside what a reader takes in at once: a person's name is not hyphenated
(«Алек-сандр», «Рома-новна»), initials stay with the surname («И. А.␣Алещенко»), «№» with its
number, a date with its parts, a range of years with its dash; «г.», «ст.», «им.» stay with what they
precede, a year with its «г.», and a dash never starts a line. Ordinary words keep being hyphenated
(WeasyPrint with ``hyphens: auto`` and ``lang="ru"``; Word and LibreOffice by the document's language).

``segments`` cuts a text into pieces marked for that, once for both formats: the PDF wraps the pieces
in ``<span class="name">`` (no hyphenation) and ``<span class="nobr">`` (no hyphenation, no-break
spaces, hyphens and word joiners), see ``typeset_html``; the DOCX writes them as runs excluded from
hyphenation, with the same characters (reports.docx). The stored text of an order is not changed.
"""

import dataclasses
import functools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

NBSP = "\u00a0"
NB_HYPHEN = "\u2011"
WORD_JOINER = "\u2060"
EN_DASH = "\u2013"

PLAIN = ""
NAME = "name"  # not hyphenated, may break at its spaces
NOBR = "nobr"  # neither hyphenated nor broken

_UP, _LOW = "А-ЯЁ", "а-яё"
_SURNAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
_FIRST = rf"[{_UP}][{_LOW}]+"
# A Russian patronymic in any case («Ивановна», «Ивановну», «Ильича», «Никитичной»), or a Turkic one.
_PATRONYMIC = rf"(?:[{_UP}][{_LOW}]*(?:вич|вн|ичн|чн|ич)[{_LOW}]*|[{_UP}][{_LOW}]+ (?:оглы|кызы))"
_INITIALS = rf"[{_UP}]\.[ {NBSP}]?(?:[{_UP}]\.)?"
_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"

_PATTERN = re.compile(
    "|".join(
        [
            rf"(?P<full>\b{_SURNAME} {_FIRST} {_PATRONYMIC}(?![{_LOW}]))",
            rf"(?P<initials>\b{_INITIALS}[ {NBSP}]?{_SURNAME}(?![{_LOW}])"
            # «Михайлова Е.В.», unless the initials belong to the surname after them («Директор И.А. Алещенко»).
            rf"|\b{_SURNAME} {_INITIALS}(?![{_UP}{_LOW}]|[ {NBSP}]?[{_UP}][{_LOW}]))",
            # «№ 3273-р», «№ АЗ-1128/08», «№ 223/1-ОД», «№120».
            rf"(?P<number>№[ {NBSP}]?[0-9A-Za-z{_UP}{_LOW}](?:[\w/.\-]*[0-9A-Za-z{_UP}{_LOW}])?)",
            # «2023-2024», «2021 – 2024», «2026/2027»: one unbreakable range with an en dash.
            r"(?P<years>\b(?:1[89]|2[01])\d\d(?:[ ]?[-–—][ ]?|/)(?:1[89]|2[01])\d\d\b)",
            # «31.12.2019», «31.12.2019 г.», «31 декабря 2019 г.», «1 сентября».
            rf"(?P<date>\b\d{{2}}\.\d{{2}}\.\d{{4}}(?:[ {NBSP}]?г\.)?"
            rf"|\b\d{{1,2}} (?:{_MONTHS})(?: \d{{4}}(?: ?г\.)?)?)",
            r"(?P<year>\b\d{4} ?г\.)",
            # «г. Заречный», «ст. Кавказская», «им. А. С. Пушкина», «п. 29», «ст. 351.8»: glued to what follows.
            rf"(?P<abbr>\b(?:г|ст|с|п|пос|им|ул|д|х)\.) (?=[{_UP}0-9])",
            # A dash between words never starts a line: the space before it does not break.
            r"(?P<dash> [–—] )",
        ]
    )
)


_LETTER = re.compile(rf"[{_UP}{_LOW}A-Za-z]")


@dataclasses.dataclass(frozen=True)
class Segment:
    text: str
    kind: str = PLAIN


def _name_segments(text: str) -> list[Segment]:
    """The words of a full name: each unhyphenated, a double surname unbroken at its hyphen."""
    result = []
    for index, word in enumerate(text.split(" ")):
        if index:
            result.append(Segment(" "))
        result.append(Segment(word, NOBR if "-" in word else NAME))
    return result


@functools.lru_cache(maxsize=16384)
def segments(text: str) -> tuple[Segment, ...]:
    """The text cut into plain pieces and pieces that must not be hyphenated or broken."""
    result: list[Segment] = []
    position = 0
    for found in _PATTERN.finditer(text):
        if found.start() > position:
            result.append(Segment(text[position : found.start()]))
        kind = found.lastgroup
        value = found.group()
        if kind == "full":
            result += _name_segments(value)
        elif kind == "years":
            start, end = re.split(r"[ ]?[-–—][ ]?|/", value)
            separator = "/" if "/" in value else EN_DASH
            result.append(Segment(f"{start}{separator}{end}", NOBR))
        elif kind == "abbr":
            result.append(Segment(found.group("abbr") + NBSP))
        elif kind == "dash":
            result.append(Segment(NBSP + value.strip() + " "))
        else:  # initials with the surname, a number, a date, a year with «г.»
            result.append(Segment(value, NOBR))
        position = found.end()
    if position < len(text):
        result.append(Segment(text[position:]))
    return tuple(result)


def typeset_html(text, *, cell: bool = False) -> SafeString:
    """The text as HTML for the PDF: escaped, line breaks as <br>, the pieces in their spans: a whole
    name in one ``name`` span, an unbreakable piece in a ``nobr`` one, kept on one line by CSS (a
    copied text then reads as typed). In a table's cell the pieces get the no-break characters
    instead, so that a cell too narrow for one may still break it rather than let it run over the
    next column; a piece without letters needs no span there, as nothing hyphenates digits. Few spans
    keep WeasyPrint fast: every inline box costs it time on a 300-row appendix."""
    if text is None or text == "":
        return mark_safe("")
    parts = []
    open_name = False
    for segment in segments(str(text)):
        if open_name and segment.kind != NAME and segment.text != " ":
            parts.append("</span>")
            open_name = False
        if segment.kind == NAME:
            if not open_name:
                parts.append('<span class="name">')
                open_name = True
            parts.append(escape(segment.text))
            continue
        piece = unbreakable_text(segment) if cell else segment.text
        escaped = escape(piece).replace("\n", "<br>")
        if segment.kind == NOBR and (not cell or _LETTER.search(piece)):
            escaped = f'<span class="{"whole" if cell else "nobr"}">{escaped}</span>'
        parts.append(escaped)
    if open_name:
        parts.append("</span>")
    return mark_safe("".join(parts))  # every piece is escaped above


def unbreakable_text(segment: Segment) -> str:
    """What a piece is written as: an unbreakable one with no-break spaces and hyphens and its dash
    joined to the digits by word joiners, so that neither WeasyPrint nor Word breaks it (Word has no
    «nowrap» for a run; in the PDF a too narrow table cell may still break it, see _order_style.html)."""
    if segment.kind != NOBR:
        return segment.text
    text = segment.text.replace(" ", NBSP).replace("-", NB_HYPHEN)
    return text.replace(EN_DASH, f"{WORD_JOINER}{EN_DASH}{WORD_JOINER}")


def unbreakable_words(text: str) -> list[str]:
    """The pieces of a text that must stay whole on a line (names' words, numbers, dates), for the
    width of a table's column."""
    return [segment.text for segment in segments(text) if segment.kind]
