"""Read every YAML file of data/ into model records, checking shapes, types, keys and ids.

Each entry is read on its own: a wrong entry is reported and skipped, the rest of its file and
every other file still load. References between files are checked later (povdash.data.validate).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path, PurePosixPath
from typing import Any

from povdash.data import model
from povdash.data.invisible import INVISIBLE, visible
from povdash.data.invisible import describe as describe_invisible
from povdash.data.issues import Issue, make_issue, suggest
from povdash.data.periods import parse_period, parse_point
from povdash.data.yamlio import Node, read_yaml

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PROGRAM_ID = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
SNAKE_ID = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
SECTION_ID = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
SHA256 = re.compile(r"[0-9a-f]{64}")
ID_RULES = {
    "id": (ID, "lowercase letters, digits and single dashes (liuhe-2020-04-21)"),
    "program": (PROGRAM_ID, "upper-case letters, digits and dashes (INC-CRED)"),
    "snake": (SNAKE_ID, "lowercase snake_case (microcredit_disbursed)"),
    "section": (SECTION_ID, "lowercase letters, digits, dashes or underscores (mechanisms)"),
}
# string kinds whose only checks are "non-empty" and the id rule: read inline in Reader.mapping
_FAST_KINDS = frozenset({"str", "text", *ID_RULES})
CATALOGUE = ("places.yaml", "programs.yaml", "indicators.yaml", "sources.yaml")


@dataclass(frozen=True, slots=True)
class Spec:
    """How one key of a mapping is read: its type, whether it is required, its allowed values."""

    kind: str  # str | text | int | number | bool | bilingual | list | map | str_list | id kinds
    required: bool = True
    choices: tuple[str, ...] = ()
    nullable: bool = False
    # a detail no table row depends on (notes, a place's code): a wrong value is reported and
    # left out, and the entry is kept, so an unquoted code does not drop a county's figures
    lenient: bool = False
    # text that must stay as written (quotes match a source text, paths a file): invisible
    # characters are kept
    verbatim: bool = False


# `confirm: [indicator, period]`: fields `povdash draft` suggested with too little confidence;
# the entry loads, with a to-confirm warning, until a person deletes the line
CONFIRM = Spec("str_list", required=False, lenient=True)


@dataclass(frozen=True, slots=True)
class Where:
    """Where an entry was written: file, its field path and the line of each key."""

    path: str
    field: str
    line: int
    lines: dict[str, int]

    def at(self, key: str) -> tuple[int, str]:
        """(line, field path) of one key of the entry."""
        return self.lines.get(key, self.line), f"{self.field}.{key}" if self.field else key


@dataclass
class Catalog:
    """Everything read from data/ before cross-file checks, with the issues found so far."""

    root: Path
    places: dict[str, model.Place] = dataclasses.field(default_factory=dict)
    groups: dict[str, model.ProgramGroup] = dataclasses.field(default_factory=dict)
    programs: dict[str, model.Program] = dataclasses.field(default_factory=dict)
    framework: dict[str, model.FrameworkCell] = dataclasses.field(default_factory=dict)
    indicators: dict[str, model.Indicator] = dataclasses.field(default_factory=dict)
    sources: dict[str, model.Source] = dataclasses.field(default_factory=dict)
    observations: list[model.Observation] = dataclasses.field(default_factory=list)
    exclusions: list[model.Exclusion] = dataclasses.field(default_factory=list)
    checks: list[model.Check] = dataclasses.field(default_factory=list)
    obs_files: dict[str, str] = dataclasses.field(
        default_factory=dict
    )  # source id -> observations file
    where: dict[tuple[str, str], Where] = dataclasses.field(
        default_factory=dict
    )  # (kind, id) -> location
    broken: set[int] = dataclasses.field(
        default_factory=set
    )  # indexes of observations with an error
    issues: list[Issue] = dataclasses.field(default_factory=list)
    failed: set[str] = dataclasses.field(default_factory=set)  # files that could not be read
    failed_sources: set[str] = dataclasses.field(default_factory=set)  # their observation files
    # (source, quote) of entries left out for errors: their quotes still count as covered, so
    # one wrong entry is not reported again as uncovered numbers
    salvaged: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    # ids of entries left out for their own errors: references to them are not errors again
    invalid: set[str] = dataclasses.field(default_factory=set)
    # source -> (observation entries, exclusion entries) as written, valid or not
    entries: dict[str, tuple[int, int]] = dataclasses.field(default_factory=dict)

    @functools.cached_property
    def real_root(self) -> Path | None:
        """The root with symlinks resolved, once per load (None when it cannot be resolved)."""
        try:
            return self.root.resolve()
        except (OSError, RuntimeError):
            return None

    def loaded(self, rel: str) -> bool:
        """True when the file was read (references into a file that failed are not checked)."""
        return rel not in self.failed


class Reader:
    """Type and key checks for the entries of one file, recording issues as it goes."""

    def __init__(self, rel: str, catalog: Catalog) -> None:
        self.rel = rel
        self.catalog = catalog

    def issue(
        self, code: str, line: int | None, field: str, message: str, hint: str | None = None
    ) -> None:
        """Record one issue in this file."""
        self.catalog.issues.append(make_issue(code, self.rel, line, field, message, hint))

    def mapping(
        self, node: Node, field: str, specs: dict[str, Spec], what: str
    ) -> dict[str, Any] | None:
        """The checked values of a mapping entry; None (after reporting) when it is not a
        mapping or any key is missing, unknown or wrong."""
        if not node.is_map:
            keys = ", ".join(k for k, s in specs.items() if s.required)
            self.issue(
                "wrong-type",
                node.line,
                field,
                f"expected {what} (a mapping with {keys}), got {describe(node.value)}",
            )
            return None
        values: dict[str, Any] = {}
        complete = True
        for key, child in node.value.items():
            spec = specs.get(key)
            if spec is None:  # any error leaves the entry out: a half-read entry would mislead
                self.unknown_key(key, child.value, child.line, field, specs, what)
                complete = False
                continue
            value = child.value
            if value.__class__ is str and spec.kind in _FAST_KINDS and not spec.choices:
                # the common case, without convert's chain of kinds (same result as convert)
                text = value.strip()
                rule = ID_RULES.get(spec.kind)
                if (
                    text
                    and (rule is None or rule[0].fullmatch(text))
                    and (text.isprintable() or spec.verbatim or not INVISIBLE.search(text))
                ):
                    values[key] = text
                    continue
            ok, value = self.convert(child, join(field, key), spec)
            if ok:
                values[key] = value
            elif not spec.lenient:
                complete = False
        for key, spec in specs.items():
            if spec.required and key not in node.value:
                complete = False
                self.issue(
                    "missing-field",
                    node.line,
                    join(field, key),
                    f"expected key {key!r} in {what}, got none "
                    f"(keys: {', '.join(node.value) or 'none'})",
                )
        if not complete:
            self.drop(node)
            return None
        if values.get("confirm"):
            self.to_confirm(node, field, values, what)
        return values

    def to_confirm(self, node: Node, field: str, values: dict[str, Any], what: str) -> None:
        """Warn that a drafted entry waits for a person to confirm some of its fields."""
        ident = values.get("id") or values.get("text") or ""
        fields = ", ".join(values["confirm"])
        self.issue(
            "to-confirm",
            node.value["confirm"].line,
            join(field, "confirm"),
            f"expected {what} {ident} confirmed by a person, got the draft's suggested {fields}",
        )

    def drop(self, node: Node) -> None:
        """Remember the id of an entry left out, so references to it are not reported again."""
        ident = node.value.get("id") if node.is_map else None
        if ident is not None and isinstance(ident.value, str):
            self.catalog.invalid.add(ident.value.strip())

    def unknown_key(
        self, key: str, value: Any, line: int, field: str, specs: dict[str, Spec], what: str
    ) -> None:
        """Report a key the entry does not have, with the closest known key."""
        known = ", ".join(specs)
        hint = suggest(key, specs)
        if not hint and value is None and not key.isascii():
            # `{zh: 创新两项举措,织密织牢监测网格}`: an ASCII comma inside {...} ends the value
            hint = "a ',' inside {...} or [...] splits a value; put the whole text in quotes"
        self.issue(
            "unknown-key",
            line,
            join(field, key),
            f"expected a key of {what} ({known}), got {key!r}",
            hint,
        )

    def convert(self, node: Node, field: str, spec: Spec) -> tuple[bool, Any]:
        """(ok, value) of one field under its spec; a wrong value is reported."""
        value = node.value
        if value is None and spec.nullable:
            return True, None
        kind = spec.kind
        if kind in ("list", "map"):
            want = node.is_seq if kind == "list" else node.is_map
            if not want:
                self.wrong(node, field, "a list" if kind == "list" else "a mapping")
                return False, None
            return True, node
        if kind == "bilingual":
            return self.bilingual(node, field)
        if kind == "note":
            # a curator's note: {zh: ..., en: ...}, or plain text (one language, shown as is)
            if node.is_map:
                return self.bilingual(node, field)
            if not _is_text(value):
                self.wrong(node, field, "a text, or a bilingual text {zh: ..., en: ...}")
                return False, None
            return True, ("", value.strip())
        if kind == "str_list":
            if not node.is_seq or not all(_is_text(n.value) for n in node.value):
                self.wrong(node, field, "a list of strings ([a, b])")
                return False, None
            return True, tuple(n.value.strip() for n in node.value)
        if kind == "bool":
            if not isinstance(value, bool):
                self.wrong(node, field, "true or false")
                return False, None
            return True, value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.wrong(node, field, "a whole number (e.g. 2020)")
                return False, None
            return True, value
        if kind == "number":
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or (isinstance(value, float) and not math.isfinite(value))
            ):
                hint = (
                    "write the number alone (948, 5.9) and the unit under `unit`"
                    if isinstance(value, str)
                    else None
                )
                self.wrong(node, field, "a number (e.g. 948 or 5.9)", hint)
                return False, None
            return True, Decimal(str(value))
        if kind == "period":
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)  # an unquoted year is still a year
            if not _is_text(value):
                self.wrong(node, field, 'a period string such as "2021" or "..2020-04-21"')
                return False, None
            try:
                parse_period(value.strip())
            except ValueError as err:
                self.issue(
                    "bad-period",
                    node.line,
                    field,
                    f"expected YYYY, YYYY-MM, YYYY-MM-DD, START..END or ..END, "
                    f"got {value!r}: {err}",
                )
                return False, None
            return True, value.strip()
        if kind == "date":
            if isinstance(value, int) and not isinstance(value, bool):
                value = str(value)
            if not _is_text(value):
                self.wrong(node, field, 'a date string such as "2020-04-21"')
                return False, None
            try:
                parse_point(value.strip())
            except ValueError as err:
                self.issue(
                    "bad-period",
                    node.line,
                    field,
                    f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}: {err}",
                )
                return False, None
            return True, value.strip()
        # strings of every flavour
        if not _is_text(value):
            hint = None
            if kind != "text" and isinstance(value, int | float) and not isinstance(value, bool):
                hint = f'quote it: "{value}"'
            self.wrong(node, field, "a non-empty string", hint)
            return False, None
        text = value.strip()
        if spec.choices and text not in spec.choices:
            hint = suggest(text, spec.choices, cutoff=0.5)
            self.issue(
                "bad-choice",
                node.line,
                field,
                f"expected one of {', '.join(spec.choices)}, got {text!r}",
                hint,
            )
            return False, None
        rule = ID_RULES.get(kind)
        if rule and not rule[0].fullmatch(text):
            self.issue("bad-id", node.line, field, f"expected {rule[1]}, got {text!r}")
            return False, None
        if kind == "sha256" and not SHA256.fullmatch(text):
            self.issue(
                "wrong-type",
                node.line,
                field,
                f"expected 64 lowercase hex digits (sha256sum), got {text!r}",
            )
            return False, None
        if kind in ("str", "text") and not spec.verbatim and INVISIBLE.search(text):
            # a label or note: read without them, so no page or export shows them
            self.issue(
                "invisible-character",
                node.line,
                field,
                f"expected visible text, got {describe_invisible(text)} in {visible(text)!r}",
            )
            text = visible(text).strip()
            if not text:
                self.wrong(node, field, "a non-empty string")
                return False, None
        return True, text

    def bilingual(self, node: Node, field: str) -> tuple[bool, Any]:
        """(zh, en) of a {zh: ..., en: ...} mapping."""
        values = self.mapping(node, field, BILINGUAL, "a bilingual text {zh: ..., en: ...}")
        if values is None:
            return False, None
        return True, (values["zh"], values["en"])

    def wrong(self, node: Node, field: str, expected: str, hint: str | None = None) -> None:
        """Report a value of the wrong type."""
        self.issue(
            "wrong-type", node.line, field, f"expected {expected}, got {describe(node.value)}", hint
        )

    def entries(self, root: dict[str, Any], key: str) -> list[tuple[str, Node]]:
        """(field path, node) of each item of a top-level list."""
        node = root.get(key)
        if node is None:
            return []
        return [(f"{key}[{i}]", item) for i, item in enumerate(node.value)]

    def claim(self, namespace: str, ident: str, where: Where) -> bool:
        """Register an id; a second use anywhere in data/ is a duplicate-id issue."""
        key = (namespace, ident)
        first = self.catalog.where.get(key)
        if first is not None:
            line, field = where.at("id")
            self.issue(
                "duplicate-id",
                line,
                field,
                f"expected a new {namespace} id, got {ident!r} again "
                f"(first at {first.path}:{first.line})",
            )
            return False
        self.catalog.where[key] = where
        return True


BILINGUAL = {"zh": Spec("str"), "en": Spec("str")}


def join(field: str, key: str) -> str:
    """A field path: observations[3] + unit -> observations[3].unit."""
    return f"{field}.{key}" if field else key


def describe(value: Any) -> str:
    """How a YAML value reads in a message: the string '948户', the number 948, a list."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}" if value.strip() else "an empty string"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return f"a mapping with keys {', '.join(value) or 'none'}"
    return type(value).__name__


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _where(reader: Reader, node: Node, field: str) -> Where:
    lines = {k: v.line for k, v in node.value.items()} if node.is_map else {}
    return Where(reader.rel, field, node.line, lines)


