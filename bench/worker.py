"""Measurements that must run in a fresh process: `python -m bench.worker <task> <args>`.

Each task prints one JSON object on its last line of stdout; bench.figures starts the process
and reads it, so every cold measurement gets its own interpreter (no warm modules or caches).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any


def yaml_files(root: Path) -> list[Path]:
    """The YAML files of a data folder that load_dataset reads: the catalogue and observations."""
    catalogue = [root / n for n in ("places.yaml", "programs.yaml", "indicators.yaml")]
    catalogue.append(root / "sources.yaml")
    return [p for p in catalogue if p.is_file()] + sorted((root / "observations").glob("*.yaml"))


def bare_yaml(root: Path) -> float:
    """Seconds to read and yaml.load (CSafeLoader) every YAML file of root: the load floor."""
    import yaml

    start = time.perf_counter()
    for path in yaml_files(root):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def _cpu() -> float:
    """CPU seconds of this process and of its finished children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def full_load(root: Path) -> tuple[float, int, int, float]:
    """Seconds of load_dataset: read, validate, verify quotes, tabulate with values normalised to
    canonical units (the issue's "load + validate + normalise"); also the row and error counts (a
    broken data folder shows) and the CPU seconds (on a
    shared machine wall time also holds waiting for a core). Per-capita bases are not part of
    it: the dashboard computes one basis per view, for the rows shown (see the compare rerun
    figure)."""
    from povdash.data.dataset import load_dataset

    start, cpu = time.perf_counter(), _cpu()
    dataset = load_dataset(root)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    errors = sum(1 for i in dataset.issues if i.severity == "error")
    return seconds, len(dataset.table), errors, cpu


def task_cold_load(root: Path) -> dict[str, Any]:
    """First load in a fresh process; imports are timed apart (they are paid once per server)."""
    start = time.perf_counter()
    import povdash.data.dataset  # noqa: F401

    imports = time.perf_counter() - start
    seconds, rows, errors, cpu = full_load(root)
    return {"seconds": seconds, "imports": imports, "rows": rows, "errors": errors, "cpu": cpu}


def task_cold_yaml(root: Path) -> dict[str, Any]:
    """The floor in a fresh process: import yaml, then load every file once."""
    start = time.perf_counter()
    import yaml  # noqa: F401

    imports = time.perf_counter() - start
    return {"seconds": bare_yaml(root), "imports": imports}


def task_scale(root: Path, again: bool) -> dict[str, Any]:
    """One sample in a fresh process: the floor, then the first (cold) load; with `again`, also
    a second load in the same process, as the dashboard pays after an edit (warm modules and
    whatever povdash memoises in-process)."""
    import povdash.data.dataset  # noqa: F401

    floor = bare_yaml(root)
    seconds, rows, errors, cpu = full_load(root)
    result = {"seconds": seconds, "floor": floor, "rows": rows, "errors": errors, "cpu": cpu}
    if again:
        result["again"] = full_load(root)[0]
    return result


def main(argv: list[str]) -> int:
    """Run one task and print its JSON result."""
    task, root = argv[0], Path(argv[1])
    if task == "cold-load":
        result = task_cold_load(root)
    elif task == "cold-yaml":
        result = task_cold_yaml(root)
    elif task == "scale":
        result = task_scale(root, len(argv) > 2 and argv[2] == "again")
    else:
        print(f"unknown task {task!r}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
