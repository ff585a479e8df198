"""The scanner: finds number + qualifier + magnitude + unit in a text, in one left-to-right pass.

Each position is looked at a bounded number of times (numeral runs are capped, a failed run is
skipped whole, gaps and windows have fixed widths), so the work is linear in the text's length.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from typing import NamedTuple

from extract import nonquantities, qualifiers, registry, things
from extract.numerals import (
    ARABIC,
    CHINESE_NUMERAL_CHARS,
    DIGITS,
    FOLD_WHOLE,
    NUMERAL_CHAR,
    POINTS,
    fold,
    is_numeral_char,
    numeral_value,
    plain,
)
from extract.quantity import ExtractError, Quantity
from extract.units import (
    MAGNITUDES,
    PREFIX_UNITS,
    Unit,
    match_magnitude,
    match_unit,
    per,
    scaled,
)

MAX_RUN = 64  # a numeral run longer than this is a code or a list, not an amount
MAX_GAP = 8  # whitespace allowed between a number and its unit, when it holds a line break
_UNIT_INITIALS = frozenset(s[0] for s in registry.UNIT_TABLE)
_PREFIX_UNITS = sorted(PREFIX_UNITS, key=len, reverse=True)
_PREFIX_UNIT_INITIALS = frozenset(w[0] for w in PREFIX_UNITS)
_HOUSEHOLD_INITIALS = frozenset(w[0] for w in registry.HOUSEHOLD_NOUNS)
# A numeral run's plain characters; 兆 and the separators depend on their neighbours (_run_end).
_RUN_CHARS = re.compile(
    "[0-9" + "".join(map(re.escape, sorted(CHINESE_NUMERAL_CHARS - {"兆"}))) + "]+"
)
_RUN_LINKS = frozenset(",.兆") | POINTS  # in a run only between the right neighbours
_SPECIAL_READING_NEXT = frozenset("kK折")  # the characters _special_readings looks for
# What may follow a reading that is part of a quantity: a unit (or a household noun before 户),
# 余/多/几, a range joiner, the gap before a unit, or the k/折 of _special_readings.
_FOLLOWERS = (
    frozenset(registry.APPROXIMATE_RANGE_MARK)
    | _UNIT_INITIALS
    | _HOUSEHOLD_INITIALS
    | frozenset(registry.INFIX_QUALIFIERS)
    | frozenset(w[0] for w in registry.RANGE_JOINERS)
    | _SPECIAL_READING_NEXT
)
_MAGNITUDE_ENDS = frozenset(w[-1] for w in MAGNITUDES)
# Numerals that make a run Chinese; 万 and 亿 alone do not (3万 is an Arabic number).
_MAKES_CHINESE = CHINESE_NUMERAL_CHARS - frozenset("万萬亿億")
_ASCII_DIGITS = frozenset("0123456789")
_PREFIX_QUALIFIER_WORDS = sorted(registry.PREFIX_QUALIFIERS, key=len, reverse=True)
_HALF_DIMENSIONS = frozenset({"mass", "length", "area", "volume", "share", "power", "energy"})
_RATE_DENOMINATORS = sorted(registry.RATE_DENOMINATORS, key=len, reverse=True)
_DASHES = frozenset({"-", "－", "~", "～", "—", "——", "–"})  # joiners of Arabic numbers only
_RANK_WINDOW = 6  # characters before 第 in which a rank word (排名, 全省) may end
_FRACTION_NEXT = frozenset((registry.FRACTION_MARK[0], registry.HALF))
_APPROXIMATE_NEXT = frozenset(DIGITS) | frozenset(registry.APPROXIMATE_RANGE_MARK)
_JOINER_INITIALS = frozenset(w[0] for w in registry.RANGE_JOINERS)


# _Number and _Tail are NamedTuples: immutable like a frozen dataclass, and built several times
# per number found, where a frozen dataclass would pay one object.__setattr__ call per field.
class _Number(NamedTuple):
    """One numeral run read at a position: its value and its printed number/magnitude split."""

    start: int
    end: int
    value: Decimal
    number: Decimal
    magnitude: str  # trailing magnitude moved to unit_text (5.9 + 亿), normalised to simplified
    chinese: bool  # holds a Chinese numeral character


class _Tail(NamedTuple):
    """What follows a number: qualifier, magnitude, unit, as far as `end`."""

    end: int
    unit: Unit  # scaled by the magnitude
    base: Unit  # the registered unit or classifier itself
    qualifier: str | None
    half: bool = False
    extra: Decimal = Decimal(0)  # 角/分 of a 元 amount, in 元


def _run_end(text: str, pos: int) -> int:
    """End of the numeral run starting at `pos` (digits, separators, Chinese numerals, 点)."""
    i = pos
    n = len(text)
    limit = min(n, pos + MAX_RUN + 1)  # a run is read no further than one past MAX_RUN
    while i < limit:
        plain_run = _RUN_CHARS.match(text, i, limit)
        if plain_run is not None:
            i = plain_run.end()
        if i in (pos, limit) or text[i] not in _RUN_LINKS:
            break  # nothing read at `pos`, the cap or the end reached, or no separator next
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if (ch == "兆" and is_numeral_char(nxt)) or _joins_digits(text, i, ch, nxt):
            i += 1  # 兆 as 10^12 only inside a numeral (兆瓦 is a unit); 4,826; 5.9; 三点五
        else:
            break
    return max(i, pos + 1)


def _joins_digits(text: str, i: int, ch: str, nxt: str) -> bool:
    """A separator inside a numeral: 4,826 and 5.9 between ASCII digits, 点 before a digit."""
    if ch in ",.":
        return text[i - 1].isdigit() and nxt.isascii() and nxt.isdigit()
    return ch in POINTS and (nxt in DIGITS or (nxt.isascii() and nxt.isdigit()))


def _split_magnitude(run: str, value: Decimal) -> tuple[Decimal, str]:
    """Move a trailing magnitude to unit_text when the rest of the run is the printed number.

    Arabic numbers give up any trailing magnitude (5.9亿 -> 5.9 + 亿, 8千 -> 8 + 千); Chinese
    numerals only a trailing 万/亿 that multiplies everything before it (三千零五十万 -> 3050 + 万),
    so one printed value gets one (number, unit_text) pair whatever its script.
    """
    if run[-1] not in _MAGNITUDE_ENDS:
        return plain(value), ""  # no magnitude word ends the run (the common case: 2021, 8.7)
    for length in (
        2,
        1,
    ):  # 萬 and 億 are already 万 and 亿: the text is folded (extract.traditional)
        head, tail = run[:-length], run[-length:]
        if len(run) <= length or tail not in MAGNITUDES:
            continue
        arabic = ARABIC.fullmatch(head) is not None
        if not arabic and not set(tail) <= {"万", "亿"}:
            continue
        try:
            number = numeral_value(head)
        except ExtractError:
            continue
        if number * MAGNITUDES[tail] == value:
            return plain(number), tail
    return plain(value), ""


def _numbers_at(text: str, pos: int, end: int | None = None) -> list[_Number]:
    """The readings of the numeral run at `pos` (ending at `end`, when the caller has it): the whole
    run, then up to two characters shorter, so that a unit may start inside it (一百千瓦, 5千米).
    """
    if end is None:
        end = _run_end(text, pos)
    if end - pos > MAX_RUN:
        return []
    found = []
    for cut in (end, end - 1, end - 2):
        if cut <= pos or (cut < end and text[cut] not in _UNIT_INITIALS):
            continue
        run = text[pos:cut]
        try:
            value = numeral_value(run)
        except ExtractError:
            continue
        number, magnitude = _split_magnitude(run, value)
        chars = set(run)
        chinese = not chars.isdisjoint(_MAKES_CHINESE) or chars.isdisjoint(_ASCII_DIGITS)
        found.append(_Number(pos, cut, value, number, magnitude, chinese))
    if text[end : end + 1] in _SPECIAL_READING_NEXT:
        found += _special_readings(text, pos, end)
    return found


def _may_have_unit(text: str, pos: int, end: int) -> bool:
    """False when no reading of the run pos..end can have a unit or range after it.

    A reading ends at `end`, or one or two characters earlier before a unit's first character
    (_numbers_at); _tail and _range need one of _FOLLOWERS or a gap where it ends.
    """
    after = text[end : end + 1]
    if after == "年" and end - pos >= 3 and text[pos:end].isdigit():
        return False  # 2021年: a year (a duration is under DURATION_YEAR_MAX years)
    return (
        after in _FOLLOWERS
        or after.isspace()
        or (end - 1 > pos and text[end - 1] in _UNIT_INITIALS)
        or (end - 2 > pos and text[end - 2] in _UNIT_INITIALS)
    )


def _special_readings(text: str, pos: int, end: int) -> list[_Number]:
    """Readings that depend on the next character: 15k (thousands), 三八折 (digits read in turn)."""
    run, nxt = text[pos:end], text[end : end + 1]
    after = text[end + 1 : end + 2]
    if nxt in ("k", "K") and ARABIC.fullmatch(run) and not (after.isascii() and after.isalpha()):
        value = Decimal(run.replace(",", "")) * 1000
        return [_Number(pos, end + 1, value, value, "", False)]
    if nxt == "折" and len(run) == 2 and all(c in DIGITS and DIGITS[c] for c in run):
        value = DIGITS[run[0]] + Decimal(DIGITS[run[1]]) / 10  # 三八折 = 3.8 tenths
        return [_Number(pos, end, value, value, "", True)]
    return []


def _gap_end(text: str, pos: int) -> int:
    """Skip whitespace holding a line break (3000余\\n\\n个); otherwise stay at `pos`."""
    i = pos
    while i < len(text) and i - pos < MAX_GAP and text[i].isspace():
        i += 1
    return i if "\n" in text[pos:i] else pos


def _money_extra(text: str, pos: int) -> tuple[int, Decimal]:
    """角 and 分 after 元 (50元6角三分): where they end and their amount in 元."""
    extra = Decimal(0)
    for _ in range(2):
        end = _run_end(text, pos)
        if end - pos > 3 or end >= len(text) or text[end] not in registry.MONEY_SUBUNITS:
            break
        try:
            amount = numeral_value(text[pos:end])
        except ExtractError:
            break
        extra += amount * Decimal(registry.MONEY_SUBUNITS[text[end]])
        pos = end + 1
    return pos, extra


def _tail(text: str, num: _Number, allow_infix: bool = True) -> _Tail | None:
    """Qualifier, magnitude and unit after a number, or None when no unit follows it."""
    pos = num.end
    qualifier = registry.INFIX_QUALIFIERS.get(text[pos : pos + 1]) if allow_infix else None
    magnitude = num.magnitude
    if qualifier:
        pos += 1
        word = "" if magnitude else match_magnitude(text, pos)
        if word and match_unit(text, pos) is None:  # 40多亿元, but 3多千瓦 keeps 千瓦 whole
            magnitude, pos = word, pos + len(word)
    unit_pos = _gap_end(text, pos) if text[pos : pos + 1].isspace() else pos
    word = match_magnitude(text, unit_pos) if unit_pos != pos and not magnitude else ""
    if word and match_unit(text, unit_pos) is None:  # 5.28\n亿元: the break before the magnitude
        magnitude, unit_pos = word, unit_pos + len(word)
    base = None
    end = unit_pos
    if text[unit_pos : unit_pos + 1] in _HOUSEHOLD_INITIALS:
        for noun in registry.HOUSEHOLD_NOUNS:  # 7.8万脱贫户: 户 is the unit, 脱贫 a noun between
            if text.startswith(noun + "户", unit_pos):
                base, end = match_unit(text, unit_pos + len(noun)), unit_pos + len(noun) + 1
                break
    if base is None:
        base = match_unit(text, unit_pos)
        if base is None:
            return None
        end = unit_pos + len(base.surface)
    if unit_pos != pos and base.surface in registry.NO_GAP_UNITS:
        return None
    if base.code == "duration:year" and (
        num.value >= registry.DURATION_YEAR_MAX or text.startswith(registry.DURATION_NOT_AFTER, end)
    ):
        return None  # 2021年 is a date, 五年前 a point in time
    extra = Decimal(0)
    if base.code == "yuan" and base.surface == "元" and not magnitude:
        end, extra = _money_extra(text, end)
    if text[end : end + 1] == "/" and (rate := _per(text, end + 1, base)) is not None:
        end += len(rate.surface) - len(base.surface)  # the slash and the denominator
        return _Tail(end, scaled(rate, magnitude), rate, qualifier)
    half = (
        end < len(text)
        and text[end] == "半"
        and base.dimension in _HALF_DIMENSIONS
        and num.value == num.value.to_integral_value()
        and not magnitude
        and not qualifier
    )
    return _Tail(end + half, scaled(base, magnitude), base, qualifier, half, extra)


def _per(text: str, pos: int, base: Unit) -> Unit | None:
    """The rate unit of `base` per the denominator at `pos` (元 + 公斤 -> 元/公斤, yuan_per:kg),
    or None when no denominator stands there."""
    for word in _RATE_DENOMINATORS:
        if text.startswith(word, pos):
            return per(base, word)
    return None


def _count_code(text: str, tail: _Tail, start: int) -> str:
    if tail.base.code == "count":
        return things.count_code(tail.base.surface, text, start, tail.end)
    if tail.base.code == "household":
        return things.household_code(text, tail.end)
    return tail.base.code


def _discount_factor(tail: _Tail, number: Decimal) -> Decimal | None:
    """折 counts tenths (九折 = 90 %) but a two-digit discount is already a percent (75折)."""
    if number == number.to_integral_value() and 10 < number < 100:
        return Decimal(1)
    return tail.unit.factor if 0 < number < 10 else None


def _single(text: str, original: str, num: _Number, start: int) -> Quantity | None:
    tail = _tail(text, num)
    if tail is None:
        return None
    if tail.base.surface == "折":
        factor = _discount_factor(tail, num.number)
        if factor is None or tail.unit.surface != "折":
            return None
        tail = _Tail(tail.end, Unit("折", "percent", factor, "share"), tail.base, tail.qualifier)
    if tail.half or tail.extra:  # 一吨半, 50元6角: rare, so the common case does two operations
        number = num.number + (Decimal("0.5") if tail.half else 0)
        value = (num.number * tail.unit.factor) + (tail.unit.factor / 2 if tail.half else 0)
        value += tail.extra * tail.base.factor
    else:
        number, value = num.number, num.number * tail.unit.factor
    end = tail.end
    word, qualifier = qualifiers.suffix_at(text, end)
    if not word and (after := registry.UNIT_SUFFIX_QUALIFIERS.get(tail.base.surface)):
        qualifier = after.get(text[end : end + 1], "")  # 3倍多
        word = text[end] if qualifier else ""
    end += len(word)
    return Quantity(
        text=original[start:end],
        start=start,
        end=end,
        number=plain(number + tail.extra if tail.extra else number),
        unit_text=tail.unit.surface,
        value=plain(value),
        unit=_count_code(text, tail, num.start),
        qualifier=qualifier or tail.qualifier or "exact",  # type: ignore[arg-type]
    )


def _range(text: str, original: str, low: _Number, start: int) -> Quantity | None:
    """1至2名, 3-5万元: two numbers sharing the second one's magnitude and unit."""
    joiner = qualifiers.joiner_at(text, low.end)
    if not joiner:
        return None
    arabic_only = not low.chinese
    if joiner in _DASHES and not arabic_only:
        return None
    for high in _numbers_at(text, low.end + len(joiner)):
        if joiner in "-－" and high.chinese:
            continue
        tail = _tail(text, high, allow_infix=False)
        if tail is None:
            continue
        mag = MAGNITUDES.get(tail.unit.surface[: -len(tail.base.surface)] or "", Decimal(1))
        low_raw = low.value if low.magnitude else low.value * mag
        word, _ = qualifiers.suffix_at(text, tail.end)
        end = tail.end + len(word)
        return Quantity(
            text=original[start:end],
            start=start,
            end=end,
            number=plain(low_raw / mag),
            unit_text=tail.unit.surface,
            value=plain(low_raw * tail.base.factor),
            unit=_count_code(text, tail, low.start),
            qualifier="range",
            number_max=high.number,
            value_max=plain(high.number * tail.unit.factor),
        )
    return None


