"""The whole data folder as one value: catalogue records, tidy tables and every issue found."""

from __future__ import annotations

import gc
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from povdash import model
from povdash.issues import Issue, sort_key
from povdash.load import observation_paths, read_catalogue, read_observations
from povdash.table import (
    checks_frame,
    denominators_frame,
    exclusions_frame,
    observations_frame,
)
from povdash.validate import validate


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
    cat = read_catalogue(root)
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
        fingerprint=stamp,
        counts=counts,
    )
