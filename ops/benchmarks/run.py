"""The measurements of the benchmark, on a dataset loaded by ``bench_data``.

Pages are requested in-process through ``django.test.Client`` as real users of the dataset
(``force_login``): the time is the server's (middleware, view, queries, template), without a
network or a WSGI server. Each page is compared with the Django admin changelist of the same model
on the same rows, which is the baseline of the issue: a generic list Django itself makes fast.
"""

import datetime
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Municipality, Organization, Region, Role, User
from mentoring.models import MentoringUnit, Program
from monitoring.indicators.models import ReportingPeriod
from ops.benchmarks.data import SCALES
from reports import rendering
from reports.models import OrderKind
from reports.pdf import render_html_to_pdf
from roadmap.models import Roadmap

# The targets.
PAGE_RATIO = 1.5  # a page within 1.5x of the admin changelist
REGION_XLSX_SECONDS = 10.0
PDF_RATIO = 1.3  # the order PDF within 1.3x of WeasyPrint alone
PDF_ROWS = 300
ADMIN_LOGIN = "bench-admin"
# The registry filter measured: pupils in the registry of mentees.
PARTICIPANT_FILTER = "category=student&registry=mentee"
APP_PAGE_SIZE = 25  # ParticipantListView.paginate_by
ADMIN_PAGE_SIZE = 100  # ModelAdmin.list_per_page


class BenchmarkError(Exception):
    pass


@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    queries: int
    runs: int

    def as_dict(self) -> dict:
        return {"median_ms": self.median_ms, "p95_ms": self.p95_ms, "queries": self.queries, "runs": self.runs}