def _prefix_unit(text: str, original: str, pos: int) -> Quantity | None:
    """百分之五十, 千分之二: the unit is written before the number."""
    for word in _PREFIX_UNITS:
        if text.startswith(word, pos):
            candidates = _numbers_at(text, pos + len(word))
            if not candidates:
                return None
            num = max(candidates, key=lambda c: c.end)
            unit = PREFIX_UNITS[word]
            end = num.end
            suffix, qualifier = qualifiers.suffix_at(text, end)
            end += len(suffix)
            return Quantity(
                text=original[pos:end],
                start=pos,
                end=end,
                number=plain(num.value),
                unit_text=word,
                value=plain(num.value * unit.factor),
                unit=unit.code,
                qualifier=qualifier or "exact",  # type: ignore[arg-type]
            )
    return None


def match_at(text: str, original: str, pos: int, end: int | None = None) -> Quantity | None:
    """The quantity whose number starts at `pos` of the folded `text`, qualifier words included.

    `end` is where the numeral run at `pos` ends, when the caller has it (see _run_end).
    """
    if text[pos] in _PREFIX_UNIT_INITIALS and (pos == 0 or not is_numeral_char(text[pos - 1])):
        found = _prefix_unit(text, original, pos)
        if found is not None:
            return found
    if end is None:
        end = _run_end(text, pos)
    if pos > 0 and text[pos - 1] == "第":
        return _rank(text, original, pos, end)  # 排名第3; any other 第 is an ordinal
    if text[end : end + 1] in _FRACTION_NEXT:
        found = _fraction(text, original, pos, end)
        if found is not None:
            return found
    if not _may_have_unit(text, pos, end):
        if text[end - 1] in _MAGNITUDE_ENDS:
            return _bare(text, original, pos, end)  # 总人口30万
        return None  # 2021年, 一步: most numerals in prose, settled without reading the run
    word, prefix_qualifier = qualifiers.prefix_at(text, pos)
    start = pos - len(word)
    best = None
    if text[pos] in DIGITS and text[pos + 1 : pos + 2] in _APPROXIMATE_NEXT:
        best = _approximate_range(text, original, pos, end, start)  # 五六万元, 二、三百万元
    for num in _numbers_at(text, pos, end):
        found = _range(text, original, num, start) or _single(text, original, num, start)
        if found is None:
            continue
        if best is None or found.end > best.end:
            best = found
    if best is None:
        return _bare(text, original, pos, end)  # 10来万, 20余万: no unit after the magnitude
    if best.qualifier != "range" and text[best.end : best.end + 1] in _JOINER_INITIALS:
        best = _unit_range(text, original, best) or best  # 20%—30%
    if word == registry.DURATION_NOT_PREFIX and best.unit == "duration:year":
        return None  # 近五年: the recent years, not a figure
    if best.qualifier == "exact" and prefix_qualifier != "exact":
        best = replace(best, qualifier=prefix_qualifier)
    if not word and pos > 0 and text[pos - 1] in "负負":  # 负3.9%: a negative amount
        best = _negated(best, original, pos - 1)
    return best


