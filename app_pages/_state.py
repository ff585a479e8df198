"""What every page shares: the one cached dataset load, the sidebar's view state, and helpers.

dashboard.py calls setup() once per run (sidebar, banner, URL); pages call current() for the
context and render with the helpers here, which show data text only as plain text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeAlias

import altair as alt
import pandas as pd
import streamlit as st
from altair.typing import ChartType

import povdash.data.dataset
from app_pages import _views
from povdash.analysis.normalise import per_basis
from povdash.cli.main import data_dir
from povdash.data.dataset import Dataset
from povdash.data.load import ID, PROGRAM_ID
from povdash.data.model import Source
from povdash.render import charts
from povdash.render.charts import PlaceNames
from povdash.render.labels import LANG_NAMES, bi, md_escape, t
from povdash.report import export
from povdash.report import figure as report
from povdash.views import viewstate
from povdash.views.viewstate import BASES, DEFAULT_PLACES, LANGS, PERIOD_KINDS, ViewState

LOG = logging.getLogger("povdash.dashboard")
Rows: TypeAlias = pd.DataFrame | _views.Records  # a chart's named dataset, as a frame or as records
CONTEXT_KEY = "_povdash_context"
INIT_KEY = "_povdash_url_read"
LANG_SHOWN_KEY = "_povdash_lang_shown"
# (the user's places or programs, with ids the data lacks for a moment, which the widget cannot
# hold; the ids the widget was offered on the last run)
WANTED = {"places": "_povdash_wanted_places", "programs": "_povdash_wanted_programs"}
BANNER_LINES = 8
# Width (px) of the main column at a 1400 px window with the sidebar open: tables are fitted to it
# (or to a share of it, in columns), so a screenshot shows every column whole.
MAIN_WIDTH = 930
# Keyed widgets whose option texts depend on the language (the sidebar's places and programs are
# set again on every run anyway).
RELABELLED = ("period", "basis", "profile_place", "data_indicators", "compare_export_indicator")


@dataclass
class Context:
    """One run's view: the dataset (None if it did not load), the choices and their rows."""

    dataset: Dataset | None
    state: ViewState
    rows: pd.DataFrame
    places: PlaceNames
    problems: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # chosen ids the data no longer has

    @property
    def lang(self) -> str:
        """The chosen language: zh, en or both."""
        return self.state.lang

    @property
    def shown_places(self) -> PlaceNames:
        """The chosen places and any child place with rows, in dataset order."""
        present = set(self.rows["place"]) if not self.rows.empty else set()
        wanted = set(self.state.places) | present
        return [p for p in self.places if p[0] in wanted]

    @property
    def chosen_places(self) -> PlaceNames:
        """(id, zh, en) of the chosen places, in the order they were chosen."""
        names = {p[0]: p for p in self.places}
        return [names[pid] for pid in self.state.places if pid in names]

    def program_order(self) -> list[str]:
        """Program ids in the taxonomy's order."""
        return list(self.dataset.programs) if self.dataset is not None else []

    def framework(self) -> list[tuple[str, str, str]]:
        """(id, zh, en) of the national framework cells, in display order."""
        if self.dataset is None:
            return []
        return [(c.id, c.name_zh, c.name_en) for c in self.dataset.framework]

    def source_titles(self) -> dict[str, tuple[str, str]]:
        """Source id -> (title_zh, title_en), for tooltips."""
        if self.dataset is None:
            return {}
        return {s.id: (s.title_zh, s.title_en) for s in self.dataset.sources.values()}

    @property
    def table(self) -> pd.DataFrame:
        """Every valid row of the dataset (empty when nothing loaded)."""
        return self.dataset.table if self.dataset is not None else pd.DataFrame()


