"""How a large input reaches the workers: per task, once per worker, shared memory (snippets/share_big_data.py
and snippets/copy_on_write.py)."""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from multiprocessing import Pool
from multiprocessing.pool import Pool as PoolType
from multiprocessing.shared_memory import SharedMemory

from snippets import copy_on_write as cow
from snippets import share_big_data as s
from timings.spec import Benchmark, Lang, Metric, Variant, available_cores, both

WORKERS = available_cores()
TASKS = 120  # a multiple of 2, 3, 4, 6 and 8 workers; 1 MiB with every task: about 0.1 s a round
KIB, MIB = 1 << 10, 1 << 20


def _size(n: int) -> str:
    return f"{n // MIB} MiB" if n >= MIB else f"{n // KIB} KiB"


@dataclass
class Running:
    """The input and one running pool per way of sharing it, started before the timed rounds."""

    data: bytes
    plain: PoolType  # per-task arguments
    kept: dict[int, PoolType]  # initializer pools, by input size
    shared: PoolType  # attached to a shared-memory block


@contextmanager
def _pools() -> Iterator[Running]:
    data = s.make_data(16 * MIB)
    with ExitStack() as stack:
        plain = stack.enter_context(Pool(WORKERS))
        kept = {
            n: stack.enter_context(Pool(WORKERS, initializer=s.keep, initargs=(data[:n],)))
            for n in (MIB, 16 * MIB)
        }
        block = SharedMemory(create=True, size=len(data))
        stack.callback(block.unlink)  # once, by the creator; runs after every pool has stopped
        stack.callback(block.close)
        block.buf[: len(data)] = data
        shared = stack.enter_context(Pool(WORKERS, initializer=s.attach, initargs=(block.name, len(data))))
        yield Running(data, plain, kept, shared)


def _throughput(run: Callable[[Running], list[int]]) -> Callable[[Running], dict[str, float]]:
    def timed(r: Running) -> dict[str, float]:
        start = time.perf_counter()
        found = run(r)
        seconds = time.perf_counter() - start
        if len(found) != TASKS:
            raise RuntimeError(f"{len(found)} results for {TASKS} tasks")
        return {"per_s": TASKS / seconds}

    return timed


def _per_task(n: int) -> Callable[[Running], list[int]]:
    return lambda r: r.plain.starmap(s.sample_checksum, [(r.data[:n], i) for i in range(TASKS)], chunksize=1)


def _kept(n: int) -> Callable[[Running], list[int]]:
    return lambda r: r.kept[n].map(s.sample_kept, range(TASKS), chunksize=1)


def variants() -> tuple[Variant, ...]:
    out = [
        Variant(
            f"per_task_{_size(n).replace(' ', '').lower()}",
            {"en": f"{_size(n)} with every task", "zh": f"每个任务带 {_size(n)}"},
            _throughput(_per_task(n)),
        )
        for n in (KIB, 64 * KIB, MIB)
    ]
    out += [
        Variant(
            f"initializer_{n // MIB}mib",
            {
                "en": f"{_size(n)} once per worker (initializer)",
                "zh": f"{_size(n)}，经初始化函数每个工作进程传一次",
            },
            _throughput(_kept(n)),
        )
        for n in (MIB, 16 * MIB)
    ]
    out.append(
        Variant(
            "shared_16mib",
            {"en": "16 MiB in shared memory", "zh": "16 MiB 放在共享内存中"},
            _throughput(lambda r: r.shared.map(s.sample_shared, range(TASKS), chunksize=1)),
        )
    )
    return tuple(out)


def read_sharing(r, lang: Lang) -> str:
    small, big = r.median("per_task_1kib", "per_s"), r.median("per_task_1mib", "per_s")
    once = r.median("initializer_1mib", "per_s")
    once_big = r.median("initializer_16mib", "per_s")
    drop, gain = small / big, once / big
    change = (
        both(en=f"{drop:.1f}× fewer", zh=f"只有原来的 1/{drop:.1f}")
        if drop >= 1
        else both(en=f"{1 / drop:.1f}× more", zh=f"是原来的 {1 / drop:.1f} 倍")
    )
    went = "降到" if drop >= 1 else "变为"
    return both(
        en=f"Growing the argument from 1 KiB to 1 MiB took throughput from **{small:,.0f}** to "
        f"**{big:,.0f}** tasks per second ({change['en']}); the same 1 MiB given once through the "
        f"initializer ran **{once:,.0f}** tasks per second, {gain:.1f}× the per-task rate, and "
        f"{once_big:,.0f} with 16 MiB.",
        zh=f"参数从 1 KiB 增加到 1 MiB 时，每秒任务数从 **{small:,.0f}** {went} **{big:,.0f}**"
        f"（{change['zh']}）；同样的 1 MiB 通过初始化函数只传一次时，每秒能完成 **{once:,.0f}** 个任务，"
        f"是逐任务传递的 {gain:.1f} 倍；数据增至 16 MiB 时为每秒 {once_big:,.0f} 个。",
    )[lang]


@contextmanager
def _inherited() -> Iterator[dict[str, object]]:
    yield {"bytes": bytes(range(256)) * (128 * KIB), "ints": list(range(10**6, 2 * 10**6))}


def read_cow(r, lang: Lang) -> str:
    b, n = r.median("bytes", "copied"), r.median("ints", "copied")
    return both(
        en=f"Reading 32 MiB of `bytes` in the child copied **{b:.1f} MiB**; summing a million `int` "
        f"objects copied **{n:.1f} MiB**: reading an object writes its reference count.",
        zh=f"子进程读取 32 MiB 的 `bytes` 时复制了 **{b:.1f} MiB**；"
        f"对 100 万个 `int` 对象求和时复制了 **{n:.1f} MiB**，因为每读一个对象都要写它的引用计数。",
    )[lang]


BENCHMARKS = (
    Benchmark(
        id="sharing_argument_size",
        title={
            "en": f"{TASKS} tasks, each reading a few blocks of a large input, {WORKERS} worker processes",
            "zh": f"{TASKS} 个任务，每个读取大输入中的几个块，{WORKERS} 个工作进程",
        },
        variants=variants(),
        sources=("snippets/share_big_data.py",),
        timer="steady",
        columns=("median", "range", "per_s"),
        metrics=(Metric("per_s", {"en": "Tasks per second", "zh": "每秒任务数"}, unit="count"),),
        setup=_pools,
        chart="per_s",
        reading=read_sharing,
    ),
    Benchmark(
        id="fork_copy_on_write",
        title={
            "en": "What a forked worker copies while it only reads inherited data",
            "zh": "fork 出的工作进程只读取继承来的数据，会复制多少内存",
        },
        variants=(
            Variant(
                "bytes",
                {"en": "32 MiB of bytes, zlib.crc32", "zh": "32 MiB 的 bytes，zlib.crc32"},
                lambda d: {"copied": cow.copied_mib(d["bytes"], zlib.crc32)},
            ),
            Variant(
                "ints",
                {"en": "1,000,000 int objects, sum", "zh": "100 万个 int 对象，sum"},
                lambda d: {"copied": cow.copied_mib(d["ints"], sum)},
            ),
        ),
        sources=("snippets/copy_on_write.py",),
        timer="end_to_end",  # each round forks a child that reads the data, then measures its memory
        columns=("median", "copied"),
        metrics=(Metric("copied", {"en": "Memory copied", "zh": "复制的内存量"}, unit="MiB"),),
        rounds=3,
        setup=_inherited,
        chart="copied",
        reading=read_cow,
    ),
)
