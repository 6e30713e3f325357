"""Every table's reading, in both languages, on made-up numbers for each of its branches.

A reading is the sentence under a table; it picks its words from the numbers (faster, a tie,
slower; a busy machine; a free-threaded build measured or missing). Today's numbers exercise one
branch per build: these tests run all of them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

import pytest

from tests.support.fake_results import fake_result
from timings import registry
from timings.results import Result

pytestmark = pytest.mark.once  # readings are computed from numbers, no process is started

CJK = re.compile(r"[\u4e00-\u9fff]")


def result(
    bench_id: str,
    seconds: Mapping[str, float] | None = None,
    metrics: Mapping[str, Mapping[str, float]] | None = None,
    *,
    busy: bool = False,
    **env: object,
) -> Result:
    """Every row takes 1 s and every metric is 1.0, except where given."""
    return fake_result(bench_id, seconds=seconds, metrics=metrics, busy=busy, **env)


def read(r: Result, lang: str) -> str:
    assert r.bench.reading is not None
    text = r.bench.reading(r, lang)
    assert text.strip() and "{" not in text and "nan" not in text and "inf" not in text
    if lang == "en":
        assert not CJK.search(text), text
    else:
        assert CJK.search(text), text
    return text


def both(r: Result, en: str, zh: str) -> None:
    assert en in read(r, "en")
    assert zh in read(r, "zh")


# (bench_id, seconds, metrics, keyword arguments, English words, Chinese words)
BRANCHES = [
    # hash_files_cpu: GIL or not; the capacity row: idle cores or a busy machine
    ("hash_files_cpu", {"capacity": 0.5, "processes": 0.52, "threads": 1.05}, {}, {}, "stays at", "只有"),
    (
        "hash_files_cpu",
        {"capacity": 0.5, "processes": 0.52, "threads": 0.55},
        {},
        {},
        "reaches **1.82×** too",
        "也达到",
    ),
    (
        "hash_files_cpu",
        {"capacity": 0.5, "processes": 0.52},
        {},
        {},
        "2 plain processes reached 2.00×",
        "达到 2.00×",
    ),
    (
        "hash_files_cpu",
        {"capacity": 0.8, "processes": 0.85},
        {},
        {"busy": True},
        "did not have 2 idle cores",
        "并没有 2 个空闲的核心",
    ),
    (
        "hash_files_cpu",
        {"capacity": 0.9, "processes": 1.1},
        {},
        {"busy": True},
        "at **0.91×** the speed",
        "0.91×",
    ),
    ("hash_files_overhead", {"processes": 2.0}, {}, {}, "is slower than serial", "这时进程池比串行还慢"),
    ("hash_files_overhead", {"processes": 0.8}, {}, {}, "still beats serial", "这时进程池仍然比串行快"),
    ("hash_files_overhead", {"processes": 0.8, "threads": 0.5}, {}, {}, "µs less per item", "每项少花"),
    # executor_chunksize: no cost, the messages, or the executor itself
    (
        "executor_chunksize",
        {"executor_1": 1.05, "executor_chunked": 1.0},
        {},
        {},
        "costs it nothing",
        "时是 **1.00 倍**。可见在这里，逐项收发消息几乎没有开销",
    ),
    (
        "executor_chunksize",
        {"executor_1": 3.0, "executor_chunked": 1.05},
        {},
        {},
        "one message per item",
        "逐项收发消息",
    ),
    ("executor_chunksize", {"executor_1": 3.0, "executor_chunked": 1.5}, {}, {}, "stays slower", "仍然更慢"),
    # pool_lock_contention: see also tests/benchmarks/test_pools.py
    ("pool_lock_contention", {"pool_locked": 1.3}, {}, {}, "is slower than serial", "比串行还慢"),
    ("pool_lock_contention", {"pool_locked": 1.0}, {}, {}, "is no faster than serial", "并不比串行快"),
    ("pool_lock_contention", {"pool_locked": 0.7}, {}, {}, "beats serial", "进程池比串行快"),
    # gil_released_hashing: threads win, processes win, neither beats serial
    (
        "gil_released_hashing",
        {"threads": 0.5, "processes": 0.8},
        {},
        {},
        "the thread pool wins",
        "线程池更快",
    ),
    (
        "gil_released_hashing",
        {"threads": 0.8, "processes": 0.5},
        {},
        {},
        "the process pool wins",
        "进程池更快",
    ),
    (
        "gil_released_hashing",
        {"threads": 1.5, "processes": 2.0},
        {},
        {},
        "neither beat serial",
        "都没有快过串行",
    ),
    # dask_cpu: Dask ahead of, close to or behind the Pool
    ("dask_cpu", {"pool": 0.6, "dask": 0.4}, {}, {}, "Dask is ahead of Pool", "Dask 快于 Pool"),
    ("dask_cpu", {"pool": 0.6, "dask": 0.62}, {}, {}, "Dask is close to Pool", "Dask 与 Pool 相近"),
    ("dask_cpu", {"pool": 0.6, "dask": 0.9}, {}, {}, "Dask is behind Pool", "Dask 慢于 Pool"),
    (
        "dask_tiny",
        {"dask": 3.0, "dask_batched": 0.5},
        {},
        {},
        "slower than running the tasks",
        "Dask 比逐个串行执行还慢",
    ),
    ("dask_tiny", {"dask": 0.5, "dask_batched": 0.7}, {}, {}, "still faster than serial", "Dask 仍比串行快"),
    # crawler_workers: threads or processes faster
    (
        "crawler_workers",
        {"threads_8": 0.2, "processes_8": 0.4},
        {},
        {},
        "the thread pool is faster",
        "线程池更快",
    ),
    (
        "crawler_workers",
        {"threads_8": 0.4, "processes_8": 0.2},
        {},
        {},
        "processes are faster",
        "进程更快",
    ),
    # pool_chunksize: the default chunksize slower than the loop, or not
    (
        "pool_chunksize",
        {"processes_default": 2.0},
        {},
        {},
        "is still slower than the plain loop",
        "仍然比普通循环慢",
    ),
    ("pool_chunksize", {"processes_default": 0.5}, {}, {}, "beats the plain loop", "进程池也比普通循环快"),
    # pool_first_result: same totals or not
    ("pool_first_result", {"map": 1.0, "apply_async": 1.05}, {}, {}, "about the same", "几乎相同"),
    ("pool_first_result", {"map": 1.0, "apply_async": 2.0}, {}, {}, "the totals differ", "总耗时不同"),
    # pool_global_lock: exact everywhere, or lost updates somewhere
    (
        "pool_global_lock",
        {},
        {m: {"lost": 0.0} for m in ("fork", "spawn", "forkserver")},
        {},
        "counted exactly",
        "精确计到",
    ),
    ("pool_global_lock", {}, {"spawn": {"lost": 500.0}}, {}, "lost updates under", "有更新丢失"),
    # pool_manager_vs_value: exact or not
    (
        "pool_manager_vs_value",
        {},
        {"manager": {"per_increment": 200_000.0}, "value": {"per_increment": 2_000.0}},
        {},
        "every way counted exactly",
        "每种方式每次都得到精确的总数",
    ),
    (
        "pool_manager_vs_value",
        {},
        {"value": {"count": 0.5}},
        {},
        "one way missed the exact total",
        "有一种方式没有",
    ),
    # sharing_argument_size: fewer or more tasks per second as the argument grows
    (
        "sharing_argument_size",
        {},
        {"per_task_1kib": {"per_s": 4000.0}, "per_task_1mib": {"per_s": 400.0}},
        {},
        "10.0× fewer",
        "从 **4,000** 降到 **400**（只有原来的 1/10.0）",
    ),
    (
        "sharing_argument_size",
        {},
        {"per_task_1kib": {"per_s": 400.0}, "per_task_1mib": {"per_s": 800.0}},
        {},
        "2.0× more",
        "从 **400** 变为 **800**（是原来的 2.0 倍）",
    ),
    (
        "fork_copy_on_write",
        {},
        {"bytes": {"copied": 0.1}, "ints": {"copied": 30.0}},
        {},
        "copied **30.0 MiB**",
        "30.0 MiB",
    ),
]


@pytest.mark.parametrize(("bench_id", "seconds", "metrics", "kwargs", "en", "zh"), BRANCHES)
def test_each_branch_of_each_reading(bench_id: str, seconds, metrics, kwargs, en: str, zh: str) -> None:
    both(result(bench_id, seconds, metrics, **kwargs), en, zh)


def test_every_reading_is_exercised_by_a_branch() -> None:
    exercised = {b[0] for b in BRANCHES} | {"free_threading_cpu", "pool_startup"}  # below
    exercised |= {"versions_cpu", "versions_startup", "versions_threads", "versions_interpreters"}
    exercised |= {"versions_cpu_count"}  # tests/benchmarks/test_python_versions.py
    with_reading = {b.id for b in registry.benchmarks().values() if b.reading is not None}
    # asyncio_vs_threads belongs to another change (timings/benchmarks/asyncio_io.py).
    assert with_reading - exercised <= {"asyncio_vs_threads"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_free_threading_reading_with_a_build_missing_measured_or_serialised(lang: str) -> None:
    gil = result("free_threading_cpu", {"capacity": 0.5, "threads": 1.0, "processes": 0.55})
    missing = read(gil, lang)  # no free-threaded interpreter on this machine: the reading says so
    assert ("No free-threaded build" if lang == "en" else "没有测量任何自由线程构建") in missing
    assert ("2 plain processes: 2.00×" if lang == "en" else "2 个普通进程：2.00×") in missing
    free = result(
        "free_threading_cpu",
        {"capacity": 0.5, "threads": 0.55, "processes": 0.55},
        python="CPython 3.14.0",
        free_threaded=True,
        gil=False,
    )
    parallel = read(dataclasses.replace(gil, others=(free,)), lang)
    assert ("ran in parallel" if lang == "en" else "确实在并行运行") in parallel
    slow = dataclasses.replace(free, data={**free.data, "samples": gil.data["samples"]})
    assert ("did not run in parallel" if lang == "en" else "并没有并行起来") in read(slow, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_startup_reading_with_and_without_forkserver(lang: str) -> None:
    bench = registry.get("pool_startup")
    metrics = {v.key: {"cold": 0.01 * (i + 1), "warm": 0.005} for i, v in enumerate(bench.variants)}
    text = read(result("pool_startup", {}, metrics), lang)
    assert ("times" if lang == "en" else "倍") in text
    if "forkserver" in metrics:
        assert ("server process" if lang == "en" else "服务器进程") in text