def _top(reader: Reader, root: Node | None, specs: dict[str, Spec], what: str) -> dict[str, Any]:
    """The checked top-level keys of a file (empty when the file could not be read)."""
    if root is None:
        return {}
    values = reader.mapping(root, "", specs, what)
    if values is None:  # keep what is usable even when a required key is missing
        values = {k: v for k, v in root.value.items() if k in specs} if root.is_map else {}
        values = {k: v for k, v in values.items() if isinstance(v, Node) and (v.is_seq or v.is_map)}
    return values


# --- places.yaml -------------------------------------------------------------------------------

PLACE = {
    "id": Spec("id"),
    "name": Spec("bilingual"),
    "level": Spec("str", choices=model.PLACE_LEVELS),
    "parent": Spec("id", required=False, nullable=True),
    "code": Spec("str", required=False, nullable=True, lenient=True),
    "denominators": Spec("list", required=False),
    "notes": Spec("text", required=False, lenient=True),
}
DENOMINATOR = {
    "kind": Spec("str", choices=model.DENOMINATOR_KINDS),
    "value": Spec("number"),
    "unit": Spec("str"),
    "year": Spec("int"),
    "source": Spec("str"),
    "quote": Spec("str", verbatim=True),
    "confidence": Spec("str", choices=model.CONFIDENCES),
    "note": Spec("text", required=False, lenient=True),
}


