"""The period a sentence gives its figures (2021年, 全年, 今年以来, 截至2020年底, 累计) as a hint.

Hints use one small vocabulary: year:2021, full_year, ytd, since_last_year, since:2016,
as_of:2020 (as_of:2020-06 for a month end), cumulative, last_year. The quantity's clause is
read first, then the sentence before it; where several words apply the most specific one wins
(2016年以来累计 -> since:2016). The words are read once per text (`Hints`), so each quantity
costs a bisection.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from extract import registry
from extract.numerals import fold


def _alternatives(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


_YEAR_DIGITS = "〇零一二三四五六七八九"
_YEAR = rf"((?:19|20)\d\d|(?:一九|二[〇零])[{_YEAR_DIGITS}]{{2}})\s*年"
_AS_OF = (
    rf"(?P<as_of>({_alternatives(registry.PERIOD_AS_OF_BEFORE)}){_YEAR}"
    rf"(?:(\d{{1,2}})月)?(?P<end>{_alternatives(registry.PERIOD_AS_OF_AFTER)})?)"
)
_SINCE = (
    rf"(?P<since>(?:{_alternatives(registry.PERIOD_SINCE_BEFORE)})?{_YEAR}"
    rf"(?:{_alternatives(registry.PERIOD_SINCE_AFTER)}))"
)
_WORD = rf"(?P<word>{_alternatives(list(registry.PERIOD_WORDS))})"
# A full date (2022年10月13日) is an event's or a report's day, no period of its figures.
_DATE = rf"(?P<date>{_YEAR}\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*[日号])"
_YEAR_END = rf"(?P<year_end>{_YEAR}(?:{_alternatives(registry.PERIOD_AS_OF_AFTER)}))"
_BARE_YEAR = rf"(?P<year>{_YEAR}度?)"
_HINTS = re.compile(f"{_AS_OF}|{_DATE}|{_SINCE}|{_WORD}|{_YEAR_END}|{_BARE_YEAR}")
# Where a hint can start: its first word, or a year's first digits. An alternation of literals is
# searched in C at a few hundred million characters a second, _HINTS only where it finds one.
_STARTS = re.compile(
    _alternatives(
        [*registry.PERIOD_AS_OF_BEFORE, *registry.PERIOD_SINCE_BEFORE, *registry.PERIOD_WORDS]
    )
    + "|19|20|一九|二〇|二零"  # literals only, so that the search runs on a prefix charset
)
# Most specific first: the hint of the lowest rank found in a stretch wins.
_RANK = {
    "since": 0,
    "as_of": 1,
    "year": 2,
    "since_last_year": 3,
    "ytd": 4,
    "last_year": 5,
    "full_year": 6,
    "cumulative": 7,
}
_WEAK = frozenset({"cumulative"})  # a clause's 累计 yields to a start or end the sentence gives


_YEAR_VALUES = {c: str(max(i - 1, 0)) for i, c in enumerate(_YEAR_DIGITS)}  # 〇 零 -> 0, 一 -> 1
# Where each kind's year (and as_of's other parts) sit among the groups of _HINTS.
_AS_OF_GROUP = _HINTS.groupindex["as_of"]
_YEAR_GROUP = {
    "as_of": _AS_OF_GROUP + 2,
    "since": _HINTS.groupindex["since"] + 1,
    "year": _HINTS.groupindex["year"] + 1,
    "year_end": _HINTS.groupindex["year_end"] + 1,
}


def _year(printed: str) -> str:
    if printed.isascii():
        return printed
    return "".join(_YEAR_VALUES.get(c, c) for c in printed)  # 二〇二一 -> 2021


def _hint(m: re.Match[str], text: str) -> tuple[int, str] | None:
    """(rank, hint) of one match, or None when the words say no period (比去年)."""
    kind = m.lastgroup or ""  # every alternative of _HINTS is a named group
    if kind == "date":
        return None
    if kind == "word":
        hint = registry.PERIOD_WORDS[m.group("word")]
        before = text[m.start() - 1 : m.start()]
        if hint == "last_year" and before and before in registry.PERIOD_COMPARISON_MARKS:
            return None
        return _RANK[hint], hint
    year = _year(m.group(_YEAR_GROUP[kind]))
    if kind == "as_of":
        before, month, end = m.group(_AS_OF_GROUP + 1), m.group(_AS_OF_GROUP + 3), m.group("end")
        if before in ("到", "至") and not end:
            return _RANK["year"], f"year:{year}"  # 到2020年: a target year, not a stock date
        return _RANK["as_of"], f"as_of:{year}-{int(month):02d}" if month else f"as_of:{year}"
    if kind == "year_end":
        return _RANK["as_of"], f"as_of:{year}"  # 2020年末, 2020年底
    return _RANK[kind], f"{kind}:{year}"


class Hints:
    """The period words of one (folded) text with their offsets, to be asked per stretch."""

    __slots__ = ("_ends", "_found", "_only", "_starts")

    def __init__(self, folded: str) -> None:
        found = []
        base = registry.PERIOD_BASE_AFTER
        start = _STARTS.search(folded)
        while start is not None:
            m = _HINTS.match(folded, start.start())
            if m is None:
                start = _STARTS.search(folded, start.start() + 1)
                continue
            hint = _hint(m, folded)
            if hint is not None:
                # 2015年的42万亩: the figure right after 的 is of that year, and no other one
                only = m.end() + len(base) if folded.startswith(base, m.end()) else -1
                found.append((m.start(), m.end(), only, *hint))
            start = _STARTS.search(folded, m.end())
        self._starts = [f[0] for f in found]
        self._ends = [f[1] for f in found]
        self._only = [f[2] for f in found]
        self._found = [(f[3], f[4]) for f in found]

    def best(self, left: int, right: int, start: int = -1) -> str | None:
        """The most specific hint wholly inside text[left:right], or None; a hint before 的
        counts only for a figure at `start` right after it."""
        best: tuple[int, str] | None = None
        i = bisect_left(self._starts, left)
        while i < len(self._starts) and self._starts[i] < right:
            only = self._only[i]
            if (
                self._ends[i] <= right
                and (only == -1 or only == start)
                and (best is None or self._found[i][0] < best[0])
            ):
                best = self._found[i]
            i += 1
        return None if best is None else best[1]

    def for_quantity(
        self, clause: tuple[int, int], sentence: tuple[int, int], start: int = -1
    ) -> str | None:
        """The clause's hint, else (or over a bare 累计) that of the sentence before the clause:
        a period leads its sentence, and later clauses carry their own. `start` is where the
        figure starts, or -1 for a ratio (是2015年的1.8倍: the year is the base's)."""
        i = bisect_left(self._starts, sentence[0])
        if i == len(self._starts) or self._starts[i] >= sentence[1]:
            return None  # most figures: no period word in their sentence
        in_clause = self.best(*clause, start)
        if in_clause is not None and in_clause not in _WEAK:
            return in_clause
        leading = self.best(sentence[0], clause[0]) if sentence[0] < clause[0] else None
        return leading or in_clause


def best_hint(stretch: str) -> str | None:
    """The most specific period hint in `stretch` (either script), or None when it names none."""
    return Hints(fold(stretch)).best(0, len(stretch))


def period_hint(clause: str, sentence: str) -> str | None:
    """The period hint of a quantity given its clause and sentence as strings (either script)."""
    at = sentence.find(clause)
    hints = Hints(fold(sentence))
    bounds = (at, at + len(clause)) if at != -1 else (0, 0)
    return hints.for_quantity(bounds, (0, len(sentence)))
