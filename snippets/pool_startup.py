"""What a pool costs before it does any work: start it, run one task, shut it down.

>>> seconds = time_pool_startup("spawn", workers=1)
>>> isinstance(seconds, float) and seconds > 0
True

The start method is chosen for this pool only; the program's default is untouched:

>>> import multiprocessing
>>> default = multiprocessing.get_start_method()
>>> _ = time_pool_startup("forkserver", workers=1)
>>> multiprocessing.get_start_method() == default
True
"""

from __future__ import annotations

import multiprocessing
import time


def one_task(x: int) -> int:
    return x + 1


# --8<-- [start:context]
def time_pool_startup(method: str, workers: int = 2) -> float:
    start = time.perf_counter()
    context = multiprocessing.get_context(method)  # for this pool only
    with context.Pool(workers) as pool:
        assert pool.apply(one_task, (1,)) == 2
        pool.close()  # a clean shutdown: workers finish and exit
        pool.join()
    return time.perf_counter() - start


# --8<-- [end:context]


if __name__ == "__main__":
    for method in multiprocessing.get_all_start_methods():
        first = time_pool_startup(method)
        second = time_pool_startup(method)
        print(
            f"{method:>10}: first pool {first * 1e3:.0f} ms, next {second * 1e3:.0f} ms"
        )
