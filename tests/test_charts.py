"""Chart builders: pure functions from tidy rows to Altair specs, tested without Streamlit."""

from __future__ import annotations

import json
import re

import altair as alt
import pandas as pd
import pytest

from povdash.render import charts
from povdash.report import csvfile

PLACES = [
    ("baicheng", "白城市", "Baicheng"),
    ("taonan", "洮南市", "Taonan"),
    ("liuhe", "柳河县", "Liuhe"),
]
FRAMEWORK = [
    ("income", "收入", "Income"),
    ("basic_medical", "基本医疗", "Basic medical care"),
    ("housing_safety", "住房安全", "Housing safety"),
    ("monitoring_assistance", "监测帮扶", "Monitoring and assistance"),
]
PLACE_META = {
    "baicheng": ("白城市", "Baicheng", "prefecture_city", "jilin"),
    "taonan": ("洮南市", "Taonan", "county_level_city", "baicheng"),
    "liuhe": ("柳河县", "Liuhe", "county", "tonghua"),
}
INDICATORS = {
    "income_per_capita": ("人均纯收入", "Per-capita income", "INC-IND", "income", "money", "flow"),
    "houses_renovated": (
        "危房改造",
        "Dilapidated houses renovated",
        "LC-HOUSE",
        "housing_safety",
        "households",
        "cumulative",
    ),
    "medical_assistance": (
        "医疗救助",
        "Medical assistance",
        "HC-HLTH",
        "basic_medical",
        "person_times",
        "cumulative",
    ),
    "microcredit": ("发放小额信贷", "Microcredit lent", "INC-CRED", "income", "money", "flow"),
    "loan_rate": ("户贷率", "Household loan rate", "INC-CRED", "income", "share", "rate"),
    "wind_power": ("风电装机", "Wind capacity", "INC-IND", "other", "power", "stock"),
}


def row(obs, place, indicator, period, value, unit, printed, quote, **extra) -> dict:
    """One row with every contract column of Dataset.table."""
    zh, en, level, parent = PLACE_META[place]
    lzh, len_, program, framework, dimension, kind = INDICATORS[indicator]
    if ".." in period:
        period_kind = "range"
    elif len(period) == 4:
        period_kind = "year"
    elif len(period) == 7:
        period_kind = "month"
    else:
        period_kind = "date"
    start, _, end = period.partition("..") if ".." in period else (period, "", period)
    base = {
        "obs_id": obs,
        "source": "liuhe-2020-04-21" if place == "liuhe" else "baicheng-2022-02",
        "file": "observations/x.yaml",
        "line": 1,
        "place": place,
        "place_zh": zh,
        "place_en": en,
        "place_level": level,
        "place_parent": parent,
        "indicator": indicator,
        "label_zh": lzh,
        "label_en": len_,
        "program": program,
        "program_zh": program,
        "program_en": program,
        "group": program.split("-")[0],
        "group_zh": "组",
        "group_en": "group",
        "framework": framework,
        "framework_zh": framework,
        "framework_en": framework,
        "section": "s1",
        "section_zh": "板块",
        "section_en": "Section",
        "period": period,
        "period_kind": period_kind,
        "period_start": start or None,
        "period_end": end,
        "kind": kind,
        "dimension": dimension,
        "value": float(value),
        "value_exact": str(value),
        "value_max": float("nan"),
        "unit": unit,
        "number": printed,
        "unit_text": "",
        "printed": printed,
        "qualifier": "exact",
        "quote": quote,
        "quote_start": 0,
        "quote_end": len(quote),
        "scope_zh": None,
        "scope_en": None,
        "notes": None,
        "has_correction": False,
        "correction_value": float("nan"),
        "correction_printed": None,
        "correction_reason": None,
        "correction_confidence": None,
    }
    base.update(extra)
    return base


