"""Files and folders outside the known layout cost no figure: strays, deep trees, huge trees."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA

from povdash.data.dataset import fingerprint, load_dataset
from povdash.data.load import CATALOGUE
from tests.test_cli_check import povdash


@pytest.fixture(scope="module")
def clean():
    """The curated data/ as it loads today: the figures every variant must keep."""
    ds = load_dataset(DATA)
    assert ds.ok and len(ds.table) > 100
    return ds


@pytest.fixture
def data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    return root


def _figures(ds) -> list[tuple[str, str]]:
    return sorted(zip(ds.table["source"], ds.table["obs_id"], strict=True))


def test_a_stray_file_declaring_a_source_does_not_take_it_over(clean, data: Path) -> None:
    stray = data / "observations" / "a-draft.yaml"  # sorts before liuhe-2020-04-21.yaml
    stray.write_text("source: liuhe-2020-04-21\nobservations: []\n", encoding="utf-8")
    ds = load_dataset(data)
    assert _figures(ds) == _figures(clean)  # all 76 Liuhe figures still load
    about_stray = [i for i in ds.issues if "a-draft" in i.format()]
    assert [(i.path, i.code) for i in about_stray] == [
        ("observations/a-draft.yaml", "duplicate-id")
    ]
    assert "observations/liuhe-2020-04-21.yaml" in about_stray[0].message
    assert [i.code for i in ds.issues if i not in about_stray] == []


def test_a_stray_file_named_for_no_source_still_loads_when_its_source_has_no_file(
    clean, data: Path
) -> None:
    home = data / "observations" / "liuhe-2020-04-21.yaml"
    home.rename(data / "observations" / "liuhe-draft.yaml")
    ds = load_dataset(data)
    assert _figures(ds) == _figures(clean)
    assert [(i.path, i.code) for i in ds.issues] == [
        ("observations/liuhe-draft.yaml", "file-name-mismatch")
    ]


@pytest.fixture
def deep() -> Iterator[tuple[Path, list[Path]]]:
    """A copy of data/ with 1,100 nested empty folders under extra/, observations/drafts/ and
    texts/old/. It lives outside pytest's temporary folder and is removed bottom-up here:
    os.makedirs and shutil.rmtree recurse as deep, and pytest's cleanup would fail on it."""
    root = Path(tempfile.mkdtemp(prefix="povdash-deep-")) / "data"
    shutil.copytree(DATA, root)
    made: list[Path] = []
    try:
        for top in ("extra", "observations/drafts", "texts/old"):
            folder = root / top
            for _ in range(1100):
                folder.mkdir()
                made.append(folder)
                folder = folder / "d"
        yield root, made
    finally:
        for folder in reversed(made):
            for child in folder.iterdir():
                child.unlink()
            folder.rmdir()
        shutil.rmtree(root.parent)


def test_a_thousand_nested_folders_outside_the_layout_change_nothing(
    clean, deep: tuple[Path, list[Path]]
) -> None:
    data, made = deep
    before = fingerprint(data)
    (made[1099] / "notes.yaml").write_text("places: [\n", encoding="utf-8")
    (data / "texts" / "old" / "d" / "x.txt").write_text("2021年", encoding="utf-8")
    assert fingerprint(data) == before  # nothing outside the layout is walked
    ds = load_dataset(data)
    assert _figures(ds) == _figures(clean) and ds.issues == []
    done = povdash("check", "--data", str(data))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].endswith("; 0 errors, 0 warnings")


@pytest.mark.parametrize(
    "path", ["places.yaml", "sources.yaml", "observations/liuhe-2020-04-21.yaml", "texts/x.txt"]
)
def test_the_fingerprint_sees_every_file_of_the_layout(data: Path, path: str) -> None:
    before = fingerprint(data)
    target = data / path
    if target.exists():
        info = target.stat()
        os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    else:
        target.write_text("新", encoding="utf-8")
    assert fingerprint(data) != before


def test_a_missing_catalogue_file_and_its_return_change_the_fingerprint(data: Path) -> None:
    before = fingerprint(data)
    places = data / "places.yaml"
    kept = places.read_bytes()
    places.unlink()
    gone = fingerprint(data)
    assert gone != before
    places.write_bytes(kept)
    assert fingerprint(data) not in (gone, before)  # a new mtime: the load runs again


def test_the_whole_file_system_as_data_folder_is_two_folder_listings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    listed: list[object] = []
    real = os.scandir

    def counting(path: object) -> object:
        listed.append(path)
        return real(path)

    monkeypatch.setattr(os, "scandir", counting)
    fingerprint(Path("/"))
    assert len(listed) <= 2, listed  # observations/ and texts/, never the tree below /
    done = povdash("check", "--data", "/", env={"POVDASH_CACHE": "0"})
    assert done.returncode == 1
    missing = [line for line in done.stdout.splitlines() if line.endswith("[file-missing]")]
    assert sorted(line.split(":", 1)[0] for line in missing) == sorted(CATALOGUE)


def test_a_text_kept_outside_texts_is_part_of_the_fingerprint(data: Path) -> None:
    sources = data / "sources.yaml"
    moved = "archive/2020/liuhe-2020-04-21.txt"
    (data / "archive" / "2020").mkdir(parents=True)
    (data / "texts" / "liuhe-2020-04-21.txt").rename(data / moved)
    sources.write_text(
        sources.read_text(encoding="utf-8").replace("texts/liuhe-2020-04-21.txt", moved),
        encoding="utf-8",
    )
    ds = load_dataset(data)
    assert ds.ok and ds.extra_files == (moved,)
    assert fingerprint(data, ds.extra_files) == ds.fingerprint
    info = (data / moved).stat()
    os.utime(data / moved, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    assert fingerprint(data, ds.extra_files) != ds.fingerprint
    assert load_dataset(data).fingerprint == fingerprint(data, ds.extra_files)
