"""AppTest of every page: renders, filters change chart data, empty state, language, banner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
PAGES = ("overview", "compare", "profile", "data", "curate", "sources")
BAD_OVERLAY = Path(__file__).resolve().parent / "fixtures" / "data_app_bad"


@pytest.fixture(autouse=True)
def real_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """The curated data/ unless a test points POVDASH_DATA elsewhere."""
    monkeypatch.setenv("POVDASH_DATA", str(ROOT / "data"))


def app(**params: str) -> AppTest:
    """A fresh app, with URL query parameters, after its first run."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def goto(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"app_pages/{page}.py").run()
    return at


def charts_of(at: AppTest) -> list:
    return list(at.get("vega_lite_chart"))


def chart_rows(at: AppTest, index: int = 0) -> list[dict]:
    """The data rows of a chart, as Streamlit sent them (Arrow), as records."""
    proto = charts_of(at)[index].proto
    frame = pa.ipc.open_stream(proto.datasets[0].data.data).read_pandas()
    return frame.to_dict("records")


def chart_spec(at: AppTest, index: int = 0) -> dict:
    return json.loads(charts_of(at)[index].proto.spec)


def texts(at: AppTest) -> str:
    """Every text the page shows in markdown, captions, text, info, warnings and titles."""
    parts = []
    for kind in ("markdown", "caption", "text", "info", "warning", "title", "subheader", "header"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders(page: str) -> None:
    at = goto(app(), page)
    assert_clean(at)
    expected_charts = {"overview": 1, "compare": 1, "profile": 1, "data": 0, "curate": 0}
    expected_charts["sources"] = 0
    assert len(charts_of(at)) == expected_charts[page]
    if page in ("data", "sources", "profile"):
        assert len(at.dataframe) > 0


def test_overview_headlines_and_coverage_grid() -> None:
    at = app()
    assert_clean(at)
    assert [s.value for s in at.subheader[1:3]] == ["白城市 Baicheng", "柳河县 Liuhe"]
    assert len(at.metric) >= 4
    spec = chart_spec(at)
    assert spec["layer"][0]["mark"]["type"] == "rect"
    rows = chart_rows(at)
    cells = {r["framework"] for r in rows}
    assert {"income", "housing_safety", "basic_medical", "safe_drinking_water"} <= cells
    assert {r["place"] for r in rows} >= {"baicheng", "liuhe"}


def headline_cards(at: AppTest) -> dict[str, list[tuple[str, str]]]:
    """Place name -> its cards' (label, value), in order, as the Overview shows them."""
    cards: dict[str, list[tuple[str, str]]] = {}
    for column in at.columns:
        names = [s.value for s in column.subheader]
        if names:
            cards[names[0]] = [(m.label, m.value) for m in column.metric]
    return cards


def test_a_places_headlines_do_not_depend_on_the_other_places_chosen() -> None:
    both = headline_cards(app(lang="zh"))
    alone = headline_cards(app(lang="zh", places="liuhe"))
    assert set(both) == {"白城市", "柳河县"} and set(alone) == {"柳河县"}
    assert len(alone["柳河县"]) >= 6
    assert alone["柳河县"] == both["柳河县"]
    # the income card is the figure Liuhe shares with other places in its latest period
    assert both["柳河县"][0] == ("产业项目带动户数", "930户")
    assert headline_cards(app(lang="zh", places="baicheng"))["白城市"] == both["白城市"]


def test_each_headline_caption_sits_in_its_own_card() -> None:
    at = app(lang="zh")
    cards = 0
    for column in at.columns:
        for block in column.children.values():
            kinds = [
                getattr(c, "type", "") for c in (getattr(block, "children", None) or {}).values()
            ]
            if "metric" in kinds:
                # a bordered card of exactly one figure and the caption that describes it
                assert block.proto.flex_container.border, kinds
                assert kinds == ["metric", "caption"], kinds
                cards += 1
            assert getattr(block, "type", "") != "metric", "a card outside a bordered block"
    assert cards >= 12


def test_headline_subtitle_states_the_rule_used() -> None:
    at = app(lang="en")
    help_text = next(c.value for c in at.caption if c.value.startswith("One figure per place"))
    assert "latest period" in help_text and "other places" in help_text
    assert "whatever else is chosen" in help_text


VERDICT_NAMES = {
    "zh": ("可比 ·", "可比，但有保留 ·", "不可比 ·"),
    "en": ("Comparable ·", "Comparable with caveats ·", "Not comparable ·"),
}


def panel_verdicts(at: AppTest, lang: str) -> list[int]:
    """Each Compare panel's verdict as its rank (0 comparable .. 2 not comparable), in order."""
    ranks = []
    for panel in chart_spec(at)["concat"]:
        subtitle = panel["title"]["subtitle"]
        found = [i for i, name in enumerate(VERDICT_NAMES[lang]) if subtitle.startswith(name)]
        assert found, subtitle
        ranks.append(found[-1])
    return ranks


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_compare_panel_has_a_verdict_and_the_ones_that_hold_come_first(lang: str) -> None:
    at = goto(app(lang=lang), "compare")
    assert_clean(at)
    ranks = panel_verdicts(at, lang)
    assert len(ranks) >= 4 and ranks == sorted(ranks)
    assert {1, 2} <= set(ranks)  # the data has both: the order was tested, not assumed
    # Baicheng's 2021 renovations against Liuhe's cumulative total do not compare
    spec = chart_spec(at)
    housing = next(p for p in spec["concat"] if p["title"]["text"][0].startswith(("危房", "Dilap")))
    assert housing["title"]["subtitle"].startswith(VERDICT_NAMES[lang][2])
    # the count of each verdict is shown above the chart
    counts = [m.value for m in at.markdown if "badge[" in m.value]
    assert len(counts) == len(set(ranks))

    at.toggle(key="hide_not_comparable").set_value(True).run()
    assert_clean(at)
    kept = panel_verdicts(at, lang)
    assert kept == [r for r in ranks if r < 2]
    rows = chart_rows(at)
    assert "dilapidated_houses_renovated" not in {r["indicator"] for r in rows}


def test_compare_draws_shared_indicators_one_panel_each() -> None:
    at = goto(app(), "compare")
    assert_clean(at)
    rows = chart_rows(at)
    assert {r["place"] for r in rows} >= {"baicheng", "liuhe"}
    assert "dilapidated_houses_renovated" in {r["indicator"] for r in rows}
    spec = chart_spec(at)
    assert len(spec["concat"]) == len({r["indicator"] for r in rows})
    for panel in spec["concat"]:
        tips = {t["field"] for t in panel["layer"][0]["encoding"]["tooltip"]}
        assert {"printed_text", "norm_text", "period_text", "quote", "source_text"} <= tips
    # Badges name what differs; indicators of one place are listed beside the chart.
    badges = [b.proto.label for b in at.get("badge")] if at.get("badge") else []
    shown = texts(at) + " ".join(badges)
    assert "行政级别不同 / Admin levels differ" in shown or "Admin levels differ" in str(spec)
    assert len(at.dataframe) >= 1


def test_changing_a_filter_changes_the_chart_data() -> None:
    at = goto(app(), "compare")
    before = {r["indicator"] for r in chart_rows(at)}
    at.sidebar.multiselect(key="programs").set_value(["LC-HOUSE"]).run()
    assert_clean(at)
    after = {r["indicator"] for r in chart_rows(at)}
    assert after == {"dilapidated_houses_renovated"} and after < before
    assert at.query_params["programs"] == "LC-HOUSE"


def test_period_kind_filter_changes_the_data_table() -> None:
    at = goto(app(), "data")
    total = len(at.dataframe[0].value)
    at.sidebar.selectbox(key="period").set_value("cumulative").run()
    assert_clean(at)
    assert 0 < len(at.dataframe[0].value) < total


def test_normalisation_uses_denominators_and_shows_them() -> None:
    at = goto(app(), "compare")
    at.segmented_control(key="basis").set_value("per_10k_residents").run()
    assert_clean(at)
    rows = chart_rows(at)
    baicheng = [r for r in rows if r["place"] == "baicheng" and r["unit"] != "percent"]
    assert baicheng and all(r["value_plot"] == pytest.approx(r["value_norm"]) for r in baicheng)
    assert any("10,000" in r["norm_text"] or "每万" in r["norm_text"] for r in baicheng)
    shown = texts(at)
    assert "所用分母及来源 / Denominators used and their sources" in shown
    assert at.query_params["basis"] == "per_10k_residents"


@pytest.mark.parametrize("page", PAGES)
def test_empty_selection_shows_a_message_not_a_chart(page: str) -> None:
    at = goto(app(), page)
    at.sidebar.multiselect(key="places").set_value([]).run()
    assert_clean(at)
    if page in ("overview", "compare", "data"):
        assert charts_of(at) == []
        assert any("Choose at least one place" in i.value for i in at.info)


def test_compare_needs_two_places() -> None:
    at = goto(app(places="liuhe"), "compare")
    assert_clean(at)
    assert charts_of(at) == []
    assert any("Choose at least two places" in i.value for i in at.info)


def test_language_switch_changes_labels_and_numbers() -> None:
    at = goto(app(), "compare")
    at.sidebar.segmented_control(key="lang").set_value("en").run()
    assert_clean(at)
    assert at.title[0].value == "Compare"
    spec = chart_spec(at)
    assert all(line.isascii() for line in spec["concat"][0]["title"]["text"])
    rows = chart_rows(at)
    assert any(r["value_text"].endswith("households") for r in rows)
    at.sidebar.segmented_control(key="lang").set_value("zh").run()
    assert at.title[0].value == "对比"
    assert any(r["value_text"].endswith("户") for r in chart_rows(at))
    assert at.query_params["lang"] == "zh"


def test_url_reopens_the_view() -> None:
    url = {"lang": "en", "places": "liuhe,baicheng", "programs": "LC-HOUSE"}
    at = goto(app(**url, basis="per_admin_village"), "compare")
    assert_clean(at)
    assert at.sidebar.segmented_control(key="lang").value == "en"
    assert at.sidebar.multiselect(key="places").value == ["liuhe", "baicheng"]
    assert at.segmented_control(key="basis").value == "per_admin_village"
    assert {r["indicator"] for r in chart_rows(at)} == {"dilapidated_houses_renovated"}


def test_unknown_url_values_are_ignored() -> None:
    at = app(lang="xx", places="nowhere,liuhe", period="<script>", evil="1")
    assert_clean(at)
    assert at.sidebar.segmented_control(key="lang").value == "both"
    assert at.sidebar.multiselect(key="places").value == ["liuhe"]


def test_bad_data_banner_names_what_did_not_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overlay = sorted(p for p in BAD_OVERLAY.rglob("*.yaml"))
    assert overlay, "the bad-data overlay holds no YAML file"
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for path in overlay:
        shutil.copy(path, data / path.relative_to(BAD_OVERLAY))
    monkeypatch.setenv("POVDASH_DATA", str(data))
    at = goto(app(), "compare")
    assert not at.exception
    banner = "\n".join(w.value for w in at.warning).replace("\\", "")
    assert "observations/liuhe-2020-04-21.yaml" in banner
    assert "javascript" not in banner
    # Everything else still shows: the overview draws Baicheng's coverage.
    at = goto(at, "overview")
    assert_clean(at)
    assert {r["place"] for r in chart_rows(at) if r["n"] > 0} >= {"baicheng"}


def test_a_failing_data_layer_never_shows_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import povdash.data.dataset

    def broken(root: Path) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(povdash.data.dataset, "fingerprint", broken)
    for page in PAGES:
        at = goto(app(), page)
        assert not at.exception, page
        assert at.warning, page
        assert any("RuntimeError: disk on fire" in c.value for c in at.code), page
        assert charts_of(at) == []


def test_data_page_table_and_csv_download() -> None:
    at = goto(app(), "data")
    assert_clean(at)
    table = at.dataframe[0].value
    assert {"原文引语 / Quote", "数值 / Value"} <= set(table.columns)
    # the value names its unit; a unit column of its own would take a share of the width
    assert "948户 / 948 households" in set(table["数值 / Value"])
    at.text_input(key="data_search").input("危房").run()
    assert_clean(at)
    assert 0 < len(at.dataframe[0].value) < len(table)
    assert at.get("download_button"), "no CSV download button"


SIDE_BY_SIDE = (
    "同一项目、不同指标——不可直接比较 / "
    "Same program, different indicators — not directly comparable"
)


def side_by_side(at: AppTest):
    """The Compare page's 'same program, different indicators' table, or None."""
    for frame in at.dataframe:
        if list(frame.value.columns)[:1] == ["项目 / Program"] and "地区 / Place" not in list(
            frame.value.columns
        ):
            return frame.value
    return None


def test_compare_health_sets_both_places_figures_side_by_side() -> None:
    at = goto(app(programs="HC-HLTH"), "compare")
    assert_clean(at)
    # No health indicator is shared, so no chart; the figures are set side by side instead.
    assert charts_of(at) == []
    assert SIDE_BY_SIDE in [s.value for s in at.subheader]
    assert any("cannot be compared directly" in c.value for c in at.caption)
    frame = side_by_side(at)
    assert frame is not None, "no side-by-side table on the Compare page"
    assert list(frame.columns) == ["项目 / Program", "白城市 Baicheng", "柳河县 Liuhe"]
    assert frame["项目 / Program"].iloc[0].startswith("健康扶贫")
    baicheng = " | ".join(frame["白城市 Baicheng"])
    liuhe = " | ".join(frame["柳河县 Liuhe"])
    assert "3.4万人次" in baicheng and "135人" in baicheng
    assert "20972人次" in liuhe and "AI" not in liuhe
    assert "20972人次" not in baicheng
    # The quotes of the same figures are one click away.
    quotes = [f.value for f in at.dataframe if "原文引语 / Quote" in f.value.columns]
    assert any("累计辅助诊疗3.4万人次" in q["原文引语 / Quote"].tolist() for q in quotes)


def test_compare_side_by_side_follows_the_chosen_place_order_and_language() -> None:
    at = goto(app(programs="HC-HLTH", places="liuhe,baicheng", lang="en"), "compare")
    assert_clean(at)
    frame = None
    for element in at.dataframe:
        if list(element.value.columns)[:1] == ["Program"] and "Place" not in element.value.columns:
            frame = element.value
    assert frame is not None
    assert list(frame.columns) == ["Program", "Liuhe", "Baicheng"]
    assert any(v.startswith("AI-assisted diagnoses") for v in frame["Baicheng"])


def test_compare_side_by_side_empty_state_when_nothing_qualifies() -> None:
    # Microcredit is reported by Baicheng only: nothing to set side by side.
    at = goto(app(programs="INC-CRED"), "compare")
    assert_clean(at)
    assert side_by_side(at) is None
    assert any("No program has different indicators" in i.value for i in at.info)


def test_data_page_csv_makes_formula_text_inert() -> None:
    import csv
    import io

    from app_pages import _state
    from povdash.views.viewstate import ViewState
    from tests.test_charts import sample_table

    rows = sample_table()
    rows.loc[rows["obs_id"] == "bc-house", "quote"] = '=HYPERLINK("http://x","1948")'
    context = _state.Context(None, ViewState(), rows, [])
    data = _state.data_exports(context, rows)["csv"]()
    assert data.startswith(b"\xef\xbb\xbf"), "no BOM: Excel would garble the Chinese"
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    quotes = {r["obs_id"]: r["quote"] for r in records}
    assert quotes["bc-house"] == '\'=HYPERLINK("http://x","1948")'
    assert quotes["lh-house"] == "累计改造建档立卡贫困户危房948户"


def test_a_chart_of_more_than_5000_rows_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Altair's default data transformer refuses more than 5,000 rows (MaxRowsError); the pages
    hand chart rows to Streamlit as named datasets instead, so a big selection still draws."""
    from bench.generate import generate

    root = generate(tmp_path / "big", 40, 150, seed=0)
    monkeypatch.setenv("POVDASH_DATA", str(root))
    at = goto(app(), "compare")
    places = list(at.sidebar.multiselect(key="places").options)
    assert len(places) >= 40
    at.sidebar.multiselect(key="places").set_value(places).run()
    assert_clean(at)
    assert len(chart_rows(at)) > 5000
    spec = chart_spec(at)
    assert "values" not in json.dumps(spec.get("data", {}))  # the rows travel as Arrow only
    goto(at, "overview")
    assert_clean(at)
    assert charts_of(at)


def test_vega_lite_spec_moves_rows_out_of_the_spec() -> None:
    import altair as alt
    import pandas as pd

    from app_pages import _state

    frame = pd.DataFrame({"x": range(6000), "y": range(6000)})
    layered = alt.layer(
        alt.Chart(frame).mark_point().encode(x="x:Q", y="y:Q"),
        alt.Chart(frame).mark_line().encode(x="x:Q", y="y:Q"),
    )
    spec = _state.vega_lite_spec(layered)
    assert list(spec["datasets"]) == [spec["data"]["name"]]
    assert len(spec["datasets"][spec["data"]["name"]]) == 6000
    assert alt.data_transformers.active == "default"  # the global choice is put back
    plain = {"mark": "bar", "data": {"name": "rows"}}
    assert len(_state.vega_lite_spec(plain, {"rows": frame})["datasets"]["rows"]) == 6000
    assert "datasets" not in plain  # the caller's dict is not changed