def _bare(text: str, original: str, pos: int, end: int) -> Quantity | None:
    """A number with a magnitude and no unit, in the unit its words give (总人口30万 -> person,
    1.2万群众 -> person, 农户4.6万 -> household, 能挣10来万 -> yuan); None when they give none."""
    num = next((n for n in _numbers_at(text, pos, end) if n.end == end), None)
    if num is None:
        return None
    magnitude, stop, infix = num.magnitude, end, None
    if not magnitude and (infix := qualifiers.infix_at(text, stop)):
        magnitude = match_magnitude(text, stop + 1)
        stop += 1 + len(magnitude)
    if magnitude not in registry.BARE_MAGNITUDES:
        return None
    word, prefix_qualifier = qualifiers.prefix_at(text, pos)
    start = pos - len(word)
    code = _bare_unit(text, start, stop)
    if code is None:
        return None
    suffix, suffix_qualifier = qualifiers.suffix_at(text, stop)
    stop += len(suffix)
    return Quantity(
        text=original[start:stop],
        start=start,
        end=stop,
        number=num.number,
        unit_text=magnitude,
        value=plain(num.number * MAGNITUDES[magnitude]),
        unit=code,
        qualifier=suffix_qualifier or infix or prefix_qualifier,  # type: ignore[arg-type]
    )


