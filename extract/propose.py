"""Candidates for curation: each found quantity with its sentence, clause and label words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extract.labels import label
from extract.numerals import fold
from extract.periods import Hints
from extract.quantity import ExtractError, Quantity
from extract.scanner import scan

SENTENCE_ENDS = frozenset("。！？!?；;\n")
CLAUSE_ENDS = SENTENCE_ENDS | frozenset("，,：:")
# At most this many characters are kept on either side of a quantity: a text without stops would
# otherwise make every candidate carry all of it, and the output grow with the square of the text.
WINDOW = 200
# The stops as character classes, so the nearest one is found in C, not by a loop in Python.
_RATIOS = frozenset({"times", "fraction", "tenths"})  # figures relative to a base
_SENTENCE_STOP = re.compile("[" + "".join(map(re.escape, sorted(SENTENCE_ENDS))) + "]")
_CLAUSE_STOP = re.compile("[" + "".join(map(re.escape, sorted(CLAUSE_ENDS))) + "]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A quantity with the words around it: the sentence, the clause (the quote), the label and
    the period the words give it (extract.periods: year:2021, as_of:2020, cumulative ...)."""

    quantity: Quantity
    sentence: str  # verbatim, may hold line breaks when the quantity itself spans one
    label: str  # the words that name it, line breaks removed (extract.labels): 全市发放小额信贷
    clause: str = ""  # the shortest verbatim stretch around the quantity, for a quote
    period_hint: str | None = None  # from the clause, else the sentence; None when neither says


def _bounds(
    text: str, backwards: str, start: int, end: int, stops: re.Pattern[str], keep_stop: bool
) -> tuple[int, int]:
    """The stretch around text[start:end] between two stop characters, at most WINDOW characters
    on either side, whitespace trimmed.

    `backwards` is text[::-1]: the stop before `start` is the first one read backwards from it.
    """
    size = len(text)
    stop_before = stops.search(backwards, size - start, size - start + WINDOW)
    left = size - stop_before.start() if stop_before is not None else max(0, start - WINDOW)
    stop_after = stops.search(text, end, end + WINDOW)
    right = stop_after.start() if stop_after is not None else min(size, end + WINDOW)
    if keep_stop and stop_after is not None and text[right] != "\n":
        right += 1
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def _stretches(
    text: str, backwards: str, start: int, end: int
) -> tuple[tuple[int, int], tuple[int, int]]:
    """_bounds of the sentence and of the clause around text[start:end], with one search per side
    where the clause's stop also ends the sentence (most clauses end at 。 or ；)."""
    size = len(text)
    low, high = size - start, size - start + WINDOW
    clause_before = _CLAUSE_STOP.search(backwards, low, high)
    if clause_before is None:
        c_left = s_left = max(0, start - WINDOW)
    else:
        c_left = size - clause_before.start()
        sentence_before = (
            clause_before
            if backwards[clause_before.start()] in SENTENCE_ENDS
            else _SENTENCE_STOP.search(backwards, clause_before.start() + 1, high)
        )
        s_left = size - sentence_before.start() if sentence_before else max(0, start - WINDOW)
    clause_after = _CLAUSE_STOP.search(text, end, end + WINDOW)
    if clause_after is None:
        c_right = s_right = min(size, end + WINDOW)
    else:
        c_right = clause_after.start()
        sentence_after = (
            clause_after
            if text[c_right] in SENTENCE_ENDS
            else _SENTENCE_STOP.search(text, c_right + 1, end + WINDOW)
        )
        if sentence_after is None:
            s_right = min(size, end + WINDOW)
        else:
            s_right = sentence_after.start() + (text[sentence_after.start()] != "\n")
    return _trimmed(text, start, end, s_left, s_right), _trimmed(text, start, end, c_left, c_right)


def _unwrapped_left(text: str, backwards: str, left: int) -> int:
    """Where the sentence starting at `left` starts when a line break before it only wraps a
    line (资金5.28\n亿元: no stop before the break), for the period words that lead it."""
    if left == 0 or not text[left - 1].isspace():
        return left  # the common case: the sentence starts right after its stop
    at = left
    while at > 0 and text[at - 1].isspace():
        at -= 1
    if at == left or at == 0 or "\n" not in text[at:left] or text[at - 1] in SENTENCE_ENDS:
        return left
    size = len(text)
    stop = _SENTENCE_STOP.search(backwards, size - at, size - at + WINDOW)
    return size - stop.start() if stop is not None else max(0, at - WINDOW)


_LIST_MARKS = frozenset({"、", "和", "及", "与"})  # between the figures of one list


def _trimmed(text: str, start: int, end: int, left: int, right: int) -> tuple[int, int]:
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def candidate(
    text: str,
    q: Quantity,
    backwards: str | None = None,
    hints: Hints | None = None,
    folded: str | None = None,
    previous: Candidate | None = None,
    list_end: int = -1,
) -> Candidate:
    """The Candidate of one quantity found in `text`. `backwards` (text[::-1]), `hints` (its
    period words), `folded` (fold(text)) are passed when already made; `previous` is the
    candidate of the quantity before it, whose label a figure may share (5776户、17253人), and
    `list_end` the end of the list of figures `q` starts (25.8万户、68.4万人稳定脱贫)."""
    if backwards is None:
        backwards = text[::-1]
    if folded is None:
        folded = fold(text)
    if hints is None:
        hints = Hints(folded)
    (s_left, s_right), (c_left, c_right) = _stretches(text, backwards, q.start, q.end)
    before = None
    if previous is not None and previous.quantity.end > s_left:
        before = (previous.quantity.end, previous.label)  # the figure before it in its sentence
    words = label(text, folded, q, c_left, before, list_end)
    start = -1 if q.unit in _RATIOS else q.start  # 是2015年的1.8倍: 2015 is the base's year
    p_left = _unwrapped_left(text, backwards, s_left)
    period = hints.for_quantity((c_left, c_right), (p_left, s_right), start)
    return Candidate(q, text[s_left:s_right], words, text[c_left:c_right], period)


def propose(text: str) -> list[Candidate]:
    """Every quantity of `text` as a Candidate, in order of appearance."""
    return list(candidates(text))


def candidates(text: str) -> Iterator[Candidate]:
    """propose(text) one Candidate at a time, so a caller that writes them out holds one."""
    if not isinstance(text, str):
        raise ExtractError(repr(text)[:40], "propose needs a string")
    backwards = text[::-1]  # reversed, folded and read for period words once for all quantities
    folded = fold(text)
    hints = Hints(folded)
    previous = None
    found = scan(text, folded)
    for i, q in enumerate(found):
        previous = candidate(text, q, backwards, hints, folded, previous, _list_end(found, i, text))
        yield previous


def _list_end(found: list[Quantity], i: int, text: str) -> int:
    """The end of the list of figures found[i] starts (25.8万户、68.4万人), or -1 when no figure
    follows it with only a list mark between."""
    end = -1
    while i + 1 < len(found) and text[found[i].end : found[i + 1].start] in _LIST_MARKS:
        i += 1
        end = found[i].end
    return end
