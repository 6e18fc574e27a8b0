"""monitoring/svg.py, the drawing the results' bar charts and the indicators' trend charts share."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from monitoring.charts import bar_chart, column_chart
from monitoring.indicators.charts import Point, trend_chart
from monitoring.svg import element, scaled, svg

HOSTILE = "<script>alert(\"1\")</script> & 'x'"
ESCAPED = "&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt; &amp; &#x27;x&#x27;"


def test_texts_and_attribute_values_are_escaped():
    drawn = element("text", HOSTILE, x=1, data_note=HOSTILE)
    assert drawn == f'<text x="1" data-note="{ESCAPED}">{ESCAPED}</text>'
    assert "<script" not in svg(10, 10, drawn, css_class="c", label=HOSTILE)


def test_the_root_is_named_by_its_label_or_left_to_the_table():
    named = svg(560, 220, css_class="trend-chart", label="Доля & охват", shown_width="100%")
    assert named == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 560 220" width="100%" role="img" '
        'aria-label="Доля &amp; охват" class="trend-chart"><title>Доля &amp; охват</title></svg>'
    )
    hidden = svg(30, 20, element("rect", width=5), css_class="results-chart")
    assert hidden == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 20" width="30" role="img" '
        'aria-hidden="true" class="results-chart"><rect width="5"></rect></svg>'
    )


def test_shapes_close_themselves_and_texts_do_not():
    assert element("line", x1=0, stroke_width=2) == '<line x1="0" stroke-width="2"/>'
    assert element("text", "", class_="n") == '<text class="n"></text>'


@pytest.mark.parametrize(
    ("value", "top", "length", "drawn"),
    [
        (Decimal("25"), 100, 300, 75.0),
        (3, 4, 90, 67.5),
        (Decimal("150"), 100, 300, 300.0),  # over the top: stops at the end of the scale
        (0, 100, 300, 0.0),
        (5, 0, 300, 0.0),  # an empty scale draws nothing
    ],
)
def test_values_are_scaled_to_the_length_of_the_scale(value, top, length, drawn):
    assert scaled(value, top, length) == drawn


def test_the_charts_escape_the_users_words():
    bars = [
        SimpleNamespace(label=HOSTILE, count=2, percent=Decimal("40")),
        SimpleNamespace(label="Нет", count=3, percent=Decimal("60")),
    ]
    points = [Point(label=HOSTILE, value=Decimal("40"), target=Decimal("50"))]
    for chart in (bar_chart(bars), column_chart(bars), trend_chart(points, title=HOSTILE)):
        assert "<script" not in chart and "&lt;script&gt;" in chart


def test_the_bars_are_as_long_as_their_share_and_the_columns_as_high_as_their_count():
    bars = [
        SimpleNamespace(label="Да", count=1, percent=Decimal("25")),
        SimpleNamespace(label="Нет", count=3, percent=Decimal("75")),
    ]
    assert 'width="75.0" height="14"' in bar_chart(bars) and 'width="225.0" height="14"' in bar_chart(bars)
    assert 'width="26" height="30"' in column_chart(bars) and 'width="26" height="90"' in column_chart(bars)
