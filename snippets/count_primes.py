"""Count primes with pure-Python trial division: serially, on threads, on processes.

Every variant splits the range into the same chunks and gets the same count:

>>> count_serial(20_000, chunks=8)
2262
>>> count_with_threads(20_000, chunks=8, workers=2)
2262
>>> count_with_processes(20_000, chunks=8, workers=2)
2262

The chunks carry about the same work, so they get narrower as the numbers grow:

>>> starts, stops = bounds(20_000, chunks=4)
>>> starts[0], stops[-1], stops[0] - starts[0] > stops[-1] - starts[-1]
(0, 20000, True)

A pool that is already running can be reused for every count:

>>> with ProcessPoolExecutor(2) as pool:
...     count_in(pool, 20_000, chunks=8)
2262
"""

from __future__ import annotations

import os
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from math import isqrt, log


def count_primes(start: int, stop: int) -> int:
    """Primes in ``range(start, stop)``: CPU-bound, no shared state at all."""
    count = 0
    for n in range(max(start, 2), stop):
        for d in range(2, isqrt(n) + 1):
            if n % d == 0:
                break
        else:
            count += 1
    return count


def work_below(x: int) -> float:
    """Estimated steps to test every number below x: a few per number, and up to sqrt(n)
    divisions for each prime n (about one number in ln(n))."""
    return 5 * x + (x**1.5 / log(x) if x > 2 else 0)


def bounds(limit: int, chunks: int) -> tuple[list[int], list[int]]:
    """Chunk edges that give every chunk about the same work, not the same width."""
    edges = [0]
    for i in range(1, chunks):
        target, low, high = work_below(limit) * i / chunks, edges[-1], limit
        while high - low > 1:  # bisect for the edge where the work reaches its share
            middle = (low + high) // 2
            low, high = (middle, high) if work_below(middle) < target else (low, middle)
        edges.append(high)
    edges.append(limit)
    return edges[:-1], edges[1:]


def count_serial(limit: int, chunks: int) -> int:
    return sum(map(count_primes, *bounds(limit, chunks)))


def count_with_threads(limit: int, chunks: int, workers: int) -> int:
    # --8<-- [start:threads]
    with ThreadPoolExecutor(workers) as pool:
        return sum(pool.map(count_primes, *bounds(limit, chunks)))
    # --8<-- [end:threads]


def count_with_processes(limit: int, chunks: int, workers: int) -> int:
    with ProcessPoolExecutor(workers) as pool:
        return sum(pool.map(count_primes, *bounds(limit, chunks)))


def count_in(pool: Executor, limit: int, chunks: int) -> int:
    """The same with an executor (threads or processes) started once and reused."""
    return sum(pool.map(count_primes, *bounds(limit, chunks)))


if __name__ == "__main__":
    workers = os.cpu_count() or 1
    for name, run in (  # processes before threads: see "fork-with-threads" in the guide
        ("serial", lambda: count_serial(50_000, 16)),
        (f"{workers} processes", lambda: count_with_processes(50_000, 16, workers)),
        (f"{workers} threads", lambda: count_with_threads(50_000, 16, workers)),
    ):
        start = time.perf_counter()
        found = run()
        print(f"{name:>12}: {found} primes in {time.perf_counter() - start:.2f} s")
