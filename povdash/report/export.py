"""Report-ready exports: figures as PNG (2x) or SVG bytes, chart data as CSV, sets to a folder.

Figures are rendered by vl-convert with the CJK font of povdash.render.fonts; every function here
takes plain values (rows, an Altair chart, a FigureMeta) so the dashboard and the CLI share them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc
from altair.typing import ChartType

from povdash.analysis import comparability
from povdash.data.dataset import Dataset
from povdash.data.invisible import visible
from povdash.data.model import DENOMINATOR_UNITS, RATE_UNITS, Source
from povdash.render import charts
from povdash.render.fonts import self_check
from povdash.render.labels import LANGS, period_label, t
from povdash.render.numfmt import format_value, unit_label
from povdash.report.csvfile import CSV_COLUMNS, csv_bytes
from povdash.report.figure import (
    FIGURE_SIZES,
    FigureMeta,
    SourceLine,
    Text,
    compose,
    min_plot_height,
    with_plot,
    worded,
)
from povdash.report.formats import FORMATS

PNG_SCALE = 2
# Logical px are CSS px (96 per inch); at 2x the PNG records 192 dpi, so a word processor
# places it at its intended size (an a4 figure lands exactly 160 mm wide).
PNG_PPI = 96 * PNG_SCALE

SAFE_ID = re.compile(r"[^a-z0-9_-]+")


class ExportError(ValueError):
    """A request the export cannot fulfil (bad option, nothing to export); the message says why."""


# ---------------------------------------------------------------------------------------------
# Rendering one figure


# The background path of the figure's one view (the first group of its concat) in Vega's SVG:
# its width and height are the plot area.
VIEW_PATH = re.compile(r'role-scope[^>]*><g transform="[^"]*"><path class="background"[^>]*'
                       r'd="M0,0h([\d.]+)v([\d.]+)h')  # fmt: skip


def _plot_area(figure: alt.VConcatChart) -> tuple[int, int] | None:
    """The plot area of a composed figure, or None when the chart sizes itself (facets, concats)."""
    plot = figure.vconcat[0]
    width, height = getattr(plot, "width", None), getattr(plot, "height", None)
    if isinstance(width, int | float) and isinstance(height, int | float):
        return int(width), int(height)
    return None


def _fitting(vega: dict[str, Any], width: int, height: int | None) -> dict[str, Any]:
    """The compiled figure set to fill `width` x `height` px, padding included, by Vega's own
    autosize: Vega lays it out and moves the plot area until titles, axes, legend and labels
    fit exactly (Vega-Lite cannot fit a concat). With no height, the plot keeps the height it
    has and the figure is as tall as its content."""
    signals = []
    for signal in vega.get("signals", []):
        name = signal["name"]
        if name == "childWidth" or (name == "childHeight" and height is not None):
            # The view's size follows the width and height that autosize adjusts.
            signal = {"name": name, "update": "width" if name == "childWidth" else "height"}
        signals.append(signal)
    fitted = {**vega, "signals": signals, "width": width}
    # resize: Vega lays the figure out again after each adjustment (labels ride on the bars).
    fitted["autosize"] = {
        "type": "fit" if height else "fit-x",
        "contains": "padding",
        "resize": True,
    }
    if height is not None:
        fitted["height"] = height
    return fitted


def _fitted(chart: ChartType, meta: FigureMeta) -> tuple[dict[str, Any], bytes]:
    """The finished figure's Vega-Lite spec at its set size and its SVG, rendered once.

    Vega fits the plot area to the size; only footnotes that would leave the plot less than its
    least height render again, the plot at that height and the figure taller.
    """
    font = self_check().stack
    with alt.data_transformers.disable_max_rows():
        figure = compose(chart, meta, font)
        plot = _plot_area(figure)
        # The composed spec is built from checked parts; Altair's validation of the whole
        # figure cost a fifth of an export.
        spec = figure.to_dict(validate=False)
    if plot is None:
        return spec, _svg(spec)
    size = FIGURE_SIZES[meta.size]
    vega = vlc.vegalite_to_vega(spec)
    svg = _vega_svg(_fitting(vega, size.width, size.height))
    found = VIEW_PATH.search(svg.decode("utf-8"))
    if found is None:
        return spec, svg  # a layout of another shape: fitted all the same, its plot unread
    fitted = (int(float(found[1])), int(float(found[2])))
    shortest = min_plot_height(size)
    if fitted[1] < shortest:
        tall = with_plot(spec, (fitted[0], shortest))
        svg = _vega_svg(_fitting(vlc.vegalite_to_vega(tall), size.width, None))
        return tall, svg
    return with_plot(spec, fitted), svg


def _svg(spec: dict[str, Any]) -> bytes:
    """SVG bytes of a spec; vl-convert escapes text, so data text never becomes markup."""
    return vlc.vegalite_to_svg(spec, allowed_base_urls=[]).encode("utf-8")


def _vega_svg(vega: dict[str, Any]) -> bytes:
    """SVG bytes of a compiled Vega spec (escaped text, as _svg)."""
    return vlc.vega_to_svg(vega, allowed_base_urls=[]).encode("utf-8")


def _png(svg: bytes) -> bytes:
    """The SVG drawn as PNG at 2x: scale x ppi/72 is vl-convert's pixel factor (0.75 x 192/72)."""
    return vlc.svg_to_png(svg.decode("utf-8"), scale=PNG_SCALE * 72 / PNG_PPI, ppi=PNG_PPI)


