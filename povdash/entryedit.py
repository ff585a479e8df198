"""Editing single entries of an observations file in place: an entry's own lines are read and
written back round-trip (comments kept) and spliced into the file, so every other byte stays as
it was, and a save costs the entry, not the whole file (ruamel.yaml round-trips ~25 KB/s).

Entries are found with the C safe loader's line marks. A layout the splice does not handle (an
empty or flow-style list, a dash on a line of its own) is edited as one round-trip tree instead.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from povdash.draftfile import dump_rt, read_rt_text, rt_yaml

KEYS = ("observations", "exclusions")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Layout(Exception):
    """The file is laid out in a way the line splice does not handle."""


def _end_line(node: yaml.Node) -> int:
    """The line after the last line a node's content occupies (0-based)."""
    while isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        node = node.value[-1][1]
    while isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        node = node.value[-1]
        while isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
            node = node.value[-1][1]
    mark = node.end_mark
    return mark.line if mark.column == 0 else mark.line + 1


@dataclass
class _Span:
    start: int  # first line (the dash's)
    end: int  # line after the entry's last line
    dash: int  # column of the dash


@dataclass
class Entries:
    """An observations file's text, with where each entry of its lists sits."""

    lines: list[str]
    data: dict[str, Any]
    spans: dict[str, list[_Span]]
    # edits to apply, by list: position -> new text lines (None: delete); appended entries
    changed: dict[tuple[str, int], list[str] | None] = field(default_factory=dict)
    appended: dict[str, list[list[str]]] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> Entries:
        """Index a file's entries; raises Layout for what only a whole round trip can edit."""
        data = yaml.load(text, Loader=_Loader)
        root = yaml.compose(text, Loader=_Loader)
        if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
            raise Layout("not a mapping")
        lines = text.splitlines(keepends=True)
        spans: dict[str, list[_Span]] = {}
        for key_node, value in root.value:
            key = key_node.value
            if key not in KEYS:
                continue
            if not isinstance(value, yaml.SequenceNode) or value.flow_style or not value.value:
                raise Layout(f"{key} is not a block list with entries")
            found = []
            for item in value.value:
                start = item.start_mark
                dash = lines[start.line][: start.column].rstrip()
                if not dash.endswith("-") or dash[:-1].strip():
                    raise Layout("an entry that does not start on its dash's line")
                found.append(_Span(start.line, _end_line(item), len(dash) - 1))
            spans[key] = found
        for key in KEYS:
            if key not in spans:
                raise Layout(f"no {key} list")
        return cls(lines, data, spans)

    def source(self) -> object:
        """The file's `source:` id."""
        return self.data.get("source")

    def items(self, key: str) -> list[Any]:
        """The plain values of a list's entries (as the safe loader reads them)."""
        return list(self.data.get(key) or [])

    def entry(self, key: str, index: int) -> CommentedMap:
        """One entry round-trip (its comments kept), to change and set back."""
        span = self.spans[key][index]
        own = "".join(line[span.dash :] for line in self.lines[span.start : span.end])
        seq = read_rt_text(own)
        if not isinstance(seq, CommentedSeq) or len(seq) != 1:
            raise Layout("the entry's lines are not one list item")
        return seq[0]

    def set(self, key: str, index: int, entry: CommentedMap) -> None:
        """Put a changed entry back in its place."""
        self.changed[(key, index)] = self._render(entry, self.spans[key][index].dash)

    def delete(self, key: str, index: int) -> None:
        """Remove an entry (the comment lines around it stay)."""
        self.changed[(key, index)] = None

    def append(self, key: str, entry: CommentedMap) -> None:
        """Add an entry after the list's last one."""
        dash = self.spans[key][-1].dash
        self.appended.setdefault(key, []).append(self._render(entry, dash))

    def _render(self, entry: CommentedMap, dash: int) -> list[str]:
        seq = CommentedSeq([entry])
        out = io.StringIO()
        yaml_rt = rt_yaml()
        yaml_rt.indent(mapping=2, sequence=2, offset=0)
        yaml_rt.dump(seq, out)
        pad = " " * dash
        return [pad + line if line.strip() else line for line in out.getvalue().splitlines(True)]

    def text(self) -> str:
        """The file with every edit applied; everything else as it was, byte for byte."""
        inserts: dict[int, list[str]] = {}
        for key, added in self.appended.items():
            at = self.spans[key][-1].end
            inserts.setdefault(at, []).extend(line for lines in added for line in lines)
        replaced = {
            self.spans[key][index].start: (self.spans[key][index].end, new)
            for (key, index), new in self.changed.items()
        }
        out: list[str] = []
        i = 0
        while True:
            if i in inserts:
                if out and not out[-1].endswith("\n"):
                    out[-1] += "\n"
                out.extend(inserts.pop(i))
            if i >= len(self.lines):
                break
            if i in replaced:
                end, new = replaced.pop(i)
                out.extend(new or [])
                i = end
                continue
            out.append(self.lines[i])
            i += 1
        return "".join(out)


def verify(text: str, counts: dict[str, int]) -> None:
    """Raise Layout unless the edited text reads as YAML with these numbers of entries."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        raise Layout(f"the edited file does not read: {err}") from None
    if not isinstance(data, dict):
        raise Layout("the edited file is not a mapping")
    for key, n in counts.items():
        if len(data.get(key) or []) != n:
            raise Layout(f"expected {n} {key} after the edit")


class WholeFile:
    """The fallback: the file as one round-trip tree (slower; used for unusual layouts)."""

    def __init__(self, tree: Any) -> None:
        if not isinstance(tree, dict):
            raise Layout("not a mapping")
        self.tree = tree
        for key in KEYS:
            if tree.get(key) is None:
                tree[key] = CommentedSeq()

    def source(self) -> object:
        return self.tree.get("source")

    def items(self, key: str) -> list[Any]:
        return list(self.tree[key])

    def entry(self, key: str, index: int) -> CommentedMap:
        return self.tree[key][index]

    def set(self, key: str, index: int, entry: CommentedMap) -> None:
        self.tree[key][index] = entry

    def delete(self, key: str, index: int) -> None:
        del self.tree[key][index]

    def append(self, key: str, entry: CommentedMap) -> None:
        self.tree[key].append(entry)

    def text(self) -> str:
        return dump_rt(self.tree).decode("utf-8")


def open_entries(text: str | None, source_id: str) -> Entries | WholeFile:
    """The entries of an observations file's text (None: a file not written yet)."""
    if text is None:
        return WholeFile(CommentedMap([("source", source_id)]))
    try:
        return Entries.parse(text)
    except (Layout, yaml.YAMLError, IndexError):
        return WholeFile(read_rt_text(text) or CommentedMap([("source", source_id)]))
