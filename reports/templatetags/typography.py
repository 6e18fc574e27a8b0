"""``{{ text|typeset }}`` and ``{{ cell|typeset_cell }}``: a document's text as HTML with its typography
(reports.typography)."""

from django import template

from reports.typography import typeset_html

register = template.Library()


@register.filter
def typeset(text):
    return typeset_html(text)


@register.filter
def typeset_cell(text):
    """The same in a table's cell: the no-break characters instead of «nowrap» (reports.typography)."""
    return typeset_html(text, cell=True)
