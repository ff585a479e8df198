"""The whole data folder as one value: catalogue records, tidy tables and every issue found."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from povdash.data import model
from povdash.data.issues import Issue, sort_key
from povdash.data.load import (
    CATALOGUE,
    Catalog,
    observation_paths,
    read_catalogue,
    read_observations,
)
from povdash.data.table import (
    checks_frame,
    denominators_frame,
    exclusions_frame,
    observations_frame,
)
from povdash.data.validate import Validation, text_path, validate


@dataclass
class Dataset:
    """Everything loaded from one data folder; bad rows are left out of the tables, never raised."""

    root: Path
    places: dict[str, model.Place]
    groups: dict[str, model.ProgramGroup]
    programs: dict[str, model.Program]
    framework: list[model.FrameworkCell]
    indicators: dict[str, model.Indicator]
    sources: dict[str, model.Source]
    table: pd.DataFrame
    denominators: pd.DataFrame
    exclusions: pd.DataFrame
    checks: pd.DataFrame
    issues: list[Issue]
    fingerprint: str
    counts: dict[str, tuple[int, int]] = field(
        default_factory=dict
    )  # source -> entries (obs, exclusions)
    # texts read outside texts/ itself, which fingerprint(root) alone does not look at
    extra_files: tuple[str, ...] = ()
    # what a reload after an edit needs to check one source alone (see reload_dataset)
    stamps: dict[str, tuple[int, int] | None] = field(default_factory=dict, repr=False)
    order: tuple[str, ...] = ()  # sources in the order their observation files were read
    ids: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)  # ids each file claims
    links: dict[str, frozenset[str]] = field(
        default_factory=dict, repr=False
    )  # its checks' operands

    @property
    def ok(self) -> bool:
        """True when no issue is an error."""
        return not any(i.severity == "error" for i in self.issues)

    def place_names(self) -> list[tuple[str, str, str]]:
        """(id, name_zh, name_en) of every place in dataset order: the fixed colour domain."""
        return [(p.id, p.name_zh, p.name_en) for p in self.places.values()]


LAYOUT_FOLDERS = ("observations", "texts")  # listed, never entered: the load reads nothing below


def fingerprint(root: Path, extra: Iterable[str] = ()) -> str:
    """A cheap key that changes when a file the load reads changes (name, size, mtime_ns): the
    catalogue files, the entries of observations/ and texts/, and `extra` (paths inside root:
    texts that sources.yaml keeps elsewhere, see Dataset.extra_files).

    Only this layout is looked at, never the folders below it or anything else in root: a stray
    tree (1,100 nested folders, or / as the data folder) costs nothing. os.scandir on bytes
    paths, not Path: the dashboard pays this on every rerun, and a file name that is not UTF-8
    must not make the key raise.
    """
    digest = _layout_digest(root)
    _add_files(digest, root, extra)
    return digest.hexdigest()[:16]


def _layout_digest(root: Path) -> hashlib._Hash:
    top = os.fsencode(Path(root))
    digest = hashlib.sha256()
    _add_files(digest, root, CATALOGUE)
    for folder in LAYOUT_FOLDERS:
        name = folder.encode()
        try:
            with os.scandir(top + b"/" + name) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError:
            digest.update(b"%s/ unlisted\n" % name)  # gone or unreadable: a change when it returns
            continue
        for entry in listed:
            _stamp(digest, name + b"/" + entry.name, entry.path)
    return digest


def _add_files(digest: hashlib._Hash, root: Path, names: Iterable[str]) -> None:
    top = os.fsencode(Path(root))
    for name in names:
        rel = os.fsencode(name)
        _stamp(digest, rel, top + b"/" + rel)


def _stamp(digest: hashlib._Hash, rel: bytes, path: bytes) -> None:
    """Feed one entry: its name, and size and mtime when it is a file (a folder's own mtime
    changes with what lies below it, which the load never reads)."""
    try:
        info = os.stat(path)
    except OSError:
        digest.update(b"%s\0-\n" % rel)
        return
    if stat.S_ISDIR(info.st_mode):
        digest.update(b"%s/\n" % rel)
    else:
        digest.update(b"%s\0%d\0%d\n" % (rel, info.st_size, info.st_mtime_ns))


def load_dataset(root: Path) -> Dataset:
    """Load, validate and tabulate a data folder; problems go to .issues, never raised."""
    # A load allocates millions of small objects that all live to the end; the cyclic garbage
    # collector's passes over them were 12-15% of a load and find nothing to free.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_dataset(Path(root))
    finally:
        if enabled:
            gc.enable()


def _load_dataset(root: Path) -> Dataset:
    digest = _layout_digest(root)  # before reading: an edit made during the load shows later
    before = stamps(root)
    cat = read_catalogue(root)
    extra = extra_files(cat)
    _add_files(digest, root, extra)
    before.update(stamps(root, extra, layout=False))
    read_observations(cat, observation_paths(root))
    result = validate(cat)
    counts = {sid: cat.entries.get(sid, (0, 0)) for sid in cat.sources}
    return Dataset(
        root=root,
        places=cat.places,
        groups=cat.groups,
        programs=cat.programs,
        framework=list(cat.framework.values()),
        indicators=cat.indicators,
        sources=cat.sources,
        table=observations_frame(cat, result),
        denominators=denominators_frame(result),
        exclusions=exclusions_frame(result),
        checks=checks_frame(result),
        issues=sorted(cat.issues, key=sort_key),
        fingerprint=digest.hexdigest()[:16],
        counts=counts,
        extra_files=extra,
        stamps=before,
        order=tuple(cat.obs_files),
        ids=_claimed(cat),
        links=_links(cat),
    )


def stamps(
    root: Path, extra: Iterable[str] = (), layout: bool = True
) -> dict[str, tuple[int, int] | None]:
    """(size, mtime_ns) of each file the load reads, by path relative to root (None: absent or
    a folder): the catalogue, the entries of observations/ and texts/, and `extra`."""
    top = os.fsencode(Path(root))
    names: list[str] = [*CATALOGUE] if layout else []
    if layout:
        for folder in LAYOUT_FOLDERS:
            try:
                with os.scandir(top + b"/" + folder.encode()) as entries:
                    names += [f"{folder}/{os.fsdecode(e.name)}" for e in entries]
            except OSError:
                names.append(f"{folder}/")
    names += list(extra)
    out: dict[str, tuple[int, int] | None] = {}
    for name in names:
        try:
            info = os.stat(top + b"/" + os.fsencode(name))
        except OSError:
            out[name] = None
            continue
        out[name] = None if stat.S_ISDIR(info.st_mode) else (info.st_size, info.st_mtime_ns)
    return out


def _claimed(cat: Catalog) -> dict[str, frozenset[str]]:
    """Source -> the observation and check ids its file claims (valid or not)."""
    by_file: dict[str, set[str]] = {}
    for (kind, ident), where in cat.where.items():
        if kind in ("observation", "check"):
            by_file.setdefault(where.path, set()).add(ident)
    return {sid: frozenset(by_file.get(rel, ())) for sid, rel in cat.obs_files.items()}


def _links(cat: Catalog) -> dict[str, frozenset[str]]:
    """Source -> every operand its cross-checks name."""
    out: dict[str, set[str]] = {}
    for check in cat.checks:
        names = out.setdefault(check.source, set())
        for operand in check.operands.values():
            names.update(operand if isinstance(operand, tuple) else (operand,))
    return {sid: frozenset(names) for sid, names in out.items()}


def reload_dataset(root: Path, prev: Dataset | None) -> Dataset:
    """The data folder loaded again after an edit: when only one source's observations file
    changed since `prev` (a save on the Curate page, an edit in an editor), that source is
    checked alone and spliced into prev's tables; anything else is a full load_dataset.

    Equal to load_dataset(root) in every table and issue (tests/test_reload.py); the cases the
    splice cannot judge alone (ids or cross-checks shared with other files) load in full.
    """
    root = Path(root)
    if prev is None or Path(prev.root) != root or not prev.stamps:
        return load_dataset(root)
    digest = _layout_digest(root)
    now = stamps(root)
    now.update(stamps(root, prev.extra_files, layout=False))
    changed = [
        rel for rel in now.keys() | prev.stamps.keys() if now.get(rel) != prev.stamps.get(rel)
    ]
    if not changed:
        return prev
    if len(changed) != 1 or not changed[0].startswith("observations/"):
        return load_dataset(root)
    rel = changed[0]
    sid = PurePosixPath(rel).stem
    source = prev.sources.get(sid)
    if (
        source is None
        or rel != observation_rel(sid)
        or now.get(rel) is None
        or prev.stamps.get(rel) is None
        or any(s.text_path == source.text_path for s in prev.sources.values() if s.id != sid)
        or any(i.code == "duplicate-id" for i in prev.issues)
    ):
        return load_dataset(root)
    others = frozenset().union(*(ids for s, ids in prev.ids.items() if s != sid))
    used = frozenset().union(*(names for s, names in prev.links.items() if s != sid))
    if used & prev.ids.get(sid, frozenset()):
        return load_dataset(root)  # another source's cross-check reads this file's figures
    enabled = gc.isenabled()
    gc.disable()
    try:
        check = load_source(root, sid)
    finally:
        if enabled:
            gc.enable()
    cat = check.catalog
    mine = _claimed(cat).get(sid, frozenset())
    own_links = _links(cat).get(sid, frozenset())
    outside = {n for n in own_links if n not in mine and not n.startswith("denominator:")}
    if mine & (others | used) or outside:
        return load_dataset(root)
    _add_files(digest, root, prev.extra_files)
    files = {rel, source.text_path}
    issues = [i for i in prev.issues if i.path not in files]
    issues += [i for i in cat.issues if i.path in files]
    rank = {s: n for n, s in enumerate(prev.order)}
    return dataclasses.replace(
        prev,
        table=_spliced(prev.table, observations_frame(cat, check.validation), sid, rank),
        exclusions=_spliced(prev.exclusions, exclusions_frame(check.validation), sid, rank),
        checks=_spliced(prev.checks, checks_frame(check.validation), sid, rank),
        issues=sorted(issues, key=sort_key),
        fingerprint=digest.hexdigest()[:16],
        counts={**prev.counts, sid: cat.entries.get(sid, (0, 0))},
        stamps=now,
        ids={**prev.ids, sid: mine},
        links={**{s: n for s, n in prev.links.items() if s != sid}, **_links(cat)},
    )


def _spliced(
    old: pd.DataFrame, fresh: pd.DataFrame, source: str, rank: dict[str, int]
) -> pd.DataFrame:
    """old with the source's rows replaced by fresh, rows in the order a full load gives (by
    the reading order of each source's file, then as in the file)."""
    kept = old.loc[old["source"] != source] if not old.empty else old
    parts = [f for f in (kept, fresh) if not f.empty]
    if not parts:
        return old.iloc[:0]
    merged = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    keys = merged["source"].map(lambda s: rank.get(s, len(rank))).to_numpy()
    order = np.argsort(keys, kind="stable")
    merged = merged.iloc[order].reset_index(drop=True)
    for column in merged.columns:
        if merged[column].dtype == object:  # a part without any text there: infer as frame() does
            merged[column] = pd.Series(merged[column].tolist(), index=merged.index)
    return merged


