"""reports.api, the register's one door for the domain, and the import rules around the register."""

import ast
import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from reports import api, services
from reports.models import Order, OrderKind
from roadmap.models import Status
from tests.roadmap.factories import ActivityFactory, MunicipalRoadmapFactory, RoadmapFactory, StageFactory

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.date(2026, 9, 15)
ROWS = [["1", "Алексеев А. (10А)", "Младшая М. (6А)", "Ученик – ученик", "равный – равному", "с 15.09.2026"]]


@pytest.fixture(autouse=True)
def fast_pdf(monkeypatch):
    """Registration stores a PDF; its rendering is tested in test_order_rendering."""
    monkeypatch.setattr(services, "order_pdf", lambda order: b"%PDF-1.7 " + order.number.encode())


def test_the_approval_order_is_registered_with_the_rows_and_completes_the_roadmap(world):
    organization, director = world.a.organization, world.a.users[Role.DIRECTOR]
    roadmap = RoadmapFactory(organization=organization)
    waiting = ActivityFactory(stage=StageFactory(roadmap=roadmap), completes_on="order_registered:pairs-approval")

    order = api.approval_order_issue(organization=organization, appendix_rows=ROWS, by=director, on_date=DAY)

    order.refresh_from_db()
    assert (order.kind.code, order.status, order.organization, order.date) == (
        "pairs-approval",
        Order.Status.REGISTERED,
        organization,
        DAY,
    )
    assert order.number and order.appendices[0]["rows"] == ROWS
    waiting.refresh_from_db()
    assert (waiting.status, waiting.evidence_order) == (Status.DONE, order)


@pytest.mark.parametrize("municipal", [False, True])
def test_the_introduction_order_is_the_owners_draft(world, municipal):
    if municipal:
        owner = {"municipality": world.a.municipality}
        by, code = world.a.users[Role.COORDINATOR], "municipal-roadmap"
    else:
        owner = {"organization": world.a.organization}
        by, code = world.a.users[Role.DIRECTOR], "model-introduction"

    order = api.introduction_order_draft(
        by=by, appendix_columns=["№", "Мероприятие"], appendix_rows=[["1.", "Х"]], **owner
    )

    assert (order.kind.code, order.status) == (code, Order.Status.DRAFT)
    assert (order.organization, order.municipality) == (owner.get("organization"), owner.get("municipality"))
    assert order.appendices[0]["columns"] == ["№", "Мероприятие"]


def test_a_retired_introduction_kind_is_refused_and_nothing_is_drafted(world):
    OrderKind.objects.filter(code="municipal-roadmap").update(is_active=False)
    with pytest.raises(ValidationError) as caught:
        api.introduction_order_draft(
            by=world.a.users[Role.COORDINATOR],
            appendix_columns=["№"],
            appendix_rows=[],
            municipality=world.a.municipality,
        )
    assert caught.value.messages == ["Вид приказа «municipal-roadmap» не используется."]
    assert not Order.objects.exists()


def test_the_retired_kind_message_reaches_the_roadmap_page(world, client):
    OrderKind.objects.filter(code="municipal-roadmap").update(is_active=False)
    roadmap = MunicipalRoadmapFactory(municipality=world.a.municipality)
    client.force_login(world.a.users[Role.COORDINATOR])
    response = client.post(reverse("roadmap_order_draft", kwargs={"pk": roadmap.pk}), follow=True)
    assert response.status_code == 200
    assert "Вид приказа «municipal-roadmap» не используется." in response.content.decode()
    assert not Order.objects.exists()


# Import rules, read from the source (imports inside functions too).


def _imports(path: Path) -> set[str]:
    """The modules a file imports: ``from reports import docx`` counts as reports.docx."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _modules(package: str) -> dict[str, Path]:
    folder = ROOT / package
    return {
        ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path
        for path in folder.rglob("*.py")
        if "migrations" not in path.parts
    }


def test_no_modules_of_reports_import_each_other_around_a_loop():
    modules = _modules("reports")
    graph = {name: _imports(path) & set(modules) - {name} for name, path in modules.items()}
    assert "reports.order_content" in graph["reports.docx"] and "reports.rendering" not in graph["reports.docx"]

    def loop_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        seen = set()
        while stack:
            name, path = stack.pop()
            for target in graph[name]:
                if target == start:
                    return [*path, start]
                if target not in seen:
                    seen.add(target)
                    stack.append((target, [*path, target]))
        return None

    loops = [loop for name in graph if (loop := loop_from(name))]
    assert loops == []


def test_the_domain_drafts_and_registers_orders_only_through_reports_api():
    # The register's own modules that make orders; reading the Order model stays allowed. The
    # benchmarks time the register's rendering itself, on a draft they roll back.
    internals = {"reports.services", "reports.drafting"}
    offenders = {
        name: sorted(_imports(path) & internals)
        for package in ("mentoring", "roadmap", "monitoring", "accounts")
        for name, path in _modules(package).items()
        if _imports(path) & internals and "benchmarks" not in path.parts
    }
    assert offenders == {}