def _bare_unit(text: str, start: int, stop: int) -> str | None:
    """The unit code the words around a bare magnitude give, or None."""
    at = start
    for _ in range(2):  # 人口约, 人员达到: link words between the noun and the number
        word = next((w for w in registry.BARE_LINKS if text.endswith(w, 0, at)), None)
        if word is None:
            break
        at -= len(word)
    for noun, code in registry.BARE_NOUNS_BEFORE.items():
        if text.endswith(noun, 0, at):
            return code
    if text.endswith(registry.BARE_MONEY_BEFORE, 0, at):
        return "yuan"
    after = stop
    for modifier in registry.BARE_MODIFIERS:
        if text.startswith(modifier, after):
            after += len(modifier)  # 42.6万建档立卡贫困人口
    for noun, code in registry.BARE_NOUNS_AFTER.items():
        if text.startswith(noun, after):
            return code
    return None


def _rank(text: str, original: str, pos: int, end: int) -> Quantity | None:
    """第 + numeral (+ 名/位) after a rank word (排名第3, 位居全省第一); else None (第一书记)."""
    before = text[max(0, pos - 1 - _RANK_WINDOW) : pos - 1]
    if not before.endswith(registry.RANK_BEFORE) or text.startswith(registry.RANK_NOT_BEFORE, end):
        return None
    try:
        value = numeral_value(text[pos:end])
    except ExtractError:
        return None
    if value <= 0 or value != value.to_integral_value():
        return None
    unit = text[end] if text[end : end + 1] in registry.RANK_UNITS else ""
    stop = end + len(unit)
    return Quantity(
        text=original[pos - 1 : stop],
        start=pos - 1,
        end=stop,
        number=plain(value),
        unit_text="第" + unit,
        value=plain(value),
        unit="rank",
    )