def read_places(reader: Reader, root: Node | None) -> None:
    """Places and their denominators."""
    top = _top(reader, root, {"places": Spec("list")}, "places.yaml")
    for field, node in reader.entries(top, "places"):
        values = reader.mapping(node, field, PLACE, "a place")
        if values is None:
            continue
        where = _where(reader, node, field)
        if not reader.claim("place", values["id"], where):
            continue
        denominators = []
        for i, dnode in enumerate(values.get("denominators", Node([], 0)).value):
            dfield = f"{field}.denominators[{i}]"
            d = reader.mapping(dnode, dfield, DENOMINATOR, "a denominator")
            if d is None:
                continue
            if d["value"] < 0:
                reader.issue(
                    "negative-value",
                    dnode.value["value"].line,
                    f"{dfield}.value",
                    f"expected a positive number, got {d['value']}",
                )
                continue
            denominators.append(
                model.Denominator(
                    values["id"],
                    d["kind"],
                    d["value"],
                    d["unit"],
                    d["year"],
                    d["source"],
                    d["quote"],
                    d["confidence"],
                    d.get("note", ""),
                    line=dnode.line,
                    field=dfield,
                )
            )
        name_zh, name_en = values["name"]
        reader.catalog.places[values["id"]] = model.Place(
            values["id"],
            name_zh,
            name_en,
            values["level"],
            values.get("parent"),
            values.get("code"),
            tuple(denominators),
        )


