"""Report figures: a chart with its title, subtitle, footnotes, sources and date, at a set size."""

from __future__ import annotations

import copy
import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import altair as alt

from povdash.fonts import FONT_STACK

Lang = Literal["zh", "en", "both"]
SizeName = Literal["slide", "a4", "square"]
LANGS: tuple[str, ...] = ("zh", "en", "both")
SIZES: tuple[str, ...] = ("slide", "a4", "square")

INK = "#1f2430"
NOTE_INK = {"note": "#3d4350", "source": "#555b66", "made": "#7a808a"}


@dataclass(frozen=True)
class FigureSize:
    """Logical size in CSS px (PNGs are drawn at 2x) and the type sizes that read well at it."""

    name: str
    width: int
    height: int
    title: int
    subtitle: int
    label: int
    note: int


# slide: 16:9, 960x540 px, so the 2x PNG is exactly 1920x1080 (full-HD slides, no resampling).
# a4: the text column of an A4 page with 25 mm margins, 160 mm = 605 CSS px at 96 px/in; the PNG
#     records 192 dpi so Word/LibreOffice place it at 160 mm, and 11 px labels print at 8.25 pt.
#     (An 85 mm half column would force print text under 6 pt or a chart too narrow for labels.)
# square: 600x600 px (1200x1200 PNG) for posts and thumbnails.
FIGURE_SIZES: dict[str, FigureSize] = {
    "slide": FigureSize("slide", 960, 540, title=20, subtitle=13, label=12, note=11),
    "a4": FigureSize("a4", 605, 420, title=15, subtitle=11, label=11, note=9),
    "square": FigureSize("square", 600, 600, title=17, subtitle=12, label=11, note=10),
}
PADDING = {"left": 16, "right": 16, "top": 14, "bottom": 10}
SPACING = 12  # between the plot and the footnotes


@dataclass(frozen=True)
class Text:
    """A text in both languages."""

    zh: str
    en: str

    def lines(self, lang: str) -> list[str]:
        """The text in the chosen language: one line, or Chinese then English for `both`."""
        if lang == "zh":
            return [self.zh]
        if lang == "en":
            return [self.en]
        return [self.zh] if self.zh == self.en else [self.zh, self.en]


