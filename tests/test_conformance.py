"""Conformance with public suites: the Recognizers-Text Chinese Number, Percent, Currency and
Dimension specs, read at test time from ../shared/peer-suites (never copied into the project).

Units are converted from the suites' as-written names to canonical codes. A case counts when its
expected value is expressible (a value in a canonical unit); the pass rate over those must be at
least 97 %, and every remaining failure is listed with its reason in conformance_deviations.yaml.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, SHARED

from extract import ExtractError, Quantity, find_quantities, parse_number, parse_quantity
from extract.registry import PREFIX_QUALIFIERS

SUITE_DIR = SHARED / "peer-suites" / "recognizers-text-zh"
DEVIATIONS = FIXTURES / "extract" / "conformance_deviations.yaml"
MIN_PASS_RATE = 0.97

Case = dict[str, Any]

# The suites' unit names -> (canonical code, factor). Units outside the dataset (bits, hertz,
# calories, foreign currencies) are not expressible and their cases are not counted.
DIMENSIONS: dict[str, tuple[str, str]] = {
    "Mu": ("mu", "1"),
    "Kilogram": ("kg", "1"),
    "Gram": ("kg", "0.001"),
    "Microgram": ("kg", "0.000000001"),
    "Jin": ("kg", "0.5"),
    "Liang": ("kg", "0.05"),
    "Ton": ("t", "1"),
    "Kilometer": ("km", "1"),
    "Meter": ("km", "0.001"),
    "Centimeter": ("km", "0.00001"),
    "Kilowatt": ("kW", "1"),
}
PHYSICAL = {"t", "kg", "km", "km2", "mu", "kW", "kWh", "m3"}


def _load(name: str) -> list[Case]:
    return json.loads((SUITE_DIR / f"{name}.json").read_text(encoding="utf-8-sig"))


def _span(case: Case, result: Case) -> str:
    return case["Input"][result["Start"] : result["End"] + 1]  # End is inclusive


def _close(got: Decimal, want: str | Decimal) -> bool:
    """Equal, or equal to the 15 significant digits the suite prints for 1/3 and the like."""
    want = Decimal(want)
    return got == want or abs(got - want) <= abs(want) * Decimal("1e-12")


def _has_values(case: Case) -> bool:
    return all(r.get("Resolution", {}).get("value") is not None for r in case["Results"])


def _number_case(case: Case) -> bool:
    if not case["Results"]:
        try:
            parse_number(case["Input"])
        except ExtractError:
            return True
        return False
    try:
        return all(
            _close(parse_number(_span(case, r)), r["Resolution"]["value"]) for r in case["Results"]
        )
    except ExtractError:
        return False


def _percent_case(case: Case) -> bool:
    if not case["Results"]:
        found = find_quantities(case["Input"])
        return not [q for q in found if q.unit.startswith("percent") or q.unit == "tenths"]
    for r in case["Results"]:
        span = _span(case, r)
        compact = "".join(span.split())
        want = "percent_point" if "百分点" in compact or "百分點" in compact else "percent"
        try:
            q = parse_quantity(span)
        except ExtractError:
            return False
        value = q.value * 10 if q.unit == "tenths" else q.value  # 七成 = 7 tenths = 70 %
        unit = "percent" if q.unit == "tenths" else q.unit
        if unit != want or not _close(value, r["Resolution"]["value"].rstrip("%")):
            return False
    return True


def _same_spans(
    case: Case, found: list[Quantity], want: list[tuple[int, int, str, Decimal]]
) -> bool:
    """Found quantities equal the expected ones; a leading qualifier word (近一吨) is allowed."""
    got = sorted((q.start, q.end, q.unit, q.value) for q in found)
    if len(got) != len(want):
        return False
    for (start, end, unit, value), (w_start, w_end, w_unit, w_value) in zip(
        got, sorted(want), strict=True
    ):
        if (end, unit) != (w_end, w_unit) or not _close(value, w_value):
            return False
        if start != w_start and case["Input"][start:w_start] not in PREFIX_QUALIFIERS:
            return False
    return True


def _currency_expressible(case: Case) -> bool:
    return _has_values(case) and all(
        r["Resolution"].get("unit") == "Chinese yuan" for r in case["Results"]
    )


def _currency_case(case: Case) -> bool:
    want = [
        (r["Start"], r["End"] + 1, "yuan", Decimal(r["Resolution"]["value"]))
        for r in case["Results"]
    ]
    found = [q for q in find_quantities(case["Input"]) if q.unit == "yuan"]
    return _same_spans(case, found, want)


def _dimension_expressible(case: Case) -> bool:
    return _has_values(case) and all(
        r["Resolution"].get("unit") in DIMENSIONS for r in case["Results"]
    )


def _dimension_case(case: Case) -> bool:
    want = []
    for r in case["Results"]:
        code, factor = DIMENSIONS[r["Resolution"]["unit"]]
        value = Decimal(r["Resolution"]["value"]) * Decimal(factor)
        want.append((r["Start"], r["End"] + 1, code, value))
    found = [q for q in find_quantities(case["Input"]) if q.unit in PHYSICAL]
    return _same_spans(case, found, want)


SUITES: dict[str, tuple[Callable[[Case], bool], Callable[[Case], bool]]] = {
    "NumberModel": (_has_values, _number_case),
    "PercentModel": (_has_values, _percent_case),
    "CurrencyModel": (_currency_expressible, _currency_case),
    "DimensionModel": (_dimension_expressible, _dimension_case),
}


def _require_suites() -> None:
    if SUITE_DIR.is_dir():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must have the peer suites at {SUITE_DIR}")
    pytest.skip(f"peer suites not present at {SUITE_DIR}")


def run_suites() -> dict[str, tuple[int, int, list[str]]]:
    """Per suite: (expressible cases, passed, inputs of the failed cases)."""
    results = {}
    for name, (expressible, check) in SUITES.items():
        cases = [c for c in _load(name) if expressible(c)]
        failed = [c["Input"] for c in cases if not check(c)]
        results[name] = (len(cases), len(cases) - len(failed), failed)
    return results


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[int, int, list[str]]]:
    _require_suites()
    return run_suites()


def _deviations() -> set[tuple[str, str]]:
    entries = yaml.safe_load(DEVIATIONS.read_text(encoding="utf-8"))["deviations"]
    assert all(e.get("reason") and e.get("category") for e in entries), "each needs a reason"
    return {(e["suite"], e["input"]) for e in entries}


def test_suites_are_read(results: dict[str, tuple[int, int, list[str]]]) -> None:
    assert set(results) == set(SUITES)
    assert all(total > 0 for total, _, _ in results.values()), results


def test_pass_rate_at_least_97_percent(results: dict[str, tuple[int, int, list[str]]]) -> None:
    total = sum(t for t, _, _ in results.values())
    passed = sum(p for _, p, _ in results.values())
    rates = {name: f"{p}/{t}" for name, (t, p, _) in results.items()}
    assert passed / total >= MIN_PASS_RATE, f"{passed}/{total} ({rates})"


def test_every_failure_is_a_listed_deviation(
    results: dict[str, tuple[int, int, list[str]]],
) -> None:
    failed = {(name, text) for name, (_, _, fails) in results.items() for text in fails}
    unlisted = failed - _deviations()
    assert not unlisted, f"failures without a listed reason: {sorted(unlisted)}"


def test_no_stale_deviation(results: dict[str, tuple[int, int, list[str]]]) -> None:
    failed = {(name, text) for name, (_, _, fails) in results.items() for text in fails}
    stale = _deviations() - failed
    assert not stale, f"listed deviations that now pass, remove them: {sorted(stale)}"


def test_deviation_file_path_is_inside_fixtures() -> None:
    assert isinstance(DEVIATIONS, Path) and DEVIATIONS.is_file()
