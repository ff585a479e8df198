"""Naming what a classifier counts (919个行政村 -> count:village) from the registry's nouns."""

from __future__ import annotations

import re

from extract import registry

_NOUNS = sorted(registry.THING_NOUNS, key=len, reverse=True)
# The nouns indexed by first and by last character, so each position costs one dict lookup.
_BY_FIRST: dict[str, list[str]] = {}
_BY_LAST: dict[str, list[str]] = {}
for _noun in _NOUNS:
    _BY_FIRST.setdefault(_noun[0], []).append(_noun)
    _BY_LAST.setdefault(_noun[-1], []).append(_noun)
_VERBS_BY_FIRST: dict[str, tuple[str, ...]] = {}
for _verb in registry.PHRASE_VERBS:
    _VERBS_BY_FIRST[_verb[0]] = (*_VERBS_BY_FIRST.get(_verb[0], ()), _verb)
_LINKS_BY_LAST: dict[str, list[str]] = {}
for _link in sorted((*registry.LINK_WORDS, *registry.PREFIX_QUALIFIERS), key=len, reverse=True):
    _LINKS_BY_LAST.setdefault(_link[-1], []).append(_link)
# A clause ends at these; the noun after a classifier also ends at 的 (5个方面的行业排查信息).
CLAUSE_STOPS = frozenset("，,。；;：:、！!？?\n")
_QUOTE_CLOSE = frozenset("”」』")
# What ends the phrase after a classifier, and every character a noun or verb starts with.
_PHRASE_STOPS = CLAUSE_STOPS | frozenset("的0123456789")
_PHRASE_MARKS = re.compile(
    "["
    + "".join(map(re.escape, sorted(_PHRASE_STOPS | set(_BY_FIRST) | set(_VERBS_BY_FIRST))))
    + "]"
)
FOLLOW_WINDOW = 12  # characters after the classifier in which its noun phrase may run
LABEL_WINDOW = 16  # characters before the number searched for its noun


def _noun_at(text: str, pos: int) -> str | None:
    for noun in _BY_FIRST.get(text[pos], ()):
        if text.startswith(noun, pos):
            return noun
    return None


def _noun_ending_at(text: str, end: int) -> str | None:
    for noun in _BY_LAST.get(text[end - 1], ()):
        if end >= len(noun) and text.startswith(noun, end - len(noun)):
            return noun
    return None


def _verb_at(text: str, pos: int) -> bool:
    return text.startswith(_VERBS_BY_FIRST.get(text[pos], ()), pos)


def thing_after(text: str, pos: int) -> str | None:
    """The thing named by the noun phrase that starts at `pos`, or None: its first noun of two
    characters or more (the last of adjacent ones) before a stop or a verb (36支驻村工作队包村 ->
    team, 4个村级光伏电站 -> station, 219个行政村全部建有文化活动室 -> village), else a
    one-character noun standing alone right at `pos` (12个村 -> village). "" when the phrase's
    noun names no thing of the registry."""
    head: str | None = None
    end = min(pos + FOLLOW_WINDOW, len(text))
    p = pos
    while p < end:
        found = _PHRASE_MARKS.search(text, p, end)  # skip in C to a stop, noun or verb
        if found is None:
            p = end
            break
        p = found.start()
        ch = text[p]
        if ch in _PHRASE_STOPS:
            break
        noun = _noun_at(text, p) if ch in _BY_FIRST else None
        if noun is not None and len(noun) > 1:
            head = noun  # a noun right after it is the head of a compound (贫困村合作社)
            p += len(noun)
            while p < end and (nxt := _noun_at_safe(text, p)) is not None and len(nxt) > 1:
                head, p = nxt, p + len(nxt)
            break
        if noun is not None and p == pos and head is None:
            after = text[p + 1 : p + 2]
            if after not in registry.WEAK_NOUN_MODIFIERS and _noun_at_safe(text, p + 1) is None:
                return registry.THING_NOUNS[noun]
        if p > pos and ch in _VERBS_BY_FIRST and _verb_at(text, p):
            break  # a verb ends the phrase; right after the classifier it modifies (85个包保部门)
        p += 1
    if head is None and p > pos:  # no listed noun: the phrase's last character may say it
        last = text[p - 1] if text[p - 1] not in _QUOTE_CLOSE else text[p - 2 : p - 1]
        return registry.THING_SUFFIXES.get(last)
    return None if head is None else registry.THING_NOUNS[head]


def _noun_at_safe(text: str, pos: int) -> str | None:
    return _noun_at(text, pos) if pos < len(text) and text[pos] in _BY_FIRST else None


def thing_before(text: str, pos: int) -> str | None:
    """The thing named by the noun before the number at `pos` in its clause, or None: the nearest
    noun of two characters or more (产业项目累计发展到664个 -> project), a one-character noun only
    right before the number or a link word (村共12个); never across another number."""
    end = pos
    for _ in range(2):  # 总数 + 超过: at most two link words
        links = _LINKS_BY_LAST.get(text[end - 1], ()) if end > 0 else ()
        word = next((w for w in links if text.startswith(w, end - len(w))), None)
        if word is None:
            break
        end -= len(word)
    for at in range(end, max(end - LABEL_WINDOW, 0), -1):
        ch = text[at - 1]
        if ch in CLAUSE_STOPS or ch.isdigit() or ch in registry.THING_BEFORE_STOPS:
            return None
        noun = _noun_ending_at(text, at) if ch in _BY_LAST else None
        if noun is not None and (len(noun) > 1 or at == end):
            if text[at - len(noun) - 1 : at - len(noun)] in registry.THING_JOINERS:
                return ""  # 企业和合作社达到312家: more than one thing
            return registry.THING_NOUNS[noun]
        if at == end and ch in registry.THING_SUFFIXES:
            return registry.THING_SUFFIXES[ch]  # 污水处理站128个
    return None


def count_code(classifier: str, text: str, start: int, end: int) -> str:
    """count:<thing> named by the noun after the classifier, the noun before the number, or the
    classifier itself (两轮 -> round); else count."""
    thing = thing_after(text, end)
    if thing is None:
        thing = thing_before(text, start)
    if thing is None:
        thing = registry.CLASSIFIER_THINGS.get(classifier)
    return f"count:{thing}" if thing else "count"


def household_code(text: str, end: int) -> str:
    """household, unless the noun after 户 names firms (252户带户龙头企业 -> count:enterprise)."""
    thing = thing_after(text, end)
    return f"count:{thing}" if thing in registry.HOUSEHOLD_OVERRIDES else "household"
