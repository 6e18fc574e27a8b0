"""The drawing every server-side SVG chart shares: the chart's root, its elements and the scale.

Charts are drawn on the server (no script, no other host, the same markup prints in the PDF
reports), so every text in them is a user's words: answers, names of indicators. Building the
markup only through ``element`` escapes each text and attribute value in one place.
"""

from html import escape

from django.utils.safestring import SafeData, SafeString, mark_safe

NAMESPACE = "http://www.w3.org/2000/svg"
# The interface's blue: the bars of the results and the line of an indicator's values.
PRIMARY = "#0d6efd"
# Shapes that never hold text close themselves; any other element gets its closing tag.
EMPTY = frozenset({"line", "circle", "polyline"})


def _escaped(value) -> str:
    # The standard library's escape gives the same entities as Django's, without its lazy-string
    # wrappers: a dashboard draws thousands of attributes (make bench).
    return str(value) if isinstance(value, SafeData) else escape(str(value), quote=True)


def element(tag: str, *children, **attributes) -> SafeString:
    """``<tag name="value" …>children</tag>``, every value and child text escaped. Attribute
    names are written as in SVG with ``_`` for ``-`` (``text_anchor``) and ``class_`` for ``class``."""
    attrs = "".join(
        f' {name.removesuffix("_").replace("_", "-")}="{_escaped(value)}"' for name, value in attributes.items()
    )
    if tag in EMPTY and not children:
        return mark_safe(f"<{tag}{attrs}/>")
    body = "".join(_escaped(child) for child in children)
    return mark_safe(f"<{tag}{attrs}>{body}</{tag}>")


def svg(width, height, *children, css_class: str, label: str = "", shown_width=None, **attributes) -> SafeString:
    """The root of a chart, ``width`` × ``height`` units drawn ``shown_width`` wide (its own width
    by default). Named by ``label`` it is an image of its own, titled for the mouse too; without,
    it repeats the table next to it and screen readers read the table instead (aria-hidden)."""
    naming = {"aria_label": label} if label else {"aria_hidden": "true"}
    title = [element("title", label)] if label else []
    return element(
        "svg",
        *title,
        *children,
        xmlns=NAMESPACE,
        viewBox=f"0 0 {width} {height}",
        width=width if shown_width is None else shown_width,
        role="img",
        **naming,
        class_=css_class,
        **attributes,
    )


def scaled(value, top: float, length: float) -> float:
    """How long ``value`` is drawn on a scale from 0 to ``top`` that is ``length`` long; a value
    over the top stops at the end of the scale, and a scale with nothing on it draws nothing."""
    if top <= 0:
        return 0.0
    return length * min(float(value), top) / top
