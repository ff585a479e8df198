"""Period hints (extract.periods): what a sentence says about the period of each figure."""

from __future__ import annotations

import pytest

from extract import propose
from extract.periods import best_hint, period_hint

# A stretch of text -> the most specific hint it gives.
HINTS = [
    ("2021年，全县发放小额信贷", "year:2021"),
    ("2021年度全市完成", "year:2021"),
    ("全年共培训", "full_year"),
    ("今年以来，全州新增", "ytd"),
    ("年初以来累计", "ytd"),
    ("去年以来，该县", "since_last_year"),
    ("2016年以来累计投入", "since:2016"),
    ("自2016年起每年", "since:2016"),
    ("截至2020年底，全县", "as_of:2020"),
    ("截至2020年6月底", "as_of:2020-06"),
    ("到2020年末", "as_of:2020"),
    ("累计发放", "cumulative"),
    ("去年全县接待游客", "last_year"),
    ("比去年增长", None),
    ("较上年增加", None),
    ("全县发放小额信贷", None),
]


@pytest.mark.parametrize(("stretch", "hint"), HINTS)
def test_best_hint(stretch: str, hint: str | None) -> None:
    assert best_hint(stretch) == hint


def test_clause_first_then_sentence() -> None:
    sentence = "2021年，全县新增就业3000人，截至年底累计发放贷款2亿元，截至2019年底共有3人。"
    assert period_hint("新增就业3000人", sentence) == "year:2021"
    assert period_hint("截至2019年底共有3人", sentence) == "as_of:2019"
    assert period_hint("累计发放贷款2亿元", "截至2020年底，累计发放贷款2亿元。") == "as_of:2020"
    assert period_hint("2016年以来累计发放2亿元", "2016年以来累计发放2亿元。") == "since:2016"
    assert period_hint("发放贷款2亿元", "发放贷款2亿元。") is None


@pytest.mark.parametrize(
    ("stretch", "hint"),
    [("二〇二一年全县", "year:2021"), ("截至二〇二〇年底", "as_of:2020"), ("今年以來", "ytd")],
)
def test_years_in_chinese_numerals_and_traditional_words(stretch: str, hint: str) -> None:
    assert best_hint(stretch) == hint


def test_candidates_carry_the_hint() -> None:
    found = propose("2016年以来，全县累计投入资金5.9亿元。今年新建村级光伏电站10座。")
    assert [(c.quantity.text, c.period_hint) for c in found] == [
        ("5.9亿元", "since:2016"),
        ("10座", "ytd"),
    ]
