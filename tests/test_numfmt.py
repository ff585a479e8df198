"""Numbers as each language reads them, exact to the printed digits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from povdash.numfmt import (
    axis_label_expr,
    format_derived,
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
