"""WCAG 2.1 A/AA by axe-core on every page of each role's navbar, at 1366 and at 390 pixels.

The demo (``seed_demo``) is loaded, as for the layout journey, and each role walks its navbar and
the main detail pages; each page is checked at both widths, with the navbar's menus opened on the
home page (their items are hidden, so unchecked, while closed). Every other journey is checked by
the page fixture on every page it opens (tests/e2e/accessibility.py); the first test here proves
that the check does fail on a violation.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import Role
from tests.e2e.helpers import log_in
from tests.e2e.test_layout_journey import LAPTOP, PHONE, demo_user, detail_pages

PROBE = "/__axe-probe/"
PROBE_HTML = """<!doctype html><html lang="ru"><head><title>Проба</title></head>
<body><main><h1>Проба</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#999;background:#fff">Бледный текст</p><a href="/">Домой</a></main></body></html>"""


@pytest.fixture
def demo(reference_data) -> None:
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def viewport() -> dict[str, int]:
    return LAPTOP


def test_the_check_fails_on_a_page_with_violations(page, accessibility, live_server):
    html = "text/html; charset=utf-8"
    page.route(f"**{PROBE}", lambda route: route.fulfill(status=200, content_type=html, body=PROBE_HTML))
    page.goto(PROBE)
    page.get_by_role("link", name="Домой").click()  # leaving waits until the probe is checked
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    found = {(violation.rule, violation.page) for violation in accessibility.violations.values()}
    assert {("image-alt", PROBE), ("color-contrast", PROBE)} <= found
    assert "image-alt" in accessibility.problems() and "img" in accessibility.problems()
    # What the probe was for is seen: the test itself passes.
    accessibility.violations.clear()


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_every_page_of_the_role_passes_axe_on_a_laptop_and_a_phone(page, accessibility, live_server, demo, role):
    user = demo_user(role)
    log_in(page, user)
    navbar = page.eval_on_selector_all(
        "nav.navbar a.nav-link[href^='/'], nav.navbar a.dropdown-item[href^='/']",
        "links => links.map(link => link.getAttribute('href'))",
    )
    pages = list(dict.fromkeys([reverse("home"), *navbar, *detail_pages(role, user)]))
    for path in pages:
        page.set_viewport_size(LAPTOP)
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        expect(page.locator("main")).to_be_visible()
        accessibility.check(page)
        page.set_viewport_size(PHONE)
        accessibility.check(page)
    # The navbar's menus, open: on the phone behind the toggler, on the laptop one after another.
    page.goto(reverse("home"))
    page.locator(".navbar-toggler").click()
    expect(page.locator(".navbar-collapse")).to_be_visible()
    accessibility.check(page)
    page.set_viewport_size(LAPTOP)
    page.goto(reverse("home"))
    toggles = page.locator("nav.navbar .dropdown-toggle")
    for index in range(toggles.count()):
        toggles.nth(index).click()
        expect(toggles.nth(index)).to_have_attribute("aria-expanded", "true")
        accessibility.check(page)
        page.keyboard.press("Escape")
    assert accessibility.checked >= 2 * len(pages) + toggles.count()