def figure_spec(chart: ChartType, meta: FigureMeta) -> dict[str, Any]:
    """The Vega-Lite spec of the finished figure at its set size (as rendered to SVG)."""
    return _fitted(chart, meta)[0]


def figure_png(chart: ChartType, meta: FigureMeta) -> bytes:
    """The finished figure as PNG bytes at 2x (1920x1080 for a slide), white, 192 dpi recorded:
    its SVG, drawn."""
    return _png(_fitted(chart, meta)[1])


def figure_svg(chart: ChartType, meta: FigureMeta) -> bytes:
    """The finished figure as UTF-8 SVG bytes; data text is escaped text, never markup."""
    return _fitted(chart, meta)[1]


# ---------------------------------------------------------------------------------------------
# Chart data as CSV


def _source_columns(rows: pd.DataFrame, sources: Mapping[str, Source]) -> pd.DataFrame:
    """The rows with publisher, title and date of each row's source (blank for unknown ids)."""
    out = rows.copy()
    fields = {
        "source_publisher_zh": "publisher_zh",
        "source_publisher_en": "publisher_en",
        "source_title_zh": "title_zh",
        "source_title_en": "title_en",
        "source_published": "published",
    }
    ids = out["source"] if "source" in out.columns else pd.Series([""] * len(out))
    for column, attr in fields.items():
        out[column] = [
            str(getattr(sources[s], attr, "") or "") if s in sources else "" for s in ids
        ]
    return out


def data_frame(
    rows: pd.DataFrame, sources: Mapping[str, Source] | None = None, basis: str | None = None
) -> pd.DataFrame:
    """The chart's rows in the CSV layout (povdash.report.csvfile.CSV_COLUMNS that exist), units
    named in both languages."""
    out = _source_columns(rows, sources or {}) if sources is not None else rows.copy()
    out = charts.with_figures(out)
    if "unit" in out.columns:
        out["unit_zh"] = [unit_label(str(u), "zh") for u in out["unit"]]
        out["unit_en"] = [unit_label(str(u), "en") for u in out["unit"]]
    if basis is not None:
        out["basis"] = basis
    return out.reindex(columns=[c for c in CSV_COLUMNS if c in out.columns])


def chart_data_csv(
    rows: pd.DataFrame, sources: Mapping[str, Source] | None = None, basis: str | None = None
) -> bytes:
    """CSV bytes of a chart's rows with units, printed values, quotes and (given `sources`, a
    mapping of source id -> povdash.data.model.Source) each row's publisher, title and date."""
    return csv_bytes(data_frame(rows, sources, basis))


# ---------------------------------------------------------------------------------------------
# One comparison figure from the table rows of one indicator


def source_lines(rows: pd.DataFrame, sources: Mapping[str, Source]) -> tuple[SourceLine, ...]:
    """One source line per distinct source of the rows, then per stored report a denominator
    was read from, in first-seen order."""
    ids = list(rows["source"].astype(str))
    if "denom_source" in rows.columns:
        ids += [s for s in rows["denom_source"].map(_text) if s in sources]
    lines = []
    for sid in dict.fromkeys(ids):
        src = sources.get(sid)
        if src is None:
            lines.append(SourceLine(Text(sid, sid), Text("", ""), ""))
            continue
        lines.append(
            SourceLine(
                publisher=Text(src.publisher_zh, src.publisher_en),
                title=Text(src.title_zh, src.title_en),
                published=str(src.published),
            )
        )
    return tuple(lines)


