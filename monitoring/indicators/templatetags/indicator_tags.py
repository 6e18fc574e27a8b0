"""The numbers of the indicators in pages: a value as the dashboard shows it, and one coloured cell
of the dashboard's tables. Tags rather than included templates: the dashboard has hundreds of
cells, and an include per cell cost more than the rest of the page (make bench)."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def indicator_value(value, indicator, digits: int = 1) -> SafeString | str:
    """«12,5 %» for a share, «12» for a count, «—» for no value."""
    if value is None:
        return "—"
    if indicator.is_percent:
        return format_html("{}&nbsp;%", floatformat(value, digits))
    return floatformat(value, 0)


@register.simple_tag
def indicator_cell(cell) -> SafeString:
    """A dashboard cell (``dashboard_views.Cell``): the value coloured against its target."""
    if cell.state == "not-applicable":
        content = mark_safe('<span class="text-body-secondary">·</span>')
    else:
        content = indicator_value(cell.value.value, cell.value.indicator)
    return format_html(
        '<td class="text-end {}" title="{}" data-state="{}">{}</td>', cell.css, cell.title, cell.state, content
    )
