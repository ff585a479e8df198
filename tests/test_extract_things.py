"""What a classifier counts: the noun its number belongs to, after or before it, never beyond."""

from __future__ import annotations

import pytest

from extract import find_quantities

# A sentence of the team's own -> the (text, unit) of each quantity it holds.
THINGS = [
    # the noun phrase after the classifier: its head, not a modifier
    ("全县选派38支驻村工作队开展帮扶", [("38支", "count:team")]),
    ("新建5个村级光伏电站", [("5个", "count:station")]),
    ("培育142个村级合作社", [("142个", "count:cooperative")]),
    ("配齐27个村卫生室", [("27个", "count:clinic")]),
    ("组建19个产业技术专家服务队", [("19个", "count:team")]),
    ("扶持6个贫困村合作社", [("6个", "count:cooperative")]),
    ("引进11家农业龙头企业", [("11家", "count:enterprise")]),
    ("建成4座溜索改桥", [("4座", "count:bridge")]),
    ("下辖9个村，", [("9个", "count:village")]),
    # never beyond the phrase's verb or its clause
    ("县里29支工作队包村联户", [("29支", "count:team")]),
    ("17个帮扶部门联系贫困村", [("17个", "count:department")]),
    ("308个行政村全部建有文化活动室", [("308个", "count:village")]),
    ("3个冷库建成后带动合作社发展", [("3个", "count")]),
    ("新增扶贫车间14个，带动贫困村", [("14个", "count:workshop")]),
    # the noun before the number, a link word or a few words allowed between
    ("全县产业扶贫项目53个", [("53个", "count:project")]),
    ("易地搬迁集中安置点共17个", [("17个", "count:site")]),
    ("全市产业项目累计发展到412个", [("412个", "count:project")]),
    ("蔬菜大棚超过900座", [("超过900座", "count:greenhouse")]),
    # a noun beats the classifier's own thing; a noun naming nothing listed is a plain count
    ("实施饮水安全巩固提升工程31处", [("31处", "count:project")]),
    ("排查农村集中供水820处", [("820处", "count:site")]),
    ("举办技能培训班24期", [("24期", "count")]),
    ("分三期建设", [("三期", "count:phase")]),
    ("社区工厂总数达到41家", [("41家", "count")]),
    # a classifier with no known noun is count, never a guessed thing
    ("威宁县新建蔬菜冷链仓库18个", [("18个", "count")]),
    ("新建冷链仓储点18个、污水处理站7个", [("18个", "count:site"), ("7个", "count:station")]),
    ("茶叶企业和合作社达到96家", [("96家", "count")]),
    ("8个乡镇组建了21个产业联合党委", [("8个", "count:township"), ("21个", "count")]),
    ("组建了9支“马背宣讲队”", [("9支", "count:team")]),
    ("为每个脱贫村落实1个帮扶单位", [("1个", "count")]),
    ("发放明白卡1.5万张、太阳能路灯600盏、帐篷70顶", [
        ("1.5万张", "count"), ("600盏", "count"), ("70顶", "count"),
    ]),
    ("开展技术培训96场次", [("96场次", "count")]),
    ("一家5口人", [("5口人", "person")]),
    # traditional script
    ("全縣36支工作隊包村聯戶", [("36支", "count:team")]),
    ("建成光伏扶貧電站126座", [("126座", "count:station")]),
    ("157個勞務公司吸納就業", [("157個", "count:company")]),
    ("產業扶貧項目11個", [("11個", "count:project")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), THINGS)
def test_the_counted_thing(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(q.text, q.unit) for q in find_quantities(text)] == expected
