"""The dashboard's number tags show what Django's floatformat would, faster."""

import math
from decimal import Decimal
from fractions import Fraction

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from monitoring.indicators import charts
from monitoring.indicators.selectors import share
from monitoring.indicators.templatetags.indicator_tags import indicator_value, rounded

values = st.one_of(
    st.decimals(min_value=-1000, max_value=100000, places=4, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-1000, max_value=10**7),
)


@given(value=values, digits=st.sampled_from([0, 1, 2]))
def test_rounded_is_floatformat(value, digits):
    with translation.override("ru"):
        assert rounded(value, digits) == floatformat(value, digits)


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [(Decimal("12.25"), 1, "12,3"), (Decimal("12.35"), 1, "12,4"), (Decimal("-0.04"), 1, "0,0"), (7, 1, "7,0"),
     (Decimal("2.5"), 0, "3"), (Decimal("-0.4"), 0, "0"), (12345, 0, "12345")],
)  # fmt: skip
def test_rounded_examples(value, digits, shown):
    with translation.override("ru"):
        assert rounded(value, digits) == shown


class Share:
    is_percent = True


class Count:
    is_percent = False


def test_indicator_value():
    with translation.override("ru"):
        assert indicator_value(Decimal("33.333"), Share()) == "33,3&nbsp;%"
        assert indicator_value(Decimal("12"), Count()) == "12"
        assert indicator_value(None, Share()) == "—"


@given(numerator=st.integers(min_value=0, max_value=5000), denominator=st.integers(min_value=1, max_value=5000))
def test_a_share_is_rounded_once_on_the_page_and_in_the_chart(numerator, denominator):
    """The exact share rounded half up to a tenth, as a hand count does: never first to hundredths
    (1 of 22: 4.545… would then read 4,6), and not the float's rounding to even (6.25 would read 6,2)."""
    value = share(numerator, denominator)
    exact = Fraction(numerator * 100, denominator)
    tenths = math.floor(exact * 10 + Fraction(1, 2))  # half up, in integers
    expected = f"{tenths // 10},{tenths % 10}"
    with translation.override("ru"):
        assert indicator_value(value, Share()) == f"{expected}&nbsp;%"
    assert charts._number(value) == expected.removesuffix(",0")


def test_one_of_twenty_two_reads_four_and_a_half():
    with translation.override("ru"):
        assert indicator_value(share(1, 22), Share()) == "4,5&nbsp;%"
        assert indicator_value(share(1, 16), Share()) == "6,3&nbsp;%"
