"""What a benchmark is (the declarations that `timings/benchmarks/<page>.py` modules make) and what a
measurement of one records (`Measurement`, the record every layer reads).

Standard library only: this module is imported by the measuring subprocess, which may run under any
interpreter the site is measured with.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Literal, NotRequired, TypedDict

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

# A text in both languages: {"en": "...", "zh": "..."}; write it `both(en=..., zh=...)`.
Text = Mapping[str, str]


def both(en: str, zh: str) -> Text:
    """A text in both languages."""
    return {"en": en, "zh": zh}


# Built-in columns, computed from the timed rounds:
#   best, median, range (min–max), n      wall time of one round (best = the fastest round)
#   speedup                               baseline best ÷ variant best (needs the `best` column shown)
#   efficiency                            speedup ÷ workers
#   capacity                              variant speedup ÷ the capacity row's speedup
#   per_item                              median ÷ items, in µs
#   overhead                              (median − baseline median) ÷ items, in µs
BUILTIN_COLUMNS = (
    "workers",
    "best",
    "median",
    "range",
    "n",
    "speedup",
    "efficiency",
    "capacity",
    "per_item",
    "overhead",
)
# Columns computed from the fastest rounds: a table that shows one of them shows `best` too, so that
# a reader can recompute it from the figures in the table.
FROM_BEST = ("speedup", "efficiency", "capacity")

# What a round's timer holds:
#   "steady"      pools, executors and clusters start before the timer (in the setup) and every
#                 round reuses them: the table compares techniques, not start-ups;
#   "end_to_end"  every round starts and shuts down what it uses: start-up is what the table shows.
Timer = Literal["steady", "end_to_end"]

# The key of a benchmark's capacity row (see `capacity_row`).
CAPACITY = "capacity"


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
class Capacity:
    """What this machine's cores deliver right now, measured beside the techniques.

    `tasks(ctx)` turns the setup's value into the round's work as picklable calls without
    arguments (e.g. `functools.partial(worker, item)`), the same worker function and items as the
    table's other rows. The engine hands them out evenly to `workers` plain processes started before
    the timed rounds; a round sends each process one byte, the processes run their share and answer
    with one byte. No pool, queue or pickling is timed: the row's speedup is what the hardware gives,
    and the gap between a pool's row and this one is the pool's own cost.
    """

    workers: int
    tasks: Callable[[Any], Sequence[Callable[[], object]]]


@dataclass(frozen=True)
class Variant:
    """One row of a table: `run(ctx)` is one timed round.

    When the benchmark declares `metrics`, `run` returns a dict with a value for each of them;
    otherwise its return value is ignored. A `Capacity` instead of a function makes the capacity row
    (see `capacity_row`).
    """

    key: str
    label: Text
    run: Callable[[Any], Mapping[str, float] | None] | Capacity
    workers: int = 1


def capacity_row(workers: int, tasks: Callable[[Any], Sequence[Callable[[], object]]]) -> Variant:
    """The capacity row of a CPU-bound table: `workers` plain processes run the same tasks."""
    label = {
        "en": f"capacity: {workers} plain processes, no pool",
        "zh": f"并行能力：{workers} 个普通进程，不用池",
    }
    return Variant(CAPACITY, label, Capacity(workers, tasks), workers=workers)


@dataclass(frozen=True)
class Benchmark:
    """One timing table. `id` is what a page's marker names."""

    id: str
    title: Text
    variants: tuple[Variant, ...]
    # Project-relative files whose change must re-measure this table (the snippets it runs).
    sources: tuple[str, ...]
    columns: tuple[str, ...] = ("median", "range")
    metrics: tuple[Metric, ...] = ()
    baseline: str | None = None
    items: int = 0
    rounds: int = 5
    warmup: int = 1
    # Entered once around all rounds; what it yields is passed to every `run` (e.g. a temp dir).
    setup: Callable[[], AbstractContextManager[Any]] = nullcontext
    # What the chart plots: a built-in column ("median", "speedup", ...) or a metric key; a tuple of
    # them draws one chart each (e.g. wall time and peak memory).
    chart: str | tuple[str, ...] = "median"
    # One sentence that reads the measured result, in the page's language.
    reading: Callable[[Any, Lang], str] | None = None
    # What a round's timer holds; the caption says it (see `Timer`). Every table declares it: the
    # default None is a problem the tests report (it only keeps an old declaration importable).
    timer: Timer | None = None
    # True when the rows are start methods: the caption then names no single start method.
    compares_start_methods: bool = False
    # Filled in by the registry: the module that declares it.
    module: str = field(default="", compare=False)

    @property
    def charts(self) -> tuple[str, ...]:
        return (self.chart,) if isinstance(self.chart, str) else self.chart

    @property
    def capacity(self) -> Capacity | None:
        """The capacity row's declaration, when the table has one."""
        for v in self.variants:
            if isinstance(v.run, Capacity):
                return v.run
        return None

    def variant(self, key: str) -> Variant:
        for v in self.variants:
            if v.key == key:
                return v
        raise KeyError(f"timing {self.id!r} has no variant {key!r}")

    def problems(self, *, require_timer: bool = True) -> list[str]:
        """What makes this declaration unable to give a table that reads at a glance. The engine
        measures a table that declares no timer (`require_timer=False`); the tests do not accept one."""
        found = []
        if require_timer and self.timer is None:
            found.append('declares no timer ("steady" or "end_to_end")')
        unknown = [
            c for c in self.columns if c not in BUILTIN_COLUMNS and c not in {m.key for m in self.metrics}
        ]
        if unknown:
            found.append(f"unknown columns {unknown}")
        if any(c in FROM_BEST for c in self.columns) and "best" not in self.columns:
            found.append("shows a column computed from the fastest rounds without the `best` column")
        if "capacity" in self.columns and self.capacity is None:
            found.append("shows a `capacity` column without a capacity row")
        for v in self.variants:
            if isinstance(v.run, Capacity) and v.key != CAPACITY:
                found.append(f"the capacity row must have the key {CAPACITY!r}, not {v.key!r}")
        if self.capacity is not None and self.timer != "steady":
            found.append("a capacity row belongs in a steady-state table")
        return [f"timing {self.id!r}: {p}" for p in found]


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
    # Set for a table whose rows are the interpreters that measured `needs[0]`: the engine adds the
    # caption naming each of them (`timings.present.render.runs_caption`), with what its timer holds.
    caption: Timer | None = None
    module: str = field(default="", compare=False)


# --- what a measurement records (JSON in the cache; written by `measure`, read by every layer) ----


class Env(TypedDict):
    """Where the numbers come from: what the caption and the footer say."""

    cpu: str
    cores: int
    os: str
    python: str  # "CPython 3.13.1"
    free_threaded: bool
    gil: bool
    executable: str
    start_method: str
    date: str  # "2026-11-28 08:00 UTC"


class Load(TypedDict):
    outside: float | None  # share of all cores busy with other work while measuring (None: unknown)
    remeasured: bool  # the machine was busy, so the table was measured twice
    busy: bool  # still busy on the run kept


class Measurement(TypedDict):
    """One benchmark measured with one interpreter."""

    id: str
    env: Env
    load: Load
    rounds: int
    warmup: int
    timer: NotRequired[str | None]
    items: NotRequired[int]
    # variant key -> "seconds" (one per timed round) and each declared metric -> samples
    samples: dict[str, dict[str, list[float]]]
    key: NotRequired[str]  # the cache key it was measured under (added by the cache)