# cache_resource, not cache_data: a hit hands back the one Dataset instead of unpickling a copy
# on every rerun (0.1-0.2 s at 1,000 places). Pages only read it, never change it.
@st.cache_resource(show_spinner=False, max_entries=4)
def _load(root: str, stamp: str) -> Dataset:
    """The dataset of a folder; the stamp (its fingerprint) is part of the cache key, so edits
    reload it. After a save (one observations file changed), only that source is checked again."""
    latest = _latest()
    dataset = povdash.data.dataset.reload_dataset(Path(root), latest.get(root))
    latest[root] = dataset
    return dataset


@st.cache_resource(show_spinner=False)
def _latest() -> dict[str, Dataset]:
    """The last dataset loaded of each folder, that the next load starts from."""
    return {}


def load() -> tuple[Dataset | None, list[str]]:
    """The dataset and the lines naming what did not load; never raises."""
    root = data_dir(None)
    try:
        # called through the module, so a test can break the data layer by replacing it
        dataset = _load(str(root.resolve()), povdash.data.dataset.fingerprint(root))
        if dataset.extra_files:  # texts outside texts/: their own stamps decide too
            stamp = povdash.data.dataset.fingerprint(root, dataset.extra_files)
            if stamp != dataset.fingerprint:
                dataset = _load(str(root.resolve()), stamp)
    except Exception as err:  # a bug in the data layer must not take the pages down
        return None, [f"{root}: {type(err).__name__}: {err}"]
    problems = [i.format() for i in dataset.issues if i.severity == "error"]
    return dataset, problems


def _place_names(dataset: Dataset | None) -> PlaceNames:
    """(id, zh, en) of every place in dataset order: the fixed colour domain."""
    if dataset is None:
        return []
    return dataset.place_names()


def _settled(dataset: Dataset | None, name: str) -> bool:
    """True when the catalogue file `name` loaded without an error, so that an id missing from
    it is really gone (not a file half-written, missing or failing for a moment)."""
    if dataset is None:
        return False
    return not any(i.path == name and i.severity == "error" for i in dataset.issues)


def _read_url_once(place_ids: list[str], program_ids: list[str]) -> None:
    """On a session's first run, put the URL's view state into the widgets' session state.

    Ids the data lacks are kept too: whether they are really gone is decided on every run,
    with the catalogue files' state (_choice)."""
    if st.session_state.get(INIT_KEY):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    asked_places = viewstate.requested(params.get("places"), ID)
    asked_programs = viewstate.requested(params.get("programs"), PROGRAM_ID)
    state = viewstate.parse(
        params,
        [*place_ids, *DEFAULT_PLACES, *asked_places],
        [*program_ids, *asked_programs],
    )
    st.session_state["lang"] = state.lang
    st.session_state["places"] = list(state.places)
    st.session_state["programs"] = list(state.programs)
    st.session_state[WANTED["places"]] = (state.places, ())
    st.session_state[WANTED["programs"]] = (state.programs, ())
    st.session_state["period"] = state.period
    st.session_state["basis"] = state.basis
    st.session_state[INIT_KEY] = True


def _choice(key: str, available: list[str], settled: bool) -> tuple[tuple[str, ...], list[str]]:
    """The user's places or programs (ids the data lacks for a moment kept) and the ids really
    gone this run; the widget is given the ones it can show."""
    wanted, offered = st.session_state.get(WANTED[key], ((), ()))
    shown = st.session_state.get(key, [])
    chosen, gone = viewstate.keep_choice(wanted, shown, offered, available, settled)
    st.session_state[WANTED[key]] = (chosen, tuple(available))
    st.session_state[key] = [i for i in chosen if i in available]
    return chosen, list(gone)