def _fraction(text: str, original: str, pos: int, end: int) -> Quantity | None:
    """三分之一 (1 over 3), 近五分之二, 三分之二以上, 一半 (1 over 2); not 百分之 (a percent)."""
    if text.startswith(registry.FRACTION_MARK, end):
        top = end + len(registry.FRACTION_MARK)
        if top >= len(text) or not is_numeral_char(text[top]):
            return None
        stop = _run_end(text, top)
        try:
            denominator, numerator = numeral_value(text[pos:end]), numeral_value(text[top:stop])
        except ExtractError:
            return None
        if denominator <= 0 or numerator < 0 or numerator > denominator:
            return None
        unit_text = registry.FRACTION_MARK
    elif text[pos:end] == "一" and text[end] == registry.HALF:
        denominator, numerator, stop, unit_text = Decimal(2), Decimal(1), end + 1, registry.HALF
    else:
        return None
    word, prefix_qualifier = qualifiers.prefix_at(text, pos)
    start = pos - len(word)
    suffix, suffix_qualifier = qualifiers.suffix_at(text, stop)
    stop += len(suffix)
    return Quantity(
        text=original[start:stop],
        start=start,
        end=stop,
        number=plain(numerator),
        unit_text=unit_text,
        value=plain(numerator),
        unit="fraction",
        qualifier=suffix_qualifier or prefix_qualifier,  # type: ignore[arg-type]
        denominator=plain(denominator),
    )


