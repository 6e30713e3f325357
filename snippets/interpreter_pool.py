"""Run CPU-bound work in subinterpreters: each one has its own GIL (Python 3.14+).

>>> count_primes(0, 100)
25
>>> HAS_INTERPRETERS == (sys.version_info >= (3, 14))
True
"""

from __future__ import annotations

import platform
import sys
from math import isqrt

HAS_INTERPRETERS = sys.version_info >= (3, 14)


def count_primes(start: int, stop: int) -> int:
    count = 0
    for n in range(max(start, 2), stop):
        for d in range(2, isqrt(n) + 1):
            if n % d == 0:
                break
        else:
            count += 1
    return count


# --8<-- [start:pool]
def count_in_interpreters(limit: int, chunks: int, workers: int) -> int:
    from concurrent.futures import InterpreterPoolExecutor  # Python 3.14+

    edges = [limit * i // chunks for i in range(chunks + 1)]
    with InterpreterPoolExecutor(workers) as pool:
        return sum(pool.map(count_primes, edges[:-1], edges[1:]))


# --8<-- [end:pool]


# --8<-- [start:low_level]
def sum_in_new_interpreter(numbers: tuple[int, ...]) -> int:
    from concurrent import interpreters  # Python 3.14+

    interp = interpreters.create()
    try:
        queue = interpreters.create_queue()
        interp.prepare_main(numbers=numbers, queue=queue)  # shareable: passed as is
        interp.exec("queue.put(sum(numbers))")  # runs in the interpreter's own __main__
        return queue.get()
    finally:
        interp.close()


# --8<-- [end:low_level]


if __name__ == "__main__":
    if not HAS_INTERPRETERS:
        version = platform.python_version()
        print(f"Subinterpreters need Python 3.14 or newer; this is Python {version}.")
        sys.exit(0)
    print(
        f"primes below 100,000: {count_in_interpreters(100_000, 8, 2)} (2 interpreters)"
    )
    print(f"sum computed in a new interpreter: {sum_in_new_interpreter((1, 2, 3, 4))}")
