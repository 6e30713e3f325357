"""The one factory of made-up results: readings, tables, captions and reports tested on chosen numbers."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

from timings import registry
from timings.results import Result
from timings.spec import CAPACITY, Benchmark, Env, Measurement

ENV: Env = {
    "cpu": "Test CPU",
    "cores": 2,
    "os": "Linux 6",
    "python": "CPython 3.11.7",
    "free_threaded": False,
    "gil": True,
    "executable": sys.executable,
    "start_method": "fork",
    "date": "2026-11-28 08:00 UTC",
}


def fake_result(
    bench: Benchmark | str,
    samples: Mapping[str, Mapping[str, Sequence[float]]] | None = None,
    *,
    seconds: Mapping[str, float] | None = None,
    metrics: Mapping[str, Mapping[str, float]] | None = None,
    repeat: int = 3,
    busy: bool = False,
    load: Mapping[str, Any] | None = None,
    rounds: int = 3,
    warmup: int = 1,
    **env: Any,
) -> Result:
    """A result of `bench` (a declaration, or the id of one of the site's).

    `samples` gives the rows as they are; otherwise every row takes `seconds[key]` (default 1 s) and
    reports each metric as `metrics[key][metric]` (default 1.0), `repeat` times; the capacity row is
    timed only. A busy machine sets the load accordingly, `load` sets it outright; `env` overrides
    fields of the environment (e.g. `python="CPython 3.14.0"`).
    """
    if isinstance(bench, str):
        bench = registry.get(bench)
    if samples is None:
        samples = {}
        for v in bench.variants:
            row = {"seconds": [(seconds or {}).get(v.key, 1.0)] * repeat}
            if v.key != CAPACITY:
                for m in bench.metrics:
                    row[m.key] = [(metrics or {}).get(v.key, {}).get(m.key, 1.0)] * repeat
            samples[v.key] = row
    data: Measurement = {
        "id": bench.id,
        "env": {**ENV, **env},  # type: ignore[typeddict-item]
        "load": {"outside": 0.6 if busy else 0.02, "remeasured": busy, "busy": busy, **(load or {})},
        "rounds": rounds,
        "warmup": warmup,
        "samples": {k: {m: list(v) for m, v in row.items()} for k, row in samples.items()},
        "key": "k",
    }
    return Result(bench, data)


def reading(result: Result, lang: str) -> str:
    """The sentence under the result's table."""
    assert result.bench.reading is not None, f"{result.bench.id} has no reading"
    return result.bench.reading(result, lang)
