"""Candidates for curation: each found quantity with its sentence, clause and label words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from extract.labels import label
from extract.numerals import fold
from extract.periods import Hints
from extract.quantity import Quantity
from extract.scanner import find_quantities

SENTENCE_ENDS = frozenset("。！？!?；;\n")
CLAUSE_ENDS = SENTENCE_ENDS | frozenset("，,：:")
# At most this many characters are kept on either side of a quantity: a text without stops would
# otherwise make every candidate carry all of it, and the output grow with the square of the text.
WINDOW = 200
# The stops as character classes, so the nearest one is found in C, not by a loop in Python.
_SENTENCE_STOP = re.compile("[" + "".join(map(re.escape, sorted(SENTENCE_ENDS))) + "]")
_CLAUSE_STOP = re.compile("[" + "".join(map(re.escape, sorted(CLAUSE_ENDS))) + "]")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A quantity with the words around it: the sentence, the clause (the quote), the label and
    the period the words give it (extract.periods: year:2021, as_of:2020, cumulative ...)."""

    quantity: Quantity
    sentence: str  # verbatim, may hold line breaks when the quantity itself spans one
    label: str  # the clause's words before the number, line breaks removed: 全市发放小额信贷
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


def candidate(
    text: str,
    q: Quantity,
    backwards: str | None = None,
    hints: Hints | None = None,
    folded: str | None = None,
    previous: Candidate | None = None,
) -> Candidate:
    """The Candidate of one quantity found in `text`. `backwards` (text[::-1]), `hints` (its
    period words), `folded` (fold(text)) are passed when already made; `previous` is the
    candidate of the quantity before it, whose label a figure may share (5776户、17253人)."""
    if backwards is None:
        backwards = text[::-1]
    if folded is None:
        folded = fold(text)
    if hints is None:
        hints = Hints(folded)
    s_left, s_right = _bounds(text, backwards, q.start, q.end, _SENTENCE_STOP, keep_stop=True)
    c_left, c_right = _bounds(text, backwards, q.start, q.end, _CLAUSE_STOP, keep_stop=False)
    before = None
    if previous is not None and previous.quantity.end > s_left:
        before = (previous.quantity.end, previous.label)  # the figure before it in its sentence
    words = label(text, folded, q, c_left, before)
    period = hints.for_quantity((c_left, c_right), (s_left, s_right))
    return Candidate(q, text[s_left:s_right], words, text[c_left:c_right], period)


def propose(text: str) -> list[Candidate]:
    """Every quantity of `text` as a Candidate, in order of appearance."""
    return list(candidates(text))


def candidates(text: str) -> Iterator[Candidate]:
    """propose(text) one Candidate at a time, so a caller that writes them out holds one."""
    backwards = text[::-1]  # reversed, folded and read for period words once for all quantities
    folded = fold(text)
    hints = Hints(folded)
    previous = None
    for q in find_quantities(text):
        previous = candidate(text, q, backwards, hints, folded, previous)
        yield previous
