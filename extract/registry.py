"""The registry of `extract` as plain tables: units, classifiers, counted things, qualifiers, names.

Everything the scanner recognises by word lives here, so a new unit or slogan is a data edit, not a
code branch. Factors are strings so that every conversion stays exact in Decimal. Words are written
in simplified script only: traditional text is folded to it first (extract.traditional).
"""

from __future__ import annotations

from extract.quantity import Qualifier

# Magnitude words that may stand between a number and its unit; their product scales the unit
# (亿元 = 亿 x 元). Longest first so that 万亿 wins over 万.
MAGNITUDES: dict[str, str] = {
    "万亿": "1000000000000",
    "千亿": "100000000000",
    "百亿": "10000000000",
    "千万": "10000000",
    "百万": "1000000",
    "十万": "100000",
    "亿": "100000000",
    "万": "10000",
    "千": "1000",
    "百": "100",
}

# Units and classifiers: surface -> (canonical code, factor to the canonical unit, dimension).
# A code "count" is named later from the counted noun (count:village ...), see CLASSIFIER_THINGS.
UNIT_TABLE: dict[str, tuple[str, str, str]] = {
    # money
    "元": ("yuan", "1", "money"),
    "人民币": ("yuan", "1", "money"),
    "元人民币": ("yuan", "1", "money"),
    "块钱": ("yuan", "1", "money"),  # speech: 能赚8万块钱
    # people, households, person-times
    "人": ("person", "1", "people"),
    "名": ("person", "1", "people"),
    "位": ("person", "1", "people"),
    "户": ("household", "1", "households"),
    "人次": ("person_time", "1", "person_times"),
    "口人": ("person", "1", "people"),  # 一家3口人
    # shares
    "%": ("percent", "1", "share"),
    "％": ("percent", "1", "share"),
    "成": ("tenths", "1", "share"),  # 七成 = 7 tenths, as printed (70 %)
    # 折 counts tenths of a price (九折 = 90 %); a two-digit 75折 is a percent (see scanner).
    "折": ("percent", "10", "share"),
    "个百分点": ("percent_point", "1", "share_change"),
    "百分点": ("percent_point", "1", "share_change"),
    # power and energy (兆瓦 is mega-watt here, never 10^12)
    "千瓦": ("kW", "1", "power"),
    "兆瓦": ("kW", "1000", "power"),
    "kW": ("kW", "1", "power"),
    "KW": ("kW", "1", "power"),
    "kw": ("kW", "1", "power"),
    "MW": ("kW", "1000", "power"),
    "度": ("kWh", "1", "energy"),
    "千瓦时": ("kWh", "1", "energy"),
    "kWh": ("kWh", "1", "energy"),
    "千瓦·时": ("kWh", "1", "energy"),
    # mass: tonnes stay tonnes, smaller weights go to kg
    "吨": ("t", "1", "mass"),
    "t": ("t", "1", "mass"),
    "公斤": ("kg", "1", "mass"),
    "千克": ("kg", "1", "mass"),
    "kg": ("kg", "1", "mass"),
    "斤": ("kg", "0.5", "mass"),
    "克": ("kg", "0.001", "mass"),
    "毫克": ("kg", "0.000001", "mass"),
    "微克": ("kg", "0.000000001", "mass"),
    # area
    "平方公里": ("km2", "1", "area"),
    "平方千米": ("km2", "1", "area"),
    "km2": ("km2", "1", "area"),
    "km²": ("km2", "1", "area"),
    "平方米": ("km2", "0.000001", "area"),
    "公顷": ("km2", "0.01", "area"),
    "亩": ("mu", "1", "area"),
    # length
    "公里": ("km", "1", "length"),
    "千米": ("km", "1", "length"),
    "km": ("km", "1", "length"),
    "米": ("km", "0.001", "length"),
    "m": ("km", "0.001", "length"),
    "厘米": ("km", "0.00001", "length"),
    "公分": ("km", "0.00001", "length"),
    "cm": ("km", "0.00001", "length"),
    "CM": ("km", "0.00001", "length"),
    # volume
    "立方米": ("m3", "1", "volume"),
    "m3": ("m3", "1", "volume"),
    "m³": ("m3", "1", "volume"),
    # livestock
    "头": ("head", "1", "livestock"),
    "只": ("head", "1", "livestock"),
    # durations (两年 and 3年 are read by the scanner: a bare 年 is a date far more often)
    "个月": ("duration:month", "1", "duration"),
    "年": ("duration:year", "1", "duration"),  # never after a year number (see DURATION_YEAR_*)
    "天": ("duration:day", "1", "duration"),
    # times
    "倍": ("times", "1", "times"),
    "次": ("times", "1", "times"),
    # counting classifiers (the thing is named from the noun, see below)
    "个": ("count", "1", "count"),
    "座": ("count", "1", "count"),
    "处": ("count", "1", "count"),
    "项": ("count", "1", "count"),
    "条": ("count", "1", "count"),
    "辆": ("count", "1", "count"),
    "台": ("count", "1", "count"),
    "支": ("count", "1", "count"),
    "份": ("count", "1", "count"),
    "栋": ("count", "1", "count"),
    "所": ("count", "1", "count"),
    "家": ("count", "1", "count"),
    "种": ("count", "1", "count"),
    "笔": ("count", "1", "count"),
    "轮": ("count", "1", "count"),
    "期": ("count", "1", "count"),
    "套": ("count", "1", "count"),
    "间": ("count", "1", "count"),
    "眼": ("count", "1", "count"),
    "件": ("count", "1", "count"),
    "场": ("count", "1", "count"),
    "批": ("count", "1", "count"),
    "场次": ("count", "1", "count"),
    "张": ("count", "1", "count"),
    "盏": ("count", "1", "count"),
    "顶": ("count", "1", "count"),
    "袋": ("count", "1", "count"),
    "枝": ("count", "1", "count"),
    "口": ("count", "1", "count"),  # 机井1200口; 3口人 is person (口人 above)
    "株": ("count", "1", "count"),
    "箱": ("count", "1", "count"),
    "棵": ("count", "1", "count"),
}

