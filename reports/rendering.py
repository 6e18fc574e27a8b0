"""An order (or a letter) of the register as a document: PDF in the layout of ГОСТ Р 7.0.97, and DOCX.

Both print ``reports.order_content.order_content``, what the order's stored fields say.
"""

import dataclasses

from django.utils.html import format_html, format_html_join

from reports.docx import build_docx
from reports.models import Order
from reports.order_content import ACQUAINTED_COLUMNS, letterhead_parts, order_content
from reports.pdf import render_pdf

ORDER_TEMPLATE = "reports/order.html"
LETTER_TEMPLATE = "reports/letter.html"


def _letterhead_line(line: str) -> str:
    """HTML of a letterhead line whose short parts do not break inside (not even at «e-mail»'s hyphen)."""
    parts = (
        (format_html('<span class="whole">{}</span>', part) if whole else format_html("{}", part),)
        for part, whole in letterhead_parts(line)
    )
    return format_html_join(", ", "{}", parts)


def order_pdf(order: Order) -> bytes:
    # The templates print every text through reports.typography (the «typeset» filter).
    content = order_content(order)
    # The letterhead's short parts («e-mail: …», «ИНН …») never break inside.
    content = dataclasses.replace(content, header_details=[_letterhead_line(line) for line in content.header_details])
    template = LETTER_TEMPLATE if order.is_letter else ORDER_TEMPLATE
    return render_pdf(template, {"doc": content, "acquainted_columns": ACQUAINTED_COLUMNS})


def order_docx(order: Order) -> bytes:
    return build_docx(order_content(order))