# --- programs.yaml -----------------------------------------------------------------------------

CELL = {"id": Spec("snake"), "name": Spec("bilingual")}
GROUP = {"id": Spec("program"), "name": Spec("bilingual"), "programs": Spec("list")}
PROGRAM = {
    "id": Spec("program"),
    "name": Spec("bilingual"),
    "framework": Spec("snake"),
    "keywords": Spec("str_list", required=False),
    "notes": Spec("text", required=False, lenient=True),
}


def read_programs(reader: Reader, root: Node | None) -> None:
    """Framework cells, program groups and their programs."""
    top = _top(reader, root, {"framework": Spec("list"), "groups": Spec("list")}, "programs.yaml")
    cat = reader.catalog
    for field, node in reader.entries(top, "framework"):
        values = reader.mapping(node, field, CELL, "a framework cell")
        if values and reader.claim("framework cell", values["id"], _where(reader, node, field)):
            cat.framework[values["id"]] = model.FrameworkCell(values["id"], *values["name"])
    for field, node in reader.entries(top, "groups"):
        values = reader.mapping(node, field, GROUP, "a program group")
        if values is None or not reader.claim("group", values["id"], _where(reader, node, field)):
            continue
        group = values["id"]
        cat.groups[group] = model.ProgramGroup(group, *values["name"])
        for i, pnode in enumerate(values["programs"].value):
            pfield = f"{field}.programs[{i}]"
            p = reader.mapping(pnode, pfield, PROGRAM, "a program")
            if p is None:
                continue
            where = _where(reader, pnode, pfield)
            if not reader.claim("program", p["id"], where):
                continue
            if p["framework"] not in cat.framework:
                line, f = where.at("framework")
                reader.issue(
                    "unknown-framework",
                    line,
                    f,
                    f"expected a framework cell ({', '.join(cat.framework)}), "
                    f"got {p['framework']!r}",
                    suggest(p["framework"], cat.framework),
                )
                reader.drop(pnode)
                continue
            name_zh, name_en = p["name"]
            cat.programs[p["id"]] = model.Program(
                p["id"], name_zh, name_en, group, p["framework"], p.get("keywords", ())
            )


