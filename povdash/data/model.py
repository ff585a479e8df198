"""The records of data/ as plain frozen dataclasses (one per kind of YAML entry)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

import extract

# Choices of the data model (README "Data model"); the loader checks values against them.
PLACE_LEVELS = ("province", "prefecture_city", "county", "county_level_city", "district")
CONFIDENCES = ("high", "medium", "low", "derived")
DENOMINATOR_KINDS = (
    "census_resident",
    "census_rural_resident",
    "registered",
    "admin_villages",
    "registered_poor_households",
    "registered_poor_people",
    "land_area",
)
# A denominator kind -> the canonical unit it counts, for printing its value with its unit.
DENOMINATOR_UNITS: dict[str, str] = {
    "census_resident": "person",
    "census_rural_resident": "person",
    "registered": "person",
    "registered_poor_people": "person",
    "registered_poor_households": "household",
    "admin_villages": "count:village",
    "land_area": "km2",
}
INDICATOR_KINDS = ("flow", "stock", "cumulative", "rate", "change")
QUALIFIERS = ("exact", "more_than", "about", "at_least", "at_most", "less_than", "range")
EXCLUSION_KINDS = (
    "name",
    "date",
    "document",
    "phone",
    "address",
    "version",
    "ordinal",
    "code",
    "idiom",
    "duplicate",
    "out_of_scope",
    "structure",
)
CHECK_KINDS = ("growth", "ratio", "sum")


def _dimension_units() -> dict[str, tuple[str, ...]]:
    """Which canonical units each indicator dimension admits: the units extract reads, by their
    dimension, with three differences. A duration is no indicator's dimension, tenths (七成)
    and a bare count are never stored (a count names its thing: count:village), and a change
    in a share may also be a growth in %."""
    admitted: dict[str, list[str]] = {}
    for unit in extract.UNITS.values():
        if unit.dimension == "duration":
            continue
        codes = admitted.setdefault(unit.dimension, [])
        if unit.code not in ("tenths", "count") and unit.code not in codes:
            codes.append(unit.code)
    admitted["share_change"].append("percent")
    admitted["count"] = ["count:*"]  # "count" admits every count:<thing>
    return {dimension: tuple(codes) for dimension, codes in admitted.items()}


DIMENSION_UNITS: dict[str, tuple[str, ...]] = _dimension_units()
# The canonical unit codes a data file may name, besides count:<thing>.
CANONICAL_UNITS: tuple[str, ...] = tuple(
    dict.fromkeys(code for codes in DIMENSION_UNITS.values() for code in codes if code != "count:*")
)
RATE_UNITS = ("percent", "percent_point")


@dataclass(frozen=True, slots=True)
class Denominator:
    """A place's base figure (population, villages, ...) as printed in its quote."""

    place: str
    kind: str
    value: Decimal  # as printed
    unit_text: str  # as printed (万人)
    year: int
    source: str  # a source id or a free citation
    quote: str
    confidence: str
    note: str = ""
    unit: str = ""  # canonical code, "" when the unit is unknown
    canonical: Decimal | None = None  # value x factor
    line: int | None = None
    field: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A place with its bilingual name, level, parent place and denominators."""

    id: str
    name_zh: str
    name_en: str
    level: str
    parent: str | None
    code: str | None
    denominators: tuple[Denominator, ...] = ()


@dataclass(frozen=True, slots=True)
class FrameworkCell:
    """A cell of the national framework (income, housing_safety, ...)."""

    id: str
    name_zh: str
    name_en: str


@dataclass(frozen=True, slots=True)
class ProgramGroup:
    """A level-1 group of programs."""

    id: str
    name_zh: str
    name_en: str


@dataclass(frozen=True, slots=True)
class Program:
    """A level-2 program, in one group and one framework cell."""

    id: str
    name_zh: str
    name_en: str
    group: str
    framework: str
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Indicator:
    """What a figure measures, in which canonical unit, for which program."""

    id: str
    label_zh: str
    label_en: str
    program: str
    dimension: str
    unit: str
    kind: str
    definition_zh: str = ""
    definition_en: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A part of a source's own structure; parent is None at the top level."""

    id: str
    name_zh: str
    name_en: str
    parent: str | None
    order: int


@dataclass(frozen=True, slots=True)
class Source:
    """A stored report: metadata, the path of its verbatim text and its own framework."""

    id: str
    title_zh: str
    title_en: str
    publisher_zh: str
    publisher_en: str
    published: str
    places: tuple[str, ...]
    text_path: str
    sha256: str
    framework_name_zh: str = ""
    framework_name_en: str = ""
    sections: tuple[Section, ...] = ()
    line: int | None = None
    index: int = 0


@dataclass(frozen=True, slots=True)
class Correction:
    """A suspected misprint: the value the curator believes, as printed-style value and unit."""

    value: Decimal
    unit_text: str
    reason: str  # as written, or the English side of {zh: ..., en: ...}
    confidence: str
    reason_zh: str = ""


@dataclass(frozen=True, slots=True)
class Observation:
    """One curated figure of a source, as written in observations/<source>.yaml."""

    id: str
    source: str
    file: str
    line: int
    field: str  # observations[3]
    indicator: str
    place: str
    program: str | None
    section: str | None
    period: str
    value: Decimal
    unit_text: str
    qualifier: str
    value_max: Decimal | None
    quote: str
    scope_zh: str = ""
    scope_en: str = ""
    notes: str = ""
    correction: Correction | None = None
    lines: dict[str, int] = dataclasses.field(default_factory=dict, compare=False)
    confirm: tuple[str, ...] = ()  # fields `povdash draft` suggested that wait for a person


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A number of a source that is not an indicator, with the reason."""

    source: str
    file: str
    line: int
    field: str
    text: str
    quote: str | None
    everywhere: bool
    kind: str
    reason: str  # the curator's note as written (English in data/), or its English side
    confirm: tuple[str, ...] = ()  # fields `povdash draft` suggested that wait for a person
    reason_zh: str = ""  # the note in Chinese, when written as {zh: ..., en: ...}


@dataclass(frozen=True, slots=True)
class Check:
    """An arithmetic cross-check between figures the source states."""

    id: str
    source: str
    file: str
    line: int
    field: str
    kind: str
    operands: dict[str, str | tuple[str, ...]]  # role -> operand id(s)
    tolerance: Decimal | None = None
    lines: dict[str, int] = dataclasses.field(default_factory=dict, compare=False)
