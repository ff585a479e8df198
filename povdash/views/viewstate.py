"""The dashboard's view state as plain values, read from and written to URL query parameters.

Only known keys with allowed values are read; anything else in the URL is ignored, never executed
or unpickled. Lists travel as comma-separated ids (places=baicheng,liuhe).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from povdash.analysis.normalise import BASES
from povdash.data.periods import period_class
from povdash.render.labels import LANGS

PERIOD_KINDS: tuple[str, ...] = ("all", "annual", "cumulative", "as_of")
DEFAULT_PLACES: tuple[str, ...] = ("baicheng", "liuhe")
MAX_IDS = 100  # ids kept from one URL parameter that the data does not have (yet)


@dataclass(frozen=True)
class ViewState:
    """What the user chose: language, places, programs, period kind and normalisation basis."""

    lang: str = "both"
    places: tuple[str, ...] = DEFAULT_PLACES
    programs: tuple[str, ...] = ()  # empty means every program
    period: str = "all"
    basis: str = "absolute"


def _first(value: str | Sequence[str] | None) -> str | None:
    """One value of a query parameter that may repeat (the last one wins, as in browsers' forms)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return value[-1] if value else None


def _id_list(value: str | Sequence[str] | None, allowed: Iterable[str]) -> tuple[str, ...] | None:
    """Known ids from 'a,b' or repeated parameters, in the order given, without duplicates."""
    if value is None:
        return None
    parts = [value] if isinstance(value, str) else list(value)
    allowed_set = set(allowed)
    out: list[str] = []
    for part in parts:
        for item in str(part).split(","):
            item = item.strip()
            if item in allowed_set and item not in out:
                out.append(item)
    return tuple(out)


def parse(
    params: Mapping[str, str | Sequence[str]],
    places: Iterable[str],
    programs: Iterable[str],
    default_places: Sequence[str] = DEFAULT_PLACES,
) -> ViewState:
    """The view state a URL asks for; unknown keys and values are ignored and defaults fill gaps."""
    place_ids = list(places)
    defaults = tuple(p for p in default_places if p in place_ids) or tuple(place_ids[:2])
    state = ViewState(places=defaults)
    lang = _first(params.get("lang"))
    if lang in LANGS:
        state = replace(state, lang=lang)
    period = _first(params.get("period"))
    if period in PERIOD_KINDS:
        state = replace(state, period=period)
    basis = _first(params.get("basis"))
    if basis in BASES:
        state = replace(state, basis=basis)
    chosen_places = _id_list(params.get("places"), place_ids)
    # An explicit but empty list (places=) is a real choice: the empty state.
    if chosen_places is not None and (chosen_places or _first(params.get("places")) == ""):
        state = replace(state, places=chosen_places)
    chosen_programs = _id_list(params.get("programs"), programs)
    if chosen_programs:
        state = replace(state, programs=chosen_programs)
    return state


def requested(value: str | Sequence[str] | None, pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Every id a URL parameter asks for that matches the id pattern, whether the data has it
    or not (a place of a file that is failing to load right now must survive the URL read)."""
    if value is None:
        return ()
    parts = [value] if isinstance(value, str) else list(value)
    items = (item.strip() for part in parts for item in str(part).split(","))
    return tuple(dict.fromkeys(item for item in items if pattern.fullmatch(item)))[:MAX_IDS]


def keep_choice(
    wanted: Sequence[str],
    shown: Sequence[str],
    offered: Iterable[str],
    available: Iterable[str],
    settled: bool,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The user's choice after this run, and the ids it lost.

    `wanted` is the choice of the last run, `shown` what the widget holds now and `offered` the
    options it had: only an offered id missing from `shown` was removed by the user. An id that
    is not available stays in the choice while its file is not `settled` (it did not load
    cleanly: half-written, missing), and is dropped, and returned as lost, once the file loads
    cleanly without it."""
    held, could_show, present = set(shown), set(offered), set(available)
    choice = [i for i in wanted if i in held or i not in could_show]
    choice += [i for i in shown if i not in choice]
    if not settled:
        return tuple(choice), ()
    return tuple(i for i in choice if i in present), tuple(i for i in choice if i not in present)


def serialise(state: ViewState, default_places: Sequence[str] = DEFAULT_PLACES) -> dict[str, str]:
    """Query parameters for a state; defaults are left out so URLs stay short."""
    out: dict[str, str] = {}
    if state.lang != ViewState.lang:
        out["lang"] = state.lang
    if tuple(state.places) != tuple(default_places):
        out["places"] = ",".join(state.places)
    if state.programs:
        out["programs"] = ",".join(state.programs)
    if state.period != ViewState.period:
        out["period"] = state.period
    if state.basis != ViewState.basis:
        out["basis"] = state.basis
    return out


def select_rows(
    table: pd.DataFrame,
    places: Sequence[str],
    programs: Sequence[str] = (),
    period: str = "all",
    include_children: bool = True,
) -> pd.DataFrame:
    """Rows of the places (and their child places), programs (empty: all) and period kind."""
    if table.empty:
        return table
    wanted = set(places)
    mask = table["place"].isin(wanted)
    if include_children and "place_parent" in table.columns:
        mask |= table["place_parent"].isin(wanted)
    if programs:
        mask &= table["program"].isin(set(programs))
    if period != "all":
        mask &= table["period_kind"].map(period_class) == period
    return table.loc[mask]


def search_rows(table: pd.DataFrame, text: str, indicators: Sequence[str] = ()) -> pd.DataFrame:
    """Rows of the given indicators (empty: all) whose labels, quote or printed value hold text."""
    if table.empty:
        return table
    rows = table.loc[table["indicator"].isin(set(indicators))] if indicators else table
    needle = text.strip().casefold()
    if not needle:
        return rows
    haystack = (
        rows["label_zh"].fillna("")
        + " "
        + rows["label_en"].fillna("")
        + " "
        + rows["quote"].fillna("")
        + " "
        + rows["printed"].fillna("")
    ).str.casefold()
    return rows.loc[haystack.str.contains(needle, regex=False)]
