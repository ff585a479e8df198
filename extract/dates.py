"""Dates and times in a text (2022-10-13 00:00:00, 2022年10月13日, 10月13日, 2021年, 10时30分):
spans that hold numerals but no quantity, so that a curator never has to exclude them one by one."""

from __future__ import annotations

import re

from extract.numerals import fold

_CN = "〇零一二三四五六七八九十"  # numerals of a date written in Chinese (二〇二二年十月十三日)
_Y = r"(?:(?:19|20)\d\d|(?:一九|二[〇零])[〇零一二三四五六七八九]{2})"
_M = rf"(?:1[0-2]|0?[1-9]|[{_CN}]{{1,2}})"
_D = rf"(?:3[01]|[12]\d|0?[1-9]|[{_CN}]{{1,3}})"
_TIME = r"(?:\s*[0-2]?\d[:：][0-5]\d(?:[:：][0-5]\d)?)"
_DATES = re.compile(
    "|".join(
        (
            rf"(?<!\d)(?:19|20)\d\d[-/.](?:1[0-2]|0?[1-9])[-/.](?:3[01]|[12]\d|0?[1-9])(?!\d){_TIME}?",
            rf"{_Y}\s*年(?:\s*{_M}\s*月(?:\s*{_D}\s*[日号])?)?(?:度)?{_TIME}?",
            rf"(?<![\d{_CN}]){_M}\s*月\s*{_D}\s*[日号]{_TIME}?",
            r"(?<![\d:：])[0-2]?\d[:：][0-5]\d(?:[:：][0-5]\d)?(?![\d:：])",
            rf"(?<![\d{_CN}])(?:2[0-4]|[01]?\d|[{_CN}]{{1,3}})\s*时(?:\s*(?:[0-5]?\d|[{_CN}]{{1,3}})\s*分)?",
        )
    )
)


def find_dates(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every date or time in `text`, in order, as offsets into `text`."""
    return [m.span() for m in _DATES.finditer(fold(text))]
