"""docs/*/free-threading.md's table (timings/benchmarks/free_threading.py): its reading says whether
a free-threaded build was measured and follows the numbers of each build."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from tests.support.fake_results import fake_result
from tests.support.fake_results import reading as read
from timings.results import Result

pytestmark = pytest.mark.once  # readings are computed from numbers, no process is started


def measured(bench_id: str, samples: dict[str, Any], **env: Any) -> Result:
    return fake_result(bench_id, samples, load={"outside": 0.0}, **env)


def threads(serial: float, threads: float, **env: Any) -> Result:
    samples = {
        "serial": [serial],
        "capacity": [serial / 2],
        "threads": [threads],
        "processes": [serial / 1.9],
    }
    return measured("free_threading_cpu", {k: {"seconds": v} for k, v in samples.items()}, **env)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_gil_only_says_no_free_threaded_build_was_measured(lang: str) -> None:
    r = dataclasses.replace(threads(0.2, 0.2), others=(threads(0.2, 0.21, python="CPython 3.13.0"),))
    text = read(r, lang)
    assert ("No free-threaded build" if lang == "en" else "没有测量任何自由线程构建") in text
    assert ("1.00× (3.11.7), 0.95× (3.13.0)" if lang == "en" else "1.00×（3.11.7）、0.95×（3.13.0）") in text
    assert 'TIMINGS_PYTHONS="python3.14t" make bench' in text
    assert ("take turns" if lang == "en" else "轮流执行") in text
    noisy = dataclasses.replace(r, others=(threads(0.2, 0.16, python="CPython 3.13.0"),))
    assert ("take turns" if lang == "en" else "轮流执行") not in read(noisy, lang)  # 1.25× is not


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_free_threaded_build_is_read_against_the_gil(lang: str) -> None:
    free = threads(0.2, 0.105, python="CPython 3.14.0", free_threaded=True, gil=False)
    text = read(dataclasses.replace(threads(0.2, 0.2), others=(free,)), lang)
    if lang == "en":
        assert "1.90× (3.14.0t)" in text and "1.00× (3.11.7)" in text
    else:
        assert "1.90×（3.14.0t）" in text and "1.00×（3.11.7）" in text
    assert ("ran in parallel" if lang == "en" else "确实在并行运行") in text
    assert "make bench" not in text
    slow = threads(0.2, 0.2, python="CPython 3.14.0", free_threaded=True, gil=False)
    assert ("did not run in parallel" if lang == "en" else "并没有并行起来") in read(slow, lang)
