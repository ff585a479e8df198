"""The rows of the tidy tables as plain tuples, in column order; povdash.table frames them."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from povdash import model
from povdash.load import Catalog
from povdash.periods import parse_period
from povdash.validate import Validation, plain

TABLE_COLUMNS: tuple[str, ...] = (
    "obs_id",
    "source",
    "file",
    "line",
    "place",
    "place_zh",
    "place_en",
    "place_level",
    "place_parent",
    "indicator",
    "label_zh",
    "label_en",
    "program",
    "program_zh",
    "program_en",
    "group",
    "group_zh",
    "group_en",
    "framework",
    "framework_zh",
    "framework_en",
    "section",
    "section_zh",
    "section_en",
    "period",
    "period_kind",
    "period_start",
    "period_end",
    "kind",
    "dimension",
    "value",
    "value_exact",
    "value_max",
    "unit",
    "number",
    "unit_text",
    "printed",
    "qualifier",
    "quote",
    "quote_start",
    "quote_end",
    "scope_zh",
    "scope_en",
    "notes",
    "has_correction",
    "correction_value",
    "correction_printed",
    "correction_reason",
    "correction_confidence",
)
DENOMINATOR_COLUMNS: tuple[str, ...] = (
    "place",
    "kind",
    "value",
    "unit",
    "printed",
    "year",
    "source",
    "quote",
    "confidence",
)
EXCLUSION_COLUMNS: tuple[str, ...] = (
    "source",
    "text",
    "kind",
    "reason",
    "quote",
    "start",
    "end",
)
CHECK_COLUMNS: tuple[str, ...] = (
    "source",
    "id",
    "kind",
    "ok",
    "detail",
    # the arithmetic in parts (validate.ArithmeticParts), empty when it could not be done
    "formula",
    "result",
    "result_unit",
    "stated",
    "tolerance",
)

Row = tuple[Any, ...]


def _float(value: Decimal | None) -> float:
    return math.nan if value is None else float(value)


def _labels(cat: Catalog, obs: model.Observation) -> Row:
    """The columns place .. section_en and kind, dimension of an observation's references."""
    place = cat.places[obs.place]
    indicator = cat.indicators[obs.indicator]
    program_id = obs.program or indicator.program
    program = cat.programs.get(program_id)
    group = cat.groups.get(program.group) if program else None
    cell = cat.framework.get(program.framework) if program else None
    source = cat.sources[obs.source]
    section = next((s for s in source.sections if s.id == obs.section), None)
    return (
        place.id,  # place
        place.name_zh,  # place_zh
        place.name_en,  # place_en
        place.level,  # place_level
        place.parent,  # place_parent
        indicator.id,  # indicator
        indicator.label_zh,  # label_zh
        indicator.label_en,  # label_en
        program_id,  # program
        program.name_zh if program else None,  # program_zh
        program.name_en if program else None,  # program_en
        group.id if group else None,  # group
        group.name_zh if group else None,  # group_zh
        group.name_en if group else None,  # group_en
        cell.id if cell else None,  # framework
        cell.name_zh if cell else None,  # framework_zh
        cell.name_en if cell else None,  # framework_en
        obs.section,  # section
        section.name_zh if section else None,  # section_zh
        section.name_en if section else None,  # section_en
    )


def observation_rows(cat: Catalog, result: Validation) -> list[Row]:
    """One row (TABLE_COLUMNS) per observation without errors, in file order, with labels of
    every reference."""
    rows: list[Row] = []
    # a folder repeats a few thousand (place, indicator, program, source, section) combinations
    # and a few hundred periods: their columns are built once each
    labels: dict[tuple[str, str, str | None, str, str | None], Row] = {}
    periods: dict[str, Row] = {}
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
            when = periods[obs.period] = (obs.period, period.kind, period.start_iso, period.end_iso)
        indicator = cat.indicators[obs.indicator]
        c = obs.correction
        rows.append(
            (
                obs.id,  # obs_id
                obs.source,  # source
                obs.file,  # file
                obs.line,  # line
                *refs,  # place .. section_en
                *when,  # period, period_kind, period_start, period_end
                indicator.kind,  # kind
                indicator.dimension,  # dimension
                float(q.value),  # value
                plain(q.value),  # value_exact
                _float(q.value_max),  # value_max
                q.unit if q.unit != "count" else indicator.unit,  # unit
                plain(q.number),  # number
                q.unit_text,  # unit_text
                located.printed,  # printed
                q.qualifier,  # qualifier
                obs.quote,  # quote
                located.quote_start,  # quote_start
                located.quote_end,  # quote_end
                obs.scope_zh or None,  # scope_zh
                obs.scope_en or None,  # scope_en
                obs.notes or None,  # notes
                c is not None,  # has_correction
                _float(located.correction_value),  # correction_value
                located.correction_printed or None,  # correction_printed
                c.reason if c else None,  # correction_reason
                c.confidence if c else None,  # correction_confidence
            )
        )
    return rows


def denominator_rows(result: Validation) -> list[Row]:
    """One row (DENOMINATOR_COLUMNS) per denominator whose quote extract confirms."""
    return [
        (
            d.place,
            d.kind,
            _float(d.canonical),
            d.unit,
            f"{plain(d.value)}{d.unit_text}",
            d.year,
            d.source,
            d.quote,
            d.confidence,
        )
        for d in result.denominators
    ]


def exclusion_rows(result: Validation) -> list[Row]:
    """One row (EXCLUSION_COLUMNS) per located exclusion span (an `everywhere` exclusion has one
    per occurrence)."""
    return [
        (e.source, e.text, e.kind, e.reason, e.quote, start, end)
        for e, start, end in result.exclusion_spans
    ]
