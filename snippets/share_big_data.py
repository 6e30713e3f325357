"""Give the workers a large input once, instead of pickling it into every task.

Each task reads a few blocks of a large input (as lookups in a table or a model do).
The three ways of getting the input to the workers give the same answers:

>>> data = make_data(1 << 20)
>>> per_task = checksums_per_task(data, tasks=8, workers=2)
>>> checksums_with_initializer(data, tasks=8, workers=2) == per_task
True
>>> checksums_with_shared_memory(data, tasks=8, workers=2) == per_task
True
>>> len(per_task), len(set(per_task))
(8, 8)
"""

from __future__ import annotations

import os
import random
import time
import zlib
from multiprocessing import Pool
from multiprocessing.shared_memory import SharedMemory

BLOCK = 4096


def make_data(size: int) -> bytes:
    return random.Random(2014).randbytes(size)


def sample_checksum(data: bytes | memoryview, seed: int) -> int:
    """Checksum 16 blocks of ``data`` chosen by ``seed``: little work, big input."""
    rng = random.Random(seed)
    crc = 0
    for _ in range(16):
        start = rng.randrange(max(1, len(data) - BLOCK))
        crc = zlib.crc32(data[start : start + BLOCK], crc)
    return crc


# --8<-- [start:per_task]
def checksums_per_task(data: bytes, tasks: int, workers: int) -> list[int]:
    # Every task pickles `data` again and sends it through a pipe.
    with Pool(workers) as pool:
        return pool.starmap(
            sample_checksum, [(data, i) for i in range(tasks)], chunksize=1
        )


# --8<-- [end:per_task]


# --8<-- [start:initializer]
_data: bytes = b""


def keep(data: bytes) -> None:
    global _data
    _data = data  # runs once in each worker, before its first task


def sample_kept(seed: int) -> int:
    return sample_checksum(_data, seed)


def checksums_with_initializer(data: bytes, tasks: int, workers: int) -> list[int]:
    # --8<-- [start:one_liner]
    with Pool(workers, initializer=keep, initargs=(data,)) as pool:
        return pool.map(sample_kept, range(tasks), chunksize=1)
    # --8<-- [end:one_liner]


# --8<-- [end:initializer]


# --8<-- [start:shared_memory]
_shared: SharedMemory | None = None
_size = 0


def attach(name: str, size: int) -> None:
    global _shared, _size
    _shared, _size = SharedMemory(name=name), size  # maps the block: no copy


def sample_shared(seed: int) -> int:
    assert _shared is not None
    with _shared.buf[
        :_size
    ] as view:  # released at once: close() fails while views live
        return sample_checksum(view, seed)


def checksums_with_shared_memory(data: bytes, tasks: int, workers: int) -> list[int]:
    shared = SharedMemory(create=True, size=len(data))
    try:
        shared.buf[: len(data)] = (
            data  # the one copy; better: produce the data in place
        )
        initargs = (shared.name, len(data))
        with Pool(workers, initializer=attach, initargs=initargs) as pool:
            return pool.map(sample_shared, range(tasks), chunksize=1)
    finally:
        shared.close()
        shared.unlink()  # once, by the creator: the block outlives every process


# --8<-- [end:shared_memory]


if __name__ == "__main__":
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
    data = make_data(1 << 20)
    for name, run in (
        ("per task", checksums_per_task),
        ("initializer", checksums_with_initializer),
        ("shared memory", checksums_with_shared_memory),
    ):
        start = time.perf_counter()
        run(data, 100, workers)
        elapsed = time.perf_counter() - start
        print(f"{name:>13}: 100 tasks on a 1 MiB input in {elapsed:.3f} s")
