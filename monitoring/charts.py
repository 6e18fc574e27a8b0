"""Server-side SVG bar charts of the results (each page shows the same figures as a table too)."""

from django.utils import formats
from django.utils.safestring import SafeString

from monitoring.svg import PRIMARY, element, scaled, svg

ROW_HEIGHT = 22
BAR_WIDTH = 300
COUNT_WIDTH = 90
MAX_LABEL = 40
# Roughly the width of a character of the 12px labels, to fit the label column to the labels.
CHARACTER_WIDTH = 7
COLUMN_WIDTH, COLUMN_HEIGHT = 34, 90


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _percent(value) -> str:
    """In the reader's locale: «81,82» in Russian."""
    return formats.number_format(value, 2)


def _chart(width: int, height: int, groups) -> SafeString:
    # The chart repeats the table next to it: screen readers read the table (no label here).
    return svg(width, height, *groups, css_class="results-chart")


def _title(bar) -> SafeString:
    return element("title", f"{bar.label}: {bar.count} ({_percent(bar.percent)} %)")


def bar_chart(bars) -> SafeString:
    """Horizontal bars: the label, a bar as long as the share, the count and percent."""
    label_width = CHARACTER_WIDTH * max(len(_short(bar.label)) for bar in bars) + 10
    rows = []
    for index, bar in enumerate(bars):
        length = round(scaled(bar.percent, 100, BAR_WIDTH), 1)
        rows.append(
            element(
                "g",
                _title(bar),
                element("text", _short(bar.label), x=label_width - 6, y=15, text_anchor="end", font_size=12),
                element("rect", x=label_width, y=4, width=length, height=14, fill=PRIMARY),
                element(
                    "text", f"{bar.count} ({_percent(bar.percent)} %)", x=label_width + length + 4, y=15, font_size=12
                ),
                transform=f"translate(0,{index * ROW_HEIGHT})",
            )
        )
    return _chart(label_width + BAR_WIDTH + COUNT_WIDTH, ROW_HEIGHT * len(bars), rows)


def column_chart(bars) -> SafeString:
    """Columns for a 1–10 scale: the score under its column, the count above it."""
    top = max((bar.count for bar in bars), default=0) or 1
    columns = []
    for index, bar in enumerate(bars):
        height = round(scaled(bar.count, top, COLUMN_HEIGHT))
        middle = COLUMN_WIDTH / 2
        columns.append(
            element(
                "g",
                _title(bar),
                element(
                    "rect", x=4, y=16 + COLUMN_HEIGHT - height, width=COLUMN_WIDTH - 8, height=height, fill=PRIMARY
                ),
                element(
                    "text", bar.count or "", x=middle, y=12 + COLUMN_HEIGHT - height, text_anchor="middle", font_size=11
                ),
                element("text", bar.label, x=middle, y=COLUMN_HEIGHT + 30, text_anchor="middle", font_size=12),
                transform=f"translate({index * COLUMN_WIDTH},0)",
            )
        )
    return _chart(COLUMN_WIDTH * len(bars), COLUMN_HEIGHT + 36, columns)