def sample_table() -> pd.DataFrame:
    """A small table in the Dataset.table contract, covering the cases the dashboard must handle."""
    rows = [
        row(
            "bc-inc-2020",
            "baicheng",
            "income_per_capita",
            "2020",
            9813,
            "yuan",
            "9813元",
            "脱贫人口人均纯收入达到2020年底的9813元",
        ),
        row(
            "bc-inc-2021",
            "baicheng",
            "income_per_capita",
            "2021",
            12496,
            "yuan",
            "12496元",
            "增长到12496元",
        ),
        row(
            "bc-house",
            "baicheng",
            "houses_renovated",
            "2021",
            1948,
            "household",
            "1948户",
            "对符合条件的1948户进行危房改造",
            kind="flow",
        ),
        row(
            "lh-house",
            "liuhe",
            "houses_renovated",
            "..2020-04-21",
            948,
            "household",
            "948户",
            "累计改造建档立卡贫困户危房948户",
            scope_zh="建档立卡贫困户",
            scope_en="registered poor households",
        ),
        row(
            "lh-med",
            "liuhe",
            "medical_assistance",
            "2016..2020-04-21",
            20972,
            "person_time",
            "20972人次",
            "对贫困人口实施医疗救助20972人次",
        ),
        row(
            "bc-credit",
            "baicheng",
            "microcredit",
            "2021",
            209000000,
            "yuan",
            "2.09亿元",
            "全市发放小额信贷2.09亿元",
        ),
        row(
            "bc-rate",
            "baicheng",
            "loan_rate",
            "2021",
            46.78,
            "percent",
            "46.78%",
            "户贷率达到46.78%",
            has_correction=True,
            correction_printed="46.87%",
        ),
        row(
            "tn-wind",
            "taonan",
            "wind_power",
            "2021-12-31",
            600000,
            "kW",
            "600MW",
            "600MW风电项目",
            qualifier="about",
        ),
    ]
    return pd.DataFrame(rows)


