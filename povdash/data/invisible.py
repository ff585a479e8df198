"""Invisible format characters (Unicode category Cf) in data text: bidi controls such as U+202E,
zero-width spaces and joiners, soft hyphens. They reverse or hide text on screen and in exports,
so `povdash check` warns about them in labels and every renderer removes them."""

from __future__ import annotations

import re
import unicodedata

# Every Cf code point (a test compares this with unicodedata), as ranges so that no table of
# 1.1 million characters is built at import.
INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def visible(text: str) -> str:
    """The text without its invisible format characters (printable text is returned as is)."""
    if text.isprintable():  # in C, and true for nearly every cell: no Cf character is printable
        return text
    return INVISIBLE.sub("", text)


def describe(text: str) -> str:
    """The invisible characters of a text and where they are, for a message:
    "U+202E RIGHT-TO-LEFT OVERRIDE at character 3"."""
    found = [(m.start(), m.group()) for m in INVISIBLE.finditer(text)]
    parts = [
        f"U+{ord(ch):04X} {unicodedata.name(ch, 'FORMAT CHARACTER')} at character {at + 1}"
        for at, ch in found[:3]
    ]
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return ", ".join(parts) + more
