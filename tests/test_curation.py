"""One count of what each source holds: the Sources page, `povdash check` and the README agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from povdash.cli.check import summary
from povdash.data.curation import Curation, curation_counts, total
from povdash.data.dataset import load_dataset

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
UNKNOWN_UNIT = ROOT / "tests" / "fixtures" / "data_invalid" / "unknown_unit"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_counts_of_the_curated_data() -> None:
    dataset = load_dataset(DATA)
    counts = curation_counts(dataset)
    assert list(counts) == list(dataset.sources) and len(counts) == 2
    for sid, c in counts.items():
        assert c.figures == int((dataset.table["source"] == sid).sum()) > 0
        spans = dataset.exclusions.loc[dataset.exclusions["source"] == sid]
        assert c.excluded_numbers == len(spans) >= c.exclusions > 0
        assert c.invalid == 0
    # `everywhere` exclusions make Baicheng's numbers outnumber its entries
    assert counts["baicheng-2022-02"].excluded_numbers > counts["baicheng-2022-02"].exclusions


def test_an_invalid_observation_is_not_counted_as_a_figure() -> None:
    dataset = load_dataset(UNKNOWN_UNIT)
    c = curation_counts(dataset)["demo-county-2022-01"]
    in_table = int((dataset.table["source"] == "demo-county-2022-01").sum())
    assert (c.observations, c.figures, c.invalid) == (7, in_table, 1) == (7, 6, 1)
    # the summary counts the table's rows, and says how many more were left out
    assert "demo-county-2022-01 6 observations (1 more left out for errors)" in summary(dataset)


def _numbers(text: str) -> list[int]:
    return sorted(int(n) for n in re.findall(r"\d+", text))


def _summary_numbers(dataset_summary: str, sid: str) -> list[int]:
    """The integers the check summary gives for one source."""
    part = next(p for p in dataset_summary.split("; ") if sid in p)
    return _numbers(part.split(sid, 1)[1])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("folder", [DATA, UNKNOWN_UNIT], ids=["data", "unknown_unit"])
def test_sources_page_shows_the_numbers_check_prints(
    folder: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POVDASH_DATA", str(folder))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/sources.py").run()
    assert not at.exception
    dataset = load_dataset(folder)
    printed = summary(dataset)
    shown = [m.value for m in at.markdown if re.search(r"\d", m.value)]
    counted = [s for s in shown if s.startswith(("已整理", "Figures curated"))]
    assert len(counted) == len(dataset.sources) == 2
    for sid, block in zip(dataset.sources, counted, strict=True):
        assert _numbers(block) == _summary_numbers(printed, sid), (sid, block, printed)


def test_readme_gives_the_counts_of_data() -> None:
    c: Curation = total(curation_counts(load_dataset(DATA)))
    match = re.search(
        r"(\d+) figures, (\d+) numbers excluded \((\d+)\s+exclusions, each with a reason\), "
        r"(\d+) arithmetic cross-checks",
        README,
    )
    assert match, "README's introduction no longer states the counts"
    stated = tuple(int(g) for g in match.groups())
    assert stated == (c.figures, c.excluded_numbers, c.exclusions, c.checks)
