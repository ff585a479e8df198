"""The dashboard keeps the user's selection, and the URL that bookmarks it, across passing data
problems; a place leaves the selection only when it is really gone, and the page says so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA

from tests.test_app import app, assert_clean, goto, texts


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    monkeypatch.setenv("POVDASH_DATA", str(root))
    return root


def _places(at) -> list[str]:
    return list(at.sidebar.multiselect(key="places").value)


def test_a_half_written_places_file_keeps_the_selection_and_the_url(data: Path) -> None:
    at = goto(app(lang="en", places="liuhe"), "data")
    assert_clean(at)
    assert _places(at) == ["liuhe"] and at.query_params["places"] == "liuhe"
    places = data / "places.yaml"
    whole = places.read_bytes()
    places.write_bytes(whole[: len(whole) // 2])  # an editor saving, or a sync half done
    at.run()
    assert not at.exception
    assert at.query_params["places"] == "liuhe"  # the bookmark is not rewritten
    assert "liuhe" in texts(at)  # the sidebar says the place is kept while the data is broken
    places.write_bytes(whole)
    at.run()
    assert_clean(at)
    assert _places(at) == ["liuhe"] and at.query_params["places"] == "liuhe"


def test_a_folder_removed_and_restored_keeps_the_selection(data: Path) -> None:
    at = goto(app(lang="en", places="liuhe"), "data")
    away = data.with_name("away")
    data.rename(away)
    at.run()
    assert not at.exception
    assert at.query_params["places"] == "liuhe"
    away.rename(data)
    at.run()
    assert_clean(at)
    assert _places(at) == ["liuhe"] and at.query_params["places"] == "liuhe"


def test_a_place_really_gone_leaves_the_selection_and_the_page_says_so(data: Path) -> None:
    at = goto(app(lang="en", places="liuhe,baicheng"), "data")
    assert _places(at) == ["liuhe", "baicheng"]
    places = data / "places.yaml"
    text = places.read_text(encoding="utf-8")
    places.write_text(text[: text.index("  - id: liuhe")], encoding="utf-8")  # still valid
    at.run()
    assert not at.exception
    gone = [i.value for i in at.info if "liuhe" in i.value]
    assert gone and "No longer in the data" in gone[0]  # said once, plainly, naming the id
    assert "liuhe" not in _places(at)
    assert "liuhe" not in at.query_params.get("places", "")
