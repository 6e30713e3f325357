"""The tables of docs/*/locks.md: the post's global lock under each start method, all work under one
lock, and a counter shared through a Manager or shared memory.

Snippets: global_lock_pitfall.py, lock_contention.py, shared_counter.py. The errata page reads
`pool_lock_contention` (serial, pool_locked, pool_unlocked): it keeps its names.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from multiprocessing.pool import Pool
from typing import TYPE_CHECKING, Any

from snippets import global_lock_pitfall as gl
from snippets import lock_contention as lc
from snippets import shared_counter as sc
from timings.spec import Benchmark, Lang, Metric, Text, Variant, both, capacity_row

if TYPE_CHECKING:
    from timings.results import Result

WORKERS = 2  # fixed: the tables compare ways of using a pool, not machines

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

    def names(methods: list[str]) -> Text:
        quoted = [f"`{m}`" for m in methods]
        listed = [", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted
        return both(
            en=" and ".join(listed),
            zh=" 和 ".join(["、".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted),
        )

    parts: list[Text] = []
    if exact:
        total = WORKERS * LOST_PER_WORKER
        parts.append(
            both(
                en=f"counted exactly {total:,} in every run under {names(exact)['en']}",
                zh=f"在 {names(exact)['zh']} 下每次都精确计到 {total:,}",
            )
        )
    if losing:
        worst = max(losing, key=lambda m: lost[m])
        parts.append(
            both(
                en=f"lost updates under {names(losing)['en']} (a median of **{lost[worst]:,.0f}** per run "
                f"under `{worst}`): there each worker locked a lock of its own",
                zh=f"在 {names(losing)['zh']} 下有更新丢失（`{worst}` 每次运行丢失数的中位数为 "
                f"**{lost[worst]:,.0f}**），因为每个工作进程用的是自己的锁",
            )
        )
    return both(
        en="The same code " + "; it ".join(p["en"] for p in parts) + ".",
        zh="同样的代码，" + "；".join(p["zh"] for p in parts) + "。",
    )[lang]


# --- all work under one lock --------------------------------------------------------------------

# 8 equal tasks of about 18 ms (2-core VM): 4 per worker, about 0.15 s serially; shorter rounds
# (64,000: 47 ms) moved the capacity row itself by a third between two quiet builds.
CONTENTION_WORK = [192_000] * 8
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
    said = {
        "slower": both(en="is slower than serial", zh="比串行还慢"),
        "same": both(en="is no faster than serial", zh="并不比串行快"),
        "faster": both(en="beats serial", zh="比串行快"),
    }[verdict]
    return both(
        en=f"With all the work under one lock, the pool of {WORKERS} workers {said['en']} "
        f"(**{locked:.2f}×**): the tasks run one after another, and passing messages and handing the "
        f"lock over cost extra; without the lock the same pool reaches {unlocked:.2f}×, and "
        f"{WORKERS} plain processes running the same tasks {cap:.2f}×.",
        zh=f"所有工作都放在同一把锁下时，{WORKERS} 个工作进程的进程池{said['zh']}"
        f"（加速比 **{locked:.2f}×**），因为任务只能一个接一个地执行，进程间通信和锁的交接还要额外花时间；"
        f"去掉这把锁，同一个池的加速比为 {unlocked:.2f}×，"
        f"同样的任务由 {WORKERS} 个普通进程运行则为 {cap:.2f}×。",
    )[lang]


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
    tail = (
        both(en="every way counted exactly, every time.", zh="每种方式每次都得到精确的总数。")
        if exact
        else both(en="note: one way missed the exact total.", zh="注意：有一种方式没有得到精确的总数。")
    )
    return both(
        en=f"Through Manager proxies each increment takes **{manager / 1e3:,.0f} µs** (acquire, read, "
        f"write and release are each a round trip to the manager process), {manager / value:,.0f}× "
        f"the {value / 1e3:.1f} µs of a shared `Value`; {tail['en']}",
        zh=f"经由 Manager 代理，每次加一要 **{manager / 1e3:,.0f} µs**（获取锁、读、写、释放锁，"
        f"每一步都要和管理器进程往返一次），是共享 `Value`（{value / 1e3:.1f} µs）的 "
        f"{manager / value:,.0f} 倍；{tail['zh']}",
    )[lang]


COUNT = Metric("count", {"en": "Final count", "zh": "最终计数"}, unit="count")
LOST = Metric("lost", {"en": "Updates lost", "zh": "丢失的更新"}, unit="count")


BENCHMARKS = (
    Benchmark(
        id="pool_global_lock",
        title={
            "en": f"The post's global lock: {WORKERS} workers, {LOST_PER_WORKER:,} increments each",
            "zh": f"原文的全局锁：{WORKERS} 个工作进程各累加 {LOST_PER_WORKER:,} 次",
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
        setup=contention_pools,
        # The pool's own threads share the two cores with its workers, so its rounds spread widely
        # (medians a third above the fastest): the fastest of 5 moved 13 % between two quiet builds.
        rounds=15,
        chart="speedup",
        reading=read_contention,
    ),
    Benchmark(
        id="pool_manager_vs_value",
        title={
            "en": f"A counter shared by {WORKERS} worker processes: the cost of one increment",
            "zh": f"{WORKERS} 个工作进程共享一个计数器：每次加一的开销",
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
        setup=counter_pools,
        chart="per_increment",
        reading=read_counter,
    ),
)
