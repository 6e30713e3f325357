"""One machine, four engines: Pool, ProcessPoolExecutor, a Dask LocalCluster and joblib (loky).

Runs snippets/dask_cluster.py and snippets/joblib_parallel.py. Every engine starts once, in the setup,
before the timed rounds: the rounds measure the cost of sending work to running workers, and the
start-up of each engine is timed once there and shown as its own column. The snippets import dask
and joblib, so they are imported inside the setup: this module itself needs the standard library only.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import Pool
from typing import Any

from timings.spec import Benchmark, Lang, Metric, Variant, available_cores, both, capacity_row

WORKERS = available_cores()
CPU_TASKS, CPU_ROUNDS = 3 * WORKERS, 120_000  # about 20 ms of pure-Python work per task
TINY_TASKS = 30 * WORKERS  # no stretching: SHA-256 of 4 KiB, microseconds per task
BATCH = 8  # items per Dask task when batched: about 4 tasks per worker instead of 30
SOURCES = ("snippets/dask_cluster.py", "snippets/joblib_parallel.py")


@dataclass
class Engines:
    """Running workers of every kind, and how long each took to start."""

    dask: Any  # snippets.dask_cluster, imported by the setup
    joblib: Any  # snippets.joblib_parallel
    pool: Any
    executor: ProcessPoolExecutor
    client: Any  # dask.distributed.Client
    startup: dict[str, float] = field(default_factory=dict)
    _next: Iterator[int] = field(default_factory=itertools.count)

    def blocks(self, count: int) -> range:
        """New block numbers for every run: Dask keys tasks by their arguments and could reuse results."""
        start = next(self._next) * count
        return range(start, start + count)


def _timed(startup: dict[str, float], key: str, start: Callable[[], Any]) -> Any:
    t = time.perf_counter()
    started = start()
    startup[key] = time.perf_counter() - t
    return started


@contextmanager
def engines() -> Iterator[Engines]:
    from snippets import dask_cluster, joblib_parallel

    os.environ.pop("DASK_SCHEDULER_ADDRESS", None)  # this table is about a LocalCluster on this machine
    startup: dict[str, float] = {"serial": 0.0}
    digest = dask_cluster.digest
    with ExitStack() as stack:
        # Each start-up ends with a first task: under spawn and forkserver, that is when a worker
        # imports the function's module. Pools come first: on Linux before 3.14 they fork, and forking
        # is safest before Dask starts its threads.
        def pool() -> Any:
            p = stack.enter_context(Pool(WORKERS))
            p.map(digest, range(WORKERS))
            return p

        def executor() -> ProcessPoolExecutor:
            e = stack.enter_context(ProcessPoolExecutor(WORKERS))
            list(e.map(digest, range(4 * WORKERS)))  # it starts workers on demand: keep them all busy
            return e

        def joblib() -> None:
            stack.callback(joblib_parallel.stop_workers)
            joblib_parallel.digests_with_joblib(range(WORKERS), 0, n_jobs=WORKERS)

        def dask() -> Any:
            client = stack.enter_context(dask_cluster.connect(workers=WORKERS))
            client.run(digest, -1)  # on every worker
            return client

        running = {k: _timed(startup, k, f) for k, f in (("pool", pool), ("executor", executor))}
        _timed(startup, "joblib", joblib)
        client = _timed(startup, "dask", dask)
        startup["dask_batched"] = startup["dask"]
        yield Engines(dask_cluster, joblib_parallel, running["pool"], running["executor"], client, startup)


def _run(kind: str, count: int, rounds: int) -> Callable[[Engines], dict[str, float]]:
    def run(e: Engines) -> dict[str, float]:
        blocks = e.blocks(count)
        d = e.dask
        if kind == "serial":
            found = {b: d.digest(b, rounds) for b in blocks}
        elif kind == "pool":
            found = dict(zip(blocks, e.pool.map(partial(d.digest, rounds=rounds), blocks), strict=True))
        elif kind == "executor":
            found = d.digests_with_executor(e.executor, blocks, rounds)
        elif kind == "dask":
            found = d.digests_with_client(e.client, blocks, rounds)
        elif kind == "dask_batched":
            found = d.digests_in_batches(e.client, blocks, rounds, size=BATCH)
        else:
            found = e.joblib.digests_with_joblib(blocks, rounds, n_jobs=WORKERS)
        if len(found) != count:
            raise RuntimeError(f"{kind}: {len(found)} digests for {count} tasks")
        return {"startup": e.startup[kind]}

    return run


LABELS = {
    "serial": {"en": "serial (baseline)", "zh": "串行（基线）"},
    "pool": {"en": f"Pool, {WORKERS} workers", "zh": f"Pool，{WORKERS} 个工作进程"},
    "executor": {
        "en": f"ProcessPoolExecutor, {WORKERS} workers",
        "zh": f"ProcessPoolExecutor，{WORKERS} 个工作进程",
    },
    "dask": {"en": f"Dask LocalCluster, {WORKERS} workers", "zh": f"Dask LocalCluster，{WORKERS} 个工作进程"},
    "dask_batched": {"en": f"Dask, {BATCH} items per task", "zh": f"Dask，每个任务 {BATCH} 项"},
    "joblib": {"en": f"joblib (loky), {WORKERS} workers", "zh": f"joblib（loky），{WORKERS} 个工作进程"},
}


def variants(kinds: tuple[str, ...], count: int, rounds: int) -> tuple[Variant, ...]:
    return tuple(
        Variant(k, LABELS[k], _run(k, count, rounds), workers=1 if k == "serial" else WORKERS) for k in kinds
    )


def _capacity_tasks(e: Engines) -> list[Any]:
    return [partial(e.dask.digest, b, CPU_ROUNDS) for b in range(CPU_TASKS)]


VERSUS = {
    "ahead": both(en="ahead of Pool", zh="快于 Pool"),
    "close": both(en="close to Pool", zh="与 Pool 相近"),
    "behind": both(en="behind Pool", zh="慢于 Pool"),
}


def _versus(value: float, other: float) -> str:
    """How one speedup compares with another; within 15 % counts as close."""
    return "ahead" if value > 1.15 * other else "close" if value >= 0.85 * other else "behind"


def read_cpu(r, lang: Lang) -> str:
    pool, executor, dask, joblib = (r.speedup(k) for k in ("pool", "executor", "dask", "joblib"))
    task_ms = r.median("serial") / CPU_TASKS * 1e3
    start_ratio = r.median("dask", "startup") / r.median("pool", "startup")
    versus = VERSUS[_versus(dask, pool)]
    return both(
        en=f"With tasks of about {task_ms:.0f} ms, the speedups over serial are **{pool:.2f}×** for Pool, "
        f"**{executor:.2f}×** for ProcessPoolExecutor, **{dask:.2f}×** for Dask and **{joblib:.2f}×** for "
        f"joblib: Dask is {versus['en']}. Starting the LocalCluster took **{start_ratio:.0f}×** as "
        "long as starting the Pool, so start it once per program, not once per batch.",
        zh=f"每个任务约 {task_ms:.0f} ms 时，相对串行的加速比分别为 Pool **{pool:.2f}×**、"
        f"ProcessPoolExecutor **{executor:.2f}×**、Dask **{dask:.2f}×**、joblib **{joblib:.2f}×**，"
        f"Dask {versus['zh']}。启动 LocalCluster 的耗时是启动 Pool 的 **{start_ratio:.0f} 倍**，"
        "所以应当每个程序启动一次集群，而不是每批任务启动一次。",
    )[lang]


def _us(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def read_tiny(r, lang: Lang) -> str:
    serial, pool, dask = r.per_item_us("serial"), r.per_item_us("pool"), r.per_item_us("dask")
    batched, joblib = r.per_item_us("dask_batched"), r.per_item_us("joblib")
    slower = r.median("dask") > r.median("serial")
    verdict = (
        both(en="slower than running the tasks one after another", zh="比逐个串行执行还慢")
        if slower
        else both(en="still faster than serial", zh="仍比串行快")
    )
    return both(
        en=f"Per task, Dask took **{_us(dask)} µs** where the Pool took {_us(pool)} µs and serial code "
        f"{_us(serial)} µs: {verdict['en']}, because the scheduler records, assigns and reports every "
        f"task. With {BATCH} items per task Dask needs **{_us(batched)} µs** per item; joblib batches on "
        f"its own and needs {_us(joblib)} µs.",
        zh=f"每个任务 Dask 要花 **{_us(dask)} µs**，Pool 为 {_us(pool)} µs，串行代码为 {_us(serial)} µs。"
        f"Dask {verdict['zh']}，因为调度器要为每个任务登记、分派并回传结果。"
        f"把 {BATCH} 项合成一个任务后，Dask 每项耗时 **{_us(batched)} µs**；"
        f"joblib 自动分批，每项 {_us(joblib)} µs。",
    )[lang]


BENCHMARKS = (
    Benchmark(
        id="dask_cpu",
        title={
            "en": f"{CPU_TASKS} CPU-bound tasks on one machine",
            "zh": f"单机上的 {CPU_TASKS} 个 CPU 密集型任务",
        },
        variants=(
            *variants(("serial",), CPU_TASKS, CPU_ROUNDS),
            capacity_row(WORKERS, _capacity_tasks),
            *variants(("pool", "executor", "dask", "joblib"), CPU_TASKS, CPU_ROUNDS),
        ),
        sources=SOURCES,
        timer="steady",
        columns=("best", "median", "speedup", "efficiency", "capacity", "startup"),
        metrics=(Metric("startup", {"en": "Start-up, once", "zh": "启动耗时（一次）"}),),
        baseline="serial",
        items=CPU_TASKS,
        rounds=4,  # five engines per round, Dask's start-up before them: 4 rounds keep the budget
        setup=engines,
        chart="speedup",
        reading=read_cpu,
    ),
    Benchmark(
        id="dask_tiny",
        title={
            "en": f"{TINY_TASKS} tiny tasks on one machine: the cost of scheduling",
            "zh": f"单机上的 {TINY_TASKS} 个微小任务：调度的开销",
        },
        variants=variants(("serial", "pool", "executor", "dask", "dask_batched", "joblib"), TINY_TASKS, 0),
        sources=SOURCES,
        timer="steady",
        columns=("median", "range", "per_item", "overhead"),
        baseline="serial",
        items=TINY_TASKS,
        rounds=3,  # the Dask row dominates the measuring time: 3 rounds keep the page's budget
        setup=engines,
        reading=read_tiny,
    ),
)
