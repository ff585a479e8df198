"""A big data folder checked in parallel: its observation files in shards, one process each.

A shard is the catalogue plus a run of observation files and the texts of their sources; it is
read and validated by the same code as a serial load (povdash.load, povdash.validate), and sends
back plain rows, issues and the figures cross-checks need. The catalogue and denominators are
checked once, in the parent, while the workers run; file names and cross-checks on the merged
result. When a shard is not
self-contained (a file declares another file's source, an id is claimed in two shards, a reference
names an id another shard left out), the caller loads serially instead: same result, only slower.
"""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from povdash import model
from povdash.issues import Issue
from povdash.load import Catalog, catalogue_copy, read_observations
from povdash.rows import TABLE_COLUMNS, Row, exclusion_rows, observation_rows
from povdash.table import frame
from povdash.validate import Figure, Validation, check_entries, figures, load_texts

# below this many bytes of observation files a worker's start (~0.2 s) costs more than it saves
MIN_BYTES = 2_000_000
FIRST_EXTRA = 0.2  # measured at 1,000 places: a worker's start, its frame, pickling both ways
_ROOT = str(Path(__file__).resolve().parent.parent)  # where a worker imports povdash from


@dataclass
class ShardResult:
    """What one shard found: rows of its tables, its issues and what the merge must check."""

    issues: list[Issue] = field(default_factory=list)
    # its observations framed where the shard ran: in parallel, and Arrow buffers travel back
    # more cheaply than rows
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    exclusions: list[Row] = field(default_factory=list)
    checks: list[model.Check] = field(default_factory=list)
    figures: dict[str, Figure | None] = field(default_factory=dict)
    obs_files: dict[str, str] = field(default_factory=dict)
    failed: set[str] = field(default_factory=set)
    failed_sources: set[str] = field(default_factory=set)
    entries: dict[str, tuple[int, int]] = field(default_factory=dict)
    invalid: set[str] = field(default_factory=set)  # ids this shard left out
    claimed: set[tuple[str, str]] = field(default_factory=set)  # (namespace, id) it registered
    unresolved: set[str] = field(default_factory=set)
    self_contained: bool = True


def workers() -> int:
    """Processes to use: the CPUs this process may run on, or POVDASH_WORKERS (1 = serial)."""
    wanted = os.environ.get("POVDASH_WORKERS", "").strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def plan(paths: list[Path], n: int) -> list[list[Path]]:
    """Contiguous runs of the files (so rows stay in file order) of about equal size; one run
    when there is one worker or too little to share (MIN_BYTES)."""
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)  # read (and reported) by whichever shard gets it
    total = sum(sizes)
    if n < 2 or total < MIN_BYTES or len(paths) < n:
        return [paths]
    # the first shard runs in this process while workers start, unpickle the catalogue and
    # pickle their results back: it takes a little more than its equal share
    first = total / n * (1 + FIRST_EXTRA)
    rest = (total - first) / (n - 1)
    shards: list[list[Path]] = [[]]
    done = 0
    for path, size in zip(paths, sizes, strict=True):
        # a file goes to the next shard when most of it lies past this shard's share
        end = first + rest * (len(shards) - 1)
        if done + size / 2 > end and len(shards) < n and shards[-1]:
            shards.append([])
        shards[-1].append(path)
        done += size
    return shards


def run_shard(cat: Catalog, paths: list[Path], source_ids: list[str]) -> ShardResult:
    """Read and validate these observation files and the texts of these sources on a copy of
    the catalogue."""
    shard = catalogue_copy(cat)
    read_observations(shard, paths)
    result = Validation()
    load_texts(shard, result, source_ids)
    check_entries(shard, result)
    return ShardResult(
        issues=shard.issues,
        table=frame(observation_rows(shard, result), TABLE_COLUMNS),
        exclusions=exclusion_rows(result),
        checks=shard.checks,
        figures=figures(shard, result),
        obs_files=shard.obs_files,
        failed=shard.failed - cat.failed,
        failed_sources=shard.failed_sources - cat.failed_sources,
        entries=shard.entries,
        invalid=shard.invalid - cat.invalid,
        claimed=set(shard.where) - set(cat.where),
        unresolved=shard.unresolved,
        self_contained=all(PurePosixPath(rel).stem == src for src, rel in shard.obs_files.items()),
    )


def assign_sources(cat: Catalog, shards: list[list[Path]]) -> list[list[str]]:
    """The sources whose texts each shard checks: those its files are named for; sources with no
    file go to the last shard (their texts are still read and hashed)."""
    owner = {path.stem: i for i, shard in enumerate(shards) for path in shard}
    out: list[list[str]] = [[] for _ in shards]
    for source_id in cat.sources:
        out[owner.get(source_id, len(shards) - 1)].append(source_id)
    return out


