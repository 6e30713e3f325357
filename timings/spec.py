"""What a benchmark is: the declarations that `timings/benchmarks/*.py` modules make.

Standard library only: this module is imported by the measuring subprocess, which may run under any
interpreter the site is measured with.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

# A text in both languages: {"en": "...", "zh": "..."}.
Text = Mapping[str, str]

# Built-in columns, computed from the timed rounds:
#   median, range (min–max), n            wall time of one round
#   speedup, efficiency                   baseline best ÷ variant best; speedup ÷ workers
#   per_item                              median ÷ items, in µs
#   overhead                              (median − baseline median) ÷ items, in µs
BUILTIN_COLUMNS = ("workers", "median", "range", "n", "speedup", "efficiency", "per_item", "overhead")


def available_cores() -> int:
    """Cores this process may run on: the worker count of every pool the tables time."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class Metric:
    """An extra number a variant's `run` returns each round (e.g. time to first result)."""

    key: str
    label: Text
    unit: Literal["s", "MiB", "count", "x"] = "s"


@dataclass(frozen=True)
class Variant:
    """One row of a table: `run(ctx)` is one timed round.

    When the benchmark declares `metrics`, `run` returns a dict with a value for each of them;
    otherwise its return value is ignored.
    """

    key: str
    label: Text
    run: Callable[[Any], Mapping[str, float] | None]
    workers: int = 1


@dataclass(frozen=True)
class Benchmark:
    """One timing table. `id` is what a page's marker names."""

    id: str
    title: Text
    variants: tuple[Variant, ...]
    # Project-relative files whose change must re-measure this table (the snippets it runs).
    sources: tuple[str, ...]
    columns: tuple[str, ...] = ("median", "range", "n")
    metrics: tuple[Metric, ...] = ()
    baseline: str | None = None
    items: int = 0
    rounds: int = 5
    warmup: int = 1
    # Entered once around all rounds; what it yields is passed to every `run` (e.g. a temp dir).
    fixture: Callable[[], AbstractContextManager[Any]] = nullcontext
    # What the chart plots: a built-in column ("median", "speedup", ...) or a metric key; a tuple of
    # them draws one chart each (e.g. wall time and peak memory).
    chart: str | tuple[str, ...] = "median"
    # One sentence that reads the measured result, in the page's language.
    reading: Callable[[Any, Lang], str] | None = None
    # Filled in by the registry: the module that declares it.
    module: str = field(default="", compare=False)

    @property
    def charts(self) -> tuple[str, ...]:
        return (self.chart,) if isinstance(self.chart, str) else self.chart

    def variant(self, key: str) -> Variant:
        for v in self.variants:
            if v.key == key:
                return v
        raise KeyError(f"timing {self.id!r} has no variant {key!r}")


def text(value: Text, lang: str) -> str:
    """Pick a language; a missing translation is an error, never a silent English fallback."""
    try:
        return value[lang]
    except KeyError:
        raise KeyError(f"missing {lang!r} text in {dict(value)!r}") from None


@dataclass(frozen=True)
class Report:
    """Markdown computed from several benchmarks' results (a claims table, a decision guide).

    `render(results, lang)` gets a function that returns the `Result` of a benchmark id; it may only
    ask for the ids listed in `needs`, so that the report can be checked without building the site.
    """

    id: str
    needs: tuple[str, ...]
    render: Callable[[Callable[[str], Any], Lang], str]
    module: str = field(default="", compare=False)
