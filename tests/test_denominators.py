"""A normalised chart names what it divides by: one denominator kind per chart, named in the
basis, the axis and every bar label, and no figure divided by a count of its own population."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from povdash.analysis import comparability
from povdash.analysis.normalise import BASES, per_basis
from povdash.data.dataset import load_dataset
from povdash.render import charts
from povdash.render.labels import t
from povdash.report import export

ROOT = Path(__file__).resolve().parent.parent
DATASET = load_dataset(ROOT / "data")
ROWS = DATASET.table.loc[DATASET.table["place"].isin(["baicheng", "liuhe"])]
NORMALISED = [b for b in BASES if b != "absolute"]
# Words that name each denominator kind, written out here rather than read from the labels.
KIND_WORDS = {
    "census_resident": ("常住", "census"),
    "registered": ("户籍", "registered"),
    "admin_villages": ("行政村", "village"),
    "registered_poor_households": ("贫困户", "registered-poor household"),
}
PER_UNIT = {
    "per_10k_residents": ("/万人", "/10k people"),
    "per_10k_registered": ("/万人", "/10k people"),
    "per_admin_village": ("/村", "/village"),
    "per_registered_poor_household": ("/户", "/household"),
}


def compared(basis: str, lang: str) -> pd.DataFrame:
    """The Compare chart's frame of Baicheng and Liuhe under a basis."""
    rows = per_basis(ROWS, DATASET.denominators, basis)
    shared, _ = comparability.split_shared(rows)
    assert len(shared) >= 3
    return charts.mark_frame(rows.loc[rows["indicator"].isin(shared)], lang, basis)


def drawn(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.loc[frame["value_norm"].notna() & ~frame["unit"].isin(charts.RATE_UNITS)]


def test_registered_population_is_a_basis_of_its_own() -> None:
    assert "per_10k_registered" in BASES and "per_10k_residents" in BASES
    both = drawn(compared("per_10k_registered", "en"))
    assert set(both["place"]) == {"baicheng", "liuhe"}  # both places have a 户籍 count
    assert set(both["denom_kind"]) == {"registered"}


@pytest.mark.parametrize("basis", NORMALISED)
def test_one_chart_never_mixes_denominator_kinds_and_names_its_kind(basis: str) -> None:
    for lang, words in (("zh", 0), ("en", 1)):
        frame = compared(basis, lang)
        bars = drawn(frame)
        assert not bars.empty
        kinds = set(bars["denom_kind"])
        assert len(kinds) == 1, (basis, kinds)  # before: census for Baicheng, 户籍 for Liuhe
        word = KIND_WORDS[kinds.pop()][words]
        assert word in t(f"basis.{basis}", lang)
        for title in bars["panel_title"]:
            assert word in title, (basis, title)
        spec = charts.compare_spec(frame, DATASET.place_names(), lang, basis)
        assert word in "".join(spec["title"]["text"])  # the title's lines
        axes = [panel["layer"][0]["encoding"]["x"]["title"] for panel in spec["concat"]]
        assert axes and all(word in axis for axis in axes if "%" not in axis), axes


@pytest.mark.parametrize("basis", NORMALISED)
def test_normalised_bar_labels_carry_the_per_unit(basis: str) -> None:
    for lang, mark in zip(("zh", "en"), PER_UNIT[basis], strict=True):
        bars = drawn(compared(basis, lang))
        assert len(bars) >= 2
        for label in bars["value_label"]:
            assert label.endswith(mark), (basis, label)  # before: '12.6户'
            assert re.search(r"\d", label)
    both = drawn(compared(basis, "both"))
    assert all(PER_UNIT[basis][0] in x and PER_UNIT[basis][1] in x for x in both["value_label"])


def test_a_figure_of_the_denominators_own_population_is_not_drawn() -> None:
    # 7.8万 post-exit households / the 7.8万 post-exit households of the denominator = 1
    for lang in ("zh", "en"):
        rows = per_basis(ROWS, DATASET.denominators, "per_registered_poor_household")
        frame = charts.mark_frame(rows, lang, "per_registered_poor_household").set_index("obs_id")
        for obs in ("bc-post-exit-households", "bc-dividend-households", "lh-houses-renovated"):
            row = frame.loc[obs]
            assert pd.isna(row["value_norm"]) and pd.isna(row["value_plot"]), obs
            assert row["denom_status"] == "same_population"
            assert ("同一群体" if lang == "zh" else "same population") in row["norm_text"]
            assert ("同一群体" if lang == "zh" else "same population") in row["value_label"]
        # people per household is a figure per unit: still drawn
        assert frame.loc["bc-dibao", "value_norm"] > 0


def test_the_figures_footnote_says_why_a_bar_is_missing() -> None:
    rows = per_basis(ROWS, DATASET.denominators, "per_registered_poor_household")
    part = rows.loc[rows["indicator"] == "dilapidated_houses_renovated"]
    notes = export.denominator_notes(part, "per_registered_poor_household", DATASET.sources)
    assert len(notes) == 2
    assert all("同一群体" in n.zh and "same population" in n.en for n in notes)


@pytest.mark.parametrize("basis", NORMALISED)
def test_the_compare_page_draws_one_kind_with_per_units(
    basis: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POVDASH_DATA", str(ROOT / "data"))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.query_params["basis"] = basis
    at.run()
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception
    assert t(f"basis.{basis}", "zh") in at.segmented_control(key="basis").options
    (chart,) = at.get("vega_lite_chart")
    records = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas()
    bars = records.loc[records["value_norm"].notna() & ~records["unit"].isin(charts.RATE_UNITS)]
    assert not bars.empty
    assert all(label.endswith(PER_UNIT[basis][0]) for label in bars["value_label"])
