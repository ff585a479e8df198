"""Chart builders and the display frames they draw: tidy rows + options in, Altair charts out.

Pure functions, no Streamlit. Every place keeps one colour from a fixed colour-blind-safe palette
(Okabe–Ito), every mark has a tooltip (value as printed, normalised value, period, quote, source),
and units never share an axis: the compare chart draws one panel per indicator.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import altair as alt
import pandas as pd
from altair.typing import ChartType

from povdash.analysis.comparability import denominator_note
from povdash.data.invisible import visible
from povdash.data.model import RATE_UNITS, Section
from povdash.data.periods import parse_period
from povdash.render.fonts import FONT_STACK
from povdash.render.labels import LABELS, bi, period_label, t, tb
from povdash.render.numfmt import (
    axis_label_expr,
    figure_of,
    format_derived,
    unit_label,
)
from povdash.render.textwidth import char_width, text_width, wrap

# Okabe & Ito (2008), without yellow (too light on white) and black (reads as text).
PALETTE: tuple[str, ...] = (
    "#E69F00",  # orange
    "#0072B2",  # blue
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#999999",  # grey
)
# Units counted in whole things: their axes tick at whole numbers only (never 0.5 households).
WHOLE_UNITS = frozenset({"person", "household", "person_time", "head", "times"})
PANEL_WIDTH = 300
TREND_WIDTH = 320  # a panel of change over time
BAR_STEP = 26
# Room a compare panel's title may take: the plot and its bar-label axis (labelLimit 220 is the
# most the axis takes; titles wrap well inside it so a 1400 px window shows them whole).
TITLE_WIDTH = PANEL_WIDTH + 150
TITLE_SIZE = 13
LABEL_SIZE = 11


def whole_unit(unit: str) -> bool:
    """True for units of whole things (households, people, count:village, ...)."""
    return unit in WHOLE_UNITS or unit.startswith("count")


# (id, name_zh, name_en) in a fixed order: the colour domain, so a place's colour never depends
# on what else is selected.
PlaceNames = Sequence[tuple[str, str, str]]


def place_colours(places: PlaceNames) -> dict[str, str]:
    """Place id -> colour, assigned in the dataset's place order."""
    return {pid: PALETTE[i % len(PALETTE)] for i, (pid, _, _) in enumerate(places)}


def place_scale(places: PlaceNames, lang: str) -> alt.Scale:
    """The colour scale over place names in the chosen language: fixed domain -> range."""
    colours = place_colours(places)
    return alt.Scale(
        domain=[bi(zh, en, lang) for _, zh, en in places],
        range=[colours[pid] for pid, _, _ in places],
    )


def _text(value: object) -> str:
    """A cell as plain text to show; NaN and None become '', invisible characters (a bidi
    override in a quote) are removed."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return visible(str(value))


FIGURE_COLUMNS = ("value_exact", "value", "unit", "qualifier", "value_max")


def figure_texts(rows: pd.DataFrame, lang: str) -> list[str]:
    """Each row's figure with its qualifier, as every table, card, label and tooltip shows it:
    3000余个 / 'more than 3,000 posts', 50%以上 / 'at least 50%'."""
    columns = [c for c in FIGURE_COLUMNS if c in rows.columns]
    return [figure_of(r, lang) for r in rows[columns].to_dict("records")]


def _norm_max(row: Mapping[str, Any]) -> float | None:
    """A range's upper end on the normalised basis (value_max scaled as value was), or None."""
    high, value, norm = row.get("value_max"), row.get("value"), row.get("value_norm")
    if row.get("qualifier") != "range" or high is None or norm is None:
        return None
    if pd.isna(high) or not value or pd.isna(norm):
        return None
    return float(high) * float(norm) / float(value)


def basis_unit_title(unit: str, basis: str, lang: str) -> str:
    """Axis title with the unit and, when normalised, the denominator: '户（每万常住人口）'."""
    if basis == "absolute" or unit in RATE_UNITS:
        return unit_label(unit, lang)
    if lang == "both":
        return f"{basis_unit_title(unit, basis, 'zh')} / {basis_unit_title(unit, basis, 'en')}"
    base = unit_label(unit, lang)
    per = t(f"basis.{basis}", lang)
    if lang != "zh":
        return f"{base} {per[0].lower()}{per[1:]}"
    # a unit with brackets of its own (县(市、区)) takes the basis after a '·', not in brackets
    return f"{base} · {per}" if any(b in base for b in "()（）") else f"{base}（{per}）"


def indicator_title(row: Mapping[str, object], lang: str, basis: str = "absolute") -> str:
    """A panel title: the indicator's label and its unit, '危房改造户数（户）'; in 'both' the
    Chinese line, a line break, the English line. A label that already ends with its unit
    ('... renovated (households)') is not given it twice, and where the label or unit holds
    brackets the unit follows a '·' instead, so brackets never nest or stack."""
    if lang == "both":
        return "\n".join(indicator_title(row, x, basis) for x in ("zh", "en"))
    label = bi(row.get("label_zh"), row.get("label_en"), lang)
    unit = basis_unit_title(_text(row.get("unit")), basis, lang)
    if label.endswith((f"({unit})", f"（{unit}）")):
        return label
    if any(bracket in label + unit for bracket in "()（）"):
        return f"{label} · {unit}"  # a bracket after a bracket would nest or stack them
    return f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"


