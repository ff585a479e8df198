"""Badges and footnotes for figures that differ in period, kind, level, scope or denominator."""

from __future__ import annotations

import pandas as pd

from povdash import comparability
from povdash.issues import make_issue
from tests.test_charts import sample_table


def codes(rows: pd.DataFrame, basis: str = "absolute") -> list[str]:
    return [b.code for b in comparability.badges(rows, basis)]


def test_housing_baicheng_vs_liuhe_differs_in_everything_that_matters() -> None:
    table = sample_table()
    housing = table.loc[table["indicator"] == "houses_renovated"]
    found = comparability.badges(housing)
    assert [b.code for b in found] == ["period_kind", "period", "kind", "admin_level", "scope"]
    by_code = {b.code: b for b in found}
    assert by_code["period"].detail("zh") == "白城市 2021年; 柳河县 截至2020-04-21累计"
    assert by_code["period"].detail("en") == "Baicheng 2021; Liuhe cumulative to 2020-04-21"
    assert by_code["admin_level"].text("en") == (
        "Admin levels differ: Baicheng prefecture-level city; Liuhe county"
    )
    assert "registered poor households" in by_code["scope"].detail("en")
    assert "not stated" in by_code["scope"].detail("en")
    assert by_code["kind"].title("both") == "口径不同 / Kinds differ"


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
    assert badge.detail("en") == (
        "Baicheng census residents 2020; Liuhe no census resident population for liuhe"
    )


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
