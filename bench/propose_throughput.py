"""Throughput of `extract.propose` on the stored source texts, in characters per second.

Run with `python -m bench.propose_throughput`; a bench runner calls measure() for the same figure.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from extract import propose

TEXTS = Path(__file__).resolve().parent.parent / "data" / "texts"
MIN_SECONDS = 1.0  # repeat until the timing is long enough to be stable


def measure(texts_dir: Path = TEXTS) -> dict[str, Any]:
    """Propose on every data/texts/*.txt until MIN_SECONDS pass; the best of three rounds."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(texts_dir.glob("*.txt"))]
    if not texts:
        raise FileNotFoundError(f"no *.txt under {texts_dir}")
    chars_per_round = sum(map(len, texts))
    best = float("inf")
    rounds_per_sample = 1
    for _ in range(3):
        start = time.perf_counter()
        rounds = 0
        while (elapsed := time.perf_counter() - start) < MIN_SECONDS or rounds < rounds_per_sample:
            for text in texts:
                propose(text)
            rounds += 1
        rounds_per_sample = rounds
        best = min(best, elapsed / rounds)
    return {
        "name": "propose_throughput",
        "seconds": best,
        "chars": chars_per_round,
        "chars_per_second": chars_per_round / best,
    }


def main() -> None:
    """Print the figure."""
    result = measure()
    print(
        f"{result['name']}: {result['chars']} chars in {result['seconds'] * 1000:.1f} ms "
        f"= {result['chars_per_second']:,.0f} chars/s"
    )


if __name__ == "__main__":
    main()