# --- indicators.yaml ---------------------------------------------------------------------------

INDICATOR = {
    "id": Spec("snake"),
    "label": Spec("bilingual"),
    "program": Spec("program"),
    "dimension": Spec("str", choices=tuple(model.DIMENSION_UNITS)),
    "unit": Spec("str"),
    "kind": Spec("str", choices=model.INDICATOR_KINDS),
    "definition": Spec("bilingual", required=False, lenient=True),
    "notes": Spec("text", required=False, lenient=True),
    "confirm": CONFIRM,
}
COUNT_UNIT = re.compile(r"count:[a-z]+(?:_[a-z]+)*")


def canonical_unit_ok(unit: str) -> bool:
    """True for a canonical unit code: yuan, person, ..., count:<thing>."""
    return unit in model.CANONICAL_UNITS or bool(COUNT_UNIT.fullmatch(unit))


def read_indicators(reader: Reader, root: Node | None) -> None:
    """The indicator catalogue (program references are checked against programs.yaml later)."""
    top = _top(reader, root, {"indicators": Spec("list")}, "indicators.yaml")
    for field, node in reader.entries(top, "indicators"):
        values = reader.mapping(node, field, INDICATOR, "an indicator")
        if values is None:
            continue
        where = _where(reader, node, field)
        unit, dimension = values["unit"], values["dimension"]
        if not canonical_unit_ok(unit):
            line, f = where.at("unit")
            reader.issue(
                "unknown-unit",
                line,
                f,
                f"expected a canonical unit code ({', '.join(model.CANONICAL_UNITS)}, "
                f"count:<thing>), got {unit!r}",
                suggest(unit, model.CANONICAL_UNITS),
            )
            reader.drop(node)
            continue
        allowed = model.DIMENSION_UNITS[dimension]
        if not (unit in allowed or (allowed == ("count:*",) and unit.startswith("count:"))):
            line, f = where.at("unit")
            reader.issue(
                "dimension-unit-mismatch",
                line,
                f,
                f"expected a unit of dimension {dimension} ({', '.join(allowed)}), got {unit!r}",
            )
            reader.drop(node)
            continue
        if not reader.claim("indicator", values["id"], where):
            continue
        label_zh, label_en = values["label"]
        def_zh, def_en = values.get("definition", ("", ""))
        reader.catalog.indicators[values["id"]] = model.Indicator(
            values["id"],
            label_zh,
            label_en,
            values["program"],
            dimension,
            unit,
            values["kind"],
            def_zh,
            def_en,
        )