# Denominators of rates per unit (3万元/户 -> yuan_per:household): what follows the slash after
# a unit, and the thing it names. The rate's code is <numerator code>_per:<thing>.
RATE_DENOMINATORS: dict[str, tuple[str, str]] = {
    # surface: (thing, its size in the thing's unit): 5元/斤 = 10 yuan_per:kg
    "人": ("person", "1"),
    "户": ("household", "1"),
    "人次": ("person_time", "1"),
    "公斤": ("kg", "1"),
    "千克": ("kg", "1"),
    "kg": ("kg", "1"),
    "斤": ("kg", "0.5"),
    "吨": ("t", "1"),
    "亩": ("mu", "1"),
    "公里": ("km", "1"),
    "千米": ("km", "1"),
    "km": ("km", "1"),
    "米": ("km", "0.001"),
    "平方米": ("m2", "1"),
    "村": ("village", "1"),
    "年": ("year", "1"),
    "月": ("month", "1"),
    "天": ("day", "1"),
    "日": ("day", "1"),
    "头": ("head", "1"),
}

# Units that need a number printed directly before them: a line break between the number and
# these would more likely be a new word (度 of 度春节, m of a Latin word).
NO_GAP_UNITS: frozenset[str] = frozenset(
    {"度", "成", "t", "m", "kg", "km", "cm", "CM", "kW", "KW", "kw", "MW", "kWh", "km2", "m3"}
    | {"年", "天"}
)

# 年 counts years only after a small number (3年, 两年, 连续5年); 2021年 is a date. Words after
# it that make N年 a point in time or something else (五年前, 3年级, 2年制), not a duration.
DURATION_YEAR_MAX = 100
DURATION_NOT_PREFIX = "近"  # 近五年年均增长9.6%, 近两年持续: the recent years, a period
DURATION_NOT_AFTER: tuple[str, ...] = (
    "前", "后", "以前", "以后", "底", "初", "末", "度", "级", "代", "份", "龄", "届", "制", "生",
)  # fmt: skip

# A rank is 第 + numeral (+ 名 or 位) after one of these words (综合排名第3, 位居全省第一,
# 全区第2名); any other 第 is an ordinal (第一书记, 第二轮). The numbers after these are ranks too.
RANK_BEFORE: tuple[str, ...] = (
    "排名", "排在", "排", "位居", "位列", "名列", "居", "列", "全省", "全市", "全区", "全州",
    "全国", "全县", "全盟", "县级", "市级", "省级", "同类",
)  # fmt: skip
RANK_UNITS: tuple[str, ...] = ("名", "位")  # 第2名, 第二位: part of the rank
RANK_NOT_BEFORE: tuple[str, ...] = (
    "书记", "批", "次", "届", "期", "轮", "步", "个", "年", "方阵", "等次", "梯队", "档", "类",
)  # fmt: skip
# 前进3位, 上升2位: places moved in a ranking, not people.
RANK_MOVES: tuple[str, ...] = ("前进", "上升", "提升", "后退", "下降", "进位")

