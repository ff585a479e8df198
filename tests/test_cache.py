"""The on-disk cache (povdash.data.cache): a warm load equals a cold one, bad entries are
rebuilt."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from povdash.data import cache, yamlio
from povdash.data.dataset import Dataset, load_dataset
from povdash.data.validate import text_quantities
from povdash.data.yamlio import parse_bytes, parse_bytes_cached

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


def _check(home: Path) -> subprocess.CompletedProcess[str]:
    """`povdash check` on the valid fixture in a subprocess, with this cache, never waiting
    longer than a minute (a cache entry that blocks would hang it forever)."""
    return subprocess.run(
        [sys.executable, "-m", "povdash.cli", "check", "--data", str(VALID)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(home.parent)},
        timeout=60,
        check=False,
    )


def test_a_fifo_in_the_cache_is_skipped_without_waiting(home: Path) -> None:
    want = _check(home)
    assert want.returncode == 0, want.stdout + want.stderr
    found = entries(home)
    assert {p.parent.name for p in found} == {"yaml", "quantities"}
    for path in found:
        path.unlink()
        os.mkfifo(path)  # no writer will ever come
    got = _check(home)
    assert (got.returncode, got.stdout) == (0, want.stdout)


@pytest.mark.parametrize("planted", ["/dev/zero", "sparse"])
def test_an_entry_that_is_no_regular_file_or_too_big_is_not_read(
    home: Path, planted: str, tmp_path: Path
) -> None:
    data = b"a: 1\n"
    parse_bytes_cached(data, "x.yaml")
    key = cache.make_key("yaml", yamlio._PARSER, "x.yaml", data)
    entry = home / "yaml" / f"{key}.json"
    entry.unlink()
    if planted == "sparse":
        with entry.open("wb") as handle:
            handle.truncate(cache.MAX_ENTRY_BYTES + 1)
    else:
        entry.symlink_to(planted)
    tracemalloc.start()
    try:
        assert cache.get("yaml", key) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # refused from fstat alone, not one chunk read


def test_a_cache_sub_folder_linked_elsewhere_is_not_used(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    want = cold(VALID, monkeypatch)
    load_dataset(VALID)
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir(mode=0o777)
    elsewhere.chmod(0o777)  # anyone may write here
    (home / "yaml").rename(elsewhere / "yaml")
    (home / "yaml").symlink_to(elsewhere / "yaml")
    planted = 0
    for path in entries(elsewhere):  # someone else's well-formed entries, with other words
        text = path.read_text(encoding="utf-8").replace("全", "半")
        path.write_text(text, encoding="utf-8")
        planted += "半" in text
    assert planted
    monkeypatch.setattr(cache, "_TRUSTED", {})
    text_quantities.cache_clear()
    assert_same(load_dataset(VALID), want)
