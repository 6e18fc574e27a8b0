"""What a Положение prints: alone (PDF and DOCX) and as the appendix of the order approving it.

Both are made from a version's stored title and sections; the numbering of the sections and their
paragraphs is reports.order_content.chapters_of, the same for the order's appendix and the document
alone.
"""

import dataclasses

from accounts.models import Organization
from mentoring.declension import agreed_with_title
from reports.docx import Builder
from reports.order_content import BLANK_IN_LINE, Chapter, approval_stamp, chapters_of
from reports.pdf import render_pdf
from reports.statute.models import StatuteVersion
from reports.statute.selectors import statute_in_force

STAMP_WORD = "УТВЕРЖДЕНО"
DOCUMENT_TEMPLATE = "reports/statute/document.html"


def intro_lines(title: str) -> list[str]:
    """«Положение о системе наставничества в …» as a regulation heads it: «ПОЛОЖЕНИЕ» on a line of its
    own, then what it is about; another title (a municipal target model) stands as it is."""
    title = " ".join(title.split())
    first, _, rest = title.partition(" ")
    if first.lower() == "положение" and rest:
        return ["ПОЛОЖЕНИЕ", rest]
    return [title]


def stamp_word(version: StatuteVersion) -> str:
    """«УТВЕРЖДЕНО» agreed with the document's title: «УТВЕРЖДЕНА» for a «Муниципальная целевая модель …»."""
    return agreed_with_title(STAMP_WORD, version.title)


def order_appendix(version: StatuteVersion) -> dict:
    """The version as the appendix of the order approving it (reports.services.order_draft's layout):
    the stamp «УТВЕРЖДЕНО приказом от … № …» filled from the order, the title, the sections, and
    which version it is, which the registration approves (reports.statute.receivers)."""
    return {
        "stamp": [],
        "stamp_word": stamp_word(version),
        "intro": intro_lines(version.title),
        "chapters": [{"title": section["title"], "text": section["text"]} for section in version.sections],
        "statute_version": version.pk,
    }


@dataclasses.dataclass(frozen=True)
class StatuteDocument:
    title: str
    is_draft: bool
    stamp: list[str]
    intro: list[str]
    chapters: list[Chapter]
    cancelled_mark: str = ""  # what the DOCX header reads besides the draft's mark


def statute_document(version: StatuteVersion) -> StatuteDocument:
    """An approved version carries the order's number and date; a draft, the blanks to fill in and
    the «ПРОЕКТ» mark."""
    if version.is_approved:
        on = f"от {version.approved_on:%d.%m.%Y} № {version.approved_number}"
    else:
        on = f"от {BLANK_IN_LINE} № {BLANK_IN_LINE}"
    return StatuteDocument(
        title=version.title,
        is_draft=not version.is_approved,
        stamp=approval_stamp([], stamp_word(version), on),
        intro=intro_lines(version.title),
        chapters=chapters_of(version.sections),
    )


def statute_pdf(version: StatuteVersion) -> bytes:
    return render_pdf(DOCUMENT_TEMPLATE, {"doc": statute_document(version)})


def statute_docx(version: StatuteVersion) -> bytes:
    document = statute_document(version)
    return Builder(document).statute(document.stamp, document.intro, document.chapters)


def statute_in_force_pdf(*, organization: Organization) -> bytes | None:
    """The PDF of the organization's Положение in force (for publishing it), or None without one."""
    version = statute_in_force(organization)
    return statute_pdf(version) if version is not None else None
