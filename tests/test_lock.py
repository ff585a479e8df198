"""requirements.lock installs exactly what pyproject.toml pins, so `make` and pip agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", re.MULTILINE)
NAME = re.compile(r"^[A-Za-z0-9_.-]+")


def _norm(name: str) -> str:
    """A distribution name in PEP 503 form (Jinja2 and jinja2 are one package)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["test"]]


def _locked() -> dict[str, str]:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {_norm(name): version for name, version in PIN.findall(text)}


def test_every_declared_dependency_is_locked_with_a_hash() -> None:
    locked = _locked()
    declared = _declared()
    assert len(declared) >= 8 and len(locked) >= len(declared)
    missing = [d for d in declared if _norm(NAME.match(d).group()) not in locked]
    assert not missing, f"run `make lock`: {missing} are not in requirements.lock"
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
    unhashed = [b.split()[0] for b in blocks if b.strip() and "--hash=sha256:" not in b]
    assert not unhashed, f"lock entries without a hash: {unhashed}"


def test_pinned_versions_match_the_lock() -> None:
    locked = _locked()
    pins = [PIN.match(d) for d in _declared()]
    pinned = {_norm(m.group(1)): m.group(2) for m in pins if m}
    assert len(pinned) >= 6, "pyproject.toml pins the measured stack"
    differ = {n: (v, locked.get(n)) for n, v in pinned.items() if locked.get(n) != v}
    assert not differ, f"pyproject.toml pin vs requirements.lock: {differ}; run `make lock`"
