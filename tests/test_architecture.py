"""The direction of imports between the packages (README «Architecture»).

Packages stand in layers, lowest first: accounts; the registries; pairs and groups; the work of a
pair; roadmaps and questionnaires; indicators; documents and reports. A module of the product
imports only from lower layers (or its own package), so the domain never depends on what is built
on it and no two packages import each other. Lower layers learn of what happens above through
signals and registries that the upper packages fill when they start (home panels, the matching's
questionnaire reader, the register of downloads). The exceptions are named below, each with its
reason: the pages of every package (views, urls, panels, admin, demo data, commands) and its
exported files stand on top and may use any package; the document kit of ``reports`` is used by
every layer; and the domain enters the order register through one door, ``reports.api``. Tooling
(``ops``) is imported by no module of the product.
"""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("accounts", "mentoring", "roadmap", "monitoring", "reports", "ops")
LAYERS = {
    "accounts": 0,
    # The project's shared helpers (settings, dates of the academic year, uploads, workbooks).
    "mentoring": 0,
    "mentoring.registry": 1,
    "mentoring.pairs": 2,
    "mentoring.work": 3,
    "mentoring.practices": 3,
    "mentoring.training": 3,
    "mentoring.contests": 3,
    "roadmap": 4,
    "monitoring": 4,
    "monitoring.indicators": 5,
    "reports": 6,
    # The Положение о наставничестве: a document built on the register (its order, its appendix).
    "reports.statute": 7,
    "ops": 8,
}
# Modules of an upper package that every lower layer may import, and why.
DOORS = {
    "reports.exporters": "the document kit: exporters and their registry, which every package fills",
    "reports.responses": "the document kit: a file as an HTTP response",
    "reports.pdf": "the document kit: HTML to PDF",
    "reports.api": "the domain's one door into the order register (drafting and registering)",
    "reports.models": "the register's tables, which roadmap activities cite as evidence (reads only)",
}
# Modules that gather the whole app for Django (its models, its start-up): wiring, not a layer.
# ``reports.models`` gathers the models of reports.statute under the app's label.
WIRING = {"mentoring.models", "mentoring.apps", "mentoring.urls", "mentoring.settings", "mentoring.wsgi"}
WIRING |= {"reports.models"}
# Pages, and the files made like pages (a registry's XLSX lists the pairs of its people): they read
# across the packages below them.
PAGE_LEAVES = {"views", "urls", "panels", "admin", "apps", "demo", "exports", "exporters"}


def component(module: str) -> str:
    parts = module.split(".")
    capabilities = ("registry", "pairs", "work", "practices", "training", "contests")
    if parts[0] == "mentoring" and len(parts) > 1 and parts[1] in capabilities:
        return ".".join(parts[:2])
    if parts[:2] == ["monitoring", "indicators"]:
        return "monitoring.indicators"
    if parts[:2] == ["reports", "statute"]:
        return "reports.statute"
    return parts[0]


def is_page(module: str) -> bool:
    leaf = module.rsplit(".", 1)[-1]
    return (
        leaf in PAGE_LEAVES
        or leaf.endswith(("_views", "_urls", "_panels"))
        or ".management." in module
        or module in WIRING
        or component(module) == "ops"
    )


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
            modules[name] = path
    return modules


MODEL_MODULES = (
    "mentoring.registry.models",
    "mentoring.pairs.models",
    "mentoring.work.models",
    "mentoring.practices.models",
    "mentoring.training.models",
    "mentoring.contests.models",
)


def declaring_module(name: str) -> str:
    """Where a name that ``mentoring.models`` gathers is declared (a constant: the lowest module
    that has it)."""
    value = getattr(importlib.import_module("mentoring.models"), name)
    if getattr(value, "__module__", None) in MODEL_MODULES:
        return value.__module__
    return next(module for module in MODEL_MODULES if name in vars(importlib.import_module(module)))


def imported(path: Path) -> set[str]:
    """Modules a file imports, anywhere in it; a name imported from ``mentoring.models`` counts as
    the module that declares it, so the gatherer hides no dependency."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "mentoring.models":
                found |= {declaring_module(alias.name) for alias in node.names}
                continue
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.split(".")[0] in PACKAGES}


def violations() -> list[str]:
    modules = project_modules()
    found = []
    for module, path in sorted(modules.items()):
        source = component(module)
        for target in sorted(imported(path)):
            if target not in modules and target.rsplit(".", 1)[0] in modules:
                target = target.rsplit(".", 1)[0]  # `from package import name`: the name is not a module
            destination = component(target)
            if destination == source:
                continue
            if destination == "ops":
                found.append(f"{module} imports the tooling {target}")
            elif is_page(module) or target in WIRING or target in DOORS:
                continue
            elif LAYERS[destination] >= LAYERS[source]:
                found.append(f"{module} ({source}) imports {target} ({destination}): not a lower layer")
    return found


def test_imports_run_down_the_layers():
    assert violations() == []


@pytest.mark.parametrize(
    ("source", "line"),
    [
        ("mentoring/registry/services.py", "from mentoring.pairs.services import unit_terminate\n"),
        ("accounts/mixins.py", "from reports.export_log import export_record\n"),
        ("mentoring/pairs/matching.py", "from monitoring.selectors import matching_inputs\n"),
        ("roadmap/services.py", "from reports.services import order_draft\n"),
        ("reports/quarterly.py", "from ops.benchmarks import run\n"),
    ],
)
def test_an_upward_import_is_found(source, line, monkeypatch):
    """The check can fail: an import against the direction, added to a module, is reported."""
    path = ROOT / source
    original = Path.read_text

    def with_line(self, *args, **kwargs):
        text = original(self, *args, **kwargs)
        return line + text if self == path else text

    monkeypatch.setattr(Path, "read_text", with_line)
    assert any(entry.startswith(source.removesuffix(".py").replace("/", ".")) for entry in violations())


def test_the_readme_names_every_package():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Architecture") :]
    for package in LAYERS:
        assert f"`{package}" in section, package
