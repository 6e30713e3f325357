"""Map a function over many inputs with a pool of processes or threads; end it properly.

Processes and threads take the same line:

>>> squares_with_processes(range(6), workers=2)
[0, 1, 4, 9, 16, 25]
>>> squares_with_threads(range(6), workers=2)
[0, 1, 4, 9, 16, 25]

``multiprocessing.dummy.Pool`` is the old name of that thread pool:

>>> from multiprocessing import dummy
>>> with dummy.Pool(2) as pool:
...     type(pool).__name__, pool.map(square, [3, 4])
('ThreadPool', [9, 16])

Asynchronous results must be collected before the ``with`` block ends:

>>> squares_close_join(range(6), workers=2)
[0, 1, 4, 9, 16, 25]

Leaving the block first loses them: ``__exit__`` calls ``terminate()``, which kills the
workers mid-task, and the result never arrives.

>>> lost_on_exit()
False

``Pool()`` without a size starts ``default_pool_size()`` workers:

>>> import multiprocessing
>>> with Pool() as pool:
...     len(multiprocessing.active_children()) == default_pool_size()
True
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from functools import partial
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool


def square(n: int) -> int:
    return n * n


def squares_with_processes(
    numbers: Iterable[int], workers: int | None = None, chunksize: int | None = None
) -> list[int]:
    # --8<-- [start:one_liner]
    with Pool(workers) as pool:
        squares = pool.map(square, numbers, chunksize)
    # --8<-- [end:one_liner]
    return squares


def squares_with_threads(
    numbers: Iterable[int], workers: int | None = None, chunksize: int | None = None
) -> list[int]:
    with ThreadPool(workers) as pool:
        squares = pool.map(square, numbers, chunksize)
        pool.close()
        pool.join()  # __exit__ does not wait for its threads; a fork may follow
    return squares


def squares_close_join(numbers: Iterable[int], workers: int | None = None) -> list[int]:
    # --8<-- [start:close_join]
    with Pool(workers) as pool:
        pending = [pool.apply_async(square, (n,)) for n in numbers]
        pool.close()  # no more tasks: each worker exits once the queue is empty
        pool.join()  # wait for them, so every result has arrived
    return [result.get() for result in pending]
    # --8<-- [end:close_join]


def lost_on_exit(seconds: float = 60.0) -> bool:
    """Submit a task, leave the ``with`` block at once: is its result ready?"""
    # --8<-- [start:trap]
    with Pool(1) as pool:
        pending = pool.apply_async(time.sleep, (seconds,))
    # __exit__ called terminate(): the worker was killed; get() would wait forever
    return pending.ready()
    # --8<-- [end:trap]


# --8<-- [start:default_size]
def default_pool_size() -> int:
    """How many workers Pool() and ThreadPool() start when you pass no size."""
    if sys.version_info >= (3, 13):
        return os.process_cpu_count() or 1  # the CPUs this process may run on
    return os.cpu_count() or 1  # every CPU of the machine, usable or not


# --8<-- [end:default_size]


def _seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


if __name__ == "__main__":
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print(f"os.cpu_count() = {os.cpu_count()}, CPUs this process may use = {usable}")
    print(f"Pool() starts {default_pool_size()} workers here")
    print(f"result ready after leaving the with block: {lost_on_exit()}")
    numbers = list(range(2_000))  # trivial work: the pool's own overhead dominates
    runs: dict[str, Callable[[], object]] = {
        "serial": lambda: [square(n) for n in numbers]
    }
    for chunksize in (1, None):
        name = "default chunksize" if chunksize is None else f"chunksize={chunksize}"
        runs[f"2 processes, {name}"] = partial(
            squares_with_processes, numbers, 2, chunksize
        )
        runs[f"2 threads, {name}"] = partial(
            squares_with_threads, numbers, 2, chunksize
        )
    for label, run in runs.items():
        print(f"{label:>30}: {_seconds(run):.4f} s for {len(numbers):,} squares")
