"""Progress bars for pools: the parent advances the bar as each result arrives.

Every bar reaches its total (written to a string here instead of the terminal):

>>> for show in (squares_with_pool, squares_with_executor, squares_with_process_map):
...     out = io.StringIO()
...     squares = show(range(20), workers=2, file=out)
...     print(sorted(squares) == [n * n for n in range(20)], "20/20" in out.getvalue())
True True
True True
True True

What does not work: counting in the workers. Each worker changes its own copy of the
counter (or of a bar), and the parent's never moves:

>>> counted_in_workers(range(20), workers=2)
0
"""

from __future__ import annotations

import io  # noqa: F401  (the doctest uses it)
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import Pool
from typing import TextIO

from tqdm import tqdm
from tqdm.contrib.concurrent import process_map

# No monitor thread: the pools below may fork this process, which must not run threads.
tqdm.monitor_interval = 0


def slow_square(n: int) -> int:
    time.sleep(0.01)
    return n * n


# --8<-- [start:pool]
def squares_with_pool(
    numbers: Sequence[int], workers: int, file: TextIO | None = None
) -> list[int]:
    with Pool(workers) as pool:
        # --8<-- [start:one_liner]
        results = pool.imap_unordered(slow_square, numbers, chunksize=4)
        return list(tqdm(results, total=len(numbers), file=file))
        # --8<-- [end:one_liner]


# --8<-- [end:pool]


# --8<-- [start:executor]
def squares_with_executor(
    numbers: Sequence[int], workers: int, file: TextIO | None = None
) -> list[int]:
    with ProcessPoolExecutor(workers) as pool:
        futures = [pool.submit(slow_square, n) for n in numbers]
        done = tqdm(as_completed(futures), total=len(futures), file=file)
        return [future.result() for future in done]


# --8<-- [end:executor]


# --8<-- [start:process_map]
def squares_with_process_map(
    numbers: Sequence[int], workers: int, file: TextIO | None = None
) -> list[int]:
    # tqdm's helper around ProcessPoolExecutor.map, results in order. Keep chunksize=1:
    # tqdm 4.70 counts a chunk as one item, so a larger one stops the bar short.
    return process_map(slow_square, numbers, max_workers=workers, file=file)


# --8<-- [end:process_map]


# --8<-- [start:wrong]
_count = 0


def count_in_worker(n: int) -> int:
    global _count
    _count += 1  # the worker's copy: the parent never sees it
    return n


def counted_in_workers(numbers: Sequence[int], workers: int) -> int:
    with Pool(workers) as pool:
        pool.map(count_in_worker, numbers)
    return _count


# --8<-- [end:wrong]


if __name__ == "__main__":
    numbers = range(40)
    for show in (squares_with_pool, squares_with_executor, squares_with_process_map):
        squares = show(numbers, workers=2, file=sys.stderr)
        print(f"{show.__name__}: {len(squares)} results, bar on stderr")
    print(f"counted in workers: {counted_in_workers(numbers, workers=2)} (not 40)")