def _sidebar(dataset: Dataset | None, places: PlaceNames) -> tuple[ViewState, list[str]]:
    """The sidebar widgets; returns the state they hold and the ids dropped as really gone."""
    programs = list(dataset.programs.values()) if dataset is not None else []
    place_ids = [pid for pid, _, _ in places]
    program_ids = [p.id for p in programs]
    _read_url_once(place_ids, program_ids)
    # Options can vanish when the data changes: the widgets get the ids they can show, the
    # choice keeps the others until their file loads cleanly without them.
    wanted_places, gone = _choice("places", place_ids, _settled(dataset, "places.yaml"))
    wanted_programs, gone_programs = _choice(
        "programs", program_ids, _settled(dataset, "programs.yaml")
    )
    gone += gone_programs
    sidebar = st.sidebar
    head = sidebar.container()
    lang = sidebar.segmented_control(
        "语言 / Language",
        LANGS,
        key="lang",
        format_func=LANG_NAMES.__getitem__,
        required=True,
    )
    lang = lang or "both"
    relabel(lang)
    head.title(t("app.title", lang))
    head.caption(t("app.subtitle", lang))
    names = {pid: bi(zh, en, lang) for pid, zh, en in places}
    chosen = sidebar.multiselect(
        t("sidebar.places", lang),
        place_ids,
        key="places",
        format_func=names.__getitem__,
        placeholder=t("sidebar.places_placeholder", lang),
    )
    # Names only: the program codes (LC-HOUSE) are ids of the data files, not words for readers.
    program_names = {p.id: bi(p.name_zh, p.name_en, lang) for p in programs}
    chosen_programs = sidebar.multiselect(
        t("sidebar.programs", lang),
        program_ids,
        key="programs",
        format_func=program_names.__getitem__,
        help=t("sidebar.programs_help", lang),
        placeholder=t("sidebar.programs_placeholder", lang),
    )
    period = sidebar.selectbox(
        t("sidebar.period", lang),
        PERIOD_KINDS,
        key="period",
        format_func=lambda k: t(f"period_kind.{k}", lang),
        placeholder=t("widget.choose", lang),
    )
    # the widgets hold the available part of the choice (chosen, chosen_programs); the rest
    # waits for its file, and the user is told so
    waiting = [i for i in wanted_places if i not in chosen]
    waiting += [i for i in wanted_programs if i not in chosen_programs]
    if waiting:
        sidebar.caption(t("sidebar.kept", lang, ids=md_escape(", ".join(waiting))))
    sidebar.caption(t("sidebar.bookmark", lang))
    basis = st.session_state.get("basis", "absolute")
    state = ViewState(
        lang=lang,
        places=wanted_places,
        programs=wanted_programs,
        period=period or "all",
        basis=basis if basis in BASES else "absolute",
    )
    return state, gone


def relabel(lang: str) -> None:
    """After a language switch, set the language-dependent widgets' values again.

    Streamlit keeps a keyed widget's chosen option as the text it showed: without this the
    period box still read "全部 / All" after a switch to 中文. A value set through session state
    is sent to the browser with the option's new text.
    """
    if st.session_state.get(LANG_SHOWN_KEY) == lang:
        return
    for key in RELABELLED:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    st.session_state[LANG_SHOWN_KEY] = lang


def banner(problems: list[str], lang: str) -> None:
    """A warning naming what did not load (file:line and code), as inert text; details fold away."""
    if not problems:
        return
    short = [
        p.split(": ", 1)[0] + (f" [{p.rsplit('[', 1)[-1]}" if p.endswith("]") else "")
        for p in problems
    ]
    shown = short[:BANNER_LINES]
    if len(short) > BANNER_LINES:
        shown.append(t("banner.more", lang, n=len(short) - BANNER_LINES))
    lines = [t("banner.issues", lang, n=len(problems)), *(f"- {md_escape(s)}" for s in shown)]
    st.warning("\n".join(lines), icon=":material/warning:")
    with st.expander(t("banner.details", lang)):
        st.code("\n".join(problems), language=None, wrap_lines=True)


def gone_notice(context: Context) -> None:
    """Say which chosen places or programs left the selection because the data no longer has
    them (shown on the run that drops them; the URL then changes with them)."""
    if context.gone:
        ids = md_escape(", ".join(context.gone))  # ids from the URL, shown as text
        st.info(t("notice.gone", context.lang, ids=ids), icon=":material/info:")


