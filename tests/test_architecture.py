"""The layering rules of the README, checked on the import statements of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "extract": {"pandas", "streamlit", "altair", "povdash", "numpy", "yaml"},
    "povdash": {"streamlit"},
}


def imported_roots(path: Path) -> set[str]:
    """Top-level package names a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def modules(package: str) -> list[Path]:
    """Every Python file of a package."""
    found = sorted((ROOT / package).rglob("*.py"))
    assert found, f"no modules found under {package}/"
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_layer_imports(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) & FORBIDDEN[package])
        for path in modules(package)
    }
    offenders = {k: v for k, v in offenders.items() if v}
    assert not offenders, f"{package}/ imports what its layer must not: {offenders}"


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
    for path in sorted(ROOT.glob("*.py")) + modules("povdash") + modules("extract"):
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
