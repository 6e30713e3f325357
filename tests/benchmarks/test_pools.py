"""docs/*/pools.md's table (timings/benchmarks/pools.py): its reading follows the numbers; and every
variant of the pool tables (pools, map-apply, locks) runs once, shrunk, under the suite's start method."""

from __future__ import annotations

import multiprocessing
from typing import Any

import pytest

from snippets import pool_map_apply
from tests.support.fake_results import fake_result
from tests.support.fake_results import reading as read
from timings import measure, registry
from timings.benchmarks import locks, map_apply, pools
from timings.spec import Capacity


@pytest.mark.parametrize(
    ("default", "en", "zh"),
    [(0.02, "is still slower than", "仍然比普通循环慢"), (0.0005, "beats", "进程池也比普通循环快")],
)
def test_chunksize_verdict_follows_the_medians(default: float, en: str, zh: str) -> None:
    seconds = {
        "serial": 0.001,
        "processes_chunksize_1": 0.06,
        "processes_default": default,
        "threads_chunksize_1": 0.02,
        "threads_default": 0.002,
    }
    r = fake_result("pool_chunksize", {k: {"seconds": [v] * 3} for k, v in seconds.items()})
    assert en in read(r, "en")
    assert zh in read(r, "zh")


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
