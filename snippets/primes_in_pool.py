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