def _approximate_range(text: str, original: str, pos: int, end: int, start: int) -> Quantity | None:
    """Two neighbouring digits, the first sharing the second's magnitude and unit: 五六万元 (5万 to
    6万元), 二、三百万元 (200万 to 300万元), 七八千元; None for anything else."""
    low = DIGITS.get(text[pos], 0)
    if not low:
        return None
    if end == pos + 1 and text[end : end + 1] == registry.APPROXIMATE_RANGE_MARK:
        high_at = end + 1
    elif end >= pos + 2:
        high_at = pos + 1
    else:
        return None
    high = DIGITS.get(text[high_at : high_at + 1])
    if high != low + 1:
        return None
    top = None
    for num in _numbers_at(text, high_at):
        found = _single(text, original, num, high_at)
        if found is not None and (top is None or found.end > top.end):
            top = found
    if top is None or top.denominator is not None:
        return None
    value, number = top.value * low / high, top.number * low / high
    if value * high != top.value * low or number * high != top.number * low:
        return None  # 二、三百五十万: the first digit does not share a round magnitude
    return Quantity(
        text=original[start : top.end],
        start=start,
        end=top.end,
        number=plain(number),
        unit_text=top.unit_text,
        value=plain(value),
        unit=top.unit,
        qualifier="range",
        number_max=top.number,
        value_max=top.value,
    )


