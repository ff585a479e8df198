"""The whole data folder as one value: catalogue records, tidy tables and every issue found."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from povdash import model
from povdash.issues import Issue, sort_key
from povdash.load import read_catalog
from povdash.table import checks_frame, denominators_frame, exclusions_frame, observations_frame
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
    root = Path(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath, name)
            try:
                stat = path.stat()
            except OSError:
                continue
            rel = path.relative_to(root).as_posix()
            # surrogateescape: a file name that is not UTF-8 must not make the key raise
            digest.update(
                f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode(errors="surrogateescape")
            )
    return digest.hexdigest()[:16]


def load_dataset(root: Path) -> Dataset:
    """Load, validate and tabulate a data folder; problems go to .issues, never raised."""
    root = Path(root)
    stamp = fingerprint(root)
    cat = read_catalog(root)
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
