"""What a report figure can be: its file formats and its sizes (light: the CLI's parser reads
them without importing altair)."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS: tuple[str, ...] = ("png", "svg", "csv")


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
SIZES: tuple[str, ...] = tuple(FIGURE_SIZES)
