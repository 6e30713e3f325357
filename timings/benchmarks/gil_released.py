"""CPU-bound work in C code that releases the GIL: SHA-256 of in-memory buffers (snippets/hash_buffers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from snippets import hash_buffers as h
from timings.spec import Benchmark, Lang, Variant, available_cores, capacity_row

WORKERS = available_cores()
COUNT, SIZE_MIB = 8, 4  # 8 equal buffers: about 20 ms of hashing serially


@dataclass
class Running:
    buffers: list[bytes]
    threads: ThreadPoolExecutor
    processes: ProcessPoolExecutor


@contextmanager
def running() -> Iterator[Running]:
    """The buffers and both executors, started before the timed rounds (steady state)."""
    buffers = h.make_buffers(COUNT, SIZE_MIB << 20)
    with ThreadPoolExecutor(WORKERS) as threads, ProcessPoolExecutor(WORKERS) as processes:
        list(processes.map(h.digest, [b""] * 4 * WORKERS))  # it starts its workers on demand
        yield Running(buffers, threads, processes)


def read(r, lang: Lang) -> str:
    t, p = r.speedup("threads"), r.speedup("processes")
    if lang == "zh":
        verdict = "两者都没有快过串行" if max(t, p) < 1 else ("线程池更快" if t > p else "进程池更快")
        return (
            f"hashlib 在哈希时释放 GIL：线程池的加速比为 **{t:.2f}×**，进程池为 **{p:.2f}×**，{verdict}；"
            f"进程池还要先把 {COUNT * SIZE_MIB} MiB 数据序列化（pickle）后发给工作进程。"
        )
    verdict = (
        "neither beat serial on this run"
        if max(t, p) < 1
        else ("the thread pool wins" if t > p else "the process pool wins")
    )
    return (
        f"hashlib releases the GIL while it hashes: the thread pool reached **{t:.2f}×** and the process "
        f"pool **{p:.2f}×**, so {verdict}; the process pool also pickles {COUNT * SIZE_MIB} MiB to its "
        "workers first."
    )


BENCHMARKS = (
    Benchmark(
        id="gil_released_hashing",
        title={
            "en": f"SHA-256 of {COUNT} in-memory buffers of {SIZE_MIB} MiB",
            "zh": f"对 {COUNT} 个 {SIZE_MIB} MiB 的内存缓冲区计算 SHA-256",
        },
        variants=(
            Variant(
                "serial",
                {"en": "serial (baseline)", "zh": "串行（基线）"},
                lambda r: h.digests_serial(r.buffers),
            ),
            capacity_row(WORKERS, lambda r: [partial(h.digest, b) for b in r.buffers]),
            Variant(
                "threads",
                {"en": f"thread pool, {WORKERS} workers", "zh": f"线程池，{WORKERS} 个工作线程"},
                lambda r: list(r.threads.map(h.digest, r.buffers)),
                workers=WORKERS,
            ),
            Variant(
                "processes",
                {"en": f"process pool, {WORKERS} workers", "zh": f"进程池，{WORKERS} 个工作进程"},
                lambda r: list(r.processes.map(h.digest, r.buffers)),
                workers=WORKERS,
            ),
        ),
        sources=("snippets/hash_buffers.py",),
        timer="steady",
        columns=("best", "median", "speedup", "efficiency", "capacity"),
        baseline="serial",
        items=COUNT,
        rounds=6,
        fixture=running,
        chart="speedup",
        reading=read,
    ),
)
