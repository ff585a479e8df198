"""The on-disk cache (povdash.cache): a warm load equals a cold one, bad entries are rebuilt."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from povdash import cache, yamlio
from povdash.dataset import Dataset, load_dataset
from povdash.validate import text_quantities
from povdash.yamlio import parse_bytes, parse_bytes_cached

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID = FIXTURES / "data_valid"
INVALID = FIXTURES / "data_invalid"
FRAMES = ("table", "denominators", "exclusions", "checks")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh XDG_CACHE_HOME with the cache on and no quantities memoised in-process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("POVDASH_CACHE", raising=False)
    text_quantities.cache_clear()
    yield tmp_path / "xdg" / "povdash"
    text_quantities.cache_clear()


def entries(folder: Path) -> list[Path]:
    """Every cache entry file under folder."""
    return sorted(folder.rglob("*.json"))


def cold(root: Path, monkeypatch: pytest.MonkeyPatch) -> Dataset:
    """A load with the cache off (the reference)."""
    with monkeypatch.context() as m:
        m.setenv("POVDASH_CACHE", "0")
        text_quantities.cache_clear()
        dataset = load_dataset(root)
    text_quantities.cache_clear()
    return dataset


def assert_same(got: Dataset, want: Dataset) -> None:
    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(got, name), getattr(want, name))
    assert got.issues == want.issues
    assert got.places == want.places and got.sources == want.sources


def test_cache_hit_gives_the_cold_dataset(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    want = cold(VALID, monkeypatch)
    assert not home.exists()
    first = load_dataset(VALID)
    kinds = {p.parent.name for p in entries(home)}
    assert kinds == {"yaml", "quantities"}
    text_quantities.cache_clear()  # the second load must read quantities from disk
    second = load_dataset(VALID)
    assert len(want.table) > 0
    assert_same(first, want)
    assert_same(second, want)


def test_cache_folder_is_private(home: Path) -> None:
    load_dataset(VALID)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for folder in (home / "yaml", home / "quantities"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    found = entries(home)
    assert found
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in found)


@pytest.mark.parametrize(
    "name", ["yaml_syntax_error", "duplicate_key", "wrong_type_list_for_mapping", "unknown_key"]
)
def test_cached_issues_equal_cold_issues(
    name: str, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    want = cold(INVALID / name, monkeypatch)
    assert want.issues
    load_dataset(INVALID / name)
    text_quantities.cache_clear()
    assert_same(load_dataset(INVALID / name), want)


@pytest.mark.parametrize(
    "garbage",
    [
        b"not json {",
        b"\xff\xfe",
        b"[]",
        b'{"v": "1", "key": "elsewhere", "data": null}',
        b"{}",
    ],
)
def test_corrupt_entries_are_ignored_and_rebuilt(
    garbage: bytes, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    want = cold(VALID, monkeypatch)
    load_dataset(VALID)
    found = entries(home)
    assert found
    for path in found:
        path.write_bytes(garbage)
    text_quantities.cache_clear()
    assert_same(load_dataset(VALID), want)
    assert all(json.loads(p.read_bytes())["v"] == cache.CACHE_VERSION for p in found)


def test_entries_of_the_wrong_shape_are_ignored(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Valid JSON under the right key but with data the decoders would not write."""
    want = cold(VALID, monkeypatch)
    load_dataset(VALID)
    found = entries(home)
    assert found
    bad_data = [["line", "x"], {"root": [1, {"k": ["1", "v"]}], "issues": []}, [[0, 1, 2]]]
    for i, path in enumerate(found):
        entry = json.loads(path.read_bytes())
        entry["data"] = bad_data[i % len(bad_data)]
        path.write_text(json.dumps(entry), encoding="utf-8")
    text_quantities.cache_clear()
    assert_same(load_dataset(VALID), want)


def test_tampered_issue_is_not_trusted(home: Path) -> None:
    data = b"a: 1\na: 2\n"
    key = cache.make_key("yaml", yamlio._PARSER, "x.yaml", data)
    _, issues = parse_bytes_cached(data, "x.yaml")
    assert [i.code for i in issues] == ["duplicate-key"]
    entry = json.loads((home / "yaml" / f"{key}.json").read_bytes())
    entry["data"]["issues"][0][2] = "no-such-code"
    (home / "yaml" / f"{key}.json").write_text(json.dumps(entry), encoding="utf-8")
    again, issues_again = parse_bytes_cached(data, "x.yaml")
    assert issues_again == parse_bytes(data, "x.yaml")[1]
    assert again is not None and again.plain() == {"a": 1}


def test_cache_off_writes_nothing(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POVDASH_CACHE", "0")
    dataset = load_dataset(VALID)
    assert len(dataset.table) > 0
    assert not home.parent.exists()


def test_scalars_and_lines_survive_the_cache(home: Path) -> None:
    data = "a: 1\nb: 2.5\nc: true\nd: ~\ne: [x, '3', .inf]\nf:\n  g: 名\n".encode()
    want, _ = parse_bytes(data, "t.yaml")
    parse_bytes_cached(data, "t.yaml")
    got, issues = parse_bytes_cached(data, "t.yaml")
    assert not issues and got is not None and want is not None
    assert got.plain() == want.plain()
    assert type(got.value["a"].value) is int and type(got.value["c"].value) is bool
    assert [n.line for n in got.value.values()] == [n.line for n in want.value.values()]
    assert got.value["f"].value["g"].line == 7


def test_a_folder_others_may_write_is_not_used(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home.mkdir(parents=True)
    home.chmod(0o777)
    monkeypatch.setattr(cache, "_TRUSTED", {})
    want = cold(VALID, monkeypatch)
    assert_same(load_dataset(VALID), want)
    assert entries(home) == []
