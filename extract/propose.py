"""Candidates for curation: each found quantity with its sentence, clause and label words."""

from __future__ import annotations

from dataclasses import dataclass

from extract.quantity import Quantity
from extract.scanner import find_quantities

SENTENCE_ENDS = frozenset("。！？!?；;\n")
CLAUSE_ENDS = SENTENCE_ENDS | frozenset("，,：:")
LABEL_MAX = 24  # label words kept before the number: enough for 全市农村公益岗总规模达


@dataclass(frozen=True, slots=True)
class Candidate:
    """A quantity with the words around it: the sentence, the clause (the quote) and the label."""

    quantity: Quantity
    sentence: str  # verbatim, may hold line breaks when the quantity itself spans one
    label: str  # the clause's words before the number, line breaks removed: 全市发放小额信贷
    clause: str = ""  # the shortest verbatim stretch around the quantity, for a quote


def _bounds(
    text: str, start: int, end: int, stops: frozenset[str], keep_stop: bool
) -> tuple[int, int]:
    """The stretch around text[start:end] between two stop characters, whitespace trimmed."""
    left = start
    while left > 0 and text[left - 1] not in stops:
        left -= 1
    right = end
    while right < len(text) and text[right] not in stops:
        right += 1
    if keep_stop and right < len(text) and text[right] != "\n":
        right += 1
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    return left, right


def candidate(text: str, q: Quantity) -> Candidate:
    """The Candidate of one quantity found in `text`."""
    s_left, s_right = _bounds(text, q.start, q.end, SENTENCE_ENDS, keep_stop=True)
    c_left, c_right = _bounds(text, q.start, q.end, CLAUSE_ENDS, keep_stop=False)
    label = "".join(text[c_left : q.start].split())[-LABEL_MAX:]
    return Candidate(q, text[s_left:s_right], label, text[c_left:c_right])


def propose(text: str) -> list[Candidate]:
    """Every quantity of `text` as a Candidate, in order of appearance."""
    return [candidate(text, q) for q in find_quantities(text)]
