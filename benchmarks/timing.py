"""Shared timing for the benchmark scripts: best wall time of repeated runs."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable


def best_over(fn: Callable, items: Iterable, repeat: int, *, warmup: bool = True) -> float:
    """Best of ``repeat`` passes of ``fn`` over every item (one untimed pass first loads caches)."""
    items = list(items)
    if warmup:
        for x in items:
            fn(x)
    best = float("inf")
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        for x in items:
            fn(x)
        best = min(best, time.perf_counter() - t)
    return best