# Fractions: 三分之一 (value 1 over 3), 一半 (1 over 2). 百分之/千分之/万分之 are percents.
FRACTION_MARK = "分之"
HALF = "半"

# Suffix qualifiers that only follow some units (3倍多, 一倍多: more than).
UNIT_SUFFIX_QUALIFIERS: dict[str, dict[str, str]] = {"倍": {"多": "more_than"}}

# Units that open with a magnitude character: 千瓦 is kilowatt, not 千 x 瓦.
# (Derived at import time from UNIT_TABLE; listed here only as the reason for the longest match.)

# Prefix units written before the number: 百分之五十 = 50 %.
PREFIX_UNITS: dict[str, tuple[str, str, str]] = {
    "百分之": ("percent", "1", "share"),
    "佰分之": ("percent", "1", "share"),
    "千分之": ("percent", "0.1", "share"),
    "仟分之": ("percent", "0.1", "share"),
    "万分之": ("percent", "0.01", "share"),
    "百万分之": ("percent", "0.0001", "share"),
    "千万分之": ("percent", "0.00001", "share"),
    "万万分之": ("percent", "0.000001", "share"),
    "百万万分之": ("percent", "0.00000001", "share"),
}

# Money written as 元 + 角 + 分 (50元6角三分 = 50.63 元): the sub-units and their factor.
MONEY_SUBUNITS: dict[str, str] = {"角": "0.1", "毛": "0.1", "分": "0.01"}

# Nouns naming a household, written between a magnitude and 户 (7.8万脱贫户): unit_text stays 万户.
HOUSEHOLD_NOUNS: tuple[str, ...] = (
    "建档立卡贫困",
    "建档立卡",
    "脱贫",
    "贫困",
    "低保",
    "困难",
    "监测",
    "农",
)

# A bare 万 or 亿 (总人口30万, 1.2万群众, 一年能挣10来万) takes the unit its words give: a noun
# just before the number (link words such as 约 达到 有 allowed), a noun just after it (after
# these modifiers), or a verb of earning before it.
BARE_MAGNITUDES: frozenset[str] = frozenset({"万", "亿", "千万", "百万", "十万"})
BARE_NOUNS_BEFORE: dict[str, str] = {
    "人口": "person",
    "人员": "person",
    "劳动力": "person",
    "群众": "person",
    "农民": "person",
    "居民": "person",
    "人数": "person",
    "户": "household",  # 农户, 种植户, 脱贫户 ...
    "户数": "household",
}
BARE_NOUNS_AFTER: dict[str, str] = {
    "人口": "person",
    "群众": "person",
    "农民": "person",
    "劳动力": "person",
    "居民": "person",
    "人": "person",
}
BARE_MODIFIERS: tuple[str, ...] = ("建档立卡", "贫困", "脱贫", "农村", "低收入", "城乡", "困难")
BARE_MONEY_BEFORE: tuple[str, ...] = ("挣了", "赚了", "挣", "赚", "收入", "分红", "增收")
BARE_LINKS: tuple[str, ...] = (
    "保持在", "达到", "超过", "约", "近", "为", "达", "有", "是", "共", "能",
)  # fmt: skip

# Classifiers whose thing is fixed by the word itself, whatever the noun.
CLASSIFIER_THINGS: dict[str, str] = {
    "轮": "round",
    "期": "phase",
    "辆": "vehicle",
    "处": "site",
}

