"""docs/*/start-methods.md's table (timings/benchmarks/start_methods.py): its reading follows the numbers."""

from __future__ import annotations

import pytest

from tests.support.fake_results import fake_result
from tests.support.fake_results import reading as read
from timings import registry

pytestmark = pytest.mark.once  # readings are computed from numbers, no process is started


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_startup_reading_names_the_cheapest_and_dearest_method(lang: str) -> None:
    cold = {"fork": 0.01, "forkserver": 0.05, "spawn": 0.1}
    warm = {"fork": 0.01, "forkserver": 0.02, "spawn": 0.09}
    bench = registry.get("pool_startup")
    samples = {
        v.key: {"seconds": [0.2], "cold": [cold[v.key]], "warm": [warm[v.key]]} for v in bench.variants
    }
    text = read(fake_result("pool_startup", samples), lang)
    methods = [v.key for v in bench.variants]
    cheapest = min(methods, key=cold.get)
    dearest = max(methods, key=cold.get)
    assert text.index(f"`{cheapest}`") < text.index(f"`{dearest}`")
    ratio = cold[dearest] / cold[cheapest]
    assert (f"{ratio:.1f} times" if lang == "en" else f"{ratio:.1f} 倍") in text
    if "forkserver" in methods:
        assert ("40 %" if lang == "en" else "40%") in text
