"""The one CSV writer, for `povdash table`, the exports and the dashboard's downloads.

Text from data files may start like a spreadsheet formula (=cmd|..., +SUM(...), @...); every
cell that would run is given a leading apostrophe, whichever of the three wrote the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

# The columns of every CSV a user gets from a chart or a selection, in this order (those a
# frame has): ids and names in both languages, the canonical value and the value as printed,
# units, the normalised value with its denominator, corrections, the quote and its source.
CSV_COLUMNS: tuple[str, ...] = (
    "obs_id",
    "place",
    "place_zh",
    "place_en",
    "indicator",
    "label_zh",
    "label_en",
    "program",
    "program_zh",
    "program_en",
    "period",
    "period_kind",
    "kind",
    "value",
    "value_exact",
    "value_max",
    "unit",
    "unit_zh",
    "unit_en",
    "printed",
    "qualifier",
    "figure_zh",
    "figure_en",
    "scope_zh",
    "scope_en",
    "basis",
    "value_norm",
    "unit_norm",
    "denom_kind",
    "denom_value",
    "denom_year",
    "denom_source",
    "denom_note",
    "denom_status",
    "has_correction",
    "correction_printed",
    "correction_reason",
    "quote",
    "source",
    "source_publisher_zh",
    "source_publisher_en",
    "source_title_zh",
    "source_title_en",
    "source_published",
)
# Spreadsheets run a cell starting with these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def csv_cell(value: object) -> object:
    """A CSV cell: text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.match(value):
        return "'" + value
    return value


def csv_frame(
    frame: pd.DataFrame, columns: Sequence[str] | None = CSV_COLUMNS, lead: Sequence[str] = ()
) -> pd.DataFrame:
    """The frame's `columns` that it has, in that order (all of them for None), `lead` first,
    with every formula cell made inert."""
    keep = list(frame.columns) if columns is None else [c for c in columns if c in frame.columns]
    return frame.reindex(columns=[*lead, *keep]).map(csv_cell)


def csv_text(
    frame: pd.DataFrame,
    columns: Sequence[str] | None = CSV_COLUMNS,
    lead: Sequence[str] = (),
    newline: str = "\r\n",
) -> str:
    """csv_frame as CSV text; floats in at most 15 significant digits, so 0.1 + 0.2 reads 0.3
    and an integral amount has no trailing .0."""
    return csv_frame(frame, columns, lead).to_csv(
        index=False, float_format="%.15g", lineterminator=newline
    )


def csv_bytes(
    frame: pd.DataFrame, columns: Sequence[str] | None = CSV_COLUMNS, lead: Sequence[str] = ()
) -> bytes:
    """csv_text as UTF-8 with a BOM: without it Excel decodes the file in the system code page
    (GBK on Chinese Windows) and every Chinese character is garbled; other readers skip it."""
    return csv_text(frame, columns, lead).encode("utf-8-sig")
