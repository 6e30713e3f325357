"""Hash the contents of many files: serially, with a process pool, with a thread pool.

Every variant returns the same mapping of path to digest:

>>> import tempfile
>>> tmp = tempfile.TemporaryDirectory()
>>> paths = make_files(tmp.name, count=6)
>>> serial = hash_serial(paths, rounds=2_000)
>>> hash_with_processes(paths, rounds=2_000, workers=2) == serial
True
>>> hash_with_threads(paths, rounds=2_000, workers=2) == serial
True
>>> with Pool(2) as pool:  # a pool that is already running, reused
...     hash_in_pool(pool, paths, rounds=2_000) == serial
True
>>> len(serial), len(set(serial.values()))
(6, 6)

With ``rounds=0`` there is no CPU-heavy step: the digest is plain SHA-256.

>>> import hashlib
>>> with open(paths[0], "rb") as f:
...     expected = hashlib.sha256(f.read()).hexdigest()
>>> hash_serial(paths[:1])[paths[0]] == expected
True
>>> tmp.cleanup()
"""

from __future__ import annotations

import hashlib
import os
import random
import tempfile
import time
from functools import partial
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool
from pathlib import Path

MASK = (1 << 256) - 1


def make_files(directory: str | Path, count: int, size: int = 16_384) -> list[str]:
    """Write ``count`` files of random bytes, seeded: every run hashes the same data."""
    rng = random.Random(2014)
    paths = []
    for i in range(count):
        path = Path(directory, f"file-{i:05}.bin")
        path.write_bytes(rng.randbytes(size))
        paths.append(str(path))
    return paths


def file_digest(path: str, rounds: int = 0) -> str:
    """SHA-256 of the file's contents, then ``rounds`` of pure-Python stretching."""
    with open(path, "rb") as f:
        digest = hashlib.file_digest(f, "sha256").digest()
    x = int.from_bytes(digest, "big")
    for _ in range(rounds):  # pure Python: holds the GIL the whole time
        x = (x * 6364136223846793005 + 1442695040888963407) & MASK
    return x.to_bytes(32, "big").hex()


def hash_serial(paths: list[str], rounds: int = 0) -> dict[str, str]:
    return {path: file_digest(path, rounds) for path in paths}


def hash_with_processes(
    paths: list[str], rounds: int = 0, workers: int | None = None
) -> dict[str, str]:
    # --8<-- [start:one_liner]
    with Pool(workers) as pool:
        digests = pool.map(partial(file_digest, rounds=rounds), paths)
    # --8<-- [end:one_liner]
    return dict(zip(paths, digests, strict=False))


def hash_with_threads(
    paths: list[str], rounds: int = 0, workers: int | None = None
) -> dict[str, str]:
    with ThreadPool(workers) as pool:
        digests = pool.map(partial(file_digest, rounds=rounds), paths)
        pool.close()
        pool.join()  # __exit__ does not wait for its threads; a fork may follow
    return dict(zip(paths, digests, strict=False))


def hash_in_pool(
    pool: Pool | ThreadPool, paths: list[str], rounds: int = 0
) -> dict[str, str]:
    """The same with a pool (of processes or threads) started once and reused."""
    digests = pool.map(partial(file_digest, rounds=rounds), paths)
    return dict(zip(paths, digests, strict=False))


if __name__ == "__main__":
    workers = (
        len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count()
    )
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_files(tmp, count=16)
        for rounds, kind in ((100_000, "CPU-bound"), (0, "overhead-bound")):
            for name, run in (
                ("serial", hash_serial),
                (f"{workers} processes", partial(hash_with_processes, workers=workers)),
                (f"{workers} threads", partial(hash_with_threads, workers=workers)),
            ):
                start = time.perf_counter()
                run(paths, rounds)
                print(f"{kind:>15} {name:>12}: {time.perf_counter() - start:.3f} s")
