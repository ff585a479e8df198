"""The layering rules of the README, checked on the import statements of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

UI = frozenset({"streamlit"})
DRAWING = frozenset({"altair", "vl_convert"})
POVDASH_PARTS = ("data", "analysis", "views", "render", "report", "curation", "cli")


def others(*allowed: str) -> frozenset[str]:
    """Every part of povdash except the allowed ones (and the one the rule is for)."""
    return frozenset(f"povdash.{p}" for p in POVDASH_PARTS if p not in allowed)


# Package -> (third-party packages it must not import, project modules it must not import).
# Read top to bottom it is the architecture: extract and the data layer at the bottom, analysis
# on the data, render and views on both, report on render, the command line on everything, and
# only app_pages (thin pages) and dashboard.py touch Streamlit. Labels and number formats are the
# words every layer above the data uses, so analysis may read them but not the charts.
RULES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "extract": (
        UI | DRAWING | {"pandas", "numpy", "yaml", "ruamel"},
        frozenset({"povdash", "app_pages", "dashboard"}),
    ),
    "povdash": (UI, frozenset({"app_pages", "dashboard", "serve"})),
    "povdash.data": (UI | DRAWING, others("data")),
    "povdash.analysis": (
        UI | DRAWING,
        others("data", "analysis", "render") | {"povdash.render.charts", "povdash.render.fonts"},
    ),
    "povdash.render": (UI, others("data", "analysis", "render")),
    "povdash.views": (
        UI | DRAWING,
        others("data", "analysis", "views", "render", "report", "curation"),
    ),
    "povdash.report": (UI, others("data", "analysis", "render", "report")),
    "povdash.curation": (UI | DRAWING | {"pandas"}, others("data", "curation")),
    "povdash.cli": (UI, frozenset()),
}


def imported(path: Path) -> set[str]:
    """Dotted names a module imports: `from a.b import c` gives a.b and a.b.c."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def imported_roots(path: Path) -> set[str]:
    """Top-level package names a module imports."""
    return {name.split(".")[0] for name in imported(path)}


def modules(package: str) -> list[Path]:
    """Every Python file of a package (dotted name)."""
    found = sorted((ROOT / package.replace(".", "/")).rglob("*.py"))
    assert found, f"no modules found under {package}/"
    return found


def breaks(name: str, forbidden: frozenset[str]) -> bool:
    """Whether an imported dotted name is, or lies inside, one of the forbidden modules."""
    return any(name == f or name.startswith(f + ".") for f in forbidden)


@pytest.mark.parametrize("package", sorted(RULES))
def test_layer_imports(package: str) -> None:
    libraries, project = RULES[package]
    offenders = {}
    for path in modules(package):
        names = imported(path)
        bad = sorted(imported_roots(path) & libraries) + sorted(
            n for n in names if breaks(n, project) and not breaks(n, frozenset({package}))
        )
        if bad:
            offenders[str(path.relative_to(ROOT))] = bad
    assert not offenders, f"{package}/ imports what its layer must not: {offenders}"


def test_every_povdash_module_is_in_a_layer() -> None:
    """A module outside the table's packages would escape every rule but the Streamlit one."""
    loose = [
        str(p.relative_to(ROOT))
        for p in modules("povdash")
        if p.parent == ROOT / "povdash" and p.name != "__init__.py"
    ]
    parts = {p.name for p in (ROOT / "povdash").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert not loose, f"modules directly under povdash/: {loose}"
    assert parts == set(POVDASH_PARTS), f"povdash/ has parts the rules do not name: {parts}"


def test_the_rules_catch_an_upward_import() -> None:
    """The table is not vacuous: the data layer importing a chart would be caught."""
    _, project = RULES["povdash.data"]
    assert breaks("povdash.render.charts", project)
    assert breaks("povdash.views.viewstate", project)
    assert not breaks("povdash.data.model", project)
    _, project = RULES["povdash.analysis"]
    assert breaks("povdash.render.charts", project)
    assert not breaks("povdash.render.labels", project)


def test_pages_hold_no_parsing() -> None:
    """Pages read widgets, call functions and render: no yaml, no regex, no extract internals."""
    pages = modules("app_pages")
    offenders = {
        str(p.relative_to(ROOT)): sorted(imported_roots(p) & {"yaml", "re", "extract", "decimal"})
        for p in pages
    }
    assert not {k: v for k, v in offenders.items() if v}, offenders


def test_yaml_only_through_safe_loaders() -> None:
    """No module calls yaml.load with an unsafe loader or yaml.unsafe_load."""
    bad = []
    paths = (
        sorted(ROOT.glob("*.py")) + modules("povdash") + modules("extract") + modules("app_pages")
    )
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if "unsafe_load" in text or "yaml.Loader" in text or "FullLoader" in text:
            bad.append(str(path.relative_to(ROOT)))
    assert not bad, bad


OWN = {"povdash", "extract", "app_pages", "bench", "tools"}


def _guarded_imports(tree: ast.AST) -> list[str]:
    """Project modules imported inside a try whose handler catches ImportError."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        names = {
            n.id
            for h in node.handlers
            if h.type is not None
            for n in ast.walk(h.type)
            if isinstance(n, ast.Name)
        }
        if not names & {"ImportError", "ModuleNotFoundError"}:
            continue
        for inner in (n for stmt in node.body for n in ast.walk(stmt)):
            if isinstance(inner, ast.Import):
                found += [a.name for a in inner.names if a.name.split(".")[0] in OWN]
            elif isinstance(inner, ast.ImportFrom) and (
                inner.level or (inner.module or "").split(".")[0] in OWN
            ):
                found.append(inner.module or ".")
    return found


def test_own_modules_are_imported_without_guards() -> None:
    """The project's own modules are always there: an ImportError guard around one only hides a
    bug (third-party extras, such as the font wheel, may still be guarded)."""
    paths = [*sorted(ROOT.glob("*.py")), *(p for pkg in sorted(OWN) for p in modules(pkg))]
    offenders = {
        str(p.relative_to(ROOT)): guarded
        for p in paths
        if (guarded := _guarded_imports(ast.parse(p.read_text(encoding="utf-8"))))
    }
    assert not offenders, f"ImportError guards around the project's own modules: {offenders}"


def test_guard_rule_sees_a_guarded_import() -> None:
    """The rule above finds the pattern it forbids (so it cannot pass by seeing nothing)."""
    tree = ast.parse("try:\n    from povdash import export\nexcept ImportError:\n    pass\n")
    assert _guarded_imports(tree) == ["povdash"]
