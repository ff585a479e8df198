"""povdash.views.curate: the numbers of a source with their status from the check, and saving one
entry: accept, change, confirm, exclude; atomic, under the lock, inside the data folder."""

from __future__ import annotations

import difflib
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from povdash.curation.draft import SourceInfo
from povdash.curation.draftfile import read_rt
from povdash.data.dataset import load_dataset, load_source, own_issues
from povdash.data.load import read_catalog
from povdash.views import curate
from tests.curation_key import CURATION, load_key

ROOT = Path(__file__).resolve().parent.parent
QINGXI = "qingxi-2023-01"


def data_with_places(tmp_path: Path) -> Path:
    """A copy of data/ with the team-written reports' fictional places appended."""
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    extra = (CURATION / "places.yaml").read_text(encoding="utf-8").split("places:\n", 1)[1]
    with open(root / "places.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n" + extra)
    return root


def drafted(tmp_path: Path, name: str = QINGXI) -> Path:
    """A data folder with one team-written report drafted into it (as the Curate page does)."""
    root = data_with_places(tmp_path)
    info = load_key(name)["source"]
    text = (CURATION / f"{name}.txt").read_text(encoding="utf-8")
    check = load_source(root, "liuhe-2020-04-21")
    source = SourceInfo(info["id"], info["published"], info["place"])
    written = curate.draft_new(root, text, source, curate.catalogue_of(check))
    assert f"observations/{info['id']}.yaml" in written.added
    return root


def view_of(root: Path, source: str = QINGXI) -> curate.SourceText:
    view = curate.source_text(load_source(root, source))
    assert view is not None
    return view


def save_as_suggested(root: Path, view: curate.SourceText, number: curate.Number) -> curate.Saved:
    """Save a number with its form as prefilled (what clicking Save without changes does)."""
    check = load_source(root, view.source.id)
    cat = curate.catalogue_of(check)
    suggested = curate.suggestions(view.text, view.source, cat).get(number.start)
    form = curate.form_for(view, number, suggested, cat)
    return curate.save(root, view.source.id, number, form, cat, view.check_ids)


def test_every_number_of_the_curated_data_has_the_status_the_check_gives() -> None:
    data = ROOT / "data"
    full = load_dataset(data)
    for source in full.sources:
        check = load_source(data, source)
        # checked alone, a source has exactly the issues the whole check finds for it
        whole = read_catalog(data)
        from povdash.data.validate import validate

        validate(whole)
        assert check.issues == own_issues(whole, source)
        view = curate.source_text(check)
        assert view is not None
        counts = view.counts()
        rows = full.table.loc[full.table["source"] == source]
        assert counts["curated"] == len(rows) > 0
        assert counts["uncovered"] == counts["problem"] == counts["to_confirm"] == 0
        for n in view.numbers:
            assert view.text[n.start : n.end] == n.text != ""
        spans = [(n.start, n.end) for n in view.numbers]
        assert spans == sorted(spans) and len(set(spans)) == len(spans)


def test_a_draft_shows_numbers_to_confirm_and_an_uncovered_one_once_its_entry_is_gone(
    tmp_path: Path,
) -> None:
    root = drafted(tmp_path)
    view = view_of(root)
    counts = view.counts()
    assert counts["to_confirm"] > 0 and counts["curated"] > 0 and counts["excluded"] > 0
    assert counts["uncovered"] == counts["problem"] == 0
    first = next(n for n in view.numbers if n.status == "curated" and n.quantity is not None)
    path = root / "observations" / f"{QINGXI}.yaml"
    tree = read_rt(path)
    del tree["observations"][first.entry.index]
    from povdash.curation.draftfile import atomic_write, dump_rt

    atomic_write(path, dump_rt(tree))
    again = view_of(root).at(first.start)
    assert again is not None and again.status == "uncovered" and again.entry is None
    assert again.issues[0].code == "uncovered-quantity"


