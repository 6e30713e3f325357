"""docs/*/choosing-a-tool.md: its decision guide (a report) and its table of CPU-bound work in C code
that releases the GIL, SHA-256 of in-memory buffers (snippets/hash_buffers.py).

The guide has one row per kind of work, numbers from the tables.

Every number and every comparative word in the guide is computed from this build's results; the
advice column is fixed text, and a row says so when this build's numbers disagree with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from snippets import hash_buffers as h
from timings.spec import Benchmark, Lang, Report, Variant, available_cores, both, capacity_row

Results = Callable[[str], Any]

HEADER = {
    "en": ("Kind of work", "Reach for", "Measured on this build", "Details"),
    "zh": ("工作类型", "首选工具", "本站构建时的实测", "详见"),
}


def _cpu_bound(results: Results, lang: Lang) -> tuple[str, ...]:
    r = results("hash_files_cpu")
    p, t = r.speedup("processes"), r.speedup("threads")
    parallel_threads = t >= 0.8 * p  # a free-threaded build: threads keep up with processes
    if lang == "zh":
        tool = "进程池（`Pool`、`ProcessPoolExecutor`）" + (
            "；在这个自由线程构建上线程池也可以" if parallel_threads else ""
        )
        seen = f"进程池 **{p:.2f}×**，线程池 **{t:.2f}×**（相对串行）"
        return ("CPU 密集型，纯 Python 代码", tool, seen, "[并行哈希文件](hash-files.md#cpu-bound)")
    tool = "a process pool (`Pool`, `ProcessPoolExecutor`)" + (
        "; on this free-threaded build a thread pool too" if parallel_threads else ""
    )
    seen = f"process pool **{p:.2f}×**, thread pool **{t:.2f}×** vs serial"
    return ("CPU-bound, pure Python", tool, seen, "[Hashing files in parallel](hash-files.md#cpu-bound)")


def _gil_released(results: Results, lang: Lang) -> tuple[str, ...]:
    r = results("gil_released_hashing")
    t, p = r.speedup("threads"), r.speedup("processes")
    if lang == "zh":
        note = "（这次两者都没有快过串行）" if max(t, p) < 1 else ("（这次进程池更快）" if p > t else "")
        return (
            "CPU 密集型，但在释放 GIL 的 C 代码中（hashlib、zlib、NumPy）",
            "线程池：没有序列化（pickle），也不复制数据",
            f"线程池 **{t:.2f}×**，进程池 **{p:.2f}×**{note}",
            "[下文](#gil-released)",
        )
    note = (
        " (neither beat serial this time)"
        if max(t, p) < 1
        else (" (the process pool won this time)" if p > t else "")
    )
    return (
        "CPU-bound inside C code that releases the GIL (hashlib, zlib, NumPy)",
        "a thread pool: nothing to pickle or copy",
        f"thread pool **{t:.2f}×**, process pool **{p:.2f}×**{note}",
        "[below](#gil-released)",
    )


def _io_bound(results: Results, lang: Lang) -> tuple[str, ...]:
    r = results("asyncio_vs_threads")
    a_t, t_t = r.median("asyncio_1000"), r.median("threads_1000")
    a_m, t_m = r.median("asyncio_1000", "peak"), r.median("threads_1000", "peak")
    if lang == "zh":
        seen = (
            f"1,000 个并发请求：asyncio **{a_t:.2f} s**、{a_m:.1f} MiB；线程池 **{t_t:.2f} s**、{t_m:.1f} MiB"
        )
        return (
            "I/O 密集型（网络、磁盘）",
            "连接多时用 `asyncio`；几十个阻塞调用用线程池",
            seen,
            "[用 asyncio 处理 I/O 密集型任务](asyncio-io.md#measured)",
        )
    seen = (
        f"1,000 requests at once: asyncio **{a_t:.2f} s**, {a_m:.1f} MiB; "
        f"thread pool **{t_t:.2f} s**, {t_m:.1f} MiB"
    )
    return (
        "I/O-bound (network, disk)",
        "`asyncio` for many connections; a thread pool for a few dozen blocking calls",
        seen,
        "[asyncio for I/O-bound work](asyncio-io.md#measured)",
    )


def _tiny_tasks(results: Results, lang: Lang) -> tuple[str, ...]:
    r = results("pool_chunksize")
    serial = r.per_item_us("serial")
    one, batched = r.per_item_us("processes_chunksize_1"), r.per_item_us("processes_default")
    if lang == "zh":
        return (
            "大量很小的任务（每个只需几微秒）",
            "串行，或把任务打包成批（`chunksize`）",
            f"每项耗时：串行 **{serial:.2f} µs**；进程池 `chunksize=1` **{one:.1f} µs**，"
            f"默认 `chunksize` **{batched:.2f} µs**",
            "[池：一行代码用上进程与线程](pools.md#chunksize)",
        )
    return (
        "Many tiny tasks (microseconds each)",
        "serial code, or batches (`chunksize`)",
        f"per item: serial **{serial:.2f} µs**; process pool with `chunksize=1` **{one:.1f} µs**, "
        f"with the default `chunksize` **{batched:.2f} µs**",
        "[Pools: processes and threads in one line](pools.md#chunksize)",
    )


def _more_than_one_machine(results: Results, lang: Lang) -> tuple[str, ...]:
    r = results("dask_cpu")
    pool, dask = r.speedup("pool"), r.speedup("dask")
    start = r.median("dask", "startup")
    if lang == "zh":
        return (
            "一台机器不够用",
            "Dask（`client.get_executor()` 就是一个执行器）；单机上仍用进程池",
            f"在这台机器上：`Pool` **{pool:.2f}×**，Dask LocalCluster **{dask:.2f}×**，"
            f"启动集群 {start:.2f} s",
            "[超越单机](beyond-one-machine.md#cpu-bound)",
        )
    return (
        "More work than one machine can do",
        "Dask (`client.get_executor()` is an executor); on one machine, still a process pool",
        f"on this machine: `Pool` **{pool:.2f}×**, Dask LocalCluster **{dask:.2f}×**, "
        f"{start:.2f} s to start the cluster",
        "[Beyond one machine](beyond-one-machine.md#cpu-bound)",
    )


def _huge_data(results: Results, lang: Lang) -> tuple[str, ...]:
    r = results("sharing_argument_size")
    per_task, once = r.median("per_task_1mib", "per_s"), r.median("initializer_1mib", "per_s")
    if lang == "zh":
        seen = (
            f"1 MiB 输入：逐任务传递每秒 **{per_task:,.0f}** 个任务，通过 initializer 每秒 **{once:,.0f}** 个"
        )
        return (
            "每个任务都要读取的大数据",
            "`initializer`/`initargs`、共享内存；不要随每个任务传递",
            seen,
            "[共享数据而不复制](sharing-data.md#measured)",
        )
    seen = f"a 1 MiB input: **{per_task:,.0f}** tasks/s passed per task, **{once:,.0f}** via the initializer"
    return (
        "Huge data every task reads",
        "`initializer`/`initargs` or shared memory, not per-task arguments",
        seen,
        "[Sharing data without copying it](sharing-data.md#measured)",
    )


ROWS = (_cpu_bound, _gil_released, _io_bound, _tiny_tasks, _huge_data, _more_than_one_machine)


def guide(results: Results, lang: Lang) -> str:
    lines = ["| " + " | ".join(HEADER[lang]) + " |", "|" + "|".join([":--"] * len(HEADER[lang])) + "|"]
    for row in ROWS:
        lines.append("| " + " | ".join(row(results, lang)) + " |")
    return "\n".join(lines)


REPORTS = (
    Report(
        id="choosing_guide",
        needs=(
            "hash_files_cpu",
            "gil_released_hashing",
            "asyncio_vs_threads",
            "pool_chunksize",
            "sharing_argument_size",
            "dask_cpu",
        ),
        render=guide,
    ),
)


# --- CPU-bound work in C code that releases the GIL ----------------------------------------------

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
    if max(t, p) < 1:
        verdict = both(en="neither beat serial on this run", zh="两者都没有快过串行")
    elif t > p:
        verdict = both(en="the thread pool wins", zh="线程池更快")
    else:
        verdict = both(en="the process pool wins", zh="进程池更快")
    return both(
        en=f"hashlib releases the GIL while it hashes: the thread pool reached **{t:.2f}×** and the process "
        f"pool **{p:.2f}×**, so {verdict['en']}; the process pool also pickles {COUNT * SIZE_MIB} MiB to "
        "its workers first.",
        zh=f"hashlib 在哈希时释放 GIL：线程池的加速比为 **{t:.2f}×**，进程池为 **{p:.2f}×**，"
        f"{verdict['zh']}；"
        f"进程池还要先把 {COUNT * SIZE_MIB} MiB 数据序列化（pickle）后发给工作进程。",
    )[lang]


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
        setup=running,
        chart="speedup",
        reading=read,
    ),
)
