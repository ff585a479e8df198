"""How much of each source was curated: the one count behind the Sources page, `povdash check`
and the README, so that they never disagree."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from povdash.data.dataset import Dataset


@dataclass(frozen=True)
class Curation:
    """One source's observations file: entries as written, and what of them reached the tables."""

    observations: int  # observation entries as written, valid or not
    figures: int  # valid observations: the rows of the table
    exclusions: int  # exclusion entries as written, each with its reason
    excluded_numbers: int  # numbers of the text they leave out (`everywhere`: each occurrence)
    checks: int  # arithmetic cross-checks

    @property
    def invalid(self) -> int:
        """Observation entries left out of the table for their errors."""
        return self.observations - self.figures


def _per_source(frame: pd.DataFrame) -> dict[str, int]:
    """Rows of a frame per source (none for an empty frame)."""
    if frame is None or frame.empty:
        return {}
    return {str(k): int(v) for k, v in frame["source"].value_counts().items()}


def curation_counts(dataset: Dataset) -> dict[str, Curation]:
    """Source id -> its counts, in the order of sources.yaml."""
    figures = _per_source(dataset.table)
    exclusions = dataset.exclusions
    if exclusions is not None and not exclusions.empty:
        exclusions = exclusions.loc[exclusions["start"].notna()]  # an unlocated one leaves none
    numbers = _per_source(exclusions)
    checks = _per_source(dataset.checks)
    result = {}
    for sid in dataset.sources:
        written, excluded = dataset.counts.get(sid, (0, 0))
        result[sid] = Curation(
            observations=written,
            figures=figures.get(sid, 0),
            exclusions=excluded,
            excluded_numbers=numbers.get(sid, 0),
            checks=checks.get(sid, 0),
        )
    return result


def total(counts: dict[str, Curation]) -> Curation:
    """The counts of all sources added up."""
    sums = {f.name: sum(getattr(c, f.name) for c in counts.values()) for f in fields(Curation)}
    return Curation(**sums)