def spawn(n: int) -> list[subprocess.Popen[bytes]]:
    """Start n workers (they import povdash and pandas while this process reads the catalogue);
    none when no interpreter can be started (the load then runs serially)."""
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": _ROOT + (os.pathsep + path if path else "")}
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(n):
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-c", "from povdash.shards import serve; serve()"],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    # a failing worker only costs a serial load; its traceback is not the
                    # user's business
                    stderr=subprocess.DEVNULL,
                    env=env,
                )
            )
    except OSError:  # no interpreter to start (an embedded Python)
        stop(procs)
        return []
    return procs


def stop(procs: list[subprocess.Popen[bytes]]) -> None:
    """Kill workers whose results are no longer wanted."""
    for proc in procs:
        proc.kill()
        proc.wait()


def run_shards(
    cat: Catalog,
    shards: list[list[Path]],
    source_ids: list[list[str]],
    procs: list[subprocess.Popen[bytes]],
    meanwhile: Callable[[], None] = lambda: None,
) -> list[ShardResult] | None:
    """Every shard's result, the first in this process and the others in the started workers
    (one each) at the same time, then `meanwhile` while the workers finish and send theirs;
    None when a worker fails (the caller then loads serially)."""
    try:
        writers = [
            _send(proc, cat, paths, ids)
            for proc, paths, ids in zip(procs, shards[1:], source_ids[1:], strict=True)
        ]
        first = run_shard(cat, shards[0], source_ids[0])
        meanwhile()
    except BaseException:
        stop(procs)
        raise
    finished = [_finish(proc, writer) for proc, writer in zip(procs, writers, strict=True)]
    if any(r is None for r in finished):
        return None
    return [first] + [r for r in finished if r is not None]


def _send(
    proc: subprocess.Popen[bytes], cat: Catalog, paths: list[Path], source_ids: list[str]
) -> threading.Thread:
    """Hand a worker its shard (written from a thread, so this process can start on its own
    shard while the worker reads it)."""
    request = pickle.dumps((cat, paths, source_ids), protocol=pickle.HIGHEST_PROTOCOL)

    def write() -> None:
        assert proc.stdin is not None
        try:
            proc.stdin.write(request)
            proc.stdin.close()
        except OSError:
            pass  # the worker died; _finish sees its exit code

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    return writer


def _finish(proc: subprocess.Popen[bytes], writer: threading.Thread) -> ShardResult | None:
    """A worker's result, or None when it failed."""
    assert proc.stdout is not None
    # pickle is safe here: the bytes come from our own child process over a pipe, never a file
    data = proc.stdout.read()
    code = proc.wait()
    writer.join()
    if code != 0:
        return None
    try:
        got = pickle.loads(data)
    except Exception:
        return None
    return got if isinstance(got, ShardResult) else None


def serve() -> None:
    """A worker's main: a pickled (catalog, paths, sources) on stdin, a ShardResult on stdout."""
    gc.disable()  # as in load_dataset: millions of long-lived objects, nothing to collect
    cat, paths, source_ids = pickle.load(sys.stdin.buffer)
    result = run_shard(cat, paths, source_ids)
    sys.stdout.buffer.write(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


@dataclass
class Merged:
    """The shards' tables and rows in file order, and what the parent's cross-checks need."""

    tables: list[pd.DataFrame]  # each shard's observations, in file order
    exclusions: list[Row]
    checks: list[model.Check]
    figures: dict[str, Figure | None]


def merge(cat: Catalog, results: list[ShardResult]) -> Merged | None:
    """Fold shard results into cat (issues, files, entries, ids) and gather their rows; None,
    with cat untouched, when the shards are not self-contained."""
    if not all(r.self_contained for r in results):
        return None
    claimed: set[tuple[str, str]] = set()
    invalid: set[str] = set()
    for r in results:
        if claimed & r.claimed:
            return None  # an id in two shards: the serial load says which came first
        claimed |= r.claimed
        invalid |= r.invalid
    for r in results:
        if r.unresolved & (invalid - r.invalid):
            return None  # a reference to an entry another shard left out is not an error
    tables: list[pd.DataFrame] = []
    exclusions: list[Row] = []
    checks: list[model.Check] = []
    found: dict[str, Figure | None] = {}
    for r in results:
        cat.issues.extend(r.issues)
        cat.obs_files.update(r.obs_files)
        cat.failed |= r.failed
        cat.failed_sources |= r.failed_sources
        cat.entries.update(r.entries)
        cat.invalid |= r.invalid
        tables.append(r.table)
        exclusions.extend(r.exclusions)
        checks.extend(r.checks)
        found.update(r.figures)
    return Merged(tables, exclusions, checks, found)
