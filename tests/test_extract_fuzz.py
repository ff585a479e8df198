"""Property tests: any string parses or raises ExtractError; adversarial inputs scan right."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from extract import ExtractError, find_quantities, parse_number, parse_quantity, propose

# Characters that exercise the grammar: digits, numerals, magnitudes, units, qualifiers, marks.
ALPHABET = st.sampled_from(
    list("0123456789０９.,，-－至到~%％一二两三十百千万亿兆零点半分之又负余多几约近以上下左右")
    + list("元人户次个名条处头吨度瓦兆米亩成折倍第年月日号“”《》\n 　kKMWm^e/")
)
TEXTS = st.text(ALPHABET, max_size=40) | st.text(max_size=40)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_parsers_raise_only_extract_error(text: str) -> None:
    for parse in (parse_number, parse_quantity):
        try:
            result = parse(text)
        except ExtractError:
            continue
        assert result is not None


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_find_quantities_never_fails_and_slices_exactly(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert isinstance(q.value, Decimal)
    assert len(propose(text)) == len(find_quantities(text))


@given(
    st.integers(min_value=0, max_value=10**12), st.sampled_from(["元", "万元", "人", "户", "个"])
)
def test_printed_integers_round_trip(n: int, unit: str) -> None:
    q = parse_quantity(f"{n:,}{unit}")
    assert q.number == n
    assert q.value == n * (10000 if unit == "万元" else 1)


ADVERSARIAL = [
    "1" * 100_000,
    "一" * 100_000,
    "万" * 100_000,
    "1," * 50_000,
    "1." * 50_000,
    "1\n" * 50_000,
    "“" * 100_000,
    "一二三四五六七八九十" * 10_000,
    ("3000余" + " " * 7 + "\n") * 8_000,
    "第" + "1个" * 50_000,
]


def test_scanner_handles_100k_adversarial_inputs() -> None:
    """Long pathological inputs give correct answers; linear work is by design (no timing here)."""
    for text in ADVERSARIAL:
        found = find_quantities(text)
        for q in found:
            assert text[q.start : q.end] == q.text
    assert find_quantities("1" * 100_000 + "个") == []  # a 100k-digit run is a code, not an amount
    counted = find_quantities("第" + "1个" * 50_000)
    assert len(counted) == 49_999 and all(q.value == 1 for q in counted)
    lines = find_quantities("3个\n" * 30_000)
    assert len(lines) == 30_000
