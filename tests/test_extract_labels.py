"""Labels: the words before or after a number that say what it counts, holding no other figure."""

from __future__ import annotations

import pytest

from extract import propose

# A sentence of the team's own -> the label words each quantity's label must contain.
LABELS = [
    ("全县发放小额信贷2.09亿元。", ["小额信贷"]),
    # the words after the number, when those before name nothing (a place, a verb, nothing)
    ("全县3412名脱贫人口纳入监测。", ["脱贫人口"]),
    ("光伏收益带动2760户脱贫户增收。", ["脱贫户"]),
    ("岷县组建17支产业技术服务队。", ["服务队"]),
    ("全县开展为期2个月的集中排查。", ["集中排查"]),
    ("在花谷景区，9家农家乐和4个合作社带动群众增收。", ["农家乐", "合作社"]),
    # a shared noun: the second figure of an enumeration takes the first one's words
    ("全县共识别贫困人口4128户、15406人。", ["贫困人口", "贫困人口"]),
    ("搬迁群众1.36万户4.72万人。", ["搬迁群众", "搬迁群众"]),
    ("贫困发生率由28.6%降至0.4%。", ["贫困发生率", "贫困发生率"]),
    ("人均收入从2015年的3800元增长到去年的9200元。", ["人均收入", "人均收入"]),
    ("茶叶产量3.2万吨、产值41亿元，分别增长6.1%和7.4%。", ["茶叶产量", "产值", "增长", "增长"]),
    # each figure's own words start after the figure before it
    ("低保对象2310户6125人、特困供养人员820人。", ["低保对象", "低保对象", "特困供养人员"]),
    # a list whose words before name nothing takes the words after its last figure
    ("截至去年底，全县累计有3.1万户、11.2万人稳定脱贫。", ["稳定脱贫", "稳定脱贫"]),
    ("建成扶贫车间36个、农业产业园9个。", ["扶贫车间", "农业产业园"]),
    ("带动1.2万户种植户户均增收4200元。", ["种植户", "户均增收"]),
    # a new clause never borrows the previous one's noun
    ("家庭农场215个，93个劳务公司吸纳就业。", ["家庭农场", "劳务公司"]),
    # traditional script: words read folded, labels printed as written
    ("全縣1.6萬名群眾參加醫療保險。", ["群眾"]),
    ("帶動3600戶果農增收。", ["果農"]),
]


@pytest.mark.parametrize(("text", "labels"), LABELS)
def test_label_names_what_is_counted(text: str, labels: list[str]) -> None:
    found = propose(text)
    assert len(found) == len(labels), [c.quantity.text for c in found]
    for c, words in zip(found, labels, strict=True):
        assert words in c.label, (c.quantity.text, c.label)
        others = [o.quantity.text for o in found if o is not c]
        assert not [o for o in others if o in c.label], (c.quantity.text, c.label)
