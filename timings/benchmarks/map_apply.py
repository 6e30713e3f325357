"""The table of docs/*/map-apply.md: time to the first result of uneven tasks (snippets/pool_map_apply.py).

The errata page reads `pool_first_result` (variants map, imap_unordered, apply_async; metric
first_result): they keep their names.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool
from typing import TYPE_CHECKING

from snippets import pool_map_apply as ma
from timings.spec import Benchmark, Lang, Metric, Variant, both
from timings.units import seconds

if TYPE_CHECKING:
    from timings.results import Result

WORKERS = 2  # fixed: the tables compare ways of using a pool, not machines

# --- time to first result: uneven tasks ------------------------------------------------------

JOBS = ma.uneven_jobs(unit=0.01)


@contextmanager
def sleepy_pool() -> Iterator[Pool]:
    with multiprocessing.Pool(WORKERS) as pool:
        yield pool


def first_result(
    way: Callable[[Pool, list[ma.Job]], Iterator[int]],
) -> Callable[[Pool], dict[str, float]]:
    def run(pool: Pool) -> dict[str, float]:
        start = time.perf_counter()
        results = way(pool, JOBS)
        next(results)
        first = time.perf_counter() - start
        rest = list(results)
        if len(rest) != len(JOBS) - 1:
            raise RuntimeError(f"expected {len(JOBS)} results, got {len(rest) + 1}")
        return {"first_result": first}

    return run


def read_first_result(r: Result, lang: Lang) -> str:
    def first(key: str) -> str:
        return seconds(r.median(key, "first_result"))

    slow = seconds(JOBS[0].seconds)
    map_total, async_total = seconds(r.median("map")), seconds(r.median("apply_async"))
    same = abs(r.median("map") - r.median("apply_async")) <= 0.1 * max(
        r.median("map"), r.median("apply_async")
    )
    totals = (
        both(
            en=f"the totals are about the same (`map` {map_total}, `apply_async` {async_total})",
            zh=f"总耗时几乎相同（`map` {map_total}，`apply_async` {async_total}）",
        )
        if same
        else both(
            en=f"the totals differ (`map` {map_total}, `apply_async` {async_total})",
            zh=f"总耗时不同（`map` {map_total}，`apply_async` {async_total}）",
        )
    )
    return both(
        en=f"With a {slow} task at the front of the queue, `imap_unordered` delivered its first "
        f"result after **{first('imap_unordered')}**; `apply_async` with `get()` in submission "
        f"order waited for the slow task ({first('apply_async')}), and `map` for all of them "
        f"({first('map')}); {totals['en']}.",
        zh=f"队首有一个 {slow} 的慢任务时，`imap_unordered` 在 **{first('imap_unordered')}** "
        f"后就交出了第一个结果；按提交顺序调用 `get()` 的 `apply_async` 要等那个慢任务，"
        f"用了 {first('apply_async')}；`map` 则要等全部完成，用了 {first('map')}。{totals['zh']}。",
    )[lang]


BENCHMARKS = (
    Benchmark(
        id="pool_first_result",
        title={
            "en": f"{len(JOBS)} tasks of uneven length, slowest first, {WORKERS} worker processes",
            "zh": f"{len(JOBS)} 个长短不一的任务，最慢的排在最前，{WORKERS} 个工作进程",
        },
        variants=(
            Variant("map", {"en": "map", "zh": "map"}, first_result(ma.with_map), workers=WORKERS),
            Variant("imap", {"en": "imap", "zh": "imap"}, first_result(ma.with_imap), workers=WORKERS),
            Variant(
                "imap_unordered",
                {"en": "imap_unordered", "zh": "imap_unordered"},
                first_result(ma.with_imap_unordered),
                workers=WORKERS,
            ),
            Variant(
                "apply_async",
                {"en": "apply_async, get() in submission order", "zh": "apply_async，按提交顺序 get()"},
                first_result(ma.with_apply_async),
                workers=WORKERS,
            ),
            Variant(
                "apply_async_callback",
                {"en": "apply_async with a callback", "zh": "apply_async 加回调"},
                first_result(ma.with_callbacks),
                workers=WORKERS,
            ),
        ),
        sources=("snippets/pool_map_apply.py",),
        timer="steady",
        columns=("first_result", "median"),
        metrics=(Metric("first_result", {"en": "Time to first result", "zh": "拿到第一个结果的时间"}),),
        rounds=2,  # the tasks sleep: the spread is small
        setup=sleepy_pool,
        chart="first_result",
        reading=read_first_result,
    ),
)
