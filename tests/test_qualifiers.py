"""A figure's qualifier (余, 约, 以上, a range) shows wherever its number shows: every page in
every language, every chart label and tooltip, and every export (CSV, SVG, PNG text)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from povdash.analysis.normalise import per_basis
from povdash.data.dataset import load_dataset
from povdash.render import charts
from povdash.render.labels import bi, t
from povdash.report import csvfile, export

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
LANGS = ("zh", "en", "both")
# What a reader must see beside the number, per language; written out here, not taken from the
# formatter under test. Chinese accepts the report's own words (40多亿元 as printed).
MARKERS: dict[str, dict[str, tuple[str, ...]]] = {
    "zh": {
        "more_than": ("余", "多"),
        "about": ("约",),
        "at_least": ("以上",),
        "at_most": ("最多", "以下", "以内"),
        "less_than": ("不足",),
        "range": ("至",),
    },
    "en": {
        "more_than": ("more than",),
        "about": ("about",),
        "at_least": ("at least",),
        "at_most": ("at most",),
        "less_than": ("less than",),
        "range": ("–",),
    },
}
TABLE = load_dataset(DATA).table
QUALIFIED = TABLE.loc[TABLE["qualifier"] != "exact"]


def test_the_data_holds_qualified_figures() -> None:
    assert len(QUALIFIED) >= 5
    assert {"more_than", "about", "at_least", "range"} <= set(QUALIFIED["qualifier"])
    # Each is the only figure of its indicator, so its label names it on every page.
    for label in QUALIFIED["label_zh"]:
        assert (TABLE["label_zh"] == label).sum() == 1, label


def qualified(text: str, qualifier: str, lang: str) -> bool:
    """True when the text carries the qualifier in the language (both languages for 'both')."""
    wanted = ("zh", "en") if lang == "both" else (lang,)
    return all(any(m in text for m in MARKERS[w][qualifier]) for w in wanted)


def label_of(row: pd.Series, lang: str) -> str:
    return bi(row["label_zh"], row["label_en"], lang)


def page_figures(at: AppTest, lang: str) -> Iterator[tuple[str, str, str]]:
    """(where, obs_id, the text showing its number) for every figure of a qualified observation
    the page shows: table value cells, side-by-side cells, cards, chart labels and tooltips."""
    by_label = {label_of(r, lang): r["obs_id"] for _, r in QUALIFIED.iterrows()}
    by_quote = {r["quote"]: r["obs_id"] for _, r in QUALIFIED.iterrows()}
    by_quote = {q: o for q, o in by_quote.items() if (TABLE["quote"] == q).sum() == 1}
    value_header = t("col.value", lang)
    indicator_header = t("col.indicator", lang)
    quote_header = t("col.quote", lang)
    for i, element in enumerate(at.dataframe):
        frame = element.value
        for _, row in frame.iterrows():
            cells = row.to_dict()
            # the label names the figure (one quote can hold two figures: 5个县…50%以上)
            if indicator_header in cells:
                obs = by_label.get(cells[indicator_header])
            else:
                obs = by_quote.get(cells.get(quote_header))
            if obs and value_header in cells:
                yield f"dataframe {i}", obs, str(cells[value_header])
            for cell in cells.values():  # side by side: '<label>：<value>（<period>）'
                for label, obs_id in by_label.items():
                    if isinstance(cell, str) and re.match(rf"{re.escape(label)}\s?[：:]", cell):
                        yield f"dataframe {i} cell", obs_id, cell.split(label, 1)[1]
    # A card shows one language; with both, the English figure is in the caption under it.
    nodes = [n for n in at.main if getattr(n, "type", "") in ("metric", "caption")]
    for i, node in enumerate(nodes):
        obs = by_label.get(node.label.replace("\\", "")) if node.type == "metric" else None
        if obs:
            after = nodes[i + 1] if i + 1 < len(nodes) and nodes[i + 1].type == "caption" else None
            alt = f" {after.value}" if lang == "both" and after is not None else ""
            yield "metric", obs, node.value + alt
    for i, element in enumerate(at.get("vega_lite_chart")):
        for dataset in element.proto.datasets:
            records = pa.ipc.open_stream(dataset.data.data).read_pandas().to_dict("records")
            for record in records:
                if record.get("obs_id") in set(QUALIFIED["obs_id"]):
                    for field in ("value_text", "value_label", "norm_text"):
                        if field in record:
                            yield f"chart {i} {field}", record["obs_id"], str(record[field])


def visits(lang: str) -> Iterator[tuple[str, AppTest]]:
    """Every page once (the profile once per report place), in one language."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    for page in ("overview", "compare", "data", "sources"):
        at.switch_page(f"app_pages/{page}.py").run()
        yield page, at
    at.switch_page("app_pages/profile.py").run()
    for place in at.selectbox(key="profile_place").options:
        at.selectbox(key="profile_place").select(place).run()
        yield f"profile {place}", at
    # The overview's cards show a place's headline per area: narrowed to one program and place,
    # each qualified figure becomes a headline.
    at.switch_page("app_pages/overview.py").run()
    for (place, program), _ in QUALIFIED.groupby(["place", "program"]):
        at.multiselect(key="places").set_value([place])
        at.multiselect(key="programs").set_value([program]).run()
        yield f"overview {place} {program}", at


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_shows_the_qualifier(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POVDASH_DATA", str(DATA))
    kinds = dict(zip(QUALIFIED["obs_id"], QUALIFIED["qualifier"], strict=True))
    seen: dict[str, set[str]] = {obs: set() for obs in kinds}
    missing = []
    for page, at in visits(lang):
        assert not at.exception, (page, [e.value for e in at.exception])
        for where, obs, text in page_figures(at, lang):
            seen[obs].add(page)
            if not qualified(text, kinds[obs], lang):
                missing.append((page, where, obs, text))
    assert not missing, missing
    # Not vacuous: each figure was found on the Data page and on its place's profile.
    for obs, pages in seen.items():
        assert "data" in pages and any(p.startswith("profile") for p in pages), (obs, pages)
    on_cards = [obs for obs, pages in seen.items() if any(p.startswith("overview") for p in pages)]
    assert on_cards, seen  # the others are never a place's headline: see the next test


@pytest.mark.parametrize("lang", LANGS)
def test_a_card_of_a_qualified_figure_shows_it(lang: str) -> None:
    dataset = load_dataset(DATA)
    framework = [(c.id, c.name_zh, c.name_en) for c in dataset.framework]
    for _, row in QUALIFIED.iterrows():
        (card,) = charts.headline_frame(QUALIFIED.loc[[row.name]], framework, lang).to_dict(
            "records"
        )
        shown = f"{card['value_text']} {card['value_alt']}"
        assert qualified(shown, row["qualifier"], lang), (row["obs_id"], shown)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("basis", ["absolute", "per_10k_residents"])
def test_chart_labels_and_tooltips_carry_the_qualifier(lang: str, basis: str) -> None:
    rows = per_basis(QUALIFIED, load_dataset(DATA).denominators, basis)
    frame = charts.mark_frame(rows, lang, basis)
    drawn = 0
    for row in frame.to_dict("records"):
        assert qualified(row["value_text"], row["qualifier"], lang), row["value_text"]
        normalised = basis != "absolute" and row["unit"] not in charts.RATE_UNITS
        if normalised and pd.isna(row["value_norm"]):
            continue  # no number: the label says there is no denominator
        drawn += 1
        assert qualified(row["value_label"], row["qualifier"], lang), row["value_label"]
        if normalised:
            assert qualified(row["norm_text"], row["qualifier"], lang), row["norm_text"]
    assert drawn >= 2


def test_data_csv_names_the_qualifier_in_both_languages() -> None:
    dataset = load_dataset(DATA)
    for blob in (
        csvfile.csv_bytes(charts.with_figures(QUALIFIED)),
        export.chart_data_csv(QUALIFIED, dataset.sources),
    ):
        records = list(csv.DictReader(io.StringIO(blob.decode("utf-8-sig"))))
        assert len(records) == len(QUALIFIED)
        for record in records:
            assert qualified(record["figure_zh"], record["qualifier"], "zh"), record
            assert qualified(record["figure_en"], record["qualifier"], "en"), record


def svg_texts(svg: bytes) -> str:
    """The text of an SVG's <text> elements, unescaped, one per line."""
    import html

    # a label drawn in two lines (both languages) holds one <tspan> a line
    return "\n".join(
        html.unescape(re.sub(r"<[^>]+>", " ", x).strip())
        for x in re.findall(r"<text[^>]*>(.*?)</text>", svg.decode(), flags=re.S)
    )


@pytest.mark.parametrize("lang", LANGS)
def test_exported_figures_carry_the_qualifier(lang: str, tmp_path: Path) -> None:
    dataset = load_dataset(DATA)
    for row in QUALIFIED.to_dict("records"):
        request = export.ExportRequest(indicators=(row["indicator"],), fmt="svg", lang=lang)
        result = export.export_set(dataset, request, tmp_path / row["obs_id"])
        (svg,) = [p for p in result.written if p.suffix == ".svg"]
        texts = svg_texts(svg.read_bytes())
        # the bar's own label, not a footnote, title or subtitle (those have a colon)
        labels = [
            x for x in texts.splitlines() if re.search(r"\d", x) and not re.search("[:：]", x)
        ]
        assert any(qualified(x, row["qualifier"], lang) for x in labels), (row["obs_id"], labels)
        sources = list(csv.DictReader(io.StringIO(result.written[-1].read_text("utf-8-sig"))))
        assert [r["obs_id"] for r in sources] == [row["obs_id"]]
        assert qualified(sources[0]["figure_en"], row["qualifier"], "en"), sources[0]
        assert json.dumps(sources[0], ensure_ascii=False).count(row["printed"]) >= 1
