"""Many small tasks: ``multiprocessing.Pool.map`` against ``ProcessPoolExecutor.map``.

All three give the same list, in input order:

>>> items = list(range(40))
>>> expected = [small_task(n) for n in items]
>>> with_pool(items, workers=2) == expected
True
>>> with_executor(items, workers=2) == expected
True
>>> with_executor(items, workers=2, chunksize=5) == expected
True

``Pool.map`` cuts the input into about four chunks per worker:

>>> pool_chunksize(10_000, workers=2)
1250
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool


def small_task(n: int) -> int:
    """About a hundred microseconds of pure-Python work."""
    return sum(i * i for i in range(1_000)) + n


def pool_chunksize(count: int, workers: int) -> int:
    """The chunksize ``Pool.map`` picks when you give none."""
    chunksize, extra = divmod(count, workers * 4)
    return chunksize + bool(extra)


# --8<-- [start:compare]
def with_pool(items: list[int], workers: int) -> list[int]:
    with Pool(workers) as pool:
        return pool.map(small_task, items)  # chunks of len(items) / (4 * workers)


def with_executor(items: list[int], workers: int, chunksize: int = 1) -> list[int]:
    with ProcessPoolExecutor(workers) as executor:
        # chunksize=1 (the default) sends every item in its own message
        return list(executor.map(small_task, items, chunksize=chunksize))
    # --8<-- [end:compare]


if __name__ == "__main__":
    workers = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count() or 1
    )
    items = list(range(1_000))
    chunk = pool_chunksize(len(items), workers)
    for name, run in (
        ("serial", lambda: [small_task(n) for n in items]),
        ("Pool.map", lambda: with_pool(items, workers)),
        ("ProcessPoolExecutor, chunksize=1", lambda: with_executor(items, workers)),
        (
            f"ProcessPoolExecutor, chunksize={chunk}",
            lambda: with_executor(items, workers, chunk),
        ),
    ):
        start = time.perf_counter()
        run()
        print(f"{name:>36}: {time.perf_counter() - start:.3f} s")
