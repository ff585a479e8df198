"""Badges and footnotes for figures that differ in period, kind, level, scope or denominator."""

from __future__ import annotations

import pandas as pd
import pytest

from povdash.analysis import comparability
from povdash.data.issues import make_issue
from tests.test_charts import sample_table


def codes(rows: pd.DataFrame, basis: str = "absolute") -> list[str]:
    return [b.code for b in comparability.badges(rows, basis)]


def test_housing_baicheng_vs_liuhe_differs_in_everything_that_matters() -> None:
    table = sample_table()
    housing = table.loc[table["indicator"] == "houses_renovated"]
    found = comparability.badges(housing)
    assert [b.code for b in found] == ["period_kind", "period", "kind", "admin_level", "scope"]
    by_code = {b.code: b for b in found}
    assert by_code["period"].detail("zh") == "白城市 2021年；柳河县 截至2020-04-21累计"
    assert by_code["period"].detail("en") == "Baicheng 2021; Liuhe cumulative to 2020-04-21"
    assert by_code["admin_level"].text("en") == (
        "Admin levels differ: Baicheng prefecture-level city; Liuhe county"
    )
    assert "registered poor households" in by_code["scope"].detail("en")
    assert "not stated" in by_code["scope"].detail("en")
    assert by_code["kind"].title("both") == "口径不同 / Kinds differ"


def test_badge_text_uses_the_colon_of_each_language() -> None:
    housing = sample_table().loc[lambda f: f["indicator"] == "houses_renovated"]
    badge = {b.code: b for b in comparability.badges(housing)}["admin_level"]
    assert badge.text("zh") == "行政级别不同：白城市 地级市；柳河县 县"
    assert ": " not in badge.text("zh") and "; " not in badge.text("zh")
    assert badge.text("en") == "Admin levels differ: Baicheng prefecture-level city; Liuhe county"
    assert badge.text("both") == f"{badge.text('zh')} / {badge.text('en')}"
    notes = comparability.footnotes(
        {"houses_renovated": [badge]}, {"houses_renovated": "危房改造"}, "zh"
    )
    assert notes == ["1. 危房改造 — 行政级别不同：白城市 地级市；柳河县 县"]


def test_same_everything_gives_no_badge() -> None:
    table = sample_table()
    one = table.loc[table["obs_id"] == "bc-house"]
    twin = one.assign(place="liuhe2", place_zh="某县", place_en="Other")
    assert codes(pd.concat([one, twin])) == []
    assert codes(table.iloc[0:0]) == []


def test_qualifiers_and_misprints_are_flagged() -> None:
    table = sample_table()
    found = {b.code: b for b in comparability.badges(table)}
    assert "600MW (about)" in found["qualifier"].detail("en")
    assert "600MW（约）" in found["qualifier"].detail("zh")
    assert found["correction"].detail("zh") == "白城市 46.78% → 46.87%"


def test_denominator_badge_only_when_normalised_and_different() -> None:
    table = sample_table()
    housing = table.loc[table["indicator"] == "houses_renovated"].copy()
    housing["value_norm"] = [12.6, float("nan")]
    housing["denom_kind"] = ["census_resident", ""]
    housing["denom_year"] = [2020, float("nan")]
    housing["denom_note"] = ["", "no census resident population for liuhe"]
    assert "denominator" not in codes(housing, "absolute")
    badge = {b.code: b for b in comparability.badges(housing, "per_10k_residents")}["denominator"]
    # normalise's English note is worded in the chosen language
    assert badge.detail("en") == (
        "Baicheng census residents 2020; Liuhe no denominator of this basis for this place"
    )
    assert badge.detail("zh").endswith("柳河县 该地区没有此标准化方式所需的分母")


def test_split_shared_lists_indicators_of_one_place_beside() -> None:
    table = sample_table()
    shared, single = comparability.split_shared(table)
    assert shared == ["houses_renovated"]
    assert set(single["indicator"]) == {
        "income_per_capita",
        "medical_assistance",
        "microcredit",
        "loan_rate",
        "wind_power",
    }


def test_footnotes_are_numbered_plain_text() -> None:
    table = sample_table()
    housing = table.loc[table["indicator"] == "houses_renovated"]
    notes = comparability.footnotes(
        {"houses_renovated": comparability.badges(housing)},
        {"houses_renovated": "Houses renovated"},
        "en",
    )
    assert notes[0].startswith("1. Houses renovated — Period kinds differ: Baicheng Annual")
    assert len(notes) == 5