# A panel title wraps to at most this many lines a language; a longer one (a 3,000-character
# label) is cut there with "…" (the tooltip keeps the whole label), so the layout stays narrow.
TITLE_LINES = 3


def panel_title(
    text: str, width: float = TITLE_WIDTH, size: float = TITLE_SIZE, lines: int = TITLE_LINES
) -> list[str]:
    """A chart title as lines that fit `width` px (Vega draws a list as lines and never wraps):
    each line break of the text starts a line, each part wraps in at most `lines` lines, the
    last of them cut with " …" when the part goes on."""
    out: list[str] = []
    for part in text.split("\n"):
        wrapped = wrap(part, width, size)
        if len(wrapped) > lines:
            room = width - text_width(" …", size)
            kept, used = [], 0.0
            for char in wrapped[lines - 1]:
                used += char_width(char) * size
                if used > room:
                    break
                kept.append(char)
            wrapped = [*wrapped[: lines - 1], "".join(kept).rstrip() + " …"]
        out += wrapped
    return out


def mark_frame(
    rows: pd.DataFrame,
    lang: str,
    basis: str = "absolute",
    source_titles: Mapping[str, tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """The rows with the display columns every chart and tooltip uses, in the chosen language.

    Adds place_label, indicator_label, panel_title, period_text, printed_text, value_text,
    norm_text, source_text and value_plot (value_norm when normalised, except for rates).
    """
    out = rows.copy()
    if out.empty:
        for col in (
            "place_label",
            "indicator_label",
            "panel_title",
            "period_text",
            "printed_text",
            "value_text",
            "norm_text",
            "source_text",
            "bar_label",
        ):
            out[col] = pd.Series(dtype="str")
        out["value_plot"] = pd.Series(dtype="float")
        return out
    titles = source_titles or {}
    normalised = basis != "absolute"
    has_norm = "value_norm" in out.columns
    rate = out["unit"].isin(RATE_UNITS)
    out["place_label"] = [
        bi(z, e, lang) for z, e in zip(out["place_zh"], out["place_en"], strict=True)
    ]
    out["indicator_label"] = [
        bi(z, e, lang) for z, e in zip(out["label_zh"], out["label_en"], strict=True)
    ]
    out["panel_title"] = [indicator_title(r, lang, basis) for r in out.to_dict("records")]
    out["period_text"] = [period_label(_text(p), lang) for p in out["period"]]
    out["printed_text"] = out["printed"].map(_text)
    out["value_text"] = figure_texts(out, lang)
    if normalised and has_norm:
        out["value_plot"] = out["value_norm"].where(~rate, out["value"]).astype("float")
        norm_text: list[str] = []
        norm_label: list[str | None] = []
        for row in out.to_dict("records"):
            if row["unit"] in RATE_UNITS:
                norm_text.append(t("compare.rates_note", lang))
                norm_label.append(None)
            elif pd.isna(row.get("value_norm")):
                note = denominator_note(row, lang) or t("chart.no_denominator", lang)
                norm_text.append(note)
                same = row.get("denom_status") == "same_population"
                norm_label.append(t("chart.same_population", lang) if same else note)
            else:
                number = normalised_text(row, basis, lang)
                norm_text.append(f"{number} · {t(f'basis.{basis}', lang)}")
                norm_label.append(number)
        out["norm_text"] = norm_text
    else:
        out["value_plot"] = out["value"].astype("float")
        out["norm_text"] = t("basis.absolute", lang)
        norm_label = [None for _ in range(len(out))]
    out["source_text"] = [
        bi(*titles[s], lang) if s in titles else _text(s) for s in out["source"].map(_text)
    ]
    # Several periods of one place in one panel get one bar each, labelled with the period.
    periods = out.groupby(["indicator", "place"])["period"].transform("nunique")
    out["bar_label"] = [
        f"{p} · {q}" if n > 1 else p
        for p, q, n in zip(out["place_label"], out["period_text"], periods, strict=True)
    ]
    # A bar's label: the figure, or on a normalised basis the quotient with its per-unit
    # (12.6户/万人), so a label read without its axis still says what it counts.
    out["value_label"] = [
        v if n is None else n for v, n in zip(out["value_text"], norm_label, strict=True)
    ]
    return out


def normalised_text(row: Mapping[str, Any], basis: str, lang: str) -> str:
    """A normalised figure with its qualifier and per-unit: 12.6户/万人, 'more than 12.6
    households/10k people'; 'both' gives 'zh / en'."""
    if lang == "both":
        zh, en = normalised_text(row, basis, "zh"), normalised_text(row, basis, "en")
        return zh if zh == en else f"{zh} / {en}"
    number = format_derived(
        row["value_norm"],
        str(row["unit"]),
        lang,
        qualifier=row.get("qualifier", "exact"),
        value_max=_norm_max(row),
    )
    return f"{number}{t(f'per_unit.{basis}', lang)}"


def _present(frame: pd.DataFrame, order: Sequence[str]) -> list[str]:
    """Place labels that occur in the frame, in palette order."""
    found = set(frame["place_label"]) if not frame.empty else set()
    return [name for name in order if name in found]


# Every mark's tooltip: (field, label key). Value as printed, value, normalised value, period,
# quote and source, with the place and indicator they belong to.
TOOLTIP_FIELDS: tuple[tuple[str, str], ...] = (
    ("place_label", "col.place"),
    ("indicator_label", "col.indicator"),
    ("printed_text", "col.printed"),
    ("value_text", "col.value"),
    ("norm_text", "col.normalised"),
    ("period_text", "col.period"),
    ("quote", "col.quote"),
    ("source_text", "col.source"),
)


def tooltips(lang: str) -> list[dict[str, str]]:
    """The tooltip channel of every mark, as Vega-Lite field definitions."""
    return [{"field": f, "type": "nominal", "title": t(key, lang)} for f, key in TOOLTIP_FIELDS]


# Shared look: the CJK font stack (sans-serif last) and readable axis text.
CONFIG = {"font": FONT_STACK, "axis": {"labelFontSize": 12, "titleFontSize": 12}}


Chart = TypeVar("Chart", bound=alt.TopLevelMixin)


def _configured(chart: Chart) -> Chart:
    """The chart with the shared look."""
    return chart.configure(font=FONT_STACK).configure_axis(labelFontSize=12, titleFontSize=12)


# The columns a compare chart reads (encodings, tooltips, transforms) plus the ids and values that
# trace a bar back to its row: only these travel to the browser, not the ~50 of the table.
COMPARE_COLUMNS: tuple[str, ...] = (
    "obs_id",
    "place",
    "source",
    "period",
    "unit",
    "value",
    "value_norm",
    "indicator",
    "place_label",
    "bar_label",
    "value_plot",
    "value_label",
    *(f for f, _ in TOOLTIP_FIELDS if f not in ("place_label",)),
)
COMPARE_DATA = "compare_rows"


def compare_data(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns of a mark_frame that a compare chart draws from."""
    return frame[[c for c in dict.fromkeys(COMPARE_COLUMNS) if c in frame.columns]]


def compare_spec(
    frame: pd.DataFrame,
    places: PlaceNames,
    lang: str,
    basis: str = "absolute",
    columns: int = 2,
    notes: Mapping[str, str | list[str]] | None = None,
    note_colours: Mapping[str, str] | None = None,
) -> dict:
    """The compare chart as a Vega-Lite dict whose data is the named dataset COMPARE_DATA
    (compare_data(frame)); one bar panel per indicator, as compare_chart.

    Plain dicts, no Altair objects: building and serialising ~2 Altair charts per panel was most
    of a Compare-page rerun. notes (indicator -> text) become panel subtitles, drawn in the
    indicator's note_colours entry (default orange).
    """
    order = [bi(zh, en, lang) for _, zh, en in places]

    def place_rank(label: str) -> int:
        return next((i for i, name in enumerate(order) if label.startswith(name)), len(order))

    bar_order = sorted(frame["bar_label"].unique().tolist(), key=lambda b: (place_rank(b), b))
    colours = place_colours(places)
    by_label = {bi(zh, en, lang): colours[pid] for pid, zh, en in places}
    # Each place keeps its palette colour whatever else is drawn; the domain lists only the
    # places drawn, because every panel repeats it (all 60 places of a province in 33 panels
    # made an 800 KB spec that Streamlit serialised on every rerun).
    present = _present(frame, order)
    colour = {
        "field": "place_label",
        "type": "nominal",
        "scale": {"domain": present, "range": [by_label[label] for label in present]},
        "legend": {"orient": "top", "title": None},
    }
    tips = tooltips(lang)
    # each panel sorts only its own bars (the list of every bar, repeated in 66 layers, was
    # a third of a 60-place spec); the y scales are independent, so the order is the same
    rank = {label: i for i, label in enumerate(bar_order)}
    own: dict[str, dict[str, None]] = {}
    for indicator, label in zip(frame["indicator"], frame["bar_label"], strict=True):
        own.setdefault(str(indicator), {})[label] = None
    label_expr = axis_label_expr("en" if lang == "en" else "zh")
    # The longest value label of each panel, so its bars leave room for it inside the plot;
    # in both languages a label reads in two lines ("12.6户/万人" over "12.6 households/10k").
    line_break = " / " if lang == "both" else None
    widest: dict[str, float] = {}  # labels beside a bar
    widest_alone: dict[str, float] = {}  # labels at zero, of a figure without a bar
    longest_value: dict[str, float] = {}
    for indicator, text, value in zip(
        frame["indicator"], frame["value_label"], frame["value_plot"], strict=True
    ):
        key = str(indicator)
        parts = _text(text).split(line_break) if line_break else [_text(text)]
        width = max(text_width(part, LABEL_SIZE) for part in parts)
        found = widest if pd.notna(value) else widest_alone
        found[key] = max(found.get(key, 0.0), width)
        if pd.notna(value):
            longest_value[key] = max(longest_value.get(key, 0.0), float(value))
    # One pass over the frame for every panel's first row (unit and title).
    firsts = frame.drop_duplicates("indicator")[["indicator", "unit", "panel_title"]]
    panels = []
    for indicator, unit, title_text in firsts.itertuples(index=False):
        only = {"filter": {"field": "indicator", "equal": str(indicator)}}
        y = {
            "field": "bar_label",
            "type": "nominal",
            "sort": sorted(own[str(indicator)], key=rank.__getitem__),
            "title": None,
            "axis": {"labelLimit": 220},
        }
        axis: dict[str, Any] = {"labelExpr": label_expr, "tickCount": 4}
        if basis == "absolute" and whole_unit(str(unit)):
            axis["tickMinStep"] = 1  # never a tick at 0.5 households
        scale: dict[str, Any] = {"zero": True}
        top = longest_value.get(str(indicator), 0.0)
        room = widest.get(str(indicator), 0.0) + 10  # label, its 4 px offset and a margin
        # a panel widens for long labels, so its bars keep half the standard width
        plot_width = math.ceil(
            max(PANEL_WIDTH, room + PANEL_WIDTH / 2, widest_alone.get(str(indicator), 0.0) + 10)
        )
        if top > 0:
            # the longest bar ends where its label still fits inside the panel
            scale["domainMax"] = top * plot_width / (plot_width - room)
        x = {
            "field": "value_plot",
            "type": "quantitative",
            "title": basis_unit_title(str(unit), basis, lang),
            "axis": axis,
            "scale": scale,
        }
        bars = {
            "mark": {"type": "bar"},
            "encoding": {"color": colour, "tooltip": tips, "x": x, "y": y},
            "transform": [only],
        }
        labels = {
            "mark": {
                "type": "text",
                "align": "left",
                "color": "#333333",
                "dx": 4,
                "fontSize": LABEL_SIZE,
                **({"lineBreak": line_break} if line_break else {}),
            },
            "encoding": {
                "text": {"field": "value_label", "type": "nominal"},
                "tooltip": tips,
                "x": {"field": "x0", "type": "quantitative"},
                "y": y,
            },
            "transform": [
                only,
                {"calculate": "isValid(datum.value_plot) ? datum.value_plot : 0", "as": "x0"},
            ],
        }
        subtitle = (notes or {}).get(str(indicator), "")
        title = {"text": panel_title(str(title_text)), "anchor": "start", "fontSize": TITLE_SIZE}
        if subtitle:
            shade = (note_colours or {}).get(str(indicator), "#B35900")
            title.update(subtitle=subtitle, subtitleColor=shade)
        panels.append(
            {
                "layer": [bars, labels],
                # two-line labels (both languages) need a taller band
                "height": {"step": BAR_STEP + (10 if line_break else 0)},
                "title": title,
                "width": plot_width,
            }
        )
    heading = f"{t('chart.compare_title', lang)} · {t(f'basis.{basis}', lang)}"
    if lang == "both":
        heading = "\n".join(
            f"{t('chart.compare_title', x)} · {t(f'basis.{basis}', x)}" for x in ("zh", "en")
        )
    return {
        "config": CONFIG,
        "concat": panels,
        "columns": columns,
        "data": {"name": COMPARE_DATA},
        "resolve": {"scale": {"x": "independent"}},
        "title": {"text": panel_title(heading, TITLE_WIDTH + 100, 15), "anchor": "start"},
    }


def compare_chart(
    frame: pd.DataFrame,
    places: PlaceNames,
    lang: str,
    basis: str = "absolute",
    columns: int = 2,
    notes: Mapping[str, str | list[str]] | None = None,
    note_colours: Mapping[str, str] | None = None,
) -> alt.ConcatChart:
    """One bar panel per indicator (so no axis mixes units), places coloured from the fixed palette.

    frame comes from mark_frame; panels follow the frame's indicator order, bars the place order.
    notes (indicator -> text) become panel subtitles, e.g. the comparability badges.
    The Altair form of compare_spec, with the chart's columns of the frame as its data.
    """
    spec = compare_spec(frame, places, lang, basis, columns, notes, note_colours)
    # Constructors over plain dicts: from_dict, or chained methods (each deep-copies the whole
    # chart), cost ten times as much.
    panels = [
        alt.LayerChart(
            layer=[
                alt.Chart(
                    mark=layer["mark"],
                    transform=layer["transform"],
                    encoding=alt.FacetedEncoding(**layer["encoding"]),
                )
                for layer in panel["layer"]
            ],
            **{k: v for k, v in panel.items() if k != "layer"},
        )
        for panel in spec["concat"]
    ]
    return alt.ConcatChart(
        concat=panels,
        columns=spec["columns"],
        data=compare_data(frame),
        resolve=spec["resolve"],
        title=spec["title"],
        config=spec["config"],
    )


# Altair's data transformer is process-global; this lock keeps one conversion's choice from
# leaking into another thread's (each Streamlit session runs in its own thread).
_TO_DICT_LOCK = threading.Lock()


def _named_data(data: pd.DataFrame, datasets: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Altair data transformer: keep the frame aside under a name, put only the name in the spec."""
    for name, kept in datasets.items():
        if kept is data:
            return {"name": name}
    # Not data_0, data_1...: Vega-Lite gives its derived datasets those names.
    name = f"povdash_rows_{len(datasets)}"
    datasets[name] = data
    return {"name": name}


alt.data_transformers.register("povdash_named", _named_data)


def vega_lite(chart: ChartType) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    """The chart's Vega-Lite dict (unvalidated) and its data frames by dataset name.

    The rows are not written into the spec: Altair's default transformer would turn them into
    JSON (slow) and refuses charts of more than 5,000 rows (MaxRowsError).
    """
    datasets: dict[str, pd.DataFrame] = {}
    with _TO_DICT_LOCK, alt.data_transformers.enable("povdash_named", datasets=datasets):
        spec = chart.to_dict(validate=False)
    return spec, datasets


def coverage_frame(
    table: pd.DataFrame,
    framework: Sequence[tuple[str, str, str]],
    places: PlaceNames,
    lang: str,
) -> pd.DataFrame:
    """One row per framework cell x place: how many figures and which indicators it reports."""
    records = []
    for fid, fzh, fen in framework:
        for pid, pzh, pen in places:
            if table.empty:
                sub = table
            else:
                sub = table.loc[(table["framework"] == fid) & (table["place"] == pid)]
            names = (
                [bi(z, e, lang) for z, e in zip(sub["label_zh"], sub["label_en"], strict=True)]
                if not sub.empty
                else []
            )
            unique = list(dict.fromkeys(names))
            shown = "; ".join(unique[:6]) + (" …" if len(unique) > 6 else "")
            records.append(
                {
                    "framework": fid,
                    "framework_label": bi(fzh, fen, lang),
                    "place": pid,
                    "place_label": bi(pzh, pen, lang),
                    "n": len(sub),
                    "n_text": str(len(sub)) if len(sub) else "",
                    "indicators": shown or "—",
                }
            )
    return pd.DataFrame.from_records(
        records,
        columns=[
            "framework",
            "framework_label",
            "place",
            "place_label",
            "n",
            "n_text",
            "indicators",
        ],
    )


def coverage_heatmap(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The coverage grid: framework cells (rows) x places (columns), shaded by figures reported."""
    y_order = frame["framework_label"].drop_duplicates().tolist()
    x_order = frame["place_label"].drop_duplicates().tolist()
    tip = [
        alt.Tooltip("framework_label:N", title=t("coverage.framework", lang)),
        alt.Tooltip("place_label:N", title=t("col.place", lang)),
        alt.Tooltip("n:Q", title=t("coverage.count", lang)),
        alt.Tooltip("indicators:N", title=t("coverage.indicators", lang)),
    ]
    base = alt.Chart(frame).encode(
        x=alt.X(
            "place_label:N",
            sort=x_order,
            title=None,
            axis=alt.Axis(orient="top", labelAngle=0, labelLimit=160),
        ),
        y=alt.Y("framework_label:N", sort=y_order, title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=tip,
    )
    top = max(int(frame["n"].max()) if not frame.empty else 1, 1)
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.condition(
            alt.datum.n > 0,
            alt.Color(
                "n:Q",
                scale=alt.Scale(scheme="blues", domain=[0, top]),
                # counts: whole numbers on the legend too
                legend=alt.Legend(
                    title=t("coverage.count", lang), orient="right", format="d", tickMinStep=1
                ),
            ),
            alt.value("#f3f3f3"),
        )
    )
    text = base.mark_text(fontSize=13).encode(
        text="n_text:N",
        color=alt.condition(alt.datum.n > top * 0.6, alt.value("white"), alt.value("#222222")),
    )
    # LayerChart itself: alt.layer may return a facet, which these unfaceted layers never are
    chart = alt.LayerChart(layer=[cells, text]).properties(
        width=alt.Step(120),
        height=alt.Step(34),
        title=alt.TitleParams(t("coverage.title", lang), anchor="start"),
    )
    return _configured(chart)


def change_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of indicators a place reports for two or more periods (change over time)."""
    if rows.empty:
        return rows
    counts = rows.groupby(["place", "indicator"])["period"].transform("nunique")
    return rows.loc[counts > 1].sort_values(["indicator", "place", "period_end", "period"])


def profile_change_chart(frame: pd.DataFrame, places: PlaceNames, lang: str) -> alt.ConcatChart:
    """Change over time: one line panel per indicator, x = period, points labelled as printed.

    frame is mark_frame(change_frame(rows), ...); different indicators never share an axis.
    """
    scale = place_scale(places, lang)
    panels = []
    for indicator in frame["indicator"].drop_duplicates():
        sub = frame.loc[frame["indicator"] == indicator]
        first = sub.iloc[0]
        base = alt.Chart().transform_filter(alt.datum.indicator == str(indicator))
        x = alt.X(
            "period_text:N",
            sort=sub["period_text"].drop_duplicates().tolist(),
            title=t("col.period", lang),
            axis=alt.Axis(labelAngle=0),
        )
        y = alt.Y(
            "value_plot:Q",
            title=unit_label(str(first["unit"]), lang),
            axis=alt.Axis(labelExpr=axis_label_expr("en" if lang == "en" else "zh")),
            scale=alt.Scale(zero=True),
        )
        legend = alt.Legend(
            title=None, values=_present(frame, [bi(z, e, lang) for _, z, e in places])
        )
        colour = alt.Color("place_label:N", scale=scale, legend=legend)
        line = base.mark_line(point=alt.OverlayMarkDef(size=80, filled=True)).encode(
            x=x, y=y, color=colour, tooltip=tooltips(lang)
        )
        text = base.mark_text(dy=-12, fontSize=12).encode(
            x=x, y=y, text="value_text:N", tooltip=tooltips(lang)
        )
        panels.append(
            alt.layer(line, text).properties(
                title=alt.TitleParams(
                    panel_title(str(first["panel_title"]), TREND_WIDTH + 40),
                    anchor="start",
                    fontSize=TITLE_SIZE,
                ),
                width=TREND_WIDTH,
                height=220,
            )
        )
    chart = alt.concat(*panels, columns=2, data=frame).resolve_scale(y="independent")
    # Vega's bounds of the rotated y-axis title fall 2 px short of its glyphs: room on the left.
    return _configured(chart.properties(padding={"left": 10, "top": 5, "right": 5, "bottom": 5}))


HEADLINE_UNITS = ("yuan", "household", "person", "person_time", "percent")


def headline_frame(
    rows: pd.DataFrame,
    framework: Sequence[tuple[str, str, str]],
    lang: str,
    shared: Sequence[str] = (),
) -> pd.DataFrame:
    """Headline figures of one place (rows: that place's only): one per framework cell, in
    framework order.

    In each cell the pick prefers the latest period, then an indicator other places also report
    (shared: of the whole dataset, so the pick never depends on which other places are chosen),
    then money, households or people over counts of things, then the report's order. 'other'
    (outside the national framework) is used only when the place has nothing inside it. In lang
    'both', value_text is Chinese and value_alt English (a metric has room for one).
    """
    columns = [
        "framework_label",
        "indicator_label",
        "value_text",
        "value_alt",
        "period_text",
        "quote",
    ]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    cells = [c for c in framework if c[0] != "other" and (rows["framework"] == c[0]).any()]
    if not cells:
        cells = [c for c in framework if (rows["framework"] == c[0]).any()]
    picked = []
    for fid, fzh, fen in cells:
        sub = rows.loc[rows["framework"] == fid]
        rank = pd.DataFrame(
            {
                "end": [parse_period(str(p)).end.toordinal() for p in sub["period"]],
                "shared": sub["indicator"].isin(set(shared)),
                "headline": sub["unit"].isin(HEADLINE_UNITS),
            },
            index=sub.index,
        )
        order = rank.sort_values(["end", "shared", "headline"], ascending=False, kind="stable")
        row = sub.loc[order.index[0]]
        main = "zh" if lang == "both" else lang
        picked.append(
            {
                "framework_label": bi(fzh, fen, lang),
                "indicator_label": bi(row["label_zh"], row["label_en"], lang),
                "value_text": figure_of(row, main),
                "value_alt": figure_of(row, "en") if lang == "both" else "",
                "period_text": period_label(_text(row["period"]), lang),
                "quote": _text(row["quote"]),
            }
        )
    return pd.DataFrame.from_records(picked, columns=columns)


# Data-page columns: (output header key, source column or computed name). The value names its
# unit ("948户", "948 households"), so no unit column takes a share of the width; the CSV has it.
TABLE_COLUMNS: tuple[str, ...] = (
    "place",
    "program",
    "indicator",
    "period",
    "value",
    "qualifier",
    "quote",
    "source",
)


def table_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The Data page's table: place, program, indicator, period, value (with its unit),
    qualifier, quote, source."""
    headers = [t(f"col.{c}", lang) for c in TABLE_COLUMNS]
    if rows.empty:
        return pd.DataFrame(columns=headers)
    body = {
        "place": [bi(z, e, lang) for z, e in zip(rows["place_zh"], rows["place_en"], strict=True)],
        "program": [
            bi(z, e, lang) for z, e in zip(rows["program_zh"], rows["program_en"], strict=True)
        ],
        "indicator": [
            bi(z, e, lang) for z, e in zip(rows["label_zh"], rows["label_en"], strict=True)
        ],
        "period": [period_label(_text(p), lang) for p in rows["period"]],
        "value": figure_texts(rows, lang),
        "qualifier": [
            t(f"qualifier.{q}", lang) if _text(q) else "" for q in rows["qualifier"].map(_text)
        ],
        "quote": rows["quote"].map(_text).tolist(),
        "source": rows["source"].map(_text).tolist(),
    }
    return pd.DataFrame({t(f"col.{c}", lang): body[c] for c in TABLE_COLUMNS})


def with_figures(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows plus figure_zh and figure_en, each figure with its qualifier (for CSV files)."""
    out = rows.copy()
    if "unit" in out.columns and ("value" in out.columns or "value_exact" in out.columns):
        out["figure_zh"] = figure_texts(out, "zh")
        out["figure_en"] = figure_texts(out, "en")
    return out


def denominator_frame(rows: pd.DataFrame, denominators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per place, the denominator a normalised view divided by: kind, value as printed, year,
    source, quote, confidence and note; places without one say why."""
    keys = ["place", "denominator", "value", "year", "source", "quote", "confidence", "note"]
    headers = {
        "place": t("col.place", lang),
        "denominator": t("col.denominator", lang),
        "value": t("col.printed", lang),
        "year": t("col.year", lang),
        "source": t("col.source", lang),
        "quote": t("col.quote", lang),
        "confidence": t("col.confidence", lang),
        "note": t("col.note", lang),
    }
    if rows.empty or "denom_kind" not in rows.columns:
        return pd.DataFrame(columns=list(headers.values()))
    records = []
    seen: set[tuple[str, str]] = set()
    for row in rows.loc[~rows["unit"].isin(RATE_UNITS)].to_dict("records"):
        kind = _text(row.get("denom_kind"))
        key = (str(row["place"]), kind)
        if key in seen:
            continue
        seen.add(key)
        match = pd.DataFrame()
        if kind and not denominators.empty:
            match = denominators.loc[
                (denominators["place"] == row["place"]) & (denominators["kind"] == kind)
            ]
        found = match.iloc[0].to_dict() if not match.empty else {}
        confidence = _text(row.get("denom_confidence"))
        records.append(
            {
                "place": bi(row.get("place_zh"), row.get("place_en"), lang),
                "denominator": t(f"denominator.{kind}", lang)
                if kind
                else t("denominator.none", lang),
                "value": _text(found.get("printed")),
                "year": _text(row.get("denom_year")).removesuffix(".0"),
                "source": _text(row.get("denom_source")) or _text(found.get("source")),
                "quote": _text(found.get("quote")),
                "confidence": t(f"confidence.{confidence}", lang)
                if f"confidence.{confidence}" in LABELS
                else confidence,
                "note": denominator_note(row, lang),
            }
        )
    return pd.DataFrame.from_records(records, columns=keys).rename(columns=headers)


# Glide's grid (st.dataframe): 14 px text, 8 px padding a side, 21 px per wrapped line.
CELL_FONT = 14
LATIN_WORD = re.compile(r"[^\s\u2e80-\u9fff\uff00-\uffef]+")
CELL_PADDING = 18
CELL_LINE = 21
MIN_COLUMN = 56


WIDE_COLUMN = 240  # what a column named wide keeps at least (a quote reads in two or three lines)


@dataclass(frozen=True)
class _Cells:
    """One column's text, measured once for every layout fit_columns tries."""

    name: str
    texts: list[str]  # each cell as shown (_text)
    widths: list[float]  # each cell's one-line width in px
    header: float  # the header's width in px (headers never wrap)
    word: float  # the widest Latin word of any cell, in px (at most 90)


def _cells(frame: pd.DataFrame) -> list[_Cells]:
    """Every column of the frame with its cells' texts and widths."""
    columns = []
    for column in frame.columns:
        texts = [_text(v) for v in frame[column].tolist()]
        # the longest Latin word of any cell, so names are not broken mid-word (the grid does
        # break a longer one, such as a checksum or a link, rather than cut it)
        words = (w for c in texts for w in LATIN_WORD.findall(c))
        columns.append(
            _Cells(
                name=str(column),
                texts=texts,
                widths=[text_width(c, CELL_FONT) for c in texts],
                header=text_width(str(column), CELL_FONT),
                word=min(max((text_width(w, CELL_FONT) for w in words), default=0.0), 90.0),
            )
        )
    return columns


def fit_columns(
    frame: pd.DataFrame, budget: float, max_lines: int = 3, wide: Sequence[str] = ()
) -> tuple[dict[str, int], int]:
    """Column widths (px) that fit a table into `budget` px, and the row height that lets the
    cells wrap into the lines they then need: no column runs past the frame, none is cut.

    Each column asks for its widest cell (or header); when they add up to more than the budget,
    each gives way in proportion to what it can wrap, down to what max_lines lines of wrapping
    holds (more lines, up to 6, when that is still too wide); the `wide` columns keep at least
    WIDE_COLUMN px.
    """
    budget -= 2 * len(frame.columns) + 4  # the grid's borders between and around columns
    # each cell is measured once, and wrapped only at a width it does not fit in one line
    columns = _cells(frame)
    wrapped: dict[tuple[str, float], int] = {}
    for whole_headers in (True, False):  # headers do not wrap: cut one rather than the table
        for lines in range(max_lines, 7):
            widths = _fitted(columns, budget, lines, whole_headers, set(wide))
            if sum(widths.values()) <= budget:
                return widths, _row_height(columns, widths, wrapped)
    # still too wide: every column narrower in proportion, so the table at least fits its frame
    scale = budget / sum(widths.values())
    narrower = {name: max(math.floor(width * scale), 1) for name, width in widths.items()}
    return narrower, _row_height(columns, narrower, wrapped)


def _row_height(
    columns: list[_Cells], widths: Mapping[str, int], wrapped: dict[tuple[str, float], int]
) -> int:
    """Rows as tall as the cell that wraps into the most lines at these column widths;
    `wrapped` keeps the line counts already found (text, width) -> lines."""
    lines = 1
    for column in columns:
        room = widths[column.name] - CELL_PADDING
        for text, width in zip(column.texts, column.widths, strict=True):
            if width <= room:
                continue  # on one line (the wrapped text is never wider than the cell)
            if (text, room) not in wrapped:
                wrapped[text, room] = len(wrap(text, room, CELL_FONT))
            lines = max(lines, wrapped[text, room])
    return CELL_LINE * lines + 14


def _fitted(
    columns: list[_Cells], budget: float, max_lines: int, whole_headers: bool, wide: set[str]
) -> dict[str, int]:
    """fit_columns' widths for at most max_lines lines a cell, headers whole or not."""
    want: dict[str, float] = {}
    floors: dict[str, float] = {}
    for column in columns:
        name, header = column.name, column.header
        widest = max(column.widths, default=0.0)
        want[name] = max(widest, header) + CELL_PADDING + 2  # 2 px against rounding
        floors[name] = max(widest / max_lines, header if whole_headers else 0, column.word)
        floors[name] += CELL_PADDING
        least = WIDE_COLUMN if name in wide else MIN_COLUMN
        floors[name] = min(max(floors[name], least), want[name])
    widths = dict(want)
    excess = sum(widths.values()) - budget
    slack = sum(want[name] - floors[name] for name in want)
    if excess > 0 and slack > 0:
        # every column gives way in proportion to how much it can wrap, so a long column
        # (the quote) keeps its share instead of being squeezed first
        share = min(excess / slack, 1.0)
        widths = {name: want[name] - share * (want[name] - floors[name]) for name in want}
    return {name: math.floor(width) for name, width in widths.items()}


def brief_frame(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A short list of figures for a narrow column ('reported by one place'): the place, and the
    figure as one line, '参与排查比对的行业部门：9个部门（截至2021-12-31）'."""
    headers = [t(f"col.{c}", lang) for c in ("place", "figure")]
    if rows.empty:
        return pd.DataFrame(columns=headers)
    labels = [bi(z, e, lang) for z, e in zip(rows["label_zh"], rows["label_en"], strict=True)]
    periods = [period_label(_text(p), lang) for p in rows["period"]]
    figures = []
    for label, value, period in zip(labels, figure_texts(rows, lang), periods, strict=True):
        if lang == "en":
            figures.append(f"{label}: {value} ({period})" if period else f"{label}: {value}")
        else:
            figures.append(f"{label}：{value}（{period}）" if period else f"{label}：{value}")
    return pd.DataFrame(
        {
            headers[0]: [
                bi(z, e, lang) for z, e in zip(rows["place_zh"], rows["place_en"], strict=True)
            ],
            headers[1]: figures,
        }
    )


def report_places(sources: Mapping[str, object], parents: Mapping[str, str | None]) -> list[str]:
    """Places that have a report of their own: in a source's places, without their parent there.

    Taonan is in the Baicheng report under Baicheng, so it is shown within Baicheng's profile.
    """
    found: list[str] = []
    for source in sources.values():
        listed = tuple(getattr(source, "places", ()))
        for pid in listed:
            if parents.get(pid) not in listed and pid not in found:
                found.append(pid)
    return found


def section_tree(sections: Sequence[Section]) -> list[tuple[int, Section]]:
    """(depth, section) in reading order: parents before children, siblings by their order."""
    children: dict[str | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent, []).append(section)
    out: list[tuple[int, Section]] = []

    def walk(parent: str | None, depth: int) -> None:
        for section in sorted(children.get(parent, []), key=lambda s: s.order):
            out.append((depth, section))
            walk(section.id, depth + 1)

    walk(None, 0)
    return out


def figures_frame(
    rows: pd.DataFrame, lang: str, home: tuple[str, str, str] | None = None
) -> pd.DataFrame:
    """Figures of a report section: indicator, place (marked when a child of home, given as
    (id, zh, en)), value, period and quote."""
    keys = ("indicator", "place", "value", "period", "quote")
    headers = [t(f"col.{k}", lang) for k in keys]
    if rows.empty:
        return pd.DataFrame(columns=headers)
    place_text = []
    for row in rows.to_dict("records"):
        name = bi(row.get("place_zh"), row.get("place_en"), lang)
        # The parent's name comes from home itself: a section may hold only the child's rows.
        if home is not None and row.get("place") != home[0] and row.get("place_parent") == home[0]:
            child = (row.get("place_zh"), row.get("place_en"))
            name = tb("profile.child_of", lang, child=child, parent=(home[1], home[2]))
        place_text.append(name)
    return pd.DataFrame(
        {
            headers[0]: [
                bi(z, e, lang) for z, e in zip(rows["label_zh"], rows["label_en"], strict=True)
            ],
            headers[1]: place_text,
            headers[2]: figure_texts(rows, lang),
            headers[3]: [period_label(_text(p), lang) for p in rows["period"]],
            headers[4]: rows["quote"].map(_text).tolist(),
        }
    )


def section_blocks(
    sections: Sequence[Section], rows: pd.DataFrame
) -> list[tuple[int, Section | None, pd.DataFrame]]:
    """(depth, section, its rows) in reading order, only where the section or a descendant has
    rows; rows in no known section come last with section None."""
    tree = section_tree(sections)
    section_of = rows["section"] if not rows.empty else pd.Series(dtype="str")
    ids_below: dict[str, set[str]] = {}
    for _, section in reversed(tree):
        below = {section.id}
        for _, child in tree:
            if child.parent == section.id:
                below |= ids_below.get(child.id, set())
        ids_below[section.id] = below
    blocks: list[tuple[int, Section | None, pd.DataFrame]] = []
    for depth, section in tree:
        sid = section.id
        if not section_of.isin(ids_below[sid]).any():
            continue
        blocks.append((depth, section, rows.loc[section_of == sid]))
    loose = rows.loc[~section_of.isin(set(ids_below))] if not rows.empty else rows
    if not loose.empty:
        blocks.append((0, None, loose))
    return blocks
