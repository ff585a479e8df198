"""Writing a draft into a data folder: round-trip YAML that keeps every hand edit, comment and
order, atomic replaces under a lock, and only what is new added on a second run."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from povdash.curation.draft import Draft, Drafted

LOCK_NAME = ".povdash-write.lock"  # at the data folder's root, outside the layout that is read


class DraftError(Exception):
    """A draft that cannot be written as asked: says which file and why."""


@dataclass
class Written:
    """What a write added, per file, for the user to read."""

    added: dict[str, list[str]] = field(default_factory=dict)
    kept: int = 0  # entries already in the file (hand-edited or drafted before), left as they are

    def add(self, rel: str, what: str) -> None:
        """Note one entry added to a file."""
        self.added.setdefault(rel, []).append(what)


def rt_yaml() -> YAML:
    """The round-trip YAML every write uses: quotes, comments and order kept, unicode as is."""
    yaml = YAML(typ="rt")
    yaml.width = 4096  # a quote is never folded over lines
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.preserve_quotes = True
    yaml.representer.add_representer(Decimal, _represent_decimal)
    return yaml


def _represent_decimal(representer: Any, value: Decimal) -> Any:
    """A number as printed (2.09, not 2.0899999), plain in the YAML."""
    text = format(value, "f")
    tag = "tag:yaml.org,2002:int" if "." not in text else "tag:yaml.org,2002:float"
    return representer.represent_scalar(tag, text)


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the data folder's write lock: two saves at once run one after the other."""
    with open(root / LOCK_NAME, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace path with data in one step: a failed write leaves the old file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def read_rt(path: Path) -> Any:
    """A YAML file as a round-trip tree (comments and order kept), or None when it is absent."""
    if not path.exists():
        return None
    return rt_yaml().load(path.read_text(encoding="utf-8"))


def read_rt_text(text: str) -> Any:
    """YAML text as a round-trip tree."""
    return rt_yaml().load(text)


def dump_rt(tree: Any) -> bytes:
    """A round-trip tree as UTF-8 YAML text."""
    out = io.StringIO()
    rt_yaml().dump(tree, out)
    return out.getvalue().encode("utf-8")


def _bilingual(zh: str, en: str) -> CommentedMap:
    m = CommentedMap([("zh", zh), ("en", en)])
    m.fa.set_flow_style()
    return m


def _entry(d: Drafted, flow: bool = False) -> CommentedMap:
    """A drafted record as YAML, each suggested field commented with how sure the draft is."""
    m = CommentedMap()
    for key, value in d.record.items():
        m[key] = value
    for key, s in d.suggestions.items():
        target = "kind" if key == "kind" else key
        if target in m and not flow:
            m.yaml_add_eol_comment(f"{s.confidence:.2f} {s.why}", target)
    confirm = d.to_confirm
    if confirm:
        seq = CommentedSeq(confirm)
        seq.fa.set_flow_style()
        m["confirm"] = seq
    if flow:
        m.fa.set_flow_style()
    return m


def _source_entry(draft: Draft, text_rel: str, sha256: str) -> CommentedMap:
    info = draft.source
    title = info.title or draft.title or info.id
    publisher = info.publisher or "未注明"
    sections = CommentedSeq()
    for s in draft.sections:
        name = s["name"]
        assert isinstance(name, dict)
        sections.append(
            CommentedMap([("id", s["id"]), ("name", _bilingual(name["zh"], name["en"]))])
        )
    places = CommentedSeq(draft.places)
    places.fa.set_flow_style()
    confirm = CommentedSeq(["title", "publisher", "sections"])
    confirm.fa.set_flow_style()
    return CommentedMap(
        [
            ("id", info.id),
            ("title", _bilingual(title, title)),
            ("publisher", _bilingual(publisher, publisher)),
            ("published", info.published),
            ("places", places),
            ("text", text_rel),
            ("sha256", sha256),
            (
                "framework",
                CommentedMap(
                    [
                        ("name", _bilingual("报告结构", "Structure of the report")),
                        ("sections", sections),
                    ]
                ),
            ),
            ("confirm", confirm),
        ]
    )


def _stub_entry(stub: dict[str, object]) -> CommentedMap:
    m = CommentedMap()
    for key, value in stub.items():
        if isinstance(value, dict):
            m[key] = _bilingual(str(value["zh"]), str(value["en"]))
        else:
            m[key] = value
    confirm = CommentedSeq(["id", "label", "program", "kind"])
    confirm.fa.set_flow_style()
    m["confirm"] = confirm
    return m


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, at = [], text.find(needle) if needle else -1
    while at >= 0:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return out


def _covered(text: str, entries: Any) -> list[tuple[int, int]]:
    """Spans of text the entries of an observations file already account for."""
    spans: list[tuple[int, int]] = []
    for key in ("observations", "exclusions"):
        for e in entries.get(key) or []:
            if not isinstance(e, dict):
                continue
            quote = e.get("quote")
            if isinstance(quote, str):
                spans.extend(_spans(text, quote.strip()))
            elif e.get("everywhere") and isinstance(e.get("text"), str):
                spans.extend(_spans(text, e["text"]))
    return spans


def _is_new(d: Drafted, covered: list[tuple[int, int]]) -> bool:
    """False when an entry already in the file covers this figure: its quote holds it (a hand
    edit may have changed any field, so the span is what identifies the figure)."""
    return not any(start <= d.start and d.end <= end for start, end in covered)


OBS_KEYS = ("observations", "exclusions")
_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_plain(path: Path) -> Any:
    """A YAML file's values (the C safe loader), or None when it is absent."""
    if not path.exists():
        return None
    return yaml.load(path.read_bytes(), Loader=_SAFE)


def _ids(path: Path, key: str) -> set[str] | None:
    """The ids of a catalogue file's entries (None when it has no `key` list)."""
    from povdash.curation import entryedit

    if not path.exists():
        return None
    return entryedit.top_ids(path.read_text(encoding="utf-8"), key)


def _appended(path: Path, additions: dict[str, list[CommentedMap]]) -> bytes:
    """The file's text with entries added at the end of its lists: spliced after the last entry
    (every other byte as it was), or the whole file round-tripped when its layout needs it."""
    from povdash.curation import entryedit  # it reads entries with this module's round-trip YAML

    text = path.read_text(encoding="utf-8")
    keys = tuple(additions)
    try:
        doc = entryedit.Entries.parse(text, keys)
        for key, items in additions.items():
            for item in items:
                doc.append_new(key, item)
        out = doc.text()
        entryedit.same_tails(out, additions)
        return out.encode("utf-8")
    except (entryedit.Layout, yaml.YAMLError, IndexError):
        pass
    tree = read_rt_text(text)
    for key, items in additions.items():
        if tree.get(key) is None:
            tree[key] = CommentedSeq()
        tree[key].extend(items)
    return dump_rt(tree)


def _new_observations(source_id: str, text_rel: str, added: dict[str, list[CommentedMap]]) -> bytes:
    """A new observations file with the drafted entries, rendered directly (checked by reading
    it back; round-tripped as a tree if it does not read back as built)."""
    from povdash.curation import entryedit

    head = (
        f"# Drafted by `povdash draft` from {text_rel}; fields listed under `confirm` wait for "
        f"a person.\nsource: {entryedit.scalar(source_id)}\n"
    )
    lines = [head]
    for key in OBS_KEYS:
        if not added[key]:
            lines.append(f"{key}: []\n")
            continue
        lines.append(f"{key}:\n")
        for item in added[key]:
            lines += entryedit.render(item, 2)
    out = "".join(lines)
    try:
        entryedit.same_tails(out, added)
        return out.encode("utf-8")
    except entryedit.Layout:
        tree = CommentedMap([("source", source_id)])
        tree.yaml_set_start_comment(head.splitlines()[0][2:])
        for key in OBS_KEYS:
            tree[key] = CommentedSeq(added[key])
        return dump_rt(tree)


def write_draft(root: Path, text: str, draft: Draft) -> Written:
    """Add the draft to the data folder: the text, the source, new indicators and every entry
    the observations file does not cover yet. Nothing already written is changed."""
    info = draft.source
    written = Written()
    data = text.encode("utf-8")
    text_rel = f"texts/{info.id}.txt"
    with locked(root):
        text_path = root / text_rel
        if text_path.exists():
            if text_path.read_bytes() != data:
                raise DraftError(
                    f"{text_rel}: expected the same text as the report given, got a different "
                    "file; hint: texts are never edited — use a new source id for a new text"
                )
        else:
            atomic_write(text_path, data)
            written.add(text_rel, "the report's text, verbatim")

        sources_path = root / "sources.yaml"
        known_sources = _ids(sources_path, "sources")
        if known_sources is None:
            raise DraftError("sources.yaml: expected a file with a `sources:` list, got none")
        if info.id not in known_sources:
            sha = hashlib.sha256(data).hexdigest()
            entry = _source_entry(draft, text_rel, sha)
            atomic_write(sources_path, _appended(sources_path, {"sources": [entry]}))
            written.add("sources.yaml", f"source {info.id}")

        indicators_path = root / "indicators.yaml"
        known = _ids(indicators_path, "indicators") or set()
        used = {d.record["indicator"] for d in draft.observations}
        stubs = []
        for stub in draft.new_indicators:
            if stub["id"] not in known and stub["id"] in used:
                stubs.append(_stub_entry(stub))
                written.add("indicators.yaml", f"new indicator {stub['id']}")
        if stubs:
            atomic_write(indicators_path, _appended(indicators_path, {"indicators": stubs}))

        obs_rel = f"observations/{info.id}.yaml"
        obs_path = root / obs_rel
        tree = _read_plain(obs_path)
        if not isinstance(tree, dict):
            tree = {}
        existing = {k: [e for e in tree.get(k) or [] if isinstance(e, dict)] for k in OBS_KEYS}
        covered = _covered(text, existing)
        taken = {e.get("id") for e in existing["observations"]}
        written.kept = sum(len(tree.get(k) or []) for k in OBS_KEYS)
        seq = len(taken)
        added: dict[str, list[CommentedMap]] = {k: [] for k in OBS_KEYS}
        for d in draft.observations:
            if not _is_new(d, covered):
                continue
            seq += 1
            ident = str(d.record["id"])
            while ident in taken:
                ident = f"{info.id}-{seq:03d}"
                seq += 1
            d.record["id"] = ident
            taken.add(ident)
            added["observations"].append(_entry(d))
            written.add(obs_rel, f"observation {ident} ({text[d.start : d.end]})")
        for d in draft.exclusions:
            if not _is_new(d, covered):
                continue
            added["exclusions"].append(_entry(d, flow=True))
            written.add(obs_rel, f"exclusion {d.record['text']} ({d.record['kind']})")
        if not obs_path.exists():
            atomic_write(obs_path, _new_observations(info.id, text_rel, added))
        elif obs_rel in written.added:
            atomic_write(obs_path, _appended(obs_path, {k: v for k, v in added.items() if v}))
    return written
