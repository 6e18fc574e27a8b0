"""An order (or a letter) of the register as a document: PDF in the layout of ГОСТ Р 7.0.97, and DOCX.

Both print ``reports.order_content.order_content``, what the order's stored fields say.
"""

import dataclasses
import re

from reports.docx import build_docx
from reports.models import Order, OrderKind
from reports.order_content import ACQUAINTED_COLUMNS, order_content
from reports.pdf import render_pdf

ORDER_TEMPLATE = "reports/order.html"
LETTER_TEMPLATE = "reports/letter.html"

NBSP = "\u00a0"
# «№ 3», «г. Заречный», «им. А. С. Пушкина»: a line must not break inside them.
_GLUED = re.compile(r"(№|\b(?i:г|им|с|п|д)\.|\b[А-ЯЁ]\.)[ \t]+(?=\S)")


def _keep_together(text: str) -> str:
    return _GLUED.sub(lambda match: match.group(1) + NBSP, text)


def order_pdf(order: Order) -> bytes:
    content = order_content(order)
    # The centred header breaks its lines where WeasyPrint likes; keep «№ 3», «г. Заречный» whole.
    content = dataclasses.replace(
        content,
        header_founder=_keep_together(content.header_founder),
        header_organization=_keep_together(content.header_organization),
    )
    template = LETTER_TEMPLATE if order.kind.document == OrderKind.Document.LETTER else ORDER_TEMPLATE
    return render_pdf(template, {"doc": content, "acquainted_columns": ACQUAINTED_COLUMNS})


def order_docx(order: Order) -> bytes:
    return build_docx(order_content(order))
