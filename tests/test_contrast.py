"""The colours of static/css/app.css against WCAG 2.1 AA (1.4.3: 4.5:1 for text).

The stylesheet defines the product's colours once, as custom properties of :root (and of each colour
scheme of the version for the visually impaired); this test reads them from the file and computes the
contrast of every pair that the pages put together, so that a colour changed later cannot fall
below the threshold unnoticed.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()
# Bootstrap's light backgrounds that the product's text and links sit on: the page, the light greys
# (cards' headers, .bg-body-tertiary, disabled pagination) and the pale rows of tables and alerts.
BACKGROUNDS = {
    "white": "#ffffff",
    "tertiary grey": "#f8f9fa",
    "secondary grey": "#e9ecef",
    "green row": "#d1e7dd",
    "red row": "#f8d7da",
    "blue row": "#cfe2ff",
    "yellow row": "#fff3cd",
    "grey row": "#e2e3e5",
}


def luminance(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def properties(selector: str) -> dict[str, str]:
    """The hex colours a rule of app.css gives its custom properties (``--app-brand: #0a58ca``)."""
    found = {}
    for body in re.findall(rf"(?m)^{re.escape(selector)}\s*{{([^}}]*)}}", CSS):
        found |= dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\b", body))
    return found


APP = properties(":root")


def test_the_reading_of_the_stylesheet_finds_the_colours():
    assert {"--app-brand", "--app-on-brand", "--app-success", "--app-danger", "--app-secondary"} <= APP.keys()
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    # Bootstrap's own blue on its light grey: the failure the audit found (4.27:1).
    assert contrast("#0d6efd", "#f8f9fa") < 4.5


@pytest.mark.parametrize(
    "name", ["--app-brand", "--app-brand-dark", "--app-success", "--app-danger", "--app-secondary", "--app-muted"]
)
@pytest.mark.parametrize("background", BACKGROUNDS)
def test_text_colours_are_readable_on_every_light_background(name, background):
    ratio = contrast(APP[name], BACKGROUNDS[background])
    assert ratio >= 4.5, f"{name} {APP[name]} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize(
    "name", ["--app-brand", "--app-brand-dark", "--app-success", "--app-danger", "--app-secondary"]
)
def test_white_text_is_readable_on_the_filled_buttons_and_the_navbar(name):
    ratio = contrast(APP["--app-on-brand"], APP[name])
    assert ratio >= 4.5, f"white on {name} {APP[name]}: {ratio:.2f}:1"


def test_the_focus_ring_stands_out_of_the_page_and_of_the_navbar():
    # Non-text contrast (1.4.11): 3:1 against what surrounds the ring.
    assert contrast(APP["--app-focus"], "#ffffff") >= 3
    assert contrast(APP["--app-focus-on-brand"], APP["--app-brand"]) >= 3


@pytest.mark.parametrize("scheme", ["black-on-white", "white-on-black", "blue"])
def test_every_scheme_of_the_version_for_the_visually_impaired_has_high_contrast(scheme):
    colours = properties(f"html.a11y-scheme-{scheme}")
    # The schemes are meant for low vision: well above AA (7:1 is AAA).
    assert contrast(colours["--a11y-fg"], colours["--a11y-bg"]) >= 7