def setup() -> Context:
    """Load, draw the sidebar and the banner, and store the context for the page."""
    dataset, problems = load()
    places = _place_names(dataset)
    state, gone = _sidebar(dataset, places)
    table = dataset.table if dataset is not None else pd.DataFrame()
    rows = _views.kept_rows(
        dataset,
        state,
        lambda: viewstate.select_rows(table, state.places, state.programs, state.period),
    )
    context = Context(dataset, state, rows, places, problems, gone)
    st.session_state[CONTEXT_KEY] = context
    return context


def current() -> Context:
    """The context dashboard.py stored for this run."""
    return st.session_state[CONTEXT_KEY]


def write_url(context: Context) -> None:
    """Put the view state into the URL (defaults left out), only when it changed."""
    basis = st.session_state.get("basis", context.state.basis)
    state = ViewState(
        lang=context.state.lang,
        places=context.state.places,
        programs=context.state.programs,
        period=context.state.period,
        basis=basis if basis in BASES else "absolute",
    )
    wanted = viewstate.serialise(state)
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def normalised(context: Context, rows: pd.DataFrame, basis: str) -> tuple[pd.DataFrame, bool]:
    """The rows with value_norm and its denominator for a basis; (rows, False) if unavailable."""
    if context.dataset is None:
        return rows, False
    if basis == "absolute":
        return rows, True
    try:
        return per_basis(rows, context.dataset.denominators, basis), True
    except Exception:  # keep the page up with absolute values; the log has the details
        LOG.exception("normalisation failed for basis %s", basis)
        return rows, False