# Nouns that name the counted thing, for count classifiers (and 户 when it counts firms): the
# noun phrase after the classifier (36支驻村工作队 -> team: its last noun, the head) or the noun
# just before the number (产业扶贫项目11个 -> project). A noun naming no thing of the list maps to
# "" (培训班56期 is a plain count, not phase). One-character nouns are weak (WEAK_NOUNS).
THING_NOUNS: dict[str, str] = {
    # places
    "行政村": "village",
    "贫困村": "village",
    "专业村": "village",
    "重点村": "village",
    "脱贫村": "village",
    "示范村": "village",
    "节点村": "village",
    "自然村": "village",
    "新村": "village",
    "村寨": "village",
    "村": "village",
    "乡镇": "township",
    "街道": "subdistrict",
    "县(市、区)": "county",
    "贫困县": "county",
    "重点县": "county",
    "县": "county",
    "部门": "department",
    # projects, firms, teams
    "项目": "project",
    "工程": "project",
    "企业": "enterprise",
    "龙头企业": "enterprise",
    "合作社": "cooperative",
    "公司": "company",
    "工作队": "team",
    "服务队": "team",
    "医疗队": "team",
    "演出队": "team",
    "团队": "team",
    "工作组": "group",
    "推进组": "group",
    "小组": "group",
    # sites and buildings
    "电站": "station",
    "服务站": "station",
    "提灌站": "station",
    "基站": "base_station",
    "基地": "base",
    "公益岗位": "post",
    "公益岗": "post",
    "岗位": "post",
    "岗": "post",
    "学校": "school",
    "小学": "school",
    "中学": "school",
    "幼儿园": "school",
    "车间": "workshop",
    "家庭农场": "farm",
    "农场": "farm",
    "养殖场": "farm",
    "线路": "route",
    "卫生室": "clinic",
    "卫生院": "clinic",
    "产业园": "park",
    "园区": "park",
    "大棚": "greenhouse",
    "暖棚": "greenhouse",
    "温室": "greenhouse",
    "安置点": "site",
    "安置区": "site",
    "安置社区": "site",
    "配送点": "site",
    "道路": "road",
    "桥梁": "bridge",
    "改桥": "bridge",
    "桥": "bridge",
    "机井": "well",
    "贷款": "loan",
    # records, problems, vehicles
    "信息": "record",
    "风险隐患点": "risk_point",
    "隐患点": "risk_point",
    "问题": "problem",
    "用药": "drug",
    "药品": "drug",
    "客车": "vehicle",
    "车辆": "vehicle",
    # nouns that count something else: a plain count
    "培训班": "",
    "单位": "",
    "活动室": "",
    "冷库": "",
    "重点": "",
    "百分点": "",
    "工厂": "",
    "招聘会": "",
    "资料": "",
}
# One-character nouns are more often modifiers (村级, 驻村, 县域): after a classifier they name the
# thing only right after it and when no modifier character follows (12个村, not 3个村级活动室).
WEAK_NOUN_MODIFIERS: frozenset[str] = frozenset("级民集干党委组域城内里")
# Words that end the noun phrase after a classifier: its verb (36支工作队包村联户: not village).
PHRASE_VERBS: tuple[str, ...] = (
    "包",
    "联系",
    "联",
    "带动",
    "吸纳",
    "覆盖",
    "开展",
    "帮助",
    "惠及",
    "走",
    "深入",
    "参与",
    "参加",
    "解决",
    "实现",
    "完成",
    "落实",
    "入驻",
    "进驻",
    "结对",
)
# A noun joined to another before the number (企业和合作社达到312家) counts both: a plain count.
THING_JOINERS: frozenset[str] = frozenset("和与及")
# The last character of a noun phrase that names its thing when no listed noun does
# (“马背宣讲队” -> team, 污水处理站 -> station, 乡村振兴示范点 -> site).
THING_SUFFIXES: dict[str, str] = {"队": "team", "站": "station", "点": "site"}
# Before the number, the noun is never searched beyond a verb in the perfect (8个乡镇组建了21个).
THING_BEFORE_STOPS: frozenset[str] = frozenset("了")

# Words that may stand between the noun before a number and the number (合作社总数达到96家).
LINK_WORDS: tuple[str, ...] = (
    "总数达到",
    "数量达到",
    "总数达",
    "达到",
    "总数",
    "数量",
    "共计",
    "合计",
    "增至",
    "共",
    "达",
    "为",
    "有",
)

# For 户, only these things override the household reading (252户带户龙头企业 counts firms).
HOUSEHOLD_OVERRIDES: frozenset[str] = frozenset({"enterprise", "cooperative"})