def _unit_range(text: str, original: str, low: Quantity) -> Quantity | None:
    """A range whose ends both carry the unit (20%—30%, 30人至50人, 3000元—5000元), or None."""
    joiner = qualifiers.joiner_at(text, low.end)
    at = low.end + len(joiner)
    if not joiner or at >= len(text) or not is_numeral_char(text[at]):
        return None
    top = None
    for num in _numbers_at(text, at):
        if joiner in _DASHES and num.chinese:
            continue
        found = _single(text, original, num, at)
        if found is not None and (top is None or found.end > top.end):
            top = found
    if top is None or (top.unit, top.unit_text) != (low.unit, low.unit_text):
        return None
    return replace(
        low,
        text=original[low.start : top.end],
        end=top.end,
        qualifier="range",
        number_max=top.number,
        value_max=top.value,
    )


def _negated(q: Quantity, original: str, start: int) -> Quantity:
    def neg(d: Decimal | None) -> Decimal | None:
        return None if d is None else -d

    return replace(
        q,
        text=original[start : q.end],
        start=start,
        number=-q.number,
        value=-q.value,
        number_max=neg(q.number_max),
        value_max=neg(q.value_max),
    )


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, in order, with offsets into `text`; non-quantities are skipped."""
    if not isinstance(text, str):
        raise ExtractError(repr(text)[:40], "find_quantities needs a string")
    return scan(text, fold(text))


def scan(text: str, folded: str) -> list[Quantity]:
    """find_quantities of `text` whose fold(text) the caller has already made."""
    masked = nonquantities.masked(folded)
    found: list[Quantity] = []
    candidate = NUMERAL_CHAR.search(folded)  # numbers start only at numeral characters
    while candidate is not None:
        i = candidate.start()
        end = _run_end(folded, i)
        quantity = match_at(folded, text, i, end)
        if quantity is None:
            candidate = NUMERAL_CHAR.search(folded, end)
            continue
        if nonquantities.reason(folded, quantity, i, masked) is None:
            found.append(quantity)
        candidate = NUMERAL_CHAR.search(folded, max(quantity.end, i + 1))
    return found


def parse_quantity(text: str) -> Quantity:
    """The whole string as one quantity (5.9亿元, 3000余个, 1至3名, 约65万吨); else ExtractError.

    Spaces inside the quantity are tolerated (一 百 五 十 个 百 分 点); offsets are 0..len.
    """
    if not isinstance(text, str):
        raise ExtractError(repr(text)[:40], "parse_quantity needs a string")
    quantity = _parse_whole(text)
    stripped = text.strip()
    compact = "".join(stripped.split())
    if quantity is None and compact and compact != stripped:
        spaced = _parse_whole(compact)
        if spaced is not None:
            lead = len(text) - len(text.lstrip())
            quantity = replace(spaced, text=stripped, start=lead, end=lead + len(stripped))
    if quantity is None:
        raise ExtractError(text, "not exactly one number with a unit")
    return quantity


def _parse_whole(text: str) -> Quantity | None:
    """The quantity spanning all of `text` but its outer whitespace, or None."""
    folded = text.translate(FOLD_WHOLE)
    lead = len(folded) - len(folded.lstrip())
    body_end = len(folded.rstrip())
    pos = lead
    if folded[pos : pos + 1] in ("-", "+"):  # a sign is unambiguous when the string is one number
        folded = folded[:pos] + ("负" if folded[pos] == "-" else " ") + folded[pos + 1 :]
        pos += 1
    elif folded[pos : pos + 1] in ("负", "負"):
        pos += 1
    for word in _PREFIX_QUALIFIER_WORDS:
        if folded.startswith(word, pos):
            pos += len(word)
            break
    if pos >= body_end or not (is_numeral_char(folded[pos]) or folded[pos] == "半"):
        return None
    quantity = _match_whole(folded, text, pos)
    if quantity is None or quantity.end != body_end:
        return None
    if quantity.start != lead and folded[lead] != "+":
        return None
    return quantity


def _match_whole(folded: str, text: str, pos: int) -> Quantity | None:
    if folded[pos] == "半":  # 半成, 半百: only when the whole string is the quantity
        num = _Number(pos, pos + 1, Decimal("0.5"), Decimal("0.5"), "", True)
        word, _ = qualifiers.prefix_at(folded, pos)
        return _single(folded, text, num, pos - len(word))
    return match_at(folded, text, pos)
