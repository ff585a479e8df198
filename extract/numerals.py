"""Numbers as printed in Chinese text (Arabic, Chinese numerals, mixed, fractions) as Decimal.

`numeral_value` reads one numeral run (the scanner's unit of work); `parse_number` accepts a whole
string with the extra written forms of number tables (signs, fractions, exponents, k and M).
"""

from __future__ import annotations

import re
from decimal import Decimal

from extract.quantity import ExtractError
from extract.traditional import SIMPLIFIED, TRADITIONAL

# Full-width forms and the traditional characters extract reads (extract.traditional) fold one
# character to one character, so offsets into the folded text are offsets into the original.
# The full-width comma stays: in prose it separates clauses, not thousands.
FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if cp != 0xFF0C}
FOLD.update(zip(map(ord, TRADITIONAL), map(ord, SIMPLIFIED), strict=True))
FOLD_WHOLE = {**FOLD, 0xFF0C: ord(",")}
_FOLDED_RUN = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(FOLD)) + "]+")

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "倆": 2, "俩": 2, "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6,
    "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
ZEROS = frozenset("零〇")
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
POINTS = frozenset("点點")
APPROX = frozenset("余多几幾")  # skipped before a magnitude in parse_number: 十多万 -> 100000
CHINESE_NUMERAL_CHARS = frozenset(DIGITS) | frozenset(SMALL_UNITS) | frozenset(BIG_UNITS)

# Arabic number at a position: thousands groups only when every group has three digits.
ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
MAX_DIGITS = 30  # longer digit strings are codes or identifiers, never amounts
_ONE = Decimal(1)


def fold(text: str) -> str:
    """text.translate(FOLD), done run by run: prose has few full-width or traditional characters,
    and translate would look every character up in FOLD."""
    return _FOLDED_RUN.sub(lambda m: m.group().translate(FOLD), text)


def is_numeral_char(ch: str) -> bool:
    """True for a character that can be part of a numeral run (digits, Chinese numerals)."""
    return (ch.isascii() and ch.isdigit()) or ch in CHINESE_NUMERAL_CHARS


# The characters of is_numeral_char as one class, so a scanner can jump between them in C.
NUMERAL_CHAR = re.compile("[0-9" + "".join(map(re.escape, sorted(CHINESE_NUMERAL_CHARS))) + "]")


def _tokens(s: str) -> list[tuple[str, object]]:
    """Split a numeral string into tokens: num, zero, small, big, point (with its digit string)."""
    tokens: list[tuple[str, object]] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isascii() and (ch.isdigit() or ch == "."):
            m = ARABIC.match(s, i)
            if m is None:
                raise ExtractError(s, "a lone decimal point", i)
            digits = m.group().replace(",", "")
            if len(digits) > MAX_DIGITS:
                raise ExtractError(s, "too many digits for an amount", i)
            tokens.append(("num", (Decimal(digits), False)))
            i = m.end()
        elif ch in ZEROS:
            tokens.append(("zero", None))
            i += 1
        elif ch in DIGITS:
            tokens.append(("num", (Decimal(DIGITS[ch]), True)))
            i += 1
        elif ch == "半":
            tokens.append(("num", (Decimal("0.5"), False)))
            i += 1
        elif ch in SMALL_UNITS:
            tokens.append(("small", SMALL_UNITS[ch]))
            i += 1
        elif ch in BIG_UNITS:
            tokens.append(("big", BIG_UNITS[ch]))
            i += 1
        elif ch in POINTS:
            j = i + 1
            while j < len(s) and (s[j] in DIGITS or (s[j].isascii() and s[j].isdigit())):
                j += 1
            frac = "".join(str(DIGITS[c]) if c in DIGITS else c for c in s[i + 1 : j])
            if not frac:
                raise ExtractError(s, "点 without digits after it", i)
            tokens.append(("point", frac))
            i = j
        elif ch in APPROX and i + 1 < len(s) and s[i + 1] in BIG_UNITS:
            i += 1  # 十多万, 二十几万: the lower bound, as number tables read it
        else:
            raise ExtractError(s, f"{ch!r} is not part of a number", i)
    return tokens


def _whole_arabic(s: str) -> str | None:
    """The digits of `s` when all of it is one Arabic number (2021, 8.7, 4,826), else None."""
    if s.isdigit() and s.isascii():
        return s
    whole = ARABIC.match(s) if s.isascii() else None
    return s.replace(",", "") if whole is not None and whole.end() == len(s) else None