@dataclass
class Line:
    """One line of the table: a measure, its baseline and the verdict against the target."""

    scale: str
    name: str
    timing: Timing
    url: str = ""
    baseline: Timing | None = None
    baseline_url: str = ""
    target: str = ""
    ratio: float | None = None
    passed: bool | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "scale": self.scale,
            "name": self.name,
            "url": self.url,
            **self.timing.as_dict(),
            "baseline": self.baseline.as_dict() if self.baseline else None,
            "baseline_url": self.baseline_url,
            "ratio": self.ratio,
            "target": self.target,
            "passed": self.passed,
            "notes": self.notes,
        }


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: with 20 runs, p95 is the 19th fastest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _queries_of(action: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    # Read now: captured_queries slices the connection's log, which the next request resets.
    return len(captured.captured_queries)


def _timing(seconds: list[float], queries: int) -> Timing:
    return Timing(
        median_ms=round(statistics.median(seconds) * 1000, 1),
        p95_ms=round(percentile(seconds, 0.95) * 1000, 1),
        queries=queries,
        runs=len(seconds),
    )


def timed_pair(*actions: Callable[[], object], runs: int, warmup: int) -> list[Timing]:
    """Median and p95 of ``runs`` calls of each action after ``warmup`` ones, and the queries of one
    more call (as the page is once warm: the dashboard's counts cached). The actions take turns, so
    that a change of the machine's load hits a page and its baseline alike."""
    for _ in range(warmup):
        for action in actions:
            action()
    seconds: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, spent in zip(actions, seconds, strict=True):
            started = time.perf_counter()
            action()
            spent.append(time.perf_counter() - started)
    queries = [_queries_of(action) for action in actions]
    return [_timing(spent, count) for spent, count in zip(seconds, queries, strict=True)]


def timed(action: Callable[[], object], *, runs: int, warmup: int) -> Timing:
    return timed_pair(action, runs=runs, warmup=warmup)[0]


def getter(client: Client, url: str) -> Callable[[], object]:
    def get():
        # secure=True: production settings redirect plain HTTP to HTTPS.
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise BenchmarkError(f"{url} answered {response.status_code}")
        return response

    return get


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def admin_user() -> User:
    user, _ = User.objects.get_or_create(
        username=ADMIN_LOGIN, defaults={"is_staff": True, "is_superuser": True, "last_name": "Администратор"}
    )
    return user


@dataclass
class Subjects:
    """What one scale is measured on: the big organization, its people and objects."""

    region: Region
    municipality: Municipality
    organization: Organization
    curator: User
    director: User
    coordinator: User
    unit: MentoringUnit
    roadmap: Roadmap
    last_page: int


def subjects_of(scale: str) -> Subjects:
    region = Region.objects.filter(name=SCALES[scale].region_name).first()
    if region is None:
        raise BenchmarkError(f"The {scale} dataset is not loaded: run `manage.py bench_data --scale {scale}`.")
    municipality = Municipality.objects.filter(region=region).order_by("pk").first()
    organization = Organization.objects.filter(municipality__region=region).order_by("pk").first()
    users = {
        membership_role: User.objects.get(username=f"bench-{scale}-o0-{membership_role}")
        for membership_role in (Role.CURATOR, Role.DIRECTOR)
    }
    unit = (
        MentoringUnit.objects.filter(program__organization=organization, status=MentoringUnit.Status.ACTIVE)
        .order_by("kind", "pk")
        .last()
    )
    roadmap = Roadmap.objects.get(organization=organization, is_template=False)
    students = organization.participants.filter(category="student", mentee_entries__isnull=False).distinct().count()
    return Subjects(
        region=region,
        municipality=municipality,
        organization=organization,
        curator=users[Role.CURATOR],
        director=users[Role.DIRECTOR],
        coordinator=User.objects.get(username=f"bench-{scale}-m0-coordinator"),
        unit=unit,
        roadmap=roadmap,
        last_page=max(1, math.ceil(students / APP_PAGE_SIZE)),
    )


def page_lines(scale: str, subjects: Subjects, *, runs: int, warmup: int) -> list[Line]:
    curator = client_of(subjects.curator)
    coordinator = client_of(subjects.coordinator)
    admin = client_of(admin_user())
    organization = subjects.organization
    page_50 = min(50, subjects.last_page)
    # The admin page that holds the same rows as the registry's page 50.
    admin_page = math.ceil(page_50 * APP_PAGE_SIZE / ADMIN_PAGE_SIZE)
    participants_admin = f"/admin/mentoring/participant/?organization={organization.pk}&category=student"
    program = Program.objects.filter(organization=organization).order_by("pk").first()
    dashboard_url = "/indicators/dashboard/"
    dashboard_baseline = f"/admin/accounts/organization/?municipality={subjects.municipality.pk}"
    cases = [
        # The home's panels are counts over the school's people (consents, registries, pairs): the
        # changelist of those people. The admin's index page, which reads no data at all, is no
        # changelist and was the baseline before.
        ("curator home", curator, "/", admin, f"/admin/mentoring/participant/?organization={organization.pk}"),
        (
            "participant list, filtered, page 1",
            curator,
            f"/registry/participants/?{PARTICIPANT_FILTER}&page=1",
            admin,
            participants_admin,
        ),
        (
            "participant list, filtered, page 50",
            curator,
            f"/registry/participants/?{PARTICIPANT_FILTER}&page={page_50}",
            admin,
            f"{participants_admin}&p={admin_page}",
        ),
        (
            "pair detail",
            curator,
            f"/pairs/{subjects.unit.pk}/",
            admin,
            f"/admin/mentoring/mentoringunit/?program={program.pk}",
        ),
        (
            "roadmap page",
            curator,
            f"/roadmaps/{subjects.roadmap.pk}/",
            admin,
            f"/admin/roadmap/activity/?roadmap={subjects.roadmap.pk}",
        ),
        ("coordinator dashboard", coordinator, dashboard_url, admin, dashboard_baseline),
    ]
    lines = []
    for name, client, url, baseline_client, baseline_url in cases:
        timing, baseline = timed_pair(
            getter(client, url), getter(baseline_client, baseline_url), runs=runs, warmup=warmup
        )
        ratio = round(timing.median_ms / baseline.median_ms, 2)
        lines.append(
            Line(
                scale=scale,
                name=name,
                url=url,
                timing=timing,
                baseline=baseline,
                baseline_url=baseline_url,
                ratio=ratio,
                target=f"≤ {PAGE_RATIO}× admin",
                passed=ratio <= PAGE_RATIO,
            )
        )
    if page_50 != 50:
        lines[2].notes.append(f"the filtered list has {page_50} pages only: its last page is measured")
    lines.append(
        dashboard_afresh(scale, coordinator, dashboard_url, admin, dashboard_baseline, runs=runs, warmup=warmup)
    )
    return lines


def dashboard_afresh(
    scale: str, coordinator: Client, url: str, admin: Client, baseline_url: str, *, runs: int, warmup: int
) -> Line:
    """The dashboard above takes each organization's live counts from the cache until the
    organization changes; here the cache is emptied before each view, as if every organization of
    the municipality had just changed. For information: the target is the page as users get it."""
    view = getter(coordinator, url)

    def afresh():
        cache.clear()
        return view()

    timing, baseline = timed_pair(afresh, getter(admin, baseline_url), runs=runs, warmup=warmup)
    return Line(
        scale=scale,
        name="coordinator dashboard, counted afresh (cache emptied)",
        url=url,
        timing=timing,
        baseline=baseline,
        baseline_url=baseline_url,
        ratio=round(timing.median_ms / baseline.median_ms, 2),
        notes=["for information: what the first view after a change of every organization costs"],
    )


def latest_period(municipality: Municipality) -> ReportingPeriod:
    period = (
        ReportingPeriod.objects.filter(municipality=municipality, reporting_date__lte=timezone.localdate())
        .order_by("-reporting_date")
        .first()
    )
    if period is None:
        raise BenchmarkError(f"{municipality} has no reporting period that has come.")
    return period


def export_lines(scale: str, subjects: Subjects, *, runs: int, warmup: int) -> list[Line]:
    from reports.quarterly import QuarterlyExporter
    from reports.regional import RegionQuarterlyExporter

    period = latest_period(subjects.municipality)

    def one_municipality():
        QuarterlyExporter().render({"municipality": subjects.municipality, "period": period})

    def whole_region():
        RegionQuarterlyExporter().render({"region": subjects.region, "reporting_date": period.reporting_date})

    municipalities = list(Municipality.objects.filter(region=subjects.region).order_by("pk"))

    def every_municipality():
        for municipality in municipalities:
            QuarterlyExporter().render({"municipality": municipality, "period": latest_period(municipality)})

    region_timing = timed(whole_region, runs=max(1, runs // 5), warmup=min(1, warmup))
    return [
        Line(scale, "quarterly XLSX, one municipality", timed(one_municipality, runs=runs, warmup=warmup)),
        Line(
            scale,
            f"quarterly XLSX, whole region ({len(municipalities)} municipalities in one workbook)",
            region_timing,
            target=f"< {REGION_XLSX_SECONDS:g} s",
            passed=region_timing.median_ms < REGION_XLSX_SECONDS * 1000,
        ),
        Line(
            scale,
            f"quarterly XLSX of every municipality ({len(municipalities)} workbooks in sequence)",
            timed(every_municipality, runs=1, warmup=0),
            notes=["for comparison: what the coordinators of the region download, one after another"],
        ),
    ]


class Rollback(Exception):
    pass


def pdf_line(scale: str, subjects: Subjects, *, runs: int, warmup: int) -> Line:
    """The pairs approval order with 300 rows: the whole ``order_pdf`` against WeasyPrint alone on
    the HTML it renders. The draft order is rolled back."""
    from mentoring.pairs.services import approval_rows
    from reports.services import order_draft

    units = (
        MentoringUnit.objects.filter(program__organization__municipality__region=subjects.region)
        .prefetch_related("mentees__mentee")
        .select_related("mentor", "form", "role_model", "program__organization")
        .order_by("mentor__last_name", "pk")[:PDF_ROWS]
    )
    result = {}
    try:
        with transaction.atomic():
            order = order_draft(
                kind=OrderKind.objects.get(code="pairs-approval"),
                by=subjects.director,
                organization=subjects.organization,
                appendix_rows=approval_rows(units),
            )
            rows = len(order.appendices[0]["rows"])
            html = render_to_string(
                rendering.ORDER_TEMPLATE,
                {"doc": rendering.order_content(order), "acquainted_columns": rendering.ACQUAINTED_COLUMNS},
            )
            result["whole"], result["weasyprint"] = timed_pair(
                lambda: rendering.order_pdf(order), lambda: render_html_to_pdf(html), runs=runs, warmup=warmup
            )
            raise Rollback
    except Rollback:
        pass
    ratio = round(result["whole"].median_ms / result["weasyprint"].median_ms, 2)
    return Line(
        scale,
        f"pairs order PDF, {rows} rows",
        result["whole"],
        baseline=result["weasyprint"],
        baseline_url="WeasyPrint alone on the same HTML",
        ratio=ratio,
        target=f"≤ {PDF_RATIO}× WeasyPrint",
        passed=ratio <= PDF_RATIO,
    )


def matching_lines(scale: str, *, mentees: int, mentors: int, runs: int) -> list[Line]:
    """The matching of ``bench_matching --db``: a cohort written to the database, rolled back; then
    accepting every suggestion as draft pairs (each run rolled back), as «Принять все» does."""
    import random

    from mentoring.pairs.matching import program_matching, suggestions_accept
    from ops.management.commands.bench_matching import Command

    result = {}
    try:
        with transaction.atomic():
            options = {"mentees": mentees, "mentors": mentors, "capacity": 3}
            program = Command().build(random.Random(1), options)
            today = datetime.date.today()
            result["timing"] = timed(lambda: program_matching(program, today), runs=runs, warmup=0)
            pairs = [
                (s.mentee.participant_id, s.mentor.participant_id) for s in program_matching(program, today).suggestions
            ]

            def accept():
                savepoint = transaction.savepoint()
                suggestions_accept(program=program, pairs=pairs, by=None)
                transaction.savepoint_rollback(savepoint)

            result["accept"] = timed(accept, runs=runs, warmup=0)
            result["pairs"] = len(pairs)
            raise Rollback
    except Rollback:
        pass
    return [
        Line(scale, f"matching {mentees} × {mentors} (from the database)", result["timing"]),
        Line(scale, f"matching {mentees} × {mentors}: accept all {result['pairs']} suggestions", result["accept"]),
    ]


def check_query_counts(lines: list[Line]) -> None:
    """The issue wants every page to make as many queries at region scale as at district scale:
    a region page fails when its count differs from the district's."""
    district = {line.name: line for line in lines if line.url and line.scale == "district"}
    for line in lines:
        if line.url and line.scale == "region" and line.name in district:
            before = district[line.name].timing.queries
            line.notes.append(f"queries: district {before}, region {line.timing.queries}")
            if line.passed is not None:  # lines for information have no verdict to spoil
                line.passed = line.passed and before == line.timing.queries


def run(scales: list[str], *, runs: int, warmup: int, matching: tuple[int, int] = (500, 200)) -> list[Line]:
    lines = []
    # Exports take seconds each: a quarter of the page runs, one warm-up at most.
    heavy = {"runs": max(1, runs // 4), "warmup": min(1, warmup)}
    for scale in scales:
        subjects = subjects_of(scale)
        lines += page_lines(scale, subjects, runs=runs, warmup=warmup)
        lines += export_lines(scale, subjects, **heavy)
        lines.append(pdf_line(scale, subjects, **heavy))
    lines += matching_lines("—", mentees=matching[0], mentors=matching[1], runs=heavy["runs"])
    check_query_counts(lines)
    return lines


def table(lines: list[Line]) -> str:
    header = ["scale", "measure", "median ms", "p95 ms", "queries", "baseline ms", "b. queries", "ratio", "target", ""]
    rows = [header]
    for line in lines:
        verdict = "" if line.passed is None else ("pass" if line.passed else "FAIL")
        rows.append(
            [
                line.scale,
                line.name,
                f"{line.timing.median_ms:.1f}",
                f"{line.timing.p95_ms:.1f}",
                str(line.timing.queries),
                f"{line.baseline.median_ms:.1f}" if line.baseline else "",
                str(line.baseline.queries) if line.baseline else "",
                f"{line.ratio:.2f}" if line.ratio is not None else "",
                line.target,
                verdict,
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "\n".join(" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)
