"""Charts drawn on the server as SVG: no script, no other host, and the same markup prints in the
PDF reports. Every chart comes with a table of its numbers in the page (the fallback)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.safestring import SafeString
from django.utils.translation import gettext

from monitoring.indicators.rounding import half_up
from monitoring.svg import PRIMARY, element, scaled, svg

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 40
VALUE_COLOUR = PRIMARY
TARGET_COLOUR = "#dc3545"
GRID_COLOUR = "#dee2e6"
TEXT_COLOUR = "#495057"
DASHES = "5 3"


@dataclass(frozen=True)
class Point:
    label: str  # e.g. the reporting date «01.04.2026»
    value: Decimal | None
    target: Decimal | None


def _number(value: Decimal | float) -> str:
    """The value as the tables beside the chart show it (half up, not the float's rounding: 4.55 is
    4,6 there and must not be 4,5 here), without a trailing «,0»."""
    text = f"{half_up(value):f}".replace(".", ",")
    return text.removesuffix(",0")


def _at(coordinate: float) -> str:
    return f"{coordinate:.1f}"


def _scale_top(points: list[Point], percent: bool) -> float:
    highest = max([float(v) for p in points for v in (p.value, p.target) if v is not None] or [0])
    if percent and highest <= 100:
        return 100.0
    if highest <= 0:
        return 1.0
    # A round top: 1, 2 or 5 times a power of ten, at least the highest value.
    magnitude = 10 ** (len(str(int(highest))) - 1)
    for step in (1, 2, 5, 10):
        if step * magnitude >= highest:
            return float(step * magnitude)
    return highest


def _text(content, x, y, *, colour: str = TEXT_COLOUR, anchor: str = "") -> SafeString:
    placing = {"text_anchor": anchor} if anchor else {}
    return element("text", content, x=x, y=y, **placing, fill=colour)


def trend_chart(points: list[Point], *, title: str, percent: bool = True) -> SafeString:
    """A line of the values by period against a dashed line of the targets."""
    top = _scale_top(points, percent)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(points)

    def x(index: int) -> float:
        return LEFT + (plot_width * (index + 0.5) / count if count else 0)

    def y(value: Decimal) -> float:
        return TOP + plot_height - scaled(value, top, plot_height)

    parts = []
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        level = TOP + plot_height * (1 - fraction)
        parts += [
            element("line", x1=LEFT, y1=_at(level), x2=WIDTH - RIGHT, y2=_at(level), stroke=GRID_COLOUR),
            _text(f"{_number(top * fraction)}{'%' if percent else ''}", LEFT - 4, _at(level + 4), anchor="end"),
        ]
    for index, point in enumerate(points):
        parts.append(_text(point.label, _at(x(index)), HEIGHT - BOTTOM + 16, anchor="middle"))
    # The target as a dashed step over each period's slot: visible with one period too, and
    # a new year's target starts where that year's periods do.
    half = plot_width / count * 0.45 if count else 0
    for index, point in enumerate(points):
        if point.target is not None:
            level = _at(y(point.target))
            parts.append(
                element(
                    "line",
                    x1=_at(x(index) - half),
                    y1=level,
                    x2=_at(x(index) + half),
                    y2=level,
                    stroke=TARGET_COLOUR,
                    stroke_width=2,
                    stroke_dasharray=DASHES,
                )
            )
    parts += _line([(x(i), y(p.value)) for i, p in enumerate(points) if p.value is not None], VALUE_COLOUR)
    for index, point in enumerate(points):
        if point.value is not None:
            parts.append(
                _text(
                    _number(point.value), _at(x(index)), _at(y(point.value) - 7), colour=VALUE_COLOUR, anchor="middle"
                )
            )
    legend_y = HEIGHT - 8
    parts += [
        element("line", x1=LEFT, y1=legend_y - 4, x2=LEFT + 20, y2=legend_y - 4, stroke=VALUE_COLOUR, stroke_width=2),
        _text(gettext("value"), LEFT + 24, legend_y),
        element(
            "line",
            x1=LEFT + 110,
            y1=legend_y - 4,
            x2=LEFT + 130,
            y2=legend_y - 4,
            stroke=TARGET_COLOUR,
            stroke_width=2,
            stroke_dasharray=DASHES,
        ),
        _text(gettext("target"), LEFT + 134, legend_y),
    ]
    if not any(point.value is not None for point in points):
        parts.append(
            _text(gettext("No values yet"), _at(LEFT + plot_width / 2), _at(TOP + plot_height / 2), anchor="middle")
        )
    return svg(
        WIDTH,
        HEIGHT,
        *parts,
        css_class="trend-chart",
        label=title,
        shown_width="100%",
        font_family="sans-serif",
        font_size=11,
    )


def _line(coordinates: list[tuple[float, float]], colour: str) -> list[SafeString]:
    if not coordinates:
        return []
    path = " ".join(f"{_at(x)},{_at(y)}" for x, y in coordinates)
    parts = [element("polyline", points=path, fill="none", stroke=colour, stroke_width=2)]
    return parts + [element("circle", cx=_at(x), cy=_at(y), r=3.5, fill=colour) for x, y in coordinates]