def numeral_value(s: str) -> Decimal:
    """The value of one numeral run such as 4,826, 1.2万, 两万三千, 三千零五十, 一百零几万."""
    digits = _whole_arabic(s)
    if digits is not None:  # most runs: one token, so the sums below come to 0 + its value
        if len(digits) > MAX_DIGITS:
            raise ExtractError(s, "too many digits for an amount", 0)
        return Decimal(0) + Decimal(digits)
    tokens = _tokens(s)
    if not tokens:
        raise ExtractError(s, "no number")
    total = Decimal(0)  # finished parts of 万 and above
    section = Decimal(0)  # the part below 万 being built
    pending: Decimal | None = None
    pending_single = False  # a lone Chinese digit may be elided: 一万三 = 13000
    last_small: int | None = None  # unit of the previous step, for the elision
    last_big: int | None = None
    zero_seen = False
    fraction = ""
    seen_digit = False
    for pos, (kind, arg) in enumerate(tokens):
        if fraction:
            raise ExtractError(s, "characters after the decimal part")
        if kind == "num":
            if pending is not None:
                raise ExtractError(s, "two numbers in a row")
            pending, pending_single = arg  # type: ignore[misc]
            seen_digit = True
        elif kind == "zero":
            if pending is not None:
                raise ExtractError(s, "零 after a digit")
            zero_seen = True
            seen_digit = True
            last_small = None
        elif kind == "small":
            unit = int(arg)  # type: ignore[call-overload]
            if pending is None:
                if section and not zero_seen:
                    raise ExtractError(s, "a unit with nothing to multiply")
                pending = Decimal(1)
            if last_small is not None and unit >= last_small and section:
                raise ExtractError(s, "units out of order")
            section += pending * unit
            pending, last_small, zero_seen, seen_digit = None, unit, False, True
        elif kind == "big":
            unit = int(arg)  # type: ignore[call-overload]
            part = section + (pending or 0)
            if part == 0 and pending is not None:  # 0万: a printed zero, not a bare magnitude
                last_big = unit
            elif part == 0:
                if total == 0 or pos == 0:
                    raise ExtractError(s, "a magnitude with no number before it")
                total *= unit  # 万万, 万亿
                last_big = (last_big or 1) * unit
            elif last_big is not None and unit > last_big:
                total = (total + part) * unit  # 一万五千亿
                last_big = unit
            else:
                total += part * unit
                last_big = unit
            section, pending, zero_seen = Decimal(0), None, False
            last_small = unit
        else:  # point
            fraction = str(arg)
            if not seen_digit and pending is None:
                raise ExtractError(s, "点 with no whole part")
    if pending is not None:
        if pending_single and last_small is not None and not zero_seen and last_small >= 100:
            section += pending * last_small / 10  # 两千三百五 -> 2350
        else:
            section += pending
    value = total + section
    if fraction:
        value += Decimal("0." + fraction)
    return value


_SIGNS = {"负": -1, "負": -1, "-": -1, "+": 1}
_MIXED_FRACTION = re.compile(r"(\d+)\s+(\d+)/(\d+)")
_SLASH_FRACTION = re.compile(r"(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)")
_EXPONENT = re.compile(r"(\d+(?:\.\d+)?|\.\d+)e([+-]?\d{1,4})", re.IGNORECASE)
_POWER = re.compile(r"(\d+(?:\.\d+)?)\^([+-]*)(\d{1,3})")
_SUFFIX_MULTIPLIERS = {"k": Decimal(1000), "K": Decimal(1000), "M": Decimal(10**6)}
_DENOMINATOR_WORDS = {"百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "万万": 10**8}


def _signed(s: str) -> tuple[int, str]:
    sign = 1
    while s and s[0] in _SIGNS:
        sign *= _SIGNS[s[0]]
        s = s[1:]
    return sign, s


def _simple(s: str) -> Decimal:
    """A number that is not a fraction: numerals, exponents, powers, dozens, k and M."""
    if m := _SLASH_FRACTION.fullmatch(s):
        if Decimal(m[2]) == 0:
            raise ExtractError(s, "a fraction over zero")
        return Decimal(m[1]) / Decimal(m[2])
    if m := _EXPONENT.fullmatch(s):
        return Decimal(m[1]).scaleb(int(m[2]))
    if m := _POWER.fullmatch(s):
        exponent = int(m[3]) * (-1) ** m[2].count("-")
        return Decimal(m[1]) ** exponent
    if len(s) > 1 and s.endswith("打"):  # a dozen
        return numeral_value(s[:-1]) * 12
    if len(s) > 1 and s[-1] in _SUFFIX_MULTIPLIERS:
        return numeral_value(s[:-1]) * _SUFFIX_MULTIPLIERS[s[-1]]
    return numeral_value(s)


def _fraction(s: str) -> Decimal:
    """A 分之 fraction (三分之一, 负3分之负157, 百分之五), or a plain number."""
    if "分之" not in s:
        return _simple(s)
    denominator, _, numerator = s.partition("分之")
    sign_n, numerator = _signed(numerator)
    sign_d, denominator = _signed(denominator)
    if denominator in _DENOMINATOR_WORDS:
        base = Decimal(_DENOMINATOR_WORDS[denominator])
    else:
        base = _simple(denominator)
    if base == 0:
        raise ExtractError(s, "a fraction over zero")
    return sign_n * sign_d * _simple(numerator) / base


def _unsigned(s: str) -> Decimal:
    """A whole-string number without a leading sign; 又 joins a whole part and a fraction."""
    if s.count("又") > 1 or s.count("分之") > 1:
        raise ExtractError(s, "more than one fraction")
    if "又" in s:  # 三百五又三分之一
        whole, _, rest = s.partition("又")
        return _simple(whole) + _fraction(rest)
    return _fraction(s)


def parse_number(text: str) -> Decimal:
    """A whole string as one number (4,826 ２３６５ 1.2万 两万三千 三分之一), else ExtractError."""
    if not isinstance(text, str):
        raise ExtractError(repr(text), "a number must be given as a string")
    folded = text.translate(FOLD_WHOLE).strip()
    if m := _MIXED_FRACTION.fullmatch(folded):  # 1 3/5: the one place a space means something
        return Decimal(m[1]) + Decimal(m[2]) / Decimal(m[3])
    compact = "".join(folded.split())
    sign, body = _signed(compact)
    if not body:
        raise ExtractError(text, "no number")
    try:
        value = _unsigned(body)
    except ArithmeticError as err:  # Decimal overflow or 0 to a negative power
        raise ExtractError(text, "number out of range") from err
    except ExtractError as err:
        raise ExtractError(text, err.reason) from None
    return plain(sign * value)


def plain(value: Decimal) -> Decimal:
    """The same value without trailing zeros or an exponent: 12000.0 -> 12000, 46.780 -> 46.78."""
    try:
        if value == value.to_integral_value():
            return value.quantize(_ONE)
        return value.normalize()
    except ArithmeticError:  # more digits than the context holds: leave it as it is
        return value
