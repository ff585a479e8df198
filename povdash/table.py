"""The tidy DataFrames of a validated catalog: observations, denominators, exclusions, checks."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from povdash.load import Catalog
from povdash.periods import parse_period
from povdash.validate import Validation

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
)
FLOAT_COLUMNS = ("value", "value_max", "correction_value")
INT_COLUMNS = ("line", "quote_start", "quote_end")


def _float(value: Decimal | None) -> float:
    return math.nan if value is None else float(value)


def _exact(value: Decimal) -> str:
    """A canonical value as an exact decimal string without exponent: 590000000, 0.5."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def observations_frame(cat: Catalog, result: Validation) -> pd.DataFrame:
    """One row per observation without errors, in file order, with labels of every reference."""
    rows: list[dict[str, Any]] = []
    for i, obs in enumerate(cat.observations):
        located = result.located.get(i)
        if i in cat.broken or located is None or not located.quantity.text:
            continue
        q = located.quantity
        place = cat.places[obs.place]
        indicator = cat.indicators[obs.indicator]
        program_id = obs.program or indicator.program
        program = cat.programs.get(program_id)
        group = cat.groups.get(program.group) if program else None
        cell = cat.framework.get(program.framework) if program else None
        source = cat.sources[obs.source]
        section = next((s for s in source.sections if s.id == obs.section), None)
        period = parse_period(obs.period)
        c = obs.correction
        rows.append(
            {
                "obs_id": obs.id,
                "source": obs.source,
                "file": obs.file,
                "line": obs.line,
                "place": place.id,
                "place_zh": place.name_zh,
                "place_en": place.name_en,
                "place_level": place.level,
                "place_parent": place.parent,
                "indicator": indicator.id,
                "label_zh": indicator.label_zh,
                "label_en": indicator.label_en,
                "program": program_id,
                "program_zh": program.name_zh if program else None,
                "program_en": program.name_en if program else None,
                "group": group.id if group else None,
                "group_zh": group.name_zh if group else None,
                "group_en": group.name_en if group else None,
                "framework": cell.id if cell else None,
                "framework_zh": cell.name_zh if cell else None,
                "framework_en": cell.name_en if cell else None,
                "section": obs.section,
                "section_zh": section.name_zh if section else None,
                "section_en": section.name_en if section else None,
                "period": obs.period,
                "period_kind": period.kind,
                "period_start": period.start_iso,
                "period_end": period.end_iso,
                "kind": indicator.kind,
                "dimension": indicator.dimension,
                "value": float(q.value),
                "value_exact": _exact(q.value),
                "value_max": _float(q.value_max),
                "unit": q.unit if q.unit != "count" else indicator.unit,
                "number": _exact(q.number),
                "unit_text": q.unit_text,
                "printed": located.printed,
                "qualifier": q.qualifier,
                "quote": obs.quote,
                "quote_start": located.quote_start,
                "quote_end": located.quote_end,
                "scope_zh": obs.scope_zh or None,
                "scope_en": obs.scope_en or None,
                "notes": obs.notes or None,
                "has_correction": c is not None,
                "correction_value": _float(located.correction_value),
                "correction_printed": located.correction_printed or None,
                "correction_reason": c.reason if c else None,
                "correction_confidence": c.confidence if c else None,
            }
        )
    return _frame(rows, TABLE_COLUMNS)


def denominators_frame(result: Validation) -> pd.DataFrame:
    """One row per denominator whose quote extract confirms."""
    rows = [
        {
            "place": d.place,
            "kind": d.kind,
            "value": _float(d.canonical),
            "unit": d.unit,
            "printed": f"{_exact(d.value)}{d.unit_text}",
            "year": d.year,
            "source": d.source,
            "quote": d.quote,
            "confidence": d.confidence,
        }
        for d in result.denominators
    ]
    frame = _frame(rows, DENOMINATOR_COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def exclusions_frame(result: Validation) -> pd.DataFrame:
    """One row per located exclusion span (an `everywhere` exclusion has one per occurrence)."""
    rows = [
        {
            "source": e.source,
            "text": e.text,
            "kind": e.kind,
            "reason": e.reason,
            "quote": e.quote,
            "start": start,
            "end": end,
        }
        for e, start, end in result.exclusion_spans
    ]
    frame = _frame(rows, EXCLUSION_COLUMNS)
    for column in ("start", "end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def checks_frame(result: Validation) -> pd.DataFrame:
    """One row per cross-check with its outcome."""
    frame = _frame(result.check_rows, CHECK_COLUMNS)
    frame["ok"] = frame["ok"].astype(bool)
    return frame


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    """A frame with exactly these columns (also when empty), built column by column (fast)."""
    if rows and tuple(rows[0]) == columns:  # rows are written in column order: one zip pass
        values = zip(*(r.values() for r in rows), strict=True)
        data: dict[str, Any] = dict(zip(columns, map(list, values), strict=True))
    else:
        data = {c: [row[c] for row in rows] for c in columns}
    for column in FLOAT_COLUMNS:
        if column in data:
            data[column] = np.array(data[column], dtype=float)
    for column in INT_COLUMNS:
        if column in data:
            data[column] = np.array(data[column], dtype="int64")
    if "has_correction" in data:
        data["has_correction"] = np.array(data["has_correction"], dtype=bool)
    if not rows:  # an empty frame still has string columns, so merges and filters behave
        data = {
            c: v if isinstance(v, np.ndarray) else pd.array([], dtype="str")
            for c, v in data.items()
        }
    return pd.DataFrame(data, columns=list(columns))
