"""Traditional script: the generated fold table, and quantities read in either script."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract import find_quantities, lookup_unit, parse_quantity, propose, traditional
from extract.numerals import fold
from tools import traditional as generator


def test_the_module_is_what_the_generator_writes() -> None:
    assert (generator.MODULE.read_text(encoding="utf-8")) == generator.generate(), (
        "extract/traditional.py is stale: run `python -m tools.traditional`"
    )


def test_every_pair_comes_from_the_opencc_dump() -> None:
    version, pairs = generator.read_table()
    assert version.count(".") == 2 and len(pairs) > 3000, "the OpenCC dump was not read"
    table = dict(pairs)
    folded = dict(zip(traditional.TRADITIONAL, traditional.SIMPLIFIED, strict=True))
    assert len(folded) > 100
    assert all(table[t] == s for t, s in folded.items())


def test_the_words_extract_reads_are_folded() -> None:
    assert fold("萬億個戶畝頭場次餘約項目貧困戶") == "万亿个户亩头场次余约项目贫困户"
    assert fold("鄉鎮縣產業龍頭企業") == "乡镇县产业龙头企业"


def test_characters_extract_never_reads_stay_as_they_are() -> None:
    _, pairs = generator.read_table()
    unread = "".join(t for t, _ in pairs if t not in traditional.TRADITIONAL)
    assert len(unread) > 2500 and fold(unread) == unread
    assert fold("臺灣") == "台灣"  # 臺 is read (台, a classifier), 灣 is not


# The same figures in both scripts: (traditional, simplified); each must read alike.
PAIRS = [
    ("全縣產業扶貧項目11個", "全县产业扶贫项目11个"),
    ("幫扶貧困戶3000餘戶", "帮扶贫困户3000余户"),
    ("種植面積約2.5萬畝", "种植面积约2.5万亩"),
    ("存欄肉牛1.2萬頭以上", "存栏肉牛1.2万头以上"),
    ("發放資金3.5億元", "发放资金3.5亿元"),
    ("近5萬人", "近5万人"),
    ("新建村級光伏電站10座，裝機容量25兆瓦", "新建村级光伏电站10座，装机容量25兆瓦"),
    ("覆蓋157個鄉鎮、919個行政村", "覆盖157个乡镇、919个行政村"),
    ("購置車輛98輛", "购置车辆98辆"),
    ("貧困發生率下降2.4個百分點", "贫困发生率下降2.4个百分点"),
    ("萬分之三", "万分之三"),
    ("兩成", "两成"),
    ("十幾萬元", "十几万元"),
    ("超過500人", "超过500人"),
    ("不足5%", "不足5%"),
    ("開發公益崗位3000餘個", "开发公益岗位3000余个"),
    ("一、二百萬元", "一、二百万元"),
]


def _reading(text: str) -> list[tuple[int, int, Decimal, str, str, Decimal | None]]:
    return [
        (q.start, q.end, q.value, q.unit, q.qualifier, q.value_max) for q in find_quantities(text)
    ]


@pytest.mark.parametrize(("trad", "simp"), PAIRS)
def test_traditional_reads_as_simplified(trad: str, simp: str) -> None:
    assert len(trad) == len(simp)
    reading = _reading(trad)
    assert reading == _reading(simp)
    assert reading or trad == "一、二百萬元", f"nothing read in {trad}"


def test_offsets_and_text_are_the_originals() -> None:
    text = "截至2020年底，全縣累計發放小額信貸2.09億元，惠及貧困戶1.2萬戶。"
    found = find_quantities(text)
    assert [q.text for q in found] == ["2.09億元", "1.2萬戶"]
    assert all(text[q.start : q.end] == q.text for q in found)
    assert [(q.value, q.unit, q.unit_text) for q in found] == [
        (Decimal(209000000), "yuan", "亿元"),
        (Decimal(12000), "household", "万户"),
    ]


def test_labels_and_period_hints_in_traditional() -> None:
    text = "2016年以來，全縣累計投入資金5.9億元；今年以來新建村級光伏電站10座。"
    found = propose(text)
    assert [(c.quantity.text, c.period_hint) for c in found] == [
        ("5.9億元", "since:2016"),
        ("10座", "ytd"),
    ]
    assert found[0].label.endswith("累計投入資金")  # labels keep the printed script


def test_whole_strings_in_traditional() -> None:
    q = parse_quantity("約2.5萬畝")
    assert (q.number, q.unit_text, q.value, q.unit, q.qualifier) == (
        Decimal("2.5"),
        "万亩",
        Decimal(25000),
        "mu",
        "about",
    )
    assert lookup_unit("萬畝").code == "mu" and lookup_unit("億元").factor == Decimal(10**8)