# --- sources.yaml ------------------------------------------------------------------------------

SOURCE = {
    "id": Spec("id"),
    "title": Spec("bilingual"),
    "publisher": Spec("bilingual"),
    "published": Spec("date"),
    "places": Spec("str_list"),
    "text": Spec("str", verbatim=True),  # a path: read as written
    "sha256": Spec("sha256"),
    "framework": Spec("map", required=False),
    "url": Spec("text", required=False, lenient=True),
    "notes": Spec("text", required=False, lenient=True),
    "confirm": CONFIRM,
}
FRAMEWORK = {"name": Spec("bilingual"), "sections": Spec("list")}
SECTION = {
    "id": Spec("section"),
    "name": Spec("bilingual"),
    "sections": Spec("list", required=False),
}


def read_sources(reader: Reader, root: Node | None) -> None:
    """Sources with their own framework of nested sections."""
    top = _top(reader, root, {"sources": Spec("list")}, "sources.yaml")
    for index, (field, node) in enumerate(reader.entries(top, "sources")):
        values = reader.mapping(node, field, SOURCE, "a source")
        if values is None:
            continue
        where = _where(reader, node, field)
        if not reader.claim("source", values["id"], where):
            continue
        name: tuple[str, str] = ("", "")
        sections: list[model.Section] = []
        if "framework" in values:
            ffield = f"{field}.framework"
            fw = reader.mapping(values["framework"], ffield, FRAMEWORK, "a source framework")
            if fw is not None:
                name = fw["name"]
                _read_sections(reader, fw["sections"], f"{ffield}.sections", None, sections, set())
        title, publisher = values["title"], values["publisher"]
        reader.catalog.sources[values["id"]] = model.Source(
            values["id"],
            title[0],
            title[1],
            publisher[0],
            publisher[1],
            values["published"],
            values["places"],
            values["text"],
            values["sha256"],
            name[0],
            name[1],
            tuple(sections),
            line=node.line,
            index=index,
        )


def _read_sections(
    reader: Reader,
    node: Node,
    field: str,
    parent: str | None,
    out: list[model.Section],
    seen: set[str],
) -> None:
    """Sections in display order, nested ones after their parent."""
    for i, snode in enumerate(node.value):
        sfield = f"{field}[{i}]"
        s = reader.mapping(snode, sfield, SECTION, "a section")
        if s is None:
            continue
        if s["id"] in seen:
            reader.issue(
                "duplicate-id",
                snode.value["id"].line,
                f"{sfield}.id",
                f"expected a section id new within this source, got {s['id']!r} again",
            )
            continue
        seen.add(s["id"])
        name_zh, name_en = s["name"]
        out.append(model.Section(s["id"], name_zh, name_en, parent, len(out)))
        if "sections" in s:
            _read_sections(reader, s["sections"], f"{sfield}.sections", s["id"], out, seen)


# --- observations/<source>.yaml ----------------------------------------------------------------

OBS_FILE = {
    "source": Spec("id"),
    "observations": Spec("list"),
    "exclusions": Spec("list", required=False),
    "checks": Spec("list", required=False),
    "notes": Spec("text", required=False, lenient=True),
}
OBSERVATION = {
    "id": Spec("id"),
    "indicator": Spec("snake"),
    "place": Spec("id"),
    "program": Spec("program", required=False),
    "section": Spec("section", required=False),
    "period": Spec("period"),
    "value": Spec("number"),
    "unit": Spec("str"),
    "qualifier": Spec("str", required=False, choices=model.QUALIFIERS),
    "value_max": Spec("number", required=False, nullable=True),
    "quote": Spec("str", verbatim=True),
    "scope": Spec("bilingual", required=False),
    "notes": Spec("text", required=False, lenient=True),
    "correction": Spec("map", required=False),
    "confirm": CONFIRM,
}
CORRECTION = {
    "value": Spec("number"),
    "unit": Spec("str"),
    "reason": Spec("note"),
    "confidence": Spec("str", choices=model.CONFIDENCES),
}
EXCLUSION = {
    "text": Spec("text", verbatim=True),
    "quote": Spec("text", required=False, verbatim=True),
    "everywhere": Spec("bool", required=False),
    "kind": Spec("str", choices=model.EXCLUSION_KINDS),
    "reason": Spec("note"),
    "confirm": CONFIRM,
}
CHECK_ROLES: dict[str, tuple[str, ...]] = {
    "growth": ("from", "to", "stated"),
    "ratio": ("part", "whole", "stated"),
    "sum": ("parts", "total"),
}
CHECK = {
    "id": Spec("id"),
    "kind": Spec("str", choices=model.CHECK_KINDS),
    "from": Spec("str", required=False),
    "to": Spec("str", required=False),
    "stated": Spec("str", required=False),
    "part": Spec("str", required=False),
    "whole": Spec("str", required=False),
    "parts": Spec("str_list", required=False),
    "total": Spec("str", required=False),
    "tolerance": Spec("number", required=False),
    "notes": Spec("text", required=False, lenient=True),
}


