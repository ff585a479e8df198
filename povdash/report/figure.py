"""Report figures: a chart with its title, subtitle, footnotes, sources and date, at a set size."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
from altair.typing import ChartType

from povdash.data.invisible import visible
from povdash.render.fonts import FONT_STACK
from povdash.render.labels import LANGS, t
from povdash.render.textwidth import text_width, wrap
from povdash.report.formats import FIGURE_SIZES, SIZES, FigureSize

INK = "#1f2430"
NOTE_INK = {"note": "#3d4350", "source": "#555b66", "made": "#7a808a"}


PADDING = {"left": 16, "right": 16, "top": 14, "bottom": 10}
SPACING = 12  # between the plot and the footnotes


@dataclass(frozen=True)
class Text:
    """A text in both languages."""

    zh: str
    en: str

    def lines(self, lang: str) -> list[str]:
        """The text in the chosen language: one line, or Chinese then English for `both`;
        invisible characters (bidi controls, zero-width) removed."""
        zh, en = visible(self.zh), visible(self.en)
        if lang == "zh":
            return [zh]
        if lang == "en":
            return [en]
        return [zh] if zh == en else [zh, en]


def worded(key: str, **values: Text | str) -> Text:
    """The label `key` in both languages, each filled with its own side of the Text values."""

    def side(lang: str) -> str:
        return t(key, lang, **{k: getattr(v, lang) if isinstance(v, Text) else v
                               for k, v in values.items()})  # fmt: skip

    return Text(zh=side("zh"), en=side("en"))


@dataclass(frozen=True)
class SourceLine:
    """One source of the figures: publisher, title and publication date (YYYY[-MM[-DD]])."""

    publisher: Text
    title: Text
    published: str

    def text(self) -> Text:
        """The printed source line in each language."""
        return worded(
            "figure.source", publisher=self.publisher, title=self.title, published=self.published
        )


@dataclass(frozen=True)
class FigureMeta:
    """Everything around the chart: title, subtitle parts (indicator, unit, period, normalisation),
    footnotes, source lines, the date the figure was made, the size and the language."""

    title: Text
    subtitle: tuple[Text, ...]
    footnotes: tuple[Text, ...]
    sources: tuple[SourceLine, ...]
    made_on: date
    size: str = "slide"
    lang: str = "zh"


NOTE = worded("figure.note")


def made_line(made_on: date) -> Text:
    """The 'made on' footer line."""
    return worded("figure.made", date=made_on.isoformat())


def _wrap_all(texts: list[str], width: float, font_size: float) -> list[str]:
    """Wrap several paragraphs into one list of lines."""
    return [line for text in texts for line in wrap(text, width, font_size)]


def _footer_texts(text: Text, lang: str, width: float, font_size: float) -> list[str]:
    """One footer entry's lines; in both languages Chinese and English share a line if it fits."""
    parts = text.lines(lang)
    if len(parts) == 2:
        joined = f"{parts[0]} / {parts[1]}"
        if text_width(joined, font_size) <= width:
            return [joined]
    return _wrap_all(parts, width, font_size)


def footer_lines(meta: FigureMeta, width: float, font_size: float) -> list[tuple[str, str]]:
    """The wrapped footer as (line, kind) pairs: footnotes, then sources, then the made-on line."""
    numbered = len(meta.footnotes) > 1
    rows: list[tuple[str, str]] = []
    for number, note in enumerate(meta.footnotes, start=1):
        label = worded("figure.note_n", n=str(number)) if numbered else NOTE
        prefixed = Text(zh=label.zh + note.zh, en=label.en + note.en)
        rows += [(line, "note") for line in _footer_texts(prefixed, meta.lang, width, font_size)]
    for source in meta.sources:
        texts = _footer_texts(source.text(), meta.lang, width, font_size)
        rows += [(line, "source") for line in texts]
    made = made_line(meta.made_on).lines(meta.lang)
    rows += [(" / ".join(made), "made")]
    return rows


