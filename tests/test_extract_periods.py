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


# A sentence -> the period hint of each of its quantities, in order.
SENTENCES = [
    ("2021年，全县发放小额信贷2.09亿元，比上年增长11.2%。", ["year:2021", "year:2021"]),
    ("种植面积扩大到2015年的1.8倍。", [None]),  # the year is the base's, not the figure's
    ("石漠化面积由2015年的42万亩减少到28万亩。", ["year:2015", None]),
    ("2020年末，全县农户8.6万，其中脱贫户2.35万户。", ["as_of:2020", "as_of:2020"]),
    ("2022年10月13日，县里通报全县脱贫人口人均纯收入12496元。", [None]),
    ("截至2020年底，全县累计减贫5.2万人。", ["as_of:2020"]),
    ("去年以来，全县新增就业帮扶车间23个。", ["since_last_year"]),
    ("全年全市投入补助资金21.6亿元，比上年增加2.4亿元。", ["full_year", "full_year"]),
    ("2016年以来，全縣累計投入資金5.9億元。", ["since:2016"]),
    ("去年全县劳务输出3.6万人；今年新增就业1.2万人。", ["last_year", "ytd"]),
]


@pytest.mark.parametrize(("text", "hints"), SENTENCES)
def test_period_hint_per_quantity(text: str, hints: list[str | None]) -> None:
    assert [c.period_hint for c in propose(text)] == hints