def read_observation_file(reader: Reader, root: Node | None) -> None:
    """One source's observations, exclusions and cross-checks."""
    top = _top(reader, root, OBS_FILE, "an observations file")
    cat = reader.catalog
    source_node = root.value.get("source") if root is not None and root.is_map else None
    source = (
        source_node.value
        if source_node is not None and isinstance(source_node.value, str)
        else None
    )
    if source is None or source_node is None:
        return
    if source in cat.obs_files:
        first = cat.obs_files[source]
        named = PurePosixPath(first).stem == source
        reader.issue(
            "duplicate-id",
            source_node.line,
            "source",
            f"expected one observations file per source, got a second for {source!r} "
            f"({'it belongs to' if named else 'first:'} {first}); nothing of this file was read",
            f"move its entries into {first} and remove this file"
            if named
            else "give each source one file, named observations/<source-id>.yaml",
        )
        return
    cat.obs_files[source] = reader.rel
    cat.entries[source] = (
        len(reader.entries(top, "observations")),
        len(reader.entries(top, "exclusions")),
    )
    for field, node in reader.entries(top, "observations"):
        if not _read_observation(reader, node, field, source):
            _salvage(cat, source, node)
    for field, node in reader.entries(top, "exclusions"):
        e = reader.mapping(node, field, EXCLUSION, "an exclusion")
        if e is None:
            _salvage(cat, source, node)
            continue
        everywhere = e.get("everywhere", False)
        if not everywhere and "quote" not in e:
            reader.issue(
                "missing-field",
                node.line,
                f"{field}.quote",
                "expected key 'quote' (or everywhere: true) in an exclusion, got none",
            )
            continue
        cat.exclusions.append(
            model.Exclusion(
                source,
                reader.rel,
                node.line,
                field,
                e["text"],
                e.get("quote"),
                everywhere,
                e["kind"],
                e["reason"][1],
                tuple(e.get("confirm") or ()),
                reason_zh=e["reason"][0],
            )
        )
    for field, node in reader.entries(top, "checks"):
        _read_check(reader, node, field, source)


def _salvage(cat: Catalog, source: str, node: Node) -> None:
    """Keep the quote of an entry that could not be read, for the completeness check."""
    quote = node.value.get("quote") if node.is_map else None
    if quote is not None and _is_text(quote.value):
        cat.salvaged.append((source, quote.value))


def _read_observation(reader: Reader, node: Node, field: str, source: str) -> bool:
    """Read one observation into the catalog; False when it was left out."""
    values = reader.mapping(node, field, OBSERVATION, "an observation")
    if values is None:
        return False
    where = _where(reader, node, field)
    qualifier = values.get("qualifier", "exact")
    value_max = values.get("value_max")
    if (qualifier == "range") != (value_max is not None) or (
        value_max is not None and value_max <= values["value"]
    ):
        line, f = where.at("value_max")
        reader.issue(
            "bad-range",
            line,
            f,
            f"expected value_max above value exactly when qualifier is range, "
            f"got qualifier {qualifier} and value_max {value_max}",
        )
        reader.drop(node)
        return False
    correction = None
    if "correction" in values:
        c = reader.mapping(values["correction"], f"{field}.correction", CORRECTION, "a correction")
        if c is None:
            reader.drop(node)
            return False
        zh, en = c["reason"]
        correction = model.Correction(c["value"], c["unit"], en, c["confidence"], reason_zh=zh)
    if not reader.claim("observation", values["id"], where):
        return False
    scope = values.get("scope", ("", ""))
    reader.catalog.observations.append(
        model.Observation(
            values["id"],
            source,
            reader.rel,
            node.line,
            field,
            values["indicator"],
            values["place"],
            values.get("program"),
            values.get("section"),
            values["period"],
            values["value"],
            values["unit"],
            qualifier,
            value_max,
            values["quote"],
            scope[0],
            scope[1],
            values.get("notes", ""),
            correction,
            where.lines,
            tuple(values.get("confirm") or ()),
        )
    )
    return True


