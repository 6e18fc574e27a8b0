"""The numbers of the indicators in pages: a value as the dashboard shows it, and one coloured cell
of the dashboard's tables. Tags rather than included templates, and plain string building rather
than floatformat and format_html: the dashboard has hundreds of cells, and those made most of the
page's time (make bench)."""

from django import template
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from monitoring.indicators.rounding import half_up

register = template.Library()


def rounded(value, digits: int) -> str:
    """What ``floatformat(value, digits)`` shows (half up, the locale's decimal separator, no
    grouping, no «-0»), without its general machinery."""
    text = f"{half_up(value, digits):f}"
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]
    return text.replace(".", get_format("DECIMAL_SEPARATOR")) if digits else text


@register.simple_tag
def indicator_value(value, indicator, digits: int = 1) -> SafeString | str:
    """«12,5 %» for a share, «12» for a count, «—» for no value."""
    if value is None:
        return "—"
    if indicator.is_percent:
        return mark_safe(f"{rounded(value, digits)}&nbsp;%")
    return rounded(value, 0)


@register.simple_tag
def figures_note(value) -> SafeString:
    """«по данным на 01.04.2026» under a value divided by an earlier period's contingent figures."""
    note = value.figures_note if value is not None else ""
    if not note:
        return mark_safe("")
    return mark_safe(f'<div class="small text-warning-emphasis" data-testid="figures-on">{escape(note)}</div>')


# A cell's state against its target is told by its colour, by a sign after the value that the
# stylesheet draws (✓ meets, ▼ below: the cell's text stays the value) and, for a screen reader, by
# the words of the legend above the table, which describe the cell (WCAG 1.4.1).
LEGEND_IDS = {"meets": "target-legend-meets", "below": "target-legend-below", "no-value": "target-legend-no-value"}


@register.simple_tag
def indicator_cell(cell) -> SafeString:
    """A dashboard cell (``dashboard_views.Cell``): the value coloured against its target."""
    if cell.state == "not-applicable":
        content = '<span class="text-body-secondary">·</span>'
    else:
        content = indicator_value(cell.value.value, cell.value.indicator)
        if cell.href:
            content = f'<a href="{escape(cell.href)}" class="link-body-emphasis">{content}</a>'
        content += figures_note(cell.value)
    # The class and the state come from fixed sets; the title is a translated text.
    legend = LEGEND_IDS.get(cell.state)
    described = f' aria-describedby="{legend}"' if legend else ""
    return mark_safe(
        f'<td class="text-end {cell.css}" title="{escape(cell.title)}"{described} data-state="{cell.state}">'
        f"{content}</td>"
    )