def _text(value: object) -> str:
    """A cell as text to show; NaN and None become '', invisible characters are removed."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return visible(str(value))


def _joined(names: Iterable[str], lang: str) -> str:
    """Place names joined as a language lists them (白城市、洮南市与柳河县; A vs B vs C)."""
    items = [n for n in names if n]
    head = t("figure.place_sep", lang).join(items[:-1])
    return head + (t("figure.place_last", lang) if len(items) > 1 else "") + items[-1]


def _label(key: str) -> Text:
    """A label of povdash.render.labels in both languages."""
    return Text(t(key, "zh"), t(key, "en"))


def _followed(text: Text, key: str, **values: Text | str) -> Text:
    """`text` with the label `key` after it on each side whose values are not empty."""
    tail = worded(key, **values)
    filled = {lang: all(getattr(v, lang) if isinstance(v, Text) else v for v in values.values())
              for lang in ("zh", "en")}  # fmt: skip
    return Text(
        text.zh + (tail.zh if filled["zh"] else ""), text.en + (tail.en if filled["en"] else "")
    )


def source_name(source: str, sources: Mapping[str, Source]) -> Text:
    """A denominator's source: a stored report in short (its source line is below the figure),
    else the citation as written in places.yaml."""
    src = sources.get(source)
    if src is None:
        return Text(source, source)
    publisher = Text(src.publisher_zh, src.publisher_en)
    return worded("figure.source_short", publisher=publisher, published=str(src.published))


def denominator_notes(
    rows: pd.DataFrame, basis: str, sources: Mapping[str, Source] | None = None
) -> list[Text]:
    """For a normalised figure: each place's denominator with its year and source, or why none."""
    if basis == "absolute" or "denom_kind" not in rows.columns:
        return []
    notes: list[Text] = []
    for _, row in rows.drop_duplicates("place").iterrows():
        if row.get("unit") in RATE_UNITS:
            continue
        place = Text(_text(row.get("place_zh")), _text(row.get("place_en")))
        kind = _text(row.get("denom_kind"))
        if not kind or pd.isna(row.get("denom_value")):
            notes.append(
                worded("figure.no_denominator", place=place, none=_label("denominator.none"))
            )
            continue
        unit = DENOMINATOR_UNITS.get(kind, "count")
        value = row.get("denom_value")
        note = worded(
            "figure.denominator",
            place=place,
            kind=_label(f"denominator.{kind}"),
            value=Text(format_value(value, unit, "zh"), format_value(value, unit, "en")),
            year=_text(row.get("denom_year")).removesuffix(".0"),
            source=source_name(_text(row.get("denom_source")), sources or {}),
        )
        # povdash.analysis.normalise writes its notes in English; both sides are worded from the
        # labels.
        why = Text(*(comparability.denominator_note(row, lang) for lang in ("zh", "en")))
        notes.append(_followed(note, "figure.denominator_why", note=why))
    return notes


def misprint_notes(rows: pd.DataFrame) -> list[Text]:
    """A footnote per suspected misprint: what was printed, the likely reading, and why."""
    if "has_correction" not in rows.columns:
        return []
    notes = []
    flagged = rows[rows["has_correction"].fillna(False).astype(bool)]
    for _, row in flagged.iterrows():
        reason = _text(row.get("correction_reason"))
        notes.append(
            worded(
                "figure.misprint",
                place=Text(_text(row.get("place_zh")), _text(row.get("place_en"))),
                printed=_text(row.get("printed")),
                other=_text(row.get("correction_printed")),
                reason=worded("figure.misprint_reason", reason=reason) if reason else "",
            )
        )
    return notes


def comparability_notes(rows: pd.DataFrame, basis: str) -> list[Text]:
    """The comparability badges of the rows as footnotes (the misprint badge has its own note)."""
    found = comparability.badges(rows, basis)
    codes = {badge.code for badge in found}
    # The periods themselves show the difference in period kind, so that badge would repeat it.
    skip = {"correction", "denominator"} | ({"period_kind"} if "period" in codes else set())
    return [Text(badge.text("zh"), badge.text("en")) for badge in found if badge.code not in skip]


