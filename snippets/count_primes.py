"""Count primes with pure-Python trial division: serially, on threads, on processes.

Every variant splits the range into the same chunks and gets the same count:

>>> count_serial(20_000, chunks=8)
2262
>>> count_with_threads(20_000, chunks=8, workers=2)
2262
>>> count_with_processes(20_000, chunks=8, workers=2)
2262
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from math import isqrt


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


def bounds(limit: int, chunks: int) -> tuple[list[int], list[int]]:
    edges = [limit * i // chunks for i in range(chunks + 1)]
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


if __name__ == "__main__":
    workers = os.cpu_count() or 1
    for name, run in (
        ("serial", lambda: count_serial(50_000, 16)),
        (f"{workers} threads", lambda: count_with_threads(50_000, 16, workers)),
        (f"{workers} processes", lambda: count_with_processes(50_000, 16, workers)),
    ):
        start = time.perf_counter()
        found = run()
        print(f"{name:>12}: {found} primes in {time.perf_counter() - start:.2f} s")
