"""axe-core (bundled by axe-playwright-python) on every page a journey opens: WCAG 2.1 A and AA.

``AccessibilityWatch`` adds axe to every document of the browser context (an init script, which
the Content-Security-Policy does not apply to) and runs it in the page when a page of the live
server has loaded; the page reports what it found through a binding. A route handler holds each
navigation of the main frame (a link, a form's submission, a ``page.goto``) until the page being
left has reported, so a journey that goes on at once still has every page it passed through checked.
The page fixture waits for the last page at teardown and fails the test listing each violation:
the rule, its help, the page and width, and the nodes' selectors. ``check()`` checks the page as it
is now, for a page that changes without navigating (another width, an opened menu, a form with its
errors shown by script).
"""

import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import BrowserContext, Page, Request, Route

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
BINDING = "__axeReport"
# How long a navigation waits for the page it leaves to be checked: less than the journeys' default
# timeout of an action (25 s), so that a page axe cannot finish on is named rather than the click.
WAIT_SECONDS = 20

# After the page's own scripts: each document of the main frame is checked once it has loaded, and
# tells the test that it started and what it found. Runs of axe are chained (it refuses to run twice
# at once), for check() asked while the automatic run is going.
PAGE_SCRIPT = (
    (
        AXE_SCRIPT
        + """
;(() => {
  // Not in frames, nor in what Chromium shows of a PDF or an image: HTML pages only.
  if (window !== window.top || !location.protocol.startsWith("http") || document.contentType !== "text/html") return;
  const options = __OPTIONS__;
  const documentId = `${Date.now()}-${Math.random()}`;
  let chain = Promise.resolve();
  const run = () => {
    chain = chain.then(() => axe.run(document, options)).then((results) => ({
      url: location.href,
      width: window.innerWidth,
      violations: results.violations.map((item) => ({
        rule: item.id,
        impact: item.impact || "",
        help: item.help,
        targets: item.nodes.map((node) => node.target),
      })),
    }));
    return chain;
  };
  window.__axeCheck = run;
  // Pending from the moment the check starts (after the load event), not before: a navigation that
  // leaves a page still loading waits for nothing, since its subresources, routed like the
  // navigation, would wait behind it and the page would never finish loading.
  const report = () => (window.__BINDING__({document: documentId, state: "loading"}), run()).then(
    (found) => window.__BINDING__({document: documentId, state: "done", found}),
    (error) => window.__BINDING__({document: documentId, state: "failed", error: String(error)}),
  );
  if (document.readyState === "complete") {
    setTimeout(report);
  } else {
    window.addEventListener("load", () => setTimeout(report));
  }
})();
"""
    )
    .replace("__OPTIONS__", json.dumps(AXE_OPTIONS))
    .replace("__BINDING__", BINDING)
)


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    page: str  # path and query
    width: int
    targets: tuple[str, ...]


def _target(target) -> str:
    # A node inside an iframe or a shadow root has a list of selectors, outermost first.
    return " >>> ".join(_target(part) for part in target) if isinstance(target, list) else str(target)


def _violations(found: dict) -> list[Violation]:
    parts = urlsplit(found["url"])
    where = parts.path + (f"?{parts.query}" if parts.query else "")
    return [
        Violation(
            rule=item["rule"],
            impact=item["impact"],
            help=item["help"],
            page=where,
            width=found["width"],
            targets=tuple(_target(target) for target in item["targets"]),
        )
        for item in found["violations"]
    ]


def report(violations: Iterable[Violation]) -> str:
    """Each rule once, with its help, then each page and width where it failed and the nodes."""
    by_rule: dict[str, list[Violation]] = {}
    for violation in violations:
        by_rule.setdefault(violation.rule, []).append(violation)
    lines = [f"axe-core found violations of WCAG 2.1 A/AA ({', '.join(WCAG_TAGS)}) in {len(by_rule)} rules:"]
    for rule, found in sorted(by_rule.items()):
        lines.append(f"- {rule} ({found[0].impact}): {found[0].help}")
        for violation in found:
            shown = ", ".join(violation.targets[:8])
            more = f" … and {len(violation.targets) - 8} more" if len(violation.targets) > 8 else ""
            lines.append(f"    {violation.page} at {violation.width} px: {shown}{more}")
    return "\n".join(lines)


class AccessibilityWatch:
    """Checks every page of ``origin`` that the context's pages show (see the module)."""

    def __init__(self, context: BrowserContext, origin: str):
        self.origin = origin
        self.violations: dict[tuple, Violation] = {}
        self.errors: list[str] = []
        self.pending: set[str] = set()
        self.unchecked: list[str] = []
        self.checked = 0
        context.expose_binding(BINDING, self._on_report)
        context.add_init_script(PAGE_SCRIPT)
        context.route("**/*", self._on_route)

    def _record(self, found: dict) -> list[Violation]:
        self.checked += 1
        violations = _violations(found)
        for violation in violations:
            # The same page in the same state is often seen twice (a list, its filter): one entry.
            self.violations.setdefault((violation.rule, violation.page, violation.width, violation.targets), violation)
        return violations

    def _on_report(self, source: dict, message: dict) -> None:
        if not source["frame"].url.startswith(f"{self.origin}/"):
            return
        if message["state"] == "loading":
            self.pending.add(message["document"])
            return
        self.pending.discard(message["document"])
        if message["state"] == "failed":
            self.errors.append(f"axe failed on {source['frame'].url}: {message['error']}")
        else:
            self._record(message["found"])

    def wait(self, page: Page) -> None:
        """Until every page that started loading has been checked."""
        deadline = time.monotonic() + WAIT_SECONDS
        while self.pending and time.monotonic() < deadline and not page.is_closed():
            page.wait_for_timeout(25)
        if self.pending:
            # Seen when a journey leaves a page at the instant its check starts: the report of the check
            # then waits behind the held navigation. The page is named in the artifacts, not failed:
            # it is an unchecked page, not a violation (each page is also walked by the navbar journey).
            self.unchecked.append(page.url)
            self.pending.clear()

    def _on_route(self, route: Route, request: Request) -> None:
        frame = request.frame
        if request.is_navigation_request() and frame.parent_frame is None and self.pending:
            self.wait(frame.page)
        route.fallback()

    def check(self, page: Page) -> list[Violation]:
        """Runs axe on the page as it is now (a page of the live server); returns what it found."""
        assert page.url.startswith(f"{self.origin}/"), f"{page.url} is not a page of the live server"
        return self._record(page.evaluate("window.__axeCheck()"))

    def problems(self) -> str:
        """The report of what was found, empty when every checked page passed."""
        text = report(self.violations.values()) if self.violations else ""
        if self.errors:
            text += "\n" + "\n".join(self.errors)
        if not self.checked and not self.errors:
            text = "axe checked no page"
        return text.strip()

    def save(self, folder: Path) -> Path:
        path = folder / "axe-violations.json"
        path.write_text(
            json.dumps([asdict(violation) for violation in self.violations.values()], ensure_ascii=False, indent=1)
        )
        if self.unchecked:
            (folder / "axe-unchecked.txt").write_text("\n".join(self.unchecked) + "\n")
        return path
