"""Every page in 中文 reads in Chinese and in English reads in English: AppTest walks every
element, widget option and placeholder, table header and cell, and chart text, and finds no
string of the other language outside data names and quotes."""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from google.protobuf.json_format import MessageToDict
from langcheck import LANGUAGE_SWITCH, foreign
from streamlit.testing.v1 import AppTest

from povdash.render.labels import LABELS, t

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
DATA = ROOT / "data"
# Every page; Compare also with a normalisation, which adds the denominators table.
PAGES = (
    "overview",
    "compare",
    "compare?basis=per_10k_residents",
    "profile",
    "data",
    "curate",
    "sources",
)
NUMBER_OPTION = re.compile(r"\d+\. ")
# Proto fields that are not shown as text (ids, enums, icons, data carried elsewhere).
HIDDEN_FIELDS = {
    "id",
    "formId",
    "deferredFileId",
    "icon",
    "type",
    "elementType",
    "tag",
    "gapSize",
    "direction",
    "align",
    "justify",
    "color",
    "spec",
    "data",
    "default",
    "value",
    "url",
    "mimetype",
    "fileName",
    "queryParamKey",
    "useContainerWidth",
    "theme",
    "selectionMode",
    "labelVisibility",
    "verticalAlignment",
    "format",
}
# What Streamlit's frontend shows, in English, in an empty widget without a placeholder.
DEFAULT_PLACEHOLDER = {"multiselect": "Choose options", "selectbox": "Choose an option"}
# Chart keys whose string values are drawn: titles, subtitles, text marks and literal parts of
# label expressions.
CHART_TEXT_KEYS = {"title", "text", "subtitle", "labelExpr"}
ENCODING_CHANNELS = {
    "x",
    "y",
    "color",
    "text",
    "tooltip",
    "row",
    "column",
    "facet",
    "detail",
    "shape",
}


def elements(node: Any) -> Iterator[Any]:
    """Every element and block under a node of AppTest's tree."""
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from elements(child)


def as_read(text: str) -> str:
    """Markdown as it reads: backslash escapes resolved, badge and icon directives dropped."""
    text = re.sub(r":material/[a-z_]+:|:[a-z]+-(?:badge|background)\[|:gray\[", "", text)
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def proto_strings(value: Any, key: str = "") -> Iterator[str]:
    """Every shown string of a proto dict."""
    if key in HIDDEN_FIELDS:
        return
    if isinstance(value, str):
        yield as_read(value)
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from proto_strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from proto_strings(v, key)