def _indicator_line(label: Text, program: Text) -> Text:
    """'指标：危房改造户数（危房改造与住房安全）'; where the label or program holds brackets the
    program follows a "·" instead, so brackets never nest ("(households) (... (safety))")."""
    texts = label.zh + label.en + program.zh + program.en
    bracketed = any(bracket in texts for bracket in "()（）")
    key = "figure.indicator_program" if bracketed else "figure.indicator"
    return worded(key, label=label, program=program)


def figure_meta(
    rows: pd.DataFrame,
    sources: Mapping[str, Source],
    basis: str = "absolute",
    size: str = "slide",
    lang: str = "zh",
    made_on: date | None = None,
) -> FigureMeta:
    """Title, subtitle, footnotes and source lines for the rows of one indicator across places."""
    if rows.empty:
        raise ExportError("no rows to draw: the figure would be empty")
    first = rows.iloc[0]
    places_zh = list(dict.fromkeys(rows["place_zh"].map(_text)))
    places_en = list(dict.fromkeys(rows["place_en"].map(_text)))
    label = Text(_text(first.get("label_zh")), _text(first.get("label_en")))
    unit = _text(first.get("unit"))
    periods = list(dict.fromkeys(rows["period"].map(_text)))
    rate = unit in RATE_UNITS
    unit_text = Text(
        charts.basis_unit_title(unit, basis, "zh"), charts.basis_unit_title(unit, basis, "en")
    )
    program = Text(_text(first.get("program_zh")), _text(first.get("program_en")))
    period_texts = Text(
        *(t("figure.period_sep", lang).join(period_label(p, lang) for p in periods)
          for lang in ("zh", "en"))
    )  # fmt: skip
    subtitle = (
        _indicator_line(label, program),
        worded("figure.unit", unit=unit_text),
        worded("figure.period", periods=period_texts),
        worded("figure.basis", basis=_label(f"basis.{basis}")),
    )
    notes = comparability_notes(rows, basis) + misprint_notes(rows)
    notes += denominator_notes(rows, basis, sources)
    if rate and basis != "absolute":
        notes.append(_label("compare.rates_note"))
    return FigureMeta(
        title=worded(
            "figure.title",
            label=label,
            places=Text(_joined(places_zh, "zh"), _joined(places_en, "en")),
        ),
        subtitle=subtitle,
        footnotes=tuple(notes),
        sources=source_lines(rows, sources),
        made_on=made_on or date.today(),
        size=size,
        lang=lang,
    )


def comparison_chart(
    rows: pd.DataFrame, places: Sequence[tuple[str, str, str]], basis: str, lang: str
) -> ChartType:
    """The dashboard's compare panel for one indicator: the same bars and colours as on screen."""
    frame = charts.mark_frame(rows, lang, basis)
    return charts.compare_chart(frame, places, lang, basis, columns=1)


# ---------------------------------------------------------------------------------------------
# Whole sets


@dataclass(frozen=True)
class ExportRequest:
    """What `povdash export` was asked for; empty tuples mean every place, program, indicator."""

    places: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    bases: tuple[str, ...] = ("absolute",)
    fmt: str = "png"
    size: str = "slide"
    lang: str = "zh"
    made_on: date = field(default_factory=date.today)


@dataclass(frozen=True)
class ExportResult:
    """The files written and the figures left out, each with the reason."""

    written: tuple[Path, ...]
    skipped: tuple[str, ...]


def figure_name(indicator: str, basis: str, lang: str, size: str, fmt: str) -> str:
    """The stable file name of one figure: compare-<indicator>-<basis>-<lang>-<size>.<fmt>."""
    safe = SAFE_ID.sub("-", indicator.lower()).strip("-") or "indicator"
    if fmt == "csv":
        return f"compare-{safe}-{basis}.csv"
    return f"compare-{safe}-{basis}-{lang}-{size}.{fmt}"


