"""Many small tasks: Pool.map against ProcessPoolExecutor.map and its chunksize.

Runs snippets/executor_chunksize.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from multiprocessing import Pool
from multiprocessing.pool import Pool as PoolType

from snippets import executor_chunksize as e
from timings.spec import Benchmark, Lang, Variant, available_cores, both, capacity_row

WORKERS = available_cores()
TASKS = 1_600  # about 40 µs each (2-core VM): about 0.06 s a round serially, 8 equal chunks of 200
ITEMS = list(range(TASKS))
CHUNK = e.pool_chunksize(TASKS, WORKERS)


@dataclass
class Running:
    pool: PoolType
    executor: ProcessPoolExecutor


@contextmanager
def running() -> Iterator[Running]:
    """The pool and the executor start before the timed rounds (steady state): the table compares
    how `map` hands out work. The executor starts its workers on demand, so it gets work here first."""
    with Pool(WORKERS) as pool, ProcessPoolExecutor(WORKERS) as executor:
        list(executor.map(e.small_task, range(4 * WORKERS)))
        yield Running(pool, executor)


SAME = 1.10  # a ratio under this reads as "no slower"


def read_executor(r, lang: Lang) -> str:
    pool = r.median("pool_map")
    one, chunked = r.median("executor_1") / pool, r.median("executor_chunked") / pool
    if one <= SAME:
        why = both(
            en="even one message per item costs it nothing here.", zh="可见在这里，逐项收发消息几乎没有开销。"
        )
    elif chunked <= SAME:
        why = both(
            en="the cost is one message per item, not the executor itself.",
            zh="可见慢在逐项收发消息，而不在执行器本身。",
        )
    else:
        why = both(en="even with chunks the executor stays slower.", zh="即使分块，执行器仍然更慢。")
    per_item = r.per_item_us("executor_1")
    return both(
        en=f"With `chunksize=1`, `ProcessPoolExecutor` takes **{one:.2f}×** the time of `Pool.map` "
        f"({per_item:.0f} µs per item); with `chunksize={CHUNK}`, **{chunked:.2f}×**: {why['en']}",
        zh=f"`chunksize=1` 时，`ProcessPoolExecutor` 的耗时是 `Pool.map` 的 **{one:.2f} 倍**"
        f"（每项 {per_item:.0f} µs）；`chunksize={CHUNK}` 时是 **{chunked:.2f} 倍**。{why['zh']}",
    )[lang]


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
            capacity_row(WORKERS, lambda _: [partial(e.small_task, n) for n in ITEMS]),
            Variant(
                "pool_map",
                {"en": f"Pool.map (chunksize {CHUNK})", "zh": f"Pool.map（chunksize 为 {CHUNK}）"},
                lambda r: r.pool.map(e.small_task, ITEMS),
                workers=WORKERS,
            ),
            Variant(
                "executor_1",
                {"en": "ProcessPoolExecutor.map, chunksize=1", "zh": "ProcessPoolExecutor.map，chunksize=1"},
                lambda r: list(r.executor.map(e.small_task, ITEMS)),
                workers=WORKERS,
            ),
            Variant(
                "executor_chunked",
                {
                    "en": f"ProcessPoolExecutor.map, chunksize={CHUNK}",
                    "zh": f"ProcessPoolExecutor.map，chunksize={CHUNK}",
                },
                lambda r: list(r.executor.map(e.small_task, ITEMS, chunksize=CHUNK)),
                workers=WORKERS,
            ),
        ),
        sources=("snippets/executor_chunksize.py",),
        timer="steady",
        columns=("best", "median", "speedup", "efficiency", "capacity", "per_item"),
        baseline="serial",
        items=TASKS,
        rounds=6,  # rounds are short (a few hundredths of a second): a few more of them
        setup=running,
        reading=read_executor,
    ),
)