def spec_of(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite dict, with inline data."""
    return json.loads(chart.to_json())


def test_palette_is_fixed_per_place_whatever_the_selection() -> None:
    full = charts.place_colours(PLACES)
    assert full["baicheng"] == "#E69F00" and full["liuhe"] == "#009E73"
    scale = charts.place_scale(PLACES, "en").to_dict()
    assert scale["domain"] == ["Baicheng", "Taonan", "Liuhe"]
    assert scale["range"] == [full["baicheng"], full["taonan"], full["liuhe"]]


def test_mark_frame_formats_each_language() -> None:
    table = sample_table()
    zh = charts.mark_frame(table, "zh")
    en = charts.mark_frame(table, "en")
    credit_zh = zh.loc[zh["obs_id"] == "bc-credit"].iloc[0]
    credit_en = en.loc[en["obs_id"] == "bc-credit"].iloc[0]
    assert credit_zh["value_text"] == "2.09亿元"
    assert credit_en["value_text"] == "209 M yuan"
    assert credit_zh["printed_text"] == "2.09亿元"
    assert credit_zh["panel_title"] == "发放小额信贷（元）"
    assert credit_en["panel_title"] == "Microcredit lent (yuan)"
    house = en.loc[en["obs_id"] == "lh-house"].iloc[0]
    assert house["period_text"] == "cumulative to 2020-04-21"
    # Two periods of one place get one labelled bar each.
    income = zh.loc[zh["indicator"] == "income_per_capita", "bar_label"].tolist()
    assert income == ["白城市 · 2020年", "白城市 · 2021年"]


def test_mark_frame_uses_normalised_values_but_never_for_rates() -> None:
    table = sample_table()
    table["value_norm"] = table["value"] / 10
    table.loc[table["obs_id"] == "lh-house", "value_norm"] = float("nan")
    table["denom_note"] = ""
    table.loc[table["obs_id"] == "lh-house", "denom_note"] = "no census resident population"
    frame = charts.mark_frame(table, "en", basis="per_10k_residents")
    by_id = frame.set_index("obs_id")
    assert by_id.loc["bc-house", "value_plot"] == pytest.approx(194.8)
    assert by_id.loc["bc-rate", "value_plot"] == pytest.approx(46.78)
    assert pd.isna(by_id.loc["lh-house", "value_plot"])
    assert by_id.loc["lh-house", "norm_text"] == "no denominator of this basis for this place"
    assert by_id.loc["bc-house", "norm_text"] == (
        "195 households/10k people · Per 10,000 census residents"
    )
    assert by_id.loc["bc-house", "value_label"] == "195 households/10k people"
    assert by_id.loc["bc-house", "panel_title"] == (
        "Dilapidated houses renovated (households per 10,000 census residents)"
    )


def test_compare_chart_one_panel_per_indicator_with_units_and_tooltips() -> None:
    table = sample_table()
    rows = table.loc[table["indicator"].isin(["houses_renovated", "income_per_capita"])]
    chart = charts.compare_chart(charts.mark_frame(rows, "zh"), PLACES, "zh")
    spec = spec_of(chart)
    assert len(spec["concat"]) == 2
    titles = [panel["title"]["text"] for panel in spec["concat"]]
    assert titles == [["人均纯收入（元）"], ["危房改造（户）"]]  # lines: Vega never wraps a title
    for panel in spec["concat"]:
        bars = panel["layer"][0]
        assert bars["mark"]["type"] == "bar"
        assert bars["encoding"]["x"]["title"] in ("元", "户")
        tips = {tip["field"] for tip in bars["encoding"]["tooltip"]}
        assert {"printed_text", "norm_text", "period_text", "quote", "source_text"} <= tips
        colour = bars["encoding"]["color"]["scale"]
        palette = charts.place_colours(PLACES)
        assert colour["domain"] == ["白城市", "柳河县"]  # the places drawn, in palette order
        assert colour["range"] == [palette["baicheng"], palette["liuhe"]]
    assert spec["resolve"]["scale"]["x"] == "independent"
    assert "sans-serif" in spec["config"]["font"]
    # One dataset at the top: what AppTest sees is the filtered rows.
    data = next(iter(spec["datasets"].values()))
    assert {d["obs_id"] for d in data} == set(rows["obs_id"])


def test_compare_chart_never_mixes_units_in_a_panel() -> None:
    frame = charts.mark_frame(sample_table(), "en")
    spec = spec_of(charts.compare_chart(frame, PLACES, "en"))
    assert len(spec["concat"]) == frame["indicator"].nunique()
    for panel in spec["concat"]:
        wanted = panel["layer"][0]["transform"][0]["filter"]
        indicator = wanted["equal"]
        units = set(frame.loc[frame["indicator"] == indicator, "unit"])
        assert len(units) == 1, (indicator, units)


def test_coverage_heatmap_counts_framework_by_place() -> None:
    table = sample_table()
    frame = charts.coverage_frame(table, FRAMEWORK, PLACES, "en")
    assert len(frame) == len(FRAMEWORK) * len(PLACES)
    cell = frame.set_index(["framework", "place"])
    assert cell.loc[("income", "baicheng"), "n"] == 4
    assert cell.loc[("housing_safety", "liuhe"), "n"] == 1
    assert cell.loc[("basic_medical", "baicheng"), "n"] == 0
    assert cell.loc[("basic_medical", "baicheng"), "n_text"] == ""
    assert "Per-capita income" in cell.loc[("income", "baicheng"), "indicators"]
    spec = spec_of(charts.coverage_heatmap(frame, "en"))
    assert spec["layer"][0]["mark"]["type"] == "rect"
    assert spec["layer"][0]["encoding"]["tooltip"]


def test_profile_change_chart_shows_income_over_time() -> None:
    table = sample_table()
    change = charts.change_frame(table.loc[table["place"] == "baicheng"])
    assert change["obs_id"].tolist() == ["bc-inc-2020", "bc-inc-2021"]
    frame = charts.mark_frame(change, "zh")
    spec = spec_of(charts.profile_change_chart(frame, PLACES, "zh"))
    assert len(spec["concat"]) == 1
    line = spec["concat"][0]["layer"][0]
    assert line["mark"]["type"] == "line"
    assert line["encoding"]["y"]["title"] == "元"
    values = [d["value_text"] for d in next(iter(spec["datasets"].values()))]
    assert values == ["9813元", "12496元"]


def test_headline_frame_takes_one_figure_per_framework_cell() -> None:
    table = sample_table()
    baicheng = table.loc[table["place"] == "baicheng"]
    heads = charts.headline_frame(baicheng, FRAMEWORK, "en")
    assert heads["framework_label"].tolist() == ["Income", "Housing safety"]
    assert heads.iloc[0]["value_text"] == "12,496 yuan"  # 2021, not the 2020 figure before it
    # An indicator other places also report wins its cell (within the latest period).
    shared = charts.headline_frame(baicheng, FRAMEWORK, "both", shared=["microcredit"])
    assert shared.iloc[0]["value_text"] == "2.09亿元"
    assert shared.iloc[0]["value_alt"] == "209 M yuan"
    # The latest period wins before anything else.
    later = baicheng.copy()
    income = later["indicator"] == "income_per_capita"
    later.loc[income, ["period", "period_end"]] = [["2020", "2020-12-31"], ["2022", "2022-12-31"]]
    latest = charts.headline_frame(later, FRAMEWORK, "en", shared=["microcredit"])
    assert latest.iloc[0]["value_text"] == "12,496 yuan"
    assert latest.iloc[0]["period_text"] == "2022"
    # 'Outside the framework' only when nothing else is there.
    taonan = table.loc[table["place"] == "taonan"]
    other = charts.headline_frame(taonan, [*FRAMEWORK, ("other", "框架外", "Other")], "zh")
    assert other["value_text"].tolist() == ["约60万千瓦"]


def test_table_and_csv_keep_units_and_quotes() -> None:
    table = sample_table()
    shown = charts.table_frame(table, "zh")
    assert list(shown.columns) == [
        "地区",
        "项目",
        "指标",
        "期间",
        "数值",
        "限定",
        "原文引语",
        "来源",
    ]
    assert "2.09亿元" in shown["数值"].tolist()
    text = csvfile.csv_bytes(table).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("obs_id,place,place_zh")
    assert "全市发放小额信贷2.09亿元" in text and ",yuan," in text
    empty = charts.table_frame(table.iloc[0:0], "en")
    assert empty.empty and "Quote" in empty.columns


def test_csv_makes_formula_text_inert() -> None:
    table = sample_table()
    table.loc[table["obs_id"] == "bc-house", "quote"] = "=1+2"
    table.loc[table["obs_id"] == "lh-house", "scope_en"] = "@SUM(A1)"
    frame = csvfile.csv_frame(table).set_index("obs_id")
    assert frame.loc["bc-house", "quote"] == "'=1+2"
    assert frame.loc["lh-house", "scope_en"] == "'@SUM(A1)"
    assert frame.loc["bc-credit", "quote"] == "全市发放小额信贷2.09亿元"
    text = csvfile.csv_bytes(table).decode("utf-8-sig")
    assert "'=1+2" in text and ",=1+2" not in text
    assert csvfile.csv_cell("-5") == "-5" and csvfile.csv_cell(-5.0) == -5.0


def test_empty_frames_do_not_raise() -> None:
    empty = sample_table().iloc[0:0]
    frame = charts.mark_frame(empty, "en")
    assert frame.empty and "value_plot" in frame.columns
    assert charts.headline_frame(empty, FRAMEWORK, "en").empty
    assert charts.coverage_frame(empty, FRAMEWORK, PLACES, "zh")["n"].sum() == 0


def _spec_colours(spec: dict) -> dict[str, str]:
    """Place label -> colour of every panel of a compare_spec (asserting the panels agree)."""
    found: dict[str, str] = {}
    for panel in spec["concat"]:
        scale = panel["layer"][0]["encoding"]["color"]["scale"]
        pairs = dict(zip(scale["domain"], scale["range"], strict=True))
        assert found in ({}, pairs)
        found = pairs
    return found


def test_compare_spec_keeps_each_place_colour_and_lists_only_places_drawn() -> None:
    frame = charts.mark_frame(sample_table(), "en")
    both = frame.loc[frame["place"].isin(["baicheng", "liuhe"])]
    one_pair = _spec_colours(charts.compare_spec(both, PLACES, "en"))
    palette = charts.place_colours(PLACES)
    assert one_pair == {"Baicheng": palette["baicheng"], "Liuhe": palette["liuhe"]}
    everyone = _spec_colours(charts.compare_spec(frame, PLACES, "en"))
    assert everyone["Liuhe"] == one_pair["Liuhe"]  # not shifted by Taonan joining
    assert set(everyone) == set(frame["place_label"])


def test_panel_subtitles_in_their_own_colour_leave_the_bars_in_the_places_colours() -> None:
    frame = charts.mark_frame(sample_table(), "en")
    indicators = list(dict.fromkeys(frame["indicator"]))
    notes = {i: f"note {i}" for i in indicators}
    shades = {i: "#123456" for i in indicators}
    spec = charts.compare_spec(frame, PLACES, "en", notes=notes, note_colours=shades)
    assert len(spec["concat"]) > 1
    for panel in spec["concat"]:
        assert panel["title"]["subtitleColor"] == "#123456"
        assert isinstance(panel["layer"][0]["encoding"]["color"], dict)


def test_count_axes_tick_at_whole_numbers_only() -> None:
    table = sample_table()
    frame = charts.mark_frame(table, "en")
    spec = charts.compare_spec(frame, PLACES, "en")
    axes = {
        panel["layer"][0]["encoding"]["x"]["title"]: panel["layer"][0]["encoding"]["x"]["axis"]
        for panel in spec["concat"]
    }
    assert axes["households"]["tickMinStep"] == 1 and axes["person-times"]["tickMinStep"] == 1
    assert "tickMinStep" not in axes["yuan"] and "tickMinStep" not in axes["%"]
    # a per-10,000 figure is a fraction: its axis may tick at 0.5
    norm = table.assign(value_norm=table["value"] / 7)
    norm_frame = charts.mark_frame(norm, "en", "per_10k_residents")
    per = charts.compare_spec(norm_frame, PLACES, "en", "per_10k_residents")
    assert all("tickMinStep" not in p["layer"][0]["encoding"]["x"]["axis"] for p in per["concat"])
    grid = charts.coverage_frame(table, FRAMEWORK, PLACES, "en")
    legend = spec_of(charts.coverage_heatmap(grid, "en"))["layer"][0]["encoding"]["color"]
    assert legend["condition"]["legend"]["tickMinStep"] == 1
    assert legend["condition"]["legend"]["format"] == "d"


def bracket_depth(text: str) -> int:
    """The deepest nesting of round brackets (ASCII or full-width) in a text."""
    depth = deepest = 0
    for char in text:
        if char in "(（":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")）":
            depth -= 1
    return deepest


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
@pytest.mark.parametrize("basis", ["absolute", "per_10k_residents"])
def test_titles_of_every_indicator_never_nest_or_stack_brackets(lang: str, basis: str) -> None:
    from pathlib import Path

    from povdash.data.dataset import load_dataset

    table = load_dataset(Path(__file__).resolve().parent.parent / "data").table
    titles = charts.mark_frame(table, lang, basis)["panel_title"].drop_duplicates().tolist()
    assert len(titles) > 50
    for title in titles:
        for line in title.split("\n"):
            assert bracket_depth(line) <= 1, line
            assert not re.search(r"[)）]\s*[(（]", line), line  # "(households) (households)"


def test_a_label_that_ends_with_its_unit_is_not_given_it_twice() -> None:
    row = {"label_zh": "危房改造户数", "label_en": "Houses renovated (households)"}
    row["unit"] = "household"
    assert charts.indicator_title(row, "en") == "Houses renovated (households)"
    assert charts.indicator_title(row, "zh") == "危房改造户数（户）"
    assert (
        charts.indicator_title(row, "both") == "危房改造户数（户）\nHouses renovated (households)"
    )
    normalised = charts.indicator_title(row, "zh", "per_10k_residents")
    assert normalised == "危房改造户数 · 户（每万常住人口）"


def test_fit_columns_keeps_any_table_within_its_budget() -> None:
    long = "很长的理由 " * 60
    frame = pd.DataFrame({f"列{i} / Column {i}": [long, "短"] for i in range(8)})
    widths, height = charts.fit_columns(frame, 600)
    assert sum(widths.values()) <= 600 and height > charts.CELL_LINE * 3
    short = pd.DataFrame({"地区": ["白城市"], "数字": ["948户"]})
    widths, height = charts.fit_columns(short, 600)
    assert sum(widths.values()) < 300 and height == charts.CELL_LINE + 14
