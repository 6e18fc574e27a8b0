"""«Версия для слабовидящих» in the browser, and the keyboard's first steps on every page.

A curator turns the version on from the bar above the navbar, chooses the largest text and white on
black, and walks the pages of the navbar and the main detail pages at 1366 and at 390 pixels: the
classes and the colours are applied (computed styles, contrast of the text and the navbar), no page
scrolls sideways, a table scrolls inside its wrapper. Screenshots of the home page and the registry
at both widths, in each scheme. A visitor without an account turns it on from the login page (a
cookie), and the keyboard's first stop is the skip link, drawn with the solid focus ring.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from accounts.models import Role
from tests.e2e.helpers import log_in
from tests.e2e.test_layout_journey import LAPTOP, LAYOUT_PROBLEMS, PHONE, demo_user, detail_pages

# The contrast of an element's text with the first background behind it that is not transparent.
CONTRAST = """(element) => {
  const rgb = (value) => value.match(/[\\d.]+/g).slice(0, 4).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  let behind = element;
  while (behind && (rgb(getComputedStyle(behind).backgroundColor)[3] === 0)) { behind = behind.parentElement; }
  const background = behind ? rgb(getComputedStyle(behind).backgroundColor) : [255, 255, 255];
  const [light, dark] = [luminance(rgb(getComputedStyle(element).color)), luminance(background)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}"""


@pytest.fixture
def viewport() -> dict[str, int]:
    return LAPTOP


@pytest.fixture
def demo(reference_data) -> None:
    call_command("seed_demo", stdout=StringIO())


def html_classes(page: Page) -> set[str]:
    return set(page.evaluate("document.documentElement.className").split())


def choose(page: Page, name: str) -> None:
    page.locator("[data-testid=accessibility-bar]").get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state("load")
    expect(
        page.locator("[data-testid=accessibility-bar]").get_by_role("button", name=name, exact=True)
    ).to_have_attribute("aria-pressed", "true")


def test_the_version_for_the_visually_impaired_on_every_page_of_a_curator(page, screenshot, live_server, demo):
    user = demo_user(Role.CURATOR)
    log_in(page, user)
    screenshot("usual-1366")
    page.get_by_role("button", name="Версия для слабовидящих").click()
    assert html_classes(page) == {"a11y", "a11y-size-large", "a11y-scheme-black-on-white"}
    choose(page, "Очень крупный шрифт")
    choose(page, "Белый на чёрном")
    assert html_classes(page) == {"a11y", "a11y-size-huge", "a11y-scheme-white-on-black"}
    # Applied by the stylesheet alone: twice the text, white on black, the navbar too.
    # (Read with retries: the page's stylesheet may still be loading when its buttons show the choice.)
    expect(page.locator("html")).to_have_css("font-size", "32px")
    expect(page.locator("body")).to_have_css("background-color", "rgb(0, 0, 0)")
    expect(page.locator("body")).to_have_css("color", "rgb(255, 255, 255)")
    assert page.locator("main h1").evaluate(CONTRAST) >= 20
    assert page.locator("nav.navbar .navbar-brand").evaluate(CONTRAST) >= 20

    navbar = page.eval_on_selector_all(
        "nav.navbar a.nav-link[href^='/'], nav.navbar a.dropdown-item[href^='/']",
        "links => links.map(link => link.getAttribute('href'))",
    )
    pages = list(dict.fromkeys([reverse("home"), *navbar, *detail_pages(Role.CURATOR, user)]))
    shots = {reverse("home"): "home", reverse("participant_list"): "registry"}
    problems = []
    for path in pages:
        page.set_viewport_size(LAPTOP)
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        assert "a11y-size-huge" in html_classes(page), path
        for width, size in (("1366", LAPTOP), ("390", PHONE)):
            page.set_viewport_size(size)
            problems += [f"{path} at {width} px: {problem}" for problem in page.evaluate(LAYOUT_PROBLEMS, [])]
            if path in shots:
                screenshot(f"{shots[path]}-white-on-black-{width}")
    assert len(pages) > 10
    assert not problems, "\n".join(problems)

    # The other schemes, on the registry at both widths.
    page.set_viewport_size(LAPTOP)
    page.goto(reverse("participant_list"))
    for scheme, slug in (("Чёрный на белом", "black-on-white"), ("Синий на голубом", "blue")):
        choose(page, scheme)
        assert f"a11y-scheme-{slug}" in html_classes(page)
        assert page.locator("main h1").evaluate(CONTRAST) >= 7
        for width, size in (("1366", LAPTOP), ("390", PHONE)):
            page.set_viewport_size(size)
            assert not page.evaluate(LAYOUT_PROBLEMS, []), f"{slug} at {width}"
            screenshot(f"registry-{slug}-{width}")
        page.set_viewport_size(LAPTOP)

    # Remembered for the account; «Обычная версия» turns it off.
    user.refresh_from_db()
    assert user.accessibility == {"enabled": True, "size": "huge", "scheme": "blue", "images": True}
    page.get_by_role("button", name="Обычная версия").click()
    expect(page.get_by_role("button", name="Версия для слабовидящих")).to_be_visible()
    assert html_classes(page) == set()


@pytest.mark.parametrize("viewport", [PHONE], ids=["phone"])
def test_a_visitor_turns_it_on_from_the_login_page_and_the_keyboard_starts_at_the_skip_link(
    page, screenshot, live_server, reference_data, viewport
):
    # The first stop of the keyboard: the skip link, shown with a solid 3-pixel ring (the login page
    # puts the focus into its first field itself, so another page of a visitor).
    page.goto(reverse("password_reset"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Перейти к содержимому"
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert ring == ["solid", "3px"]
    screenshot("skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"

    page.goto(reverse("login"))
    page.get_by_role("button", name="Версия для слабовидящих").click()
    choose(page, "Очень крупный шрифт")
    choose(page, "Скрыть изображения")
    assert html_classes(page) == {"a11y", "a11y-size-huge", "a11y-scheme-black-on-white", "a11y-no-images"}
    assert any(cookie["name"] == "a11y" for cookie in page.context.cookies())
    assert not page.evaluate(LAYOUT_PROBLEMS, [])
    screenshot("login-huge-black-on-white")

    # A failed login is announced: the summary takes the focus, the title says «Ошибка».
    page.get_by_role("button", name="Вход").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title().startswith("Ошибка: ")
    screenshot("login-error-huge")
