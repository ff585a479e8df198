"""pyproject.toml uses the current metadata forms, so building the package warns about nothing."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# An SPDX licence expression: ids joined by AND/OR/WITH, optionally in parentheses.
SPDX = re.compile(r"^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_licence_is_an_spdx_string() -> None:
    # setuptools deprecates the `{text = ...}` table and prints a warning on every build.
    license_ = _pyproject()["project"]["license"]
    assert isinstance(license_, str), f"project.license is a table {license_!r}, use an SPDX string"
    assert SPDX.match(license_), license_
    for pattern in _pyproject()["project"].get("license-files", []):
        assert list(ROOT.glob(pattern)), f"license-files names {pattern!r}, which matches nothing"


def test_build_backend_accepts_the_spdx_string() -> None:
    # setuptools reads a string licence only from 77.0 on; an older backend would reject it.
    requires = _pyproject()["build-system"]["requires"]
    (setuptools,) = [r for r in requires if r.startswith("setuptools")]
    floor = re.search(r">=\s*(\d+)", setuptools)
    assert floor and int(floor.group(1)) >= 77, setuptools
