"""povdash.curation.entryedit: one entry of an observations file changed, removed or added, and
every other byte of the file left as it was; unusual layouts edited as one round-trip tree."""

from __future__ import annotations

import difflib
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from povdash.curation.entryedit import (
    Entries,
    WholeFile,
    open_entries,
    render,
    same_tail,
    scalar,
    verify,
)

ROOT = Path(__file__).resolve().parent.parent
LIUHE = ROOT / "data" / "observations" / "liuhe-2020-04-21.yaml"


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def test_every_stored_file_reads_back_byte_for_byte() -> None:
    files = sorted((ROOT / "data" / "observations").glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        doc = open_entries(text, path.stem)
        assert isinstance(doc, Entries), path.name
        assert doc.text() == text


def test_a_changed_entry_changes_only_its_own_lines() -> None:
    text = LIUHE.read_text(encoding="utf-8")
    doc = Entries.parse(text)
    entry = doc.entry("observations", 1)
    assert entry["id"] == "lh-townships"
    entry["notes"] = "checked"
    entry["period"] = "2020"
    doc.set("observations", 1, entry)
    removed, added = changes(text, doc.text())
    assert len(removed) == len(added) == 2
    assert '    period: "2020"' in added or "    period: '2020'" in added
    assert "    notes: checked" in added
    verify(doc.text(), {"observations": len(doc.items("observations"))})


def test_a_removed_entry_leaves_the_comments_around_it() -> None:
    text = LIUHE.read_text(encoding="utf-8")
    doc = Entries.parse(text)
    doc.delete("observations", 0)
    after = doc.text()
    removed, added = changes(text, after)
    assert added == [] and removed[0] == "  - id: lh-task-groups" and len(removed) == 8
    assert "  # --- 建机制 强包保" in after
    data = yaml.safe_load(after)
    assert len(data["observations"]) == len(yaml.safe_load(text)["observations"]) - 1


def test_entries_are_added_after_the_last_of_their_list() -> None:
    text = LIUHE.read_text(encoding="utf-8")
    doc = Entries.parse(text)
    flow = doc.entry("exclusions", 0)
    flow["text"], flow["quote"], flow["kind"], flow["reason"] = "7", "7名", "code", "test"
    doc.append("exclusions", flow)
    new = doc.entry("observations", 0)
    new["id"] = "lh-new"
    doc.append("observations", new)
    after = doc.text()
    removed, added = changes(text, after)
    assert removed == []
    assert added[0] == "  - id: lh-new" and added[-1].startswith('  - {text: "7", quote:')
    data = yaml.safe_load(after)
    assert data["observations"][-1]["id"] == "lh-new"
    assert data["exclusions"][-1]["reason"] == "test"


@pytest.mark.parametrize(
    "text",
    [
        "source: s\nobservations: []\nexclusions: []\n",
        "source: s\nobservations:\n-\n  id: a\n  quote: q\nexclusions:\n- {text: '1', quote: q1}\n",
        "source: s\n",
    ],
)
def test_other_layouts_are_edited_as_one_tree(text: str) -> None:
    doc = open_entries(text, "s")
    assert isinstance(doc, WholeFile)
    doc.append(
        "exclusions", Entries.parse(LIUHE.read_text(encoding="utf-8")).entry("exclusions", 0)
    )
    data = yaml.safe_load(doc.text())
    assert data["source"] == "s" and data["exclusions"][-1]["kind"] == "date"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
@example("¡?")
def test_any_text_renders_as_a_scalar_that_reads_back(text: str) -> None:
    assert yaml.safe_load(f"k: {scalar(text)}\n") == {"k": text}
    assert yaml.safe_load(f"- {{k: {scalar(text, flow=True)}}}\n") == [{"k": text}]


def test_a_rendered_entry_reads_back_as_built() -> None:
    entry = CommentedMap([("id", "x-001"), ("value", Decimal("2.09")), ("period", "2021")])
    entry["quote"] = "全市发放小额信贷2.09亿元: 其中 #1"
    entry["scope"] = CommentedMap([("zh", "脱贫户"), ("en", "post-exit, households")])
    entry["scope"].fa.set_flow_style()
    entry["confirm"] = CommentedSeq(["indicator", "period"])
    entry["confirm"].fa.set_flow_style()
    entry.yaml_add_eol_comment("0.62 the clause", "value")
    lines = render(entry, 2)
    assert lines[0] == "  - id: x-001\n" and lines[1] == "    value: 2.09  # 0.62 the clause\n"
    text = "items:\n" + "".join(lines)
    same_tail(text, "items", [entry])
    assert yaml.safe_load(text)["items"][0]["scope"]["en"] == "post-exit, households"
