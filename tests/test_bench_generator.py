"""The benchmark's synthetic data generator writes data that `povdash check` accepts."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate
from povdash.data.dataset import load_dataset


def test_generated_tree_loads_without_errors(tmp_path: Path) -> None:
    root = generate(tmp_path / "data", places=3, obs_per_place=20, seed=0)
    dataset = load_dataset(root)
    assert [i.format() for i in dataset.issues if i.severity == "error"] == []
    assert len(dataset.table) == 60
    assert sorted(dataset.table["place"].unique()) == ["county-0001", "county-0002", "county-0003"]
    assert len(list((root / "texts").glob("*.txt"))) == 9  # 3 reports per place
    # every report states a sum and a growth cross-check, and both hold
    assert len(dataset.checks) == 18 and bool(dataset.checks["ok"].all())


def test_generated_tree_is_clean_and_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", places=2, obs_per_place=40, seed=7)
    second = generate(tmp_path / "b", places=2, obs_per_place=40, seed=7)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files, "the generator wrote no files"
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel
    assert load_dataset(first).issues == []  # no warnings either (e.g. ambiguous quotes)


def test_warm_check_figures_restore_the_edited_file(tmp_path: Path) -> None:
    from bench import figures

    root = generate(tmp_path / "data", places=2, obs_per_place=10, seed=0)
    before = {p: p.read_bytes() for p in (root / "observations").glob("*.yaml")}
    assert before
    rows = figures.warm_check(root, repeats=1)
    assert [r["name"] for r in rows] == [
        "check_2_places_warm",
        "check_2_places_one_file_edited",
    ]
    assert all(r["seconds"] > 0 and r["target_seconds"] == 10.0 for r in rows)
    assert "20 rows, 0 errors" in rows[0]["note"]
    assert {p: p.read_bytes() for p in (root / "observations").glob("*.yaml")} == before
