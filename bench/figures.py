"""The benchmark figures: one function per figure, each timing povdash against a floor.

Every function returns a list of rows {name, seconds, floor_seconds, ratio, target_ratio,
target_seconds, places, note}; a figure with no floor or target has None there. Timings are
medians of several runs (time.perf_counter); cold runs each get a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
Row = dict[str, Any]

# Targets of the issue.
COLD_LOAD_TARGET = 2.0  # x bare yaml.load of the same files
CHECK_1000_SECONDS = 10.0
LINEAR_TARGET = 1.25  # seconds per place at the largest N over that at the middle N
RELOAD_SECONDS = 0.2
RERUN_TARGET = 1.3
EXPORT_TARGET = 1.2


def row(
    name: str,
    seconds: float | None,
    floor: float | None = None,
    target_ratio: float | None = None,
    target_seconds: float | None = None,
    places: int | None = None,
    note: str = "",
) -> Row:
    """One figure; ratio is seconds / floor when there is a floor."""
    return {
        "name": name,
        "seconds": None if seconds is None else round(seconds, 6),
        "floor_seconds": None if floor is None else round(floor, 6),
        "ratio": None if not floor or seconds is None else round(seconds / floor, 3),
        "target_ratio": target_ratio,
        "target_seconds": target_seconds,
        "places": places,
        "note": note,
    }


def passed(r: Row) -> bool | None:
    """True/False against the row's target, None when it has none."""
    if r["target_ratio"] is not None and r["ratio"] is not None:
        return r["ratio"] <= r["target_ratio"]
    if r["target_seconds"] is not None and r["seconds"] is not None:
        return r["seconds"] <= r["target_seconds"]
    return None


