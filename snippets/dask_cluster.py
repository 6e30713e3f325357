"""Run a CPU-bound function on a Dask cluster instead of a local process pool.

``connect()`` starts a LocalCluster of worker processes on this machine, or connects
to the scheduler named by ``DASK_SCHEDULER_ADDRESS``. Every way of sending the work
returns the same digests as a plain loop:

>>> from concurrent.futures import ProcessPoolExecutor
>>> blocks = range(8)
>>> serial = {b: digest(b, rounds=2_000) for b in blocks}
>>> with ProcessPoolExecutor(2) as pool:  # before the cluster: nothing else running
...     digests_with_executor(pool, blocks, rounds=2_000) == serial
True
>>> with connect(workers=2) as client:
...     by_client = digests_with_client(client, blocks, rounds=2_000)
...     with client.get_executor() as executor:  # a concurrent.futures.Executor
...         by_executor = digests_with_executor(executor, blocks, rounds=2_000)
...     by_joblib = digests_with_joblib_on_dask(blocks, rounds=2_000)
...     batched = digests_in_batches(client, blocks, rounds=2_000, size=3)
>>> by_client == by_executor == by_joblib == batched == serial
True
>>> len(set(serial.values()))
8
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from functools import partial

import dask
from dask.distributed import Client, LocalCluster, as_completed
from joblib import Parallel, delayed, parallel_config

MASK = (1 << 256) - 1


def digest(block: int, rounds: int = 0) -> str:
    """SHA-256 of 4 KiB of seeded bytes, then ``rounds`` of pure-Python stretching.

    The task carries a block number, not the bytes: a worker on another machine
    cannot read your disk, so it rebuilds its input from a few bytes of arguments.
    """
    data = random.Random(block).randbytes(4096)
    x = int.from_bytes(hashlib.sha256(data).digest(), "big")
    for _ in range(rounds):  # pure Python: holds the GIL the whole time
        x = (x * 6364136223846793005 + 1442695040888963407) & MASK
    return x.to_bytes(32, "big").hex()


def digest_batch(blocks: Sequence[int], rounds: int = 0) -> list[str]:
    return [digest(b, rounds) for b in blocks]


def cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# --8<-- [start:connect]
@contextmanager
def connect(workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler in $DASK_SCHEDULER_ADDRESS, else of a LocalCluster."""
    address = os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:  # e.g. tcp://10.0.0.5:8786, started with `dask scheduler`
        with Client(address) as client:
            yield client
        return
    with (
        tempfile.TemporaryDirectory(prefix="dask-") as scratch,  # removed afterwards
        dask.config.set({"temporary-directory": scratch}),
        LocalCluster(
            n_workers=workers or cores(),
            threads_per_worker=1,  # pure-Python work: one process per core
            processes=True,
            dashboard_address="127.0.0.1:0",  # its web page: local only, free port
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client  # leaving the block stops the workers and the scheduler
    # --8<-- [end:connect]


def digests_with_client(
    client: Client, blocks: Sequence[int], rounds: int = 0
) -> dict[int, str]:
    futures = {client.submit(digest, block, rounds): block for block in blocks}
    return {
        futures[future]: value
        for future, value in as_completed(futures, with_results=True)
    }


# --8<-- [start:executor]
def digests_with_executor(
    executor: Executor, blocks: Sequence[int], rounds: int = 0
) -> dict[int, str]:
    """Plain concurrent.futures code: a ProcessPoolExecutor or a Dask cluster."""
    digests = executor.map(partial(digest, rounds=rounds), blocks)
    return dict(zip(blocks, digests, strict=True))
    # --8<-- [end:executor]


# --8<-- [start:joblib]
def digests_with_joblib_on_dask(
    blocks: Sequence[int], rounds: int = 0
) -> dict[int, str]:
    with parallel_config(backend="dask"):  # the Client created last
        digests = Parallel()(delayed(digest)(b, rounds) for b in blocks)
    return dict(zip(blocks, digests, strict=True))
    # --8<-- [end:joblib]


def digests_in_batches(
    client: Client, blocks: Sequence[int], rounds: int = 0, size: int = 100
) -> dict[int, str]:
    """One task per ``size`` blocks: the scheduler's cost is paid per task."""
    batches = [blocks[i : i + size] for i in range(0, len(blocks), size)]
    futures = client.map(digest_batch, batches, rounds=rounds)
    digests = [d for batch in client.gather(futures) for d in batch]
    return dict(zip(blocks, digests, strict=True))


if __name__ == "__main__":
    blocks, rounds = range(16), 50_000
    with connect() as client:
        print(f"scheduler {client.scheduler.address}, {len(client.nthreads())} workers")
        start = time.perf_counter()
        # --8<-- [start:one_liner]
        with client.get_executor() as executor:  # a concurrent.futures.Executor
            digests = digests_with_executor(executor, blocks, rounds)
        # --8<-- [end:one_liner]
        print(f"{'client.get_executor()':>28}: {time.perf_counter() - start:.2f} s")
        for name, run in (
            ("Client.submit + as_completed", partial(digests_with_client, client)),
            ("joblib, backend='dask'", digests_with_joblib_on_dask),
            ("Client.map, batches of 8", partial(digests_in_batches, client, size=8)),
        ):
            start = time.perf_counter()
            same = run(blocks, rounds) == digests
            print(
                f"{name:>28}: {time.perf_counter() - start:.2f} s, same digests: {same}"
            )
