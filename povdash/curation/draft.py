"""A first draft of a new source's data: every number of its text as an observation or an
exclusion, with suggested fields and how sure each one is. Pure: text and catalogue in, records out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from extract import Candidate, Quantity, find_quantities, propose
from extract.periods import best_hint
from povdash.curation.headings import Heading, heading_before, headings
from povdash.curation.suggest import (
    Suggestion,
    bigrams,
    figure_kind,
    is_weak,
    own_label,
    own_places,
    place_names,
    report_year,
    suggest_indicator,
    suggest_period,
    suggest_place,
)
from povdash.data import model

DIGITS = re.compile(r"[0-9０-９]+")
_DATE_AFTER = re.compile(r"[年月日时点]|-\d|/\d|:\d")
_QUOTES = '"“”「」『』《》'
# what a new indicator's label keeps of the words before a number: not where or when
_LABEL_NOISE = re.compile(r"^(?:其中|全[市县区省镇]|[我本][市县区]|全年|去年|今年|累计|共|已|并)+")
# A figure the report plans rather than reports: in a section of plans, or after 力争 / 计划 in
# its sentence. The dataset holds what was done; a target is drafted as out_of_scope.
_PLAN_HEADING = re.compile(r"打算|计划|安排|展望|思路|目标")
_PLAN_WORDS = re.compile(r"力争|(?<!雨露)计划|拟|(?:今年|明年|下一步)[^，。]{0,6}将")
# the thing a count names after its number: up to four characters (12个行业部门每月…)
_COUNTED = re.compile(r"[\u4e00-\u9fff]{1,4}")
QUOTE_MAX = 40  # an exclusion's quote: the shortest unique stretch, at most this long
# Fields a person may be asked to confirm, in the order they are shown.
CONFIRMABLE = ("indicator", "place", "period", "section", "quote", "kind")


@dataclass(frozen=True, slots=True)
class Catalogue:
    """What a draft is suggested from: the data folder's places, programs and indicators."""

    places: Mapping[str, model.Place]
    programs: Mapping[str, model.Program]
    indicators: Mapping[str, model.Indicator]


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """The new source as the user describes it on the command line or the Curate page."""

    id: str
    published: str  # YYYY, YYYY-MM or YYYY-MM-DD
    place: str  # the place the report is of
    title: str = ""
    publisher: str = ""


@dataclass
class Drafted:
    """One drafted entry: the record in the order it is written, and the suggestions behind it."""

    record: dict[str, object]
    start: int
    end: int
    suggestions: dict[str, Suggestion] = field(default_factory=dict)
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    @property
    def to_confirm(self) -> list[str]:
        """The fields whose suggestion is below the threshold, in display order."""
        return [f for f in CONFIRMABLE if f in self.suggestions and self.suggestions[f].to_confirm]


@dataclass
class Draft:
    """A whole source drafted: its sections, entries and the indicators the catalogue lacks."""

    source: SourceInfo
    title: str
    sections: list[dict[str, object]]
    places: list[str]
    observations: list[Drafted]
    exclusions: list[Drafted]
    new_indicators: list[dict[str, object]]


def section_id(heading: Heading) -> str:
    """The generated id of a heading's section."""
    return f"part-{heading.number}"


def _paragraph(text: str, start: int) -> tuple[int, int]:
    """The blank-line-separated paragraph around offset start."""
    left = text.rfind("\n\n", 0, start)
    right = text.find("\n\n", start)
    return (0 if left < 0 else left + 2), (len(text) if right < 0 else right)


def _unique_quote(text: str, c: Candidate) -> tuple[str, Suggestion]:
    """The shortest stretch around the figure that occurs once and that extract reads the same
    value and unit from: the clause, else the sentence."""
    q = c.quantity
    for what, stretch in (("clause", c.clause), ("sentence", c.sentence)):
        stretch = stretch.strip()
        if not stretch or text.count(stretch) != 1:
            continue
        if any(f.value == q.value and f.unit == q.unit for f in find_quantities(stretch)):
            return stretch, Suggestion(stretch, 0.95, f"the {what}, found once")
    return c.clause.strip(), Suggestion(c.clause.strip(), 0.4, "the clause occurs more than once")


