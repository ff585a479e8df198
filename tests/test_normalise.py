"""Per-basis figures carry their denominator; rates are never normalised; rows never dropped."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from povdash.analysis.normalise import BASES, per_basis
from povdash.data.dataset import Dataset, load_dataset

VALID = Path(__file__).resolve().parent / "fixtures" / "data_valid"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(VALID)


def test_absolute_is_the_value(dataset: Dataset) -> None:
    out = per_basis(dataset.table, dataset.denominators, "absolute")
    assert len(out) == len(dataset.table)
    assert out["value_norm"].tolist() == dataset.table["value"].tolist()


def test_per_10k_residents_uses_the_census(dataset: Dataset) -> None:
    out = per_basis(dataset.table, dataset.denominators, "per_10k_residents").set_index("obs_id")
    row = out.loc["dc-dibao"]
    assert row["value_norm"] == pytest.approx(3000 / 125_000 * 10_000)
    assert (row["denom_kind"], row["denom_value"], row["denom_year"]) == (
        "census_resident",
        125_000.0,
        2020,
    )
    assert row["denom_source"].startswith("example.org/census")
    assert row["unit_norm"] == "person per 10k census residents"


def test_rates_are_never_normalised(dataset: Dataset) -> None:
    for basis in BASES[1:]:
        out = per_basis(dataset.table, dataset.denominators, basis).set_index("obs_id")
        assert math.isnan(out.loc["dc-income-growth", "value_norm"])
        assert "not normalised" in out.loc["dc-income-growth", "denom_note"]


def test_no_denominator_keeps_the_row_with_a_note(dataset: Dataset) -> None:
    out = per_basis(dataset.table, dataset.denominators, "per_admin_village")
    assert len(out) == len(dataset.table)
    row = out.set_index("obs_id").loc["dp-pv-projects"]  # the province has no village count
    assert math.isnan(row["value_norm"])
    assert "no admin_villages denominator" in row["denom_note"]
    county = out.set_index("obs_id").loc["dc-microcredit"]
    assert county["value_norm"] == pytest.approx(590_000_000 / 120)


def test_per_registered_poor_household(dataset: Dataset) -> None:
    out = per_basis(dataset.table, dataset.denominators, "per_registered_poor_household")
    row = out.set_index("obs_id").loc["dc-microcredit"]
    assert row["value_norm"] == pytest.approx(590_000_000 / 12_000)
    assert row["denom_source"] == "demo-county-2022-01"


def test_registered_population_is_its_own_basis_never_a_fallback(dataset: Dataset) -> None:
    denominators = dataset.denominators.copy()
    denominators.loc[denominators["kind"] == "census_resident", "kind"] = "registered"
    residents = per_basis(dataset.table, denominators, "per_10k_residents").set_index("obs_id")
    assert math.isnan(residents.loc["dc-dibao", "value_norm"])
    assert residents.loc["dc-dibao", "denom_status"] == "missing"
    registered = per_basis(dataset.table, denominators, "per_10k_registered").set_index("obs_id")
    assert registered.loc["dc-dibao", "denom_kind"] == "registered"
    assert registered.loc["dc-dibao", "value_norm"] == pytest.approx(3000 / 125_000 * 10_000)
    assert registered.loc["dc-dibao", "denom_status"] == "ok"


def test_latest_year_wins(dataset: Dataset) -> None:
    newer = dataset.denominators[dataset.denominators["kind"] == "admin_villages"].copy()
    newer["value"], newer["year"] = 100.0, 2023
    denominators = pd.concat([dataset.denominators, newer], ignore_index=True)
    out = per_basis(dataset.table, denominators, "per_admin_village").set_index("obs_id")
    assert out.loc["dc-microcredit", "denom_value"] == 100.0


def test_unknown_basis_is_refused(dataset: Dataset) -> None:
    with pytest.raises(ValueError, match="per_10k_residents"):
        per_basis(dataset.table, dataset.denominators, "per_capita")
