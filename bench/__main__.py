"""`make bench` (python -m bench): every figure with its ratio, as a table and bench/results.json.

Synthetic trees of N places are generated into a temporary folder (bench.generate, seed 0);
figures that fail are reported as failed rows and the rest still run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import browser, curation, figures
from bench.generate import generate

RESULTS = Path(__file__).resolve().parent / "results.json"
KEYS = ("name", "seconds", "floor_seconds", "ratio", "target_ratio", "places")


def _fmt(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _target(r: figures.Row) -> str:
    if r["target_ratio"] is not None:
        return f"≤{r['target_ratio']}×"
    if r["target_seconds"] is not None:
        return f"≤{r['target_seconds']} s"
    return "—"


def table(rows: list[figures.Row]) -> str:
    """The figures as a Markdown table (also readable in a terminal)."""
    lines = [
        "| figure | seconds | floor s | ratio | target | pass | places | note |",
        "|---|---:|---:|---:|---|---|---:|---|",
    ]
    for r in rows:
        ok = figures.passed(r)
        verdict = "—" if ok is None else ("pass" if ok else "FAIL")
        lines.append(
            f"| {r['name']} | {_fmt(r['seconds'], 4)} | {_fmt(r['floor_seconds'], 4)} | "
            f"{_fmt(r['ratio'], 2)} | {_target(r)} | {verdict} | {r['places'] or '—'} | "
            f"{r['note']} |"
        )
    return "\n".join(lines)


def _run(name: str, make: Callable[[], list[figures.Row]], out: list[figures.Row]) -> None:
    """Run one figure; a failure becomes a row that says so (the other figures still run)."""
    start = time.perf_counter()
    print(f"… {name}", file=sys.stderr, flush=True)
    try:
        got = make()
    except Exception as err:
        traceback.print_exc()
        got = [figures.row(name, None, note=f"FAILED: {type(err).__name__}: {err}")]
    for r in got:
        print(
            f"  {r['name']}: {_fmt(r['seconds'], 4)} s, ratio {_fmt(r['ratio'], 2)}",
            file=sys.stderr,
        )
    print(f"  ({time.perf_counter() - start:.0f} s)", file=sys.stderr, flush=True)
    out.extend(got)


def main(argv: list[str] | None = None) -> int:
    """Generate the trees, run every figure, print the table and JSON, write results.json."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--places", default="2,60,1000", help="synthetic sizes (default 2,60,1000)")
    parser.add_argument("--obs", type=int, default=150, help="observations per place")
    parser.add_argument("--out", type=Path, default=RESULTS, help="results file")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.places.split(",") if s.strip()})
    middle = sizes[len(sizes) // 2] if len(sizes) > 1 else sizes[0]
    rows: list[figures.Row] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="povdash-bench-") as tmp:
        trees: dict[int, Path] = {}
        for n in sizes:
            t0 = time.perf_counter()
            trees[n] = generate(Path(tmp) / f"places-{n}", n, args.obs, seed=0)
            print(f"generated {n} places in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        _run("1 cold load", figures.cold_load, rows)
        repeats = {n: 3 if n <= 100 else 1 for n in sizes}
        _run("2 scaling", lambda: figures.scaling(trees, repeats), rows)
        biggest = sizes[-1]
        _run(f"2b warm check {biggest}", lambda: figures.warm_check(trees[biggest]), rows)
        _run("3 cached reload data/", figures.cached_reload, rows)
        _run(f"3 cached reload {middle}", lambda: figures.cached_reload(trees[middle]), rows)
        _run(
            "4 compare rerun data/",
            lambda: figures.compare_rerun(figures.DATA),
            rows,
        )
        _run(
            f"4 compare rerun {middle}",
            lambda: figures.compare_rerun(trees[middle]),
            rows,
        )
        texts = {
            "data_texts": figures.DATA / "texts",
            f"synthetic_{middle}": trees[middle] / "texts",
        }
        _run("5 propose throughput", lambda: figures.propose_throughput(texts), rows)
        _run("6 PNG export", lambda: figures.export_png([figures.DATA, trees[middle]]), rows)
        _run("7 Compare in the browser", browser.compare_in_browser, rows)
        _run("8 draft of a 10,000-character report", curation.draft_report, rows)
        _run(f"8 after a save, {middle}", lambda: curation.after_save(trees[middle]), rows)
    print(table(rows))
    print()
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    results = [{**{k: r.get(k) for k in KEYS}, **r} for r in rows]
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out} ({time.perf_counter() - started:.0f} s in all)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