# Qualifier words. Prefixes stand before the number, infixes between number and magnitude/unit,
# suffixes after the unit. Longest first inside each table.
PREFIX_QUALIFIERS: dict[str, Qualifier] = {
    "不超过": "at_most",
    "不高于": "at_most",
    "不多于": "at_most",
    "不大于": "at_most",
    "不少于": "at_least",
    "不低于": "at_least",
    "不小于": "at_least",
    "大约": "about",
    "将近": "about",
    "接近": "about",
    "约": "about",
    "近": "about",
    "超过": "more_than",
    "突破": "more_than",
    "多于": "more_than",
    "高于": "more_than",
    "逾": "more_than",
    "超": "more_than",
    "至少": "at_least",
    "最多": "at_most",
    "不足": "less_than",
    "不到": "less_than",
    "少于": "less_than",
    "低于": "less_than",
}
# Words that end in a prefix qualifier but mean something else (预约40余笔 is not 约40).
PREFIX_BLOCKERS: tuple[str, ...] = (
    "预约",
    "节约",
    "签约",
    "合约",
    "制约",
    "契约",
    "附近",
    "最近",
    "临近",
    "靠近",
    "赶超",
)
INFIX_QUALIFIERS: dict[str, Qualifier] = {
    "余": "more_than",
    "多": "more_than",
    "几": "more_than",
    "来": "about",  # 十来个, 10来万
}
SUFFIX_QUALIFIERS: dict[str, Qualifier] = {
    "以上": "at_least",
    "以下": "at_most",
    "以内": "at_most",
    "左右": "about",
    "上下": "about",
}

# Words joining the two ends of a range (1至2名, 3-5万元).
RANGE_JOINERS: tuple[str, ...] = ("——", "至", "到", "-", "－", "~", "～", "—", "–")
# Two neighbouring Chinese digits make an approximate range, side by side or with 、 between
# (五六万元 = 5万-6万元, 二、三百万元 = 200万-300万元); the first shares the second's magnitude.
APPROXIMATE_RANGE_MARK = "、"

# Labels (extract.labels): the words that say what a figure counts. Words before the number that
# name nothing by themselves: a place (全县, 东乡县), a verb that brings in the figure (组建,
# 带动), or a link (其中, 共有). When only these stand before a number, the words after it do.
LABEL_PLACE_SUFFIXES: str = "县市州区省乡镇旗盟"
LABEL_WEAK_WORDS: tuple[str, ...] = (
    "带动", "深入", "帮助", "保持", "组织", "组建", "选派", "配备", "配齐", "安排", "保留",
    "开展", "为期", "建成", "新建", "打造", "实现", "引进", "培育", "扶持", "覆盖", "惠及",
    "吸纳", "安置", "落实", "识别", "新识别", "新增", "累计", "全部", "分别", "其中", "其余",
    "共有", "共", "有", "为", "对", "和", "与", "及", "、", "达到", "达", "超过", "在",
    "解决", "完成", "形成了", "形成", "联系", "实现了", "全县", "全市", "全省", "全州", "全区",
    "设立", "实行", "实施", "周边", "我家", "家里", "村里",
)  # fmt: skip
# A verb in the perfect (种了, 建了, 养了) brings in its object: the words after the number name it.
LABEL_PERFECT = "了"
# Words that name nothing but do not bring in the figure (增速连续三年: the label is 增速).
LABEL_FILLERS: tuple[str, ...] = ("连续", "一般", "平均", "基本", "已经", "已")
# Words that carry a figure on to a new value (由31.4%降至0.5%): a number after only these shares
# the label of the figure before it.
LABEL_CHANGE_WORDS: tuple[str, ...] = (
    "降至", "降到", "下降到", "减少到", "减至", "增长到", "增加到", "增至", "提高到", "提升到",
    "上升到", "扩大到", "发展到", "去年的", "上年的", "的", "由", "从", "到", "至", "和", "与",
    "及", "、", "增长", "增加", "减少", "下降", "提高",
)  # fmt: skip
LABEL_AFTER_MAX = 12  # characters after a quantity that may name it (带动4230户脱贫户增收)

# Period words (extract.periods). A year (2021年, 二〇二一年) is read with the words around it:
# before it an end date (截至2020年底 -> as_of:2020), after it a start (2016年以来 -> since:2016).
PERIOD_AS_OF_BEFORE: tuple[str, ...] = ("截至", "截止到", "截止", "到", "至")
PERIOD_AS_OF_AFTER: tuple[str, ...] = ("年底", "年末", "底", "末")  # needed after 到 and 至
PERIOD_SINCE_BEFORE: tuple[str, ...] = ("自", "从")
PERIOD_SINCE_AFTER: tuple[str, ...] = ("以来", "起", "开始", "至今")
# Words that are a hint by themselves.
PERIOD_WORDS: dict[str, str] = {
    "去年以来": "since_last_year",
    "今年以来": "ytd",
    "年初以来": "ytd",
    "年初至今": "ytd",
    "今年": "ytd",
    "去年": "last_year",
    "上年": "last_year",
    "上一年": "last_year",
    "全年": "full_year",
    "累计": "cumulative",
}
# A 去年 or 上年 after these is the base of a comparison (比去年增长), not the figure's period.
# A period before 的 is only that of the figure right after it (由2015年的42万亩减少到28万亩:
# 42万亩 is of 2015, 28万亩 is not), and never of a ratio (是2015年的1.8倍).
PERIOD_COMPARISON_MARKS: str = "比较与同"
PERIOD_BASE_AFTER: str = "的"

