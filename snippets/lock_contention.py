"""All the work under one lock: a process pool that cannot beat a plain loop.

Serial, locked and unlocked give the same results; only the time differs:

>>> work = [20_000] * 4
>>> serial = checksums_serial(work)
>>> checksums_locked(work, workers=2) == serial
True
>>> checksums_unlocked(work, workers=2) == serial
True
"""

from __future__ import annotations

import time
from multiprocessing import Lock, Pool
from multiprocessing.synchronize import Lock as LockType

MASK = (1 << 64) - 1


def crunch(rounds: int) -> int:
    """Pure-Python CPU work: ``rounds`` steps of a linear congruential generator."""
    x = rounds
    for _ in range(rounds):
        x = (x * 6364136223846793005 + 1442695040888963407) & MASK
    return x


def checksums_serial(work: list[int]) -> list[int]:
    return [crunch(rounds) for rounds in work]


# --8<-- [start:locked]
_lock: LockType


def share_lock(lock: LockType) -> None:
    global _lock
    _lock = lock


def crunch_locked(rounds: int) -> int:
    with _lock:  # one task at a time, in whichever worker holds the lock
        return crunch(rounds)


def checksums_locked(work: list[int], workers: int) -> list[int]:
    with Pool(workers, initializer=share_lock, initargs=(Lock(),)) as pool:
        return pool.map(crunch_locked, work, chunksize=1)


# --8<-- [end:locked]


def checksums_unlocked(work: list[int], workers: int) -> list[int]:
    with Pool(workers) as pool:
        return pool.map(crunch, work, chunksize=1)


if __name__ == "__main__":
    work = [60_000] * 8
    for name, run in (
        ("serial", checksums_serial),
        ("2 processes, all work under one lock", lambda w: checksums_locked(w, 2)),
        ("2 processes, no lock", lambda w: checksums_unlocked(w, 2)),
    ):
        start = time.perf_counter()
        run(work)
        print(f"{name:>36}: {time.perf_counter() - start:.3f} s")
