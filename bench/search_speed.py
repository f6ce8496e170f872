"""Search speed on one core: the shipped catalogue and 10,000 generated services.

    .venv/bin/python bench/search_speed.py

Generated services are copies of the shipped ones with new ids, neighbourhoods and a shuffled
share of their words, so the index has the size and the word mix of a large real social map.
Each query of bench/data/search_queries.yml runs once to warm up, then is timed 5 times, with
and without a neighbourhood filter. Prints p50 and p95 per query, and the time to build the index.
"""

from __future__ import annotations

import dataclasses
import os
import random
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.search_quality import shipped_catalogue  # noqa: E402
from bot.catalogue.catalogue import Catalogue  # noqa: E402

NEIGHBOURHOODS = ("Centrum", "Noord", "Oost", "Zuid", "West")


def generated(services, size: int, seed: int = 7):
    rng = random.Random(seed)
    out = []
    for index in range(size):
        base = services[index % len(services)]
        words = list(base.keywords)
        rng.shuffle(words)
        out.append(
            dataclasses.replace(
                base,
                id=f"{base.id}-gen{index}",
                name=f"{base.name} {index}",
                keywords=tuple(words[: max(1, len(words) - rng.randint(0, 3))]),
                neighbourhoods=() if rng.random() < 0.3 else (rng.choice(NEIGHBOURHOODS),),
            )
        )
    return out


def percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[int(len(timings) * 0.95)]


def measure_cold(catalogue: Catalogue, queries: list[str]) -> tuple[float, float]:
    """Each query as if its words were never seen before (typo and compound look-ups included)."""
    timings = []
    for q in queries:
        catalogue.index._expansions.clear()
        started = time.perf_counter()
        catalogue.search(q)
        timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings)


def measure(catalogue: Catalogue, queries: list[str]) -> tuple[float, float]:
    timings = []
    for q in queries:
        catalogue.search(q)
        for repeat in range(5):
            started = time.perf_counter()
            catalogue.search(q, neighbourhood=NEIGHBOURHOODS[repeat] if repeat % 2 else None)
            timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings)


def main() -> None:
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    queries = [
        str(q["q"]) for q in yaml.safe_load((ROOT / "bench/data/search_queries.yml").read_text())["queries"]
    ]
    shipped = shipped_catalogue()
    for label, services in (
        ("shipped catalogue", shipped.services),
        ("10,000 generated services", generated(shipped.services, 10_000)),
    ):
        started = time.perf_counter()
        catalogue = Catalogue(services)
        built = time.perf_counter() - started
        cold50, cold95 = measure_cold(catalogue, queries)
        p50, p95 = measure(catalogue, queries)
        print(
            f"{label} ({len(services)} services), one core, index built in {built:.1f} s:\n"
            f"  words seen before: p50 {p50:.2f} ms, p95 {p95:.2f} ms per query\n"
            f"  words never seen:  p50 {cold50:.2f} ms, p95 {cold95:.2f} ms per query"
        )


if __name__ == "__main__":
    main()