def selected_rows(table: pd.DataFrame, request: ExportRequest) -> pd.DataFrame:
    """The table rows of the chosen places, programs and indicators."""
    rows = table
    if request.places:
        rows = rows.loc[rows["place"].isin(request.places)]
    if request.programs:
        rows = rows.loc[rows["program"].isin(request.programs)]
    if request.indicators:
        rows = rows.loc[rows["indicator"].isin(request.indicators)]
    return rows


def compared_indicators(rows: pd.DataFrame, request: ExportRequest) -> list[str]:
    """Indicators to draw: those two or more chosen places report; any asked for by name."""
    if rows.empty:
        return []
    counts = rows.groupby("indicator", sort=False)["place"].nunique()
    wanted = 1 if request.indicators or len(set(rows["place"])) < 2 else 2
    return [str(i) for i in counts.index if counts[i] >= wanted]


def validate_request(request: ExportRequest, bases: Sequence[str]) -> None:
    """Raise ExportError naming the first option outside its allowed values."""
    checks = (
        ("--format", (request.fmt,), FORMATS),
        ("--size", (request.size,), tuple(FIGURE_SIZES)),
        ("--lang", (request.lang,), LANGS),
        ("--normalise", request.bases, tuple(bases)),
    )
    for option, values, allowed in checks:
        for value in values:
            if value not in allowed:
                raise ExportError(f"{option}: expected one of {', '.join(allowed)}, got {value!r}")


def _unknown_ids(asked: Sequence[str], known: Iterable[str], option: str) -> None:
    """Raise ExportError for ids that the dataset does not hold."""
    known_set = set(known)
    missing = [a for a in asked if a not in known_set]
    if missing:
        sample = ", ".join(sorted(known_set)[:8])
        raise ExportError(f"{option}: unknown id {', '.join(missing)}; known ids include {sample}")


def export_set(dataset: Dataset, request: ExportRequest, out_dir: Path) -> ExportResult:
    """Write one file per compared indicator and basis into out_dir, plus sources.csv."""
    from povdash.analysis.normalise import BASES, per_basis

    validate_request(request, BASES)
    _unknown_ids(request.places, dataset.places, "--place")
    _unknown_ids(request.programs, dataset.programs, "--program")
    _unknown_ids(request.indicators, dataset.indicators, "--indicator")
    rows = selected_rows(dataset.table, request)
    indicators = compared_indicators(rows, request)
    if not indicators:
        raise ExportError(
            "nothing to export: no indicator is reported by two or more of the chosen places; "
            "hint: name one with --indicator, or widen --place/--program"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    places = dataset.place_names()
    written: list[Path] = []
    skipped: list[str] = []
    used: list[pd.DataFrame] = []
    for basis in request.bases:
        normalised = per_basis(rows, dataset.denominators, basis)
        for indicator in indicators:
            sub = normalised.loc[normalised["indicator"] == indicator]
            name = figure_name(indicator, basis, request.lang, request.size, request.fmt)
            if basis != "absolute" and not _drawable(sub):
                skipped.append(f"{name}: no denominator for any place; not drawn")
                continue
            path = out_dir / name
            path.write_bytes(_render(sub, dataset, places, basis, request))
            written.append(path)
            used.append(data_frame(sub, dataset.sources, basis).assign(figure=name))
    sources_path = out_dir / "sources.csv"
    frame = pd.concat(used, ignore_index=True) if used else pd.DataFrame()
    # sources.csv: the figure file, then the CSV columns of every row drawn
    sources_path.write_bytes(csv_bytes(frame, lead=("figure",)))
    return ExportResult(written=(*written, sources_path), skipped=tuple(skipped))


def _drawable(rows: pd.DataFrame) -> bool:
    """True when some row has a value to draw under a normalised basis (rates count as drawn)."""
    rate = rows["unit"].isin(RATE_UNITS)
    return bool((rows["value_norm"].notna() | rate).any())


def _render(
    rows: pd.DataFrame,
    dataset: Dataset,
    places: Sequence[tuple[str, str, str]],
    basis: str,
    request: ExportRequest,
) -> bytes:
    """One figure file's bytes in the requested format."""
    if request.fmt == "csv":
        return chart_data_csv(rows, dataset.sources, basis)
    chart = comparison_chart(rows, places, basis, request.lang)
    meta = figure_meta(rows, dataset.sources, basis, request.size, request.lang, request.made_on)
    return figure_png(chart, meta) if request.fmt == "png" else figure_svg(chart, meta)
