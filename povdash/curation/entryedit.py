"""Editing single entries of an observations file in place: an entry's own lines are read and
written back round-trip (comments kept) and spliced into the file, so every other byte stays as
it was, and a save costs the entry, not the whole file (ruamel.yaml round-trips ~25 KB/s).

Entries are found with the C safe loader's line marks. A layout the splice does not handle (an
empty or flow-style list, a dash on a line of its own) is edited as one round-trip tree instead.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from povdash.curation.draftfile import dump_rt, read_rt_text, rt_yaml

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
    root: yaml.MappingNode
    spans: dict[str, list[_Span]]
    # edits to apply, by list: position -> new text lines (None: delete); appended entries
    changed: dict[tuple[str, int], list[str] | None] = field(default_factory=dict)
    appended: dict[str, list[list[str]]] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, keys: tuple[str, ...] = KEYS) -> Entries:
        """Index a file's entries (of the top-level lists `keys`); raises Layout for what only a
        whole round trip can edit. The C parser composes the nodes; values are built only when
        asked for (`items`)."""
        root = composed(text)
        if not isinstance(root, yaml.MappingNode):
            raise Layout("not a mapping")
        lines = text.splitlines(keepends=True)
        spans: dict[str, list[_Span]] = {}
        for key_node, value in root.value:
            key = key_node.value
            if key not in keys:
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
        for key in keys:
            if key not in spans:
                raise Layout(f"no {key} list")
        return cls(lines, root, spans)

    @functools.cached_property
    def data(self) -> dict[str, Any]:
        """The file's values, as the safe loader reads them."""
        built = _construct(self.root)
        if not isinstance(built, dict):
            raise Layout("not a mapping")
        return built

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

    def append_new(self, key: str, entry: CommentedMap) -> None:
        """Add an entry written by povdash (no comment lines of its own) after the list's last
        one, rendered by `render` (fast) instead of a round trip."""
        self.appended.setdefault(key, []).append(render(entry, self.spans[key][-1].dash))

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


# --- rendering new entries ---------------------------------------------------------------------
# ruamel.yaml's emitter costs ~2 ms an entry; a draft writes hundreds. Entries that povdash itself
# builds (scalars, flow or block maps and lists, end-of-line comments) are rendered here, and the
# caller checks the result with the safe loader (`same_tail`) before it is written.

_PLAIN_ASCII = re.compile(r"[a-z][a-z0-9_]*(?:-[a-z0-9_]+)*")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"})
_NOT_FIRST = set("-?:,[]{}#&*!|>'\"%@` \t")
# PyYAML ends a plain scalar at any of these inside a flow mapping ("¡?" read back as "¡").
_NOT_IN_FLOW = set(",?[]{}")


def scalar(value: Any, flow: bool = False) -> str:
    """One scalar as YAML text: plain where it reads back as the same string, else quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    plain = (
        text
        and text == text.strip()
        and text[0] not in _NOT_FIRST
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.isprintable()
        and not (flow and (_NOT_IN_FLOW & set(text) or ":" in text))
        and (
            (not text.isascii() and not text[0].isdigit())
            or (_PLAIN_ASCII.fullmatch(text) is not None and text.lower() not in _RESERVED)
        )
    )
    return text if plain else _quoted(text)


def _quoted(text: str) -> str:
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable() and ch not in "\u2028\u2029\ufeff":
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def _is_flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


def _flow(node: Any) -> str:
    if isinstance(node, dict):
        return "{" + ", ".join(f"{scalar(k, True)}: {_flow(v)}" for k, v in node.items()) + "}"
    if isinstance(node, list):
        return "[" + ", ".join(_flow(v) for v in node) + "]"
    return scalar(node, flow=True)


def _comment(node: Any, key: Any) -> str:
    items = getattr(getattr(node, "ca", None), "items", None) or {}
    token = items.get(key, [None, None, None])[2] if key in items else None
    if token is None:
        return ""
    text = " ".join(token.value.split())
    if not text.startswith("#"):
        text = "# " + text
    return "  " + text


def _block(node: Any, indent: int, first: str) -> list[str]:
    """A block map's lines: the first key after `first` (a dash, or indentation), then the
    rest at `indent`."""
    lines = []
    for i, (key, value) in enumerate(node.items()):
        lead = first if i == 0 else " " * indent
        head = f"{lead}{scalar(key)}:"
        comment = _comment(node, key)
        if isinstance(value, dict) and value and not _is_flow(value):
            lines.append(head + comment + "\n")
            lines += _block(value, indent + 2, " " * (indent + 2))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            if _is_flow(value):
                lines.append(f"{head} {_flow(value)}{comment}\n")
                continue
            lines.append(head + comment + "\n")
            for item in value:
                lines += _item(item, indent + 2)
        else:
            lines.append(f"{head} {_flow(value)}{comment}\n")
    return lines


def _item(node: Any, dash: int) -> list[str]:
    """A list item at column `dash`: a flow map on one line, else a block map after the dash."""
    pad = " " * dash
    if not isinstance(node, dict) or _is_flow(node) or not node:
        return [f"{pad}- {_flow(node)}\n"]
    return _block(node, dash + 2, f"{pad}- ")


def render(entry: Any, dash: int) -> list[str]:
    """A list item (a map povdash built) as YAML lines, its dash at column `dash`."""
    return _item(entry, dash)


def plain(node: Any) -> Any:
    """A built entry as the safe loader reads it back (Decimal as int or float)."""
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, Decimal):
        return (
            int(node) if node == node.to_integral_value() and "." not in str(node) else float(node)
        )
    return node


def _construct(node: yaml.Node) -> Any:
    """The value of a composed node, as yaml.safe_load builds it."""
    return yaml.constructor.SafeConstructor().construct_document(node)


def _list_node(root: yaml.Node, key: str) -> yaml.SequenceNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key_node, value in root.value:
        if key_node.value == key and isinstance(value, yaml.SequenceNode):
            return value
    return None


def top_ids(text: str, key: str) -> set[str] | None:
    """The `id`s of the entries of a top-level list (None when the file has no such list),
    read from the composed nodes without building the values."""
    seq = _list_node(composed(text), key)
    if seq is None:
        return None
    ids = set()
    for item in seq.value:
        if isinstance(item, yaml.MappingNode):
            for k, v in item.value:
                if k.value == "id" and isinstance(v, yaml.ScalarNode):
                    ids.add(v.value)
    return ids


def same_tail(text: str, key: str, entries: list[Any]) -> None:
    """Raise Layout unless the text reads as YAML whose `key` list ends with these entries,
    read back exactly (only those are built, the rest is parsed)."""
    same_tails(text, {key: entries})


def same_tails(text: str, lists: dict[str, list[Any]]) -> None:
    """same_tail for several lists of one text, parsed once."""
    try:
        root = composed(text)
    except yaml.YAMLError as err:
        raise Layout(f"the written file does not read: {err}") from None
    for key, entries in lists.items():
        seq = _list_node(root, key)
        if seq is None and not entries:
            continue
        if seq is None or len(seq.value) < len(entries):
            raise Layout(f"the written file lacks its {key}")
        tail = seq.value[len(seq.value) - len(entries) :]
        if [_construct(node) for node in tail] != [plain(e) for e in entries]:
            raise Layout(f"the written {key} do not read back as built")


@functools.lru_cache(maxsize=4)
def composed(text: str) -> yaml.Node:
    """The node tree of a YAML text (C parser), kept for the few texts a write looks at twice
    (the ids of a file, then where its entries sit). Callers never change it."""
    return yaml.compose(text, Loader=_Loader)


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
