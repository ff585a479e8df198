"""`propose` on hostile input: windows stay bounded, memory stays linear, big inputs are refused."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

from extract import find_quantities, propose
from extract.propose import WINDOW
from povdash.data.yamlio import MAX_BYTES

PHRASE = (
    "全市发放小额信贷2.09亿元"  # no 。 and no ，: the whole text is one sentence and one clause
)
MEMORY_LIMIT = 1024**3  # 1 GiB of address space for the whole interpreter


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _propose(*args: str, stdin: bytes | None = None, out: Path | None = None) -> tuple[int, str]:
    """Run `povdash propose` under the memory limit: (exit code, stderr); stdout goes to out."""
    with open(out or "/dev/null", "wb") as sink:
        done = subprocess.run(
            [sys.executable, "-m", "povdash.cli", "propose", *args],
            input=stdin,
            stdout=sink,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            preexec_fn=_limit_memory,
            timeout=120,
            check=False,
        )
    return done.returncode, done.stderr.decode("utf-8", "replace")


def test_sentence_and_clause_are_a_window_around_the_quantity() -> None:
    text = PHRASE * 400
    found = propose(text)
    assert len(found) == len(find_quantities(text)) == 400
    for c in found:
        q = c.quantity
        for stretch in (c.sentence, c.clause):
            assert len(stretch) <= 2 * WINDOW + len(q.text)
            at = text.find(stretch, max(0, q.start - WINDOW))
            assert at <= q.start and q.end <= at + len(stretch)  # verbatim, around the quantity
    middle = found[200]
    assert len(middle.sentence) == 2 * WINDOW + len(middle.quantity.text)


def test_stops_inside_the_window_still_end_the_sentence() -> None:
    text = "前言" * 300 + "。" + PHRASE + "，其中" + "后文" * 300
    (c,) = propose(text)
    assert c.sentence == PHRASE + ("，其中" + "后文" * 300)[:WINDOW]
    assert c.clause == PHRASE and c.label == "全市发放小额信贷"


def test_a_megabyte_without_punctuation_runs_in_bounded_memory(tmp_path: Path) -> None:
    source = tmp_path / "t.txt"
    source.write_text(PHRASE * (1024 * 1024 // len(PHRASE.encode())), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, err = _propose(str(source), out=out)
    assert code == 0, err
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(find_quantities(source.read_text(encoding="utf-8"))) > 30_000
    assert max(len(json.loads(line)["sentence"]) for line in lines) <= 2 * WINDOW + len("2.09亿元")


def test_a_file_over_the_data_limit_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    code, err = _propose(str(big))
    assert code == 1
    assert err.strip() == (
        f"povdash propose: {big}: expected at most {MAX_BYTES:,} bytes, got {MAX_BYTES + 1:,}; "
        "hint: split the text into parts"
    )


def test_an_endless_device_or_stream_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    code, err = _propose("/dev/zero")
    assert code == 1 and err.startswith("povdash propose: /dev/zero: expected at most "), err
    assert "got more" in err and "Traceback" not in err
    code, err = _propose("-", stdin=PHRASE.encode() * (MAX_BYTES // len(PHRASE.encode()) + 1))
    assert code == 1 and err.startswith("povdash propose: stdin: expected at most "), err


def test_a_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    code, err = _propose(str(tmp_path))
    assert code == 1
    assert err.strip() == f"povdash propose: {tmp_path}: expected a text file, got a folder"
