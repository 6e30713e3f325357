"""Hashing files serially, with a process pool and with a thread pool (snippets/hash_files.py)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool

from snippets import hash_files as h
from timings.spec import Benchmark, Lang, Text, Variant, available_cores, both, capacity_row
from timings.units import percent

WORKERS = available_cores()
# 12 equal files (6 per worker on 2 cores, 3 on 4), about 15 ms of pure-Python work each: a serial
# round takes about 0.18 s, long enough that one late wake-up stays small next to it.
CPU_FILES, CPU_ROUNDS = 12, 160_000
TINY_FILES = 1_000  # no CPU step: reading and hashing a 4 KiB file takes microseconds


@contextmanager
def files(count: int, size: int) -> Iterator[list[str]]:
    with tempfile.TemporaryDirectory(prefix="hash-files-") as tmp:
        yield h.make_files(tmp, count, size)


@dataclass
class Running:
    """The files and both pools, started before the timed rounds (steady state)."""

    paths: list[str]
    processes: Pool
    threads: ThreadPool


@contextmanager
def running_pools() -> Iterator[Running]:
    with files(CPU_FILES, 16_384) as paths, Pool(WORKERS) as processes, ThreadPool(WORKERS) as threads:
        yield Running(paths, processes, threads)


def steady_variants(rounds: int) -> tuple[Variant, ...]:
    """The CPU-bound table: the same work on pools that are already running, and the capacity row."""
    return (
        Variant(
            "serial",
            {"en": "serial (baseline)", "zh": "串行（基线）"},
            lambda r: h.hash_serial(r.paths, rounds),
        ),
        capacity_row(WORKERS, lambda r: [partial(h.file_digest, p, rounds) for p in r.paths]),
        Variant(
            "processes",
            {"en": f"process pool, {WORKERS} workers", "zh": f"进程池，{WORKERS} 个工作进程"},
            lambda r: h.hash_in_pool(r.processes, r.paths, rounds),
            workers=WORKERS,
        ),
        Variant(
            "threads",
            {"en": f"thread pool, {WORKERS} workers", "zh": f"线程池，{WORKERS} 个工作线程"},
            lambda r: h.hash_in_pool(r.threads, r.paths, rounds),
            workers=WORKERS,
        ),
    )


def variants(rounds: int) -> tuple[Variant, ...]:
    """The overhead table: every round starts and shuts down its pool (end to end)."""
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


BUSY_CORES = 0.8  # a capacity row below this share of its workers: the cores were not all free


def capacity_clause(r, lang: Lang) -> str:
    """What the capacity row says about the machine, and the pool against it (shared by the tables)."""
    cap, n = r.speedup("capacity"), r.bench.capacity.workers
    share = percent(r.of_capacity("processes"), lang)
    if cap < BUSY_CORES * n:
        return both(
            en=f"{n} plain processes reached only {cap:.2f}× this time, so the machine did not have {n} "
            f"idle cores; the pool reached {share} of that capacity.",
            zh=f"{n} 个普通进程这次只达到 {cap:.2f}×，说明测量时机器并没有 {n} 个空闲的核心；"
            f"进程池达到了这个并行能力的 {share}。",
        )[lang]
    return both(
        en=f"{n} plain processes reached {cap:.2f}×, and the pool {share} of that capacity.",
        zh=f"{n} 个普通进程达到 {cap:.2f}×，进程池达到了这个并行能力的 {share}。",
    )[lang]


def read_cpu(r, lang: Lang) -> str:
    p, t = r.speedup("processes"), r.speedup("threads")
    gil = t < 1.2
    machine = capacity_clause(r, lang)
    efficiency = percent(r.efficiency("processes"), lang)
    tail = (
        both(
            en=f"the thread pool stays at **{t:.2f}×**: pure-Python work holds the global interpreter lock "
            "(GIL).",
            zh=f"线程池只有 **{t:.2f}×**，因为纯 Python 代码执行时始终持有全局解释器锁（GIL）。",
        )
        if gil
        else both(
            en=f"the thread pool reaches **{t:.2f}×** too: this interpreter runs Python threads in parallel.",
            zh=f"线程池也达到 **{t:.2f}×**，说明这个解释器的线程可以并行运行 Python 代码。",
        )
    )
    pace = f"ran **{p:.2f}×** faster than serial" if p >= 1 else f"ran at **{p:.2f}×** the speed of serial"
    return both(
        en=f"On this machine the process pool {pace} ({efficiency} parallel efficiency); {tail['en']} "
        f"{machine}",
        zh=f"在这台机器上，进程池相对串行的加速比为 **{p:.2f}×**（并行效率 {efficiency}）；"
        f"{tail['zh']}{machine}",
    )[lang]


def _per_item(us: float) -> Text:
    return (
        both(en=f"{us:.1f} µs more per item", zh=f"每项多花 {us:.1f} µs")
        if us >= 0
        else both(en=f"{-us:.1f} µs less per item", zh=f"每项少花 {-us:.1f} µs")
    )


def read_overhead(r, lang: Lang) -> str:
    slower = r.median("processes") > r.median("serial")
    p, t = _per_item(r.overhead_us("processes")), _per_item(r.overhead_us("threads"))
    why = (
        both(
            en="That is the price of starting workers, pickling and passing messages.",
            zh="这些开销来自启动工作进程、序列化和传递消息。",
        )
        if slower
        else both(
            en="The system calls that open and read the files run in two processes at once, which pays for "
            "starting workers, pickling and passing messages.",
            zh="打开和读取文件的系统调用在两个进程中同时进行，抵消了启动工作进程、序列化和传递消息的开销。",
        )
    )
    verdict = (
        both(en="is slower than serial", zh="比串行还慢")
        if slower
        else both(en="still beats serial", zh="仍然比串行快")
    )
    return both(
        en=f"Without the CPU-heavy step each task takes microseconds: the process pool {verdict['en']} "
        f"(**{p['en']}**; the thread pool: {t['en']}). {why['en']}",
        zh=f"没有 CPU 密集型步骤时，每个任务只需几微秒，这时进程池{verdict['zh']}（**{p['zh']}**），"
        f"线程池{t['zh']}。{why['zh']}",
    )[lang]


BENCHMARKS = (
    Benchmark(
        id="hash_files_cpu",
        title={
            "en": f"Hashing {CPU_FILES} files with a CPU-heavy step",
            "zh": f"计算 {CPU_FILES} 个文件的哈希（含 CPU 密集型步骤）",
        },
        variants=steady_variants(CPU_ROUNDS),
        sources=("snippets/hash_files.py",),
        timer="steady",
        columns=("best", "median", "speedup", "efficiency", "capacity"),
        baseline="serial",
        items=CPU_FILES,
        rounds=6,  # CPU speedups come from the fastest rounds: several rounds, several chances of a quiet one
        setup=running_pools,
        chart="speedup",
        reading=read_cpu,
    ),
    Benchmark(
        id="hash_files_overhead",
        title={
            "en": f"Hashing {TINY_FILES:,} small files, no CPU-heavy step",
            "zh": f"计算 {TINY_FILES:,} 个小文件的哈希，没有 CPU 密集型步骤",
        },
        variants=variants(0),
        sources=("snippets/hash_files.py",),
        timer="end_to_end",  # the lesson is the pool's own cost, start-up included
        columns=("median", "range", "per_item", "overhead"),
        baseline="serial",
        items=TINY_FILES,
        setup=lambda: files(TINY_FILES, 4_096),
        reading=read_overhead,
    ),
)
