"""Loading data/: shapes and types, periods, the Issue format and the code registry."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from povdash.analysis.normalise import BASES, per_basis
from povdash.data.dataset import fingerprint, load_dataset
from povdash.data.issues import CODES, REGISTRY, Issue, make_issue
from povdash.data.load import read_catalog
from povdash.data.periods import parse_period

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "data_valid"
INVALID = FIXTURES / "data_invalid"


def test_valid_catalog_has_every_record() -> None:
    cat = read_catalog(VALID)
    assert cat.issues == []
    assert sorted(cat.places) == ["demo-county", "demo-province"]
    assert cat.places["demo-county"].parent == "demo-province"
    assert len(cat.places["demo-county"].denominators) == 3
    assert sorted(cat.programs) == ["INC-CRED", "INC-IND", "SOC-DIBAO"]
    assert cat.programs["SOC-DIBAO"].group == "SOC"
    assert len(cat.indicators) == 8
    source = cat.sources["demo-county-2022-01"]
    assert [(s.id, s.parent) for s in source.sections] == [
        ("income", None),
        ("microcredit", "income"),
        ("protection", None),
    ]
    assert len(cat.observations) == 9
    assert len(cat.exclusions) == 5
    assert len(cat.checks) == 1


def test_a_broken_file_leaves_the_other_files_loaded() -> None:
    dataset = load_dataset(INVALID / "yaml_syntax_error")
    assert [i.code for i in dataset.issues] == ["yaml-syntax"]
    assert set(dataset.table["source"]) == {"demo-county-2022-01"}
    assert len(dataset.table) == 7
    assert len(dataset.places) == 2
    assert len(dataset.indicators) == 8


def test_unknown_key_suggests_the_close_one() -> None:
    (issue,) = load_dataset(INVALID / "unknown_key").issues
    assert issue.hint == "did you mean 'qualifier'?"
    assert issue.line == 18


def test_comma_in_a_flow_mapping_gets_a_quoting_hint() -> None:
    (issue,) = load_dataset(INVALID / "comma_split_value").issues
    assert "quotes" in issue.hint


def test_wrong_type_says_expected_and_got() -> None:
    (issue,) = load_dataset(INVALID / "wrong_type_string_for_number").issues
    assert issue.message == "expected a number (e.g. 948 or 5.9), got the string '9813元'"
    (issue,) = load_dataset(INVALID / "wrong_type_number_for_string").issues
    assert issue.hint == 'quote it: "990101"'


def test_issue_format_is_one_exact_line() -> None:
    issue = make_issue(
        "unknown-unit",
        "observations/liuhe-2020-04-21.yaml",
        41,
        "observations[3].unit",
        "expected a unit of the registry, got '亿度x'",
    )
    assert issue.format() == (
        "observations/liuhe-2020-04-21.yaml:41: observations[3].unit: expected a unit of the "
        "registry, got '亿度x'; hint: use a unit of the registry (as printed: 亿元, 万户, 个, %) "
        "[unknown-unit]"
    )
    assert Issue("a.yaml", None, "", "x", "m", "", "error").format() == "a.yaml: m [x]"


def test_code_registry_is_complete_data() -> None:
    assert len(CODES) == len(REGISTRY) > 0
    for code in CODES:
        assert code.severity in ("error", "warning")
        assert code.hint and "\n" not in code.hint
        assert code.code == code.code.lower() and " " not in code.code


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2021", "year", date(2021, 1, 1), date(2021, 12, 31)),
        ("2020-02", "month", date(2020, 2, 1), date(2020, 2, 29)),
        ("2020-12-31", "date", date(2020, 12, 31), date(2020, 12, 31)),
        ("2016..2020-04-21", "range", date(2016, 1, 1), date(2020, 4, 21)),
        ("..2020-04-21", "range", None, date(2020, 4, 21)),
    ],
)
def test_periods(text: str, kind: str, start: date | None, end: date) -> None:
    period = parse_period(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)


@pytest.mark.parametrize("text", ["2021-13", "2021-02-30", "2021..2016", "21", "2021..", "x"])
def test_malformed_periods(text: str) -> None:
    with pytest.raises(ValueError):
        parse_period(text)


def test_fingerprint_changes_when_a_file_changes(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(VALID, root)
    before = fingerprint(root)
    assert fingerprint(root) == before
    path = root / "places.yaml"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert fingerprint(root) != before
    assert load_dataset(root).fingerprint == fingerprint(root)


SNIPPETS = [
    "",
    "\t",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "&a ",
    "*a",
    "!!python/object ",
    "~",
    "-1",
    "1e400",
    ".nan",
    "'",
    '"',
    "\n  ",
    "yes",
    "2021-13",
    "中",
    "\ufeff",
    "?",
    "|",
    "#",
    ",",
    "1,000",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "places.yaml",
                    "programs.yaml",
                    "indicators.yaml",
                    "sources.yaml",
                    "observations/demo-county-2022-01.yaml",
                ]
            ),
            st.floats(0, 1),
            st.sampled_from(SNIPPETS),
            st.integers(0, 5),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_hand_edits_never_raise(edits: list[tuple[str, float, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(VALID, root)
        for rel, where, snippet, cut in edits:
            text = (root / rel).read_text(encoding="utf-8")
            pos = int(where * len(text))
            (root / rel).write_text(text[:pos] + snippet + text[pos + cut :], encoding="utf-8")
        dataset = load_dataset(root)
        for basis in BASES:
            assert len(per_basis(dataset.table, dataset.denominators, basis)) == len(dataset.table)
        assert all(issue.format() for issue in dataset.issues)