def _deferred(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download callable that never raises into the page (an empty file at worst, logged)."""

    def run() -> bytes:
        try:
            return make()
        except Exception:
            LOG.exception("download failed")
            return b""

    return run


def compare_exports(
    context: Context, rows: pd.DataFrame, basis: str
) -> dict[str, Callable[[], bytes]]:
    """PNG, SVG and CSV of one indicator's report figure, made by povdash.report.export on click."""
    sources = context.dataset.sources if context.dataset is not None else {}
    lang, places = context.lang, context.places

    def png() -> bytes:
        chart = export.comparison_chart(rows, places, basis, lang)
        return export.figure_png(chart, export.figure_meta(rows, sources, basis, "slide", lang))

    def svg() -> bytes:
        chart = export.comparison_chart(rows, places, basis, lang)
        return export.figure_svg(chart, export.figure_meta(rows, sources, basis, "slide", lang))

    def csv() -> bytes:
        return export.chart_data_csv(rows, sources, basis)

    return {"png": _deferred(png), "svg": _deferred(svg), "csv": _deferred(csv)}


def data_exports(context: Context, rows: pd.DataFrame) -> dict[str, Callable[[], bytes]]:
    """CSV of the filtered rows with their sources, by povdash.report.export (formula cells made
    inert)."""
    sources = context.dataset.sources if context.dataset is not None else {}

    return {"csv": _deferred(lambda: rows_csv(rows, sources))}


def rows_csv(rows: pd.DataFrame, sources: Mapping[str, Source] | None = None) -> bytes:
    """The CSV of some rows, as povdash.report.export writes a chart's (povdash.report.csvfile's
    one writer)."""
    return export.chart_data_csv(rows, sources)


def figure_exports(
    context: Context, figure: ChartType, rows: pd.DataFrame, title_key: str
) -> dict[str, Callable[[], bytes]]:
    """PNG and SVG of a chart as a report figure (title, sources, date), made on click."""
    sources = context.dataset.sources if context.dataset is not None else {}
    lang = context.lang

    def meta() -> report.FigureMeta:
        return report.FigureMeta(
            title=report.Text(t(title_key, "zh"), t(title_key, "en")),
            subtitle=(),
            footnotes=(),
            sources=export.source_lines(rows, sources) if not rows.empty else (),
            made_on=date.today(),
            size="slide",
            lang=lang,
        )

    return {
        "png": _deferred(lambda: export.figure_png(figure, meta())),
        "svg": _deferred(lambda: export.figure_svg(figure, meta())),
    }


def table(
    frame: pd.DataFrame,
    budget: int = MAIN_WIDTH,
    key: str | None = None,
    wide: tuple[str, ...] = (),
    height: int | None = None,
) -> None:
    """A table whose columns fit `budget` px (the column it sits in at a 1400 px window), its
    long cells wrapped rather than cut or pushed out of the frame; `wide` columns (quotes)
    keep room to be read."""
    widths, row_height = _views.kept_fit(frame, budget, wide)
    st.dataframe(
        frame,
        hide_index=True,
        row_height=row_height,
        column_config={name: st.column_config.Column(width=w) for name, w in widths.items()},
        key=key,
        height=height or "auto",
    )


def plain_heading(text: str, level: int = 3) -> None:
    """A heading of data text (report section names), escaped so Markdown in it stays inert."""
    st.markdown(f"{'#' * level} {md_escape(text)}")


def vega_lite_spec(
    figure: ChartType | dict[str, Any], datasets: Mapping[str, Rows] | None = None
) -> dict[str, Any]:
    """The spec Streamlit is given: Vega-Lite with its rows as named datasets of records, so
    no row limit applies."""
    found: Mapping[str, Rows]
    if isinstance(figure, dict):
        # The browser reads the Vega-Lite version from $schema, as in Altair's output.
        spec, found = {"$schema": alt.SCHEMA_URL, **figure}, {}
    else:
        # The spec was validated by the chart tests; skipping Altair's validation saves most of
        # a rerun.
        spec, found = charts.vega_lite(figure)
    spec["datasets"] = {
        name: chart_records(data) for name, data in {**found, **(datasets or {})}.items()
    }
    return spec


def chart_records(data: Rows) -> _views.Records:
    """A frame as the JSON-ready records Altair would inline (NaN as null), without Altair's
    5,000-row limit; records as they are. (Frames handed over as Arrow drew no marks in the
    browser, so the rows travel as records, as before.)"""
    return _views.chart_records(data) if isinstance(data, pd.DataFrame) else data


def chart(
    figure: ChartType | dict[str, Any],
    key: str,
    rows: pd.DataFrame | None = None,
    lang: str = "both",
    exports: dict[str, Callable[[], bytes]] | None = None,
    datasets: Mapping[str, Rows] | None = None,
) -> None:
    """A chart (Altair, or a Vega-Lite dict with its named datasets) with its own colours
    (theme=None) and download buttons below it.

    exports maps 'png'/'svg'/'csv' to callables run only when the button is clicked (no
    vl-convert work on reruns); without a 'csv' export, rows give the CSV.
    """
    # theme=None keeps the chart's own colours and font, as in the exports.
    st.vega_lite_chart(vega_lite_spec(figure, datasets), theme=None, key=f"{key}_chart")
    downloads(key, lang, rows, exports)


MIMES = {"png": "image/png", "svg": "image/svg+xml", "csv": "text/csv"}


def downloads(
    key: str,
    lang: str,
    rows: pd.DataFrame | None = None,
    exports: dict[str, Callable[[], bytes]] | None = None,
) -> None:
    """A row of download buttons (PNG, SVG, CSV); each file is made only when clicked."""
    makers = dict(exports or {})
    if "csv" not in makers and rows is not None:
        makers["csv"] = _deferred(lambda: rows_csv(rows))
    buttons = [(fmt, makers[fmt]) for fmt in ("png", "svg", "csv") if fmt in makers]
    if not buttons:
        return
    columns = st.columns(len(buttons) + 3)
    for column, (fmt, make) in zip(columns, buttons, strict=False):
        column.download_button(
            t(f"download.{fmt}", lang),
            data=make,
            help=t(f"download.help_{fmt}", lang),
            file_name=f"povdash-{key}.{fmt}",
            mime=MIMES[fmt],
            key=f"{key}_{fmt}",
            on_click="ignore",
            icon=":material/download:",
        )