def header_lines(meta: FigureMeta, width: float) -> tuple[list[str], list[str]]:
    """The wrapped title lines and subtitle lines."""
    size = FIGURE_SIZES[meta.size]
    title = _wrap_all(meta.title.lines(meta.lang), width, size.title)
    parts = [part for part in meta.subtitle if part.zh or part.en]
    joined = Text(zh=" · ".join(p.zh for p in parts), en=" · ".join(p.en for p in parts))
    subtitle = _wrap_all(joined.lines(meta.lang), width, size.subtitle) if parts else []
    return title, subtitle


def line_height(font_size: int) -> int:
    """Line spacing for footer and title text."""
    return round(font_size * 1.35)


def footer_title(rows: list[tuple[str, str]], size: FigureSize) -> alt.TitleParams:
    """The footer as a bottom title of the plot: footnotes as its text, sources and date as its
    subtitle, anchored at the left edge of the plot's full bounds (y-axis included)."""
    notes = [text for text, kind in rows if kind == "note"]
    rest = [text for text, kind in rows if kind != "note"]
    text, subtitle = (notes, rest) if notes else (rest[:-1] or rest, rest[-1:] if rest[:-1] else [])
    step = line_height(size.note)
    return alt.TitleParams(
        text=text,
        subtitle=subtitle or alt.Undefined,
        orient="bottom",
        anchor="start",
        frame="bounds",
        fontSize=size.note,
        fontWeight="normal",
        subtitleFontSize=size.note,
        color=NOTE_INK["note"],
        subtitleColor=NOTE_INK["source"],
        lineHeight=step,
        subtitleLineHeight=step,
        subtitlePadding=4,
        offset=SPACING,
    )


def header_title(title: list[str], subtitle: list[str], size: FigureSize) -> alt.TitleParams:
    """The figure title (bold lines) and subtitle (indicator, unit, period, normalisation)."""
    return alt.TitleParams(
        text=title,
        subtitle=subtitle or alt.Undefined,
        anchor="start",
        frame="bounds",
        fontSize=size.title,
        fontWeight="bold",
        subtitleFontSize=size.subtitle,
        color=INK,
        subtitleColor="#4a5060",
        lineHeight=line_height(size.title),
        subtitleLineHeight=line_height(size.subtitle),
        subtitlePadding=4,
        offset=10,
    )


def text_block_height(title: list[str], subtitle: list[str], font: int, sub_font: int) -> int:
    """Estimated height of a title block, for the first guess of the plot height."""
    return len(title) * line_height(font) + len(subtitle) * line_height(sub_font) + 14


def plot_size(
    size: FigureSize, header: int, footer: int, axes: tuple[int, int] = (80, 40)
) -> tuple[int, int]:
    """First guess of the plot area so the whole figure fills the size; Vega fits it on export."""
    inner_w = size.width - PADDING["left"] - PADDING["right"]
    inner_h = size.height - PADDING["top"] - PADDING["bottom"]
    return max(inner_w - axes[0], 120), max(inner_h - header - footer - axes[1], 80)


def _unwrapped(chart: ChartType) -> ChartType:
    """The one panel of a one-panel concat, with the concat's data, so the figure can size it."""
    for attr in ("concat", "hconcat", "vconcat"):
        panels = getattr(chart, attr, alt.Undefined)
        if not isinstance(panels, list) or len(panels) != 1:
            continue
        panel = copy.deepcopy(panels[0])
        if getattr(panel, "data", alt.Undefined) is alt.Undefined:
            panel.data = chart.data
        for setting in ("config", "title"):
            if getattr(chart, setting, alt.Undefined) is not alt.Undefined:
                setattr(panel, setting, getattr(chart, setting))
        return panel
    return chart


