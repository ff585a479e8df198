"""Numbers as each language reads them, exact to the printed digits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from povdash.render.numfmt import (
    axis_label_expr,
    format_derived,
    format_figure,
    format_number,
    format_value,
    to_decimal,
    unit_label,
)


@pytest.mark.parametrize(
    ("value", "unit", "zh", "en"),
    [
        (590000000, "yuan", "5.9亿元", "590 M yuan"),
        (12000, "household", "1.2万户", "12 K households"),
        (20972, "person_time", "20972人次", "20,972 person-times"),
        (46.78, "percent", "46.78%", "46.78%"),
        (919, "count:village", "919个行政村", "919 villages"),
        (9813, "yuan", "9813元", "9,813 yuan"),
        (12496, "yuan", "12496元", "12,496 yuan"),
        (209000000, "yuan", "2.09亿元", "209 M yuan"),
        (97900, "yuan", "9.79万元", "97.9 K yuan"),
        (68868400, "yuan", "6886.84万元", "68,868,400 yuan"),
        (33792800, "yuan", "3379.28万元", "33,792,800 yuan"),
        (1, "household", "1户", "1 household"),
        (3.5, "percent_point", "3.5个百分点", "3.5 pp"),
        (2000000000, "kWh", "20亿千瓦时", "2 B kWh"),
        (252, "count:enterprise", "252家企业", "252 enterprises"),
        (7, "count", "7个", "7"),
        (5, "count:widget", "5个widget", "5 widgets"),
    ],
)
def test_format_value(value: object, unit: str, zh: str, en: str) -> None:
    assert format_value(value, unit, "zh") == zh
    assert format_value(value, unit, "en") == en
    assert format_value(value, unit, "both") == (zh if zh == en else f"{zh} / {en}")


def test_exact_strings_keep_every_printed_digit() -> None:
    assert format_value("3379.28", "yuan", "zh") == "3379.28元"
    assert format_value("1551378", "person", "zh") == "1551378人"
    assert format_value("1551378", "person", "en") == "1,551,378 people"
    assert format_value("12.0", "household", "zh") == "12户"


@pytest.mark.parametrize("missing", [None, float("nan"), "", "abc", float("inf")])
def test_missing_values_show_a_dash(missing: object) -> None:
    assert format_value(missing, "yuan", "zh") == "—"
    assert to_decimal(missing) is None


@given(st.integers(min_value=0, max_value=10**13), st.integers(min_value=0, max_value=4))
def test_no_printed_digit_is_lost(integer: int, places: int) -> None:
    value = Decimal(integer).scaleb(-places)
    for lang, magnitudes in (("zh", {"亿": 8, "万": 4}), ("en", {"B": 9, "M": 6, "K": 3})):
        text = format_number(value, lang).replace(",", "")
        number, _, word = text.partition(" ") if lang == "en" else (text.rstrip("亿万"), "", "")
        if lang == "zh":
            word = text[len(number) :]
        back = Decimal(number).scaleb(magnitudes.get(word, 0))
        assert back == value, (value, text)


def test_derived_values_round_to_three_significant_digits() -> None:
    assert format_derived(12.34567, "household", "en") == "12.3 households"
    assert format_derived(123456.7, "yuan", "zh") == "12.3万元"
    assert format_derived(0.0123456, "yuan", "zh") == "0.0123元"
    assert format_derived(float("nan"), "yuan", "zh") == "—"


def test_unit_labels_for_axes() -> None:
    assert unit_label("household", "zh") == "户"
    assert unit_label("household", "en") == "households"
    assert unit_label("count:village", "zh") == "行政村"
    assert unit_label("person_time", "both") == "人次 / person-times"
    assert unit_label("percent", "both") == "%"


def test_axis_label_expressions_use_each_languages_magnitudes() -> None:
    assert "亿" in axis_label_expr("zh") and "万" in axis_label_expr("zh")
    assert "'M'" in axis_label_expr("en") and "'K'" in axis_label_expr("en")


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "value_max", "zh", "en"),
    [
        (3000, "count:post", "more_than", None, "3000余个岗位", "more than 3,000 posts"),
        (30, "times", "more_than", None, "30余次", "more than 30 times"),
        (4000000000, "yuan", "more_than", None, "40余亿元", "more than 4 B yuan"),
        (50, "percent", "at_least", None, "50%以上", "at least 50%"),
        (650000, "t", "about", None, "约65万吨", "about 650 K t"),
        (5, "person", "at_most", None, "最多5人", "at most 5 people"),
        (2, "percent", "less_than", None, "不足2%", "less than 2%"),
        (1, "person", "range", 2, "1至2人", "1–2 people"),
        (30000, "yuan", "range", 50000, "3万至5万元", "30 K–50 K yuan"),
        (948, "household", "exact", None, "948户", "948 households"),
    ],
)
def test_format_figure_keeps_the_qualifier(
    value: object, unit: str, qualifier: str, value_max: object, zh: str, en: str
) -> None:
    assert format_figure(value, unit, "zh", qualifier, value_max) == zh
    assert format_figure(value, unit, "en", qualifier, value_max) == en
    assert format_figure(value, unit, "both", qualifier, value_max) == f"{zh} / {en}"


def test_derived_figures_keep_the_qualifier() -> None:
    assert format_derived(12.6349, "count:post", "zh", qualifier="more_than") == "12.6余个岗位"
    assert format_derived(0.00526, "person", "en", qualifier="range", value_max=0.01052) == (
        "0.00526–0.0105 people"
    )
    with pytest.raises(ValueError, match="unknown qualifier"):
        format_figure(1, "person", "en", "roughly")


def test_numpy_floats_read_as_their_digits() -> None:
    import numpy as np

    assert to_decimal(np.float64(2.0)) == Decimal("2.0")
    assert format_figure(1.0, "person", "zh", "range", np.float64(2.0)) == "1至2人"


def test_every_unit_a_data_file_may_name_has_words_in_both_languages() -> None:
    # The codes come from extract's registry (povdash.data.model); a unit added there without words
    # here would show as its code on every chart.
    from povdash.data import model
    from povdash.render.numfmt import UNITS

    assert len(model.CANONICAL_UNITS) > 10
    assert [u for u in model.CANONICAL_UNITS if u not in UNITS or not UNITS[u][0]] == []
    assert set(UNITS) == {*model.CANONICAL_UNITS, "count"}
