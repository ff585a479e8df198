"""The label of a quantity: the words that say what it counts, before or after the number.

The words before the number in its clause, from the previous figure on, name it (发放小额信贷
2.09亿元). When they name nothing by themselves (全县, 带动, 其中), the words after it do
(带动4230户脱贫户增收 -> 脱贫户); when only a link stands before it (贫困人口5776户、17253人,
由31.4%降至0.5%), it shares the label of the figure before it. No label holds another figure.
"""

from __future__ import annotations

import re

from extract import registry
from extract.quantity import Quantity

LABEL_MAX = 24  # label words kept before the number: enough for 全市农村公益岗总规模达
# Units whose number a verb introduces and whose noun follows (组建12支服务队, 带动1.1万户群众,
# 开展为期3个月的集中排查).
_COUNTED = ("count", "person", "household", "person_time", "head", "duration", "fraction", "tenths")
# The words after a duration name it (设立5年过渡期, 为期3个月的集中排查) unless they say
# where in time (3至5天内落实).
_DURATION_AFTER_NOT = ("内", "以内", "里", "后", "前", "以后")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_SUFFIXES = registry.LABEL_PLACE_SUFFIXES
_PLACE = rf"^(?:全|该|我|本)?[^\d{_SUFFIXES}]{{0,3}}[{_SUFFIXES}]"  # 全县, 东乡县
# A leading place, and introducing verbs, links and fillers anywhere: removed in one pass.
_NAMELESS = re.compile(
    f"{_PLACE}|{_alternatives(registry.LABEL_WEAK_WORDS + registry.LABEL_FILLERS)}"
)
_WEAK_ENDS = tuple(registry.LABEL_WEAK_WORDS)
_SPACE = re.compile(r"\s")
_WEAK_MAX = 8  # words longer than this always name something (checked with _core otherwise)
_CHANGE_ONLY = re.compile(rf"(?:{_alternatives(registry.LABEL_CHANGE_WORDS)}|\d{{4}}年)*")
_LEADING = "、，,和与及"
_LEADING_SET = frozenset(_LEADING)
_AFTER_STOPS = re.compile(r"[，,。；;：:、！!？?\n《》()（）0-9]")
_AFTER_LEADING = "的"
_AFTER_TRAILING = "和与及等"


def _core(words: str) -> str:
    """The words with places, introducing verbs and links removed."""
    return _NAMELESS.sub("", words)


def _compact(text: str, folded: str, start: int, end: int) -> tuple[str, str]:
    """text[start:end] and its folded form without whitespace (the two stay the same length)."""
    if _SPACE.search(folded, start, end) is None:  # most labels: no line break to remove
        return text[start:end], folded[start:end]
    return "".join(text[start:end].split()), "".join(folded[start:end].split())


def after(text: str, folded: str, q: Quantity, list_end: int = -1) -> str:
    """The words right after the quantity, or after the list it starts (`list_end`: 25.8万户、
    68.4万人稳定脱贫), up to a stop or another number (脱贫户增收), or ""."""
    start = max(q.end, list_end)
    end = start + registry.LABEL_AFTER_MAX
    stop = _AFTER_STOPS.search(folded, start, end)
    words, words_folded = _compact(text, folded, start, end if stop is None else stop.start())
    lead = len(words_folded) - len(words_folded.lstrip(_AFTER_LEADING))
    trail = len(words_folded) - len(words_folded.rstrip(_AFTER_TRAILING))
    return words[lead : len(words) - trail]


def label(
    text: str,
    folded: str,
    q: Quantity,
    clause_left: int,
    previous: tuple[int, str] | None,
    list_end: int = -1,
) -> str:
    """The label of `q` in `text` (`folded` is its folded form), whose clause starts at
    `clause_left`; `previous` is the end and label of the figure before it in its sentence (its
    label is shared only inside one clause); `list_end` ends the list of figures `q` starts."""
    left = clause_left
    if previous is not None and previous[0] > left:
        left = previous[0]  # the words of this figure start after the one before it
    if _SPACE.search(folded, left, q.start) is None:  # most labels: no line break to remove
        own, own_folded = text[left : q.start], folded[left : q.start]
    else:
        own, own_folded = _compact(text, folded, left, q.start)
    if own_folded[:1] in _LEADING_SET:
        lead = len(own_folded) - len(own_folded.lstrip(_LEADING))
        own, own_folded = own[lead:], own_folded[lead:]
    if len(own) > LABEL_MAX:
        own, own_folded = own[-LABEL_MAX:], own_folded[-LABEL_MAX:]
    if previous is not None and previous[0] >= clause_left and _CHANGE_ONLY.fullmatch(own_folded):
        return previous[1]  # 贫困人口5776户、17253人; 由31.4%降至0.5%
    if own_folded.endswith("、"):
        own = own_folded = ""  # 旅游专业村、七成以上农户: the words before belong to the last item
    weak = (len(own_folded) <= _WEAK_MAX and len(_core(own_folded)) < 2) or own_folded.endswith(
        registry.LABEL_PERFECT  # 种了800亩花椒: the object after the number is the label
    )
    if not weak and not (q.unit.startswith(_COUNTED) and own_folded.endswith(_WEAK_ENDS)):
        return own  # the common case: the words before name the figure
    if q.unit.startswith("duration") and folded.startswith(_DURATION_AFTER_NOT, q.end) and not weak:
        return own  # 3至5天内落实: the words after say when, not what
    return after(text, folded, q, list_end) or own
