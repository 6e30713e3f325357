"""docs/*/locks.md's tables (timings/benchmarks/locks.py): the names the errata page reads, and
readings that follow the numbers."""

from __future__ import annotations

import pytest

from tests.support.fake_results import fake_result
from tests.support.fake_results import reading as read
from timings import registry
from timings.benchmarks import locks

pytestmark = pytest.mark.once  # readings are computed from numbers, no process is started


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
        (0.08, "beats serial", "进程池比串行快"),
    ],
)
def test_contention_verdict_follows_the_medians(locked: float, en: str, zh: str) -> None:
    r = fake_result(
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


def test_global_lock_reading_names_exact_and_losing_methods() -> None:
    total = locks.WORKERS * locks.LOST_PER_WORKER
    lost = {"fork": 0, "spawn": 1234, "forkserver": 0}
    samples = {
        m: {"seconds": [0.1] * 3, "count": [total - lost[m]] * 3, "lost": [lost[m]] * 3}
        for m in locks.METHODS
    }
    r = fake_result("pool_global_lock", samples)
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
    r = fake_result("pool_manager_vs_value", samples)
    assert en in read(r, "en")
    assert "**200 µs**" in read(r, "en") and "100×" in read(r, "en")