def _bare(chart: ChartType) -> tuple[ChartType, dict[str, Any]]:
    """A copy of the chart without its titles and top-level settings, and its config as a dict.

    Vega-Lite refuses a config inside a concat, so the chart's config moves up to the figure; the
    figure's own title and subtitle say what a chart title or one panel's title would.
    """
    plain = copy.deepcopy(_unwrapped(chart))
    own = getattr(plain, "config", alt.Undefined)
    config: dict[str, Any] = {}
    if isinstance(own, dict):
        config = dict(own)
    elif isinstance(own, alt.SchemaBase):
        config = own.to_dict()
    for attr in ("title", "config", "autosize", "padding", "background", "usermeta"):
        if getattr(plain, attr, alt.Undefined) is not alt.Undefined:
            setattr(plain, attr, alt.Undefined)
    return plain, config


def merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`base` updated by `over`, recursively for nested dicts."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def figure_config(size: FigureSize, font: str) -> dict[str, Any]:
    """Type sizes and the CJK font stack for every part of the figure."""
    labels = {"labelFontSize": size.label, "titleFontSize": size.label}
    return {
        "font": font,
        "axis": {**labels, "labelColor": INK, "titleColor": INK, "labelLimit": size.width // 3},
        "legend": {**labels, "labelLimit": size.width // 3},
        "header": dict(labels),
        "view": {"stroke": None},
    }


def sized(chart: ChartType, width: int, height: int) -> ChartType:
    """The chart with its plot area set to width x height px, where Vega-Lite allows a size."""
    if isinstance(chart, alt.Chart | alt.LayerChart):
        # Set on a shallow copy: .properties() validates each value, a few ms per figure.
        copied = chart.copy(deep=False)
        copied.width, copied.height = width, height
        return copied
    return chart  # facets and concats keep their own sizes


def compose(
    chart: ChartType,
    meta: FigureMeta,
    font: str = FONT_STACK,
    plot: tuple[int, int] | None = None,
) -> alt.VConcatChart:
    """The report figure: title and subtitle above the chart, footnotes, sources and date below.

    `plot` overrides the estimated plot area in px (export fits it to the size with Vega).
    """
    if meta.size not in FIGURE_SIZES:
        raise ValueError(f"size: expected one of {', '.join(SIZES)}, got {meta.size!r}")
    if meta.lang not in LANGS:
        raise ValueError(f"lang: expected one of {', '.join(LANGS)}, got {meta.lang!r}")
    size = FIGURE_SIZES[meta.size]
    content_width = size.width - PADDING["left"] - PADDING["right"]
    title, subtitle = header_lines(meta, content_width)
    rows = footer_lines(meta, content_width, size.note)
    header_h = text_block_height(title, subtitle, size.title, size.subtitle)
    footer_h = len(rows) * line_height(size.note) + SPACING
    width, height = plot or plot_size(size, header_h, footer_h)
    plain, own_config = _bare(chart)
    body = sized(plain, width, height)
    body.title = footer_title(rows, size)
    # A one-view concat: the body's title slot holds the footer, the concat's the header. Built
    # by constructors, unvalidated: the parts are checked ones, and validating each property
    # and the config as it is set was over half the cost of composing (to_dict still checks).
    figure = alt.VConcatChart(
        vconcat=[body],
        title=header_title(title, subtitle, size),
        padding=PADDING,
        background="white",
    )
    # The chart's own colours and settings survive; the figure's fonts and type sizes win.
    # Thinner bars than on screen read better at figure size, unless the chart sets its own.
    defaults = {"scale": {"bandPaddingInner": 0.3}}
    config = merged(merged(defaults, own_config), figure_config(size, font))
    figure.config = alt.Config(**config)
    return figure


# The plot never gets shorter than this share of the figure: long footnotes make the figure
# taller rather than squeeze the chart away.
MIN_PLOT_SHARE = 0.3


def min_plot_height(size: FigureSize) -> int:
    """The shortest plot area a figure of this size gets."""
    return round(size.height * MIN_PLOT_SHARE)


def with_plot(spec: Mapping[str, Any], plot: tuple[int, int]) -> dict[str, Any]:
    """The composed figure's spec with its plot area set to `plot` (as compose(plot=...) gives,
    without composing and serialising the chart again)."""
    body = {**spec["vconcat"][0], "width": plot[0], "height": plot[1]}
    return {**spec, "vconcat": [body]}
