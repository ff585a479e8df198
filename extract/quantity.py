"""The values `extract` returns: a found quantity and the module's one error type.

Canonical unit codes (Quantity.unit), with the registry (extract/registry.py) as their source:
- measures: yuan, person, household, person_time, percent, percent_point, kW, kWh, t, kg, km2,
  km, m3, mu, head;
- counts: count:<thing> when the counted noun is known (36支工作队 -> count:team), else count;
- rates per unit: <numerator>_per:<denominator> (元/人 -> yuan_per:person, 万元/户 ->
  yuan_per:household with value 30000 for 3万元/户, 人/村 -> person_per:village);
- durations: duration:year, duration:month, duration:day (3个月, 两年, 15天);
- rank: a place in an order, value the position (全省第一 -> 1, 排名第3 -> 3);
- times: multiples and occurrences (3倍, 24次); tenths: 成 (七成 -> 7);
- fraction: a 分之 fraction or 一半, exact as numerator over denominator: value is the numerator
  and `denominator` the denominator (三分之一 -> value 1, denominator 3; compare as "1/3" with
  `Quantity.exact`). Every other unit has denominator None;
- a bare magnitude (总人口30万) takes the unit its words give, with unit_text the magnitude (万).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Qualifier = Literal["exact", "more_than", "about", "at_least", "at_most", "less_than", "range"]
QUALIFIERS: tuple[str, ...] = (
    "exact",
    "more_than",
    "about",
    "at_least",
    "at_most",
    "less_than",
    "range",
)


class ExtractError(ValueError):
    """Malformed input for a parser: says what was read, where, and why it was refused."""

    def __init__(self, text: str, reason: str, pos: int | None = None) -> None:
        self.text = text
        self.reason = reason
        self.pos = pos
        where = "" if pos is None else f" at {pos}"
        super().__init__(f"cannot parse {text!r}{where}: {reason}")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number with its unit, as printed in a text and in the dataset's canonical unit.

    `number` and `unit_text` are what the curator writes in data/ (5.9 and 亿元); `value` and
    `unit` are canonical (590000000 and yuan). Offsets index the decoded text that was scanned.
    """

    text: str  # the exact slice text[start:end]; may contain a line break (3000余\n\n个)
    start: int
    end: int
    number: Decimal  # as printed, no trailing magnitude: 5.9 for 5.9亿元, 1200 for 一千二百
    unit_text: str  # magnitude + unit as printed, in simplified script without line breaks: 亿元
    value: Decimal  # in the canonical unit: 590000000
    unit: str  # canonical code: yuan, household, kW, count:village, count (thing unknown)
    qualifier: Qualifier = "exact"
    number_max: Decimal | None = None  # upper bound as printed, for ranges (1至2名 -> 2)
    value_max: Decimal | None = None  # upper bound in the canonical unit, for ranges
    denominator: Decimal | None = None  # of a fraction (三分之一: value 1, denominator 3)

    @property
    def exact(self) -> str:
        """The canonical value as text, a fraction as numerator/denominator: 209000000, 1/3."""
        if self.denominator is None:
            return str(self.value)
        return f"{self.value}/{self.denominator}"
