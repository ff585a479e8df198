"""The tidy tables of a validated catalog: a named row type per table, and its DataFrame.

The row types name the columns; `frame` turns a list of rows into a DataFrame column by column.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from povdash.data import model
from povdash.data.decimals import plain
from povdash.data.load import Catalog
from povdash.data.periods import parse_period
from povdash.data.validate import Validation


class Labels(NamedTuple):
    """The columns an observation's references give: place .. section_en."""

    place: str
    place_zh: str
    place_en: str
    place_level: str
    place_parent: str | None
    indicator: str
    label_zh: str
    label_en: str
    program: str
    program_zh: str | None
    program_en: str | None
    group: str | None
    group_zh: str | None
    group_en: str | None
    framework: str | None
    framework_zh: str | None
    framework_en: str | None
    section: str | None
    section_zh: str | None
    section_en: str | None


class TableRow(NamedTuple):
    """One observation of the tidy table, in the canonical unit, with every label."""

    obs_id: str
    source: str
    file: str
    line: int
    place: str
    place_zh: str
    place_en: str
    place_level: str
    place_parent: str | None
    indicator: str
    label_zh: str
    label_en: str
    program: str
    program_zh: str | None
    program_en: str | None
    group: str | None
    group_zh: str | None
    group_en: str | None
    framework: str | None
    framework_zh: str | None
    framework_en: str | None
    section: str | None
    section_zh: str | None
    section_en: str | None
    period: str
    period_kind: str
    period_start: str | None
    period_end: str
    kind: str
    dimension: str
    value: float
    value_exact: str
    value_max: float
    unit: str
    number: str
    unit_text: str
    printed: str
    qualifier: str
    quote: str
    quote_start: int
    quote_end: int
    scope_zh: str | None
    scope_en: str | None
    notes: str | None
    has_correction: bool
    correction_value: float
    correction_printed: str | None
    correction_reason: str | None
    correction_confidence: str | None
    correction_reason_zh: str | None = None


class DenominatorRow(NamedTuple):
    """One denominator whose quote extract confirms."""

    place: str
    kind: str
    value: float
    unit: str
    printed: str
    year: int
    source: str
    quote: str
    confidence: str


class ExclusionRow(NamedTuple):
    """One located exclusion span."""

    source: str
    text: str
    kind: str
    reason: str
    quote: str | None
    start: int | None
    end: int | None
    reason_zh: str = ""


class CheckRow(NamedTuple):
    """One cross-check with its outcome, and its arithmetic in parts (empty when not done)."""

    source: str
    id: str
    kind: str
    ok: bool
    detail: str
    formula: str
    result: str
    result_unit: str
    stated: str
    tolerance: str


TABLE_COLUMNS: tuple[str, ...] = TableRow._fields
DENOMINATOR_COLUMNS: tuple[str, ...] = DenominatorRow._fields
EXCLUSION_COLUMNS: tuple[str, ...] = ExclusionRow._fields
CHECK_COLUMNS: tuple[str, ...] = CheckRow._fields
FLOAT_COLUMNS = ("value", "value_max", "correction_value")
INT_COLUMNS = ("line", "quote_start", "quote_end")
NULLABLE_INT_COLUMNS = ("year", "start", "end")  # denominators and exclusions
BOOL_COLUMNS = ("has_correction", "ok")


def _float(value: Decimal | None) -> float:
    return math.nan if value is None else float(value)


def _labels(cat: Catalog, obs: model.Observation) -> Labels:
    """The label columns of an observation's references."""
    place = cat.places[obs.place]
    indicator = cat.indicators[obs.indicator]
    program_id = obs.program or indicator.program
    program = cat.programs.get(program_id)
    group = cat.groups.get(program.group) if program else None
    cell = cat.framework.get(program.framework) if program else None
    source = cat.sources[obs.source]
    section = next((s for s in source.sections if s.id == obs.section), None)
    return Labels(
        place=place.id,
        place_zh=place.name_zh,
        place_en=place.name_en,
        place_level=place.level,
        place_parent=place.parent,
        indicator=indicator.id,
        label_zh=indicator.label_zh,
        label_en=indicator.label_en,
        program=program_id,
        program_zh=program.name_zh if program else None,
        program_en=program.name_en if program else None,
        group=group.id if group else None,
        group_zh=group.name_zh if group else None,
        group_en=group.name_en if group else None,
        framework=cell.id if cell else None,
        framework_zh=cell.name_zh if cell else None,
        framework_en=cell.name_en if cell else None,
        section=obs.section,
        section_zh=section.name_zh if section else None,
        section_en=section.name_en if section else None,
    )


