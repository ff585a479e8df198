"""Naming what a classifier counts (919个行政村 -> count:village) from the registry's nouns."""

from __future__ import annotations

from extract import registry

_NOUNS = sorted(registry.THING_NOUNS, key=len, reverse=True)
# The nouns indexed by first and by last character, so each position costs one dict lookup.
_BY_FIRST: dict[str, list[str]] = {}
_BY_LAST: dict[str, list[str]] = {}
for _noun in _NOUNS:
    _BY_FIRST.setdefault(_noun[0], []).append(_noun)
    _BY_LAST.setdefault(_noun[-1], []).append(_noun)
# A clause ends at these; the noun after a classifier also ends at 的 (5个方面的行业排查信息).
CLAUSE_STOPS = frozenset("，,。；;：:、！!？?\n")
FOLLOW_WINDOW = 10  # characters after the classifier in which its noun may end
LABEL_WINDOW = 24  # characters before the number searched for a label noun


def _noun_at(text: str, pos: int) -> str | None:
    for noun in _BY_FIRST.get(text[pos], ()):
        if text.startswith(noun, pos):
            return registry.THING_NOUNS[noun]
    return None


def _noun_ending_at(text: str, end: int) -> str | None:
    for noun in _BY_LAST.get(text[end - 1], ()):
        if end >= len(noun) and text.startswith(noun, end - len(noun)):
            return registry.THING_NOUNS[noun]
    return None


def thing_after(text: str, pos: int) -> str | None:
    """The thing named by the noun phrase that starts at `pos` (行政村 -> village), if any."""
    for p in range(pos, min(pos + FOLLOW_WINDOW, len(text))):
        ch = text[p]
        if ch in CLAUSE_STOPS or ch == "的" or ch.isdigit():
            return None
        if ch in _BY_FIRST and (thing := _noun_at(text, p)) is not None:
            return thing
    return None


def thing_before(text: str, pos: int) -> str | None:
    """The thing named by the label just before `pos` in the same clause (项目60个 -> project)."""
    for end in range(pos, max(pos - LABEL_WINDOW, 0), -1):
        if text[end - 1] in CLAUSE_STOPS:
            return None
        if text[end - 1] in _BY_LAST and (thing := _noun_ending_at(text, end)) is not None:
            return thing
    return None


def count_code(classifier: str, text: str, start: int, end: int) -> str:
    """count:<thing> named by the classifier, the noun after, or the label before; else count."""
    thing = (
        registry.CLASSIFIER_THINGS.get(classifier)
        or thing_after(text, end)
        or thing_before(text, start)
    )
    return f"count:{thing}" if thing else "count"


def household_code(text: str, end: int) -> str:
    """household, unless the noun after 户 names firms (252户带户龙头企业 -> count:enterprise)."""
    thing = thing_after(text, end)
    return f"count:{thing}" if thing in registry.HOUSEHOLD_OVERRIDES else "household"
