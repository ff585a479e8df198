"""The tidy DataFrames of a validated catalog: observations, denominators, exclusions, checks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from povdash.load import Catalog
from povdash.rows import (
    CHECK_COLUMNS,
    DENOMINATOR_COLUMNS,
    EXCLUSION_COLUMNS,
    TABLE_COLUMNS,
    Row,
    denominator_rows,
    exclusion_rows,
    observation_rows,
)
from povdash.validate import Validation

FLOAT_COLUMNS = ("value", "value_max", "correction_value")
INT_COLUMNS = ("line", "quote_start", "quote_end")
NULLABLE_INT_COLUMNS = ("year", "start", "end")  # denominators and exclusions
BOOL_COLUMNS = ("has_correction", "ok")


def observations_frame(cat: Catalog, result: Validation) -> pd.DataFrame:
    """One row per observation without errors, in file order, with labels of every reference."""
    return frame(observation_rows(cat, result), TABLE_COLUMNS)


def denominators_frame(result: Validation) -> pd.DataFrame:
    """One row per denominator whose quote extract confirms."""
    return frame(denominator_rows(result), DENOMINATOR_COLUMNS)


def exclusions_frame(result: Validation) -> pd.DataFrame:
    """One row per located exclusion span (an `everywhere` exclusion has one per occurrence)."""
    return frame(exclusion_rows(result), EXCLUSION_COLUMNS)


def checks_frame(result: Validation) -> pd.DataFrame:
    """One row per cross-check with its outcome."""
    return frame(result.check_rows, CHECK_COLUMNS)


def frame(rows: list[Row], columns: tuple[str, ...]) -> pd.DataFrame:
    """A frame with exactly these columns (also when empty) from rows in column order, built
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
