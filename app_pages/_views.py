"""What the Compare page draws for one view, computed once per view and kept for its reruns.

A rerun after a filter change to a view seen before (or a click that changes no filter, such as
opening an expander) reuses the computed frames and chart spec instead of rebuilding them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import pandas as pd
import streamlit as st

from povdash.analysis import comparability
from povdash.data.dataset import Dataset
from povdash.render import charts
from povdash.render.labels import bi
from povdash.views.viewstate import ViewState

if TYPE_CHECKING:  # _state imports this module: the type only, for the checker
    from app_pages._state import Context

T = TypeVar("T")
Records: TypeAlias = list[dict[str, Any]]  # a chart's rows as JSON-ready records (NaN as null)
# _state.normalised: (context, rows, basis) -> (rows on that basis, whether it applied)
Normalise = Callable[["Context", pd.DataFrame, str], tuple[pd.DataFrame, bool]]


@dataclass(frozen=True)
class CompareView:
    """The Compare page's frames and chart for one view (shared by every session: read only)."""

    rows: pd.DataFrame  # the view's rows with the basis's normalised values
    normalised: bool  # False when the basis could not be applied (absolute values shown)
    shared: list[str]  # indicators two or more places report, shown: one chart panel each
    compared: pd.DataFrame  # the rows of the shown shared indicators
    codes: list[str]  # badge codes of any shown panel, in display order
    verdicts: dict[str, comparability.Verdict]  # every shared indicator's, comparable first
    hidden: list[str]  # shared indicators left out because they are not comparable
    spec: dict[str, Any] | None  # Vega-Lite dict of the compare chart, data by name
    chart_data: dict[str, Records]  # its named datasets
    labels: dict[str, str]  # indicator -> label in the chosen language
    notes: list[str]  # numbered footnotes of the badges
    single: pd.DataFrame  # brief_frame of the figures only one place reports
    side: pd.DataFrame  # table_frame of the rows set side by side by program
    beside: pd.DataFrame  # side_by_side_by_program
    denominators: pd.DataFrame | None = field(default=None)  # denominator_frame when normalised


def chart_records(frame: pd.DataFrame) -> Records:
    """A chart's rows as the JSON-ready records the page sends (NaN as null)."""
    import altair as alt

    return alt.utils.sanitize_pandas_dataframe(frame).to_dict("records")


