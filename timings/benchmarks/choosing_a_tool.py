"""docs/*/choosing-a-tool.md: its decision guide (a report) and its table of CPU-bound work in C code
that releases the GIL, SHA-256 of in-memory buffers (snippets/hash_buffers.py).

The guide has one row per kind of work, numbers from the tables.

Every number and every comparative word in the guide is computed from this build's results; the
advice column is fixed text, and a row says so when this build's numbers disagree with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from snippets import hash_buffers as h
from timings.spec import Benchmark, Lang, Report, Text, Variant, available_cores, both, capacity_row, text

Results = Callable[[str], Any]

# Three columns, so that the table fits a phone: the kind of work links to the table behind the row.
HEADER = (
    both(en="Kind of work (its measured table)", zh="工作类型（链接到实测耗时表）"),
    both(en="Reach for", zh="首选工具"),
    both(en="Measured on this build", zh="本站构建时的实测"),
)
LINK_TARGET = re.compile(r"\]\(([^)]+)\)$")


@dataclass(frozen=True)
class Row:
    """One kind of work, in both languages: the advice, this build's numbers, and a link to the
    table behind them (its text is the linked page's title, or the heading's on this page)."""

    kind: Text
    tool: Text
    seen: Text
    details: Text


def _cpu_bound(results: Results) -> Row:
    r = results("hash_files_cpu")
    p, t = r.speedup("processes"), r.speedup("threads")
    # Only a free-threaded build with the GIL off runs Python threads in parallel; on a GIL build
    # a busy machine can make threads look as fast as processes, which says nothing about threads.
    parallel_threads = r.parallel_threads and t >= 0.8 * p
    free = (
        both(
            en="; on this free-threaded build a thread pool too", zh="；在这个自由线程构建上，也可以用线程池"
        )
        if parallel_threads
        else both(en="", zh="")
    )
    return Row(
        both(en="CPU-bound, pure Python", zh="CPU 密集型，纯 Python 代码"),
        both(
            en="`Pool`; `ProcessPoolExecutor` when you need futures, timeouts or a crash that raises "
            f"instead of hanging{free['en']}",
            zh="`Pool`；需要 Future 对象、超时或者让崩溃抛出异常而不是卡住时，用 `ProcessPoolExecutor`"
            f"{free['zh']}",
        ),
        both(
            en=f"process pool **{p:.2f}×**, thread pool **{t:.2f}×** vs serial",
            zh=f"进程池 **{p:.2f}×**，线程池 **{t:.2f}×**（相对串行）",
        ),
        both(
            en="[Hashing files in parallel](hash-files.md#cpu-bound)",
            zh="[并行计算文件哈希](hash-files.md#cpu-bound)",
        ),
    )


def _gil_released(results: Results) -> Row:
    r = results("gil_released_hashing")
    t, p = r.speedup("threads"), r.speedup("processes")
    if max(t, p) < 1:
        note = both(en=" (neither beat serial this time)", zh="（这次两者都没有快过串行）")
    elif p > t:
        note = both(en=" (the process pool won this time)", zh="（这次进程池更快）")
    else:
        note = both(en="", zh="")
    return Row(
        both(
            en="CPU-bound inside C code that releases the GIL (hashlib, zlib, NumPy)",
            zh="CPU 密集型，但耗时在释放 GIL 的 C 代码里（hashlib、zlib、NumPy）",
        ),
        both(en="a thread pool: nothing to pickle or copy", zh="线程池，因为既不用序列化，也不用复制数据"),
        both(
            en=f"thread pool **{t:.2f}×**, process pool **{p:.2f}×**{note['en']}",
            zh=f"线程池 **{t:.2f}×**，进程池 **{p:.2f}×**{note['zh']}",
        ),
        both(
            en="[Measured: C code that releases the GIL](#gil-released)",
            zh="[实测：释放全局解释器锁（GIL）的 C 代码](#gil-released)",
        ),
    )


def _io_bound(results: Results) -> Row:
    r = results("asyncio_vs_threads")
    a_t, t_t = r.median("asyncio_1000"), r.median("threads_1000")
    a_m, t_m = r.median("asyncio_1000", "peak"), r.median("threads_1000", "peak")
    return Row(
        both(en="I/O-bound (network, disk)", zh="I/O 密集型（网络、磁盘）"),
        both(
            en="`asyncio` for many connections; a thread pool for a few dozen blocking calls",
            zh="连接多时用 `asyncio`；几十个阻塞调用用线程池",
        ),
        both(
            en=f"1,000 requests at once: asyncio **{a_t:.2f} s**, {a_m:.1f} MiB; "
            f"thread pool **{t_t:.2f} s**, {t_m:.1f} MiB",
            zh=f"1,000 个并发请求：asyncio **{a_t:.2f} s**、{a_m:.1f} MiB；"
            f"线程池 **{t_t:.2f} s**、{t_m:.1f} MiB",
        ),
        both(
            en="[asyncio for I/O-bound work](asyncio-io.md#measured)",
            zh="[用 asyncio 处理 I/O 密集型任务](asyncio-io.md#measured)",
        ),
    )


def _tiny_tasks(results: Results) -> Row:
    r = results("pool_chunksize")
    serial = r.per_item_us("serial")
    one, batched = r.per_item_us("processes_chunksize_1"), r.per_item_us("processes_default")
    return Row(
        both(
            en="Many tiny tasks (microseconds each): `chunksize`",
            zh="大量很小的任务（每个只需几微秒）：`chunksize`",
        ),
        both(
            en="serial code; in parallel, `Pool.map` with its default `chunksize`, or pass `chunksize` to "
            "`ProcessPoolExecutor.map`",
            zh="串行代码；要并行就用 `Pool.map` 的默认 `chunksize`，或者给 `ProcessPoolExecutor.map` "
            "传入 `chunksize`",
        ),
        both(
            en=f"per item: serial **{serial:.2f} µs**; process pool with `chunksize=1` **{one:.1f} µs**, "
            f"with the default `chunksize` **{batched:.2f} µs**",
            zh=f"每项耗时：串行 **{serial:.2f} µs**；进程池在 `chunksize=1` 时 **{one:.1f} µs**，"
            f"默认 `chunksize` 时 **{batched:.2f} µs**",
        ),
        both(
            en="[Pools: processes and threads in one line](pools.md#chunksize)",
            zh="[池：一行代码用上进程与线程](pools.md#chunksize)",
        ),
    )


def _more_than_one_machine(results: Results) -> Row:
    r = results("dask_cpu")
    pool, dask = r.speedup("pool"), r.speedup("dask")
    start = r.median("dask", "startup")
    return Row(
        both(en="More work than one machine can do", zh="一台机器不够用"),
        both(
            en="Dask (`client.get_executor()` is an executor); on one machine, still a process pool",
            zh="Dask（`client.get_executor()` 就是一个执行器）；单机上仍用进程池",
        ),
        both(
            en=f"on this machine: `Pool` **{pool:.2f}×**, Dask LocalCluster **{dask:.2f}×**, "
            f"{start:.2f} s to start the cluster",
            zh=f"在这台机器上：`Pool` **{pool:.2f}×**，Dask LocalCluster **{dask:.2f}×**，"
            f"启动集群 {start:.2f} s",
        ),
        both(
            en="[Beyond one machine](beyond-one-machine.md#cpu-bound)",
            zh="[超越单机](beyond-one-machine.md#cpu-bound)",
        ),
    )


def _huge_data(results: Results) -> Row:
    r = results("sharing_argument_size")
    per_task, once = r.median("per_task_1mib", "per_s"), r.median("initializer_1mib", "per_s")
    return Row(
        both(en="Huge data every task reads", zh="每个任务都要读取的大数据"),
        both(
            en="`initializer`/`initargs` or shared memory, not per-task arguments",
            zh="`initializer`/`initargs` 或共享内存，不要随每个任务传递",
        ),
        both(
            en=f"a 1 MiB input: **{per_task:,.0f}** tasks/s passed per task, **{once:,.0f}** via the "
            "initializer",
            zh=f"1 MiB 输入：逐任务传递每秒 **{per_task:,.0f}** 个任务，"
            f"通过初始化函数每秒 **{once:,.0f}** 个",
        ),
        both(
            en="[Sharing data without copying it](sharing-data.md#measured)",
            zh="[共享数据而不复制](sharing-data.md#measured)",
        ),
    )


def _workers(results: Results) -> Row:
    r = results("crawler_workers")
    # the worker counts the crawler table measured (read from it: the guide imports no other page's module)
    counts = [int(v.key.removeprefix("threads_")) for v in r.bench.variants if v.key.startswith("threads_")]
    few, many = min(counts), max(counts)
    t_few, t_many = r.speedup(f"threads_{few}"), r.speedup(f"threads_{many}")
    return Row(
        both(en="How many workers", zh="工作进程或工作线程的个数"),
        both(
            en="CPU-bound: one per logical CPU, the default of `Pool()`; I/O-bound: more than cores, "
            "until the speedup stops growing",
            zh="CPU 密集型：每个逻辑 CPU 一个，即 `Pool()` 的默认值；"
            "I/O 密集型：可以比核心多，加到加速比不再增长为止",
        ),
        both(
            en=f"crawler, thread pool: {few} threads **{t_few:.2f}×**, {many} threads **{t_many:.2f}×**",
            zh=f"爬虫的线程池：{few} 个工作线程 **{t_few:.2f}×**，{many} 个 **{t_many:.2f}×**",
        ),
        both(
            en="[Processes and queues: a crawler that works](crawler.md#measured)",
            zh="[进程与队列：能正常工作的爬虫](crawler.md#measured)",
        ),
    )


def _jupyter(results: Results) -> Row:
    return Row(
        both(en="Inside Jupyter", zh="在 Jupyter 中"),
        both(
            en="the worker function in a `.py` module the notebook imports; `ProcessPoolExecutor`, which "
            "raises instead of hanging",
            zh="把工作函数放进 Notebook（笔记本）导入的 `.py` 模块；"
            "用 `ProcessPoolExecutor`，出错时抛出异常而不是卡住",
        ),
        both(
            en="executed when this site was built: the error, then three fixes that run",
            zh="本站构建时实际执行：先是报错，再是三种能运行的修复方法",
        ),
        both(
            en="[Parallelism inside Jupyter](notebooks/parallelism-in-jupyter.ipynb)",
            zh="[在 Jupyter 中并行](notebooks/parallelism-in-jupyter.ipynb)",
        ),
    )


def _upgraded(results: Results) -> Row:
    r = results("pool_startup")
    methods = [m for m in ("fork", "forkserver") if m in {v.key for v in r.bench.variants}]
    cold = [f"`{m}` **{r.median(m, 'cold'):.2f} s**" for m in methods]
    return Row(
        both(en="Slower since upgrading to Python 3.14 (Linux)", zh="升级到 Python 3.14 后变慢（Linux）"),
        both(
            en='create the pool once; `get_context("fork")` only where you rely on `fork`',
            zh='只创建一次进程池；只在依赖 `fork` 的地方用 `get_context("fork")`',
        ),
        both(en=f"a new pool (cold): {', '.join(cold)}", zh=f"新建一个池（冷启动）：{'、'.join(cold)}"),
        both(
            en="[Upgrading to 3.14: slower workers](upgrading-to-3-14.md#cost)",
            zh="[升级到 3.14：工作进程变慢](upgrading-to-3-14.md#cost)",
        ),
    )


ROWS = (
    _cpu_bound,
    _gil_released,
    _io_bound,
    _workers,
    _tiny_tasks,
    _huge_data,
    _jupyter,
    _upgraded,
    _more_than_one_machine,
)


def guide(results: Results, lang: Lang) -> str:
    header = [text(h, lang) for h in HEADER]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join([":--"] * len(header)) + "|"]
    for row in ROWS:
        found = row(results)
        kind, tool, seen = text(found.kind, lang), text(found.tool, lang), text(found.seen, lang)
        details = text(found.details, lang)
        target = LINK_TARGET.search(details)
        if target is None:
            raise ValueError(f"decision guide: the row {kind!r} links to no table ({details!r})")
        lines.append(f"| [{kind}]({target[1]}) | {tool} | {seen} |")
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
            "crawler_workers",
            "pool_startup",
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
        zh=f"hashlib 在计算哈希时释放 GIL，线程池的加速比为 **{t:.2f}×**，进程池为 **{p:.2f}×**，"
        f"所以{verdict['zh']}；"
        f"进程池还要先把 {COUNT * SIZE_MIB} MiB 数据序列化后发给工作进程。",
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
