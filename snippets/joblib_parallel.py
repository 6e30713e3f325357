"""The same CPU-bound function with joblib: one line, processes by default (loky).

>>> blocks = range(8)
>>> serial = {b: digest(b, rounds=2_000) for b in blocks}
>>> try:
...     by_joblib = digests_with_joblib(blocks, rounds=2_000, n_jobs=2)
... finally:
...     stop_workers()  # joblib keeps its workers for the next call unless told
>>> by_joblib == serial
True
>>> len(set(serial.values()))
8
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Sequence

from joblib import Parallel, delayed
from joblib.externals.loky import get_reusable_executor

MASK = (1 << 256) - 1


def digest(block: int, rounds: int = 0) -> str:
    """SHA-256 of 4 KiB of seeded bytes, then ``rounds`` of pure-Python stretching."""
    data = random.Random(block).randbytes(4096)
    x = int.from_bytes(hashlib.sha256(data).digest(), "big")
    for _ in range(rounds):  # pure Python: holds the GIL the whole time
        x = (x * 6364136223846793005 + 1442695040888963407) & MASK
    return x.to_bytes(32, "big").hex()


def digests_with_joblib(
    blocks: Sequence[int], rounds: int = 0, n_jobs: int = -1
) -> dict[int, str]:
    # --8<-- [start:one_liner]
    digests = Parallel(n_jobs=n_jobs)(delayed(digest)(b, rounds) for b in blocks)
    # --8<-- [end:one_liner]
    return dict(zip(blocks, digests, strict=True))


def stop_workers() -> None:
    """Stop the worker processes that loky keeps alive between calls."""
    get_reusable_executor().shutdown(wait=True)


if __name__ == "__main__":
    blocks = range(16)
    try:
        for rounds, kind in ((100_000, "CPU-bound"), (0, "tiny tasks")):
            start = time.perf_counter()
            digests = digests_with_joblib(blocks, rounds)  # n_jobs=-1: every core
            seconds = time.perf_counter() - start
            print(f"{kind:>10}: {len(digests)} digests in {seconds:.3f} s")
    finally:
        stop_workers()
