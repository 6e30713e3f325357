"""Every way to hand tasks to a pool, and the order in which their results come back.

Each ``with_*`` function yields results as the caller receives them. Three keep the
input order; ``imap_unordered`` and callbacks follow the order in which tasks finish,
which changes from run to run, so these examples compare sorted lists:

>>> jobs = uneven_jobs(unit=0.002)
>>> in_order = [2**job.n for job in jobs]
>>> with Pool(2) as pool:
...     list(with_map(pool, jobs)) == in_order
...     list(with_imap(pool, jobs)) == in_order
...     list(with_apply_async(pool, jobs)) == in_order  # get() in the order you call it
...     sorted(with_imap_unordered(pool, jobs)) == sorted(in_order)
...     sorted(with_callbacks(pool, jobs)) == sorted(in_order)
True
True
True
True
True

``apply`` and ``apply_async`` take a tuple of positional arguments and a dict of
keyword arguments; ``starmap`` unpacks each tuple into positional arguments:

>>> with Pool(2) as pool:
...     pool.apply(power_of_two, (10,))
...     pool.apply_async(power_of_two, (3,), {"seconds": 0.01}).get(timeout=30)
...     pool.starmap(power_of_two, [(1, 0.0), (2, 0.0), (3, 0.0)])
1024
8
[2, 4, 8]

``map_async`` calls its callback once, with the whole list:

>>> batches = []
>>> with Pool(2) as pool:
...     pool.map_async(run_job, jobs, callback=batches.append).wait(timeout=30)
>>> batches == [in_order]
True

Callbacks run in a thread of the pool, not in the thread that submitted the task:

>>> import threading
>>> with Pool(2) as pool:
...     callback_thread(pool) is threading.current_thread()
False

A task's exception goes to its ``error_callback`` and is raised again by ``get()``:

>>> errors = []
>>> with Pool(2) as pool:
...     failed = pool.apply_async(power_of_two, (-1,), error_callback=errors.append)
...     failed.get(timeout=30)
Traceback (most recent call last):
...
ValueError: n must be >= 0, got -1
>>> errors
[ValueError('n must be >= 0, got -1')]
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from multiprocessing import Pool
from multiprocessing.pool import Pool as PoolType
from typing import NamedTuple


class Job(NamedTuple):
    n: int
    seconds: float  # how long the task takes: uneven on purpose


def power_of_two(n: int, seconds: float = 0.0) -> int:
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    time.sleep(seconds)  # stands in for work of a known length
    return 2**n


def run_job(job: Job) -> int:
    return power_of_two(job.n, job.seconds)


def uneven_jobs(unit: float = 0.01) -> list[Job]:
    """One slow job at the front of the queue, then short ones."""
    lengths = (6, 1, 2, 1, 3, 1, 2, 1)
    return [Job(n, length * unit) for n, length in enumerate(lengths)]


# --8<-- [start:ways]
def with_map(pool: PoolType, jobs: list[Job]) -> Iterator[int]:
    yield from pool.map(run_job, jobs)  # one list, once every job is done


def with_imap(pool: PoolType, jobs: list[Job]) -> Iterator[int]:
    yield from pool.imap(run_job, jobs)  # input order, each as soon as it can be


def with_imap_unordered(pool: PoolType, jobs: list[Job]) -> Iterator[int]:
    # --8<-- [start:one_liner]
    yield from pool.imap_unordered(run_job, jobs)  # completion order
    # --8<-- [end:one_liner]


def with_apply_async(pool: PoolType, jobs: list[Job]) -> Iterator[int]:
    pending = [
        pool.apply_async(power_of_two, (j.n,), {"seconds": j.seconds}) for j in jobs
    ]
    for result in pending:
        yield result.get()  # waits for *this* job, however fast the others were


def with_callbacks(pool: PoolType, jobs: list[Job]) -> Iterator[int]:
    done: queue.SimpleQueue[int | BaseException] = queue.SimpleQueue()
    for job in jobs:
        pool.apply_async(run_job, (job,), callback=done.put, error_callback=done.put)
    for _ in jobs:
        result = done.get()  # completion order: callbacks run as results arrive
        if isinstance(result, BaseException):
            raise result
        yield result


# --8<-- [end:ways]


def callback_thread(pool: PoolType) -> threading.Thread:
    """The thread that ran a callback: the pool's result-handler thread."""
    ran_in: list[threading.Thread] = []
    pool.apply_async(
        power_of_two, (0,), callback=lambda _: ran_in.append(threading.current_thread())
    ).wait(timeout=30)
    return ran_in[0]


WAYS = {
    "map": with_map,
    "imap": with_imap,
    "imap_unordered": with_imap_unordered,
    "apply_async + get()": with_apply_async,
    "apply_async + callback": with_callbacks,
}

if __name__ == "__main__":
    jobs = uneven_jobs()
    print("jobs (n, seconds):", [(job.n, job.seconds) for job in jobs])
    with Pool(2) as pool:
        pool.map(power_of_two, range(2))  # start the workers before timing anything
        for name, way in WAYS.items():
            start = time.perf_counter()
            arrivals = [
                (result, time.perf_counter() - start) for result in way(pool, jobs)
            ]
            timeline = ", ".join(f"{r} at {t:.2f}s" for r, t in arrivals)
            print(f"{name:>22}: {timeline}")
