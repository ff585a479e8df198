"""reload_dataset: after one source's observations file changed, the source is checked alone and
spliced in, and the result equals a full load in every table and issue; what the splice cannot
judge alone loads in full."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from bench.generate import generate
from povdash.data import dataset as ds
from povdash.data.dataset import Dataset, load_dataset, reload_dataset

ROOT = Path(__file__).resolve().parent.parent


def assert_same(got: Dataset, want: Dataset) -> None:
    for name in ("table", "exclusions", "checks", "denominators"):
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name), obj=name)
    assert got.issues == want.issues
    assert got.counts == want.counts and list(got.counts) == list(want.counts)
    assert got.fingerprint == want.fingerprint
    assert got.ids == want.ids and got.links == want.links and got.stamps == want.stamps


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _wrong_value(obs: Path) -> None:
    edit(obs, "value: 13\n", "value: 14\n")


def _removed_entry(obs: Path) -> None:
    text = obs.read_text(encoding="utf-8")
    start = text.index("  - id: lh-townships")
    end = text.index("  - id: lh-deep-poverty-villages")
    obs.write_text(text[:start] + text[end:], encoding="utf-8")


def _comment_only(obs: Path) -> None:
    with open(obs, "a", encoding="utf-8") as handle:
        handle.write("# reviewed\n")


def _bad_section_and_confirm(obs: Path) -> None:
    edit(obs, "    section: mechanisms\n", "    section: nowhere\n    confirm: [section]\n")


def _broken_yaml(obs: Path) -> None:
    edit(obs, "observations:\n", "observations: [\n")


EDITS: dict[str, Callable[[Path], None]] = {
    "wrong value": _wrong_value,
    "entry removed": _removed_entry,
    "comment only": _comment_only,
    "bad section, to confirm": _bad_section_and_confirm,
    "broken YAML": _broken_yaml,
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    return root


@pytest.mark.parametrize("name", sorted(EDITS))
def test_one_file_edited_is_spliced_and_equals_a_full_load(
    name: str, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prev = load_dataset(data)
    EDITS[name](data / "observations" / "liuhe-2020-04-21.yaml")
    want = load_dataset(data)

    def no_full_load(root: Path) -> Dataset:
        raise AssertionError("expected the one source to be checked alone")

    monkeypatch.setattr(ds, "load_dataset", no_full_load)
    got = reload_dataset(data, prev)
    assert_same(got, want)
    assert got.issues != prev.issues or name == "comment only"


def test_nothing_changed_gives_the_same_dataset(data: Path) -> None:
    prev = load_dataset(data)
    assert reload_dataset(data, prev) is prev


def test_saves_in_a_generated_tree_with_cross_checks_equal_a_full_load(tmp_path: Path) -> None:
    root = generate(tmp_path / "tree", places=4, obs_per_place=30, seed=3)
    prev = load_dataset(root)
    assert len(prev.checks) > 0
    files = sorted((root / "observations").glob("*.yaml"))
    assert len(files) >= 8
    for path in (files[0], files[5], files[-1]):  # first, middle and last in reading order
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("quote: ", "quote: 不在原文", 1), encoding="utf-8")
        got = reload_dataset(root, prev)
        assert_same(got, load_dataset(root))
        path.write_text(text, encoding="utf-8")
        prev = reload_dataset(root, got)
        assert_same(prev, load_dataset(root))


@pytest.mark.parametrize(
    "change",
    ["catalogue", "two files", "new file", "duplicate id"],
)
def test_what_one_source_cannot_judge_alone_loads_in_full(change: str, data: Path) -> None:
    prev = load_dataset(data)
    liuhe = data / "observations" / "liuhe-2020-04-21.yaml"
    baicheng = data / "observations" / "baicheng-2022-02.yaml"
    if change == "catalogue":
        edit(data / "places.yaml", "name:", "name:", 1)
        with open(data / "places.yaml", "a", encoding="utf-8") as handle:
            handle.write("# edited\n")
    elif change == "two files":
        _comment_only(liuhe)
        _comment_only(baicheng)
    elif change == "new file":
        shutil.copy(liuhe, data / "observations" / "copy.yaml")
    else:
        first = baicheng.read_text(encoding="utf-8").split("  - id: ", 2)[1].split("\n", 1)[0]
        edit(liuhe, "  - id: lh-task-groups", f"  - id: {first}")
    assert_same(reload_dataset(data, prev), load_dataset(data))