def compare_view(
    context: Context, basis: str, normalise: Normalise, hide_not_comparable: bool = False
) -> CompareView:
    """Every frame the Compare page shows for the context's rows under a basis: panels ordered
    by their verdict (comparable first), the not comparable ones left out when asked.

    normalise(context, rows, basis) -> (rows, ok) is _state.normalised (passed in to keep the
    import order one-way).
    """
    lang = context.lang
    rows, ok = normalise(context, context.rows, basis)
    basis = basis if ok else "absolute"
    every, _ = comparability.split_shared(rows)
    side, single = comparability.split_by_program(rows, context.state.places)
    found = comparability.badges_by_indicator(
        rows.loc[rows["indicator"].isin(every)] if every else rows.iloc[:0], every, basis
    )
    verdicts = comparability.verdicts_by_indicator(found)
    hidden = [i for i, v in verdicts.items() if hide_not_comparable and v.level == "not_comparable"]
    shared = [i for i in verdicts if i not in hidden]
    by_indicator = {i: found[i] for i in shared}
    rank = {indicator: n for n, indicator in enumerate(shared)}
    compared = rows.loc[rows["indicator"].isin(shared)] if shared else rows.iloc[:0]
    # panels follow the rows' indicator order: the verdict's order
    compared = compared.iloc[compared["indicator"].map(rank).argsort(kind="stable")]
    codes = list(dict.fromkeys(b.code for found in by_indicator.values() for b in found))
    spec, data = None, {}
    if shared:
        frame = charts.mark_frame(compared, lang, basis, context.source_titles())
        spec = charts.compare_spec(
            frame,
            context.places,
            lang,
            basis,
            columns=1,
            notes={i: verdicts[i].lines(lang) for i in shared},
            note_colours={i: comparability.VERDICT_COLOURS[verdicts[i].level] for i in shared},
        )
        data = {charts.COMPARE_DATA: chart_records(charts.compare_data(frame))}
    firsts = compared.drop_duplicates("indicator")
    labels = {
        str(ind): bi(zh, en, lang)
        for ind, zh, en in zip(
            firsts["indicator"], firsts["label_zh"], firsts["label_en"], strict=True
        )
    }
    denominators = None
    if basis != "absolute":
        table = context.dataset.denominators if context.dataset is not None else None
        denominators = charts.denominator_frame(rows, table, lang)
    return CompareView(
        rows=rows,
        normalised=ok,
        shared=shared,
        compared=compared,
        codes=codes,
        verdicts=verdicts,
        hidden=hidden,
        spec=spec,
        chart_data=data,
        labels=labels,
        notes=comparability.footnotes(by_indicator, labels, lang),
        single=charts.brief_frame(single, lang) if not single.empty else single,
        side=charts.table_frame(side, lang),
        beside=comparability.side_by_side_by_program(
            rows, context.chosen_places, lang, context.program_order()
        ),
        denominators=denominators,
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def _kept(key: tuple[object, ...], _make: Callable[[], T]) -> T:
    """The value _make() gave for this key the first time (one copy for every session)."""
    return _make()


def view_key(context: Context, *extra: object) -> tuple[object, ...]:
    """Everything a page's view depends on: the data (folder and fingerprint) and the choices."""
    dataset, state = context.dataset, context.state
    data = (str(dataset.root), dataset.fingerprint) if dataset is not None else None
    return (data, state.lang, state.places, state.programs, state.period, *extra)


def kept_rows(
    dataset: Dataset | None, state: ViewState, select: Callable[[], pd.DataFrame]
) -> pd.DataFrame:
    """The rows a view selects from the table, selected once per view."""
    data = (str(dataset.root), dataset.fingerprint) if dataset is not None else None
    key = (data, state.places, state.programs, state.period, "rows")
    return _kept(key, select)


def kept_compare_view(
    context: Context, basis: str, normalise: Normalise, hide_not_comparable: bool = False
) -> CompareView:
    """compare_view, computed once per view (data, choices, basis, the switch)."""
    key = view_key(context, "compare", basis, hide_not_comparable)
    return _kept(key, lambda: compare_view(context, basis, normalise, hide_not_comparable))


@st.cache_resource(show_spinner=False, max_entries=128)
def _kept_fit(key: tuple[Any, ...], _make: Callable[[], Any]) -> Any:
    """The table layout _make() gave for this key the first time (one copy for every session)."""
    return _make()


# table_key of each frame shown, while the frame lives: a view's frames are the same objects on
# every rerun, and a shown frame is never changed.
_TABLE_KEYS: dict[int, tuple[Any, ...]] = {}


def table_key(frame: pd.DataFrame) -> tuple[Any, ...]:
    """A key of a table's content (column names, dtypes and a hash of every cell), computed
    once per frame object."""
    key = _TABLE_KEYS.get(id(frame))
    if key is None:
        cells = pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()
        key = (tuple(map(str, frame.columns)), tuple(map(str, frame.dtypes)), cells)
        _TABLE_KEYS[id(frame)] = key
        # the entry goes with the frame, before its id can be given to another object
        weakref.finalize(frame, _TABLE_KEYS.pop, id(frame), None)
    return key


def kept_fit(
    frame: pd.DataFrame, budget: int, wide: tuple[str, ...] = ()
) -> tuple[dict[str, int], int]:
    """charts.fit_columns of a table, measured once per content, budget and wide columns: it
    measures every cell's text, which costs more than the rest of a Compare rerun."""
    key = (table_key(frame), budget, wide)
    return _kept_fit(key, lambda: charts.fit_columns(frame, budget, wide=wide))


def kept_part(context: Context, basis: str, indicator: str, compared: pd.DataFrame) -> pd.DataFrame:
    """The compared rows of one indicator (the export's rows), selected once per view."""
    key = view_key(context, "compare-part", basis, indicator)
    return _kept(key, lambda: compared.loc[compared["indicator"] == indicator])