def test_saving_a_suggestion_confirms_it_and_keeps_every_other_line(tmp_path: Path) -> None:
    root = drafted(tmp_path)
    view = view_of(root)
    number = next(n for n in view.numbers if n.status == "to_confirm" and n.entry.key[0] == "o")
    path = root / "observations" / f"{QINGXI}.yaml"
    before = path.read_text(encoding="utf-8")
    warnings = sum(i.code == "to-confirm" for i in view.issues)
    saved = save_as_suggested(root, view, number)
    after = path.read_text(encoding="utf-8")
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    removed = [line for line in diff if line.startswith("- ")]
    assert not [line for line in diff if line.startswith("+ ")]
    assert len(removed) == 1 and removed[0][2:].strip().startswith("confirm:")
    assert "# 0." in after  # the draft's comments stay
    assert saved.view.at(number.start).status == "curated"
    assert sum(i.code == "to-confirm" for i in saved.check.issues) == warnings - 1


def test_changing_fields_writes_them_and_only_them(tmp_path: Path) -> None:
    root = drafted(tmp_path)
    view = view_of(root)
    number = next(n for n in view.numbers if n.status == "to_confirm" and n.entry.key[0] == "o")
    check = load_source(root, QINGXI)
    cat = curate.catalogue_of(check)
    form = curate.form_for(view, number, None, cat)
    changed = curate.replace_form(
        form, period="2022", scope_zh="脱贫户", scope_en="", notes="checked against the table"
    )
    saved = curate.save(root, QINGXI, number, changed, cat)
    entry = read_rt(root / "observations" / f"{QINGXI}.yaml")["observations"][number.entry.index]
    assert entry["period"] == "2022" and dict(entry["scope"]) == {"zh": "脱贫户", "en": "脱贫户"}
    assert entry["notes"] == "checked against the table" and "confirm" not in entry
    assert entry["id"] == number.entry.ident and entry["indicator"] == form.indicator
    row = saved.view.observations[number.entry.index]
    assert row.period == "2022" and row.scope_zh == "脱贫户"


def test_a_number_turns_into_an_exclusion_and_back(tmp_path: Path) -> None:
    root = drafted(tmp_path)
    view = view_of(root)
    number = next(n for n in view.numbers if n.status == "curated" and n.quantity is not None)
    check = load_source(root, QINGXI)
    cat = curate.catalogue_of(check)
    form = curate.form_for(view, number, None, cat)
    out = curate.replace_form(form, mode="exclusion", kind="duplicate", reason="restated below")
    saved = curate.save(root, QINGXI, number, out, cat)
    now = saved.view.at(number.start)
    assert now.status == "excluded" and now.entry.key == "exclusions"
    ids = {o.id for o in saved.view.observations.values()}
    assert number.entry.ident not in ids
    assert [i for i in saved.check.issues if i.severity == "error"] == []

    back = curate.replace_form(
        curate.form_for(saved.view, now, None, cat),
        mode="observation",
        indicator=form.indicator,
        place=form.place,
        period=form.period,
    )
    again = curate.save(root, QINGXI, now, back, cat)
    assert again.view.at(number.start).status == "curated"
    assert [i for i in again.check.issues if i.severity == "error"] == []


def test_an_uncovered_number_saved_as_suggested_is_curated(tmp_path: Path) -> None:
    root = drafted(tmp_path)
    path = root / "observations" / f"{QINGXI}.yaml"
    tree = read_rt(path)
    first = tree["observations"][0]
    quote = first["quote"]
    del tree["observations"][0]
    from povdash.curation.draftfile import atomic_write, dump_rt

    atomic_write(path, dump_rt(tree))
    view = view_of(root)
    number = next(n for n in view.numbers if n.status == "uncovered")
    assert view.text[number.start : number.end] in quote
    saved = save_as_suggested(root, view, number)
    assert saved.view.at(number.start).status == "curated"
    assert not [i for i in saved.check.issues if i.code.startswith("uncovered")]


def test_confirming_every_suggestion_on_the_page_makes_the_source_clean(tmp_path: Path) -> None:
    root = drafted(tmp_path)
    view = view_of(root)
    check = load_source(root, QINGXI)
    cat = curate.catalogue_of(check)
    suggested = curate.suggestions(view.text, view.source, cat)
    done = 0
    number = view.next_todo(None)
    while number is not None:
        form = curate.form_for(view, number, suggested.get(number.start), cat)
        view = curate.save(root, QINGXI, number, form, cat, view.check_ids).view
        done += 1
        assert done < 200
        number = view.next_todo(number.start)
    assert done >= 20
    left = [i for i in load_source(root, QINGXI).issues if i.path != "sources.yaml"]
    assert left == []


