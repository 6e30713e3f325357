"""The pool pages' timing tables: the names other pages read, readings that follow the numbers,
and every variant run once, shrunk, under the suite's start method."""

from __future__ import annotations

import multiprocessing
from typing import Any

import pytest

from snippets import pool_map_apply
from tests.support.fake_results import fake_result
from timings import measure, registry
from timings.benchmarks import locks, map_apply, pools
from timings.results import Result
from timings.spec import Capacity


def fake(bench_id: str, samples: dict[str, dict[str, list[float]]]) -> Result:
    return fake_result(bench_id, samples)


def read(result: Result, lang: str) -> str:
    assert result.bench.reading is not None
    return result.bench.reading(result, lang)


def test_names_that_the_errata_page_reads() -> None:
    first = registry.get("pool_first_result")
    assert {"map", "imap_unordered", "apply_async"} <= {v.key for v in first.variants}
    assert "first_result" in {m.key for m in first.metrics}
    contention = registry.get("pool_lock_contention")
    assert [v.key for v in contention.variants] == ["serial", "capacity", "pool_locked", "pool_unlocked"]
    assert contention.baseline == "serial"


@pytest.mark.parametrize(
    ("locked", "en", "zh"),
    [
        (0.2, "is slower than serial", "比串行还慢"),
        (0.105, "is no faster than serial", "并不比串行快"),  # within 10 %: a tie
        (0.095, "is no faster than serial", "并不比串行快"),
        (0.08, "beats serial", "反而比串行快"),
    ],
)
def test_contention_verdict_follows_the_medians(locked: float, en: str, zh: str) -> None:
    r = fake(
        "pool_lock_contention",
        {
            "serial": {"seconds": [0.1] * 3},
            "capacity": {"seconds": [0.052] * 3},
            "pool_locked": {"seconds": [locked] * 3},
            "pool_unlocked": {"seconds": [0.06] * 3},
        },
    )
    assert en in read(r, "en")
    assert zh in read(r, "zh")
    assert "1.92×" in read(r, "en") and "1.92×" in read(r, "zh")  # what 2 plain processes did
    assert f"{0.1 / locked:.2f}×" in read(r, "en")


@pytest.mark.parametrize(
    ("default", "en", "zh"),
    [(0.02, "is still slower than", "仍然比串行循环慢"), (0.0005, "beats", "已经比串行循环快")],
)
def test_chunksize_verdict_follows_the_medians(default: float, en: str, zh: str) -> None:
    seconds = {
        "serial": 0.001,
        "processes_chunksize_1": 0.06,
        "processes_default": default,
        "threads_chunksize_1": 0.02,
        "threads_default": 0.002,
    }
    r = fake("pool_chunksize", {k: {"seconds": [v] * 3} for k, v in seconds.items()})
    assert en in read(r, "en")
    assert zh in read(r, "zh")


def first_result_samples(apply_async_total: float) -> dict[str, dict[str, list[float]]]:
    firsts = {
        "map": 0.09,
        "imap": 0.06,
        "imap_unordered": 0.01,
        "apply_async": 0.06,
        "apply_async_callback": 0.01,
    }
    totals = {k: 0.09 for k in firsts} | {"apply_async": apply_async_total}
    return {k: {"seconds": [totals[k]] * 3, "first_result": [firsts[k]] * 3} for k in firsts}


@pytest.mark.parametrize(
    ("total", "en", "zh"), [(0.092, "about the same", "几乎相同"), (0.2, "the totals differ", "总耗时不同")]
)
def test_first_result_reading_compares_totals(total: float, en: str, zh: str) -> None:
    r = fake("pool_first_result", first_result_samples(total))
    assert en in read(r, "en") and "**10.0 ms**" in read(r, "en")
    assert zh in read(r, "zh")


def test_global_lock_reading_names_exact_and_losing_methods() -> None:
    total = locks.WORKERS * locks.LOST_PER_WORKER
    lost = {"fork": 0, "spawn": 1234, "forkserver": 0}
    samples = {
        m: {"seconds": [0.1] * 3, "count": [total - lost[m]] * 3, "lost": [lost[m]] * 3}
        for m in locks.METHODS
    }
    r = fake("pool_global_lock", samples)
    en, zh = read(r, "en"), read(r, "zh")
    if "spawn" in locks.METHODS:
        assert "lost updates under `spawn`" in en and "**1,234**" in en
        assert "在 `spawn` 下有更新丢失" in zh
    assert "exactly" in en and "`fork`" in en


@pytest.mark.parametrize(
    ("manager_count", "en"), [(300, "every way counted exactly"), (299, "missed the exact total")]
)
def test_counter_reading_checks_the_counts(manager_count: int, en: str) -> None:
    made = {"returned": 200_000, "value": 20_000, "initializer_lock": 20_000, "manager": 300}
    ns = {"returned": 50.0, "value": 2_000.0, "initializer_lock": 1_500.0, "manager": 200_000.0}
    counts = made | {"manager": manager_count}
    samples = {
        k: {
            "seconds": [0.05] * 3,
            "per_increment": [ns[k]] * 3,
            "made": [made[k]] * 3,
            "count": [counts[k]] * 3,
        }
        for k in made
    }
    r = fake("pool_manager_vs_value", samples)
    assert en in read(r, "en")
    assert "**200 µs**" in read(r, "en") and "100×" in read(r, "en")


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pool tables' workloads, shrunk to milliseconds."""
    monkeypatch.setattr(pools, "NUMBERS", list(range(50)))
    monkeypatch.setattr(map_apply, "JOBS", pool_map_apply.uneven_jobs(unit=0.001))
    monkeypatch.setattr(locks, "LOST_PER_WORKER", 200)
    monkeypatch.setattr(locks, "CONTENTION_WORK", [1_000] * 4)
    monkeypatch.setattr(
        locks, "PER_WORKER", {"returned": 100, "value": 100, "initializer_lock": 100, "manager": 5}
    )


POOL_TABLES = (
    "pool_chunksize",
    "pool_first_result",
    "pool_global_lock",
    "pool_lock_contention",
    "pool_manager_vs_value",
)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("bench_id", POOL_TABLES)
def test_every_variant_runs_and_returns_its_metrics(bench_id: str, small: None) -> None:
    bench = registry.get(bench_id)
    with bench.setup() as ctx, measure._running(bench, ctx) as runs:  # the engine's rows, capacity too
        for variant in bench.variants:
            returned: Any = runs[variant.key](ctx)
            if isinstance(variant.run, Capacity):
                continue  # timed only
            for metric in bench.metrics:
                assert metric.key in returned, f"{variant.key} did not return {metric.key}"
            if bench_id == "pool_manager_vs_value":  # the four ways that work are exact
                assert returned["count"] == returned["made"], variant.key
    if bench_id == "pool_global_lock" and "fork" in locks.METHODS:
        assert locks.global_lock_under("fork")(None)["lost"] == 0  # one lock for all: exact
    assert multiprocessing.active_children() == []
