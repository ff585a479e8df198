"""The headings of a report's text: its title and the sections a curator files figures under."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A heading is a short line of its own that does not end like a sentence or a clause.
HEADING_MAX = 32
_NOT_HEADING_END = frozenset("。！？!?；;，,、：:")
# Numbered parts of a work report: 一、 (一) 1. 第一部分
_CN = "[一二三四五六七八九十]+"
_NUMBERED = re.compile(rf"^(?:{_CN}、|[（(]{_CN}[）)]|第{_CN}部分)")
_BULLETS = ("■", "●", "▲", "◆")
# Lines that are page furniture, not headings: bylines, datelines, sign-offs with a date.
_FURNITURE = re.compile(r"^(?:本报|记者|通讯员|（记者|\(记者)|\d{4}年\d{1,2}月\d{1,2}日$")


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line: its text, where it starts in the report and its position among headings."""

    text: str
    start: int
    end: int
    number: int  # 1 for the first section heading; 0 for the report's title


def headings(text: str) -> list[Heading]:
    """The title (number 0) and the section headings of a text, in order."""
    found: list[Heading] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip().strip("\u3000")
        start = offset + line.find(stripped) if stripped else offset
        offset += len(line)
        if not _is_heading(stripped):
            continue
        found.append(Heading(stripped, start, start + len(stripped), len(found)))
    if not found:
        return []
    # a heading heads some prose, or a run of headings under a bullet (■短讯); a sign-off line
    # such as 清溪县乡村振兴局 heads nothing
    ends = [*(h.start for h in found[1:]), len(text)]
    kept = [
        h
        for n, (h, end) in enumerate(zip(found, ends, strict=True))
        if n == 0 or "。" in text[h.end : end] or h.text.startswith(_BULLETS)
    ]
    return [Heading(h.text, h.start, h.end, n) for n, h in enumerate(kept)]


def _is_heading(line: str) -> bool:
    if not line or len(line) > HEADING_MAX or line[-1] in _NOT_HEADING_END:
        return False
    if _FURNITURE.match(line):
        return False
    if _NUMBERED.match(line):
        return True
    # an unnumbered heading holds no sentence inside it either
    return not any(ch in "。！？!?" for ch in line)


def heading_before(found: list[Heading], start: int) -> Heading | None:
    """The last section heading that starts before offset `start` (never the title)."""
    best = None
    for heading in found:
        if heading.start > start:
            break
        if heading.number > 0:
            best = heading
    return best
