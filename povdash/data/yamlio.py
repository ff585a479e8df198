"""Read one hand-edited YAML file safely into a tree of Nodes that remember their line numbers.

The file is parsed into events by yaml's C parser (the pure-Python one when libyaml is missing)
and the tree is built here, so no tag is ever constructed, anchors and aliases are refused
before they can multiply, nesting is bounded before a recursive composer could crash, and every
value keeps the line it came from. Timestamps stay strings (dates are parsed where they are used).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from povdash.data import cache
from povdash.data.files import Refused, read_regular
from povdash.data.issues import REGISTRY, Issue, make_issue

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 50
MAX_FATAL_REPORTS = 20  # after a fatal problem, report this many more at most, then stop reading
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BOM = b"\xef\xbb\xbf"
_PARSER = f"pyyaml {yaml.__version__} {LOADER.__name__}"  # part of every cache key

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_RESOLVERS = Resolver.yaml_implicit_resolvers
_RESOLVE_ANY = tuple(_RESOLVERS.get(None, ()))  # resolvers for any first character
_RESOLVE_BY_FIRST = {
    first: (*found, *_RESOLVE_ANY) for first, found in _RESOLVERS.items() if first is not None
}
_CONSTRUCTOR = SafeConstructor()
_BUILDERS = {
    _INT: _CONSTRUCTOR.construct_yaml_int,
    _FLOAT: _CONSTRUCTOR.construct_yaml_float,
    _BOOL: _CONSTRUCTOR.construct_yaml_bool,
}


class Node:
    """A YAML value with its 1-based line: dict[str, Node], list[Node], or a plain scalar."""

    __slots__ = ("line", "value")

    def __init__(self, value: Any, line: int) -> None:
        self.value = value
        self.line = line

    def __repr__(self) -> str:
        return f"Node({self.value!r}, line={self.line})"

    @property
    def is_map(self) -> bool:
        """True for a mapping."""
        return isinstance(self.value, dict)

    @property
    def is_seq(self) -> bool:
        """True for a sequence."""
        return isinstance(self.value, list)

    def plain(self) -> Any:
        """The value without line numbers (dicts, lists and scalars)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