def _read_check(reader: Reader, node: Node, field: str, source: str) -> None:
    c = reader.mapping(node, field, CHECK, "a cross-check")
    if c is None:
        return
    roles = CHECK_ROLES[c["kind"]]
    missing = [r for r in roles if r not in c]
    extra = [
        r
        for r in ("from", "to", "stated", "part", "whole", "parts", "total")
        if r in c and r not in roles
    ]
    for role in missing:
        reader.issue(
            "missing-field",
            node.line,
            join(field, role),
            f"expected the operands {', '.join(roles)} for a {c['kind']} check, got no {role!r}",
        )
    for role in extra:
        reader.issue(
            "unknown-key",
            node.value[role].line,
            join(field, role),
            f"expected the operands {', '.join(roles)} for a {c['kind']} check, got {role!r}",
        )
    if missing or extra:
        return
    where = _where(reader, node, field)
    if not reader.claim("check", c["id"], where):
        return
    reader.catalog.checks.append(
        model.Check(
            c["id"],
            source,
            reader.rel,
            node.line,
            field,
            c["kind"],
            {r: c[r] for r in roles},
            c.get("tolerance"),
            where.lines,
        )
    )


def read_catalog(root: Path) -> Catalog:
    """Every file of data/, read and shape-checked; cross-file references are not checked yet."""
    cat = read_catalogue(root)
    read_observations(cat, observation_paths(root))
    return cat


def read_catalogue(root: Path) -> Catalog:
    """The catalogue files (places, programs, indicators, sources), read and shape-checked."""
    cat = Catalog(root)
    readers: dict[str, Callable[[Reader, Node | None], None]] = {
        "places.yaml": read_places,
        "programs.yaml": read_programs,
        "indicators.yaml": read_indicators,
        "sources.yaml": read_sources,
    }
    for name in CATALOGUE:
        _read_file(cat, root / name, name, readers[name])
    return cat


def observation_paths(root: Path) -> list[Path]:
    """The observation files of a data folder, in the order they are read (sorted by name)."""
    obs_dir = root / "observations"
    return sorted(obs_dir.glob("*.yaml")) if obs_dir.is_dir() else []


def read_observations(cat: Catalog, paths: list[Path]) -> None:
    """Read observation files into the catalog: first those named for a source of sources.yaml,
    then the others, each group in the order given.

    A source belongs to the file named <source-id>.yaml: read first, it claims the source, so a
    stray file (a draft, a copy) declaring the same source gets one error and takes no figure.
    """
    named = [path for path in paths if path.stem in cat.sources]
    others = [path for path in paths if path.stem not in cat.sources]
    for path in named + others:
        _read_file(cat, path, f"observations/{printable(path.name)}", read_observation_file)


def printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (a GBK name) become U+FFFD, not a crash."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def inside(root: Path, path: Path, real_root: Path | None = None) -> bool:
    """True when the path, symlinks followed, stays inside the data folder (real_root: the
    folder already resolved, which a load resolves once instead of once per file)."""
    try:
        return path.resolve().is_relative_to(real_root or root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _read_file(
    cat: Catalog, path: Path, rel: str, read: Callable[[Reader, Node | None], None]
) -> None:
    if not inside(cat.root, path, cat.real_root):
        # never read it: an error message quoting /etc/passwd would leak what the link points at
        message = f"expected a file inside the data folder, got {rel} leading out of it"
        hint = "replace the link with the file itself; data files stay inside the data folder"
        node, issues = None, [make_issue("file-unreadable", rel, None, "", message, hint)]
    else:
        node, issues = read_yaml(path, rel)
    cat.issues.extend(issues)
    if node is not None:
        read(Reader(rel, cat), node)
        return
    cat.failed.add(rel)
    if rel.startswith("observations/"):
        # the source is known by the file's name; its numbers are not reported as uncovered
        cat.failed_sources.add(path.stem)
        cat.obs_files.setdefault(path.stem, rel)
