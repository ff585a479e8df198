"""Suggestions for a drafted figure: indicator, place and period, each with how sure it is."""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from povdash.data import model

# Below this a suggestion is marked for a person to confirm (README "Adding a new source").
CONFIRM_BELOW = 0.7
# Below this no catalogue indicator fits and the draft proposes a new one.
NEW_INDICATOR_BELOW = 0.45
# Words that say nothing about what is counted: a label made only of them borrows the clause
# before it (同比增长14.2% grows the figure named just before).
_WEAK = re.compile(
    r"^(?:其中|同比|比上年|较上年|增长|提高|增加|达到|达|占|共|累计|全年|去年|今年"
    r"|发放|投入|实现|完成|支持|惠及|安排|落实)+"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PLACE_SUFFIXES = ("自治县", "县", "市", "区", "省", "旗")
# How a report names its own place: 全市 / 我县 / 本区 ... -> the place of that level.
_SELF = {
    "市": ("prefecture_city", "county_level_city"),
    "县": ("county",),
    "区": ("district",),
    "省": ("province",),
}
# 全市 / 我县 / 本区, and an office of the report's own government (市人社局, 县财政)
_SELF_WORDS = re.compile(
    r"(?:全|我|本)([市县区省])|(?<![\u4e00-\u9fff])([市县])(?:委|政府|财政|[\u4e00-\u9fff]{1,3}局)"
)
# Words before a number that say it is a stock (how many there are) or a flow (how many in the
# period); a figure whose words say one is a weaker match for an indicator of the other kind.
# 吸纳 (a workshop employs N people) is how many work there; a sown area (种植面积) is the
# year's planting, unlike a standing area (茶园面积).
_STOCK_WORDS = re.compile(
    "共有|现有|已有|只有|总数|总规模|总装机|稳定在|划分为|存栏|(?<!种植)(?<!播种)面积|建成|培育"
    "|聘用|派驻|组建|设立|覆盖|安置(?:搬迁|群众)|配备|吸纳"
)
_FLOW_WORDS = re.compile(
    "新[增建开实改启纳识]|全年|开展|发放|实施|投入|兑现|销售|资助|救助|改造|排查|输送|培训"
    "|出栏|产量|产值|收益|零售额|增加|提高|减少|种植|播种"
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested value with its confidence and the reason, shown to the curator."""

    value: str
    confidence: float
    why: str

    @property
    def to_confirm(self) -> bool:
        """True when a person must confirm it before the figure counts as curated."""
        return self.confidence < CONFIRM_BELOW


def bigrams(text: str) -> frozenset[str]:
    """The pairs of adjacent Chinese characters of a text (the unit of label similarity)."""
    chars = "".join(_CJK.findall(text))
    return frozenset(chars[i : i + 2] for i in range(len(chars) - 1))


def _coverage(words: frozenset[str], of: frozenset[str]) -> float:
    """The share of `of`'s bigrams that `words` holds."""
    return len(words & of) / len(of) if of else 0.0


def unit_fits(unit: str, indicator: model.Indicator) -> bool:
    """True when a figure in canonical `unit` can be an observation of the indicator."""
    allowed = model.DIMENSION_UNITS.get(indicator.dimension, ())
    if allowed == ("count:*",):
        return unit == indicator.unit or unit == "count"
    return unit in allowed


def indicator_text(indicator: model.Indicator, keywords: Iterable[str]) -> frozenset[str]:
    """The bigrams an indicator is recognised by: its label, then its program's keywords."""
    return bigrams(indicator.label_zh) | bigrams(" ".join(keywords))


# Units whose figures are how many there are unless the words say they were added in the
# period: installed power, and land (a base of 31万亩).
_STOCK_UNITS = ("kW", "mu", "km2")


def figure_kind(label: str, unit: str = "") -> str | None:
    """ "cumulative", "stock" or "flow" when the words before a number say which (the later
    word wins: 全年茶园面积稳定在 is a stock, 新建成 a flow), else by its unit, else None."""
    if "累计" in label:
        return "cumulative"
    flow = _FLOW_WORDS.search(label)
    stock = _STOCK_WORDS.search(label)
    if flow and stock:
        return "flow" if flow.start() > stock.start() else "stock"
    if flow or stock:
        return "flow" if flow else "stock"
    return "stock" if unit.startswith(_STOCK_UNITS) else None


_TRAILING = re.compile(r"(?:达到|达|为|共|累计|约|近|超过|突破|以上|了|的)+$")


def _head_end(label: str) -> str:
    """The label's Chinese characters without trailing words that say nothing (达到, 为)."""
    return _TRAILING.sub("", "".join(_CJK.findall(label)))


def _ends_near(tail: str, name: frozenset[str], within: int = 2) -> bool:
    """True when one of the name's bigrams ends within `within` characters of the tail's end."""
    return any(tail.rfind(b) >= len(tail) - 2 - within for b in name if b in tail)


def _kind_fits(kind: str | None, indicator_kind: str) -> bool:
    if kind is None or indicator_kind in ("rate", "change"):
        return True
    return (kind == "flow") == (indicator_kind == "flow")


# Characters of a catalogue name that say nothing of what it measures (的, 和, 或 ...).
_FILLER = frozenset("的和或及与、（）()")
# A label that lists members (教育、医保、民政、住建等) before the number.
_LISTING = re.compile(r"、[\u4e00-\u9fff]{1,4}等$")
# Alternatives in a catalogue name, and the unit's word at its end (户数, 人次).
_BRACKETED = re.compile(r"[(（][^)）]*[)）]")
_UNIT_WORDS = re.compile(r"(?:户数|人数|人次|个数|条数|金额|数)$")
# A verb right before a name makes it the figure's scope, not its measure: 带动脱贫户9120户
# counts the households driven, of whom 脱贫户 are the kind.
_GOVERNS = re.compile(r"(?:带动|惠及|支持|帮助|资助|救助|吸纳|安置|覆盖|向|为|对)$")


@functools.lru_cache(maxsize=1024)
def _name_of(indicator: model.Indicator) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(bigrams of the label, its meaningful characters, bigrams of the definition). A trailing
    户数 / 人次 is the unit's word, which a figure says with its unit rather than its label, and
    words in brackets are alternatives (纳入低保的贫困(脱贫)人口) that no figure needs."""
    label = _UNIT_WORDS.sub("", indicator.label_zh) or indicator.label_zh
    chars = frozenset(_CJK.findall(_BRACKETED.sub("", label))) - _FILLER
    return bigrams(label), chars, bigrams(indicator.definition_zh)


def _is_scope(label: str, name: str) -> bool:
    """True when `name` stands in the label as the object of a verb (带动脱贫户)."""
    at = label.rfind(name)
    return at > 0 and bool(_GOVERNS.search(label, 0, at))


def suggest_indicator(
    label: str,
    context: str,
    unit: str,
    indicators: Mapping[str, model.Indicator],
    keywords: Mapping[str, tuple[str, ...]],
    *,
    words: str = "",
    counted: str = "",
    around: str = "",
) -> tuple[Suggestion, list[tuple[str, float]]]:
    """The best indicator for a figure and the runners-up (id, score), best first.

    `label` names what is counted (the words next to the number); `context` is the sentence;
    `words` the clause's words around the label, read for stock or flow (else the label);
    `counted` the thing named after a count (12个行业部门); `around` the section heading and
    the paragraph's topic. The value is "" when nothing fits well enough: the draft then
    proposes a new indicator.
    """
    # a list of members (教育、医保、民政等12个部门) says which, not what: the counted thing does
    own = (
        bigrams(counted)
        if counted and _LISTING.search(label)
        else bigrams(label) | bigrams(counted)
    )
    near = bigrams(context)
    seen = frozenset(_CJK.findall(label + counted + context + around))
    kind = figure_kind(words or label)
    tail = _head_end(label + counted)
    scored: list[tuple[float, str]] = []
    for ind in indicators.values():
        if not unit_fits(unit, ind):
            continue
        name, chars, definition = _name_of(ind)
        if not name:
            continue
        # a name of one or two bigrams (脱贫户) is often the scope of a figure, not its measure
        short = min(1.0, (len(name) + 1) / 5)
        # Chinese puts the measured thing last (带动脱贫户和监测户 counts 监测户 households driven,
        # 脱贫户 is their scope): a name matched well before the label's end counts for less
        head = 1.0 if _ends_near(tail, name) else 0.75
        score = 0.75 * short * head * _coverage(own, name) + 0.15 * _coverage(near, name)
        # a label that says more than the indicator's name is a weaker match than an exact one
        score += 0.1 * (len(own & name) / len(own | name) if own else 0.0)
        # and a name that holds all of the label's words is the better for it
        score += 0.05 * (len(own & name) / len(own) if own else 0.0)
        # the definition says what the label leaves out (产业项目带动户数: 带动…脱贫户)
        score += 0.1 * _coverage(definition, own)
        program_words = bigrams(" ".join(keywords.get(ind.program, ())))
        if program_words and own & program_words:
            score += 0.05
        if unit == ind.unit:
            # the same counted thing (count:department) says more than the same money unit
            score += 0.1 if unit.startswith("count:") else 0.05
        if not _kind_fits(kind, ind.kind):
            score -= 0.15
        # a name whose words the figure's stretch lacks names a narrower thing (带户龙头企业 is
        # not every 龙头企业)
        missing = len(chars - seen) / len(chars) if chars else 0.0
        score *= (1.0 - missing) ** 1.5
        if _is_scope(label, ind.label_zh):
            score *= 0.5
        scored.append((min(score, 1.0), ind.id))
    scored.sort(key=lambda s: (-s[0], s[1]))
    ranked = [(i, round(s, 3)) for s, i in scored[:5]]
    if not scored or scored[0][0] < NEW_INDICATOR_BELOW:
        best = scored[0][0] if scored else 0.0
        return Suggestion("", round(1.0 - best, 3), "no catalogue indicator fits"), ranked
    top = scored[0][0]
    margin = top - scored[1][0] if len(scored) > 1 else top
    confidence = top * (0.6 + 0.4 * min(1.0, margin / 0.2))
    why = f"label matches {indicators[scored[0][1]].label_zh}"
    return Suggestion(scored[0][1], round(confidence, 3), why), ranked


def is_weak(label: str) -> bool:
    """True for a label that does not say what is counted (其中, 同比增长, 支持)."""
    chars = "".join(_CJK.findall(label))
    return len(chars) < 3 or bool(_WEAK.fullmatch(chars))


# A clause that opens with one of these verbs continues the subject before it: in 新实施产业项目
# 74个，带动脱贫户和监测户9120户 the households are those the projects drove.
_CHAINED = re.compile(r"^(?:带动|惠及|覆盖|吸纳|辐射)")


def own_label(label: str, previous: str, chained: str = "") -> str:
    """The words that say what a figure counts: its label, or, when the label is only words
    like 同比增长 or 其中, the named figure's before it (`previous`) and then its own; a label
    that opens with 带动 / 惠及 follows the figure named before it in its sentence (`chained`)."""
    if is_weak(label):
        return previous + label
    return chained + label if chained and _CHAINED.match(label) else label


def place_names(places: Mapping[str, model.Place]) -> list[tuple[str, str]]:
    """(name, place id) pairs to look for in a text: full names, then names without 县/市."""
    names = []
    for place in places.values():
        names.append((place.name_zh, place.id))
        for suffix in _PLACE_SUFFIXES:
            short = place.name_zh.removesuffix(suffix)
            if short != place.name_zh and len(short) >= 2:
                names.append((short, place.id))
                break
    names.sort(key=lambda n: -len(n[0]))  # 清溪县 before 清溪
    return names


def _named(text: str, at: int, names: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """(the place named closest before offset `at`, the first named after it) in text."""
    before: tuple[int, str] | None = None
    after: tuple[int, str] | None = None
    for name, place in names:
        for match in re.finditer(re.escape(name), text):
            if match.end() <= at and (before is None or match.start() > before[0]):
                before = (match.start(), place)
            elif match.start() >= at and (after is None or match.start() < after[0]):
                after = (match.start(), place)
    return (before and before[1]), (after and after[1])


def _self_place(text: str, own_places: Mapping[str, str]) -> tuple[str, str] | None:
    """(place id, the words) when the text names the report's own place as 全市 / 县财政."""
    for match in _SELF_WORDS.finditer(text):
        place = own_places.get(match.group(1) or match.group(2))
        if place is not None:
            return place, match.group(0)
    return None


def suggest_place(
    stretches: list[tuple[str, str, int, float]],
    names: list[tuple[str, str]],
    own_places: Mapping[str, str],
    default: str,
) -> Suggestion:
    """The place a figure is of, from the nearest stretch that names one.

    `stretches` are (what, text, offset of the figure in text, confidence), nearest first: the
    clause, the sentence, the paragraph's first sentence, the section heading. In each a place
    named before the figure wins, then 全市 / 我县 (own_places maps 市, 县 ... to the source's
    place of that level), then, in the clause and the sentence only, a place named after it.
    """
    for n, (what, text, at, confidence) in enumerate(stretches):
        before, after = _named(text, at, names)
        if before is not None:
            return Suggestion(before, confidence, f"named in the {what}")
        own = _self_place(text, own_places)
        if own is not None:
            return Suggestion(own[0], confidence - 0.05, f"{own[1]} in the {what}")
        if after is not None and n < 2:
            return Suggestion(after, confidence - 0.1, f"named in the {what}")
    return Suggestion(default, 0.6, "the source's place")


def own_places(source_places: Iterable[str], places: Mapping[str, model.Place]) -> dict[str, str]:
    """For each level word (市, 县 ...) the first of the source's places at that level."""
    found: dict[str, str] = {}
    for word, levels in _SELF.items():
        for pid in source_places:
            if pid in places and places[pid].level in levels:
                found.setdefault(word, pid)
    return found


def report_year(title: str, lead: str, published: str) -> tuple[int, bool]:
    """The year a report is about: a year in its title or lead (not a date), else the year
    before a January–February publication, else the publication's; True when it was printed."""
    for text in (title, lead):
        for match in re.finditer(r"((?:19|20)\d{2})年(?!\d{1,2}月)", text):
            return int(match.group(1)), True
    year = int(published[:4])
    month = int(published[5:7]) if len(published) >= 7 else 0
    # a summary printed in January or February reports the year before
    return (year - 1, False) if month in (1, 2) else (year, False)


def _last_day(year: int, month: int) -> str:
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def suggest_period(
    hint: str | None, kind: str, year: int, printed: bool, published: str
) -> Suggestion:
    """The period of a figure, in the data model's syntax (README "Periods").

    hint is the parser's period hint (extract's vocabulary); kind the indicator's kind; year
    the report's year (printed: True when the report says it).
    """
    sure = 0.85
    if hint is not None:
        head, _, arg = hint.partition(":")
        named = {
            "year": (arg, f"{arg}年 in the sentence", sure),
            "full_year": (str(year), "全年 of the report", sure if printed else 0.6),
            "ytd": (str(year), "今年 of the report", sure if printed else 0.6),
            "last_year": (str(int(published[:4]) - 1), "去年 before the publication", sure),
        }
        if head in named:
            value, why, confidence = named[head]
            if kind == "stock":  # how many there were at the end of that year
                return Suggestion(f"{value}-12-31", confidence - 0.1, f"{why}, a stock")
            if kind == "cumulative":  # everything up to the end of that year
                return Suggestion(f"..{value}-12-31", confidence - 0.1, f"{why}, cumulative")
            return Suggestion(value, confidence, why)
        if head == "since_last_year":
            return Suggestion(f"{int(published[:4]) - 1}..{published}", 0.75, "去年以来")
        if head == "since":
            return Suggestion(f"{arg}..{published}", sure, f"{arg}年以来")
        if head == "as_of":
            y, _, m = arg.partition("-")
            end = _last_day(int(y), int(m) if m else 12)
            return Suggestion(end, sure, "截至 in the sentence")
        if head == "cumulative":
            if year < int(published[:4]):
                return Suggestion(f"..{year}-12-31", 0.75, "累计, to the end of the report's year")
            return Suggestion(f"..{published}", 0.75, "累计 in the sentence")
    if kind == "cumulative":
        if year < int(published[:4]):
            return Suggestion(f"..{year}-12-31", 0.6, "cumulative, to the end of the report's year")
        return Suggestion(f"..{published}", 0.6, "cumulative indicator, up to publication")
    if kind == "stock":
        if year < int(published[:4]):
            return Suggestion(f"{year}-12-31", 0.6, "a stock at the end of the report's year")
        return Suggestion(published, 0.6, "a stock on the publication date")
    return Suggestion(str(year), 0.75 if printed else 0.6, "the report's year")
