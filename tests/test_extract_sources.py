"""Acceptance: on the two stored sources, every curated quantity is found and no exclusion."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest
from conftest import DATA, ROOT

from extract import find_quantities, propose

# Strings of the sources that hold no quantity (kinds name, date, document, phone, address,
# version, ordinal, code, idiom, structure): no found quantity may overlap any occurrence.
NON_QUANTITIES: list[str] = [
    "“235”", "一收入两不愁三保障", "两不愁、三保障", "一村一员", "“三保障”", "两委", "两条线",
    "三帮扶一推动", "2.0版本", "2021年", "2020年底", "2022年", "2021年度", "2018以来",
    "2016年以来", "2019年", "2020年04月21日", "第一书记",
    "全省最美第一书记", "交管12123", "ZL0452823", "0431-88600732", "吉ICP备18006035号",
    "火炬路1518号", "四楼", "初七", "初四", "初二", "2月4日", "10时", "5岁", "一门通办",
    "二话不说", "十有八九", "一个字", "一站式", "一条龙", "1+N", "三零服务", "四网一点四增收",
    "五级书记", "四个班子", "百户企业联百村帮千家", "百日攻坚", "百日会战", "5+1", "三免两减",
    "两线合一", "一级抓一级", "一鼓作气", "二期工程", "陆上风光三峡", "双碳", "国家一级保护动物",
    "同吃", "同住", "三个排查", "三方面", "两项举措", "五类帮扶", "两项补贴", "不漏一户",
    "不落一人",
]  # fmt: skip

SOURCES = ("baicheng-2022-02", "liuhe-2020-04-21")
# Exclusion kinds that are real quantities left out on purpose; all other kinds are not quantities.
QUANTITY_EXCLUSIONS = {"duplicate", "out_of_scope"}


@pytest.fixture(scope="module")
def dataset():
    """The curated dataset: the acceptance corpus is data/, never a list typed here again."""
    from povdash.data.dataset import load_dataset

    ds = load_dataset(DATA)
    assert not [i for i in ds.issues if i.severity == "error"], "data/ does not check clean"
    return ds


def _text(source: str) -> str:
    return (DATA / "texts" / f"{source}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("source", SOURCES)
def test_every_curated_quantity_is_found_at_its_offsets(dataset, source: str) -> None:
    text = _text(source)
    found = propose(text)
    rows = dataset.table[dataset.table["source"] == source]
    assert len(rows) > 30, "too few curated observations to be the real dataset"
    for row in rows.itertuples():
        inside = [
            c.quantity
            for c in found
            if row.quote_start <= c.quantity.start and c.quantity.end <= row.quote_end
        ]
        match = [
            q
            for q in inside
            if (str(q.number), q.unit_text, q.value, q.unit, q.qualifier)
            == (row.number, row.unit_text, Decimal(row.value_exact), row.unit, row.qualifier)
        ]
        assert len(match) == 1, f"{row.obs_id}: {row.printed} not proposed inside its quote"
        q = match[0]
        assert text[q.start : q.end] == q.text
        assert q.text.replace("\n", "") == row.printed, row.obs_id


@pytest.mark.parametrize("source", SOURCES)
def test_no_exclusion_of_a_non_quantity_kind_is_proposed(dataset, source: str) -> None:
    found = [c.quantity for c in propose(_text(source))]
    excl = dataset.exclusions[
        (dataset.exclusions["source"] == source)
        & ~dataset.exclusions["kind"].isin(QUANTITY_EXCLUSIONS)
    ]
    assert len(excl) > 10, "too few exclusions to be the real dataset"
    for ex in excl.itertuples():
        hits = [q.text for q in found if q.start < ex.end and ex.start < q.end]
        assert not hits, f"{ex.kind} exclusion {ex.text!r} at {ex.start} proposed as {hits}"


@pytest.mark.parametrize("source", SOURCES)
def test_every_proposal_is_curated_or_excluded(dataset, source: str) -> None:
    """Nothing proposed is unaccounted for: an observation's figure or a deliberate exclusion."""
    found = [c.quantity for c in propose(_text(source))]
    rows = dataset.table[dataset.table["source"] == source]
    excl = dataset.exclusions[dataset.exclusions["source"] == source]
    spans = list(zip(rows.quote_start, rows.quote_end, strict=True))
    spans += list(zip(excl.start, excl.end, strict=True))
    loose = [q.text for q in found if not any(a <= q.start and q.end <= b for a, b in spans)]
    assert not loose, loose


def test_non_quantity_traps_are_not_proposed() -> None:
    seen = 0
    for source in SOURCES:
        text = _text(source)
        found = find_quantities(text)
        for needle in NON_QUANTITIES:
            at = text.find(needle)
            while at != -1:
                seen += 1
                hits = [q.text for q in found if q.start < at + len(needle) and at < q.end]
                assert not hits, f"{needle!r} at {at} overlaps {hits}"
                at = text.find(needle, at + 1)
        assert all(q.text.strip() != "0" for q in found)
    assert seen > 10, "the trap strings were not found in the sources"


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
        assert {"denominator", "period_hint"} <= set(row)
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