@dataclass(frozen=True)
class SourceLine:
    """One source of the figures: publisher, title and publication date (YYYY[-MM[-DD]])."""

    publisher: Text
    title: Text
    published: str

    def text(self) -> Text:
        """The printed source line in each language."""
        return Text(
            zh=f"来源：{self.publisher.zh}《{self.title.zh}》，{self.published}",
            en=f"Source: {self.publisher.en}, “{self.title.en}”, {self.published}",
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


NOTE = Text(zh="注：", en="Note: ")


def made_line(made_on: date) -> Text:
    """The 'made on' footer line."""
    iso = made_on.isoformat()
    return Text(zh=f"povdash 制图，{iso}", en=f"Made with povdash on {iso}")


# Advances of the printable ASCII characters in Noto Sans SC (the wheel's font), in em rounded
# up to the hundredth, so a sum never falls short of the width Vega measures.
ASCII_EM: dict[str, float] = {
    char: em
    for em, chars in (
        (0.23, " "),
        (0.27, "|"),
        (0.28, "',.:;ij"),
        (0.29, "l"),
        (0.3, "I"),
        (0.33, "!f"),
        (0.34, "()[]{}"),
        (0.35, "-"),
        (0.38, "t"),
        (0.39, "r"),
        (0.4, "/\\"),
        (0.47, "*s"),
        (0.48, '"?z'),
        (0.5, "x"),
        (0.51, "c"),
        (0.53, "vy"),
        (0.54, "JY"),
        (0.55, "L"),
        (0.56, "#$+0123456789<=>F^_ek~"),
        (0.57, "ag"),
        (0.58, "VX"),
        (0.59, "E"),
        (0.6, "ST"),
        (0.61, "AZ`hnou"),
        (0.62, "bdpq"),
        (0.64, "CPR"),
        (0.65, "K"),
        (0.66, "B"),
        (0.68, "&"),
        (0.69, "DG"),
        (0.73, "HNU"),
        (0.75, "OQ"),
        (0.81, "w"),
        (0.82, "M"),
        (0.88, "W"),
        (0.93, "%m"),
        (0.95, "@"),
    )
    for char in chars
}


def char_width(char: str) -> float:
    """Advance of one character in em in Noto Sans SC, never short, so lines never overflow:
    ASCII as the font draws it, anything else 1 em (CJK, full-width forms, and the middle dot,
    curly quotes and dashes, which a CJK font draws full-width too)."""
    return ASCII_EM.get(char, 1.0)


def text_width(text: str, font_size: float) -> float:
    """Rendered width of `text` in px, never short (see char_width)."""
    return sum(char_width(c) for c in text) * font_size


def _tokens(text: str) -> list[str]:
    """Break opportunities: each CJK character alone, Latin words with their trailing space."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
            if char == " ":
                tokens.append(word)
                word = ""
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, width: float, font_size: float) -> list[str]:
    """Greedy line breaking of `text` to `width` px: Vega titles never wrap by themselves."""
    lines: list[str] = []
    line = ""
    for token in _tokens(" ".join(text.split())):
        if line and text_width(line + token.rstrip(), font_size) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


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
        label = Text(zh=f"注{number}：", en=f"Note {number}: ") if numbered else NOTE
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
    """First guess of the plot area so the whole figure fills the size; export refines it."""
    inner_w = size.width - PADDING["left"] - PADDING["right"]
    inner_h = size.height - PADDING["top"] - PADDING["bottom"]
    return max(inner_w - axes[0], 120), max(inner_h - header - footer - axes[1], 80)


def _unwrapped(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The one panel of a one-panel concat, with the concat's data, so the figure can size it."""
    for attr in ("concat", "hconcat", "vconcat"):
        panels = getattr(chart, attr, alt.Undefined)
        if panels is alt.Undefined or len(panels) != 1:
            continue
        panel = copy.deepcopy(panels[0])
        if getattr(panel, "data", alt.Undefined) is alt.Undefined:
            panel.data = chart.data
        for setting in ("config", "title"):
            if getattr(chart, setting, alt.Undefined) is not alt.Undefined:
                setattr(panel, setting, getattr(chart, setting))
        return panel
    return chart


def _bare(chart: alt.TopLevelMixin) -> tuple[alt.TopLevelMixin, dict[str, Any]]:
    """A copy of the chart without its titles and top-level settings, and its config as a dict.

    Vega-Lite refuses a config inside a concat, so the chart's config moves up to the figure; the
    figure's own title and subtitle say what a chart title or one panel's title would.
    """
    plain = copy.deepcopy(_unwrapped(chart))
    own = getattr(plain, "config", alt.Undefined)
    config: dict[str, Any] = {}
    if isinstance(own, dict):
        config = dict(own)
    elif own is not alt.Undefined:
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


def sized(chart: alt.TopLevelMixin, width: int, height: int) -> alt.TopLevelMixin:
    """The chart with its plot area set to width x height px, where Vega-Lite allows a size."""
    if isinstance(chart, alt.Chart | alt.LayerChart):
        # Set on a shallow copy: .properties() validates each value, a few ms per figure.
        copied = chart.copy(deep=False)
        copied.width, copied.height = width, height
        return copied
    return chart  # facets and concats keep their own sizes


def compose(
    chart: alt.TopLevelMixin,
    meta: FigureMeta,
    font: str = FONT_STACK,
    plot: tuple[int, int] | None = None,
) -> alt.VConcatChart:
    """The report figure: title and subtitle above the chart, footnotes, sources and date below.

    `plot` overrides the estimated plot area in px (export.fit measures the figure and refines it).
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


# ---------------------------------------------------------------------------------------------
# Framed layout: the plot area by arithmetic, so a first export renders once

# Vega-Lite 6 and Vega 6 defaults the arithmetic relies on: axis ticks and the gap to their
# labels, the gap above an axis title, a top legend's distance from the plot, a legend entry's
# symbol and gap before its label, the gap between entries, and a text mark's type size.
TICK_SIZE = 5
LABEL_PADDING = 2
AXIS_TITLE_PADDING = 4
LEGEND_OFFSET = 18
LEGEND_SYMBOL = 16
LEGEND_GAP = 10
TEXT_MARK_SIZE = 11
# The plot never gets shorter than this share of the figure: long footnotes make the figure
# taller rather than squeeze the chart away.
MIN_PLOT_SHARE = 0.3
LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "size", "opacity")


@dataclass(frozen=True)
class Margins:
    """Space in px around the plot area for its axes, legend and the labels beside its marks."""

    left: int
    top: int
    right: int
    bottom: int
    shortest: int = 0  # the least plot height that keeps the band labels within the plot


def min_plot_height(size: FigureSize) -> int:
    """The shortest plot area a figure of this size gets."""
    return round(size.height * MIN_PLOT_SHARE)


def _js_round(value: float) -> int:
    """JavaScript's Math.round (halves go up), as Vega rounds."""
    return math.floor(value + 0.5)


def text_top(font_size: float, baseline: str = "top") -> int:
    """Where Vega's box of a text starts relative to the text's y (vega-scenegraph's text bounds:
    an estimated ascent, rounded, so a top-aligned 12 px label's box starts 1 px above it)."""
    ascent = {"top": 0.79, "middle": 0.3, "bottom": -0.21}.get(baseline, 0.0)
    return _js_round(ascent * font_size) - _js_round(0.8 * font_size)


def text_height(lines: int, font_size: float, step: float) -> float:
    """Height of Vega's box of a text of `lines` lines: one type size plus a step per extra line."""
    return font_size + step * max(lines - 1, 0)


def _lines(value: Any) -> list[str]:
    """A Vega-Lite text (a string, a list of lines, or nothing) as a list of lines."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _title_box(title: Mapping[str, Any]) -> tuple[float, float]:
    """Top and bottom of a Vega title's box (text, then subtitle below it) relative to its y."""
    size = title.get("fontSize", 13)
    text = text_height(len(_lines(title.get("text"))), size, title.get("lineHeight", size + 2))
    top, bottom = text_top(size), text_top(size) + text
    subtitle = _lines(title.get("subtitle"))
    if subtitle:
        sub = title.get("subtitleFontSize", 10)
        lines = text_height(len(subtitle), sub, title.get("subtitleLineHeight", sub + 2))
        y = text + title.get("subtitlePadding", 3) + text_top(sub)
        top, bottom = min(top, y), max(bottom, y + lines)
    return top, bottom


def title_extent(title: Mapping[str, Any]) -> float:
    """How far a Vega title reaches out from the view it titles, its offset included.

    Vega puts a top title's y its box's height above the view, so a box that starts above the
    text's y (a negative top) reaches that much further; a bottom title's y is at its offset.
    """
    top, bottom = _title_box(title)
    if title.get("orient", "top") == "bottom":
        return title.get("offset", 0) + bottom
    return title.get("offset", 0) + bottom - 2 * top


def legend_height(font_size: float) -> int:
    """Height of a one-row legend: its labels' box, centred in an entry at least 12 px tall, or
    its 11 px symbols, whichever reaches further."""
    label = max(font_size, 12) / 2 + text_top(font_size, "middle")
    return math.ceil(max(label + font_size, 11) - min(label, 0))


def nice_top(value: float, count: int = 10) -> float:
    """The top of a zero-based linear scale over [0, value] after d3's nice(), as Vega-Lite's
    quantitative scales get it (Vega calls nice with d3's default of ten ticks)."""
    start, stop, previous = 0.0, float(value), 0.0
    for _ in range(10):
        raw = (stop - start) / count
        if raw <= 0 or not math.isfinite(raw):
            break
        power = math.floor(math.log10(raw))
        error = raw / 10**power
        factor = 10 if error >= 50**0.5 else 5 if error >= 10**0.5 else 2 if error >= 2**0.5 else 1
        step = 10**power * factor if power >= 0 else -(10**-power) / factor
        if step == previous:
            break
        if step > 0:
            start, stop = math.floor(start / step) * step, math.ceil(stop / step) * step
        else:
            start, stop = math.ceil(start * step) / step, math.floor(stop * step) / step
        previous = step
    return float(stop)


def _records(spec: Mapping[str, Any], body: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The rows a figure's body draws: its inline values or the spec's named dataset."""
    data = body.get("data") or spec.get("data") or {}
    found = data.get("values", spec.get("datasets", {}).get(data.get("name")))
    return found if isinstance(found, list) else None


def _drawn(layer: Mapping[str, Any], rows: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """The rows one layer draws after its field-equals filters; None for other transforms.

    Calculated fields are let through: the arithmetic reads a label's position from the
    field its bars are drawn from instead."""
    for step in layer.get("transform", []):
        test = step.get("filter")
        if isinstance(test, dict) and set(test) == {"field", "equal"}:
            rows = [row for row in rows if row.get(test["field"]) == test["equal"]]
        elif set(step) - {"calculate", "as"}:
            return None
    return rows


def _titled(channel: Mapping[str, Any], guide: str = "axis") -> bool:
    """Whether a channel's axis or legend shows a title (Vega-Lite names it after the field
    unless told None)."""
    settings = channel.get(guide) or {}
    return channel.get("title", "") is not None and settings.get("title", "") is not None


def _number(value: Any) -> float | None:
    """A data value as a finite number, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def plot_margins(spec: Mapping[str, Any], size: FigureSize) -> Margins | None:
    """Space around the plot of a composed figure's spec, from its rows and type sizes, erring
    wide; None for a chart whose layout the arithmetic does not follow.

    It follows horizontal bar charts like the compare chart: bands down a y axis without a
    title, values along a zero-based x axis, a one-row legend on top or none, and text labels
    beside the bars (the widest reach of a label past the plot is kept free on the right).
    """
    body = spec["vconcat"][0]
    rows = _records(spec, body)
    if rows is None:
        return None
    config = spec.get("config", {})
    shared = body.get("encoding", {}) if "layer" in body else {}
    views = []
    for layer in body.get("layer", [body]):
        drawn = _drawn(layer, rows)
        if "mark" not in layer or drawn is None:
            return None  # nested layers, facets, aggregates
        mark = layer["mark"] if isinstance(layer["mark"], dict) else {"type": layer["mark"]}
        views.append(({**shared, **layer.get("encoding", {})}, mark, drawn))
    ys = [encoding["y"] for encoding, _, _ in views if "y" in encoding]
    xs = [encoding["x"] for encoding, _, _ in views if "x" in encoding]
    if not ys or not xs or any(y.get("type") not in ("nominal", "ordinal") for y in ys):
        return None
    if any(x.get("type") != "quantitative" or "field" not in x for x in xs):
        return None
    axis_config = config.get("axis", {})

    def axis_setting(axis: Mapping[str, Any], name: str, default: float) -> float:
        return axis.get(name, axis_config.get(name, default))

    # Left: the band labels, right-aligned against the ticks.
    left = shortest = 0
    y_axis = ys[0].get("axis", {})
    if y_axis is not None:
        if any(_titled(y) for y in ys) or {"labelExpr", "format", "labelAngle"} & set(y_axis):
            return None
        field = ys[0].get("field")
        font = axis_setting(y_axis, "labelFontSize", 10)
        labels = {str(row[field]) for _, _, drawn in views for row in drawn if row.get(field)}
        widest = max((text_width(label, font) for label in labels), default=0.0)
        reach = axis_setting(y_axis, "tickSize", TICK_SIZE) + axis_setting(
            y_axis, "labelPadding", LABEL_PADDING
        )
        left = math.ceil(reach + min(widest, axis_setting(y_axis, "labelLimit", 180)))
        # Vega-Lite pads the bands outside by half the inner padding, so the first band's
        # label is centred 1/(2n) of the plot down: a shorter plot lets it poke out above.
        shortest = math.ceil(-2 * text_top(font, "middle") * len(labels))

    # Bottom: one row of value labels under the ticks, then the axis title.
    bottom = 0
    x_axes = [x.get("axis", {}) for x in xs]
    if any(axis is not None for axis in x_axes):
        x_axis = {k: v for axis in x_axes if axis is not None for k, v in axis.items()}
        if x_axis.get("labelAngle", 0) or x_axis.get("orient", "bottom") != "bottom":
            return None
        font = axis_setting(x_axis, "labelFontSize", 10)
        bottom = round(
            axis_setting(x_axis, "tickSize", TICK_SIZE)
            + axis_setting(x_axis, "labelPadding", LABEL_PADDING)
            + text_top(font)
            + font
        )
        if any(_titled(x) for x in xs):
            title = axis_setting(x_axis, "titleFontSize", 11)
            padding = axis_setting(x_axis, "titlePadding", AXIS_TITLE_PADDING)
            bottom += round(padding + text_top(title) + title)

    # Top: a one-row legend of the places drawn.
    top, legend_width = 0, 0.0
    keys = [
        encoding[name]
        for encoding, _, _ in views
        for name in LEGEND_CHANNELS
        if "field" in encoding.get(name, {}) and encoding[name].get("legend", {}) is not None
    ]
    if keys:
        key = keys[0]
        legend = key.get("legend") or {}
        if (
            len({k["field"] for k in keys}) > 1
            or key.get("type") not in ("nominal", "ordinal")
            or legend.get("orient") != "top"
            or _titled(key, "legend")
        ):
            return None
        legend_config = config.get("legend", {})
        font = legend.get("labelFontSize", legend_config.get("labelFontSize", 10))
        limit = legend.get("labelLimit", legend_config.get("labelLimit", 160))
        values = legend.get("values") or list(dict.fromkeys(row.get(key["field"]) for row in rows))
        widths = [LEGEND_SYMBOL + min(text_width(str(v), font), limit) for v in values]
        top = LEGEND_OFFSET + legend_height(font)
        legend_width = sum(widths) + LEGEND_GAP * (len(widths) - 1)

    # Right: the text labels beside the bars, at the bars' share of the nice scale top.
    fields = [x["field"] for x in xs if any(x["field"] in row for row in rows[:1])]
    values = [_number(row.get(field)) for _, _, drawn in views for row in drawn for field in fields]
    if not fields or any(value is not None and value < 0 for value in values):
        return None
    scale = xs[0].get("scale") or {}
    if scale.get("zero", True) is False or "domain" in scale:
        return None
    most = max((value for value in values if value is not None), default=0.0)
    high = nice_top(most) if scale.get("nice", True) else most
    if not high:
        return None  # a scale over [0, 0] puts every bar's end mid-plot
    padding = spec.get("padding", PADDING)
    available = size.width - padding["left"] - padding["right"] - left
    # A tick or grid line at the scale's end is drawn half a px in and 1 px wide: it reaches
    # 1 px past the plot.
    plot = float(available - (1 if bottom else 0))
    for encoding, mark, drawn in views:
        if mark.get("type") != "text":
            continue
        align = {"left": 1.0, "center": 0.5, "right": 0.0}.get(mark.get("align", "center"), 1.0)
        font = mark.get("fontSize", config.get("text", {}).get("fontSize", TEXT_MARK_SIZE))
        text = encoding.get("text", {})
        at = encoding["x"]["field"] if encoding.get("x", {}).get("field") in fields else fields[0]
        for row in drawn:
            label = str(text["value"]) if "value" in text else str(row.get(text.get("field")) or "")
            reach = mark.get("dx", 0) + align * text_width(label, font)
            share = (_number(row.get(at)) or 0.0) / high
            # The label ends at share * plot + reach, which must stay within the content.
            plot = min(plot, (available - reach) / share if share else plot)
            if not share and reach > available:
                return None
    width = math.floor(plot)
    if width < 80 or legend_width > available:
        return None
    return Margins(left, top, available - width, bottom, shortest)


def framed(
    spec: Mapping[str, Any], size: FigureSize
) -> tuple[dict[str, Any], tuple[int, int]] | None:
    """The composed figure's spec with the plot area worked out by arithmetic, and the width and
    height it comes out at if the axes, legend and labels stay within their estimated margins;
    None when plot_margins does not follow the chart or the plot would be too short.

    An invisible rect spans the plot with its left, right and bottom margins, so the figure's
    bounds are the rect's whether the labels reach their margins or fall short of them. (It
    starts at the plot's top: a top legend is placed above whatever the view holds.)
    """
    margins = plot_margins(spec, size)
    if margins is None:
        return None
    body = spec["vconcat"][0]
    padding = spec.get("padding", PADDING)
    header, footer = title_extent(spec["title"]), title_extent(body["title"])
    around = padding["top"] + header + margins.top + margins.bottom + footer + padding["bottom"]
    height = max(math.floor(size.height - around), min_plot_height(size))
    if height < margins.shortest:
        return None
    width = size.width - padding["left"] - padding["right"] - margins.left - margins.right
    spacer = {
        "data": {"values": [{}]},
        # No fill and no stroke: nothing drawn (an opacity of 0 made the render 20% slower).
        "mark": {"type": "rect", "fill": None, "stroke": None, "aria": False},
        "encoding": {
            "x": {"value": -margins.left},
            "x2": {"value": width + margins.right},
            "y": {"value": 0},
            "y2": {"value": height + margins.bottom},
        },
    }
    view = {k: v for k, v in body.items() if k not in ("width", "height", "title")}
    sized_body = {"layer": [view, spacer], "width": width, "height": height, "title": body["title"]}
    return {**spec, "vconcat": [sized_body]}, (size.width, math.ceil(around + height))


def with_plot(spec: Mapping[str, Any], plot: tuple[int, int]) -> dict[str, Any]:
    """The composed figure's spec with its plot area set to `plot` (as compose(plot=...) gives,
    without composing and serialising the chart again)."""
    body = {**spec["vconcat"][0], "width": plot[0], "height": plot[1]}
    return {**spec, "vconcat": [body]}
