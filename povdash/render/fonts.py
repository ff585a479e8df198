"""The CJK font of exported figures: choose it, register it with vl-convert, prove it renders."""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
import vl_convert as vlc

# The wheel's family comes first so an export looks the same on every machine; the system names
# follow for installs without the wheel, and `sans-serif` must stay last: vl-convert draws NO
# text at all when none of the named families exists (shared/TOOLING.md §2).
WHEEL_FAMILY = "Noto Sans SC"
FONT_FAMILIES: tuple[str, ...] = (
    WHEEL_FAMILY,
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "PingFang SC",
    "Microsoft YaHei",
    "sans-serif",
)
FONT_STACK = ", ".join(FONT_FAMILIES)

# Two different strings of equal length: with tofu (or with no text at all) they rasterise alike.
SELF_CHECK_PAIR = ("白城市", "柳河县")

HINT = (
    "hint: reinstall the project (`pip install -e .` installs pylopdf-fonts-zh-cn, which ships "
    "Noto Sans SC), or install a system CJK font (Debian: apt-get install fonts-noto-cjk)"
)


class FontNotFound(RuntimeError):
    """No usable Chinese font: exports would show empty boxes instead of characters."""


@dataclass(frozen=True)
class FontChoice:
    """The CJK family exports use, where it came from, and the folder registered with vl-convert."""

    family: str
    origin: str  # "wheel" (pylopdf-fonts-zh-cn) or "system" (fontconfig)
    directory: Path | None

    @property
    def stack(self) -> str:
        """The CSS font list for Vega: the chosen family, the fallbacks, `sans-serif` last."""
        rest = [f for f in FONT_FAMILIES if f != self.family]
        return ", ".join([self.family, *rest])


def wheel_font_dir() -> Path | None:
    """The folder of Noto Sans SC from the pylopdf-fonts-zh-cn wheel, or None if it is missing."""
    try:
        import pylopdf_fonts_zh_cn
    except ImportError:
        return None
    path = pylopdf_fonts_zh_cn.sans_path()
    return path.parent if path.is_file() else None


def system_cjk_families() -> list[str]:
    """Families fontconfig lists for Chinese (`fc-list :lang=zh family`); [] without fc-list."""
    exe = shutil.which("fc-list")
    if exe is None:
        return []
    try:
        out = subprocess.run(
            [exe, ":lang=zh", "family"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    families: set[str] = set()
    for line in out.splitlines():
        # A font may list several names ("Noto Sans CJK SC,Noto Sans CJK SC Regular").
        name = line.split(",")[0].strip()
        if name:
            families.add(name)
    return sorted(families)


def _system_rank(family: str) -> tuple[int, int, str]:
    """Sort key: the named Simplified-Chinese sans families, other sans, then serif, mono."""
    known = FONT_FAMILIES.index(family) if family in FONT_FAMILIES else len(FONT_FAMILIES)
    lowered = family.lower()
    style = 2 if "mono" in lowered else 1 if ("serif" in lowered and "sans" not in lowered) else 0
    return (style, known, family)


def choose_font(wheel_dir: Path | None, system_families: list[str]) -> FontChoice:
    """The wheel's Noto Sans SC, else the best system CJK family; FontNotFound if neither."""
    if wheel_dir is not None:
        return FontChoice(family=WHEEL_FAMILY, origin="wheel", directory=wheel_dir)
    if system_families:
        best = min(system_families, key=_system_rank)
        return FontChoice(family=best, origin="system", directory=None)
    raise FontNotFound(
        "no Chinese font found: the pylopdf-fonts-zh-cn package is not installed and "
        f"`fc-list :lang=zh` lists no font, so exported figures would show empty boxes; {HINT}"
    )


@functools.cache
def ensure_cjk_font() -> FontChoice:
    """Choose the CJK font and register its folder with vl-convert, once per process."""
    wheel_dir = wheel_font_dir()
    # fontconfig is only asked when the wheel is missing: it costs a subprocess.
    choice = choose_font(wheel_dir, [] if wheel_dir else system_cjk_families())
    if choice.directory is not None:
        # Process-global in vl-convert; system fonts need none (it reads the fontconfig dirs).
        vlc.register_font_directory(str(choice.directory))
    return choice


def render_text_png(text: str, font: str) -> bytes:
    """A tiny PNG whose only visible content is `text` as a title, for the self-check."""
    chart = (
        alt.Chart(pd.DataFrame({"x": [0]}), title=text)
        .mark_point(opacity=0)
        .properties(width=10, height=10)
        .configure(font=font)
    )
    return vlc.vegalite_to_png(chart.to_dict(), scale=1)


@functools.cache
def self_check() -> FontChoice:
    """Register the font and prove it draws Chinese: two different strings, different PNGs."""
    choice = ensure_cjk_font()
    first, second = (render_text_png(text, choice.stack) for text in SELF_CHECK_PAIR)
    if first == second:
        raise FontNotFound(
            f"the font {choice.family!r} ({choice.origin}) does not draw Chinese in vl-convert: "
            f"{SELF_CHECK_PAIR[0]} and {SELF_CHECK_PAIR[1]} rendered to identical images; {HINT}"
        )
    return choice
