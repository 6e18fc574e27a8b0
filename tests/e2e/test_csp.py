"""Every role's pages run under the Content-Security-Policy without a single violation.

Chromium reports each blocked inline script, style or handler on the console; the test walks the
navbar of every role and fails on any such report. The confirm dialogs and the formset button,
now in static/js/app.js, still work.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from accounts.models import Role
from tests.accounts.factories import TEST_PASSWORD


def watch_console(page: Page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    return messages


def log_in(page: Page, username: str) -> None:
    page.goto(reverse("login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Вход").click()
    page.wait_for_url(f"**{reverse('home')}")


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_navbar_pages_of_each_role_have_no_csp_violations(page, screenshot, live_server, transactional_db, world, role):
    console = watch_console(page)
    log_in(page, world.a.users[role].username)
    links = page.eval_on_selector_all(
        "nav.navbar a.nav-link[href^='/'], nav.navbar a.dropdown-item[href^='/']",
        "links => [...new Set(links.map(link => link.getAttribute('href')))]",
    )
    assert links, "the navbar has no links"
    screenshot("home")
    for href in links:
        page.goto(href)
        expect(page.locator("main")).to_be_visible()
    screenshot("last-page")
    violations = [message for message in console if "Content Security Policy" in message]
    assert not violations, f"CSP violations on {role.label}'s pages: {violations}"


def test_a_locked_out_login_shows_the_russian_page_without_violations(page, screenshot, transactional_db, world):
    console = watch_console(page)
    user = world.a.users[Role.CURATOR]
    page.goto(reverse("login"))
    for _ in range(5):
        page.locator("input[name=username]").fill(user.email)
        page.locator("input[name=password]").fill("wrong-password")
        page.get_by_role("button", name="Вход").click()
        page.wait_for_load_state()
    expect(page.get_by_test_id("lockout")).to_contain_text("заблокирован на 15 минут")
    screenshot("locked")
    assert not [message for message in console if "Content Security Policy" in message]
