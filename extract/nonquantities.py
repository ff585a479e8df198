"""Numbers that are not quantities: names and slogans, quoted names and titles, ordinals, codes,
headings, idioms (一笔笔, 一户一策).

Dates, times, ages, addresses, document numbers and versions need no rule of their own: their
words (月 日 时 岁 号 楼 版本) are deliberately not units, so no number is paired with them, and 年
counts only a few years (2021年 is a date, see registry.DURATION_YEAR_MAX).
"""

from __future__ import annotations

import re

from extract import registry
from extract.quantity import Quantity

_URL = re.compile(r"(?:https?://|www\.)[!-~]*")
_CODE_NEIGHBOURS = frozenset("-#/.")
_CHINESE_SMALL = frozenset("一二两三四五六七八九十")
# Any opening mark, found in C rather than by a Python loop over every character.
_SUM_OF_MONEY = re.compile(registry.SPEECH_SUM_OF_MONEY)
_QUOTE_OPEN = re.compile("[" + "".join(map(re.escape, registry.QUOTE_PAIRS)) + "]")
# All names in one pass; longest first, so a start is masked as far as its longest name reaches.
_NAMES = re.compile(
    "|".join(map(re.escape, sorted(registry.NAMES_AND_IDIOMS, key=len, reverse=True)))
)


def is_speech(text: str, i: int, j: int) -> bool:
    """True when the quote text[i..j] is speech, whose figures are read: after a colon, holding a
    clause's punctuation (说：“今年种了800亩”) or a sum of money; a name or slogan is none."""
    if text[i] not in registry.SPEECH_MARKS:
        return False  # 《》 and 〔〕 hold titles and document numbers
    if i > 0 and text[i - 1] in registry.SPEECH_INTRODUCERS:
        return True
    inside = text[i + 1 : j]
    return not registry.SPEECH_PUNCTUATION.isdisjoint(inside) or bool(_SUM_OF_MONEY.search(inside))


def masked(text: str) -> bytearray:
    """One flag per character: 1 inside a quoted name or a title, a URL, or a listed name or
    idiom; quoted speech is read like the rest of the text."""
    mask = bytearray(len(text))
    for m in _QUOTE_OPEN.finditer(text):
        i = m.start()
        j = text.find(registry.QUOTE_PAIRS[m.group()], i + 1, i + 1 + registry.QUOTE_MAX_CHARS)
        if j != -1 and not is_speech(text, i, j):
            mask[i : j + 1] = b"\x01" * (j + 1 - i)
    for m in _URL.finditer(text):
        mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    name = _NAMES.search(text)
    while name is not None:  # restart one past each start: overlapping names are masked too
        mask[name.start() : name.end()] = b"\x01" * (name.end() - name.start())
        name = _NAMES.search(text, name.start() + 1)
    return mask


def reason(text: str, q: Quantity, num_start: int, mask: bytearray) -> str | None:
    """Why the found quantity is not one (name, ordinal, code, idiom, vague, article, structure),
    or None."""
    if any(mask[q.start : q.end]):
        return "name"
    before = text[q.start - 1] if q.start > 0 else ""
    if q.unit != "rank" and (before == "第" or text[num_start - 1 : num_start] == "第"):
        return "ordinal"
    if before.isascii() and (before.isalnum() or before in _CODE_NEIGHBOURS) and before:
        return "code"
    digits = text[num_start : num_start + 2]
    if len(digits) == 2 and digits[0] == "0" and digits[1].isdigit():
        return "code"  # 0431, 04: telephone area codes and zero-padded dates
    printed = text[num_start : q.end]
    after = text[q.end : q.end + 2]
    numeral = printed[: len(printed) - len(q.unit_text)] if printed.endswith(q.unit_text) else ""
    if numeral == "一" and (
        text.startswith(q.unit_text, q.end) or after[:1] in registry.IDIOM_AFTER_ONE
    ):
        return "idiom"  # 一笔笔, 一顶顶; 一户一策, 一人一岗; 一户不落
    if numeral == "一" and q.unit == "mu" and after[:1] in registry.LAND_AFTER_ONE_MU:
        return "idiom"
    if q.unit_text == "口" and text.endswith(registry.FAMILY_SIZE_BEFORE, 0, num_start):
        return "idiom"  # 一家五口住上了新房
    if numeral in registry.VAGUE_MAGNITUDES and before in registry.VAGUE_BEFORE:
        return "vague"  # 数千名网格员, 上万人: no number is given
    if numeral == "一" and q.unit_text in registry.ARTICLE_CLASSIFIERS:
        return "article"  # 一个干净整洁的环境, 一只丹顶鹤: an indefinite article
    if q.unit_text == "位" and text[max(0, q.start - 2) : q.start] in registry.RANK_MOVES:
        return "ordinal"  # 较上年前进3位: places in a ranking
    if q.unit_text == "期" and after in registry.PHASE_NAME_NOUNS:
        return "name"  # 风电二期工程
    if (
        numeral
        and set(numeral) <= _CHINESE_SMALL
        and any(text.startswith(noun, q.end) for noun in registry.STRUCTURE_NOUNS)
    ):
        return "structure"  # 强化三个排查, 创新两项举措: headings of the report
    return None
