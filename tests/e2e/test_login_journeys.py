"""Logging in through the real login page, as every role, on a desktop and on a phone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from accounts.models import Role, User
from tests.accounts.factories import TEST_PASSWORD

PHONE_VIEWPORT = {"width": 390, "height": 844}
BOOTSTRAP_PRIMARY = "rgb(10, 88, 202)"

# What the home page's role badge says, in Russian, for each role.
ROLE_LABELS = {
    Role.COORDINATOR: "Муниципальный координатор",
    Role.DIRECTOR: "Директор",
    Role.CURATOR: "Куратор",
    Role.MENTOR: "Наставник",
    Role.MENTEE: "Наставляемый",
}


def open_login(page: Page) -> None:
    page.goto(reverse("login"))
    expect(page.get_by_role("heading", name="Вход")).to_be_visible()


def submit_login(page: Page, username: str, password: str) -> None:
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Вход").click()


def log_in(page: Page, user: User, live_server) -> None:
    open_login(page)
    submit_login(page, user.username, TEST_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}{reverse('home')}")


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_each_role_logs_in_and_sees_its_role_and_scope(page, screenshot, live_server, transactional_db, world, role):
    user = world.a.users[role]
    expected_scope = world.a.municipality.name if role == Role.COORDINATOR else world.a.organization.short_name

    open_login(page)
    # Bootstrap came from our own static files: the login button is the primary blue (darkened to
    # 4.5:1 on white in static/css/app.css, so Bootstrap's styles and ours both loaded).
    expect(page.get_by_role("button", name="Вход")).to_have_css("background-color", BOOTSTRAP_PRIMARY)
    screenshot("login")

    submit_login(page, user.username, TEST_PASSWORD)

    expect(page).to_have_url(f"{live_server.url}{reverse('home')}")
    expect(page.get_by_test_id("current-role")).to_have_text(ROLE_LABELS[role])
    expect(page.get_by_test_id("current-scope")).to_have_text(expected_scope)
    expect(page.get_by_test_id("context-menu")).to_contain_text(ROLE_LABELS[role])
    expect(page.locator("nav.navbar")).to_have_css("background-color", BOOTSTRAP_PRIMARY)
    screenshot("home")


@pytest.mark.parametrize("viewport", [PHONE_VIEWPORT], ids=["phone"])
def test_mentor_opens_role_menu_on_a_phone(page, screenshot, live_server, transactional_db, world, viewport):
    mentor = world.a.users[Role.MENTOR]
    log_in(page, mentor, live_server)

    menu_link = page.get_by_test_id("context-menu")
    expect(menu_link).to_be_hidden()  # the navbar is collapsed on a narrow screen
    screenshot("home-collapsed")

    page.locator("button.navbar-toggler").click()
    # Wait for the collapse animation to end: while it runs, the navbar clips the open dropdown.
    expect(page.locator("#mainNav")).to_have_class(re.compile(r"^(?!.*\bcollapsing\b).*\bshow\b"))
    expect(menu_link).to_be_visible()
    menu_link.click()

    dropdown = page.locator(".dropdown-menu.show")
    expect(dropdown).to_be_visible()
    expect(dropdown).to_contain_text("Работать как")
    expect(dropdown.locator(".dropdown-item.active")).to_have_text(f"Наставник · {world.a.organization.short_name}")
    screenshot("role-menu")


def test_wrong_password_shows_russian_error_and_stays_on_login(page, screenshot, live_server, transactional_db, world):
    user = world.a.users[Role.CURATOR]

    open_login(page)
    submit_login(page, user.username, "not-the-password")

    expect(page).to_have_url(re.compile(rf"^{re.escape(live_server.url)}{re.escape(reverse('login'))}(\?.*)?$"))
    expect(page.locator("main form")).to_contain_text("Неверный логин, e-mail или пароль")
    expect(page.get_by_test_id("current-role")).to_have_count(0)
    screenshot("login-error")
