"""HTML and Markdown in data text (tests/fixtures/data_markup) is shown as text, never interpreted:
on every page, in the SVG export and in CSV, and `povdash check` accepts it."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from povdash.cli.main import main
from povdash.data.dataset import load_dataset

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
MARKUP = ROOT / "tests" / "fixtures" / "data_markup"
PAGES = ("overview", "compare", "profile", "data", "curate", "sources")
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = "[link](javascript:alert(1))"
BOLD = "**bold**"
MATH = "$x$"
RAW = (SCRIPT, IMG, LINK, BOLD, MATH)
# markup that a Markdown renderer would act on: not escaped by a backslash in front
ACTIVE = {
    "html": re.compile(r"(?<!\\)<(?:script|/script|img)\b"),
    "link": re.compile(r"(?<!\\)\]\((?:javascript|data|vbscript):"),
    "bold": re.compile(r"(?<!\\)\*\*bold\*\*"),
    "math": re.compile(r"(?<!\\)\$x(?<!\\)\$"),
}
# proto fields Streamlit shows as plain text (options, values) or that are not text at all
PLAIN_FIELDS = {
    "options",
    "default",
    "value",
    "rawValue",
    "rawValues",
    "id",
    "formId",
    "spec",
    "data",
}
LABEL = "Households <img src=x onerror=alert(1)> [link](javascript:alert(1)) **bold** $x$"


def unescape(text: str) -> str:
    """Markdown text as it reads once backslash escapes are resolved."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(field, text) of every string in a proto dict, skipping plain-text and data fields."""
    if key in PLAIN_FIELDS:
        return
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v, key)


def elements(node: Any) -> Iterator[Any]:
    """Every element and block under a node of AppTest's tree."""
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from elements(child)


def frame_cells(node: Any) -> str:
    """All cells of a st.dataframe (a grid of plain-text cells) as one text."""
    return "\n".join(node.value.astype(str).to_numpy().ravel().tolist())


@pytest.fixture(autouse=True)
def markup_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POVDASH_DATA", str(MARKUP))


def test_check_accepts_markup_and_keeps_it_verbatim() -> None:
    assert main(["check", "--data", str(MARKUP)]) == 0
    table = load_dataset(MARKUP).table
    assert len(table) == 10
    row = table.set_index("obs_id").loc["dp-microcredit-households"]
    assert row["label_en"] == LABEL
    assert row["quote"].startswith(SCRIPT)
    assert row["place_zh"] == "示范省" + SCRIPT


def inspect_page(at: AppTest) -> tuple[list[str], str]:
    """(problems, every text seen) of the rendered page: active markup in Markdown fields,
    HTML elements or unsafe_allow_html carrying data text."""
    problems, seen = [], []
    for node in elements(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = getattr(node, "type", "")
        if kind in ("arrow_data_frame", "dataframe"):
            seen.append(frame_cells(node))
            continue
        if kind in ("code", "text"):  # preformatted plain text: nothing in it is interpreted
            seen.append(str(getattr(node, "value", "")))
            continue
        fields = MessageToDict(proto)
        if kind == "vega_lite_chart":
            spec = json.loads(fields.get("spec", "{}"))
            # a data field bound to href would make marks links; text in Vega is drawn, not parsed
            if '"href"' in json.dumps(spec.get("encoding", {})):
                problems.append(f"{kind}: href encoding")
            continue
        for opt in fields.get("options", []):
            seen.append(str(opt))
        for name, text in strings(fields):
            seen.append(unescape(text))
            carries_data = any(raw in unescape(text) for raw in RAW)
            if kind == "html" and carries_data:
                problems.append(f"st.html shows data text: {text[:80]!r}")
            if (fields.get("allowHtml") or fields.get("unsafeAllowHtml")) and carries_data:
                problems.append(f"{kind}.{name} with unsafe_allow_html: {text[:80]!r}")
            for what, pattern in ACTIVE.items():
                if pattern.search(text):
                    problems.append(f"{kind}.{name} has active {what}: {text[:120]!r}")
    return problems, "\n".join(seen)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_markup_as_text(page: str) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    if page != "overview":
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    problems, seen = inspect_page(at)
    assert problems == []
    # the markup did reach the page (as text), so the check above was not vacuous
    assert SCRIPT in seen, page


def test_banner_names_a_file_with_markup_in_its_name_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    shutil.copytree(MARKUP, root)
    (root / "observations" / f"{IMG} {LINK}.yaml").write_text("source: [\n", encoding="utf-8")
    monkeypatch.setenv("POVDASH_DATA", str(root))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    problems, seen = inspect_page(at)
    assert problems == []
    assert len(at.warning) == 1 and IMG in seen


def compare_rows() -> tuple[Any, Any, list[tuple[str, str, str]]]:
    dataset = load_dataset(MARKUP)
    rows = dataset.table.loc[dataset.table["indicator"] == "microcredit_households"]
    assert set(rows["place"]) == {"demo-province", "demo-county"}
    places = [(p.id, p.name_zh, p.name_en) for p in dataset.places.values()]
    return dataset, rows, places


def test_svg_export_holds_markup_as_escaped_text() -> None:
    from povdash.report import export

    dataset, rows, places = compare_rows()
    chart = export.comparison_chart(rows, places, "absolute", "both")
    meta = export.figure_meta(rows, dataset.sources, "absolute", "slide", "both")
    svg = export.figure_svg(chart, meta)
    assert b"&lt;script&gt;" in svg and b"&lt;img" in svg
    tree = ET.fromstring(svg)
    for element in tree.iter():
        assert not element.tag.lower().endswith(("script", "foreignobject")), element.tag
        for name, value in element.attrib.items():
            local = name.split("}")[-1].lower()
            assert not local.startswith("on"), (element.tag, name)
            if local in ("href", "src"):
                assert "javascript:" not in value.lower(), (element.tag, name)
    text = "".join(tree.itertext())
    assert SCRIPT in text  # the label is there, as characters


def test_csv_export_holds_markup_as_is() -> None:
    from povdash.report import export

    dataset, rows, _ = compare_rows()
    data = export.chart_data_csv(rows, dataset.sources).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(data)) for cell in row]
    assert LABEL in cells
    assert any(cell.startswith(SCRIPT) for cell in cells)  # the quote, unchanged


def test_the_detector_flags_raw_markup_and_passes_escaped_markup() -> None:
    from povdash.render.labels import md_escape

    for raw in RAW:
        assert any(p.search(raw) for p in ACTIVE.values()), raw
        assert not any(p.search(md_escape(raw)) for p in ACTIVE.values()), raw
        assert unescape(md_escape(raw)) == raw