def test_conflicts_and_misprints_for_the_sources_page() -> None:
    table = sample_table()
    clash = table.loc[table["obs_id"] == "bc-house"].assign(
        obs_id="dup", value=2000.0, printed="2000户"
    )
    lines = comparability.conflicts(pd.concat([table, clash]), None, "en")
    assert lines == ["Baicheng Dilapidated houses renovated 2021: 1948户 ≠ 2000户"]
    checks = pd.DataFrame(
        {"id": ["c1"], "kind": ["growth"], "ok": [False], "detail": ["27% stated"]}
    )
    assert comparability.conflicts(table, checks, "en") == ["c1 (growth): 27% stated"]
    misprints = comparability.misprints_frame(table, "en")
    assert misprints[["As printed", "Other reading"]].values.tolist() == [["46.78%", "46.87%"]]


def test_checksum_status_from_issues() -> None:
    class Source:
        id = "liuhe-2020-04-21"
        text_path = "texts/liuhe-2020-04-21.txt"

    ok = make_issue("unknown-unit", "observations/x.yaml", 3, "observations[0].unit", "bad")
    bad = make_issue(
        "sha256-mismatch",
        "sources.yaml",
        9,
        "sources[1].sha256",
        "liuhe-2020-04-21: expected abc, got def",
    )
    assert comparability.checksum_ok(Source(), [ok])
    assert not comparability.checksum_ok(Source(), [ok, bad])
    frame = comparability.issues_frame([ok, bad], "en")
    assert frame["Code"].tolist() == ["unknown-unit", "sha256-mismatch"]
    assert frame["Where"].tolist() == ["observations/x.yaml:3", "sources.yaml:9"]


PLACES = [("baicheng", "白城市", "Baicheng"), ("liuhe", "柳河县", "Liuhe")]


def with_baicheng_health(table: pd.DataFrame) -> pd.DataFrame:
    """The sample plus Baicheng's two health figures, which are not Liuhe's indicator."""
    base = table.loc[table["obs_id"] == "bc-house"].iloc[0].to_dict()
    health = dict(
        program="HC-HLTH",
        program_zh="健康扶贫",
        program_en="Health poverty alleviation",
        framework="basic_medical",
        kind="cumulative",
    )
    extra = [
        {
            **base,
            **health,
            "obs_id": "bc-ai",
            "indicator": "ai_assisted_diagnoses",
            "label_zh": "智医助理辅助诊疗人次",
            "label_en": "AI-assisted diagnoses",
            "period": "..2021-12-31",
            "value": 34000.0,
            "value_exact": "34000",
            "unit": "person_time",
            "printed": "3.4万人次",
            "quote": "累计辅助诊疗3.4万人次",
        },
        {
            **base,
            **health,
            "obs_id": "bc-high-cost",
            "indicator": "high_medical_cost_people_monitored",
            "label_zh": "因大病支出纳入监测人数",
            "label_en": "People with high medical costs monitored",
            "period": "2021",
            "value": 135.0,
            "value_exact": "135",
            "unit": "person",
            "printed": "135人",
            "quote": "对支出较大的135人纳入监测帮扶",
        },
    ]
    table = table.assign(
        program_zh=table["program"].map({"HC-HLTH": "健康扶贫"}).fillna(table["program_zh"]),
        program_en=table["program"]
        .map({"HC-HLTH": "Health poverty alleviation"})
        .fillna(table["program_en"]),
    )
    return pd.concat([table, pd.DataFrame(extra)], ignore_index=True)


def test_side_by_side_sets_each_places_health_figures_in_its_own_column() -> None:
    table = with_baicheng_health(sample_table())
    frame = comparability.side_by_side_by_program(table, PLACES, "zh", ["INC-CRED", "HC-HLTH"])
    assert list(frame.columns) == ["项目", "白城市", "柳河县"]
    assert frame["项目"].tolist() == ["健康扶贫", ""]
    assert frame["白城市"].tolist() == [
        "智医助理辅助诊疗人次：3.4万人次（截至2021-12-31累计）",
        "因大病支出纳入监测人数：135人（2021年）",
    ]
    assert frame["柳河县"].tolist() == ["医疗救助：20972人次（2016至2020-04-21累计）", ""]
    # Place columns follow the chosen order; English labels use the ASCII colon.
    reversed_ = comparability.side_by_side_by_program(table, PLACES[::-1], "en")
    assert list(reversed_.columns) == ["Program", "Liuhe", "Baicheng"]
    assert reversed_["Liuhe"].iloc[0] == (
        "Medical assistance: 20,972 person-times (cumulative 2016 to 2020-04-21)"
    )
    assert (
        reversed_["Baicheng"].iloc[1]
        == "People with high medical costs monitored: 135 people (2021)"
    )


