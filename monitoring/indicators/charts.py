"""Charts drawn on the server as SVG: no script, no other host, and the same markup prints in the
PDF reports. Every chart comes with a table of its numbers in the page (the fallback)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 40
VALUE_COLOUR = "#0d6efd"
TARGET_COLOUR = "#dc3545"
GRID_COLOUR = "#dee2e6"
TEXT_COLOUR = "#495057"


@dataclass(frozen=True)
class Point:
    label: str  # e.g. the reporting date «01.04.2026»
    value: Decimal | None
    target: Decimal | None


def _number(value: Decimal | float) -> str:
    text = f"{float(value):.1f}".replace(".", ",")
    return text.removesuffix(",0")


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


def trend_chart(points: list[Point], *, title: str, percent: bool = True) -> SafeString:
    """A line of the values by period against a dashed line of the targets."""
    top = _scale_top(points, percent)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(points)

    def x(index: int) -> float:
        return LEFT + (plot_width * (index + 0.5) / count if count else 0)

    def y(value: Decimal) -> float:
        return TOP + plot_height * (1 - min(float(value), top) / top)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-label="{escape(title)}" class="trend-chart" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        level = TOP + plot_height * (1 - fraction)
        parts.append(
            f'<line x1="{LEFT}" y1="{level:.1f}" x2="{WIDTH - RIGHT}" y2="{level:.1f}" stroke="{GRID_COLOUR}"/>'
            f'<text x="{LEFT - 4}" y="{level + 4:.1f}" text-anchor="end" fill="{TEXT_COLOUR}">'
            f"{_number(top * fraction)}{'%' if percent else ''}</text>"
        )
    for index, point in enumerate(points):
        parts.append(
            f'<text x="{x(index):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" fill="{TEXT_COLOUR}">'
            f"{escape(point.label)}</text>"
        )
    # The target as a dashed step over each period's slot: visible with one period too, and
    # a new year's target starts where that year's periods do.
    half = plot_width / count * 0.45 if count else 0
    for index, point in enumerate(points):
        if point.target is not None:
            level = y(point.target)
            parts.append(
                f'<line x1="{x(index) - half:.1f}" y1="{level:.1f}" x2="{x(index) + half:.1f}" y2="{level:.1f}" '
                f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
            )
    parts += _line([(x(i), y(p.value)) for i, p in enumerate(points) if p.value is not None], VALUE_COLOUR)
    for index, point in enumerate(points):
        if point.value is not None:
            parts.append(
                f'<text x="{x(index):.1f}" y="{y(point.value) - 7:.1f}" text-anchor="middle" '
                f'fill="{VALUE_COLOUR}">{_number(point.value)}</text>'
            )
    legend_y = HEIGHT - 8
    # Translated outside the f-strings: xgettext does not see calls inside them.
    value_label, target_label, empty_label = gettext("value"), gettext("target"), gettext("No values yet")
    parts.append(
        f'<line x1="{LEFT}" y1="{legend_y - 4}" x2="{LEFT + 20}" y2="{legend_y - 4}" stroke="{VALUE_COLOUR}" '
        f'stroke-width="2"/><text x="{LEFT + 24}" y="{legend_y}" fill="{TEXT_COLOUR}">{escape(value_label)}</text>'
        f'<line x1="{LEFT + 110}" y1="{legend_y - 4}" x2="{LEFT + 130}" y2="{legend_y - 4}" '
        f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="5 3"/>'
        f'<text x="{LEFT + 134}" y="{legend_y}" fill="{TEXT_COLOUR}">{escape(target_label)}</text>'
    )
    if not any(point.value is not None for point in points):
        parts.append(
            f'<text x="{LEFT + plot_width / 2:.1f}" y="{TOP + plot_height / 2:.1f}" text-anchor="middle" '
            f'fill="{TEXT_COLOUR}">{escape(empty_label)}</text>'
        )
    parts.append("</svg>")
    # Every piece of text above is escaped; the rest are numbers we formatted ourselves.
    return mark_safe("".join(parts))


def _line(coordinates: list[tuple[float, float]], colour: str) -> list[str]:
    if not coordinates:
        return []
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
    parts = [f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>']
    return parts + [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>' for x, y in coordinates]
