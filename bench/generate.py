"""A synthetic data folder of N places x M reports that passes `povdash check`, for benchmarks.

Every report text is built from Chinese sentence templates whose numbers, units and qualifiers
are known, so each observation's value/unit/quote is written exactly as the README's schema
asks, and every other number in the text (years, document numbers, phones) gets an exclusion.
Everything is drawn from random.Random(seed), so one seed always gives the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

REPORTS_PER_PLACE = 3
CHECK_OBS = 6  # observations of the two cross-checks of a report
FIRST_YEAR = 2016

# Name characters: no numeral (一 二 两 十 百 千 万 亿 ...) and no counted noun (村 县 乡 镇), so
# a place name never reads as a number or names a counted thing.
NAME_CHARS = (  # noqa: SIM905  (a readable table of character+pinyin)
    "安an 宝bao 昌chang 长chang 德de 东dong 丰feng 富fu 广guang 海hai 和he 华hua 怀huai "
    "嘉jia 建jian 金jin 靖jing 乐le 临lin 隆long 平ping 庆qing 荣rong 瑞rui 山shan 顺shun "
    "泰tai 通tong 兴xing 阳yang 永yong 裕yu 元yuan 清qing 河he 林lin 宁ning 远yuan 新xin "
    "盛sheng 松song 桦hua 白bai 洮tao 梨li 辉hui 集ji 抚fu 延yan 珲hun 敦dun 汪wang"
).split()
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "明华建国伟芳丽强军红志勇杰静涛斌磊超波"

FRAMEWORK = [
    ("income", "收入", "Income"),
    ("food_clothing", "不愁吃穿", "Food and clothing"),
    ("compulsory_education", "义务教育", "Compulsory education"),
    ("basic_medical", "基本医疗", "Basic medical care"),
    ("housing_safety", "住房安全", "Housing safety"),
    ("safe_drinking_water", "饮水安全", "Safe drinking water"),
    ("monitoring_assistance", "监测帮扶", "Monitoring and assistance"),
    ("other", "框架外", "Outside the national framework"),
]
# group id, zh, en, [(program id, zh, en, framework cell, keywords)]
GROUPS = [
    (
        "TGT",
        "识别、监测与帮扶",
        "Targeting & monitoring",
        [
            ("TGT-ID", "精准识别与建档立卡", "Identification", "monitoring_assistance", "建档立卡"),
            ("TGT-MON", "防止返贫动态监测和帮扶", "Monitoring", "monitoring_assistance", "监测"),
            ("TGT-ASSIST", "驻村帮扶与包保", "Paired assistance", "monitoring_assistance", "驻村"),
        ],
    ),
    (
        "INC",
        "增收与生计",
        "Income & livelihoods",
        [
            ("INC-IND", "产业扶贫", "Industry", "income", "产业扶贫"),
            ("INC-PV", "光伏扶贫", "Solar PV", "income", "光伏"),
            ("INC-EMP", "就业扶贫", "Employment", "income", "就业"),
            ("INC-PWJ", "公益岗位", "Public-welfare jobs", "income", "公益岗位"),
            ("INC-CRED", "扶贫小额信贷", "Microcredit", "income", "小额信贷"),
            ("INC-CONS", "消费扶贫", "Consumption", "income", "消费扶贫"),
        ],
    ),
    (
        "LC",
        "生活条件",
        "Living conditions",
        [
            ("LC-HOUSE", "危房改造", "Housing renovation", "housing_safety", "危房改造"),
            ("LC-RELOC", "易地扶贫搬迁", "Relocation", "housing_safety", "易地搬迁"),
            ("LC-WATER", "农村饮水安全", "Drinking water", "safe_drinking_water", "饮水安全"),
            ("LC-INFRA", "基础设施", "Infrastructure", "other", "农村公路"),
        ],
    ),
    (
        "HC",
        "健康扶贫",
        "Health",
        [("HC-HLTH", "健康扶贫", "Health poverty alleviation", "basic_medical", "健康扶贫")],
    ),
    (
        "EDU",
        "教育扶贫",
        "Education",
        [("EDU-AID", "教育资助", "Education aid", "compulsory_education", "教育资助")],
    ),
    (
        "SOC",
        "社会保障兜底",
        "Social safety net",
        [("SOC-DIBAO", "低保兜底", "Minimum living allowance", "food_clothing", "低保")],
    ),
]
SECTIONS = [
    ("mechanisms", "建机制 强包保", "Mechanisms and paired assistance"),
    ("industry", "兴产业 促增收", "Industry and income"),
    ("livelihood", "补短板 惠民生", "Closing gaps in living conditions"),
    ("safety-net", "兜底线 防返贫", "Safety net and relapse prevention"),
]


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry: id, labels, program, dimension, canonical unit, kind."""

    id: str
    zh: str
    en: str
    program: str
    dimension: str
    unit: str
    kind: str