def decode_text(data: bytes, rel: str, field: str = "") -> tuple[str | None, Issue | None]:
    """UTF-8 text of a file's bytes (a BOM is dropped), or an issue naming the bad byte."""
    if data.startswith(BOM):
        data = data[len(BOM) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        guess = ""
        try:
            data.decode("gb18030")
            guess = " (it decodes as GBK/GB18030, so it was probably saved in a Chinese code page)"
        except UnicodeDecodeError:
            pass
        bad = data[err.start : err.start + 4].hex(" ")
        message = (
            f"expected UTF-8, got byte(s) {bad} at byte offset {err.start} "
            f"(line {line}) that are not UTF-8{guess}"
        )
        return None, make_issue("not-utf8", rel, line, field, message)


def read_bytes(path: Path, rel: str, field: str = "") -> tuple[bytes | None, Issue | None]:
    """The bytes of a regular file no larger than MAX_BYTES, or the issue that prevents reading
    it; never reads more than MAX_BYTES + 1 bytes and never blocks on a FIFO or a device."""
    try:
        return read_regular(path, MAX_BYTES), None
    except FileNotFoundError:
        return None, make_issue("file-missing", rel, None, field, f"no file at {rel}")
    except OSError as err:
        return None, _unreadable(rel, field, err)
    except Refused as refused:
        if refused.kind == "too-large":
            got = f"{refused.size:,} bytes" if refused.size is not None else "more"
            message = f"expected at most {MAX_BYTES:,} bytes (5 MB), got {got}"
            return None, make_issue("file-too-large", rel, None, field, message)
        kind = "a folder" if refused.kind == "folder" else "a FIFO, socket or device"
        message = f"expected a regular file at {rel}, got {kind}"
        return None, make_issue("file-unreadable", rel, None, field, message)


def _unreadable(rel: str, field: str, err: OSError) -> Issue:
    message = f"cannot read {rel}: {err.strerror or type(err).__name__}"
    return make_issue("file-unreadable", rel, None, field, message)


def read_yaml(path: Path, rel: str) -> tuple[Node | None, list[Issue]]:
    """The Node tree of one YAML file and its problems; None when nothing usable was read."""
    data, issue = read_bytes(path, rel)
    if data is None:
        return None, [issue] if issue else []
    return parse_bytes_cached(data, rel)


def parse_bytes_cached(data: bytes, rel: str) -> tuple[Node | None, list[Issue]]:
    """parse_bytes through the on-disk cache (povdash.data.cache), keyed by the bytes and the name
    (issues name the file); an entry that does not decode is ignored and rebuilt."""
    if not cache.enabled():
        return parse_bytes(data, rel)
    key = cache.make_key("yaml", _PARSER, rel, data)
    stored = cache.get("yaml", key)
    if stored is not None:
        try:
            return _decode_result(stored, rel)
        except (ValueError, TypeError, KeyError, RecursionError):
            pass  # corrupt or foreign: parse again and overwrite it
    root, issues = parse_bytes(data, rel)
    cache.put("yaml", key, _encode_result(root, issues))
    return root, issues


def _encode_result(root: Node | None, issues: list[Issue]) -> dict[str, Any]:
    """A parse result as JSON data: a node is [line, value], a mapping's value an object."""
    fields = ("line", "field", "code", "message", "hint", "severity")
    return {
        "root": None if root is None else _encode(root),
        "issues": [[getattr(i, f) for f in fields] for i in issues],
    }


def _encode(node: Node) -> list[Any]:
    value = node.value
    if value.__class__ is dict:
        return [node.line, {k: _encode(v) for k, v in value.items()}]
    if value.__class__ is list:
        return [node.line, [_encode(v) for v in value]]
    return [node.line, value]


def _decode_result(stored: Any, rel: str) -> tuple[Node | None, list[Issue]]:
    """The parse result of _encode_result; raises ValueError on any shape it would not write."""
    if stored.__class__ is not dict or set(stored) != {"root", "issues"}:
        raise ValueError("not a cached parse result")
    issues = []
    for item in stored["issues"]:
        line, fld, code, message, hint, severity = item
        if not (
            (line is None or line.__class__ is int)
            and all(x.__class__ is str for x in (fld, code, message, hint, severity))
            and code in REGISTRY
            and severity in ("error", "warning")
        ):
            raise ValueError("not a cached issue")
        issues.append(Issue(rel, line, fld, code, message, hint, severity))
    root = stored["root"]
    return (None if root is None else _decode(root, 0)), issues


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _decode(item: Any, depth: int) -> Node:
    line, value = item  # anything but a pair raises ValueError or TypeError
    kind = value.__class__
    if line.__class__ is not int:
        raise ValueError("not a cached node")
    if kind is str:  # most nodes: checked first
        return Node(value, line)
    if kind is dict:
        if depth > MAX_DEPTH:
            raise ValueError("cached tree too deep")
        return Node({k: _decode(v, depth + 1) for k, v in value.items()}, line)
    if kind is list:
        if depth > MAX_DEPTH:
            raise ValueError("cached tree too deep")
        return Node([_decode(v, depth + 1) for v in value], line)
    if kind not in _SCALARS:
        raise ValueError("not a cached scalar")
    return Node(value, line)


def parse_bytes(data: bytes, rel: str) -> tuple[Node | None, list[Issue]]:
    """The Node tree of a YAML file's bytes (UTF-8, a BOM allowed) and its problems."""
    text, issue = decode_text(data, rel)
    if text is None:
        return None, [issue] if issue else []
    return parse_yaml(text, rel)


def parse_yaml(text: str, rel: str) -> tuple[Node | None, list[Issue]]:
    """Build the Node tree of a YAML text; never constructs tags, never follows aliases."""
    issues: list[Issue] = []
    try:
        root = _build(yaml.parse(text, Loader=LOADER), rel, issues)
    except yaml.MarkedYAMLError as err:
        return None, [*issues, _syntax_issue(err, text, rel)]
    except yaml.reader.ReaderError as err:  # a control character: no mark, only a position
        position = err.position
        if LOADER is not yaml.SafeLoader:  # libyaml counts UTF-8 bytes, not characters
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        message = (
            f"expected printable text, got the control character #x{err.character:04x} "
            f"at line {line}, column {column}"
        )
        hint = "delete the invisible character (often pasted from a PDF or a word processor)"
        return None, [*issues, make_issue("yaml-syntax", rel, line, "", message, hint)]
    except yaml.YAMLError as err:  # reader errors without a mark
        return None, [*issues, make_issue("yaml-syntax", rel, None, "", f"invalid YAML: {err}")]
    if any(i.code in _FATAL for i in issues):
        return None, issues
    if root is None or root.value is None:
        message = "expected a YAML mapping, got an empty file (or only comments)"
        return None, [*issues, make_issue("empty-file", rel, None, "", message)]
    return root, issues


_FATAL = frozenset({"yaml-alias", "too-deep", "unknown-tag", "multiple-documents"})
_EXPECT_KEY = object()  # a mapping frame waiting for its next key
_DISCARD = object()  # the value of a key that could not be used


def _build(events: Any, rel: str, issues: list[Issue]) -> Node | None:
    """Turn a stream of parser events into Nodes, recording anchors, tags and depth problems."""
    # each frame: [container Node, pending key (str, _EXPECT_KEY or _DISCARD), label in parent]
    stack: list[list[Any]] = [[Node([], 0), _EXPECT_KEY, ""]]  # a holder for the root
    documents = 0
    broken = False  # after a fatal problem, keep scanning only to report the rest
    scalar_event, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    for event in events:
        if broken and len(issues) >= MAX_FATAL_REPORTS:
            break  # a file of ten thousand aliases needs one line, not ten thousand
        kind = type(event)
        if kind is scalar_event:
            line = event.start_mark.line + 1
            if event.anchor is not None:  # stop here: nothing an alias could repeat is built
                issues.append(_anchor_issue(rel, line, "&" + event.anchor))
                return None
            tag = event.tag
            if tag is None and not event.implicit[0]:
                value: Any = event.value  # quoted: always a string, the common case
            else:
                value = _scalar(event, tag, rel, line, issues)
                if value is _DISCARD:
                    broken = True
                    value = None
            _attach(stack, Node(value, line), rel, issues)
        elif kind is mapping_start or kind is sequence_start:
            line = event.start_mark.line + 1
            if event.anchor is not None:  # stop here: nothing an alias could repeat is built
                issues.append(_anchor_issue(rel, line, "&" + event.anchor))
                return None
            if event.tag not in (None, "!", _MAP if kind is mapping_start else _SEQ):
                broken = True
                message = f"expected no tag, got {event.tag!r} (tags are never constructed)"
                issues.append(make_issue("unknown-tag", rel, line, "", message))
            if len(stack) > MAX_DEPTH:
                message = f"expected at most {MAX_DEPTH} levels of nesting, got more"
                issues.append(make_issue("too-deep", rel, line, "", message))
                return None
            node = Node({} if kind is mapping_start else [], line)
            stack.append([node, _EXPECT_KEY, _attach(stack, node, rel, issues)])
        elif kind in ends:
            stack.pop()
        elif kind is yaml.AliasEvent:
            issues.append(_anchor_issue(rel, event.start_mark.line + 1, "*" + event.anchor))
            return None
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                line = event.start_mark.line + 1
                message = "expected one YAML document, got a second one"
                issues.append(make_issue("multiple-documents", rel, line, "", message))
                return None
    holder = stack[0][0].value
    return None if broken or not holder else holder[0]


def _anchor_issue(rel: str, line: int, what: str) -> Issue:
    kind = "anchor" if what.startswith("&") else "alias"
    message = f"anchors and aliases are not allowed, got {kind} {what} (not read further)"
    return make_issue("yaml-alias", rel, line, "", message)


def _attach(stack: list[list[Any]], node: Node, rel: str, issues: list[Issue]) -> str:
    """Put a node into the innermost container; returns its label there ("[3]" or "unit")."""
    frame = stack[-1]
    container, key = frame[0].value, frame[1]
    if container.__class__ is list:
        container.append(node)
        return f"[{len(container) - 1}]"
    if key is _EXPECT_KEY:
        if isinstance(node.value, dict | list):
            message = "expected a plain key, got a mapping or list used as a key"
            issues.append(make_issue("wrong-type", rel, node.line, _path(stack, ""), message))
            frame[1] = _DISCARD
        else:
            frame[1] = "null" if node.value is None else str(node.value)
        return "?"
    frame[1] = _EXPECT_KEY
    if key is _DISCARD:
        return "?"
    if key in container:
        first = container[key].line
        message = f"key {key!r} appears twice in one mapping (first at line {first})"
        issues.append(make_issue("duplicate-key", rel, node.line, _path(stack, key), message))
        return key
    container[key] = node
    return key


def _path(stack: list[list[Any]], key: str) -> str:
    """The field path (observations[3].unit) of `key` in the innermost mapping of the stack."""
    path = ""
    for label in [frame[2] for frame in stack[2:]] + [key]:
        if label.startswith("[") or not path:
            path += label
        elif label:
            path += "." + label
    return path


def _scalar(event: Any, tag: str | None, rel: str, line: int, issues: list[Issue]) -> Any:
    """The Python value of a scalar event under the safe schema; timestamps stay strings."""
    value = event.value
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return value  # quoted: always a string
        tag = _resolve(value)
    if tag in (_STR, _TIMESTAMP):
        return value
    if tag == _NULL:
        return None
    build = _BUILDERS.get(tag)
    if build is None:
        message = f"expected no tag, got {tag!r} (tags are never constructed)"
        issues.append(make_issue("unknown-tag", rel, line, "", message))
        return _DISCARD
    try:
        return build(ScalarNode(tag, value))
    except (ValueError, yaml.YAMLError):
        message = f"expected a value of tag {tag!r}, got {value!r}"
        issues.append(make_issue("wrong-type", rel, line, "", message))
        return _DISCARD


def _resolve(value: str) -> str:
    """The implicit tag of a plain scalar under YAML 1.1's safe resolvers (as yaml.safe_load)."""
    for tag, pattern in _RESOLVE_BY_FIRST.get(value[:1], _RESOLVE_ANY):
        if pattern.match(value):
            return tag
    return _STR


def _syntax_issue(err: yaml.MarkedYAMLError, text: str, rel: str) -> Issue:
    """A yaml-syntax (or tab-indentation) issue at the error's line and column."""
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    lines = text.splitlines()
    source_line = lines[line - 1] if line and line <= len(lines) else ""
    indent = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    problem = err.problem or str(err)
    where = f" at line {line}, column {column}" if line else ""
    if "\t" in indent or "tab" in problem:
        message = f"expected spaces for indentation, got a tab{where}"
        return make_issue("tab-indentation", rel, line, "", message)
    context = f" ({err.context})" if err.context else ""
    message = f"invalid YAML{where}: {problem}{context}"
    return make_issue("yaml-syntax", rel, line, "", message)
