"""Context: a bare 万 whose unit the sentence gives, breaks inside a figure, quoted speech, dates,
and the names and idioms that hold numerals."""

from __future__ import annotations

import pytest

from extract import find_dates, find_quantities, propose

# A sentence of the team's own -> (text, exact value, unit, qualifier) of each quantity.
CONTEXT = [
    # a bare 万 or 亿 takes the unit of the noun before or after it, or of a verb of earning
    ("全县总人口41万，其中农业人口约33.5万", [
        ("41万", "410000", "person", "exact"), ("约33.5万", "335000", "person", "about"),
    ]),
    ("全县种植户有2.3万", [("2.3万", "23000", "household", "exact")]),
    ("带动周边1.6万群众增收", [("1.6万", "16000", "person", "exact")]),
    ("累计有27.4万建档立卡贫困人口脱贫", [("27.4万", "274000", "person", "exact")]),
    ("开民宿一年能挣8来万", [("8来万", "80000", "yuan", "about")]),
    ("产业规模达到12万", []),  # nothing says what: no quantity is guessed
    # a line break between number and magnitude or unit
    ("统筹整合资金3.16\n亿元，", [("3.16\n亿元", "316000000", "yuan", "exact")]),
    ("安置群众1.9万\n户", [("1.9万\n户", "19000", "household", "exact")]),
    # quoted speech is read; a quoted name or slogan is not
    ("村民说：“今年种了12亩花椒，卖了3万多元。”", [
        ("12亩", "12", "mu", "exact"), ("3万多元", "30000", "yuan", "more_than"),
    ]),
    ("果农“一亩地能多收五六千元”", [("五六千元", "5000", "yuan", "range")]),  # a sum is speech
    ("他家成了“万元户”，村里推行“五个一批”", []),
    ("推行“三变”改革和“一村一品”，落实“两不愁三保障”", []),
    # names and idioms holding numerals
    ("一笔笔资金、一批批项目、一个个村", []),
    ("一户一策、一人一岗，确保一户不落", []),
    ("一位领导联系一个乡镇，一名干部包联一个村", []),
    ("数千名网格员进村入户，一家五口住上新房", []),
    ("在十三户芍药花谷景区，九眼莲喜获丰收", []),
    # dates and times are never quantities
    ("2022-10-13 00:00:00 来源：县融媒体中心", []),
    ("2022年10月13日，10月13日，2022/10/13，二〇二二年十月十三日", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CONTEXT)
def test_context(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    got = [(q.text, q.exact, q.unit, q.qualifier) for q in find_quantities(text)]
    assert got == expected


DATES = [
    ("2022-10-13 00:00:00 来源", ["2022-10-13 00:00:00"]),
    ("发布时间：2023年03月08日 10:26　正文", ["2023年03月08日 10:26"]),
    ("2022/10/13 发布", ["2022/10/13"]),
    ("2021年，全县；2021年度", ["2021年", "2021年度"]),
    ("10月13日上午10时30分", ["10月13日", "10时30分"]),
    ("二〇二二年十月十三日", ["二〇二二年十月十三日"]),
    ("發佈時間：2022年10月13日", ["2022年10月13日"]),
    ("资金3.5亿元，增长12.5%", []),
]


@pytest.mark.parametrize(("text", "dates"), DATES)
def test_find_dates(text: str, dates: list[str]) -> None:
    assert [text[a:b] for a, b in find_dates(text)] == dates


def test_a_wrapped_line_keeps_the_period_of_its_sentence() -> None:
    found = propose("今年以来，全县整合资金5.28\n亿元，其中产业资金占比达到55%。")
    assert [(c.quantity.text, c.period_hint) for c in found] == [
        ("5.28\n亿元", "ytd"),
        ("55%", "ytd"),
    ]


def test_a_full_date_gives_no_period() -> None:
    found = propose("2022年10月13日，县里召开推进会，通报今年新建大棚1200座。")
    assert [(c.quantity.text, c.period_hint) for c in found] == [("1200座", "ytd")]
    found = propose("2022年10月13日，县里召开推进会，通报脱贫人口人均纯收入12496元。")
    assert [(c.quantity.text, c.period_hint) for c in found] == [("12496元", None)]
