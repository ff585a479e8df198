"""Files and folders outside the known layout cost no figure: strays, deep trees, huge trees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA

from povdash.dataset import load_dataset


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
