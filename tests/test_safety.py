"""Nobody who can drop a file into data/ can run code, read outside it, hang or crash povdash.

File system states that git cannot hold (symlinks, FIFOs, odd file names, tens of MB) are built
here at run time in a copy of tests/fixtures/data_valid; the fuzz tests feed random and mutated
bytes to the YAML reader and to the whole load.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract
from povdash.cli.main import main
from povdash.data.dataset import fingerprint, load_dataset
from povdash.data.issues import REGISTRY, Issue
from povdash.data.yamlio import MAX_BYTES, Node, parse_bytes, read_yaml
from povdash.views.viewstate import ViewState, parse, serialise

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "fixtures" / "data_valid"
PYTHON = ROOT / ".venv" / "bin" / "python"
SECRET = "root:x:0:0:secret-marker:/root:/bin/bash"
ALL_ROWS = 9


def povdash(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process: a hang or a crash of the interpreter shows here."""
    python = str(PYTHON) if PYTHON.exists() else sys.executable
    return subprocess.run(
        [python, "-m", "povdash.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=ROOT,
        timeout=120,
        check=False,
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the valid tree, with a file outside it that must never be read."""
    root = tmp_path / "data"
    shutil.copytree(VALID, root)
    (tmp_path / "outside.yaml").write_text(SECRET + "\n", encoding="utf-8")
    return root


def triples(root: Path) -> set[tuple[str, str, str]]:
    return {(i.path, i.field, i.code) for i in load_dataset(root).issues}


# --- paths that leave the data folder ----------------------------------------------------------


def test_yaml_symlink_out_of_the_data_folder_is_not_read(data: Path) -> None:
    (data / "observations" / "evil.yaml").symlink_to(data.parent / "outside.yaml")
    dataset = load_dataset(data)
    assert {(i.path, i.code) for i in dataset.issues} == {
        ("observations/evil.yaml", "file-unreadable")
    }
    assert "inside the data folder" in dataset.issues[0].message
    assert all(SECRET not in i.format() for i in dataset.issues)
    assert len(dataset.table) == ALL_ROWS


def test_catalogue_symlink_out_is_refused_and_one_inside_is_fine(data: Path) -> None:
    places = data / "places.yaml"
    kept = data / "texts" / "places-copy.yaml"
    shutil.move(places, kept)
    places.symlink_to(Path("texts") / "places-copy.yaml")  # relative, stays inside: allowed
    assert triples(data) == set()
    places.unlink()
    places.symlink_to(data.parent / "outside.yaml")
    result = povdash("check", "--data", str(data))
    assert result.returncode == 1
    assert "places.yaml: expected a file inside the data folder" in result.stdout
    assert SECRET not in result.stdout + result.stderr


def test_observations_folder_symlinked_out_is_refused(data: Path) -> None:
    outside = data.parent / "elsewhere"
    shutil.move(data / "observations", outside)
    (data / "observations").symlink_to(outside, target_is_directory=True)
    assert triples(data) == {
        ("observations/demo-county-2022-01.yaml", "", "file-unreadable"),
        ("observations/demo-province-2021-06.yaml", "", "file-unreadable"),
    }
    assert len(load_dataset(data).table) == 0


def test_text_symlink_to_etc_passwd_is_refused(data: Path) -> None:
    text = data / "texts" / "demo-province-2021-06.txt"
    text.unlink()
    text.symlink_to("/etc/passwd")
    assert triples(data) == {("sources.yaml", "sources[1].text", "text-path-escapes")}


# --- files that are not plain small files -------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_without_blocking(data: Path) -> None:
    os.mkfifo(data / "observations" / "pipe.yaml")
    # in its own process with a timeout: a blocking open() would hang the test run otherwise
    result = povdash("check", "--data", str(data))
    assert result.returncode == 1
    assert "observations/pipe.yaml: expected a regular file" in result.stdout
    assert "[file-unreadable]" in result.stdout


def test_file_names_that_are_not_utf8_or_hold_escapes(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = data / "observations" / "demo-province-2021-06.yaml"
    gbk_name = os.fsencode(data / "observations") + "/白城.yaml".encode("gbk")
    with open(gbk_name, "wb") as handle:
        handle.write(b"source: [\n")
    shutil.copy(source, data / "observations" / "x\x1b[2Jy.yaml")
    assert fingerprint(data)  # the cache key of the dashboard must not raise either
    assert main(["check", "--data", str(data)]) == 1
    out, err = capsys.readouterr()
    assert "internal error" not in err
    assert "\x1b" not in out  # shown as \x1b, never sent to the terminal
    lines = out.splitlines()
    assert any(line.startswith("observations/\ufffd") and "[yaml-syntax]" in line for line in lines)
    assert any(line.startswith("observations/x\\x1b[2Jy.yaml:1: source:") for line in lines)


def test_tens_of_megabytes_are_refused_before_reading(data: Path) -> None:
    big = data / "places.yaml"
    with big.open("wb") as handle:
        handle.write(b"places:\n")
        line = b"  - {id: p, name: {zh: x, en: x}, level: county}\n"
        handle.write(line * (30 * 1024 * 1024 // len(line)))
    assert big.stat().st_size > 5 * MAX_BYTES
    tracemalloc.start()
    try:
        root, issues = read_yaml(big, "places.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert root is None and [i.code for i in issues] == ["file-too-large"]
    assert peak < 1024 * 1024  # decided from the size alone: not one chunk of the file was read
    result = povdash("check", "--data", str(data))
    assert result.returncode == 1
    assert result.stdout.startswith("places.yaml: expected at most 5,242,880 bytes (5 MB), got ")
    assert "[file-too-large]" in result.stdout


def test_a_huge_source_text_is_refused(data: Path) -> None:
    text = data / "texts" / "demo-province-2021-06.txt"
    with text.open("ab") as handle:
        handle.truncate(MAX_BYTES * 4)
    assert ("texts/demo-province-2021-06.txt", "text", "file-too-large") in triples(data)


def test_100k_open_brackets_do_not_crash_the_interpreter(data: Path) -> None:
    (data / "places.yaml").write_text("places: " + "[" * 100_000 + "\n", encoding="utf-8")
    result = povdash("check", "--data", str(data))
    assert result.returncode == 1  # not a negative status (a signal such as SIGSEGV)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith("places.yaml:1: expected at most 50 levels of nesting")
    assert "[too-deep]" in result.stdout


def test_tags_never_run_code(data: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    for tag in ("!!python/object/apply:os.system", "!!python/object/new:os.system"):
        (data / "indicators.yaml").write_text(f'indicators: {tag} ["touch {marker}"]\n')
        assert triples(data) == {("indicators.yaml", "", "unknown-tag")}
    assert not marker.exists()


# --- fuzzing ------------------------------------------------------------------------------------

SAMPLES = sorted(
    path
    for folder in (VALID, ROOT / "data")
    for path in (*folder.glob("*.yaml"), *folder.glob("observations/*.yaml"))
)
INSERTS = [
    b"\t",
    b"  \t- ",
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b"!!python/object/apply:os.system [id] ",
    b"!include ",
    b"!!binary ",
    b"%YAML 1.1\n",
    b"---\n",
    b"\n...\n",
    b"[" * 80,
    b"{" * 80,
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\r",
    b"\x1b[2J",
    "白城".encode("gbk"),
    b"? ",
    b": ",
    b"'",
    b'"',
    b"|\n",
    b"9" * 5000,
]


def check_result(root: Node | None, issues: list[Issue]) -> None:
    """What the reader may return: a tree or None, and issues of the registry, one line each."""
    assert root is None or isinstance(root, Node)
    for issue in issues:
        assert issue.code in REGISTRY
        assert "\n" not in issue.format()
    if root is None:
        assert issues  # nothing read is always explained


def mutate(data: bytes, edits: list[tuple[int, float, int]]) -> bytes:
    """Byte flips, truncations and insertions at relative positions."""
    for kind, where, arg in edits:
        pos = int(where * len(data))
        if kind == 0:
            data = data[:pos] + bytes([arg % 256]) + data[pos + 1 :]
        elif kind == 1:
            data = data[:pos]
        else:
            data = data[:pos] + INSERTS[arg % len(INSERTS)] + data[pos:]
    return data


EDITS = st.lists(
    st.tuples(st.integers(0, 2), st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=4
)


@settings(max_examples=300, deadline=2000)
@given(st.binary(max_size=2000))
def test_reader_returns_a_tree_or_issues_for_random_bytes(data: bytes) -> None:
    check_result(*parse_bytes(data, "f.yaml"))


@settings(max_examples=300, deadline=2000)
@given(st.sampled_from(SAMPLES), EDITS)
def test_reader_returns_a_tree_or_issues_for_mutated_data(
    path: Path, edits: list[tuple[int, float, int]]
) -> None:
    check_result(*parse_bytes(mutate(path.read_bytes(), edits), "f.yaml"))


@settings(
    max_examples=40, deadline=10_000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                sorted(p.relative_to(VALID).as_posix() for p in VALID.rglob("*") if p.is_file())
            ),
            EDITS,
        ),
        min_size=1,
        max_size=3,
    )
)
def test_load_of_a_mutated_tree_never_raises(edits: list[tuple[str, list]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(VALID, root)
        for rel, changes in edits:
            path = root / rel
            path.write_bytes(mutate(path.read_bytes(), changes))
        dataset = load_dataset(root)
        assert all(issue.code in REGISTRY for issue in dataset.issues)
        assert len(dataset.table) <= ALL_ROWS
        if len(dataset.table) < ALL_ROWS:
            assert any(i.severity == "error" for i in dataset.issues)


@settings(max_examples=300, deadline=2000)
@given(st.text(max_size=30) | st.text("亿万千百十元户人个次%．.,0123456789约余以上", max_size=30))
def test_extract_raises_only_its_own_error(text: str) -> None:
    for call in (extract.lookup_unit, extract.parse_quantity, extract.parse_number):
        with contextlib.suppress(extract.ExtractError):
            call(text)
    extract.find_quantities(text)


# --- URL query parameters -----------------------------------------------------------------------

MARKUP = ["<script>alert(1)</script>", "[x](javascript:alert(1))", "**b**", "$x$", "../../etc"]


@pytest.mark.parametrize("value", MARKUP)
def test_query_parameters_with_markup_or_unknown_keys_are_ignored(value: str) -> None:
    params = {
        "lang": value,
        "places": [value, f"a,{value}"],
        "programs": value,
        "period": value,
        "basis": value,
        value: value,
        "__class__": "x",
    }
    state = parse(params, ["a", "b"], ["P"])
    assert state == ViewState(places=("a",))  # only the known id survives
    assert serialise(state) == {"places": "a"}
    assert parse({value: "zh"}, ["a", "b"], ["P"]) == ViewState(places=("a", "b"))
