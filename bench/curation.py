"""The curation figures: `povdash draft` of a 10,000-character report, and what a save on the
Curate page costs at N places (the save with its check of that source, and the page it redraws),
each against the bare YAML parse of the data folder, as the other figures are."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.figures import DATA, ROOT, Row, row, server_script_cache
from bench.generate import CURATION, long_report
from bench.worker import bare_yaml

DRAFT_SECONDS = 1.0  # issue 15: draft of a 10,000-character report
AFTER_SAVE_SECONDS = 0.5  # issue 15: the check of that source and the refreshed pages, 60 places


def _floor(root: Path, repeats: int = 3) -> float:
    """Median of bare yaml.load (CSafeLoader) of every YAML file of root, in this process."""
    return statistics.median(bare_yaml(root) for _ in range(repeats))


def _data_with_places(tmp: Path) -> Path:
    """A copy of data/ with the curation reports' fictional places (qingxi, ...) appended."""
    root = tmp / "data"
    shutil.copytree(DATA, root)
    extra = (CURATION / "places.yaml").read_text(encoding="utf-8").split("places:\n", 1)[1]
    with open(root / "places.yaml", "a", encoding="utf-8") as handle:
        handle.write("\n" + extra)
    return root


def draft_report(chars: int = 10_000, repeats: int = 5) -> list[Row]:
    """`povdash draft` of a report of `chars` characters built from the team's sentences
    (bench.generate.long_report), into a fresh copy of data/ each time: the catalogue read, the
    draft and its files written; and the draft alone. Against bare yaml.load of data/."""
    from povdash.curation.draft import Catalogue, SourceInfo, draft
    from povdash.curation.draftfile import write_draft
    from povdash.data.load import read_catalogue

    text = long_report(chars)
    info = SourceInfo("bench-long-report", "2023-01-10", "qingxi")
    whole, alone, entries = [], [], 0
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="povdash-bench-draft-") as tmp:
            root = _data_with_places(Path(tmp))
            start = time.perf_counter()
            cat = read_catalogue(root)
            catalogue = Catalogue(cat.places, cat.programs, cat.indicators)
            middle = time.perf_counter()
            drafted = draft(text, info, catalogue)
            drafted_at = time.perf_counter()
            write_draft(root, text, drafted)
            whole.append(time.perf_counter() - start)
            alone.append(drafted_at - middle)
            entries = len(drafted.observations) + len(drafted.exclusions)
    floor = _floor(DATA)
    note = f"{len(text):,} characters, {entries} entries drafted; median of {repeats}"
    return [
        row(f"draft_{chars // 1000}k_chars", statistics.median(whole), floor, None,
            DRAFT_SECONDS, note=note + "; catalogue read, draft, files written"),
        row(f"draft_{chars // 1000}k_chars_draft_only", statistics.median(alone), floor,
            note="draft() alone: the text and catalogue in, the entries out"),
    ]  # fmt: skip


def _first_source(root: Path) -> str:
    from povdash.data.load import read_catalogue

    return next(iter(read_catalogue(root).sources))


def after_save(tree: Path, repeats: int = 7) -> list[Row]:
    """After a save on the Curate page of a tree of N places: povdash.views.curate.save of one entry
    (the file written under the lock, that source checked again), and the whole page run the
    Save click causes in AppTest (save, check, the dashboard's data reloaded, the page drawn).
    In a copy of the tree; against bare yaml.load of its YAML files."""
    import os

    from streamlit.testing.v1 import AppTest

    from povdash.data.dataset import load_source
    from povdash.views import curate

    places = _places(tree)
    with tempfile.TemporaryDirectory(prefix="povdash-bench-save-") as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(tree, root)
        source = _first_source(root)

        def one_save() -> float:
            check = load_source(root, source)
            view = curate.source_text(check)
            assert view is not None
            cat = curate.catalogue_of(check)
            number = next(n for n in view.numbers if n.status == "curated")
            form = curate.form_for(view, number, None, cat)
            start = time.perf_counter()
            curate.save(root, source, number, form, cat, view.check_ids)
            return time.perf_counter() - start

        one_save()
        saves = [one_save() for _ in range(repeats)]

        previous = os.environ.get("POVDASH_DATA")
        os.environ["POVDASH_DATA"] = str(root)
        try:
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
            at.query_params["lang"] = "en"
            at.run()
            at.switch_page("app_pages/curate.py").run()
            at.selectbox(key="curate_source").set_value(source).run()
            pages: list[float] = []
            with server_script_cache():
                for i in range(repeats + 1):
                    button = _save_button(at)
                    button.click()
                    start = time.perf_counter()
                    at.run()
                    if i:  # the first click also compiles what the server compiles once
                        pages.append(time.perf_counter() - start)
                    if at.exception or at.error:
                        shown = [e.value for e in [*at.exception, *at.error]]
                        raise RuntimeError(f"the save failed on the page: {shown}")
        finally:
            if previous is None:
                os.environ.pop("POVDASH_DATA", None)
            else:
                os.environ["POVDASH_DATA"] = previous
        floor = _floor(root)
    note = f"source {source} of {places} places; median of {repeats}"
    return [
        row(f"after_save_check_{places}_places", statistics.median(saves), floor, None,
            AFTER_SAVE_SECONDS, places, note + "; curate.save: write + check of that source"),
        row(f"after_save_page_{places}_places", statistics.median(pages), floor, None,
            AFTER_SAVE_SECONDS, places,
            note + "; AppTest: Save click until the Curate page is drawn again"),
    ]  # fmt: skip


def _save_button(at: Any) -> Any:
    found = [b for b in at.button if b.label == "Save"]
    if len(found) != 1:
        raise RuntimeError(f"expected one Save button, got {[b.label for b in at.button]}")
    return found[0]


def _places(tree: Path) -> int:
    from bench.figures import _places_in

    return _places_in(tree)
