"""The period a sentence gives its figures (2021年, 全年, 今年以来, 截至2020年底, 累计) as a hint.

Hints use one small vocabulary: year:2021, full_year, ytd, since_last_year, since:2016,
as_of:2020 (as_of:2020-06 for a month end), cumulative, last_year. The quantity's clause is read
first, then its sentence; where several words apply the most specific one wins (2016年以来累计 ->
since:2016).
"""

from __future__ import annotations

import re

_YEAR = r"((?:19|20)\d\d)\s*年"
# One alternation, so a stretch is read in one pass of C; each group names its hint's kind.
_HINTS = re.compile(
    "|".join(
        (
            rf"(?P<as_of>(?:截至|截止到?|到|至){_YEAR}(?:(\d{{1,2}})月)?(?P<end>底|末|年底|年末)?)",
            rf"(?P<since>(?:自|从)?{_YEAR}(?:以来|起|开始|至今))",
            r"(?P<since_last_year>去年以来)",
            r"(?P<ytd>今年以来|今年|年初以来|年初至今)",
            r"(?P<last_year>(?<![比较與与])(?:去年|上年|上一年))",
            rf"(?P<year>{_YEAR}度?)",
            r"(?P<full_year>全年)",
            r"(?P<cumulative>累计)",
        )
    )
)
# Most specific first: the hint of the highest rank found in a stretch wins.
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


def _hint(m: re.Match[str]) -> tuple[int, str]:
    kind = m.lastgroup or ""
    groups = m.groups()
    years = [g for g in groups if g is not None and len(g) == 4 and g.isdigit()]
    if kind == "as_of":
        year, month = m.group(2), m.group(3)
        if m.group(1).startswith(("到", "至")) and not m.group("end"):
            return _RANK["year"], f"year:{year}"  # 到2020年: a target year, not a stock date
        return _RANK[kind], f"as_of:{year}-{int(month):02d}" if month else f"as_of:{year}"
    if kind in ("since", "year"):
        return _RANK[kind], f"{kind}:{years[0]}"
    return _RANK[kind], kind


def best_hint(stretch: str) -> str | None:
    """The most specific period hint in `stretch`, or None when it names no period."""
    best: tuple[int, str] | None = None
    for m in _HINTS.finditer(stretch):
        found = _hint(m)
        if best is None or found[0] < best[0]:
            best = found
    return None if best is None else best[1]


def period_hint(clause: str, sentence: str) -> str | None:
    """The period hint of a quantity: its clause's, else (or over a bare 累计) its sentence's."""
    in_clause = best_hint(clause)
    if in_clause is not None and in_clause not in _WEAK:
        return in_clause
    in_sentence = best_hint(sentence) if sentence != clause else None
    return in_sentence or in_clause
