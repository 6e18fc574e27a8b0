"""An order (or a letter) of the register as a document: PDF in the layout of ГОСТ Р 7.0.97, and DOCX.

Both print ``reports.order_content.order_content``, what the order's stored fields say.
"""

from reports.docx import build_docx
from reports.models import Order, OrderKind
from reports.order_content import ACQUAINTED_COLUMNS, order_content
from reports.pdf import render_pdf

ORDER_TEMPLATE = "reports/order.html"
LETTER_TEMPLATE = "reports/letter.html"


def order_pdf(order: Order) -> bytes:
    # The templates print every text through reports.typography (the «typeset» filter).
    content = order_content(order)
    template = LETTER_TEMPLATE if order.kind.document == OrderKind.Document.LETTER else ORDER_TEMPLATE
    return render_pdf(template, {"doc": content, "acquainted_columns": ACQUAINTED_COLUMNS})


def order_docx(order: Order) -> bytes:
    return build_docx(order_content(order))
