"""Hashing files serially, with a process pool and with a thread pool (snippets/hash_files.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from snippets import hash_files as h
from timings.spec import Benchmark, Lang, Variant, available_cores

WORKERS = available_cores()
CPU_FILES, CPU_ROUNDS = 12, 120_000  # about 20 ms of pure-Python work per file
TINY_FILES = 1_000  # no CPU step: reading and hashing a 4 KiB file takes microseconds


@contextmanager
def files(count: int, size: int) -> Iterator[list[str]]:
    with tempfile.TemporaryDirectory(prefix="hash-files-") as tmp:
        yield h.make_files(tmp, count, size)


def variants(rounds: int) -> tuple[Variant, ...]:
    return (
        Variant(
            "serial", {"en": "serial (baseline)", "zh": "串行（基线）"}, lambda p: h.hash_serial(p, rounds)
        ),
        Variant(
            "processes",
            {"en": f"process pool, {WORKERS} workers", "zh": f"进程池，{WORKERS} 个工作进程"},
            lambda p: h.hash_with_processes(p, rounds, WORKERS),
            workers=WORKERS,
        ),
        Variant(
            "threads",
            {"en": f"thread pool, {WORKERS} workers", "zh": f"线程池，{WORKERS} 个工作线程"},
            lambda p: h.hash_with_threads(p, rounds, WORKERS),
            workers=WORKERS,
        ),
    )


def read_cpu(r, lang: Lang) -> str:
    p, t = r.speedup("processes"), r.speedup("threads")
    gil = t < 1.2
    if lang == "zh":
        tail = (
            f"线程池只有 **{t:.2f}×**：纯 Python 代码始终持有全局解释器锁（GIL）。"
            if gil
            else f"线程池也达到 **{t:.2f}×**：这个解释器的线程可以并行运行 Python 代码。"
        )
        return (
            f"在这台机器上，进程池相对串行的加速比为 **{p:.2f}×**"
            f"（并行效率 {r.efficiency('processes'):.0%}）；{tail}"
        )
    tail = (
        f"the thread pool stays at **{t:.2f}×**: pure-Python work holds the global interpreter lock (GIL)."
        if gil
        else f"the thread pool reaches **{t:.2f}×** too: this interpreter runs Python threads in parallel."
    )
    return (
        f"On this machine the process pool ran **{p:.2f}×** faster than serial "
        f"({r.efficiency('processes'):.0%} parallel efficiency); {tail}"
    )


def _per_item(us: float, lang: Lang) -> str:
    if lang == "zh":
        return f"每项多花 {us:.1f} µs" if us >= 0 else f"每项反而省下 {-us:.1f} µs"
    return f"{us:.1f} µs more per item" if us >= 0 else f"{-us:.1f} µs less per item"


def read_overhead(r, lang: Lang) -> str:
    slower = r.median("processes") > r.median("serial")
    p, t = _per_item(r.overhead_us("processes"), lang), _per_item(r.overhead_us("threads"), lang)
    if lang == "zh":
        why = (
            "这些开销来自启动工作进程、序列化（pickle）和进程间通信。"
            if slower
            else "打开和读取文件的系统调用在两个进程中同时进行，"
            "抵消了启动工作进程、序列化（pickle）和进程间通信的开销。"
        )
        verdict = "比串行还慢" if slower else "仍然比串行快"
        return f"没有 CPU 密集型步骤时，每个任务只需几微秒：进程池{verdict}（**{p}**），线程池{t}。{why}"
    why = (
        "That is the price of starting workers, pickling and passing messages."
        if slower
        else "The system calls that open and read the files run in two processes at once, which pays for "
        "starting workers, pickling and passing messages."
    )
    verdict = "is slower than serial" if slower else "still beats serial"
    return (
        f"Without the CPU-heavy step each task takes microseconds: the process pool {verdict} "
        f"(**{p}**; the thread pool: {t}). {why}"
    )


BENCHMARKS = (
    Benchmark(
        id="hash_files_cpu",
        title={
            "en": f"Hashing {CPU_FILES} files with a CPU-heavy step",
            "zh": f"带 CPU 密集型步骤地哈希 {CPU_FILES} 个文件",
        },
        variants=variants(CPU_ROUNDS),
        sources=("snippets/hash_files.py",),
        columns=("median", "range", "n", "speedup", "efficiency"),
        baseline="serial",
        items=CPU_FILES,
        rounds=7,  # CPU speedups come from best runs: more rounds, more chances of a quiet one
        fixture=lambda: files(CPU_FILES, 16_384),
        chart="speedup",
        reading=read_cpu,
    ),
    Benchmark(
        id="hash_files_overhead",
        title={
            "en": f"Hashing {TINY_FILES:,} small files, no CPU-heavy step",
            "zh": f"哈希 {TINY_FILES:,} 个小文件，没有 CPU 密集型步骤",
        },
        variants=variants(0),
        sources=("snippets/hash_files.py",),
        columns=("median", "range", "n", "per_item", "overhead"),
        baseline="serial",
        items=TINY_FILES,
        fixture=lambda: files(TINY_FILES, 4_096),
        reading=read_overhead,
    ),
)
