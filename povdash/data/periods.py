"""Periods of observations: "2021", "2020-12", "2020-12-31", "2016..2020-04-21", "..2020-04-21"."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date

# The table's period_kind column -> the sidebar's period kind.
PERIOD_KIND_OF: dict[str, str] = {
    "year": "annual",
    "month": "annual",
    "range": "cumulative",
    "date": "as_of",
}

_POINT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Period:
    """A parsed period: kind is year | month | date | range; start is None for an open range."""

    text: str
    kind: str
    start: date | None
    end: date

    @property
    def start_iso(self) -> str | None:
        """The first day as an ISO string, or None when the start is not stated."""
        return None if self.start is None else self.start.isoformat()

    @property
    def end_iso(self) -> str:
        """The last day as an ISO string."""
        return self.end.isoformat()


def parse_point(text: str) -> tuple[str, date, date]:
    """(kind, first day, last day) of YYYY, YYYY-MM or YYYY-MM-DD; ValueError says what is wrong."""
    match = _POINT.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if not 1900 <= year <= 2100:
        raise ValueError(f"year {year} is outside 1900..2100")
    if month_s is None:
        return "year", date(year, 1, 1), date(year, 12, 31)
    month = int(month_s)
    if not 1 <= month <= 12:
        raise ValueError(f"month {month_s} of {text!r} is not 01..12")
    last = calendar.monthrange(year, month)[1]
    if day_s is None:
        return "month", date(year, month, 1), date(year, month, last)
    day = int(day_s)
    if not 1 <= day <= last:
        raise ValueError(f"day {day_s} of {text!r} is not 01..{last:02d}")
    return "date", date(year, month, day), date(year, month, day)


# a data folder repeats a few hundred periods over and over (Period is frozen, so sharing is safe)
@functools.lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """A Period from its text; ValueError with the reason when it is malformed."""
    if ".." not in text:
        kind, start, end = parse_point(text)
        return Period(text, kind, start, end)
    head, _, tail = text.partition("..")
    if not tail:
        raise ValueError(f"{text!r} has no end after '..'")
    end = parse_point(tail)[2]
    if not head:
        return Period(text, "range", None, end)
    start = parse_point(head)[1]
    if start > end:
        raise ValueError(f"{text!r} starts after it ends")
    return Period(text, "range", start, end)


def period_class(period_kind: object) -> str:
    """annual, cumulative or as_of for a table row's period_kind (unknown kinds count as as_of)."""
    return PERIOD_KIND_OF.get(str(period_kind), "as_of")
