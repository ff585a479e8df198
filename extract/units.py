"""Units as values: the registry's surfaces as `Unit`s, and the lookup of a printed unit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from extract import registry
from extract.numerals import FOLD
from extract.quantity import ExtractError


@dataclass(frozen=True, slots=True)
class Unit:
    """A printed unit and how to reach the canonical one: value = number x factor, in `code`."""

    surface: str
    code: str
    factor: Decimal
    dimension: str


def _build(table: Mapping[str, tuple[str, str, str]]) -> Mapping[str, Unit]:
    return MappingProxyType(
        {surface: Unit(surface, code, Decimal(f), dim) for surface, (code, f, dim) in table.items()}
    )


UNITS: Mapping[str, Unit] = _build(registry.UNIT_TABLE)
PREFIX_UNITS: Mapping[str, Unit] = _build(registry.PREFIX_UNITS)
MAGNITUDES: Mapping[str, Decimal] = MappingProxyType(
    {word: Decimal(f) for word, f in registry.MAGNITUDES.items()}
)
# The surfaces by first character, longest first: a position costs one lookup and a few compares.
_UNITS_BY_INITIAL: dict[str, list[str]] = {}
for _surface in sorted(UNITS, key=len, reverse=True):
    _UNITS_BY_INITIAL.setdefault(_surface[0], []).append(_surface)
_MAX_MAGNITUDE = max(map(len, MAGNITUDES))


def match_unit(text: str, pos: int) -> Unit | None:
    """The longest registered unit surface starting at `pos`, if any."""
    for surface in _UNITS_BY_INITIAL.get(text[pos : pos + 1], ()):
        if text.startswith(surface, pos):
            return UNITS[surface]
    return None


def match_magnitude(text: str, pos: int) -> str:
    """The longest magnitude word starting at `pos`, or "" when there is none."""
    for length in range(min(_MAX_MAGNITUDE, len(text) - pos), 0, -1):
        if text[pos : pos + length] in MAGNITUDES:
            return text[pos : pos + length]
    return ""


def scaled(unit: Unit, magnitude: str) -> Unit:
    """The unit with a magnitude word in front of it (万 + 元 -> 万元, factor 10^4)."""
    if not magnitude:
        return unit
    return Unit(
        magnitude + unit.surface, unit.code, MAGNITUDES[magnitude] * unit.factor, unit.dimension
    )


def lookup_unit(unit_text: str) -> Unit:
    """The Unit of a printed unit (亿元, 万户, 兆瓦, 个百分点, 萬畝); ExtractError if unknown."""
    if not isinstance(unit_text, str):
        raise ExtractError(repr(unit_text), "a unit must be a string")
    text = unit_text.strip().translate(FOLD)  # 萬畝 is 万亩
    if text in UNITS:
        return UNITS[text]
    if text in PREFIX_UNITS:
        return PREFIX_UNITS[text]
    for length in range(min(_MAX_MAGNITUDE, len(text) - 1), 0, -1):
        head, tail = text[:length], text[length:]
        if head in MAGNITUDES and tail in UNITS:
            return scaled(UNITS[tail], head)
    numerator, slash, denominator = text.partition("/")
    if slash and denominator in registry.RATE_DENOMINATORS and numerator:
        return per(lookup_unit(numerator), denominator)  # 万元/户
    raise ExtractError(unit_text, "not a unit of the registry")


def per(unit: Unit, denominator: str) -> Unit:
    """The rate of `unit` per a denominator of the registry (元 per 斤 -> 元/斤, yuan_per:kg
    with factor 2, since 1 斤 is 0.5 kg)."""
    thing, size = registry.RATE_DENOMINATORS[denominator]
    return Unit(
        f"{unit.surface}/{denominator}",
        f"{unit.code}_per:{thing}",
        unit.factor / Decimal(size),
        "rate",
    )
