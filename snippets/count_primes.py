"""Count primes with pure-Python trial division: serially, on threads, on processes.

Every variant splits the range into the same chunks and gets the same count:

>>> count_serial(20_000, chunks=8)
2262
>>> count_with_threads(20_000, chunks=8, workers=2)
2262
>>> count_with_processes(20_000, chunks=8, workers=2)
2262
"""Count primes with a process pool: a worker that every start method can import.

A notebook imports the worker from here instead of defining it in a cell: under spawn
and forkserver a worker process imports the function by name, and a function defined
in a notebook cell has no module to be imported from.

>>> count_primes(100)
25
>>> count_primes_in_pool([10, 100, 1_000], workers=2)
[4, 25, 168]
>>> count_primes_in_pool([100, 100], workers=2, start_method="spawn")
[25, 25]
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
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor


def count_primes(limit: int) -> int:
    """Primes below ``limit``, by trial division: CPU-bound."""
    count = 0
    for n in range(2, limit):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
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
def count_primes_in_pool(
    limits: list[int],
    workers: int | None = None,
    start_method: str | None = None,
) -> list[int]:
    """``count_primes`` of each limit, in order, on a pool."""
    # None: the default start method of this platform and Python
    context = multiprocessing.get_context(start_method)
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        return list(pool.map(count_primes, limits))


if __name__ == "__main__":
    limits = [20_000] * 8
    workers = min(2, os.cpu_count() or 1)
    start = time.perf_counter()
    expected = [count_primes(limit) for limit in limits]
    print(
        f"serial: {expected[0]} primes below {limits[0]:,} in"
        f" {time.perf_counter() - start:.3f} s"
    )
    for method in multiprocessing.get_all_start_methods():
        start = time.perf_counter()
        assert count_primes_in_pool(limits, workers, method) == expected
        print(f"{method:>10}, {workers} workers: {time.perf_counter() - start:.3f} s")