def spec_texts(value: Any, key: str = "") -> Iterator[str]:
    """Drawn strings of a Vega-Lite spec: titles, subtitles, text marks, label literals."""
    if key == "text" and isinstance(value, dict) and isinstance(value.get("value"), str):
        yield value["value"]  # a text mark's constant text
    if isinstance(value, str):
        if key == "labelExpr":
            yield from re.findall(r"'([^']*)'", value)
        elif key in CHART_TEXT_KEYS:
            yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in ("datasets", "data"):
                yield from spec_texts(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from spec_texts(v, key)


def encoded_fields(value: Any, key: str = "") -> Iterator[str]:
    """Fields of a spec that are drawn: encoded on an axis, as colour, text or tooltip."""
    if isinstance(value, dict):
        if key in ENCODING_CHANNELS and isinstance(value.get("field"), str):
            yield value["field"]
        for k, v in value.items():
            if k != "datasets":
                yield from encoded_fields(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from encoded_fields(v, key)


def chart_strings(node: Any) -> Iterator[str]:
    """Text a chart draws: its spec's texts and the drawn fields of its data."""
    spec = json.loads(node.proto.spec)
    yield from spec_texts(spec)
    fields = set(encoded_fields(spec))
    records: list[dict] = []
    for rows in (spec.get("datasets") or {}).values():
        if isinstance(rows, list):
            records += rows
    for dataset in node.proto.datasets:
        records += pa.ipc.open_stream(dataset.data.data).read_pandas().to_dict("records")
    for record in records:
        for name in fields & set(record):
            if isinstance(record[name], str):
                yield record[name]


def visible_strings(at: AppTest) -> Iterator[tuple[str, str]]:
    """(element kind, text) of everything the page shows."""
    for node in elements(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = getattr(node, "type", "")
        if kind in ("arrow_data_frame", "dataframe"):
            frame = node.value
            for column in frame.columns:
                yield kind, str(column)
                yield from ((kind, str(v)) for v in frame[column].tolist() if isinstance(v, str))
            continue
        if kind == "vega_lite_chart":
            yield from ((kind, s) for s in chart_strings(node))
            continue
        fields = MessageToDict(proto)
        if fields.get("label") == LANGUAGE_SWITCH:
            continue
        if kind in DEFAULT_PLACEHOLDER and not fields.get("placeholder"):
            yield f"{kind} placeholder", DEFAULT_PLACEHOLDER[kind]
        yield from ((kind, s) for s in proto_strings(fields))


def page(name: str, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    name, _, query = name.partition("?")
    for pair in filter(None, query.split("&")):
        key, _, value = pair.partition("=")
        at.query_params[key] = value
    at.run()
    if name != "overview":
        at.switch_page(f"app_pages/{name}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(autouse=True)
def real_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POVDASH_DATA", str(DATA))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_speaks_one_language(name: str, lang: str) -> None:
    at = page(name, lang)
    seen, leaks = 0, []
    for kind, text in visible_strings(at):
        seen += 1
        # the Curate page shows its source's text, and lists its numbers as "12. 948户 · …"
        sourced = name == "curate" and (
            kind == "markdown" or (kind == "selectbox" and NUMBER_OPTION.match(text) is not None)
        )
        found = foreign(text, lang, sourced)
        if found:
            leaks.append(f"{kind}: {text[:160]!r} ({' '.join(found[:6])})")
    assert seen > 30, "the walk saw almost nothing: it would pass vacuously"
    assert leaks == [], "\n".join(dict.fromkeys(leaks))


def test_the_check_sees_a_leak() -> None:
    assert foreign("Choose options", "zh") == ["Choose", "options"]
    assert foreign("白城市 Baicheng", "en") == ["白", "城", "市"]
    assert foreign("累计改造建档立卡贫困户危房948户", "en") == []  # a quote
    assert foreign("下载 CSV", "zh") == []
    assert foreign(as_read(":orange-badge[:material/warning: 期间不同]"), "zh") == []
    assert as_read("带动7\\.8万户") == "带动7.8万户"


@pytest.mark.parametrize("key", sorted(k for k, v in LABELS.items() if "{n}" in v["en"]))
def test_counts_of_one_read_in_the_singular(key: str) -> None:
    counts = {name: 1 for _, name, _, _ in string.Formatter().parse(LABELS[key]["en"]) if name}
    one = t(key, "en", **counts)
    assert not re.search(r"\b1 [a-z]+s\b", one), one


def test_every_curator_note_of_the_data_is_in_both_languages() -> None:
    from povdash.data.dataset import load_dataset

    dataset = load_dataset(DATA)
    exclusions, table = dataset.exclusions, dataset.table
    assert len(exclusions) > 100
    assert (exclusions["reason_zh"].str.len() > 0).all(), exclusions.loc[
        exclusions["reason_zh"] == "", "reason"
    ].tolist()
    corrected = table.loc[table["has_correction"]]
    assert len(corrected) >= 1 and corrected["correction_reason_zh"].str.len().gt(0).all()


def test_a_note_written_in_one_language_shows_as_written(tmp_path: Path) -> None:
    from povdash.analysis import comparability

    frame = pd.DataFrame(
        {
            "source": ["s", "s"],
            "text": ["两项", "一个"],
            "kind": ["name", "idiom"],
            "reason": ["a name", "an idiom"],
            "reason_zh": ["名称", ""],
            "quote": ["q", "q"],
        }
    )
    reasons = {lang: comparability.exclusions_frame(frame, "s", lang) for lang in ("zh", "en")}
    assert reasons["zh"]["理由"].tolist() == ["名称", "an idiom"]
    assert reasons["en"]["Reason"].tolist() == ["a name", "an idiom"]
