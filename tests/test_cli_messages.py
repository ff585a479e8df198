"""Small CLI messages: an empty or wrong --out, a data path that is a file, and Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import DATA, ROOT

POVDASH = (sys.executable, "-m", "povdash.cli")
EVERY_BASIS = ("--normalise", "absolute,per_10k_residents")  # enough figures to interrupt


def _povdash(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None):
    return subprocess.run(
        [*POVDASH, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=300,
        check=False,
    )


def test_an_empty_out_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    done = _povdash("export", "--data", str(DATA), "--format", "csv", "--out", "", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "povdash export: expected a folder for --out, got an empty path; "
        "hint: name the folder to write into, e.g. --out exports"
    )
    assert list(tmp_path.iterdir()) == []  # not silently the current folder


def test_an_out_that_is_a_file_says_a_folder_was_expected(tmp_path: Path) -> None:
    taken = tmp_path / "report.png"
    taken.write_bytes(b"mine")
    for out in (taken, taken / "sub"):
        done = _povdash("export", "--data", str(DATA), "--format", "csv", "--out", str(out))
        assert done.returncode == 1
        assert done.stderr.strip() == (
            f"povdash export: expected a folder for --out, got a file at {taken}; "
            "hint: choose a folder (it is created if needed)"
        )
    assert taken.read_bytes() == b"mine"


def test_a_data_path_that_is_a_file_is_called_a_file(tmp_path: Path) -> None:
    afile = tmp_path / "passwd"
    afile.write_text("root:x:0:0\n", encoding="utf-8")
    for command in ("check", "table"):
        done = _povdash(command, env={"POVDASH_DATA": str(afile)})
        assert done.returncode == 1
        assert done.stderr.strip() == (
            f"povdash {command}: expected a data folder, got {afile} (a file, not a folder); "
            "hint: pass --data DIR or set POVDASH_DATA"
        )
    done = _povdash("check", env={"POVDASH_DATA": str(tmp_path / "nowhere")})
    assert "(no such directory)" in done.stderr


def test_ctrl_c_during_an_export_says_so_and_exits_130(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [
            *POVDASH,
            "export",
            "--data",
            str(DATA),
            "--lang",
            "both",
            *EVERY_BASIS,
            "--out",
            str(out),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        while not out.exists() and proc.poll() is None:  # the export has begun writing
            time.sleep(0.01)
        assert proc.poll() is None, "the export finished before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1].startswith("povdash export: interrupted")
    assert "Traceback" not in err