@pytest.mark.parametrize("bad", ["../escape", "a/b", "Bad_Id", "", "..", "x.yaml"])
def test_ids_that_would_leave_the_observations_folder_are_refused(bad: str, tmp_path: Path) -> None:
    with pytest.raises(curate.CurateError) as err:
        curate.observations_path(tmp_path, bad)
    assert err.value.code == "bad_source_id"


def test_a_folder_linked_out_of_the_data_folder_is_refused(tmp_path: Path) -> None:
    root = drafted(tmp_path)
    view = view_of(root)
    number = view.numbers[0]
    outside = tmp_path / "elsewhere"
    shutil.move(root / "observations", outside)
    os.symlink(outside, root / "observations")
    before = (outside / f"{QINGXI}.yaml").read_bytes()
    check = load_source(root, QINGXI)
    cat = curate.catalogue_of(check)
    with pytest.raises(curate.CurateError) as err:
        curate.save(root, QINGXI, number, curate.form_for(view, number, None, cat), cat)
    assert err.value.code == "outside"
    assert (outside / f"{QINGXI}.yaml").read_bytes() == before


def test_a_failed_save_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = drafted(tmp_path)
    view = view_of(root)
    number = next(n for n in view.numbers if n.status == "to_confirm")
    path = root / "observations" / f"{QINGXI}.yaml"
    before = path.read_bytes()
    check = load_source(root, QINGXI)
    cat = curate.catalogue_of(check)

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("povdash.curation.draftfile.os.fsync", full_disk)
    with pytest.raises(curate.CurateError) as err:
        curate.save(root, QINGXI, number, curate.form_for(view, number, None, cat), cat)
    assert err.value.code == "write_failed"
    assert path.read_bytes() == before
    assert not [p.name for p in path.parent.iterdir() if p.name.startswith(".")]


def test_a_form_that_would_not_load_is_refused_before_writing(tmp_path: Path) -> None:
    root = drafted(tmp_path)
    view = view_of(root)
    number = next(n for n in view.numbers if n.status == "to_confirm" and n.entry.key[0] == "o")
    path = root / "observations" / f"{QINGXI}.yaml"
    before = path.read_bytes()
    check = load_source(root, QINGXI)
    cat = curate.catalogue_of(check)
    form = curate.form_for(view, number, None, cat)
    for bad, code in (
        ({"period": "last year"}, "bad_period"),
        ({"indicator": "no_such_indicator"}, "bad_choice"),
        ({"place": "atlantis"}, "bad_choice"),
        ({"quote": "  "}, "empty"),
        ({"mode": "exclusion", "kind": "duplicate", "reason": ""}, "empty"),
    ):
        with pytest.raises(curate.CurateError) as err:
            curate.save(root, QINGXI, number, curate.replace_form(form, **bad), cat)
        assert err.value.code == code, bad
    assert path.read_bytes() == before


def test_an_entry_removed_by_another_tab_is_not_overwritten(tmp_path: Path) -> None:
    root = drafted(tmp_path)
    view = view_of(root)  # this tab's view, now stale
    number = next(n for n in view.numbers if n.status == "to_confirm" and n.entry.key[0] == "o")
    other = view_of(root)
    check = load_source(root, QINGXI)
    cat = curate.catalogue_of(check)
    gone = curate.replace_form(
        curate.form_for(other, other.at(number.start), None, cat),
        mode="exclusion",
        kind="duplicate",
        reason="restated",
    )
    curate.save(root, QINGXI, other.at(number.start), gone, cat)
    path = root / "observations" / f"{QINGXI}.yaml"
    before = path.read_bytes()
    with pytest.raises(curate.CurateError) as err:
        curate.save(root, QINGXI, number, curate.form_for(view, number, None, cat), cat)
    assert err.value.code == "changed"
    assert path.read_bytes() == before


