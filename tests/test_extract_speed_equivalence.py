"""The scanner's shortcuts only skip work: each agrees with the plain reading it stands in for."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract import find_quantities, nonquantities, periods, registry, scanner, units
from extract.numerals import FOLD, NUMERAL_CHAR, fold, is_numeral_char
from extract.propose import _CLAUSE_STOP, _SENTENCE_STOP, _bounds, _stretches

TEXTS = sorted((Path(__file__).resolve().parent.parent / "data" / "texts").glob("*.txt"))
WORDS = (
    list(registry.UNIT_TABLE)
    + list(registry.PREFIX_UNITS)
    + list(registry.MAGNITUDES)
    + list(registry.PREFIX_QUALIFIERS)
    + list(registry.SUFFIX_QUALIFIERS)
    + list(registry.RANGE_JOINERS)
    + list(registry.HOUSEHOLD_NOUNS)
    + list(registry.NAMES_AND_IDIOMS)
    + [mark for pair in registry.QUOTE_PAIRS.items() for mark in pair]
)
NUMERALS = "0123456789.,一二两三五十百千万亿兆零点半"
OTHERS = "分之余多几负第年的，。 \n\u3000kKｋ５％"
PIECES = st.sampled_from([*WORDS, *OTHERS, "http://", "www."]) | st.text(NUMERALS, max_size=4)
TEXT = st.lists(PIECES, max_size=30).map("".join)
# One of each thing that may follow a number, for the precheck that looks for them.
FOLLOWERS = ["3000\n\n个", "3000余个", "1至2名", "3-5万元", "15k元", "三八折", "7.8万脱贫户"]
FOLLOWERS += ["一百千瓦", "3万千瓦", "5千米", "两千 \n 吨"]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in TEXTS]


def test_numeral_char_class_is_is_numeral_char() -> None:
    for cp in range(0x10000):
        ch = chr(cp)
        assert (NUMERAL_CHAR.fullmatch(ch) is not None) == is_numeral_char(ch), hex(cp)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(min_codepoint=0xFF00, max_codepoint=0xFF70)) | TEXT)
def test_fold_is_translate(text: str) -> None:
    assert fold(text) == text.translate(FOLD)


def _masked_plainly(text: str) -> bytearray:
    """nonquantities.masked as a scan of every character and a search for every name."""
    mask = bytearray(len(text))
    for i, ch in enumerate(text):
        close = registry.QUOTE_PAIRS.get(ch)
        j = -1 if close is None else text.find(close, i + 1, i + 1 + registry.QUOTE_MAX_CHARS)
        if j != -1 and not nonquantities.is_speech(text, i, j):
            mask[i : j + 1] = b"\x01" * (j + 1 - i)
    for m in nonquantities._URL.finditer(text):
        mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for name in registry.NAMES_AND_IDIOMS:
        i = text.find(name)
        while i != -1:
            mask[i : i + len(name)] = b"\x01" * len(name)
            i = text.find(name, i + 1)
    return mask


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_masked_is_the_plain_scan(text: str) -> None:
    assert nonquantities.masked(text) == _masked_plainly(text)


def test_masked_is_the_plain_scan_on_the_sources() -> None:
    for text in _texts():
        folded = fold(text)
        assert nonquantities.masked(folded) == _masked_plainly(folded)


@settings(max_examples=200, deadline=None)
@given(TEXT, st.integers(min_value=0, max_value=40))
def test_match_unit_is_the_longest_surface(text: str, pos: int) -> None:
    pos = min(pos, len(text))
    surfaces = [s for s in units.UNITS if text.startswith(s, pos)]
    expected = units.UNITS[max(surfaces, key=len)] if surfaces else None
    assert units.match_unit(text, pos) == expected


def _without_unit_precheck(text: str) -> list:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scanner, "_may_have_unit", lambda text, pos, end: True)
        return find_quantities(text)


@settings(max_examples=300, deadline=None)
@given(TEXT)
@example("，".join(FOLLOWERS))
def test_unit_precheck_only_skips_work(text: str) -> None:
    assert find_quantities(text) == _without_unit_precheck(text)


def test_unit_precheck_only_skips_work_on_the_sources() -> None:
    for text in _texts():
        assert find_quantities(text) == _without_unit_precheck(text)


STOPS = st.sampled_from([*list("。！？；，：\n 、"), "2.09亿元", "全市", "3000余\n\n个"])


@settings(max_examples=300, deadline=None)
@given(st.lists(STOPS, max_size=40).map("".join))
def test_stretches_are_the_two_plain_bounds(text: str) -> None:
    backwards = text[::-1]
    for q in find_quantities(text):
        assert _stretches(text, backwards, q.start, q.end) == (
            _bounds(text, backwards, q.start, q.end, _SENTENCE_STOP, True),
            _bounds(text, backwards, q.start, q.end, _CLAUSE_STOP, False),
        )


def test_stretches_are_the_two_plain_bounds_on_the_sources() -> None:
    seen = 0
    for text in _texts():
        backwards = text[::-1]
        for q in find_quantities(text):
            seen += 1
            assert _stretches(text, backwards, q.start, q.end) == (
                _bounds(text, backwards, q.start, q.end, _SENTENCE_STOP, True),
                _bounds(text, backwards, q.start, q.end, _CLAUSE_STOP, False),
            )
    assert seen > 100


def _hints_plainly(folded: str) -> list[tuple[int, int]]:
    """The spans of periods.Hints as one finditer of _HINTS over the whole text."""
    return [m.span() for m in periods._HINTS.finditer(folded) if periods._hint(m, folded)]


PERIOD_WORDS = [
    *registry.PERIOD_WORDS,
    *registry.PERIOD_AS_OF_BEFORE,
    *registry.PERIOD_SINCE_BEFORE,
]
OTHER_PIECES = ["2021年", "20", "1999年", "二〇二一年", "10月13日", "以来", "底", "的", "，", "年"]
PERIOD_PIECES = st.sampled_from([*PERIOD_WORDS, *OTHER_PIECES])


@settings(max_examples=300, deadline=None)
@given(st.lists(PERIOD_PIECES, max_size=20).map("".join))
def test_period_starts_only_skip_work(text: str) -> None:
    hints = periods.Hints(text)
    assert list(zip(hints._starts, hints._ends, strict=True)) == _hints_plainly(text)


def test_period_starts_only_skip_work_on_the_sources() -> None:
    for text in _texts():
        folded = fold(text)
        hints = periods.Hints(folded)
        assert list(zip(hints._starts, hints._ends, strict=True)) == _hints_plainly(folded)
        assert hints._starts, "no period word found in a source"
