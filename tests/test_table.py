"""The tidy tables: one row per valid observation, canonical values, offsets into the source."""

from __future__ import annotations

import math
from pathlib import Path

from povdash.data.dataset import load_dataset
from povdash.data.table import TABLE_COLUMNS

VALID = Path(__file__).resolve().parent / "fixtures" / "data_valid"


def test_columns_and_one_row_per_observation() -> None:
    table = load_dataset(VALID).table
    assert list(table.columns) == list(TABLE_COLUMNS)
    assert table["obs_id"].is_unique
    assert len(table) == 9


def test_values_are_canonical_and_printed_as_in_the_source() -> None:
    row = load_dataset(VALID).table.set_index("obs_id").loc["dc-microcredit"]
    assert row["value"] == 590_000_000.0
    assert row["value_exact"] == "590000000"
    assert (row["unit"], row["number"], row["unit_text"], row["printed"]) == (
        "yuan",
        "5.9",
        "亿元",
        "5.9亿元",
    )
    assert (row["program"], row["group"], row["framework"]) == ("INC-CRED", "INC", "income")
    assert (row["section"], row["section_en"]) == ("microcredit", "Microcredit")
    assert bool(row["has_correction"]) is True
    assert row["correction_value"] == 580_000_000.0
    assert row["correction_printed"] == "5.8亿元"


def test_quote_offsets_slice_the_source_text() -> None:
    dataset = load_dataset(VALID)
    text = (VALID / "texts/demo-county-2022-01.txt").read_text(encoding="utf-8")
    for row in dataset.table[dataset.table["source"] == "demo-county-2022-01"].itertuples():
        assert text[row.quote_start : row.quote_end].replace("\n", "") == row.quote


def test_qualifiers_periods_and_named_counts() -> None:
    table = load_dataset(VALID).table.set_index("obs_id")
    assert table.loc["dc-dibao", "qualifier"] == "about"
    assert table.loc["dc-villages", "unit"] == "count:village"
    assert table.loc["dp-pv-projects", "unit"] == "count:project"
    assert table.loc["dc-microcredit-households", "value"] == 12_000.0
    assert table.loc["dc-microcredit-households", "unit"] == "household"
    assert table.loc["dc-income-growth", "unit"] == "percent"
    row = table.loc["dc-villages"]
    assert (row["period_kind"], row["period_start"], row["period_end"]) == (
        "date",
        "2021-12-31",
        "2021-12-31",
    )
    assert table.loc["dc-income-2020", "period_start"] == "2020-01-01"
    assert math.isnan(table.loc["dc-income-2020", "value_max"])


def test_denominators_exclusions_and_checks() -> None:
    dataset = load_dataset(VALID)
    d = dataset.denominators.set_index("kind")
    assert d.loc["census_resident", "value"] == 125_000.0
    assert d.loc["census_resident", "printed"] == "12.5万人"
    assert d.loc["registered_poor_households", "unit"] == "household"
    everywhere = dataset.exclusions[dataset.exclusions["source"] == "demo-province-2021-06"]
    assert everywhere["start"].tolist() == [6]
    assert dataset.checks["ok"].tolist() == [True]
    assert "27.34%" in dataset.checks["detail"].iloc[0]
    assert dataset.counts == {"demo-county-2022-01": (7, 4), "demo-province-2021-06": (2, 1)}
