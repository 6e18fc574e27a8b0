"""The one rounding of the indicators' numbers. Values are kept exact (selectors, aggregates) and
rounded once, half up, to what the user sees: one decimal of a percent on pages, in charts and in
PDFs. The XLSX keeps the exact value and leaves the shown digits to the cell's format."""

from decimal import ROUND_HALF_UP, Decimal

SHOWN_DIGITS = 1


def half_up(value: Decimal | int | float, digits: int = SHOWN_DIGITS) -> Decimal:
    """4.545… -> 4.5, 4.25 -> 4.3 (not the float's 4.2): once, from the exact value."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