def _exclusion_quote(text: str, start: int, end: int) -> str:
    """The shortest stretch around text[start:end] that occurs once (up to QUOTE_MAX)."""
    left, right = start, end
    while right - left < QUOTE_MAX:
        piece = text[left:right]
        if "\n" not in piece and text.count(piece) == 1:
            return piece
        grow_left = left > 0 and text[left - 1] != "\n"
        grow_right = right < len(text) and text[right] != "\n"
        if not grow_left and not grow_right:
            break
        if grow_left:
            left -= 1
        if grow_right and (right - left < QUOTE_MAX):
            right += 1
    return text[left:right]


def _digit_kind(text: str, start: int, end: int) -> tuple[str, str, float]:
    """(kind, reason, confidence) of a run of digits that is not a quantity."""
    after = text[end : end + 2]
    if _DATE_AFTER.match(after) or (end - start == 4 and text[start : start + 2] in ("19", "20")):
        return "date", "a date, not a quantity", 0.8
    if start > 0 and text[start - 1] in _QUOTES and text[end : end + 1] in _QUOTES:
        return "name", "a quoted name, not a quantity", 0.6
    return "code", "a number that is not a quantity (check)", 0.4


def _stub_label(label: str) -> str:
    """A new indicator's Chinese label from a figure's label words."""
    words = _LABEL_NOISE.sub("", "".join(re.findall(r"[\u4e00-\u9fff]+", label)))
    return words[-16:] or label


def _stub_dimension(unit: str) -> tuple[str, str]:
    """(dimension, unit) of a new indicator counting in canonical `unit`."""
    if unit.startswith("count"):
        return "count", unit if ":" in unit else "count:item"
    for dimension, units in model.DIMENSION_UNITS.items():
        if unit in units:
            return dimension, unit
    return "count", "count:item"


def _stub_kind(unit: str, hint: str | None, label: str) -> str:
    """A new indicator's kind from the figure's unit, period hint and words."""
    if unit in model.RATE_UNITS:
        return "rate"
    if hint == "full_year" and figure_kind(label, unit) == "cumulative":
        return "flow"  # 全年……累计比对数据41万条 sums the year, not everything before it
    if hint is not None and hint.startswith(("cumulative", "since")):
        return "cumulative"
    if hint is not None and hint.startswith("as_of"):
        return "stock"
    return figure_kind(label, unit) or "flow"


def _program(sentence: str, ranked: list[tuple[str, float]], cat: Catalogue) -> str:
    """The program a new indicator belongs to: the one whose keywords the sentence holds most,
    else the program of the closest catalogue indicator."""
    hits = [
        (sum(word in sentence for word in p.keywords), p.id)
        for p in cat.programs.values()
        if p.keywords
    ]
    hits.sort(key=lambda h: (-h[0], h[1]))
    if hits and hits[0][0] > 0:
        return hits[0][1]
    if ranked:
        return cat.indicators[ranked[0][0]].program
    return next(iter(cat.programs), "")


def _borrowed(named: list[tuple[str, str, str]], unit: str, sentence: str) -> str:
    """The label a weak one borrows: the last named figure of the same unit in the same
    sentence (其中北河县发放1.68亿元 after 全市发放小额信贷6.9亿元), else the last named one."""
    for got_unit, label, got_sentence in reversed(named):
        if got_sentence != sentence:
            break
        if got_unit == unit:
            return label
    return named[-1][1] if named else ""


def _without_places(label: str, names: list[tuple[str, str]]) -> str:
    """A label without the place names in it (其中清溪县 says where, not what) and without the
    figures listed before it (贫困人口5776户、17253人: 17253人's own words are none)."""
    for name, _ in names:
        label = label.replace(name, "")
    digits = [m.end() for m in DIGITS.finditer(label)]
    if digits and "、" in label[digits[-1] :]:  # an enumeration of figures: 548户、石门县804户
        label = label[digits[-1] :].rsplit("、", 1)[1]
    return label


def _narrower(part: str, whole: str) -> bool:
    """True when a part's label names something its whole's does not (C级 of 改造危房)."""
    extra = set(re.findall(r"[\u4e00-\u9fff]", part.replace("其中", ""))) - set(whole)
    return bool(extra - set("的了为是"))