# Names, slogans and idioms that contain a number and a unit-like word but count nothing.
# Any quantity overlapping one of these is dropped (kind name or idiom).
NAMES_AND_IDIOMS: tuple[str, ...] = (
    "两不愁三保障",
    "两不愁、三保障",
    "一收入两不愁三保障",
    "三保障",
    "五个一批",
    "一村一员",
    "三帮扶一推动",
    "百户企业联百村帮千家",
    "四个班子",
    "两项补贴",
    "一个字",
    "一条龙",
    "一站式",
    "一门通办",
    "一级抓一级",
    "一鼓作气",
    "一成不变",
    "一事一议",
    "十有八九",
    "二话不说",
    "不漏一户",
    "不落一人",
    "不让一个",
    "四处",
    "一度",
    "两条线",
    "两线合一",
    "三免两减",
    "三零服务",
    "四网一点四增收",
    "双碳",
    "同吃同住",
    "百日攻坚",
    "百日会战",
    "一波三折",
    # names of places and varieties that hold a numeral
    "十三户芍药花谷",
    "九眼莲",
)

# Nouns that make a small Chinese-numeral count a heading of the report's structure
# (强化三个排查, 创新两项举措), not a quantity.
STRUCTURE_NOUNS: tuple[str, ...] = ("举措", "排查", "帮扶", "方面", "板块", "措施", "机制", "任务")

# After 一 + classifier, these make an idiom (一户一策, 一人一岗, 一户不落); so does the classifier
# doubled (一笔笔, 一批批). Before a bare 千, 百 or 万, these make a vague amount (数千名, 上万人).
IDIOM_AFTER_ONE: frozenset[str] = frozenset("一不")
# 一亩地 / 一亩田 is "a mu of land", the base of a yield or income (一亩地能多挣七八百元).
LAND_AFTER_ONE_MU: frozenset[str] = frozenset("地田")
FAMILY_SIZE_BEFORE = "一家"  # 一家五口: the size of a family, said as a phrase
VAGUE_MAGNITUDES: frozenset[str] = frozenset({"十", "百", "千", "万", "亿", "千万", "百万"})
VAGUE_BEFORE: frozenset[str] = frozenset("数几上成")

# Words after a numeral + 期 that make it the name of a construction phase (风电二期工程).
PHASE_NAME_NOUNS: tuple[str, ...] = ("工程", "项目")

# Classifiers that a lone 一 turns into an indefinite article (一个干净整洁的环境, 一只丹顶鹤).
ARTICLE_CLASSIFIERS: frozenset[str] = frozenset(
    {"个", "只", "处", "条", "项", "种", "家", "座", "支", "份", "套", "件", "批", "场", "间"}
    | {"张", "盏", "顶", "袋", "枝", "口", "株", "棵", "年", "天", "头", "位", "次", "名"}
)

# Paired marks whose content is a name, slogan or title: numbers inside them are not quantities.
QUOTE_PAIRS: dict[str, str] = {"“": "”", "《": "》", "「": "」", "『": "』", "〔": "〕"}
QUOTE_MAX_CHARS = 60  # an unclosed mark must not swallow the rest of the text
# Quoted speech is read (“今年全村种了800亩花椒，每亩纯收入3000元。”): a quote of these marks
# that follows a colon or holds a clause's punctuation is speech; any other is a name (“十四五”).
SPEECH_MARKS: frozenset[str] = frozenset("“「『")
SPEECH_INTRODUCERS: frozenset[str] = frozenset("：:")
SPEECH_PUNCTUATION: frozenset[str] = frozenset("，,。！!？?；;")
# A quote that prices something is speech too (种植户“一亩地能多挣七八百元”): names and slogans
# count things (“五个一批”, “万元户”) but never state a sum of yuan.
SPEECH_SUM_OF_MONEY = "[0-9零〇一二三四五六七八九两兩十百千]+[万萬亿億]?元"