# id, program, dimension, canonical unit, kind (labels below)
INDICATOR_TABLE = """
poverty_incidence TGT-ID share percent rate
poor_villages_exited TGT-ID count count:village cumulative
monitored_households TGT-MON households household stock
village_team_members TGT-ASSIST people person stock
industry_projects INC-IND count count:project flow
leading_enterprises INC-IND count count:enterprise stock
cooperatives INC-IND count count:cooperative stock
cattle_raised INC-IND livestock head stock
herb_area INC-IND area mu stock
households_benefited_industry INC-IND households household cumulative
pv_capacity INC-PV power kW stock
pv_income INC-PV money yuan flow
migrant_workers INC-EMP people person flow
training_person_times INC-EMP person_times person_time flow
public_welfare_posts INC-PWJ count count:post stock
microcredit_disbursed INC-CRED money yuan flow
consumption_sales INC-CONS money yuan flow
dilapidated_houses_renovated LC-HOUSE households household cumulative
housing_subsidy_per_household LC-HOUSE money yuan flow
relocated_people LC-RELOC people person cumulative
drinking_water_households LC-WATER households household cumulative
drinking_water_central LC-WATER households household cumulative
drinking_water_dispersed LC-WATER households household cumulative
rural_roads_built LC-INFRA length km flow
medical_assistance_person_times HC-HLTH person_times person_time cumulative
medical_costs_reimbursed HC-HLTH money yuan flow
medical_insurance_coverage HC-HLTH share percent rate
students_aided EDU-AID people person flow
education_aid_funds EDU-AID money yuan flow
dibao_people SOC-DIBAO people person stock
people_benefited SOC-DIBAO people person cumulative
poor_income_per_capita TGT-ID money yuan flow
poor_income_growth TGT-ID share_change percent change
"""
LABELS = {
    "poverty_incidence": ("贫困发生率", "Poverty incidence"),
    "poor_villages_exited": ("出列贫困村", "Poor villages exited"),
    "monitored_households": ("纳入监测户", "Households under monitoring"),
    "village_team_members": ("驻村工作队员", "Village work-team members"),
    "industry_projects": ("产业扶贫项目", "Industry projects"),
    "leading_enterprises": ("龙头企业", "Leading enterprises"),
    "cooperatives": ("农民专业合作社", "Farmer cooperatives"),
    "cattle_raised": ("养殖肉牛", "Beef cattle raised"),
    "herb_area": ("中药材种植面积", "Medicinal herbs planted"),
    "households_benefited_industry": ("产业带动贫困户", "Households lifted by industry"),
    "pv_capacity": ("光伏电站装机容量", "Solar PV capacity"),
    "pv_income": ("光伏发电收益", "Solar PV income"),
    "migrant_workers": ("转移就业贫困劳动力", "Poor workers placed in jobs"),
    "training_person_times": ("技能培训人次", "Skills training (person-times)"),
    "public_welfare_posts": ("公益岗位", "Public-welfare posts"),
    "microcredit_disbursed": ("发放小额信贷", "Microcredit disbursed"),
    "consumption_sales": ("消费扶贫销售额", "Consumption-aid sales"),
    "dilapidated_houses_renovated": ("危房改造", "Dilapidated houses renovated"),
    "housing_subsidy_per_household": ("户均危房改造补助", "Renovation subsidy per household"),
    "relocated_people": ("易地扶贫搬迁人口", "People relocated"),
    "drinking_water_households": ("解决饮水安全户数", "Households with safe water"),
    "drinking_water_central": ("集中供水户数", "Households on piped supply"),
    "drinking_water_dispersed": ("分散供水户数", "Households on dispersed supply"),
    "rural_roads_built": ("新建改建农村公路", "Rural roads built"),
    "medical_assistance_person_times": ("医疗救助人次", "Medical assistance (person-times)"),
    "medical_costs_reimbursed": ("报销医疗费用", "Medical costs reimbursed"),
    "medical_insurance_coverage": ("贫困人口参保率", "Health-insurance coverage"),
    "students_aided": ("资助贫困学生", "Students aided"),
    "education_aid_funds": ("教育资助资金", "Education aid funds"),
    "dibao_people": ("纳入低保贫困人口", "Poor people on dibao"),
    "people_benefited": ("受益群众", "People benefited"),
    "poor_income_per_capita": ("贫困人口人均纯收入", "Net income per poor person"),
    "poor_income_growth": ("贫困人口人均纯收入增长", "Growth of net income per poor person"),
}
INDICATORS = [
    Indicator(ind, *LABELS[ind], program, dimension, unit, kind)
    for ind, program, dimension, unit, kind in (
        line.split() for line in INDICATOR_TABLE.strip().splitlines()
    )
]


