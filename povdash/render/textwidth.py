"""Widths of text as Noto Sans SC draws it, and greedy line breaking to a width in px."""

from __future__ import annotations

import unicodedata

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
