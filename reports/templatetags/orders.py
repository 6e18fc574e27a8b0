"""Links to orders of the register, for templates of any page that names an order.

``{% load orders %}`` … ``{% if request|can_open_order:roadmap.approved_by %}<a href="…">`` shows the
link only where the order page opens (reports.selectors.order_in_register); elsewhere the template
names the order as plain text.
"""

from django import template

from reports.order_content import chapters_of
from reports.selectors import order_in_register

register = template.Library()


@register.filter
def can_open_order(request, order) -> bool:
    return order is not None and order_in_register(getattr(request, "tenant", None), order)


@register.filter
def chapters(appendix: dict) -> list:
    """An appendix in sections (a Положение) numbered as it prints: ``{% for chapter in appendix|chapters %}``."""
    return chapters_of(appendix.get("chapters") or [])