def extra_files(cat: Catalog) -> tuple[str, ...]:
    """The source texts a load reads outside the layout's listings (not directly in texts/)."""
    found = set()
    for source in cat.sources.values():
        parts = PurePosixPath(source.text_path.replace("\\", "/")).parts
        listed = len(parts) == 2 and parts[0] == "texts"
        if not listed and text_path(cat.root, source.text_path, cat.real_root) is not None:
            found.add(PurePosixPath(*parts).as_posix())  # the file text_path reads
    return tuple(sorted(found))


@dataclass
class SourceCheck:
    """One source checked alone: its observations file read against the catalogue and its text
    (what `povdash check` says of it, without reading the other sources' files)."""

    source: str
    catalog: Catalog
    validation: Validation
    issues: list[Issue]  # the source's own: its file, its text and its sources.yaml entry

    @property
    def rel(self) -> str:
        """The observations file, relative to the data folder."""
        return observation_rel(self.source)


def observation_rel(source_id: str) -> str:
    """Where a source's observations are kept, relative to the data folder."""
    return f"observations/{source_id}.yaml"


def load_source(root: Path, source_id: str) -> SourceCheck:
    """Check one source alone: the catalogue, observations/<id>.yaml and the source's text."""
    root = Path(root)
    enabled = gc.isenabled()
    gc.disable()  # as load_dataset: the records all live to the end
    try:
        cat = read_catalogue(root)
        path = root / observation_rel(source_id)
        read_observations(cat, [path] if path.exists() else [])
        result = validate(cat, only=[source_id])
    finally:
        if enabled:
            gc.enable()
    return SourceCheck(source_id, cat, result, own_issues(cat, source_id))


