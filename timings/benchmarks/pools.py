"""The tables of docs/*/pools.md: what chunksize costs when tasks are trivial (snippets/pool_lifecycle.py)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool, ThreadPool
from typing import TYPE_CHECKING

from snippets import pool_lifecycle as lifecycle
from timings.spec import Benchmark, Lang, Variant, both

if TYPE_CHECKING:
    from timings.result import Result

WORKERS = 2  # fixed: the tables compare ways of using a pool, not machines

# --- chunksize: many trivial tasks ------------------------------------------------------------

TRIVIAL_ITEMS = 4_000
NUMBERS = list(range(TRIVIAL_ITEMS))


def default_chunksize(items: int, workers: int) -> int:
    """What Pool.map picks when given no chunksize: about four chunks per worker."""
    chunksize, extra = divmod(items, workers * 4)
    return chunksize + 1 if extra else chunksize


DEFAULT_CHUNK = default_chunksize(TRIVIAL_ITEMS, WORKERS)


@contextmanager
def trivial_pools() -> Iterator[tuple[Pool, ThreadPool]]:
    """Pools started once, outside the timed rounds: the table measures handing out work."""
    with multiprocessing.Pool(WORKERS) as processes, ThreadPool(WORKERS) as threads:
        yield processes, threads


def map_on(which: int, chunksize: int | None) -> Callable[[tuple[Pool, ThreadPool]], None]:
    def run(pools: tuple[Pool, ThreadPool]) -> None:
        pools[which].map(lifecycle.square, NUMBERS, chunksize)

    return run


def read_chunksize(r: Result, lang: Lang) -> str:
    one, default = r.per_item_us("processes_chunksize_1"), r.per_item_us("processes_default")
    t_one, t_default = r.per_item_us("threads_chunksize_1"), r.per_item_us("threads_default")
    serial = r.per_item_us("serial")
    ratio = one / default
    slower = r.median("processes_default") > r.median("serial")
    verdict = (
        both(en="is still slower than the plain loop", zh="仍然比普通循环慢")
        if slower
        else both(en="beats the plain loop", zh="比普通循环快")
    )
    return both(
        en=f"With `chunksize=1` the process pool spends **{one:.1f} µs** per item, {ratio:.0f}× "
        f"the {default:.2f} µs of the default chunksize (thread pool: {t_one:.1f} µs vs "
        f"{t_default:.2f} µs); the serial loop needs {serial:.2f} µs per item, so even with "
        f"the default chunksize the process pool {verdict['en']}.",
        zh=f"`chunksize=1` 时，进程池每项耗时 **{one:.1f} µs**，是默认 `chunksize`"
        f"（{default:.2f} µs）的 {ratio:.0f} 倍（线程池分别为 {t_one:.1f} µs 和 {t_default:.2f} µs）；"
        f"而普通循环每项需要 {serial:.2f} µs，所以即使用默认 `chunksize`，进程池也{verdict['zh']}。",
    )[lang]


BENCHMARKS = (
    Benchmark(
        id="pool_chunksize",
        title={
            "en": f"Squaring {TRIVIAL_ITEMS:,} numbers: trivial tasks, {WORKERS} workers",
            "zh": f"计算 {TRIVIAL_ITEMS:,} 个数的平方：极小的任务，{WORKERS} 个工作进程/线程",
        },
        variants=(
            Variant(
                "serial",
                {"en": "serial (baseline)", "zh": "串行（基线）"},
                lambda _: [lifecycle.square(n) for n in NUMBERS],
            ),
            Variant(
                "processes_chunksize_1",
                {"en": "process pool, chunksize=1", "zh": "进程池，chunksize=1"},
                map_on(0, 1),
                workers=WORKERS,
            ),
            Variant(
                "processes_default",
                {
                    "en": f"process pool, default chunksize ({DEFAULT_CHUNK})",
                    "zh": f"进程池，默认 chunksize（{DEFAULT_CHUNK}）",
                },
                map_on(0, None),
                workers=WORKERS,
            ),
            Variant(
                "threads_chunksize_1",
                {"en": "thread pool, chunksize=1", "zh": "线程池，chunksize=1"},
                map_on(1, 1),
                workers=WORKERS,
            ),
            Variant(
                "threads_default",
                {
                    "en": f"thread pool, default chunksize ({DEFAULT_CHUNK})",
                    "zh": f"线程池，默认 chunksize（{DEFAULT_CHUNK}）",
                },
                map_on(1, None),
                workers=WORKERS,
            ),
        ),
        sources=("snippets/pool_lifecycle.py",),
        timer="steady",
        columns=("median", "range", "per_item", "overhead"),
        baseline="serial",
        items=TRIVIAL_ITEMS,
        setup=trivial_pools,
        chart="per_item",
        reading=read_chunksize,
    ),
)
