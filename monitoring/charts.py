"""Server-side SVG bar charts of the results (each page shows the same figures as a table too)."""

from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ROW_HEIGHT = 22
BAR_WIDTH = 300
COUNT_WIDTH = 90
MAX_LABEL = 40
# Roughly the width of a character of the 12px labels, to fit the label column to the labels.
CHARACTER_WIDTH = 7
COLUMN_WIDTH, COLUMN_HEIGHT = 34, 90
COLOR = "#0d6efd"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _percent(value) -> str:
    """In the reader's locale: «81,82» in Russian."""
    return formats.number_format(value, 2)


def _svg(width: int, height: int, body) -> SafeString:
    # The chart repeats the table next to it: screen readers read the table (aria-hidden here).
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" '
        'role="img" aria-hidden="true" class="results-chart">{}</svg>',
        width,
        height,
        width,
        body,
    )


def bar_chart(bars) -> SafeString:
    """Horizontal bars: the label, a bar as long as the share, the count and percent."""
    label_width = CHARACTER_WIDTH * max(len(_short(bar.label)) for bar in bars) + 10
    rows = format_html_join(
        "",
        '<g transform="translate(0,{})"><title>{}: {} ({} %)</title>'
        '<text x="{}" y="15" text-anchor="end" font-size="12">{}</text>'
        '<rect x="{}" y="4" width="{}" height="14" fill="{}"></rect>'
        '<text x="{}" y="15" font-size="12">{} ({} %)</text></g>',
        (
            (
                index * ROW_HEIGHT,
                bar.label,
                bar.count,
                _percent(bar.percent),
                label_width - 6,
                _short(bar.label),
                label_width,
                (length := round(BAR_WIDTH * float(bar.percent) / 100, 1)),
                COLOR,
                label_width + length + 4,
                bar.count,
                _percent(bar.percent),
            )
            for index, bar in enumerate(bars)
        ),
    )
    return _svg(label_width + BAR_WIDTH + COUNT_WIDTH, ROW_HEIGHT * len(bars), rows)


def column_chart(bars) -> SafeString:
    """Columns for a 1–10 scale: the score under its column, the count above it."""
    top = max((bar.count for bar in bars), default=0) or 1
    columns = format_html_join(
        "",
        '<g transform="translate({},0)"><title>{}: {} ({} %)</title>'
        '<rect x="4" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="11">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="12">{}</text></g>',
        (
            (
                index * COLUMN_WIDTH,
                bar.label,
                bar.count,
                _percent(bar.percent),
                16 + COLUMN_HEIGHT - (height := round(COLUMN_HEIGHT * bar.count / top)),
                COLUMN_WIDTH - 8,
                height,
                COLOR,
                COLUMN_WIDTH / 2,
                12 + COLUMN_HEIGHT - height,
                bar.count or "",
                COLUMN_WIDTH / 2,
                COLUMN_HEIGHT + 30,
                bar.label,
            )
            for index, bar in enumerate(bars)
        ),
    )
    return _svg(COLUMN_WIDTH * len(bars), COLUMN_HEIGHT + 36, columns)
