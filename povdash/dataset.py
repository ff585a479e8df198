"""The whole data folder as one value: catalogue records, tidy tables and every issue found."""

from __future__ import annotations

import gc
import hashlib
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from povdash import model
from povdash.issues import Issue, sort_key
from povdash.load import (
    Catalog,
    catalogue_copy,
    observation_paths,
    read_catalogue,
    read_observations,
)
from povdash.shards import (
    assign_sources,
    merge,
    plan,
    run_shards,
    spawn,
    stop,
    workers,
)
from povdash.table import (
    EXCLUSION_COLUMNS,
    checks_frame,
    combined,
    denominators_frame,
    exclusions_frame,
    frame,
    observations_frame,
)
from povdash.validate import (
    Validation,
    check_catalogue,
    check_denominators,
    check_files,
    quote_texts,
    run_checks,
    validate,
)

Tables = tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]


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

    @property
    def ok(self) -> bool:
        """True when no issue is an error."""
        return not any(i.severity == "error" for i in self.issues)


def fingerprint(root: Path) -> str:
    """A cheap key that changes when any file under root changes (path, size, mtime_ns)."""
    digest = hashlib.sha256()
    _fingerprint_dir(os.fsencode(Path(root)), b"", digest)
    return digest.hexdigest()[:16]


def _fingerprint_dir(top: bytes, rel: bytes, digest: hashlib._Hash) -> None:
    """Feed one folder's files (sorted), then its subfolders (sorted, recursively) into digest.

    os.scandir on bytes paths, not os.walk and Path: the dashboard pays this walk on every
    rerun (0.1 s at 1,000 places with Path objects). Bytes also keep a file name that is not
    UTF-8 from making the key raise. The key is the one os.walk gave.
    """
    try:
        with os.scandir(top) as entries:
            listed = sorted(entries, key=lambda e: e.name)
    except OSError:
        return
    folders = []
    for entry in listed:
        try:
            if entry.is_dir():  # as os.walk: a link to a folder is listed, never entered
                if not entry.is_symlink():
                    folders.append(entry)
                continue
            stat = entry.stat()
        except OSError:
            continue
        digest.update(b"%s%s\0%d\0%d\n" % (rel, entry.name, stat.st_size, stat.st_mtime_ns))
    for entry in folders:
        _fingerprint_dir(entry.path, rel + entry.name + b"/", digest)


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
    stamp = fingerprint(root)
    paths = observation_paths(root)
    shards = plan(paths, workers())
    procs = spawn(len(shards) - 1)  # they start up while the catalogue is read
    try:
        cat = read_catalogue(root)
    except BaseException:
        stop(procs)
        raise
    loaded = _sharded(cat, shards, procs) if procs else None
    if loaded is None:  # one shard, or shards that were not self-contained: the serial load
        read_observations(cat, paths)
        result = validate(cat)
        tables = (
            observations_frame(cat, result),
            denominators_frame(result),
            exclusions_frame(result),
            checks_frame(result),
        )
    else:
        tables = loaded
    counts = {sid: cat.entries.get(sid, (0, 0)) for sid in cat.sources}
    return Dataset(
        root=root,
        places=cat.places,
        groups=cat.groups,
        programs=cat.programs,
        framework=list(cat.framework.values()),
        indicators=cat.indicators,
        sources=cat.sources,
        table=tables[0],
        denominators=tables[1],
        exclusions=tables[2],
        checks=tables[3],
        issues=sorted(cat.issues, key=sort_key),
        fingerprint=stamp,
        counts=counts,
    )


def _sharded(
    cat: Catalog, shards: list[list[Path]], procs: list[subprocess.Popen[bytes]]
) -> Tables | None:
    """The tables of a load in parallel shards (povdash.shards), or None, with cat untouched,
    when it must run serially."""
    # the catalogue's own checks run while the workers finish, on a copy, so that a load that
    # falls back to the serial one does not report them twice
    scratch = catalogue_copy(cat)
    result = Validation()

    def meanwhile() -> None:
        check_catalogue(scratch)
        cited = {d.source for p in cat.places.values() for d in p.denominators}
        texts = quote_texts(scratch, cited & set(cat.sources))
        result.denominators = check_denominators(scratch, texts)

    results = run_shards(cat, shards, assign_sources(cat, shards), procs, meanwhile)
    if results is None:
        return None
    if any(scratch.unresolved & r.invalid for r in results):
        return None  # a catalogue reference to an entry a shard left out: not an error
    merged = merge(cat, results)
    if merged is None:
        return None
    cat.issues.extend(scratch.issues)
    cat.unresolved |= scratch.unresolved
    check_files(cat)
    result.check_rows = run_checks(cat, merged.checks, merged.figures, result.denominators)
    return (
        combined(merged.tables),
        denominators_frame(result),
        frame(merged.exclusions, EXCLUSION_COLUMNS),
        checks_frame(result),
    )