def test_side_by_side_leaves_out_shared_indicators_and_one_place_programs() -> None:
    table = with_baicheng_health(sample_table())
    side, rest = comparability.split_by_program(table, ["baicheng", "liuhe"])
    assert set(side["program"]) == {"HC-HLTH"}
    # Housing is drawn as a shared chart; microcredit and Taonan's wind power are Baicheng's only.
    assert "houses_renovated" not in set(side["indicator"]) | set(rest["indicator"])
    assert {"microcredit", "loan_rate", "wind_power", "income_per_capita"} <= set(rest["indicator"])
    # Without Baicheng's health figures nothing qualifies: an empty frame with the headers.
    empty = comparability.side_by_side_by_program(sample_table(), PLACES, "en")
    assert empty.empty and list(empty.columns) == ["Program", "Baicheng", "Liuhe"]


def test_side_by_side_gives_a_child_place_its_own_column_after_its_parent() -> None:
    table = sample_table()
    liuhe_income = table.loc[table["obs_id"] == "lh-med"].assign(
        obs_id="lh-pv",
        indicator="pv_income",
        label_zh="光伏收益",
        label_en="PV income",
        program="INC-IND",
        program_zh="产业扶贫",
        program_en="Industry",
        printed="2890元",
        unit="yuan",
    )
    table = pd.concat([table, liuhe_income], ignore_index=True)
    frame = comparability.side_by_side_by_program(table, PLACES, "en", ["INC-IND"])
    assert list(frame.columns) == ["Program", "Baicheng", "Taonan", "Liuhe"]
    assert frame["Taonan"].iloc[0].startswith("Wind capacity: ")
    assert frame["Liuhe"].iloc[0].startswith("PV income: ")
    assert frame["Program"].iloc[0] == "INC-IND"  # the sample names programs by their id


@pytest.mark.parametrize(
    ("codes", "level"),
    [
        ((), "comparable"),
        (("qualifier",), "caveats"),
        (("period", "admin_level", "scope"), "caveats"),
        (("period_kind", "period", "admin_level"), "not_comparable"),
        (("kind",), "not_comparable"),
    ],
)
def test_verdict_from_the_badges(codes: tuple[str, ...], level: str) -> None:
    found = [comparability.Badge(code, "甲", "a") for code in codes]
    verdict = comparability.verdict(found)
    assert verdict.level == level
    # not comparable names only what breaks the comparison; caveats name every difference
    assert [b.code for b in verdict.reasons] == [
        c for c in codes if level != "not_comparable" or c in comparability.BLOCKING
    ]


def test_verdict_line_in_each_language() -> None:
    badges = [comparability.Badge(c, "甲", "a") for c in ("period_kind", "period")]
    verdict = comparability.verdict(badges)
    assert verdict.line("zh") == "不可比 · 期间类型不同"
    assert verdict.line("en") == "Not comparable · Period kinds differ"
    assert verdict.lines("both") == [verdict.line("zh"), verdict.line("en")]
    same = comparability.verdict([])
    assert same.line("en") == "Comparable · same period, kind, admin level and scope"
    caveats = comparability.verdict([*badges[1:], comparability.Badge("scope", "乙", "b")])
    assert caveats.line("zh") == "可比，但有保留 · 期间不同、统计范围不同"


def test_verdicts_put_the_comparisons_that_hold_first() -> None:
    badge = comparability.Badge
    found = {
        "a": [badge("period_kind", "", "")],
        "b": [badge("period", "", "")],
        "c": [],
        "d": [badge("kind", "", ""), badge("scope", "", "")],
    }
    ordered = comparability.verdicts_by_indicator(found)
    assert list(ordered) == ["c", "b", "a", "d"]
