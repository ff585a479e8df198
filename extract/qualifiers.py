"""Qualifier words around a number (约 余 以上 ...) and range joiners, from the registry."""

from __future__ import annotations

from extract import registry

_PREFIXES = sorted(registry.PREFIX_QUALIFIERS, key=len, reverse=True)
_SUFFIXES = sorted(registry.SUFFIX_QUALIFIERS, key=len, reverse=True)
# First or last characters of the words, so that most positions cost one set lookup.
_PREFIX_ENDS = frozenset(w[-1] for w in _PREFIXES)
_SUFFIX_STARTS = frozenset(w[0] for w in _SUFFIXES)
_JOINER_STARTS = frozenset(w[0] for w in registry.RANGE_JOINERS)


def prefix_at(text: str, pos: int) -> tuple[str, str]:
    """The qualifier word ending at `pos` (约 of 约65万吨) and its qualifier, or ("", "exact")."""
    if pos == 0 or text[pos - 1] not in _PREFIX_ENDS:
        return "", "exact"
    for word in _PREFIXES:
        if pos >= len(word) and text.startswith(word, pos - len(word)):
            if any(text.startswith(b, pos - len(b)) for b in registry.PREFIX_BLOCKERS):
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