def test_two_tabs_saving_at_once_keep_both_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = drafted(tmp_path)
    view = view_of(root)
    todo = [n for n in view.numbers if n.status == "to_confirm" and n.entry.key[0] == "o"]
    a, b = todo[0], todo[-1]
    check = load_source(root, QINGXI)
    cat = curate.catalogue_of(check)
    # each tab reads the file and is slow before it writes: without the lock (or without
    # reading the file again inside it) the second write would drop the first change
    real = curate._read_file
    reading = threading.Barrier(2, timeout=5)

    def slow_read(path: Path) -> str | None:
        tree = real(path)
        time.sleep(0.3)
        return tree

    monkeypatch.setattr(curate, "_read_file", slow_read)
    errors: list[BaseException] = []

    def tab(number: curate.Number, notes: str) -> None:
        try:
            form = curate.replace_form(curate.form_for(view, number, None, cat), notes=notes)
            reading.wait()
            curate.save(root, QINGXI, number, form, cat)
        except BaseException as err:  # reported below, in the test's thread
            errors.append(err)

    threads = [threading.Thread(target=tab, args=(n, f"tab {i}")) for i, n in enumerate((a, b))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    entries = read_rt(root / "observations" / f"{QINGXI}.yaml")["observations"]
    assert entries[a.entry.index].get("notes") == "tab 0"  # lost without the lock
    assert entries[b.entry.index].get("notes") == "tab 1"
    assert "confirm" not in entries[a.entry.index] and "confirm" not in entries[b.entry.index]


def test_a_pasted_text_is_drafted_and_bad_fields_are_refused(tmp_path: Path) -> None:
    root = data_with_places(tmp_path)
    cat = curate.catalogue_of(load_source(root, "liuhe-2020-04-21"))
    text = "清溪县2022年工作总结\n\n全县新建蔬菜大棚230座，发放小额信贷1.2亿元。\n"
    sources_before = (root / "sources.yaml").read_bytes()
    for info, code in (
        (SourceInfo("Bad", "2023", "qingxi"), "bad_source_id"),
        (SourceInfo("q-1", "2023-13", "qingxi"), "bad_published"),
        (SourceInfo("q-1", "2023", "atlantis"), "bad_choice"),
    ):
        with pytest.raises(curate.CurateError) as err:
            curate.draft_new(root, text, info, cat)
        assert err.value.code == code
    with pytest.raises(curate.CurateError) as err:
        curate.draft_new(root, "no numbers here", SourceInfo("q-1", "2023", "qingxi"), cat)
    assert err.value.code == "empty_text"
    assert (root / "sources.yaml").read_bytes() == sources_before
    curate.draft_new(root, text, SourceInfo("q-1", "2023-01-05", "qingxi"), cat)
    view = view_of(root, "q-1")
    assert [n.text for n in view.numbers if n.quantity is not None] == ["230座", "1.2亿元"]
    # the title's 2022年 is drafted as a date whose quote holds all of it, so it locates
    assert [i for i in view.issues if i.severity == "error"] == []
    with pytest.raises(curate.CurateError) as err:
        curate.draft_new(root, text + "又及。", SourceInfo("q-1", "2023", "qingxi"), cat)
    assert err.value.code == "other_text"


def test_an_upload_must_be_utf8() -> None:
    assert curate.decode_upload("\ufeff全县1户".encode()) == "全县1户"
    with pytest.raises(curate.CurateError) as err:
        curate.decode_upload("全县1户".encode("gbk"))
    assert err.value.code == "not_utf8"


def test_an_exclusion_saved_unchanged_keeps_its_reason_in_both_languages(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(ROOT / "data", root)
    source = "liuhe-2020-04-21"
    view = view_of(root, source)
    number = next(n for n in view.numbers if n.status == "excluded" and "88600732" in n.text)
    cat = curate.catalogue_of(load_source(root, source))
    form = curate.form_for(view, number, None, cat)
    assert (form.reason, form.reason_zh) == (
        "the publisher's complaints line",
        "报社的投诉举报电话",
    )
    path = root / "observations" / f"{source}.yaml"

    def written() -> object:
        tree = read_rt(path)
        return next(e for e in tree["exclusions"] if "88600732" in str(e["text"]))["reason"]

    curate.save(root, source, number, form, cat, view.check_ids)
    assert dict(written()) == {"zh": "报社的投诉举报电话", "en": "the publisher's complaints line"}
    # the Chinese page shows the Chinese side: saved as it is, both stay
    zh_form = curate.replace_form(form, reason=form.reason_zh)
    curate.save(root, source, view_of(root, source).at(number.start), zh_form, cat)
    assert dict(written())["en"] == "the publisher's complaints line"
    changed = curate.replace_form(form, reason="the complaints line of the paper")
    curate.save(root, source, view_of(root, source).at(number.start), changed, cat)
    assert written() == "the complaints line of the paper"