@dataclass(frozen=True)
class Template:
    """A clause holding one number: `{v}` is replaced by the printed number (the quote)."""

    indicator: str
    section: str
    clause: str
    unit: str  # as printed: 亿元, 户, %
    number: tuple[str, float, float]  # (int|dec1|dec2, low, high)
    qualifier: str = "exact"
    period: str = "year"  # year | date | upto (cumulative to the report date)


def _template(line: str) -> Template:
    """A Template from one line of TEMPLATE_TABLE."""
    ind, section, clause, unit, number, qualifier, period = line.split()
    kind, low, high = number.split(":")
    return Template(ind, section, clause, unit, (kind, float(low), float(high)), qualifier, period)


# indicator, section, clause ({v} = the number), unit as printed, number kind:low:high,
# qualifier, period kind
TEMPLATE_TABLE = """
poverty_incidence mechanisms 贫困发生率降至{v}% % dec2:0.11:2.99 exact date
poor_villages_exited mechanisms 全部{v}个贫困村顺利出列 个 int:5:90 exact upto
monitored_households safety-net 将{v}户脱贫不稳定户纳入监测 户 int:20:900 exact date
village_team_members mechanisms 选派驻村工作队员{v}名 名 int:30:600 exact date
industry_projects industry 实施产业扶贫项目{v}个 个 int:8:400 exact year
leading_enterprises industry 引进培育龙头企业{v}家 家 int:3:80 exact date
cooperatives industry 发展农民专业合作社{v}个 个 int:20:900 exact date
cattle_raised industry 带动贫困户养殖肉牛{v}头 头 int:300:30000 exact date
herb_area industry 种植中药材{v}亩 亩 int:500:90000 exact date
households_benefited_industry industry 带动{v}余户贫困户稳定增收 户 int:100:9000 more_than upto
pv_capacity industry 建成村级光伏电站装机容量{v}兆瓦 兆瓦 dec1:1.1:99.9 exact date
pv_income industry 实现光伏发电收益{v}万元 万元 dec1:10.1:2999.9 exact year
migrant_workers industry 转移就业贫困劳动力{v}人 人 int:200:20000 exact year
training_person_times industry 开展技能培训{v}人次 人次 int:100:30000 exact year
public_welfare_posts industry 开发公益岗位{v}个 个 int:50:5000 exact date
microcredit_disbursed industry 发放扶贫小额信贷{v}亿元 亿元 dec1:0.2:9.9 exact year
microcredit_disbursed industry 累计发放小额信贷{v}万元 万元 int:300:90000 exact upto
consumption_sales industry 销售扶贫产品{v}万元 万元 dec1:20.1:9999.9 exact year
dilapidated_houses_renovated livelihood 累计改造建档立卡贫困户危房{v}户 户 int:100:9000 exact upto
housing_subsidy_per_household livelihood 每户补助{v}万元 万元 range:1:5 range year
relocated_people livelihood 易地扶贫搬迁贫困人口{v}人 人 int:100:20000 exact upto
rural_roads_built livelihood 新建改建农村公路{v}公里 公里 dec1:5.1:999.9 exact year
medical_assistance_person_times livelihood 累计救助贫困患者{v}人次 人次 int:500:90000 exact upto
medical_costs_reimbursed livelihood 报销医疗费用{v}万元 万元 dec1:50.1:9999.9 exact year
medical_insurance_coverage livelihood 贫困人口参保率达到{v}%以上 % int:95:99 at_least date
students_aided livelihood 资助建档立卡贫困家庭学生{v}名 名 int:100:20000 exact year
education_aid_funds livelihood 发放教育资助资金{v}万元 万元 dec1:10.1:2999.9 exact year
dibao_people safety-net 将{v}名贫困人口纳入农村低保 名 int:100:9000 exact date
people_benefited safety-net 受益群众约{v}万人 万人 dec1:0.2:9.9 about upto
"""
TEMPLATES = [_template(line) for line in TEMPLATE_TABLE.strip().splitlines()]

