"""Acceptance: on the two stored sources, every curated quantity is found and no exclusion."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from decimal import Decimal

import pytest
from conftest import DATA, ROOT

from extract import find_quantities, propose

# (printed text as in the source, canonical value, canonical unit, qualifier)
BAICHENG: list[tuple[str, str, str, str]] = [
    ("9个", "9", "count:department", "exact"),
    ("24次", "24", "times", "exact"),
    ("7次", "7", "times", "exact"),
    ("8.7万条", "87000", "count:record", "exact"),
    ("919个", "919", "count:village", "exact"),
    ("933人", "933", "person", "exact"),
    ("7.8万脱贫户", "78000", "household", "exact"),
    ("252户", "252", "count:enterprise", "exact"),
    ("451户", "451", "count:cooperative", "exact"),
    ("5个", "5", "count:risk_point", "exact"),
    ("11.5万名", "115000", "person", "exact"),
    ("30万户", "300000", "household", "exact"),
    ("1627处", "1627", "count:site", "exact"),
    ("472处", "472", "count:site", "exact"),
    ("5个", "5", "count:county", "exact"),
    ("50%以上", "50", "percent", "at_least"),
    ("5.9亿元", "590000000", "yuan", "exact"),
    ("34个", "34", "count:project", "exact"),
    ("664个", "664", "count:project", "exact"),
    ("43.9万头", "439000", "head", "exact"),
    ("55%", "55", "percent", "exact"),
    ("9813元", "9813", "yuan", "exact"),
    ("3.8万人", "38000", "person", "exact"),
    ("3823人", "3823", "person", "exact"),
    ("3000余\n\n个", "3000", "count:post", "more_than"),
    ("2.5万个", "25000", "count:post", "exact"),
    ("3.4万人次", "34000", "person_time", "exact"),
    ("2.09亿元", "209000000", "yuan", "exact"),
    ("1.2万户", "12000", "household", "exact"),
    ("9.79万元", "97900", "yuan", "exact"),
    ("46.78%", "46.78", "percent", "exact"),
    ("3.44万元", "34400", "yuan", "exact"),
    ("916户", "916", "household", "exact"),
    ("1715人", "1715", "person", "exact"),
    ("6万名", "60000", "person", "exact"),
    ("7571人次", "7571", "person_time", "exact"),
    ("428万元", "4280000", "yuan", "exact"),
    ("5.9万人", "59000", "person", "exact"),
    ("598万元", "5980000", "yuan", "exact"),
    ("6891万元", "68910000", "yuan", "exact"),
    ("两轮", "2", "count:round", "exact"),
    ("3.5万名", "35000", "person", "exact"),
    ("1000余个", "1000", "count:problem", "more_than"),
    ("84个", "84", "count:village", "exact"),
    ("600MW", "600000", "kW", "exact"),
    ("40多亿元", "4000000000", "yuan", "more_than"),
    ("20亿度", "2000000000", "kWh", "exact"),
    ("约65万吨", "650000", "t", "about"),
    ("约158万吨", "1580000", "t", "about"),
    ("约1.15万吨", "11500", "t", "about"),
    ("约1.73万吨", "17300", "t", "about"),
    ("1500余只", "1500", "head", "more_than"),
    ("30余种", "30", "count", "more_than"),
    ("40余笔", "40", "count", "more_than"),
]

LIUHE: list[tuple[str, str, str, str]] = [
    ("13个", "13", "count:group", "exact"),
    ("15个", "15", "count:township", "exact"),
    ("4个", "4", "count:village", "exact"),
    ("184个", "184", "count:village", "exact"),
    ("7名", "7", "person", "exact"),
    ("24名", "24", "person", "exact"),
    ("34名", "34", "person", "exact"),
    ("390万元", "3900000", "yuan", "exact"),
    ("35个", "35", "count:village", "exact"),
    ("3个", "3", "count:subdistrict", "exact"),
    ("85个", "85", "count:department", "exact"),
    ("2890元", "2890", "yuan", "exact"),
    ("1200元", "1200", "yuan", "exact"),
    ("2.23亿元", "223000000", "yuan", "exact"),
    ("两期", "2", "count:phase", "exact"),
    ("25兆瓦", "25000", "kW", "exact"),
    ("763.57万元", "7635700", "yuan", "exact"),
    ("5773万元", "57730000", "yuan", "exact"),
    ("13个", "13", "count:park", "exact"),
    ("1873户", "1873", "household", "exact"),
    ("1060元", "1060", "yuan", "exact"),
    ("2081万元", "20810000", "yuan", "exact"),
    ("60个", "60", "count:project", "exact"),
    ("930户", "930", "household", "exact"),
    ("950元", "950", "yuan", "exact"),
    ("418人", "418", "person", "exact"),
    ("15兆瓦", "15000", "kW", "exact"),
    ("20972人次", "20972", "person_time", "exact"),
    ("6886.84万元", "68868400", "yuan", "exact"),
    ("1837.77万元", "18377700", "yuan", "exact"),
    ("750种", "750", "count:drug", "exact"),
    ("100%", "100", "percent", "exact"),
    ("90%", "90", "percent", "exact"),
    ("80%", "80", "percent", "exact"),
    ("9370人", "9370", "person", "exact"),
    ("537.49万元", "5374900", "yuan", "exact"),
    ("3910人", "3910", "person", "exact"),
    ("173.37万元", "1733700", "yuan", "exact"),
    ("764人次", "764", "person_time", "exact"),
    ("114.6万元", "1146000", "yuan", "exact"),
    ("948户", "948", "household", "exact"),
    ("3267名", "3267", "person", "exact"),
    ("51.8%", "51.8", "percent", "exact"),
    ("5329名", "5329", "person", "exact"),
    ("2.9亿元", "290000000", "yuan", "exact"),
    ("31项", "31", "count:project", "exact"),
    ("219个", "219", "count:village", "exact"),
    ("89条", "89", "count:route", "exact"),
    ("143辆", "143", "count:vehicle", "exact"),
    ("35条", "35", "count:route", "exact"),
    ("98台", "98", "count:vehicle", "exact"),
    ("1126.87万元", "11268700", "yuan", "exact"),
    ("57处", "57", "count:site", "exact"),
    ("1143户", "1143", "household", "exact"),
    ("2983人", "2983", "person", "exact"),
    ("2024户", "2024", "household", "exact"),
    ("612户", "612", "household", "exact"),
    ("81个", "81", "count:village", "exact"),
    ("1.33亿元", "133000000", "yuan", "exact"),
    ("31个", "31", "count:project", "exact"),
    ("316个", "316", "count:base_station", "exact"),
    ("971.86万元", "9718600", "yuan", "exact"),
    ("28处", "28", "count:site", "exact"),
    ("1.49亿元", "149000000", "yuan", "exact"),
    ("47个", "47", "count:village", "exact"),
    ("1028名", "1028", "person", "exact"),
    ("1至2名", "1", "person", "range"),
    ("3348平方公里", "3348", "km2", "exact"),
]

# Strings of the sources that hold no quantity (kinds name, date, document, phone, address,
# version, ordinal, code, idiom, structure): no found quantity may overlap any occurrence.
NON_QUANTITIES: list[str] = [
    "“235”", "一收入两不愁三保障", "两不愁、三保障", "一村一员", "“三保障”", "两委", "两条线",
    "三帮扶一推动", "2.0版本", "2021年", "2020年底", "2022年", "2021年度", "2018以来",
    "2016年以来", "2019年", "2020年04月21日", "全省第一", "全省排名第一", "第一书记",
    "全省最美第一书记", "交管12123", "ZL0452823", "0431-88600732", "吉ICP备18006035号",
    "火炬路1518号", "四楼", "初七", "初四", "初二", "2月4日", "10时", "5岁", "一门通办",
    "二话不说", "十有八九", "一个字", "一站式", "一条龙", "1+N", "三零服务", "四网一点四增收",
    "五级书记", "四个班子", "百户企业联百村帮千家", "百日攻坚", "百日会战", "5+1", "三免两减",
    "两线合一", "一级抓一级", "一鼓作气", "二期工程", "陆上风光三峡", "双碳", "国家一级保护动物",
    "同吃", "同住", "三个排查", "三方面", "两项举措", "五类帮扶", "两项补贴", "不漏一户",
    "不落一人",
]  # fmt: skip

SOURCES = {"baicheng-2022-02": BAICHENG, "liuhe-2020-04-21": LIUHE}


def _text(source: str) -> str:
    return (DATA / "texts" / f"{source}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_curated_quantity_is_found(source: str) -> None:
    text = _text(source)
    found = find_quantities(text)
    assert found, "the source gave no quantity at all"
    for q in found:
        assert text[q.start : q.end] == q.text
    got = Counter((q.text, q.value, q.unit, q.qualifier) for q in found)
    want = Counter((p, Decimal(v), u, k) for p, v, u, k in SOURCES[source])
    missing = want - got
    assert not missing, f"not found as expected: {sorted(missing)}"


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_no_non_quantity_is_proposed(source: str) -> None:
    text = _text(source)
    found = find_quantities(text)
    seen = 0
    for needle in NON_QUANTITIES:
        at = text.find(needle)
        while at != -1:
            seen += 1
            hits = [q.text for q in found if q.start < at + len(needle) and at < q.end]
            assert not hits, f"{needle!r} at {at} overlaps {hits}"
            at = text.find(needle, at + 1)
    assert seen > 10, "the exclusion strings were not found in the source"
    assert all(q.text.strip() != "0" for q in found)


def test_counts_found_in_sources() -> None:
    """Extra real quantities (12496元, 1037人, repeats) are allowed, but not a flood of them."""
    for source, expected in SOURCES.items():
        found = find_quantities(_text(source))
        assert len(expected) <= len(found) <= len(expected) + 12, source


def test_propose_gives_sentence_and_label() -> None:
    text = _text("baicheng-2022-02")
    by_text = {c.quantity.text: c for c in propose(text)}
    loan = by_text["2.09亿元"]
    assert loan.label.endswith("全市发放小额信贷")
    assert "2.09亿元" in loan.sentence and loan.sentence in text
    post = by_text["3000余\n\n个"]
    assert post.label == "新开发公益岗"
    assert post.sentence in text


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "povdash.cli", "propose", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_json_lines_match_the_library() -> None:
    path = DATA / "texts" / "liuhe-2020-04-21.txt"
    done = _cli(str(path))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    text = path.read_text(encoding="utf-8")
    assert len(rows) == len(find_quantities(text))
    for row in rows:
        assert text[row["start"] : row["end"]] == row["text"]
        assert {"value", "unit", "qualifier", "value_max", "sentence", "label"} <= set(row)
    rng = next(r for r in rows if r["text"] == "1至2名")
    assert (rng["value"], rng["value_max"], rng["qualifier"]) == (1, 2, "range")


def test_cli_stdin_and_yaml() -> None:
    done = _cli("-", "--yaml", stdin="全市发放小额信贷2.09亿元。".encode())
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    assert "value: 2.09" in out and 'unit: "亿元"' in out and "quote: " in out
    yaml = pytest.importorskip("yaml")
    draft = yaml.safe_load(out)["observations"][0]
    assert draft["value"] == 2.09 and draft["qualifier"] == "exact"
    assert draft["quote"] in "全市发放小额信贷2.09亿元。"


def test_cli_refuses_non_utf8_in_one_line(tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00 gbk?")
    done = _cli(str(bad))
    assert done.returncode == 1
    err = done.stderr.decode("utf-8")
    assert "not UTF-8" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