def observation_rows(cat: Catalog, result: Validation) -> list[TableRow]:
    """One row per observation without errors, in file order, with labels of every reference."""
    rows: list[TableRow] = []
    # a folder repeats a few thousand (place, indicator, program, source, section) combinations
    # and a few hundred periods: their columns are built once each
    labels: dict[tuple[str, str, str | None, str, str | None], Labels] = {}
    periods: dict[str, tuple[str, str | None, str]] = {}
    for i, obs in enumerate(cat.observations):
        located = result.located.get(i)
        if i in cat.broken or located is None or not located.quantity.text:
            continue
        q = located.quantity
        key = (obs.place, obs.indicator, obs.program, obs.source, obs.section)
        refs = labels.get(key)
        if refs is None:
            refs = labels[key] = _labels(cat, obs)
        when = periods.get(obs.period)
        if when is None:
            period = parse_period(obs.period)
            when = periods[obs.period] = (period.kind, period.start_iso, period.end_iso)
        indicator = cat.indicators[obs.indicator]
        c = obs.correction
        rows.append(
            TableRow(
                obs.id,
                obs.source,
                obs.file,
                obs.line,
                *refs,
                period=obs.period,
                period_kind=when[0],
                period_start=when[1],
                period_end=when[2],
                kind=indicator.kind,
                dimension=indicator.dimension,
                value=float(q.value),
                value_exact=plain(q.value),
                value_max=_float(q.value_max),
                unit=q.unit if q.unit != "count" else indicator.unit,
                number=plain(q.number),
                unit_text=q.unit_text,
                printed=located.printed,
                qualifier=q.qualifier,
                quote=obs.quote,
                quote_start=located.quote_start,
                quote_end=located.quote_end,
                scope_zh=obs.scope_zh or None,
                scope_en=obs.scope_en or None,
                notes=obs.notes or None,
                has_correction=c is not None,
                correction_value=_float(located.correction_value),
                correction_printed=located.correction_printed or None,
                correction_reason=c.reason if c else None,
                correction_confidence=c.confidence if c else None,
                correction_reason_zh=(c.reason_zh or None) if c else None,
            )
        )
    return rows


def observations_frame(cat: Catalog, result: Validation) -> pd.DataFrame:
    """One row per observation without errors, in file order, with labels of every reference."""
    return frame(observation_rows(cat, result), TABLE_COLUMNS)


def denominators_frame(result: Validation) -> pd.DataFrame:
    """One row per denominator whose quote extract confirms."""
    rows = [
        DenominatorRow(
            place=d.place,
            kind=d.kind,
            value=_float(d.canonical),
            unit=d.unit,
            printed=f"{plain(d.value)}{d.unit_text}",
            year=d.year,
            source=d.source,
            quote=d.quote,
            confidence=d.confidence,
        )
        for d in result.denominators
    ]
    return frame(rows, DENOMINATOR_COLUMNS)


def exclusions_frame(result: Validation) -> pd.DataFrame:
    """One row per located exclusion span (an `everywhere` exclusion has one per occurrence)."""
    rows = [
        ExclusionRow(e.source, e.text, e.kind, e.reason, e.quote, start, end, e.reason_zh)
        for e, start, end in result.exclusion_spans
    ]
    return frame(rows, EXCLUSION_COLUMNS)


def checks_frame(result: Validation) -> pd.DataFrame:
    """One row per cross-check with its outcome."""
    return frame([CheckRow(*row) for row in result.check_rows], CHECK_COLUMNS)


def frame(rows: list[Any], columns: tuple[str, ...]) -> pd.DataFrame:
    """A frame with exactly these columns (also when empty) from rows of one row type, built
    column by column (fast), with the numeric columns typed."""
    if rows:
        data: dict[str, Any] = dict(zip(columns, map(list, zip(*rows, strict=True)), strict=True))
    else:  # an empty frame still has string columns, so merges and filters behave
        data = {c: pd.array([], dtype="str") for c in columns}
    for column in FLOAT_COLUMNS:
        if column in data:
            data[column] = np.array(data[column], dtype=float)
    for column in INT_COLUMNS:
        if column in data:
            data[column] = np.array(data[column], dtype="int64")
    for column in NULLABLE_INT_COLUMNS:
        if column in data:
            data[column] = pd.array(data[column], dtype="Int64")
    for column in BOOL_COLUMNS:
        if column in data:
            data[column] = np.array(data[column], dtype=bool)
    return pd.DataFrame(data, columns=list(columns))
