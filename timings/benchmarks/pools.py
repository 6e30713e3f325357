"""Pools: chunksize overhead, time to first result, locks and shared state.

Tables for docs/*/pools.md, map-apply.md and locks.md. Ids and variant keys are read by other
pages' reports (the errata): `pool_first_result` (map, imap_unordered, apply_async; metric
first_result) and `pool_lock_contention` (serial, pool_locked, pool_unlocked) keep their names.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from multiprocessing.pool import Pool, ThreadPool
from typing import TYPE_CHECKING, Any

from snippets import global_lock_pitfall as gl
from snippets import lock_contention as lc
from snippets import pool_lifecycle as lifecycle
from snippets import pool_map_apply as ma
from snippets import shared_counter as sc
from timings.spec import Benchmark, Lang, Metric, Variant, capacity_row
from timings.units import seconds

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
    if lang == "zh":
        verdict = "仍然比串行循环慢" if slower else "已经比串行循环快"
        return (
            f"`chunksize=1` 时，进程池每项耗时 **{one:.1f} µs**，是默认 `chunksize`"
            f"（{default:.2f} µs）的 {ratio:.0f} 倍（线程池：{t_one:.1f} µs 对 {t_default:.2f} µs）；"
            f"而串行循环每项只需 {serial:.2f} µs，所以即使用默认 `chunksize`，进程池也{verdict}。"
        )
    verdict = "is still slower than the plain loop" if slower else "beats the plain loop"
    return (
        f"With `chunksize=1` the process pool spends **{one:.1f} µs** per item, {ratio:.0f}× "
        f"the {default:.2f} µs of the default chunksize (thread pool: {t_one:.1f} µs vs "
        f"{t_default:.2f} µs); the serial loop needs {serial:.2f} µs per item, so even with "
        f"the default chunksize the process pool {verdict}."
    )


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
    map_total, async_total = r.median("map"), r.median("apply_async")
    same = abs(map_total - async_total) <= 0.1 * max(map_total, async_total)
    if lang == "zh":
        totals = (
            f"总耗时几乎相同（`map` {seconds(map_total)}，`apply_async` {seconds(async_total)}）"
            if same
            else f"总耗时不同（`map` {seconds(map_total)}，`apply_async` {seconds(async_total)}）"
        )
        return (
            f"队首有一个 {slow} 的慢任务时，`imap_unordered` 在 **{first('imap_unordered')}** "
            f"后就拿到第一个结果；按提交顺序调用 `get()` 的 `apply_async` 要等那个慢任务，"
            f"用了 {first('apply_async')}；`map` 则要等全部完成，用了 {first('map')}。{totals}。"
        )
    totals = (
        f"the totals are about the same (`map` {seconds(map_total)}, `apply_async` {seconds(async_total)})"
        if same
        else f"the totals differ (`map` {seconds(map_total)}, `apply_async` {seconds(async_total)})"
    )
    return (
        f"With a {slow} task at the front of the queue, `imap_unordered` delivered its first "
        f"result after **{first('imap_unordered')}**; `apply_async` with `get()` in submission "
        f"order waited for the slow task ({first('apply_async')}), and `map` for all of them "
        f"({first('map')}); {totals}."
    )


# --- the post's global lock under each start method -------------------------------------------

LOST_PER_WORKER = 50_000
METHODS = tuple(m for m in ("fork", "spawn", "forkserver") if m in multiprocessing.get_all_start_methods())


def global_lock_under(method: str) -> Callable[[object], dict[str, float]]:
    def run(_: object) -> dict[str, float]:
        total = gl.count_with_global_lock(WORKERS, LOST_PER_WORKER, method)
        return {"count": total, "lost": WORKERS * LOST_PER_WORKER - total}

    return run


def read_global_lock(r: Result, lang: Lang) -> str:
    lost = {m: r.median(m, "lost") for m in METHODS}
    exact = [m for m in METHODS if r.worst(m, "lost") == 0]
    losing = [m for m in METHODS if r.worst(m, "lost") > 0]

    def names(methods: list[str]) -> str:
        quoted = [f"`{m}`" for m in methods]
        if lang == "zh":
            return "、".join(quoted)
        return " and ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)

    if lang == "zh":
        parts = []
        if exact:
            parts.append(f"在 {names(exact)} 下每次都精确计到 {WORKERS * LOST_PER_WORKER:,}")
        if losing:
            worst = max(losing, key=lambda m: lost[m])
            parts.append(
                f"在 {names(losing)} 下有更新丢失（`{worst}` 每次运行丢失数的中位数为 "
                f"**{lost[worst]:,.0f}**）：每个工作进程用的是自己的锁"
            )
        return "同样的代码，" + "；".join(parts) + "。"
    parts = []
    if exact:
        parts.append(f"counted exactly {WORKERS * LOST_PER_WORKER:,} in every run under {names(exact)}")
    if losing:
        worst = max(losing, key=lambda m: lost[m])
        parts.append(
            f"lost updates under {names(losing)} (a median of **{lost[worst]:,.0f}** per run "
            f"under `{worst}`): there each worker locked a lock of its own"
        )
    return "The same code " + "; it ".join(parts) + "."


# --- all work under one lock --------------------------------------------------------------------

# 8 equal tasks of about 20 ms: 4 per worker, about 0.16 s serially.
CONTENTION_WORK = [64_000] * 8
SAME = 1.10  # medians within 10 % of each other read as "about as fast"


@dataclass
class ContentionPools:
    locked: Pool
    unlocked: Pool


@contextmanager
def contention_pools() -> Iterator[ContentionPools]:
    """Both pools start before the timed rounds (steady state): the table times the work and the lock."""
    with (
        multiprocessing.Pool(
            WORKERS, initializer=lc.share_lock, initargs=(multiprocessing.Lock(),)
        ) as locked,
        multiprocessing.Pool(WORKERS) as unlocked,
    ):
        yield ContentionPools(locked, unlocked)


def read_contention(r: Result, lang: Lang) -> str:
    locked, unlocked = r.speedup("pool_locked"), r.speedup("pool_unlocked")
    ratio = r.median("pool_locked") / r.median("serial")
    verdict = "slower" if ratio > SAME else "same" if ratio * SAME >= 1 else "faster"
    cap = r.speedup("capacity")
    if lang == "zh":
        said = {"slower": "比串行还慢", "same": "并不比串行快", "faster": "反而比串行快"}[verdict]
        return (
            f"所有工作都放在同一把锁下时，{WORKERS} 个工作进程的进程池{said}"
            f"（加速比 **{locked:.2f}×**）：任务只能一个接一个地执行，进程间通信和锁的交接还要额外花时间；"
            f"去掉这把锁，同一个池的加速比为 {unlocked:.2f}×，"
            f"同样的任务由 {WORKERS} 个普通进程运行则为 {cap:.2f}×。"
        )
    said = {"slower": "is slower than serial", "same": "is no faster than serial", "faster": "beats serial"}
    return (
        f"With all the work under one lock, the pool of {WORKERS} workers {said[verdict]} "
        f"(**{locked:.2f}×**): the tasks run one after another, and passing messages and handing the "
        f"lock over cost extra; without the lock the same pool reaches {unlocked:.2f}×, and "
        f"{WORKERS} plain processes running the same tasks {cap:.2f}×."
    )


# --- Manager proxies vs shared memory --------------------------------------------------------------

# Increments per worker: each way counts as far as it can in about the same time, so that the
# fixed cost of handing two tasks to the pool stays small next to the counting itself.
PER_WORKER = {"returned": 100_000, "value": 10_000, "initializer_lock": 10_000, "manager": 150}


@dataclass
class CounterPools:
    plain: Pool
    value_pool: Pool
    value: Any
    lock_pool: Pool
    raw: Any
    manager_lock: Any
    manager_value: Any


@contextmanager
def counter_pools() -> Iterator[CounterPools]:
    """Pools and the manager start once, outside the timed rounds: only the counting is timed."""
    value = multiprocessing.Value("q", 0)
    raw, lock = multiprocessing.Value("q", 0, lock=False), multiprocessing.Lock()
    with (
        multiprocessing.Manager() as manager,
        multiprocessing.Pool(WORKERS) as plain,
        multiprocessing.Pool(WORKERS, initializer=sc.share_value, initargs=(value,)) as value_pool,
        multiprocessing.Pool(
            WORKERS, initializer=sc.share_counter_and_lock, initargs=(raw, lock)
        ) as lock_pool,
    ):
        yield CounterPools(plain, value_pool, value, lock_pool, raw, manager.Lock(), manager.Value("q", 0))


def counted(
    key: str, count: Callable[[CounterPools, int], int]
) -> Callable[[CounterPools], dict[str, float]]:
    """Time one way of counting; report nanoseconds per increment and the final count."""

    def run(c: CounterPools) -> dict[str, float]:
        per_worker = PER_WORKER[key]
        start = time.perf_counter()
        total = count(c, per_worker)
        elapsed = time.perf_counter() - start
        made = WORKERS * per_worker
        return {"per_increment": elapsed / made * 1e9, "made": made, "count": total, "lost": made - total}

    return run


def by_returning(c: CounterPools, per_worker: int) -> int:
    return sum(c.plain.map(sc.count_locally, [per_worker] * WORKERS))


def with_value_lock(c: CounterPools, per_worker: int) -> int:
    c.value.value = 0
    c.value_pool.map(sc.add_to_value, [per_worker] * WORKERS)
    return c.value.value


def with_initializer_lock(c: CounterPools, per_worker: int) -> int:
    c.raw.value = 0
    c.lock_pool.map(sc.add_to_counter, [per_worker] * WORKERS)
    return c.raw.value


def with_manager(c: CounterPools, per_worker: int) -> int:
    c.manager_value.value = 0
    c.plain.starmap(sc.add_under_lock, [(c.manager_lock, c.manager_value, per_worker)] * WORKERS)
    return c.manager_value.value


def read_counter(r: Result, lang: Lang) -> str:
    manager, value = r.median("manager", "per_increment"), r.median("value", "per_increment")
    exact = all(r.best(v.key, "count") == r.worst(v.key, "made") for v in r.bench.variants)
    if lang == "zh":
        tail = "四种方式每次都得到精确的总数。" if exact else "注意：有一种方式没有得到精确的总数。"
        return (
            f"经由 Manager 代理，每次加一要 **{manager / 1e3:,.0f} µs**（获取锁、读、写、释放锁，"
            f"每一步都要和管理器进程往返一次），是共享 `Value`（{value / 1e3:.1f} µs）的 "
            f"{manager / value:,.0f} 倍；{tail}"
        )
    tail = "every way counted exactly, every time." if exact else "note: one way missed the exact total."
    return (
        f"Through Manager proxies each increment takes **{manager / 1e3:,.0f} µs** (acquire, read, "
        f"write and release are each a round trip to the manager process), {manager / value:,.0f}× "
        f"the {value / 1e3:.1f} µs of a shared `Value`; {tail}"
    )


# --- the tables -------------------------------------------------------------------------------------

COUNT = Metric("count", {"en": "Final count", "zh": "最终计数"}, unit="count")
LOST = Metric("lost", {"en": "Updates lost", "zh": "丢失的更新"}, unit="count")

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
        fixture=trivial_pools,
        chart="per_item",
        reading=read_chunksize,
    ),
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
        fixture=sleepy_pool,
        chart="first_result",
        reading=read_first_result,
    ),
    Benchmark(
        id="pool_global_lock",
        title={
            "en": f"The post's global lock: {WORKERS} workers, {LOST_PER_WORKER:,} increments each",
            "zh": f"原文的全局锁：{WORKERS} 个工作进程，各加一 {LOST_PER_WORKER:,} 次",
        },
        variants=tuple(
            Variant(
                m,
                {"en": f"start method {m}", "zh": f"启动方法 {m}"},
                global_lock_under(m),
                workers=WORKERS,
            )
            for m in METHODS
        ),
        sources=("snippets/global_lock_pitfall.py",),
        timer="end_to_end",  # every round starts a pool with its own start method
        compares_start_methods=True,
        columns=("count", "lost", "median"),
        metrics=(COUNT, LOST),
        rounds=3,
        warmup=0,  # every round starts its own pool: nothing to warm up
        chart="lost",
        reading=read_global_lock,
    ),
    Benchmark(
        id="pool_lock_contention",
        title={
            "en": f"{len(CONTENTION_WORK)} CPU-bound tasks on pools of {WORKERS} workers started once",
            "zh": f"{len(CONTENTION_WORK)} 个 CPU 密集型任务，{WORKERS} 个工作进程的池只启动一次",
        },
        variants=(
            Variant(
                "serial",
                {"en": "serial (baseline)", "zh": "串行（基线）"},
                lambda _: lc.checksums_serial(CONTENTION_WORK),
            ),
            capacity_row(WORKERS, lambda _: [partial(lc.crunch, n) for n in CONTENTION_WORK]),
            Variant(
                "pool_locked",
                {"en": "process pool, all work under one lock", "zh": "进程池，所有工作在同一把锁下"},
                lambda p: p.locked.map(lc.crunch_locked, CONTENTION_WORK, chunksize=1),
                workers=WORKERS,
            ),
            Variant(
                "pool_unlocked",
                {"en": "process pool, no lock", "zh": "进程池，不加锁"},
                lambda p: p.unlocked.map(lc.crunch, CONTENTION_WORK, chunksize=1),
                workers=WORKERS,
            ),
        ),
        sources=("snippets/lock_contention.py",),
        timer="steady",
        columns=("best", "median", "speedup", "efficiency", "capacity"),
        baseline="serial",
        fixture=contention_pools,
        chart="speedup",
        reading=read_contention,
    ),
    Benchmark(
        id="pool_manager_vs_value",
        title={
            "en": f"A counter shared by {WORKERS} worker processes: the cost of one increment",
            "zh": f"{WORKERS} 个工作进程共享一个计数器：每次加一的代价",
        },
        variants=(
            Variant(
                "returned",
                {"en": "no sharing: tasks return counts", "zh": "不共享：任务返回计数"},
                counted("returned", by_returning),
                workers=WORKERS,
            ),
            Variant(
                "value",
                {"en": "shared Value, get_lock()", "zh": "共享 Value，get_lock()"},
                counted("value", with_value_lock),
                workers=WORKERS,
            ),
            Variant(
                "initializer_lock",
                {"en": "shared memory, Lock via initargs", "zh": "共享内存，经 initargs 传入 Lock"},
                counted("initializer_lock", with_initializer_lock),
                workers=WORKERS,
            ),
            Variant(
                "manager",
                {"en": "Manager Value and Lock proxies", "zh": "Manager 的 Value 与 Lock 代理"},
                counted("manager", with_manager),
                workers=WORKERS,
            ),
        ),
        sources=("snippets/shared_counter.py",),
        timer="steady",
        columns=("per_increment", "made", "lost"),
        metrics=(
            Metric("per_increment", {"en": "ns per increment", "zh": "每次加一耗时（ns）"}, unit="count"),
            Metric("made", {"en": "Increments made", "zh": "加一的次数"}, unit="count"),
            COUNT,
            LOST,
        ),
        rounds=3,
        fixture=counter_pools,
        chart="per_increment",
        reading=read_counter,
    ),
)
