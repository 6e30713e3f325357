"""The 2014 post's "global lock": shared under fork, not under spawn or forkserver.

Under spawn and forkserver a worker does not inherit the parent's objects: it imports
this module again, finds no ``LOCK`` and creates one of its own. So while the parent
holds its lock, a worker finds its own lock free; under fork it finds the parent's,
held:

>>> import multiprocessing
>>> worker_finds_lock_held() == (multiprocessing.get_start_method() == "fork")
True

The counter below is therefore exact under fork. Under spawn and forkserver two workers
can read the same value and both write it plus one, so increments can be lost (how many
changes from run to run, and may be none), but never more than were made:

>>> total = count_with_global_lock(workers=2, per_worker=5_000)
>>> multiprocessing.get_start_method() != "fork" or total == 10_000
True
>>> 0 < total <= 10_000
True
"""

from __future__ import annotations

import multiprocessing
from ctypes import c_longlong
from multiprocessing.synchronize import Barrier, Lock

# --8<-- [start:broken]
LOCK = None  # the post's module-level lock: do not copy, see the page


def global_lock() -> Lock:
    """This process's LOCK, created the first time this process needs one."""
    global LOCK
    if LOCK is None:
        LOCK = multiprocessing.Lock()
    return LOCK


_counter: c_longlong  # set in each worker by _share()


def _share(counter: c_longlong, start: Barrier) -> None:
    global _counter
    _counter = counter
    start.wait()  # all workers start counting together, so they really overlap


def _add_under_global_lock(times: int) -> None:
    for _ in range(times):
        with global_lock():  # under spawn/forkserver: this worker's own, nobody else's
            _counter.value += 1  # read, add, write: two workers can interleave


# --8<-- [end:broken]


def count_with_global_lock(
    workers: int, per_worker: int, method: str | None = None
) -> int:
    """Add 1 ``per_worker`` times in each of ``workers`` processes; return the total."""
    global_lock()  # the parent has its lock before the pool starts, as in the post
    ctx = multiprocessing.get_context(method)
    counter = ctx.Value("q", 0, lock=False)  # shared memory with no lock of its own
    start = ctx.Barrier(workers)
    with ctx.Pool(workers, initializer=_share, initargs=(counter, start)) as pool:
        pool.map(_add_under_global_lock, [per_worker] * workers, chunksize=1)
        pool.close()
        pool.join()  # workers that exit normally delete the locks they created
    return counter.value


def _lock_is_held() -> bool:
    lock = global_lock()
    if lock.acquire(block=False):
        lock.release()
        return False
    return True


def worker_finds_lock_held(method: str | None = None) -> bool:
    """Hold LOCK in this process: does a worker find it held?"""
    lock = global_lock()  # created before the pool starts, as in the post
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(1) as pool:
        with lock:
            held = pool.apply(_lock_is_held)
        pool.close()
        pool.join()
    return held


if __name__ == "__main__":
    workers, per_worker = 2, 50_000
    for method in multiprocessing.get_all_start_methods():
        held = worker_finds_lock_held(method)
        total = count_with_global_lock(workers, per_worker, method)
        lost = workers * per_worker - total
        print(
            f"{method:>10}: a worker finds the parent's lock held: {held!s:>5}; "
            f"counted {total:,} of {workers * per_worker:,} ({lost:,} lost)"
        )
