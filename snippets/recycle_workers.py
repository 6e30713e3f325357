"""Replace workers after a few tasks, so that a leak in the task cannot grow for ever.

``leaky_task`` keeps 1 MiB per call, as a cache that is never emptied would. With
``maxtasksperchild=2`` no worker holds more than two blocks, and 8 tasks need at
least 4 worker processes:

>>> held, pids = run_with_pool(tasks=8, workers=2, tasks_per_child=2)
>>> max(held) <= 2, len(pids) >= 4
(True, True)

``ProcessPoolExecutor`` (3.11+) calls it ``max_tasks_per_child``; here a new process
runs each task:

>>> held, pids = run_with_executor(tasks=3, workers=2)
>>> held, len(pids) >= 2
([1, 1, 1], True)
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

_leaked: list[bytearray] = []


def leaky_task(n: int) -> tuple[int, int]:
    _leaked.append(bytearray(1 << 20))  # never freed while this process lives
    return len(_leaked), os.getpid()


# --8<-- [start:recycle]
def run_with_pool(
    tasks: int, workers: int, tasks_per_child: int
) -> tuple[list[int], set[int]]:
    # Not fork: replacement workers would be forked while the pool's threads run.
    ctx = get_context("spawn")
    with ctx.Pool(workers, maxtasksperchild=tasks_per_child) as pool:
        results = pool.map(leaky_task, range(tasks), chunksize=1)
    return [held for held, _ in results], {pid for _, pid in results}


def run_with_executor(tasks: int, workers: int) -> tuple[list[int], set[int]]:
    # Values above 1 can hang on 3.11-3.12 and older 3.13/3.14 releases (gh-115634).
    # It refuses the fork start method; without mp_context it uses spawn.
    with ProcessPoolExecutor(workers, max_tasks_per_child=1) as pool:
        results = list(pool.map(leaky_task, range(tasks)))
    return [held for held, _ in results], {pid for _, pid in results}


# --8<-- [end:recycle]


if __name__ == "__main__":
    held, pids = run_with_pool(tasks=12, workers=2, tasks_per_child=3)
    print(f"Pool: 12 tasks in {len(pids)} processes, each held at most {max(held)} MiB")
    held, pids = run_with_executor(tasks=4, workers=2)
    print(f"ProcessPoolExecutor: 4 tasks ran in {len(pids)} processes")
