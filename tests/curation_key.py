"""Scores a draft against a curator's key (tests/fixtures/curation/*.key.yaml): the share of
indicator, place and period suggestions a careful curator would keep."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from povdash.curation.draft import Draft, Drafted

CURATION = Path(__file__).resolve().parent / "fixtures" / "curation"
FIELDS = ("indicator", "place", "period")


@dataclass
class Score:
    """Right and total per field, and the figures that were wrong, for the closing note."""

    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: int = 0
    exclusions_right: int = 0
    exclusions_total: int = 0
    wrong: list[str] = field(default_factory=list)

    def share(self, name: str) -> float:
        """The share of right suggestions for one field."""
        return self.right[name] / self.total if self.total else 0.0


def load_key(name: str) -> dict[str, Any]:
    """A key file by its report's name."""
    return yaml.safe_load((CURATION / f"{name}.key.yaml").read_text(encoding="utf-8"))


def _find(text: str, entry: dict[str, Any], drafted: list[Drafted]) -> Drafted | None:
    near = entry["near"]
    at = text.index(near)
    assert text.count(near) == 1, f"key stretch {near!r} is not unique"
    end = at + len(near)
    for d in drafted:
        if at <= d.start < end and ("text" not in entry or text[d.start : d.end] == entry["text"]):
            return d
    return None


def score(text: str, draft: Draft, key: dict[str, Any]) -> Score:
    """How many of the key's figures the draft suggests as the curator files them."""
    result = Score()
    new_ids = {str(stub["id"]) for stub in draft.new_indicators}
    entries = sorted([*draft.observations, *draft.exclusions], key=lambda d: d.start)
    for entry in key["figures"]:
        found = _find(text, entry, entries)
        if "exclude" in entry:
            result.exclusions_total += 1
            if found is not None and found.record.get("kind") == entry["exclude"]:
                result.exclusions_right += 1
            continue
        result.total += 1
        if found is None or "indicator" not in found.record:
            result.wrong.append(f"{entry['near']}: drafted as {found and found.record}")
            continue
        got = found.record
        indicator_ok = (
            got["indicator"] in new_ids
            if entry["indicator"] == "new"
            else got["indicator"] == entry["indicator"]
        )
        checks = {
            "indicator": indicator_ok,
            "place": got["place"] == entry["place"],
            "period": got["period"] == entry["period"],
        }
        for name, ok in checks.items():
            result.right[name] += ok
            if not ok:
                result.wrong.append(f"{entry['near']}: {name} {got[name]!r}, key {entry[name]!r}")
    return result
