"""docs/*/map-apply.md's table (timings/benchmarks/map_apply.py): its reading follows the numbers."""

from __future__ import annotations

import pytest

from tests.support.fake_results import fake_result
from tests.support.fake_results import reading as read

pytestmark = pytest.mark.once  # readings are computed from numbers, no process is started


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
    r = fake_result("pool_first_result", first_result_samples(total))
    assert en in read(r, "en") and "**10.0 ms**" in read(r, "en")
    assert zh in read(r, "zh")
