"""Bidi controls and zero-width characters in labels: `check` warns, no page or export shows
them; a label of 3,000 characters does not stretch the Compare layout."""

from __future__ import annotations

import json
import shutil
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import DATA

from povdash.data.dataset import load_dataset
from povdash.data.invisible import INVISIBLE, visible
from povdash.render import charts
from tests.test_app import app, assert_clean, chart_rows, charts_of, goto
from tests.test_cli_check import povdash

RLO, ZWSP = "\u202e", "\u200b"
INDICATOR = "dilapidated_houses_renovated"  # Baicheng and Liuhe both report it: a Compare panel


def test_the_pattern_holds_every_format_character() -> None:
    missing = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) == "Cf" and not INVISIBLE.match(chr(c))
    ]
    assert missing == []
    assert visible(f"危房{RLO}改造{ZWSP}") == "危房改造" and visible("a\nb") == "a\nb"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """data/ with the label of a compared indicator reversed by U+202E and a place name
    holding a zero-width space."""
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    indicators = root / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    start = text.index(f"id: {INDICATOR}")
    label = text.index("label:", start)
    end = text.index("\n", label)
    line = text[label:end]
    zh = line.split("zh:", 1)[1].split(",", 1)[0].strip()
    reversed_label = "label: {zh: " + zh + ", en: " + f'"Houses {RLO}renovated"' + "}"
    indicators.write_text(text[:label] + reversed_label + text[end:], encoding="utf-8")
    places = root / "places.yaml"
    places.write_text(
        places.read_text(encoding="utf-8").replace("zh: 柳河县", f'zh: "柳河{ZWSP}县"'),
        encoding="utf-8",
    )
    monkeypatch.setenv("POVDASH_DATA", str(root))
    return root


def test_check_warns_naming_the_character_and_every_figure_still_loads(data: Path) -> None:
    clean = load_dataset(DATA)
    ds = load_dataset(data)
    assert len(ds.table) == len(clean.table) and ds.ok
    warnings = [i for i in ds.issues if i.code == "invisible-character"]
    assert sorted((i.path, i.field) for i in warnings) == [
        ("indicators.yaml", next(i.field for i in warnings if i.path == "indicators.yaml")),
        ("places.yaml", next(i.field for i in warnings if i.path == "places.yaml")),
    ]
    assert all(i.severity == "warning" for i in warnings)
    message = next(i.message for i in warnings if i.path == "indicators.yaml")
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at character 8" in message and RLO not in message
    assert ds.places["liuhe"].name_zh == "柳河县"  # read without it
    done = povdash("check", "--data", str(data))
    assert done.returncode == 0, done.stdout  # a warning: the exit status stays 0
    assert done.stdout.count("[invisible-character]") == 2


def test_no_page_shows_an_invisible_character(data: Path) -> None:
    for page in ("overview", "compare", "profile", "data", "sources"):
        at = goto(app(lang="both"), page)
        assert_clean(at)
        shown = json.dumps([e.proto.spec for e in charts_of(at)], ensure_ascii=False)
        for kind in ("markdown", "caption", "info", "warning", "subheader", "metric"):
            shown += "".join(str(e.value) + str(getattr(e, "label", "")) for e in getattr(at, kind))
        shown += "".join(at.sidebar.multiselect(key="places").options)
        assert not INVISIBLE.search(shown), page


def test_a_quote_keeps_its_characters_but_is_shown_without_them() -> None:
    rows = charts.mark_frame(
        load_dataset(DATA).table.head(1).assign(quote=f"全市{RLO}发放{ZWSP}小额信贷"), "zh"
    )
    table = charts.table_frame(rows, "zh")
    assert not any(INVISIBLE.search(str(v)) for v in table.to_numpy().ravel())


def test_a_label_of_3000_characters_keeps_the_compare_panel_narrow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    long = ("Houses renovated and more " * 116)[:3000]
    indicators = root / "indicators.yaml"
    text = indicators.read_text(encoding="utf-8")
    start = text.index(f"id: {INDICATOR}")
    label = text.index("label:", start)
    end = text.index("\n", label)
    zh = text[label:end].split("zh:", 1)[1].split(",", 1)[0].strip()
    new = "label: {zh: " + zh + ", en: " + json.dumps(long) + "}"
    indicators.write_text(text[:label] + new + text[end:], encoding="utf-8")
    monkeypatch.setenv("POVDASH_DATA", str(root))
    at = goto(app(lang="en"), "compare")
    assert_clean(at)
    spec = json.loads(charts_of(at)[0].proto.spec)
    titles = [panel["title"]["text"] for panel in spec["concat"]]  # each a list of lines
    assert max(len(line) for lines in titles for line in lines) < 100  # wrapped, not 3,000
    assert max(len(lines) for lines in titles) <= charts.TITLE_LINES  # and cut after 3 lines
    cut = [lines for lines in titles if lines[0].startswith("Houses renovated")]
    assert len(cut) == 1 and cut[0][-1].endswith(" …")  # cut, and said to be
    assert long in {r["indicator_label"] for r in chart_rows(at)}  # the tooltip has it all