LEADS = {
    "mechanisms": [
        "坚持精准扶贫精准脱贫基本方略",
        "压实各级包保责任",
        "层层签订责任书",
        "健全组织体系",
    ],
    "industry": ["围绕产业增收目标", "因地制宜发展特色产业", "依托各类扶贫资金", "坚持以工代赈"],
    "livelihood": ["严格对照标准逐户核查", "聚焦突出问题", "补齐基础设施短板", "统筹整合涉农资金"],
    "safety-net": ["健全防止返贫动态监测机制", "强化兜底保障", "坚持应保尽保", "织密社会保障网"],
}
TAILS = ["取得明显成效", "群众满意度不断提升", "为巩固脱贫成果打下坚实基础", "实现应享尽享", ""]
FILLER = [
    "各乡镇结合实际制定了工作方案，定期召开调度会议，及时研究解决工作中遇到的困难和问题。",
    "驻村工作队与帮扶责任人深入农户家中，宣讲扶贫政策，帮助贫困群众理清发展思路。",
    "相关部门加强资金监管，严格执行公告公示制度，确保扶贫资金安全高效使用。",
    "群众的获得感、幸福感、安全感明显增强，干群关系更加密切。",
    "坚持扶贫与扶志扶智相结合，激发贫困群众内生动力，营造了比学赶超的良好氛围。",
    "各级干部主动担当作为，把脱贫攻坚作为最大的政治任务和第一民生工程来抓。",
]
STRUCTURE = ["强化三个排查", "创新两项举措", "狠抓五类帮扶"]  # Chinese-numeral headings, no digits


@dataclass
class Report:
    """One generated source: its text, its observations (as YAML lines) and exclusions."""

    id: str
    place: str
    published: str
    title: str
    text: str = ""
    observations: list[str] = field(default_factory=list)
    exclusions: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _bi(zh: str, en: str) -> str:
    return f"{{zh: {_q(zh)}, en: {_q(en)}}}"


def _number(rng: random.Random, kind: str, low: float, high: float) -> str:
    """A printed number with no trailing zero after the point (5.9, 0.35, 948)."""
    if kind == "int":
        return str(rng.randint(int(low), int(high)))
    places = 1 if kind == "dec1" else 2
    step = 10**places
    while True:
        n = rng.randint(int(low * step), int(high * step))
        if n % 10:
            whole, frac = divmod(n, step)
            return f"{whole}.{frac:0{places}d}"


