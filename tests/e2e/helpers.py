"""What the journeys share: logging in through the login page, downloads, the data every journey starts from."""

import datetime
import io
import re
from collections.abc import Callable

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from accounts.models import User
from mentoring.academic_year import academic_year_bounds, academic_year_of
from mentoring.models import MentoringForm, Program
from tests.accounts.factories import TEST_PASSWORD


def log_in(page: Page, user: User) -> None:
    """Logs in through the login page, as a person would, and waits for the home page."""
    page.goto(reverse("login"))
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_test_id("current-role")).to_be_visible()


def nav(page: Page, item: str, menu: str | None = None) -> None:
    """Goes to a page through the navbar: the menu (when the item is in one), then the item."""
    navbar = page.locator("nav.navbar")
    if menu:
        # A menu opens by Bootstrap's script: a click before the page has loaded it does nothing (a
        # CI run on a loaded machine waited 25 s for «Практики» in a menu that never opened).
        page.wait_for_load_state("load")
        button = navbar.get_by_role("button", name=menu, exact=True)
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
    navbar.get_by_role("link", name=item, exact=True).click()


def download(page: Page, click: Callable[[], None]) -> tuple[str, bytes]:
    """Runs ``click`` (what the user clicks to download) and returns the file's name and content."""
    with page.expect_download() as info:
        click()
    downloaded = info.value
    path = downloaded.path()
    assert downloaded.failure() is None, downloaded.failure()
    return downloaded.suggested_filename, path.read_bytes()


# WeasyPrint hyphenates long words in narrow table cells («Серге‐» / «евна») with this character.
LAYOUT_HYPHEN = re.compile(r"\u2010\s+")


def pdf_text(content: bytes) -> str:
    """The text of every page as a reader sees it: words hyphenated at a line's end joined again,
    line breaks and repeated spaces folded to single spaces."""
    reader = PdfReader(io.BytesIO(content))
    pages = (LAYOUT_HYPHEN.sub("", page.extract_text() or "") for page in reader.pages)
    return " ".join(" ".join(text.split()) for text in pages)


def success_message(page: Page) -> Locator:
    return page.locator(".alert-success")


def has_no_horizontal_scroll(page: Page) -> bool:
    """On a phone nothing may stick out sideways: the page is exactly as wide as the screen. Read once
    the page has loaded, for up to two seconds: a page still laying out (fonts, scripts) may be wider
    for an instant, while a real overflow stays."""
    page.wait_for_load_state("load")
    for _attempt in range(20):
        if page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            return True
        page.wait_for_timeout(100)
    return False


def today() -> datetime.date:
    return timezone.localdate()


def dotted(day: datetime.date) -> str:
    return f"{day:%d.%m.%Y}"


def years_ago(years: int, day: datetime.date | None = None) -> datetime.date:
    day = day or today()
    return day.replace(year=day.year - years, day=min(day.day, 28))


def current_program(organization, *, form_code: str = "teacher-student", title: str) -> Program:
    """A program of this academic year (whatever today is) in the given form of mentoring."""
    year = academic_year_of(today())
    starts_on, ends_on = academic_year_bounds(year)
    return Program.objects.create(
        organization=organization,
        academic_year=year,
        form=MentoringForm.objects.get(code=form_code),
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def url_pattern(live_server, name: str, **kwargs) -> re.Pattern:
    """The page's address, with or without a query string or fragment."""
    path = reverse(name, kwargs=kwargs or None)
    return re.compile(rf"^{re.escape(live_server.url)}{re.escape(path)}([?#].*)?$")


# Keyboard only ------------------------------------------------------------------------------------


def is_focused(target: Locator) -> bool:
    return target.evaluate("element => element === document.activeElement")


def tab_to(page: Page, target: Locator, *, backwards: bool = False, limit: int = 120) -> None:
    """Presses Tab (Shift+Tab backwards) until ``target`` has the focus, as a keyboard user does;
    fails if it never gets it (not in the tab order)."""
    target.wait_for(state="attached")
    for _ in range(limit):
        if is_focused(target):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{target} never got the focus in {limit} presses of Tab")


def type_into(page: Page, target: Locator, text: str) -> None:
    """Tabs to a text field, selects what is in it and types over it (an empty text clears it)."""
    tab_to(page, target)
    page.keyboard.press("Control+a")
    page.keyboard.press("Backspace")
    if text:
        page.keyboard.type(text)


def press_until(page: Page, key: str, done: Callable[[], bool], *, limit: int = 20) -> None:
    """Presses ``key`` (an arrow in a radio group or a select) until ``done()``."""
    for _ in range(limit):
        if done():
            return
        page.keyboard.press(key)
    assert done(), f"{key} pressed {limit} times did not get there"


def submit_with_enter(page: Page, button: Locator) -> None:
    """Tabs to the form's button and presses Enter; returns once the answer's page has loaded."""
    tab_to(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_error_announced(page: Page) -> None:
    """A failed submission is announced (issue 19): an error summary with role="alert" is shown
    and has the focus, the title starts with «Ошибка: », each invalid field has aria-invalid="true"
    and aria-describedby naming its message."""
    page.wait_for_load_state()
    expect(page.locator("[role=alert]").first).to_be_visible()
    focused_in_alert = "() => Boolean(document.activeElement && document.activeElement.closest('[role=alert]'))"
    page.wait_for_function(focused_in_alert, timeout=5_000)
    expect(page).to_have_title(re.compile(r"^Ошибка: "))
    invalid = page.locator("[aria-invalid=true]")
    assert invalid.count(), "no field is marked aria-invalid"
    for index in range(invalid.count()):
        field = invalid.nth(index)
        described = (field.get_attribute("aria-describedby") or "").split()
        assert described, f"{field} has no aria-describedby"
        messages = " ".join(page.locator(f"[id='{name}']").inner_text() for name in described)
        assert messages.strip(), f"aria-describedby of {field} names no message"
