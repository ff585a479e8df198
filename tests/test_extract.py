"""Table-driven tests of extract: numbers, units, qualifiers, ranges, line breaks and the traps."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract import (
    UNITS,
    ExtractError,
    Quantity,
    find_quantities,
    lookup_unit,
    parse_number,
    parse_quantity,
)

NUMBERS = [
    ("4,826", "4826"),
    ("２３６５", "2365"),
    ("12.5", "12.5"),
    ("一千二百", "1200"),
    ("两万三千", "23000"),
    ("三千零五十万", "30500000"),
    ("一百二十亿", "12000000000"),
    ("1.2万", "12000"),
    ("3.5亿", "350000000"),
    ("4.78万亿", "4780000000000"),
    ("一万三", "13000"),
    ("两千三百五", "2350"),
    ("一千零五", "1005"),
    ("十五", "15"),
    ("三分之一", Decimal(1) / 3),
    ("百分之五十", "0.5"),
    ("负3.5", "-3.5"),
    ("十多万", "100000"),
    ("壹佰伍拾", "150"),
    ("6886.84万", "68868400"),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS)
def test_parse_number(text: str, value: str | Decimal) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    "text", ["", "万", "两两", "一切", "四川", "1..2", "3e", "一百一千", "abc"]
)
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ExtractError):
        parse_number(text)


def test_decimal_arithmetic_is_exact() -> None:
    q = parse_quantity("6886.84万元")
    assert q.value == Decimal("68868400") and str(q.value) == "68868400"


# text -> number, unit_text, value, unit, qualifier
QUANTITIES = [
    ("5.9亿元", "5.9", "亿元", "590000000", "yuan", "exact"),
    ("1.2万户", "1.2", "万户", "12000", "household", "exact"),
    ("7.8万脱贫户", "7.8", "万户", "78000", "household", "exact"),
    ("两万三千人", "23000", "人", "23000", "person", "exact"),
    ("三千零五十万元", "3050", "万元", "30500000", "yuan", "exact"),
    ("八千元", "8000", "元", "8000", "yuan", "exact"),
    ("8千元", "8", "千元", "8000", "yuan", "exact"),
    ("3000余\n\n个", "3000", "个", "3000", "count", "more_than"),
    ("46.78%", "46.78", "%", "46.78", "percent", "exact"),
    ("２．４个百分点", "2.4", "个百分点", "2.4", "percent_point", "exact"),
    ("600MW", "600", "MW", "600000", "kW", "exact"),
    ("25兆瓦", "25", "兆瓦", "25000", "kW", "exact"),
    ("3万千瓦", "3", "万千瓦", "30000", "kW", "exact"),
    ("一百千瓦", "100", "千瓦", "100", "kW", "exact"),
    ("20亿度", "20", "亿度", "2000000000", "kWh", "exact"),
    ("5万千瓦时", "5", "万千瓦时", "50000", "kWh", "exact"),
    ("约65万吨", "65", "万吨", "650000", "t", "about"),
    ("3斤", "3", "斤", "1.5", "kg", "exact"),
    ("3348平方公里", "3348", "平方公里", "3348", "km2", "exact"),
    ("387万亩", "387", "万亩", "3870000", "mu", "exact"),
    ("12千米", "12", "千米", "12", "km", "exact"),
    ("300立方米", "300", "立方米", "300", "m3", "exact"),
    ("43.9万头", "43.9", "万头", "439000", "head", "exact"),
    ("40多亿元", "40", "亿元", "4000000000", "yuan", "more_than"),
    ("3.4万人次", "3.4", "万人次", "34000", "person_time", "exact"),
    ("两成", "2", "成", "2", "tenths", "exact"),
    ("3个月", "3", "个月", "3", "duration:month", "exact"),
    ("3倍", "3", "倍", "3", "times", "exact"),
    ("24次", "24", "次", "24", "times", "exact"),
    ("50%以上", "50", "%", "50", "percent", "at_least"),
    ("超过500人", "500", "人", "500", "person", "more_than"),
    ("突破100亿元", "100", "亿元", "10000000000", "yuan", "more_than"),
    ("逾3万户", "3", "万户", "30000", "household", "more_than"),
    ("近700万元", "700", "万元", "7000000", "yuan", "about"),
    ("200人左右", "200", "人", "200", "person", "about"),
    ("60岁以下", None, None, None, None, None),
    ("10人以下", "10", "人", "10", "person", "at_most"),
    ("不足5%", "5", "%", "5", "percent", "less_than"),
    ("百分之五十", "50", "百分之", "50", "percent", "exact"),
    ("一吨半", "1.5", "吨", "1.5", "t", "exact"),
    ("50元6角三分", "50.63", "元", "50.63", "yuan", "exact"),
]


@pytest.mark.parametrize(("text", "number", "unit_text", "value", "unit", "qualifier"), QUANTITIES)
def test_parse_quantity(
    text: str,
    number: str | None,
    unit_text: str | None,
    value: str | None,
    unit: str | None,
    qualifier: str | None,
) -> None:
    if number is None:
        with pytest.raises(ExtractError):
            parse_quantity(text)
        return
    q = parse_quantity(text)
    assert (q.number, q.unit_text, q.value, q.unit, q.qualifier) == (
        Decimal(number),
        unit_text,
        Decimal(value),  # type: ignore[arg-type]
        unit,
        qualifier,
    )
    assert (q.start, q.end, q.text) == (0, len(text), text)


@pytest.mark.parametrize(
    ("text", "number", "number_max", "value", "value_max", "unit_text"),
    [
        ("1至2名", "1", "2", "1", "2", "名"),
        ("3-5万元", "3", "5", "30000", "50000", "万元"),
        ("1万-5万元", "1", "5", "10000", "50000", "万元"),
        ("1到3个", "1", "3", "1", "3", "个"),
    ],
)
def test_ranges(
    text: str, number: str, number_max: str, value: str, value_max: str, unit_text: str
) -> None:
    q = parse_quantity(text)
    assert q.qualifier == "range" and q.unit_text == unit_text
    assert (q.number, q.number_max) == (Decimal(number), Decimal(number_max))
    assert (q.value, q.value_max) == (Decimal(value), Decimal(value_max))


@pytest.mark.parametrize(
    "text", ["", "元", "万元", "2021年", "2.0版本", "0", "第一书记", "5岁", "5.9亿元和3人", "约"]
)
def test_parse_quantity_refuses(text: str) -> None:
    with pytest.raises(ExtractError):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("unit_text", "code", "factor", "dimension"),
    [
        ("亿元", "yuan", "100000000", "money"),
        ("万户", "household", "10000", "households"),
        ("兆瓦", "kW", "1000", "power"),
        ("万千瓦", "kW", "10000", "power"),
        ("亿度", "kWh", "100000000", "energy"),
        ("人次", "person_time", "1", "person_times"),
        ("个百分点", "percent_point", "1", "share_change"),
        ("%", "percent", "1", "share"),
        ("成", "tenths", "1", "share"),
        ("公顷", "km2", "0.01", "area"),
        ("个", "count", "1", "count"),
    ],
)
def test_lookup_unit(unit_text: str, code: str, factor: str, dimension: str) -> None:
    unit = lookup_unit(unit_text)
    assert (unit.code, unit.factor, unit.dimension) == (code, Decimal(factor), dimension)


@pytest.mark.parametrize("unit_text", ["", "亿度x", "月", "岁", "号", "万万"])
def test_lookup_unit_refuses(unit_text: str) -> None:
    with pytest.raises(ExtractError):
        lookup_unit(unit_text)


def test_registry_codes_are_canonical() -> None:
    canonical = {"yuan", "person", "household", "person_time", "percent", "percent_point", "kW"}
    canonical |= {"kWh", "t", "kg", "km2", "km", "m3", "mu", "head", "times", "count", "tenths"}
    canonical |= {"duration:year", "duration:month", "duration:day"}
    assert {u.code for u in UNITS.values()} <= canonical
    assert UNITS["人次"].code == "person_time" and UNITS["人"].code == "person"


def _found(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.unit) for q in find_quantities(text)]


# A sentence -> the (text, unit) pairs it must give: classifier things and the traps.
FINDS = [
    ("在全市919个行政村实施", [("919个", "count:village")]),
    ("新实施到户项目34个", [("34个", "count:project")]),
    (
        "252户带户龙头企业和451户带户合作社",
        [("252户", "count:enterprise"), ("451户", "count:cooperative")],
    ),
    ("带动7.8万户脱贫户分红增收", [("7.8万户", "household")]),
    ("新开发公益岗3000余\n\n个,全市", [("3000余\n\n个", "count:post")]),
    ("先后两轮共3.5万名干部", [("两轮", "count:round"), ("3.5万名", "person")]),
    ("分两期建设25兆瓦", [("两期", "count:phase"), ("25兆瓦", "kW")]),
    ("5个县(市、区)将衔接资金50%以上", [("5个", "count:county"), ("50%以上", "percent")]),
    ("班线客车143辆,公交化运营车辆98台", [("143辆", "count:vehicle"), ("98台", "count:vehicle")]),
    ("新建移动基站316个", [("316个", "count:base_station")]),
    ("受理各类咨询、预约40余笔", [("40余笔", "count")]),
    ("每年将提供清洁电能20亿度", [("20亿度", "kWh")]),
    # traps: names, slogans, dates, documents, phones, versions, ordinals, codes, idioms, headings
    ("聚力构建“235”监测帮扶体系", []),
    ("突出“一收入两不愁三保障”", []),
    ("五个一批和一村一员", []),
    ("《“三帮扶一推动”活动方案(2.0版本)》", []),
    ("2021年3月15日", []),
    ("2018以来对15个乡镇", [("15个", "count:township")]),
    ("〔2021〕7号文件", []),
    ("电话:0431-88600732", []),
    ("地址:火炬路1518号四楼", []),
    ("长安村第一书记,全省第一,第二轮", [("第一", "rank")]),
    ("用“交管12123”APP", []),
    ("环志号为:ZL0452823", []),
    ("创新两项举措,强化三个排查", []),
    ("大唐向阳风电二期工程600MW风电项目", [("600MW", "kW")]),
    ("给市民创造一个干净整洁的环境,一条龙服务", []),
    ("确保不漏一户、不落一人", []),
    ("干干净净度春节,加大力度,年度任务", []),
    ("发放残疾人两项补贴6891万元", [("6891万元", "yuan")]),
    ("预约40余笔", [("40余笔", "count")]),
    ("\n0\n", []),
    ("访问 https://a.cn/?q=30%25 查看", []),
    ("落实了四个班子主要领导", []),
]


@pytest.mark.parametrize(("text", "expected"), FINDS)
def test_find_quantities(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def test_offsets_point_into_the_original_text() -> None:
    text = "全市发放小额信贷２．０９亿元,新开发公益岗3000余\r\n\r\n个。"
    found = find_quantities(text)
    assert [text[q.start : q.end] for q in found] == [q.text for q in found]
    assert found[0].value == Decimal("209000000") and found[0].unit_text == "亿元"
    assert found[1].unit_text == "个" and found[1].qualifier == "more_than"


def test_quantity_is_frozen() -> None:
    q = parse_quantity("5.9亿元")
    assert isinstance(q, Quantity)
    with pytest.raises(AttributeError):
        q.value = Decimal(1)  # type: ignore[misc]


@pytest.mark.parametrize("bad", [None, 5, b"5"])
def test_non_strings_raise_extract_error(bad: object) -> None:
    for fn in (parse_number, parse_quantity, find_quantities, lookup_unit):
        with pytest.raises(ExtractError):
            fn(bad)  # type: ignore[arg-type]