def _place_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` distinct (zh, en) county names of two name characters (three when needed)."""
    chars = [(c[0], c[1:]) for c in NAME_CHARS]
    pairs = [(a, b) for a in chars for b in chars if a[0] != b[0]]
    rng.shuffle(pairs)
    names = []
    for i in range(count):
        (a, pa), (b, pb) = pairs[i % len(pairs)]
        zh, en = a + b, (pa + pb).capitalize()
        if i >= len(pairs):  # more places than pairs: add a third character
            c, pc = chars[(i // len(pairs) - 1) % len(chars)]
            zh, en = zh + c, en + pc
        names.append((zh + "县", f"{en} County"))
    return names


def _period(kind: str, year: int, published: str) -> str:
    if kind == "year":
        return str(year)
    if kind == "upto":  # cumulative up to the report's date
        return f"..{published}"
    return f"{year}-12-31"


class _Writer:
    """Builds one report's text sentence by sentence, with its observations and exclusions."""

    def __init__(self, rng: random.Random, report: Report, year: int) -> None:
        self.rng = rng
        self.report = report
        self.year = year
        self.parts: list[str] = []
        self.quotes: set[str] = set()
        self.n = 0

    def is_new(self, clause: str) -> bool:
        """True when the clause neither holds nor lies inside a quote of this report."""
        return not any(clause in q or q in clause for q in self.quotes)

    def observation(self, tpl: Template, scope: tuple[str, str] | None = None) -> str:
        """The clause of one observation (its quote); the YAML entry is recorded."""
        kind, low, high = tpl.number
        value_max = None
        for _ in range(50):  # redraw until the quote is new in this report
            if kind == "range":
                a = self.rng.randint(int(low), int(high) - 1)
                b = self.rng.randint(a + 1, int(high))
                printed, value, value_max = f"{a}至{b}", str(a), str(b)
            else:
                printed = value = _number(self.rng, kind, low, high)
            clause = tpl.clause.format(v=printed)
            if scope is not None:
                clause = scope[0] + clause
            if self.is_new(clause):
                break
        self.quotes.add(clause)
        self.n += 1
        r = self.report
        lines = [
            f"  - id: {r.id}-o{self.n:03d}",
            f"    indicator: {tpl.indicator}",
            f"    place: {r.place}",
            f"    section: {tpl.section}",
            f'    period: "{_period(tpl.period, self.year, r.published)}"',
            f"    value: {value}",
            f"    unit: {_q(tpl.unit)}",
        ]
        if tpl.qualifier != "exact":
            lines.append(f"    qualifier: {tpl.qualifier}")
        if value_max is not None:
            lines.append(f"    value_max: {value_max}")
        lines.append(f"    quote: {_q(clause)}")
        if scope is not None:
            lines.append(f"    scope: {_bi(*scope)}")
        r.observations.append("\n".join(lines))
        return clause

    def custom(
        self,
        indicator: str,
        section: str,
        clause: str,
        value: str,
        unit: str,
        period: str,
    ) -> str:
        """An observation whose clause the caller built (cross-check operands); returns its id."""
        self.quotes.add(clause)
        self.n += 1
        oid = f"{self.report.id}-o{self.n:03d}"
        self.report.observations.append(
            "\n".join(
                [
                    f"  - id: {oid}",
                    f"    indicator: {indicator}",
                    f"    place: {self.report.place}",
                    f"    section: {section}",
                    f'    period: "{period}"',
                    f"    value: {value}",
                    f"    unit: {_q(unit)}",
                    f"    quote: {_q(clause)}",
                ]
            )
        )
        return oid

    def exclusion(self, text: str, kind: str, reason: str, quote: str | None = None) -> None:
        """An exclusion located by its quote (or everywhere when quote is None)."""
        where = "everywhere: true" if quote is None else f"quote: {_q(quote)}"
        self.report.exclusions.append(
            f"  - {{text: {_q(text)}, {where}, kind: {kind}, reason: {_q(reason)}}}"
        )


def _build_report(
    rng: random.Random,
    report: Report,
    year: int,
    n_obs: int,
    place_zh: str,
    towns: list[tuple[str, str]],
) -> None:
    """Fill one report's text, observations, exclusions and checks (n_obs observations)."""
    w = _Writer(rng, report, year)
    reporter = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
    pub_y, pub_m, pub_d = report.published.split("-")
    dateline = f"{int(pub_y)}年{int(pub_m)}月{int(pub_d)}日"
    w.parts.append(f"{report.title}\n——{place_zh}脱贫攻坚工作纪实\n记者 {reporter}\n")
    w.parts.append(f"日期:{dateline} 来源:吉林农村报\n\n")
    w.exclusion(f"{int(pub_m)}月{int(pub_d)}日", "date", "publication date", f"日期:{dateline}")
    system = f"{rng.randint(2, 9)}{rng.randint(1, 9)}{rng.randint(1, 9)}"
    w.parts.append(
        f"{year}年以来，{place_zh}聚力构建“{system}”工作体系，"
        f"把巩固脱贫成果作为头等大事来抓。{rng.choice(FILLER)}\n\n"
    )
    w.exclusion(system, "name", "name of the county's work system", f"聚力构建“{system}”工作体系")
    by_section: dict[str, list[Template]] = {}
    for tpl in TEMPLATES:
        by_section.setdefault(tpl.section, []).append(tpl)
    # the two cross-checks use 6 observations; the rest are spread over the templates
    checked = n_obs >= CHECK_OBS
    plain = n_obs - CHECK_OBS if checked else n_obs
    chosen: list[tuple[Template, tuple[str, str] | None]] = []
    for i in range(plain):
        tpl = TEMPLATES[i % len(TEMPLATES)]
        scope = None
        if i >= len(TEMPLATES):  # repeats are township figures (scope names the township)
            town = towns[(i // len(TEMPLATES) - 1) % len(towns)]
            scope = (f"{town[0]}镇", f"{town[1]} township")
        chosen.append((tpl, scope))
    rng.shuffle(chosen)
    doc = rng.randint(2, 99)
    for s_index, (section, zh, _en) in enumerate(SECTIONS):
        heading = zh if s_index != 3 else f"{zh} {rng.choice(STRUCTURE)}"
        w.parts.append(f"{heading}\n\n")
        in_section = [c for c in chosen if c[0].section == section]
        para: list[str] = []
        for k, (tpl, scope) in enumerate(in_section):
            lead = rng.choice(LEADS[section])
            tail = rng.choice(TAILS)
            clause = w.observation(tpl, scope)
            sentence = f"{lead}，{clause}" + (f"，{tail}。" if tail else "。")
            if k % 4 == 0 and rng.random() < 0.5:
                sentence = f"{year}年，" + sentence
            para.append(sentence)
            if rng.random() < 0.6:  # about 65 characters per observation, as in data/texts
                para.append(rng.choice(FILLER))
            if len(para) >= 4:
                w.parts.append("".join(para) + "\n\n")
                para = []
        if section == "livelihood" and checked:
            para.append(_water_check(w, rng, year))
        if section == "industry" and checked:
            para.append(_income_check(w, rng, year))
        if section == "mechanisms":
            quote = f"根据县政办发〔{year}〕{doc}号文件要求"
            para.append(f"{quote}，建立了县乡村三级责任体系。")
            w.exclusion(f"县政办发〔{year}〕{doc}号", "document", "document number", quote)
        if para:
            w.parts.append("".join(para) + "\n\n")
    phone = f"0435-{rng.randint(1000000, 9999999)}"
    w.parts.append(f"扶贫政策咨询电话:{phone}\n")
    w.exclusion(phone, "phone", "the help line", f"扶贫政策咨询电话:{phone}")
    text = "".join(w.parts)
    repeated = [q for q in w.quotes if text.count(q) != 1]
    if repeated:  # a generator bug: check would report ambiguous quotes
        raise AssertionError(f"{report.id}: quotes not unique in the text: {repeated[:3]}")
    for y in range(1990, 2050):
        if f"{y}年" in text:
            w.exclusion(f"{y}年", "date", "a year, not a count")
    report.text = text


def _water_check(w: _Writer, rng: random.Random, year: int) -> str:
    """A sum cross-check: piped + dispersed households = households with safe water."""
    a, b = rng.randint(100, 5000), rng.randint(20, 900)
    period = f"..{w.report.published}"
    total_q = f"共解决{a + b}户贫困群众饮水安全问题"
    total = w.custom("drinking_water_households", "livelihood", total_q, str(a + b), "户", period)
    part_a = w.custom(
        "drinking_water_central", "livelihood", f"集中供水{a}户", str(a), "户", period
    )
    part_b = w.custom(
        "drinking_water_dispersed", "livelihood", f"分散供水{b}户", str(b), "户", period
    )
    w.report.checks.append(
        f"  - id: {w.report.id}-water-sum\n    kind: sum\n    parts: [{part_a}, {part_b}]\n"
        f"    total: {total}"
    )
    return f"{total_q}，其中集中供水{a}户、分散供水{b}户。"


def _income_check(w: _Writer, rng: random.Random, year: int) -> str:
    """A growth cross-check: income in the first and last year and the stated growth in %."""
    first = year - 3
    a = rng.randint(2500, 5000)
    b = a + rng.randint(300, 6000)
    growth = f"{(b / a - 1) * 100:.1f}"
    q1 = f"贫困人口人均纯收入由{first}年的{a}元"
    q2 = f"增长到{year}年的{b}元"
    q3 = f"累计增长{growth}%"
    o1 = w.custom("poor_income_per_capita", "industry", q1, str(a), "元", str(first))
    o2 = w.custom("poor_income_per_capita", "industry", q2, str(b), "元", str(year))
    o3 = w.custom("poor_income_growth", "industry", q3, growth, "%", f"{first}..{year}")
    w.report.checks.append(
        f"  - id: {w.report.id}-income-growth\n    kind: growth\n    from: {o1}\n    to: {o2}\n"
        f"    stated: {o3}"
    )
    return f"{q1}{q2}，{q3}。"


def _places_yaml(rng: random.Random, places: list[tuple[str, str, str]]) -> str:
    lines = [
        "# Synthetic places (bench/generate.py); denominators cite a synthetic statistics page.",
        "places:",
        "  - id: synth-province",
        f"    name: {_bi('合成省', 'Synthetic Province')}",
        "    level: province",
        "    parent: null",
        '    code: "990000"',
        "    denominators: []",
    ]
    cite = _q("stats.example/synthetic (合成统计公报)")
    for i, (pid, zh, en) in enumerate(places, start=1):
        people = rng.randint(80000, 900000)
        villages = rng.randint(60, 400)
        households = rng.randint(1000, 20000)
        lines += [
            f"  - id: {pid}",
            f"    name: {_bi(zh, en)}",
            "    level: county",
            "    parent: synth-province",
            f'    code: "99{i:04d}"',
            "    denominators:",
            "      - kind: census_resident",
            f"        value: {people}",
            "        unit: 人",
            "        year: 2020",
            f"        source: {cite}",
            f"        quote: {_q(f'全县常住人口为{people}人')}",
            "        confidence: high",
            "      - kind: admin_villages",
            f"        value: {villages}",
            "        unit: 个",
            "        year: 2020",
            f"        source: {cite}",
            f"        quote: {_q(f'全县共有{villages}个行政村')}",
            "        confidence: high",
            "      - kind: registered_poor_households",
            f"        value: {households}",
            "        unit: 户",
            "        year: 2020",
            f"        source: {cite}",
            f"        quote: {_q(f'建档立卡贫困户{households}户')}",
            "        confidence: medium",
        ]
    return "\n".join(lines) + "\n"


def _programs_yaml() -> str:
    lines = ["framework:"]
    for cid, zh, en in FRAMEWORK:
        lines += [f"  - id: {cid}", f"    name: {_bi(zh, en)}"]
    lines.append("groups:")
    for gid, zh, en, programs in GROUPS:
        lines += [f"  - id: {gid}", f"    name: {_bi(zh, en)}", "    programs:"]
        for pid, pzh, pen, cell, keyword in programs:
            lines += [
                f"      - id: {pid}",
                f"        name: {_bi(pzh, pen)}",
                f"        framework: {cell}",
                f"        keywords: [{_q(keyword)}]",
            ]
    return "\n".join(lines) + "\n"


def _indicators_yaml() -> str:
    lines = ["indicators:"]
    for ind in INDICATORS:
        lines += [
            f"  - id: {ind.id}",
            f"    label: {_bi(ind.zh, ind.en)}",
            f"    program: {ind.program}",
            f"    dimension: {ind.dimension}",
            f"    unit: {_q(ind.unit)}",
            f"    kind: {ind.kind}",
            f"    definition: {_bi(ind.zh, ind.en)}",
        ]
    return "\n".join(lines) + "\n"


def _source_entry(report: Report, digest: str) -> str:
    lines = [
        f"  - id: {report.id}",
        f"    title: {_bi(report.title, f'Synthetic report {report.id}')}",
        f"    publisher: {_bi('吉林农村报', 'Jilin Rural Daily')}",
        f'    published: "{report.published}"',
        f"    places: [{report.place}]",
        f"    text: texts/{report.id}.txt",
        f"    sha256: {digest}",
        "    framework:",
        f"      name: {_bi('四大板块', 'Four pillars')}",
        "      sections:",
    ]
    for sid, zh, en in SECTIONS:
        lines += [f"        - id: {sid}", f"          name: {_bi(zh, en)}"]
    return "\n".join(lines)


def generate(
    root: Path,
    places: int,
    obs_per_place: int = 150,
    seed: int = 0,
    reports_per_place: int = REPORTS_PER_PLACE,
) -> Path:
    """Write a complete data folder of `places` counties under root; returns root.

    Each place gets `reports_per_place` reports sharing `obs_per_place` observations between
    them; a report with at least 6 also states two cross-checks (a sum and a growth).
    """
    if places < 1 or obs_per_place < 1 or reports_per_place < 1:
        raise ValueError("places, obs_per_place and reports_per_place must be at least 1")
    root = Path(root)
    (root / "texts").mkdir(parents=True, exist_ok=True)
    (root / "observations").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    names = _place_names(rng, places)
    place_rows = [(f"county-{i:04d}", zh, en) for i, (zh, en) in enumerate(names, start=1)]
    (root / "places.yaml").write_text(_places_yaml(rng, place_rows), encoding="utf-8")
    (root / "programs.yaml").write_text(_programs_yaml(), encoding="utf-8")
    (root / "indicators.yaml").write_text(_indicators_yaml(), encoding="utf-8")
    town_chars = [(c[0], c[1:]) for c in NAME_CHARS]
    sources = ["sources:"]
    for pid, zh, _en in place_rows:
        towns = [
            (a[0] + b[0], (a[1] + b[1]).capitalize())
            for a, b in (rng.sample(town_chars, 2) for _ in range(6))
        ]
        per_report = [obs_per_place // reports_per_place] * reports_per_place
        for k in range(obs_per_place % reports_per_place):
            per_report[k] += 1
        for k, n_obs in enumerate(per_report):
            year = FIRST_YEAR + k % 5
            published = f"{year + 1}-{rng.randint(1, 6):02d}-{rng.randint(10, 28):02d}"
            title = f"{zh}{rng.choice(['绘就乡村新画卷', '决战决胜脱贫攻坚', '奋力书写脱贫答卷'])}"
            report = Report(f"{pid}-r{k + 1}", pid, published, title)
            _build_report(rng, report, year, n_obs, zh, towns)
            data = report.text.encode("utf-8")
            (root / "texts" / f"{report.id}.txt").write_bytes(data)
            sources.append(_source_entry(report, hashlib.sha256(data).hexdigest()))
            body = [f"source: {report.id}", "observations:", *report.observations]
            body += ["exclusions:", *report.exclusions] if report.exclusions else []
            body += ["checks:", *report.checks] if report.checks else []
            (root / "observations" / f"{report.id}.yaml").write_text(
                "\n".join(body) + "\n", encoding="utf-8"
            )
    (root / "sources.yaml").write_text("\n".join(sources) + "\n", encoding="utf-8")
    return root


# The team-written curation reports (tests/fixtures/curation): fictional places, written in the
# style of a county work report and a city newspaper record; never a published text.
CURATION = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "curation"
_DIGITS = re.compile(r"\d+")


def _raised(match: re.Match[str], step: int) -> str:
    """A number of the text raised by `step`."""
    return str(int(match.group()) + step)


def long_report(chars: int = 10_000) -> str:
    """A report of at least `chars` characters for the draft benchmark: the paragraphs of the
    team's two curation reports in turn, their numbers raised by the round each time round, so
    that no figure repeats an earlier one; cut after the paragraph that passes `chars`."""
    paragraphs = []
    for name in ("qingxi-2023-01.txt", "wangchuan-2022-01-18.txt"):
        text = (CURATION / name).read_text(encoding="utf-8")
        paragraphs += [p for p in text.split("\n\n") if p.strip()]
    out: list[str] = []
    size, round_ = 0, 0
    while size < chars:
        for paragraph in paragraphs:
            varied = _DIGITS.sub(functools.partial(_raised, step=round_ * 7), paragraph)
            out.append(varied)
            size += len(varied) + 2
            if size >= chars:
                break
        round_ += 1
    return "\n\n".join(out) + "\n"
