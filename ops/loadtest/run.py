"""Simulated users of the four roles browsing their usual pages, and the statistics of the run.

Each user logs in through the form, then keeps opening one of the pages of its role, now and then
follows a link of the page to an object (a pair, a participant, an order, an organization), and
pauses between clicks like a person reading. Every request is recorded with its page (the URL
name), its time and whether it failed: a status of 400 or more, a redirect to the login form (a
lost session) or no answer at all.
"""

import random
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import Resolver404, resolve

from ops.loadtest.client import LOGIN_PATH, Browser

# The pages a role opens from the navbar, with how often, and the links it follows from them.
ROLE_PAGES: dict[str, list[tuple[str, int]]] = {
    "curator": [
        ("/", 3),
        ("/registry/participants/", 3),
        ("/registry/participants/?page=2", 1),
        ("/pairs/", 2),
        ("/pairs/unmatched/", 1),
        ("/roadmaps/", 1),
        ("/documents/orders/", 1),
    ],
    "director": [
        ("/", 3),
        ("/pairs/approval/", 2),
        ("/documents/orders/", 2),
        ("/pairs/", 1),
        ("/roadmaps/", 1),
    ],
    "mentor": [("/", 3), ("/pairs/", 2)],
    "coordinator": [
        ("/", 2),
        ("/indicators/dashboard/", 3),
        ("/municipality/", 2),
        ("/roadmaps/audit/", 1),
        ("/documents/jobs/", 1),
    ],
}
FOLLOWED = {
    "curator": re.compile(r"^/(registry/participants|pairs|roadmaps)/\d+/$"),
    "director": re.compile(r"^/(pairs|documents/orders|roadmaps)/\d+/$"),
    "mentor": re.compile(r"^/pairs/(\d+/|work/\d+/meetings/|work/plans/\d+/)$"),
    "coordinator": re.compile(r"^/(indicators/dashboard/organizations|organizations|roadmaps)/\d+/$"),
}
STATIC_CSS = re.compile(r'href="(/static/[^"]+\.css)"')


def page_name(path: str) -> str:
    try:
        return resolve(path.split("?", 1)[0]).url_name or path
    except Resolver404:
        return "static" if path.startswith("/static/") else path


@dataclass
class Sample:
    at: float  # seconds since the start of the run
    page: str
    seconds: float
    error: str  # "" when the request succeeded


@dataclass
class Recorder:
    started: float = field(default_factory=time.monotonic)
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, error: str) -> None:
        with self.lock:
            self.samples.append(Sample(time.monotonic() - self.started, page, seconds, error))


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def problem(response) -> str:
    if response.status >= 400:
        return f"HTTP {response.status}"
    if response.status in (301, 302, 303) and response.location == LOGIN_PATH:
        return "session lost"
    return ""


class SimulatedUser(threading.Thread):
    def __init__(self, *, role, username, password, host, port, recorder, stop_at, think, ramp, seed):
        super().__init__(daemon=True)
        self.role = role
        self.username = username
        self.password = password
        self.browser = Browser(host, port, timeout=30)
        self.recorder = recorder
        self.stop_at = stop_at
        self.think = think
        self.ramp = ramp
        self.random = random.Random(seed)
        self.logged_in = False

    def fetch(self, path: str, page: str | None = None):
        page = page or page_name(path)
        try:
            response = self.browser.get(path)
        except OSError as exc:  # refused, reset, timed out: the server did not answer
            self.recorder.add(page, 0.0, type(exc).__name__)
            return None
        error = problem(response)
        self.recorder.add(page, response.seconds, error)
        if error == "session lost":
            self.logged_in = False
        return None if error else response

    def log_in(self) -> bool:
        try:
            form = self.browser.get(LOGIN_PATH)
            self.recorder.add("login", form.seconds, problem(form))
            answer = self.browser.post(LOGIN_PATH, {"username": self.username, "password": self.password})
        except OSError as exc:
            self.recorder.add("login", 0.0, type(exc).__name__)
            return False
        ok = answer.status == 302 and answer.location != LOGIN_PATH
        self.recorder.add("login", answer.seconds, "" if ok else f"login refused (HTTP {answer.status})")
        if ok:
            home = self.fetch("/")
            # A browser loads the stylesheet once; whitenoise serves it from the collected files.
            css = STATIC_CSS.search(home.text) if home else None
            if css:
                self.fetch(css.group(1), "static")
        return ok

    def pause(self) -> None:
        time.sleep(min(self.random.uniform(*self.think), max(0.0, self.stop_at - time.monotonic())))

    def run(self) -> None:
        pages, weights = zip(*ROLE_PAGES[self.role], strict=True)
        # Users arrive spread over the ramp, as locust's spawn rate does, not all at the same instant.
        time.sleep(self.random.uniform(0, self.ramp))
        while time.monotonic() < self.stop_at:
            if not self.logged_in:
                self.logged_in = self.log_in()
                self.pause()
                continue
            response = self.fetch(self.random.choices(pages, weights)[0])
            if response is not None and self.random.random() < 0.5:
                links = [link for link in response.links() if FOLLOWED[self.role].match(link)]
                if links:
                    self.pause()
                    if time.monotonic() >= self.stop_at:
                        break
                    self.fetch(self.random.choice(links))
            self.pause()


def run_load(*, users: list[tuple[str, str]], password: str, host: str, port: int, seconds: float, think, ramp):
    """Runs the simulated users (role, username) for `seconds`; returns the recorder."""
    recorder = Recorder()
    stop_at = time.monotonic() + seconds
    threads = [
        SimulatedUser(
            role=role,
            username=username,
            password=password,
            host=host,
            port=port,
            recorder=recorder,
            stop_at=stop_at,
            think=think,
            ramp=ramp,
            seed=index,
        )
        for index, (role, username) in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return recorder


def summary_rows(samples: list[Sample]) -> list[tuple]:
    """(page, requests, median ms, p95 ms, max ms, errors) per page, then the total with and without
    the logins."""
    by_page: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_page[sample.page].append(sample)
    rows = []
    for page in sorted(by_page):
        rows.append(_row(page, by_page[page]))
    rows.append(_row("TOTAL", samples))
    # Logging in hashes the password (slow by design): the pages alone are the browsing users' wait.
    rows.append(_row("TOTAL without login", [sample for sample in samples if sample.page != "login"]))
    return rows


def _row(page: str, samples: list[Sample]) -> tuple:
    times = [sample.seconds * 1000 for sample in samples if not sample.error]
    errors = sum(1 for sample in samples if sample.error)
    return (page, len(samples), percentile(times, 0.5), percentile(times, 0.95), max(times, default=0.0), errors)


def timeline(samples: list[Sample], seconds: float) -> list[tuple[int, int, int, set[str]]]:
    """(second, requests, errors, kinds of errors) for every second of the run."""
    buckets = [[0, 0, set()] for _ in range(int(seconds) + 2)]
    for sample in samples:
        bucket = buckets[min(int(sample.at), len(buckets) - 1)]
        bucket[0] += 1
        if sample.error:
            bucket[1] += 1
            bucket[2].add(sample.error)
    return [(second, total, errors, kinds) for second, (total, errors, kinds) in enumerate(buckets)]
