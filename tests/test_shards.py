"""A load in parallel shards (povdash.shards) gives exactly the serial load's tables and issues."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from povdash import dataset as dataset_module
from povdash import shards
from povdash.dataset import Dataset, load_dataset

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "data_valid"
INVALID = FIXTURES / "data_invalid"
COUNTY = "observations/demo-county-2022-01.yaml"
PROVINCE = "observations/demo-province-2021-06.yaml"

# one defect of each kind the merge handles differently: catalogue-level, text-level, per-entry,
# coverage, cross-checks, and the three that make shards fall back to a serial load
MERGED = [
    "accepted_bom_crlf",
    "ambiguous_quote",
    "denominator_quote_not_in_source",
    "failed_cross_check",
    "unknown_operand",
    "uncovered_number",
    "sha256_mismatch",
    "text_missing",
    "yaml_syntax_error",
    "unknown_place",
]
FALLBACK = ["duplicate_id_across_files", "file_name_mismatch", "unknown_source"]


def _serial(root: Path, monkeypatch: pytest.MonkeyPatch) -> Dataset:
    monkeypatch.setenv("POVDASH_WORKERS", "1")
    return load_dataset(root)


def _sharded(root: Path, monkeypatch: pytest.MonkeyPatch, n: int = 2) -> tuple[Dataset, list[bool]]:
    """The load in n shards however small the folder, and whether each merge was used."""
    monkeypatch.setenv("POVDASH_WORKERS", str(n))
    monkeypatch.setattr(shards, "MIN_BYTES", 0)
    merged: list[bool] = []
    real = dataset_module.merge

    def recording(cat: object, results: list[shards.ShardResult]) -> object:
        got = real(cat, results)  # type: ignore[arg-type]
        merged.append(got is not None)
        return got

    monkeypatch.setattr(dataset_module, "merge", recording)
    return load_dataset(root), merged


def assert_same(a: Dataset, b: Dataset) -> None:
    """Every table equal to the last digit, the same issues in the same order, the same counts."""
    for name in ("table", "denominators", "exclusions", "checks"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)
    assert [i.format() for i in a.issues] == [i.format() for i in b.issues]
    assert a.counts == b.counts


@pytest.mark.parametrize("root", [ROOT / "data", VALID], ids=["data", "data_valid"])
def test_sharded_load_equals_serial_on_clean_data(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _serial(root, monkeypatch)
    sharded, merged = _sharded(root, monkeypatch)
    assert merged == [True]  # the shards were merged, not loaded again serially
    assert len(serial.table) > 0
    assert_same(serial, sharded)


@pytest.mark.parametrize(
    ("defect", "self_contained"),
    [(d, True) for d in MERGED] + [(d, False) for d in FALLBACK],
)
def test_sharded_load_equals_serial_on_defects(
    defect: str, self_contained: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # shards that are not self-contained hand over to the serial load (merged == [False])
    serial = _serial(INVALID / defect, monkeypatch)
    sharded, merged = _sharded(INVALID / defect, monkeypatch)
    assert merged == [self_contained]
    assert bool(serial.issues) == (defect != "accepted_bom_crlf")
    assert_same(serial, sharded)


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(VALID, root)
    return root


def test_a_cross_check_over_two_shards_is_evaluated_once_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(tmp_path)
    province = root / PROVINCE
    province.write_text(
        province.read_text(encoding="utf-8")
        + "checks:\n"
        + "  - id: dp-cross-shard-check\n"
        + "    kind: growth\n"
        + "    from: dc-income-2020\n"
        + "    to: dc-income-2021\n"
        + "    stated: dc-income-growth\n",
        encoding="utf-8",
    )
    serial = _serial(root, monkeypatch)
    sharded, merged = _sharded(root, monkeypatch)
    assert merged == [True]
    checks = serial.checks.set_index("id")
    assert bool(checks.loc["dp-cross-shard-check", "ok"])  # its operands are in the other file
    assert_same(serial, sharded)


def test_a_reference_to_an_entry_left_out_in_another_shard_falls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the serial load does not report a reference to an entry that was left out for its own
    # error; a shard cannot know what another left out, so the merge hands over to the serial load
    root = _copy(tmp_path)
    county = root / COUNTY
    text = county.read_text(encoding="utf-8")
    county.write_text(text.replace("    value: 9813\n    unit: 元\n", "    value: 9813\n", 1))
    province = root / PROVINCE
    text = province.read_text(encoding="utf-8")
    province.write_text(text.replace("place: demo-province", "place: dc-income-2020", 1))
    serial = _serial(root, monkeypatch)
    sharded, merged = _sharded(root, monkeypatch)
    assert merged == [False]
    assert ("missing-field", COUNTY) in {(i.code, i.path) for i in serial.issues}
    assert "dp-pv-projects" not in set(serial.table["obs_id"])
    assert_same(serial, sharded)


@pytest.mark.parametrize("python", ["/bin/false", "/nonexistent/python"])
def test_a_worker_that_fails_costs_only_a_serial_load(
    python: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = _serial(VALID, monkeypatch)
    monkeypatch.setattr(shards.sys, "executable", python)
    sharded, merged = _sharded(VALID, monkeypatch)
    assert merged == []  # no result to merge: the load ran serially
    assert_same(serial, sharded)


def test_plan_keeps_file_order_and_balances_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shards, "MIN_BYTES", 0)
    paths = []
    for i, size in enumerate([10, 10, 10, 10, 40, 10, 10]):
        path = tmp_path / f"{i}.yaml"
        path.write_bytes(b"x" * size)
        paths.append(path)
    monkeypatch.setattr(shards, "FIRST_EXTRA", 0.0)
    two = shards.plan(paths, 2)
    assert [p for shard in two for p in shard] == paths
    assert len(two) == 2
    assert sum(p.stat().st_size for p in two[0]) == 40  # 40/60, not 80/20
    monkeypatch.setattr(shards, "FIRST_EXTRA", 0.2)  # this process's shard takes 20% more
    assert [len(s) for s in shards.plan(paths[:4] * 3, 2)] == [7, 5]
    assert shards.plan(paths, 1) == [paths]
    monkeypatch.setattr(shards, "MIN_BYTES", 1_000)
    assert shards.plan(paths, 2) == [paths]  # too little to share