def _left_out(
    q: Quantity,
    label: str,
    sentence: str,
    heading: Heading | None,
    seen: Mapping[tuple[Decimal, str], Drafted],
) -> tuple[str, str, float] | None:
    """(kind, reason, confidence) when a quantity is drafted as an exclusion: a target, a
    restatement of a figure drafted above, or a unit no indicator dimension holds."""
    if heading is not None and _PLAN_HEADING.search(heading.text):
        return "out_of_scope", f"a target under {heading.text}, not a reported figure", 0.75
    if _PLAN_WORDS.search(sentence[: max(0, sentence.find(q.text))] or sentence):
        return "out_of_scope", "a target (力争/计划), not a reported figure", 0.6
    earlier = seen.get((q.value, q.unit))
    if earlier is not None:
        before = bigrams(str(earlier.record["_label"]))
        mine = bigrams(label)
        if mine and before and len(mine & before) * 2 >= min(len(mine), len(before)):
            return "duplicate", f"restates {earlier.record['id']}", 0.6
    if not any(
        q.unit in units for units in model.DIMENSION_UNITS.values()
    ) and not q.unit.startswith("count"):
        return "out_of_scope", f"read as {q.unit}, a unit no indicator dimension holds", 0.4
    return None


def draft(text: str, source: SourceInfo, cat: Catalogue) -> Draft:
    """Draft every number of `text`: quantities as observations, other digits as exclusions."""
    found = headings(text)
    title = found[0].text if found else ""
    # the lead: up to the second section heading (a page's first heading is its lead article's)
    lead_end = found[2].start if len(found) > 2 else min(len(text), 400)
    year, printed = report_year(title, text[:lead_end], source.published)
    names = place_names(cat.places)
    mine = own_places([source.place], cat.places)
    keywords = {p.id: p.keywords for p in cat.programs.values()}
    prefix = source.id

    observations: list[Drafted] = []
    exclusions: list[Drafted] = []
    stubs: dict[tuple[str, str], dict[str, object]] = {}  # by label and unit: 5776户、17253人
    covered = bytearray(len(text) + 1)
    named: list[
        tuple[str, str, str]
    ] = []  # (unit, label, sentence) of figures whose label says what
    seen: dict[tuple[Decimal, str], Drafted] = {}
    parents: dict[tuple[str, str], Drafted] = {}  # the last figure by sentence and unit
    for c in propose(text):
        q = c.quantity
        covered[q.start : q.end] = b"\x01" * (q.end - q.start)
        bare = _without_places(c.label, names)
        chained = named[-1][1] if named and named[-1][2] == c.sentence else ""
        label = own_label(bare, _borrowed(named, q.unit, c.sentence), chained)
        if not is_weak(bare):
            named.append((q.unit, bare, c.sentence))
        heading = heading_before(found, q.start)
        p_left, p_right = _paragraph(text, q.start)
        c_left = text.find(c.clause, max(0, q.start - len(c.clause)))
        s_left = text.find(c.sentence, max(0, q.start - len(c.sentence)))
        stretches = [
            ("clause", c.clause, q.start - c_left, 0.9),
            ("sentence", c.sentence, q.start - s_left, 0.85),
        ]
        # a paragraph's topic is set in its first sentence (北河县则把… / 去年全市…); a later
        # breakdown (其中清溪县548户、石门县804户) does not make the next sentence a county's
        topic = re.split("[。！？]", text[p_left:p_right], maxsplit=1)[0]
        if p_left + len(topic) < q.start:
            stretches.append(("paragraph's first sentence", topic, len(topic), 0.75))
        if heading is not None:
            stretches.append(("section heading", heading.text, len(heading.text), 0.75))
        place = suggest_place(stretches, names, mine, source.place)
        # the clause's words before the number say stock or flow too (把全县划分为1420个网格),
        # after any borrowed label and before the figure's own words, in the order they are read
        at = c.clause.find(q.text)
        words = label.removesuffix(bare) + (c.clause[:at] if at > 0 else "") + bare
        # a count names its thing after the number (12个行业部门) when its label is before it
        after = c.clause[at + len(q.text) :] if at >= 0 else ""
        counted = (
            _COUNTED.match(after) if q.unit.startswith("count") and bare not in after else None
        )
        indicator, ranked = suggest_indicator(
            label,
            c.sentence,
            q.unit,
            cat.indicators,
            keywords,
            words=words,
            counted=counted.group() if counted else "",
            around=(heading.text if heading is not None else "") + topic,
        )
        quote, quote_sure = _unique_quote(text, c)
        section = (
            Suggestion(section_id(heading), 0.9, "the heading above")
            if heading is not None
            else Suggestion("intro", 0.9, "before the first heading")
        )
        # a part of a figure above (其中C级危房412户、D级危房136户 of 改造危房548户) that names
        # more than its whole is a narrower thing than the whole's indicator
        whole = parents.get((c.sentence, q.unit)) if "其中" in c.clause[: max(at, 0)] else None
        if whole is not None and _narrower(bare, str(whole.record["_label"])):
            indicator = Suggestion("", 0.7, f"a part of {whole.record['id']} that names more")
        left_out = _left_out(q, label, c.sentence, heading, seen)
        if left_out is not None:
            kind, reason, sure = left_out
            exclusions.append(
                Drafted(
                    {"text": q.text, "quote": quote, "kind": kind, "reason": reason},
                    q.start,
                    q.end,
                    {"kind": Suggestion(kind, sure, reason)},
                )
            )
            continue
        if not indicator.value:
            stub_label = _stub_label(label)
            stub = stubs.get((stub_label, q.unit))
            if stub is None:
                dimension, unit = _stub_dimension(q.unit)
                stub = {
                    "id": f"{prefix.replace('-', '_')}_new_{len(stubs) + 1:02d}",
                    "label": {"zh": stub_label, "en": stub_label},
                    "program": _program(c.sentence, ranked, cat),
                    "dimension": dimension,
                    "unit": unit,
                    "kind": _stub_kind(q.unit, c.period_hint, words),
                    "definition": {"zh": stub_label, "en": stub_label},
                }
                stubs[(stub_label, q.unit)] = stub
            indicator = Suggestion(str(stub["id"]), 0.3, f"new indicator {stub_label}")
            kind = str(stub["kind"])
        else:
            kind = cat.indicators[indicator.value].kind
        period = suggest_period(c.period_hint, kind, year, printed, source.published)
        if whole is not None and best_hint(c.clause) is None:
            # a breakdown (累计纳入5870户，其中风险已消除3104户) is of its whole's period
            period = Suggestion(
                str(whole.record["period"]),
                whole.suggestions["period"].confidence,
                f"the period of {whole.record['id']}, which 其中 breaks down",
            )
        record: dict[str, object] = {
            "id": f"{prefix}-{len(observations) + 1:03d}",
            "indicator": indicator.value,
            "place": place.value,
            "section": section.value,
            "period": period.value,
            "value": q.number,
            "unit": q.unit_text,
        }
        if q.qualifier != "exact":
            record["qualifier"] = q.qualifier
        if q.number_max is not None:
            record["value_max"] = q.number_max
        record["quote"] = quote
        drafted = Drafted(
            record,
            q.start,
            q.end,
            {
                "indicator": indicator,
                "place": place,
                "period": period,
                "section": section,
                "quote": quote_sure,
            },
            ranked,
        )
        drafted.record["_label"] = label
        seen.setdefault((q.value, q.unit), drafted)
        if whole is None:
            parents[(c.sentence, q.unit)] = drafted
        observations.append(drafted)

    for match in DIGITS.finditer(text):
        start, end = match.span()
        if any(covered[start:end]):
            continue
        kind, reason, sure = _digit_kind(text, start, end)
        text_of = (
            text[start : end + 1] if kind == "date" and text[end : end + 1] in "年月日" else None
        )
        exclusions.append(
            Drafted(
                {
                    "text": text_of or match.group(),
                    # the quote holds the whole text (2023年), not only its digits
                    "quote": _exclusion_quote(text, start, start + len(text_of or match.group())),
                    "kind": kind,
                    "reason": reason,
                },
                start,
                end,
                {"kind": Suggestion(kind, sure, reason)},
            )
        )
    for d in observations:
        d.record.pop("_label", None)
    exclusions.sort(key=lambda d: d.start)
    sections: list[dict[str, object]] = [
        {"id": section_id(h), "name": {"zh": h.text, "en": f"Part {h.number}"}}
        for h in found
        if h.number > 0
    ]
    if any(d.record["section"] == "intro" for d in observations):
        sections.insert(0, {"id": "intro", "name": {"zh": "导语", "en": "Introduction"}})
    places = [
        source.place,
        *sorted({str(d.record["place"]) for d in observations} - {source.place}),
    ]
    return Draft(source, title, sections, places, observations, exclusions, list(stubs.values()))
