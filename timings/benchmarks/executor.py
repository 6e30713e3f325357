"""Many small tasks: Pool.map against ProcessPoolExecutor.map and its chunksize.

Runs snippets/executor_chunksize.py.
"""

from __future__ import annotations

import os

from snippets import executor_chunksize as e
from timings.spec import Benchmark, Lang, Variant

WORKERS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
TASKS = 1_000  # about 100 µs each: 0.1 s of work in total
ITEMS = list(range(TASKS))
CHUNK = e.pool_chunksize(TASKS, WORKERS)


def read_executor(r, lang: Lang) -> str:
    pool, one, chunked = r.median("pool_map"), r.median("executor_1"), r.median("executor_chunked")
    if lang == "zh":
        return (
            f"`chunksize=1` 时，`ProcessPoolExecutor` 耗时是 `Pool.map` 的 **{one / pool:.1f} 倍**"
            f"（每项 {r.per_item_us('executor_1'):.0f} µs）；把 `chunksize` 设为 {CHUNK} 后只需 "
            f"**{chunked / pool:.1f} 倍**：慢在逐项收发消息，而不在执行器本身。"
        )
    return (
        f"With `chunksize=1`, `ProcessPoolExecutor` takes **{one / pool:.1f}×** the time of `Pool.map` "
        f"({r.per_item_us('executor_1'):.0f} µs per item); with `chunksize={CHUNK}` it takes "
        f"**{chunked / pool:.1f}×**: the cost is one message per item, not the executor itself."
    )


BENCHMARKS = (
    Benchmark(
        id="executor_chunksize",
        title={
            "en": f"{TASKS:,} small tasks on {WORKERS} worker processes",
            "zh": f"{TASKS:,} 个小任务，{WORKERS} 个工作进程",
        },
        variants=(
            Variant(
                "serial",
                {"en": "serial (baseline)", "zh": "串行（基线）"},
                lambda _: [e.small_task(n) for n in ITEMS],
            ),
            Variant(
                "pool_map",
                {"en": f"Pool.map (chunksize {CHUNK})", "zh": f"Pool.map（chunksize 为 {CHUNK}）"},
                lambda _: e.with_pool(ITEMS, WORKERS),
                workers=WORKERS,
            ),
            Variant(
                "executor_1",
                {"en": "ProcessPoolExecutor.map, chunksize=1", "zh": "ProcessPoolExecutor.map，chunksize=1"},
                lambda _: e.with_executor(ITEMS, WORKERS),
                workers=WORKERS,
            ),
            Variant(
                "executor_chunked",
                {
                    "en": f"ProcessPoolExecutor.map, chunksize={CHUNK}",
                    "zh": f"ProcessPoolExecutor.map，chunksize={CHUNK}",
                },
                lambda _: e.with_executor(ITEMS, WORKERS, CHUNK),
                workers=WORKERS,
            ),
        ),
        sources=("snippets/executor_chunksize.py",),
        columns=("median", "range", "n", "speedup", "per_item"),
        baseline="serial",
        items=TASKS,
        reading=read_executor,
    ),
)
