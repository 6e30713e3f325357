"""A counter that several worker processes add to: four correct ways, fastest first.

Each returns the exact total under every start method:

>>> count_by_returning(workers=2, per_worker=5_000)
10000
>>> count_with_value_lock(workers=2, per_worker=5_000)
10000
>>> count_with_initializer_lock(workers=2, per_worker=5_000)
10000
>>> count_with_manager(workers=2, per_worker=100)
200

A lock or a shared ``Value`` cannot travel as a task argument: it must be handed to a
worker when the worker starts (``initializer``/``initargs``), or be a Manager proxy:

>>> with Pool(1) as pool:
...     try:
...         pool.apply(add_under_lock, (Lock(), Value("q", 0), 1))
...     except RuntimeError as error:
...         print(error)
Lock objects should only be shared between processes through inheritance

``Array`` is a fixed-size block of shared memory; ``get_lock()`` guards it too:

>>> tally_remainders(range(1_000), buckets=3, workers=2)
[334, 333, 333]
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from ctypes import c_longlong
from multiprocessing import Array, Lock, Manager, Pool, Value
from multiprocessing.sharedctypes import Synchronized, SynchronizedArray
from multiprocessing.synchronize import Lock as LockType
from typing import Any, Protocol


class Counter(Protocol):
    value: int


# --8<-- [start:add]
def add_under_lock(
    lock: AbstractContextManager[Any], counter: Counter, times: int
) -> None:
    for _ in range(times):
        with lock:  # read, add and write as one step
            counter.value += 1


# --8<-- [end:add]


# 1. Don't share: each task counts on its own and returns its count.
# --8<-- [start:returning]
def count_locally(times: int) -> int:
    count = 0
    for _ in range(times):
        count += 1
    return count


def count_by_returning(workers: int, per_worker: int) -> int:
    with Pool(workers) as pool:
        return sum(pool.map(count_locally, [per_worker] * workers))


# --8<-- [end:returning]


# 2. A shared Value and its own lock, handed over when each worker starts.
# --8<-- [start:value]
_value: Synchronized[int]


def share_value(value: Synchronized[int]) -> None:
    global _value
    _value = value


def add_to_value(times: int) -> None:
    add_under_lock(_value.get_lock(), _value, times)


def count_with_value_lock(workers: int, per_worker: int) -> int:
    value = Value("q", 0)  # a 64-bit int in shared memory, with a lock
    with Pool(workers, initializer=share_value, initargs=(value,)) as pool:
        pool.map(add_to_value, [per_worker] * workers)
    return value.value


# --8<-- [end:value]


# 3. The post's code, fixed: the lock is handed over, not re-created in each worker.
# --8<-- [start:initializer]
_counter: c_longlong
_lock: LockType


def share_counter_and_lock(counter: c_longlong, lock: LockType) -> None:
    global _counter, _lock
    _counter, _lock = counter, lock


def add_to_counter(times: int) -> None:
    add_under_lock(_lock, _counter, times)


def count_with_initializer_lock(workers: int, per_worker: int) -> int:
    counter = Value("q", 0, lock=False)  # shared memory, no lock of its own
    lock = Lock()
    # --8<-- [start:one_liner]
    with Pool(
        workers, initializer=share_counter_and_lock, initargs=(counter, lock)
    ) as pool:
        pool.map(add_to_counter, [per_worker] * workers)
    # --8<-- [end:one_liner]
    return counter.value


# --8<-- [end:initializer]


# 4. A Manager: its proxies can be task arguments; every use is a round trip.
# --8<-- [start:manager]
def count_with_manager(workers: int, per_worker: int) -> int:
    with Manager() as manager, Pool(workers) as pool:
        lock, counter = manager.Lock(), manager.Value("q", 0)
        pool.starmap(add_under_lock, [(lock, counter, per_worker)] * workers)
        return counter.value


# --8<-- [end:manager]


# --8<-- [start:array]
_tally: SynchronizedArray[int]


def share_tally(tally: SynchronizedArray[int]) -> None:
    global _tally
    _tally = tally


def tally_remainder(n: int) -> None:
    with _tally.get_lock():
        _tally[n % len(_tally)] += 1


def tally_remainders(numbers: Iterable[int], buckets: int, workers: int) -> list[int]:
    tally = Array("q", buckets)  # zeros
    with Pool(workers, initializer=share_tally, initargs=(tally,)) as pool:
        pool.map(tally_remainder, numbers)
    return tally[:]


# --8<-- [end:array]


if __name__ == "__main__":
    import time

    workers = 2
    for count, per_worker in (
        (count_by_returning, 50_000),
        (count_with_value_lock, 50_000),
        (count_with_initializer_lock, 50_000),
        (count_with_manager, 200),
    ):
        start = time.perf_counter()
        total = count(workers, per_worker)
        seconds = time.perf_counter() - start
        print(
            f"{count.__name__:>28}: {total:>7,} of {workers * per_worker:>7,} "
            f"in {seconds:.3f} s ({seconds / total * 1e6:.2f} µs per increment)"
        )
    print("remainders of 0..999 by 3:", tally_remainders(range(1_000), 3, workers))