def _worker(
    *args: str,
    timeout: float = 900,
    cache_home: Path | None = None,
    cache_off: bool = False,
) -> dict[str, Any]:
    """Run `python -m bench.worker args...` in a fresh interpreter and return its JSON line.

    povdash's on-disk cache (povdash.data.cache) lives in cache_home; without one, in a fresh empty
    folder (a first load ever, cache writes included); cache_off sets POVDASH_CACHE=0."""
    if cache_home is None:
        with tempfile.TemporaryDirectory(prefix="povdash-bench-cache-") as fresh:
            return _worker(*args, timeout=timeout, cache_home=Path(fresh), cache_off=cache_off)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache_home)}
    env.pop("POVDASH_CACHE", None)
    if cache_off:
        env["POVDASH_CACHE"] = "0"
    done = subprocess.run(
        [sys.executable, "-m", "bench.worker", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.worker {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median_of(k: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(k))


# --- 1. cold load of data/


def cold_load(root: Path = DATA, repeats: int = 5) -> list[Row]:
    """load_dataset of root (no per-capita basis), first call in a fresh process, against a
    first bare yaml.load(CSafeLoader) of the same YAML files in a fresh process; imports are
    timed apart and reported as their own row. The main figure runs with povdash's on-disk
    cache off (comparable run to run); the first load into an empty cache and a load from a
    filled one are reported alongside."""
    loads, fills, warms, floors, imports, cpus = [], [], [], [], [], []
    rows = errors = 0
    with tempfile.TemporaryDirectory(prefix="povdash-bench-cache-") as home:
        filled = Path(home)
        _worker("cold-load", str(root), cache_home=filled)
        for _ in range(repeats):  # interleaved, so load drifts on the shared machine hit all
            got = _worker("cold-load", str(root), cache_off=True)
            loads.append(got["seconds"])
            imports.append(got["imports"])
            cpus.append(got["cpu"])
            rows, errors = got["rows"], got["errors"]
            fills.append(_worker("cold-load", str(root))["seconds"])
            warms.append(_worker("cold-load", str(root), cache_home=filled)["seconds"])
            floors.append(_worker("cold-yaml", str(root))["seconds"])
    places = _places_in(root)
    floor = statistics.median(floors)
    note = (
        f"{rows} rows, {errors} errors; median of {repeats} fresh processes; "
        f"CPU {statistics.median(cpus):.3f} s; POVDASH_CACHE=0"
    )
    return [
        row("cold_load_data", statistics.median(loads), floor, COLD_LOAD_TARGET, places=places,
            note=note),
        row("cold_load_data_filling_cache", statistics.median(fills), floor, places=places,
            note="first load into an empty on-disk cache (writes every entry)"),
        row("cold_load_data_cache_warm", statistics.median(warms), floor, places=places,
            note="fresh process, on-disk cache filled by an earlier one"),
        row("cold_imports", statistics.median(imports), places=places,
            note="import povdash.data.dataset (pandas), once per process"),
    ]  # fmt: skip


def _places_in(root: Path) -> int:
    """Places that have observations (the observation files' place: lines)."""
    found: set[str] = set()
    for path in (root / "observations").glob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("place:"):
                found.add(stripped.split(":", 1)[1].strip())
    return len(found)


# --- 2. growth with the number of places


def scaling(trees: dict[int, Path], repeats: dict[int, int]) -> list[Row]:
    """load + validate + normalise of generated trees of N places (~150 observations each),
    each sample the first load in a fresh process, against bare yaml.load of the same files in
    that process; then seconds per place, and a second in-process load (after an edit)."""
    out: list[Row] = []
    per_place: dict[int, float] = {}
    sizes = sorted(trees)
    middle = sizes[len(sizes) // 2]
    for n in sizes:
        k = repeats.get(n, 1)
        samples = [
            _worker(
                "scale",
                str(trees[n]),
                "again" if n == middle else "once",
                timeout=1800,
                cache_off=True,  # the work itself; the cached check is warm_check's figure
            )
            for _ in range(k)
        ]
        seconds = statistics.median(s["seconds"] for s in samples)
        floor = statistics.median(s["floor"] for s in samples)
        cpu = statistics.median(s["cpu"] for s in samples)
        # CPU time: on the shared machine wall time per place mostly measures the neighbours
        per_place[n] = cpu / n
        target = CHECK_1000_SECONDS if n >= 1000 else None
        got = samples[-1]
        note = (
            f"{got['rows']} rows, {got['errors']} errors; median of {k} fresh processes; "
            f"CPU {cpu:.2f} s = {per_place[n] * 1000:.1f} ms/place"
        )
        out.append(row(f"load_{n}_places", seconds, floor, None, target, n, note))
        if n == middle:
            again = statistics.median(s["again"] for s in samples)
            out.append(
                row(
                    f"reload_{n}_places_same_process",
                    again,
                    floor,
                    places=n,
                    note="second load in one process (the dashboard after an edit)",
                )
            )
    if len(sizes) >= 2:
        big = sizes[-1]
        out.append(
            row(
                f"per_place_{big}_vs_{middle}",
                per_place[big],
                per_place[middle],
                LINEAR_TARGET,
                places=big,
                note=f"CPU s per place at {big} over that at {middle} (1.0 = linear)",
            )
        )
    return out


def warm_check(root: Path, repeats: int = 3) -> list[Row]:
    """load_dataset in a fresh process (what `povdash check` runs) after an earlier process
    filled povdash's on-disk cache: with nothing edited, and with one observation file edited
    (a comment appended, so its bytes and cache key change) before each run; against the cold
    bare yaml.load(CSafeLoader) floor of the same files."""
    places = _places_in(root)
    edited = sorted((root / "observations").glob("*.yaml"))[0]
    original = edited.read_bytes()
    warm, one, cpus = [], [], []
    with tempfile.TemporaryDirectory(prefix="povdash-bench-cache-") as home:
        cache_home = Path(home)
        fill = _worker("cold-load", str(root), timeout=1800, cache_home=cache_home)
        try:
            for i in range(repeats):
                got = _worker("cold-load", str(root), timeout=1800, cache_home=cache_home)
                warm.append(got["seconds"])
                cpus.append(got["cpu"])
                edited.write_bytes(original + f"# edited {time.time_ns()} {i}\n".encode())
                one.append(
                    _worker("cold-load", str(root), timeout=1800, cache_home=cache_home)["seconds"]
                )
        finally:
            edited.write_bytes(original)
    floor = _worker("cold-yaml", str(root), timeout=1800)["seconds"]
    note = (
        f"{got['rows']} rows, {got['errors']} errors; median of {repeats} fresh processes after "
        f"a filling one ({fill['seconds']:.2f} s); CPU {statistics.median(cpus):.2f} s"
    )
    return [
        row(f"check_{places}_places_warm", statistics.median(warm), floor, None,
            CHECK_1000_SECONDS, places, note),
        row(f"check_{places}_places_one_file_edited", statistics.median(one), floor, None,
            CHECK_1000_SECONDS, places,
            f"{edited.name} edited before each run (its YAML parsed again); median of {repeats}"),
    ]  # fmt: skip


# --- 3. warm reload through the dashboard's cache


def cached_reload(root: Path = DATA, repeats: int = 7) -> list[Row]:
    """app_pages._state.load() (fingerprint walk + st.cache_data hit) when nothing changed, in a
    fresh process with Streamlit in bare mode; the first, filling call is reported alongside."""
    code = (
        "import json, statistics, time, logging\n"
        "logging.disable(logging.WARNING)\n"
        "from app_pages import _state\n"
        "t = time.perf_counter(); d, _ = _state.load(); first = time.perf_counter() - t\n"
        "runs = []\n"
        f"for _ in range({repeats}):\n"
        "    t = time.perf_counter(); e, _ = _state.load(); runs.append(time.perf_counter() - t)\n"
        "print(json.dumps({'first': first, 'warm': statistics.median(runs),"
        " 'places': int(d.table['place'].nunique())}))\n"
    )
    with tempfile.TemporaryDirectory(prefix="povdash-bench-cache-") as fresh:
        # an empty on-disk cache: the first call is a first load ever
        env = {**os.environ, "PYTHONPATH": str(ROOT), "POVDASH_DATA": str(root)}
        env["XDG_CACHE_HOME"] = fresh
        env.pop("POVDASH_CACHE", None)
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"cached reload failed:\n{done.stderr[-2000:]}")
    got = json.loads(done.stdout.strip().splitlines()[-1])
    places = got["places"]
    return [
        row(
            f"cached_reload_{places}_places",
            got["warm"],
            None,
            None,
            RELOAD_SECONDS,
            places,
            f"median of {repeats}; the first (filling) call took {got['first']:.2f} s",
        )
    ]


# --- 4. Compare-page rerun

FLOOR_SCRIPT = """
import altair as alt
import pandas as pd
import streamlit as st

ROWS = {rows!r}
choice = st.sidebar.selectbox("rows", list(ROWS), key="rows")
n = ROWS[choice]
frame = pd.DataFrame(
    {{"x": [f"indicator {{i % 40}}" for i in range(n)], "y": list(range(n)),
     "c": [f"place {{i % 3}}" for i in range(n)]}}
)
st.altair_chart(alt.Chart(frame).mark_bar().encode(x="x:N", y="y:Q", color="c:N"), theme=None)
"""


def _chart_rows(at: Any) -> int:
    """Rows of data the page's first chart carries (Arrow IPC in the element's datasets)."""
    import pyarrow as pa

    charts = at.get("vega_lite_chart")
    if not charts:
        return 0
    total = 0
    for dataset in charts[0].proto.datasets:
        total += pa.ipc.open_stream(dataset.data.data).read_all().num_rows
    if not total:  # data inline in the spec instead of Arrow datasets
        spec = json.loads(charts[0].proto.spec)
        total = sum(len(v) for v in spec.get("datasets", {}).values())
        total += len(spec.get("data", {}).get("values", []))
    return total


def _shared_indicators(at: Any) -> int:
    """Panels (sub-charts) of the page's first chart's spec: one per shared indicator."""
    charts = at.get("vega_lite_chart")
    if not charts:
        return 0
    spec = json.loads(charts[0].proto.spec)
    for key in ("concat", "vconcat", "hconcat"):
        if key in spec:
            return len(spec[key])
    return 1


@contextmanager
def server_script_cache() -> Iterator[None]:
    """AppTest compiles every script (with Streamlit's magic AST pass) on every run, because it
    makes a new ScriptCache per run; a server keeps one for its lifetime and compiles a page once.
    Share one cache while timing, so reruns measure what a server pays (page and floor alike)."""
    from streamlit.runtime.scriptrunner import script_cache
    from streamlit.testing.v1 import app_test, local_script_runner

    shared = script_cache.ScriptCache()
    saved = app_test.ScriptCache, local_script_runner.ScriptCache
    for module in (app_test, local_script_runner):
        setattr(module, "ScriptCache", lambda: shared)  # noqa: B010 (a class, patched for timing)
    try:
        yield
    finally:
        app_test.ScriptCache, local_script_runner.ScriptCache = saved  # type: ignore[misc]


def _timed_runs(at: Any, change: Callable[[int], Any], repeats: int) -> list[float]:
    times = []
    for i in range(repeats):
        change(i)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"AppTest exception: {at.exception[0].message}")
    return times


def place_choices(root: Path) -> tuple[list[str], list[str]]:
    """Two filter states for the Compare page: the pair of places (among the first ten with
    rows) sharing the most indicators, then that pair plus one more place."""
    from itertools import combinations

    from povdash.data.dataset import load_dataset

    table = load_dataset(root).table
    order = list(dict.fromkeys(table["place"]))[:10]
    indicators = {p: set(table.loc[table["place"] == p, "indicator"]) for p in order}
    pair = max(combinations(order, 2), key=lambda ab: len(indicators[ab[0]] & indicators[ab[1]]))
    rest = [p for p in order if p not in pair]
    return list(pair), [*pair, *rest[:1]]


def compare_rerun(
    root: Path, choices: tuple[list[str], list[str]] | None = None, repeats: int = 15
) -> list[Row]:
    """AppTest of dashboard.py on the Compare page: rerun after the place filter changes
    (alternating two choices), against AppTest of a script drawing one Altair bar chart of
    the same number of rows after its own widget changes; page and floor runs alternate, so a
    busy neighbour on the shared machine slows both alike."""
    from streamlit.testing.v1 import AppTest

    choices = choices or place_choices(root)
    previous = os.environ.get("POVDASH_DATA")
    os.environ["POVDASH_DATA"] = str(root)
    try:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        at.run()
        at.switch_page("app_pages/compare.py").run()
        counts = []
        for choice in choices:
            at.sidebar.multiselect(key="places").set_value(choice).run()
            counts.append(_chart_rows(at))
        if not all(counts):
            shown = [e.value for e in [*at.error, *at.warning, *at.info]]
            raise RuntimeError(f"no Compare chart for {choices}: rows {counts}; page says {shown}")
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "floor_app.py"
            script.write_text(FLOOR_SCRIPT.format(rows={"a": counts[0], "b": counts[1]}))
            floor_at = AppTest.from_file(str(script), default_timeout=600)
            floor_at.run()
            pages: list[float] = []
            floors: list[float] = []
            with server_script_cache():
                for i in range(repeats):
                    at.sidebar.multiselect(key="places").set_value(choices[i % 2])
                    pages += _timed_runs(at, lambda _: None, 1)
                    floor_at.sidebar.selectbox(key="rows").set_value("ab"[i % 2])
                    floors += _timed_runs(floor_at, lambda _: None, 1)
    finally:
        if previous is None:
            os.environ.pop("POVDASH_DATA", None)
        else:
            os.environ["POVDASH_DATA"] = previous
    places = len(set(choices[0]) | set(choices[1]))
    shared = _shared_indicators(at)
    return [
        row(
            f"compare_rerun_{_places_in(root)}_places",
            statistics.median(pages),
            statistics.median(floors),
            RERUN_TARGET,
            places=_places_in(root),
            note=(
                f"{places} places chosen, {counts[0]}/{counts[1]} chart rows in "
                f"{shared} panels; median of {repeats}, page and floor runs alternating"
            ),
        )
    ]


# --- 5. propose throughput


def propose_throughput(texts_dirs: dict[str, Path]) -> list[Row]:
    """Characters per second of extract.propose on each texts folder (bench.propose_throughput)."""
    from bench.propose_throughput import measure

    out = []
    for label, folder in texts_dirs.items():
        got = measure(folder)
        cps = got["chars_per_second"]
        r = row(
            f"propose_{label}",
            got["seconds"],
            note=f"{got['chars']:,} chars per round, {cps:,.0f} chars/s",
        )
        r["chars_per_second"] = round(cps)
        out.append(r)
    return out


def _compare_rows(dataset: Any) -> Any:
    """Rows of the first indicator that at least two places report (a compare figure)."""
    table = dataset.table
    counts = table.groupby("indicator", sort=False)["place"].nunique()
    shared = [ind for ind, n in counts.items() if n >= 2]
    if not shared:
        return None
    return table.loc[table["indicator"] == shared[0]]


def export_png(roots: list[Path], repeats: int = 5) -> list[Row]:
    """povdash.report.export.figure_png of one compare figure (Vega fits it to its size, then its
    SVG is drawn) against vl_convert.vegalite_to_png of the same finished spec at the same scale;
    also the same figure exported again. Uses the first root with a figure."""
    import vl_convert as vlc

    from povdash.data.dataset import load_dataset
    from povdash.report import export

    for root in roots:
        dataset = load_dataset(root)
        rows = _compare_rows(dataset)
        if rows is not None:
            break
    else:
        raise RuntimeError("no indicator is reported by two places in any data folder")
    places = dataset.place_names()
    chart = export.comparison_chart(rows, places, "absolute", "zh")
    meta = export.figure_meta(rows, dataset.sources, "absolute", "slide", "zh", date(2025, 1, 1))
    export.figure_png(chart, meta)  # warm: font self-check and vl-convert's JS engine
    spec = export.figure_spec(chart, meta)
    scale = export.PNG_SCALE * 72 / export.PNG_PPI

    def bare() -> float:
        start = time.perf_counter()
        vlc.vegalite_to_png(spec, scale=scale, ppi=export.PNG_PPI, allowed_base_urls=[])
        return time.perf_counter() - start

    def fresh() -> float:
        start = time.perf_counter()
        export.figure_png(chart, meta)
        return time.perf_counter() - start

    def repeat() -> float:
        start = time.perf_counter()
        export.figure_png(chart, meta)
        return time.perf_counter() - start

    fresh_t, repeat_t, floor_t = [], [], []
    for _ in range(repeats):
        fresh_t.append(fresh())
        repeat_t.append(repeat())
        floor_t.append(bare())
    floor = statistics.median(floor_t)
    indicator = rows["indicator"].iloc[0]
    n_places = int(rows["place"].nunique())
    note = f"{indicator}, {n_places} places, {len(rows)} rows, slide 2x; median of {repeats}"
    return [
        row("export_png", statistics.median(fresh_t), floor, EXPORT_TARGET, places=n_places,
            note=note),
        row("export_png_repeat", statistics.median(repeat_t), floor, EXPORT_TARGET,
            places=n_places, note="same figure again (nothing is cached: as fresh)"),
    ]  # fmt: skip
