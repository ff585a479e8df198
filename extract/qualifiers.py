"""Qualifier words around a number (约 余 以上 ...) and range joiners, from the registry."""

from __future__ import annotations

from extract import registry
from extract.quantity import Qualifier

_SUFFIXES = sorted(registry.SUFFIX_QUALIFIERS, key=len, reverse=True)
# The prefixes by last character, longest first, so a position costs one dict lookup and the
# few compares of its words; the suffixes' first characters, so most positions cost a set lookup.
_PREFIXES_BY_END: dict[str, list[str]] = {}
for _word in sorted(registry.PREFIX_QUALIFIERS, key=len, reverse=True):
    _PREFIXES_BY_END.setdefault(_word[-1], []).append(_word)
_SUFFIX_STARTS = frozenset(w[0] for w in _SUFFIXES)
_JOINER_STARTS = frozenset(w[0] for w in registry.RANGE_JOINERS)


def prefix_at(text: str, pos: int) -> tuple[str, Qualifier]:
    """The qualifier word ending at `pos` (约 of 约65万吨) and its qualifier, or ("", "exact")."""
    words = _PREFIXES_BY_END.get(text[pos - 1]) if pos > 0 else None
    if words is None:
        return "", "exact"
    for word in words:
        if pos >= len(word) and text.startswith(word, pos - len(word)):
            if text.endswith(registry.PREFIX_BLOCKERS, 0, pos):  # 预约, 最近
                return "", "exact"
            return word, registry.PREFIX_QUALIFIERS[word]
    return "", "exact"


def infix_at(text: str, pos: int) -> str | None:
    """The qualifier of 余/多/几 standing at `pos` (3000余个, 40多亿元), if any."""
    return registry.INFIX_QUALIFIERS.get(text[pos : pos + 1])


def suffix_at(text: str, pos: int) -> tuple[str, str]:
    """The qualifier word starting at `pos` (以上 of 50%以上) and its qualifier, or ("", "")."""
    if text[pos : pos + 1] not in _SUFFIX_STARTS:
        return "", ""
    for word in _SUFFIXES:
        if text.startswith(word, pos):
            return word, registry.SUFFIX_QUALIFIERS[word]
    return "", ""


def joiner_at(text: str, pos: int) -> str:
    """The range joiner starting at `pos` (至 of 1至2名, - of 3-5万元), or ""."""
    if text[pos : pos + 1] not in _JOINER_STARTS:
        return ""
    for word in registry.RANGE_JOINERS:
        if text.startswith(word, pos):
            return word
    return ""
