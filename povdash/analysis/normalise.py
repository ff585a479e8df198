"""Figures on a common basis: per 10,000 residents, per administrative village, per registered-poor
household. Every derived figure carries its denominator, the denominator's year and source."""

from __future__ import annotations

import numpy as np
import pandas as pd

from povdash.data.model import DENOMINATOR_UNITS, RATE_UNITS
from povdash.render.labels import t

BASES: tuple[str, ...] = (
    "absolute",
    "per_10k_residents",
    "per_10k_registered",
    "per_admin_village",
    "per_registered_poor_household",
)
# basis -> (denominator kinds in order of preference, multiplier, unit suffix). Census residents
# (常住) and registered (户籍) population are two bases, never a fallback of one another: Liuhe
# has only a registered count, and a chart that divided it by that and Baicheng by its census
# would mix kinds under one axis.
BASIS_RULES: dict[str, tuple[tuple[str, ...], float, str]] = {
    "per_10k_residents": (("census_resident",), 10_000.0, "per 10k census residents"),
    "per_10k_registered": (("registered",), 10_000.0, "per 10k registered population"),
    "per_admin_village": (("admin_villages",), 1.0, "per administrative village"),
    "per_registered_poor_household": (
        ("registered_poor_households",),
        1.0,
        "per registered-poor household",
    ),
}
# Denominator kinds that a figure in the unit they count (model.DENOMINATOR_UNITS) divides into
# the same population (7.8万 households benefiting / 7.8万 post-exit households = 1): a share of
# it, not a figure per unit, so it is not offered. (People per census resident is a rate.)
SAME_POPULATION_KINDS: tuple[str, ...] = ("registered_poor_households", "admin_villages")
SAME_POPULATION_UNITS: dict[str, str] = {k: DENOMINATOR_UNITS[k] for k in SAME_POPULATION_KINDS}
# The note of each row in the data (the CSV's denom_note) is the English of its label; pages and
# figures word the status in the reader's language.
RATE_NOTE = t("denominator.note_rate", "en")
# denom_status: why a row has or lacks value_norm; pages word it with labels (denominator.<status>).
STATUSES: tuple[str, ...] = ("ok", "rate", "missing", "same_population")
DENOM_COLUMNS = (
    "value_norm",
    "unit_norm",
    "denom_kind",
    "denom_value",
    "denom_year",
    "denom_source",
    "denom_confidence",
    "denom_note",
    "denom_status",
)


def _latest(denominators: pd.DataFrame, kinds: tuple[str, ...]) -> pd.DataFrame:
    """Per place, the first kind of `kinds` it has, at its latest year."""
    frame = denominators[denominators["kind"].isin(kinds)].copy()
    frame["rank"] = frame["kind"].map({k: i for i, k in enumerate(kinds)})
    frame = frame.sort_values(["place", "rank", "year"], ascending=[True, True, False])
    return frame.drop_duplicates("place")[
        ["place", "kind", "value", "year", "source", "confidence"]
    ]


def per_basis(table: pd.DataFrame, denominators: pd.DataFrame, basis: str) -> pd.DataFrame:
    """The table plus value_norm and the denominator used; rows are never dropped."""
    if basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}; expected one of {', '.join(BASES)}")
    out = table.copy()
    if basis == "absolute":
        out["value_norm"] = out["value"].astype(float)
        out["unit_norm"] = out["unit"]
        for column in DENOM_COLUMNS[2:]:
            out[column] = None
        out["denom_value"] = np.nan
        out["denom_year"] = pd.array([pd.NA] * len(out), dtype="Int64")
        out["denom_note"] = ""
        out["denom_status"] = "ok"
        return out
    kinds, multiplier, suffix = BASIS_RULES[basis]
    chosen = _latest(denominators, kinds).rename(
        columns={
            "kind": "denom_kind",
            "value": "denom_value",
            "year": "denom_year",
            "source": "denom_source",
            "confidence": "denom_confidence",
        }
    )
    out = out.merge(chosen, on="place", how="left", validate="many_to_one")
    out.index = table.index
    rate = out["unit"].isin(RATE_UNITS)
    found = out["denom_value"].notna() & (out["denom_value"] > 0) & ~rate
    own_unit = out["denom_kind"].map(SAME_POPULATION_UNITS)
    same = found & (out["unit"] == own_unit)
    has = found & ~same
    out["value_norm"] = np.where(
        has, out["value"].astype(float) / out["denom_value"].astype(float) * multiplier, np.nan
    )
    out["unit_norm"] = np.where(has, out["unit"].astype(str) + " " + suffix, None)
    status = pd.Series("ok", index=out.index, dtype=object)
    status[~found & ~rate] = "missing"
    status[same] = "same_population"
    status[rate] = "rate"
    out["denom_status"] = status.astype(str)
    note = pd.Series("", index=out.index, dtype=object)
    note[status == "missing"] = t("denominator.note_missing", "en", kinds=" or ".join(kinds))
    note[status == "same_population"] = t("denominator.note_same_population", "en", suffix=suffix)
    note[rate] = RATE_NOTE
    out["denom_note"] = note.astype(str)
    for column in ("denom_kind", "denom_value", "denom_year", "denom_source", "denom_confidence"):
        out.loc[rate, column] = None  # a rate row uses no denominator; don't suggest one
    out["denom_value"] = out["denom_value"].astype(float)
    out["denom_year"] = out["denom_year"].astype("Int64")
    return out