def own_issues(cat: Catalog, source_id: str) -> list[Issue]:
    """The issues of one source: of its observations file and text, and of its sources.yaml
    entry (sha256, text path), in file and line order."""
    files = {observation_rel(source_id)}
    source = cat.sources.get(source_id)
    entry = None
    if source is not None:
        files.add(source.text_path)
        where = cat.where.get(("source", source_id))
        entry = (where.path, where.field) if where is not None else None
    mine = [
        i
        for i in cat.issues
        if i.path in files
        or (
            entry is not None
            and i.path == entry[0]
            and (i.field == entry[1] or i.field.startswith(entry[1] + "."))
        )
    ]
    return sorted(mine, key=sort_key)


def source_stamp(root: Path, source_id: str, text_rel: str = "") -> str:
    """A cheap key that changes when what one source's check reads changes: the catalogue,
    its observations file and its text (name, size, mtime_ns of each)."""
    digest = hashlib.sha256(source_id.encode())
    names = [*CATALOGUE, observation_rel(source_id), *([text_rel] if text_rel else [])]
    _add_files(digest, Path(root), names)
    return digest.hexdigest()[:16]


def catalogue_stamp(root: Path) -> str:
    """A cheap key of the catalogue files alone (what a draft's suggestions read)."""
    digest = hashlib.sha256()
    _add_files(digest, Path(root), CATALOGUE)
    return digest.hexdigest()[:16]
