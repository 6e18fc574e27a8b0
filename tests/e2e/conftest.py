"""Browser journeys: headless Chromium driven by Playwright against pytest-django's live server.

The browser is Debian's Chromium (``/usr/bin/chromium`` or whatever ``chromium`` is on PATH);
Playwright's own browser downloads are never used. Where no Chromium exists the journeys are
skipped, unless ``E2E_REQUIRED=1`` is set (CI does), in which case they fail.

Each test gets a fresh browser context and a folder ``e2e-artifacts/<test name>/`` at the
repository root for its screenshots (see the ``screenshot`` fixture). Every request a page makes
is recorded, and a test fails if any of them went to a host other than the live server: the
product must work without the internet.
"""

import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import E2E_ARTIFACTS_PROPERTY
from tests.e2e.accessibility import AccessibilityWatch

# Playwright's sync API runs an asyncio event loop in the test thread (in a greenlet), and it
# keeps running for as long as the session-wide browser is open. Django sees that running loop
# and refuses ORM calls from the test ("SynchronousOnlyOperation"), even though the test code is
# plain synchronous code. The live server answers in its own thread, so nothing here is actually
# unsafe. Set for the whole process because the loop outlives the e2e tests themselves.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

E2E_DIR = Path(__file__).resolve().parent
DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SKIP_REASON = "Chromium not found: browser tests skipped"
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}
# Schemes that never reach a host, so they do not count as outside requests.
LOCAL_SCHEMES = ("data:", "blob:", "about:")
# The data migrations that ship reference data, with their forward functions, in dependency order
# (the indicators name forms of mentoring).
# pytest-xdist (`make test` runs `-n auto --dist loadgroup`) sends the tests of one group to one
# worker: the journeys run one after another beside the rest of the suite, so they keep one Chromium
# instead of competing for the two CPUs with a second one, while each worker has its own live server
# and database anyway.
XDIST_GROUP = "e2e"
WATCH_KEY = pytest.StashKey[AccessibilityWatch]()


def find_chromium() -> str | None:
    """Path of the Chromium to drive, or None where there is none."""
    if os.path.isfile(DEBIAN_CHROMIUM) and os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    return shutil.which("chromium")


def e2e_required() -> bool:
    return os.environ.get("E2E_REQUIRED") == "1"


def is_e2e_item(item: pytest.Item) -> bool:
    return E2E_DIR in Path(item.path).resolve().parents


# First: pytest-xdist reads the group marker in its own hook of the same name.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Marks every test under tests/e2e as ``e2e`` (and of one xdist group); skips them all where
    there is no Chromium."""
    e2e_items = [item for item in items if is_e2e_item(item)]
    for item in e2e_items:
        item.add_marker(pytest.mark.e2e)
        item.add_marker(pytest.mark.xdist_group(XDIST_GROUP))
    if e2e_items and find_chromium() is None and not e2e_required():
        skip = pytest.mark.skip(reason=SKIP_REASON)
        for item in e2e_items:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = find_chromium()
    if executable is None:
        # Only reached with E2E_REQUIRED=1: without it the tests were skipped at collection.
        pytest.fail(
            f"Chromium not found (looked at {DEBIAN_CHROMIUM} and for `chromium` on PATH), "
            "but E2E_REQUIRED=1 says browser tests must run. Install Debian's chromium package.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def artifacts_dir(request: pytest.FixtureRequest) -> Path:
    """``e2e-artifacts/<test name>/`` at the repository root, emptied for this run of the test."""
    name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    folder = request.config.rootpath / "e2e-artifacts" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"e2e artifacts: {folder}")
    request.node.user_properties.append((E2E_ARTIFACTS_PROPERTY, str(folder)))
    return folder


@pytest.fixture
def viewport() -> dict[str, int]:
    """Viewport of the test's browser context; override it (e.g. by parametrizing) for phones."""
    return DESKTOP_VIEWPORT


@pytest.fixture
def page(
    browser: Browser, live_server, viewport: dict[str, int], artifacts_dir: Path, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A page in a fresh browser context; fails the test if it loaded anything from another host,
    or if axe-core found a violation of WCAG 2.1 A/AA on any page of the live server it showed
    (tests/e2e/accessibility.py; the violations are also saved to the test's artifacts)."""
    # Reduced motion turns Bootstrap's transitions off: axe then never reads a colour halfway through
    # a button's hover or focus transition, and a click never meets an element still moving.
    context = browser.new_context(viewport=viewport, locale="ru-RU", base_url=live_server.url, reduced_motion="reduce")
    requested: list[str] = []
    page_errors: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    watch = AccessibilityWatch(context, live_server.url)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.set_default_timeout(25_000)
    request.node.stash[WATCH_KEY] = watch
    yield page
    if not page.is_closed():
        watch.wait(page)
    context.close()
    outside = [
        url for url in requested if not url.startswith(f"{live_server.url}/") and not url.startswith(LOCAL_SCHEMES)
    ]
    assert not outside, f"Pages requested URLs outside the live server {live_server.url}: {outside}"
    assert not page_errors, f"Uncaught JavaScript errors: {page_errors}"
    problems = watch.problems()
    if watch.violations or watch.unchecked:
        print(f"axe violations: {watch.save(artifacts_dir)}")
    assert not problems, problems


@pytest.fixture
def accessibility(page: Page, request: pytest.FixtureRequest) -> AccessibilityWatch:
    """The page's axe watch, for a test that checks a page that changes without navigating."""
    return request.node.stash[WATCH_KEY]


@pytest.fixture
def screenshot(page: Page, artifacts_dir: Path) -> Callable[[str], Path]:
    """``screenshot("login")`` saves the full page as ``e2e-artifacts/<test name>/01-login.png``."""
    taken = 0

    def take(label: str) -> Path:
        nonlocal taken
        taken += 1
        path = artifacts_dir / f"{taken:02d}-{label}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
