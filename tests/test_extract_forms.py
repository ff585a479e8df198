"""Rates, ranges, durations, ranks, multiples, tenths and fractions: each read as one quantity."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract import find_quantities, lookup_unit

# A sentence of the team's own -> (text, exact value, value_max, unit, qualifier) of each quantity.
FORMS = [
    # rates per unit: one quantity in a compound unit, magnitudes and 斤 converted
    ("分红标准为1800元/户", [("1800元/户", "1800", None, "yuan_per:household", "exact")]),
    ("补助4万元/户", [("4万元/户", "40000", None, "yuan_per:household", "exact")]),
    ("收购价6.5元/公斤", [("6.5元/公斤", "6.5", None, "yuan_per:kg", "exact")]),
    ("收购价2.8元/斤左右", [("2.8元/斤左右", "5.6", None, "yuan_per:kg", "about")]),
    ("造价42万元/公里", [("42万元/公里", "420000", None, "yuan_per:km", "exact")]),
    ("按5人/村配置", [("5人/村", "5", None, "person_per:village", "exact")]),
    ("岗位补贴800元/月", [("800元/月", "800", None, "yuan_per:month", "exact")]),
    ("流转价格450元/亩", [("450元/亩", "450", None, "yuan_per:mu", "exact")]),
    ("鲜叶收购价18—22元/斤", [("18—22元/斤", "36", "44", "yuan_per:kg", "range")]),
    # ranges: dashes, 至, both ends with units, neighbouring Chinese digits with or without 、
    ("分红比例为15%—25%", [("15%—25%", "15", "25", "percent", "range")]),
    ("务工收入增长10%至12%", [("10%至12%", "10", "12", "percent", "range")]),
    ("每个车间吸纳20人至40人", [("20人至40人", "20", "40", "person", "range")]),
    ("月工资在2800元—4500元之间", [("2800元—4500元", "2800", "4500", "yuan", "range")]),
    ("每个项目投入二、三百万元", [("二、三百万元", "2000000", "3000000", "yuan", "range")]),
    ("每户能分到一、两万元", [("一、两万元", "10000", "20000", "yuan", "range")]),
    ("亩均纯收入五六千元", [("五六千元", "5000", "6000", "yuan", "range")]),
    ("每年培训三、四百人次", [("三、四百人次", "300", "400", "person_time", "range")]),
    # durations, never a year number or a point in time
    ("设立5年过渡期", [("5年", "5", None, "duration:year", "exact")]),
    ("挂职时间不少于两年", [("不少于两年", "2", None, "duration:year", "at_least")]),
    ("每期培训12至15天", [("12至15天", "12", "15", "duration:day", "range")]),
    ("开展为期4个月的排查", [("4个月", "4", None, "duration:month", "exact")]),
    ("2021年10月13日，五年前，近三年来", []),
    # ranks: from 第 to the numeral and its 名 or 位; any other 第 is an ordinal
    ("综合排名第4", [("第4", "4", None, "rank", "exact")]),
    ("增速位居全省第一", [("第一", "1", None, "rank", "exact")]),
    ("考核位列全市第2名", [("第2名", "2", None, "rank", "exact")]),
    ("规模居全省县级第三位", [("第三位", "3", None, "rank", "exact")]),
    ("第一书记、第二批、第一方阵、较上年前进3位", []),
    # multiples, tenths, fractions (exact: numerator over denominator)
    ("产值是五年前的2.5倍多", [("2.5倍多", "2.5", None, "times", "more_than")]),
    ("七成以上农户", [("七成以上", "7", None, "tenths", "at_least")]),
    ("占耕地面积的三分之一", [("三分之一", "1/3", None, "fraction", "exact")]),
    ("占比近五分之二", [("近五分之二", "2/5", None, "fraction", "about")]),
    ("务工收入占一半以上", [("一半以上", "1/2", None, "fraction", "at_least")]),
    ("不到四分之一", [("不到四分之一", "1/4", None, "fraction", "less_than")]),
    ("百分之五十", [("百分之五十", "50", None, "percent", "exact")]),
    # negated qualifiers are the opposite bound
    ("住房面积不超过25平方米", [("不超过25平方米", "0.000025", None, "km2", "at_most")]),
    ("收入不低于5000元", [("不低于5000元", "5000", None, "yuan", "at_least")]),
    # traditional script
    ("收購價為3.2元/斤", [("3.2元/斤", "6.4", None, "yuan_per:kg", "exact")]),
    ("駐村時間不少於兩年", [("不少於兩年", "2", None, "duration:year", "at_least")]),
    ("佔三分之二以上", [("三分之二以上", "2/3", None, "fraction", "at_least")]),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_form(text: str, expected: list[tuple[str, str, str | None, str, str]]) -> None:
    got = [
        (q.text, q.exact, None if q.value_max is None else str(q.value_max), q.unit, q.qualifier)
        for q in find_quantities(text)
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("unit_text", "code", "factor"),
    [("万元/户", "yuan_per:household", "10000"), ("元/斤", "yuan_per:kg", "2")],
)
def test_rate_units_are_looked_up(unit_text: str, code: str, factor: str) -> None:
    unit = lookup_unit(unit_text)
    assert (unit.code, unit.factor) == (code, Decimal(factor))
