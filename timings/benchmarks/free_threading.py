"""Pure-Python CPU-bound work on a thread pool: serialised by the GIL, parallel without it."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial

from snippets import count_primes as c
from timings.spec import Benchmark, Lang, Text, Variant, available_cores, both, capacity_row

WORKERS = available_cores()
# About 0.1 s of trial division, serially, on a 3.11 build; 8 chunks of about the same work
# (c.bounds), so 2 or 4 workers each get an equal share.
LIMIT, CHUNKS = 120_000, 8
PARALLEL = 1.2  # a thread-pool speedup above this means threads really ran at once


@contextmanager
def executors() -> Iterator[tuple[ThreadPoolExecutor, ProcessPoolExecutor]]:
    """Both executors start before the timed rounds; the warm-up round starts every worker."""
    with ThreadPoolExecutor(WORKERS) as threads, ProcessPoolExecutor(WORKERS) as processes:
        yield threads, processes


def chunks(_: object) -> list[partial[int]]:
    return [partial(c.count_primes, a, b) for a, b in zip(*c.bounds(LIMIT, CHUNKS), strict=True)]


def read_threads(r, lang: Lang) -> str:
    """Says whether a free-threaded build was measured, and what the thread pool did on each build."""
    runs = (r, *r.others)
    free = [x for x in runs if x.parallel_threads]
    gil = [x for x in runs if not x.parallel_threads]

    def speedups(xs: list) -> Text:
        return both(
            en=", ".join(f"{x.speedup('threads'):.2f}× ({x.version})" for x in xs),
            zh="、".join(f"{x.speedup('threads'):.2f}×（{x.version}）" for x in xs),
        )

    def parallel(xs: list) -> bool:
        return all(x.speedup("threads") > PARALLEL for x in xs)

    def serialised(xs: list) -> bool:
        return all(x.speedup("threads") <= PARALLEL for x in xs)

    processes = f"{r.speedup('processes'):.2f}×"
    capacity = r.speedup("capacity")
    if not free:
        turns = (
            both(en=": the threads take turns", zh="，说明线程在轮流执行")
            if serialised(gil)
            else both("", "")
        )
        said = speedups(gil)
        return both(
            en="**No free-threaded build was measured for this table**: every column ran with the GIL "
            f"enabled, and the thread pool's speedup is **{said['en']}**{turns['en']}, while the process "
            f"pool reaches **{processes}** ({WORKERS} plain processes: {capacity:.2f}×). "
            "To see the difference, measure with a free-threaded build: "
            '`TIMINGS_PYTHONS="python3.14t" make bench`.',
            zh="**这张表没有测量任何自由线程构建**。每一列都在启用 GIL 的解释器上运行，"
            f"线程池的加速比为 **{said['zh']}**{turns['zh']}；进程池则达到 **{processes}**"
            f"（{WORKERS} 个普通进程：{capacity:.2f}×）。"
            "要看到差别，请用自由线程构建重新测量："
            '`TIMINGS_PYTHONS="python3.14t" make bench`。',
        )[lang]
    verdict = (
        both(en="the threads ran in parallel", zh="线程确实在并行运行")
        if parallel(free)
        else both(en="the threads did not run in parallel", zh="线程并没有并行起来")
    )
    with_gil = speedups(gil)
    tail = (
        both(en=f"; with the GIL it is {with_gil['en']}.", zh=f"；启用 GIL 时则是 {with_gil['zh']}。")
        if gil
        else both(en=".", zh="。")
    )
    on_free = speedups(free)
    return both(
        en=f"On the free-threaded build the thread pool's speedup is **{on_free['en']}**: "
        f"{verdict['en']}{tail['en']}",
        zh=f"在自由线程构建上，线程池的加速比为 **{on_free['zh']}**，说明{verdict['zh']}{tail['zh']}",
    )[lang]


BENCHMARKS = (
    Benchmark(
        id="free_threading_cpu",
        title={
            "en": f"Counting primes below {LIMIT:,} in {CHUNKS} chunks, pure Python",
            "zh": f"用纯 Python 统计 {LIMIT:,} 以内的素数，分成 {CHUNKS} 块",
        },
        variants=(
            Variant(
                "serial",
                {"en": "serial (baseline)", "zh": "串行（基线）"},
                lambda _: c.count_serial(LIMIT, CHUNKS),
            ),
            capacity_row(WORKERS, chunks),
            Variant(
                "threads",
                {"en": f"thread pool, {WORKERS} workers", "zh": f"线程池，{WORKERS} 个工作线程"},
                lambda pools: c.count_in(pools[0], LIMIT, CHUNKS),
                workers=WORKERS,
            ),
            Variant(
                "processes",
                {"en": f"process pool, {WORKERS} workers", "zh": f"进程池，{WORKERS} 个工作进程"},
                lambda pools: c.count_in(pools[1], LIMIT, CHUNKS),
                workers=WORKERS,
            ),
        ),
        sources=("snippets/count_primes.py",),
        timer="steady",
        columns=("best", "median", "speedup", "efficiency", "capacity"),
        baseline="serial",
        rounds=5,
        setup=executors,
        chart="speedup",
        reading=read_threads,
    ),
)
