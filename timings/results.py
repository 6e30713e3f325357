"""A benchmark's result: its measurements (`load`) and the numbers derived from their samples:
medians, speedups, per-item costs. What the presentation modules and the readings get."""

from __future__ import annotations

import dataclasses
import statistics
from dataclasses import dataclass

from . import cache, discovery, interpreters
from .errors import TimingError
from .spec import CAPACITY, Benchmark, Env, Measurement


@dataclass(frozen=True)
class Result:
    bench: Benchmark
    data: Measurement
    # The same benchmark measured with the other interpreters of the setting (timings.interpreters).
    others: tuple[Result, ...] = ()
    # (interpreter, why) for each interpreter of the setting that could not measure it (discovery.py).
    missing: tuple[tuple[str, str], ...] = ()

    @property
    def env(self) -> Env:
        return self.data["env"]

    @property
    def version(self) -> str:
        """A short name for the interpreter's build: "3.13.1", or "3.14.0t" for a free-threaded one."""
        number = self.env["python"].split()[-1]
        return number + ("t" if self.env["free_threaded"] else "")

    @property
    def runs(self) -> tuple[Result, ...]:
        """This result and the other interpreters', oldest version first (a free-threaded build after
        the same version with the GIL)."""

        def order(r: Result) -> tuple[int, ...]:
            return (*(int(x) for x in r.version.rstrip("t").split(".")), r.version.endswith("t"))

        return tuple(sorted((self, *self.others), key=order))

    @property
    def parallel_threads(self) -> bool:
        """Whether Python threads ran in parallel here: a free-threaded build with the GIL off."""
        return bool(self.env["free_threaded"]) and not self.env["gil"]

    def samples(self, key: str, metric: str = "seconds") -> list[float]:
        try:
            values = self.data["samples"][key][metric]
        except KeyError:
            raise TimingError(f"timing {self.bench.id!r} has no samples for {key!r}/{metric!r}") from None
        if not values:
            raise TimingError(f"timing {self.bench.id!r}: no samples for {key!r}/{metric!r}")
        return values

    def median(self, key: str, metric: str = "seconds") -> float:
        return statistics.median(self.samples(key, metric))

    def best(self, key: str, metric: str = "seconds") -> float:
        return min(self.samples(key, metric))

    def worst(self, key: str, metric: str = "seconds") -> float:
        return max(self.samples(key, metric))

    def n(self, key: str) -> int:
        return len(self.samples(key))

    def _baseline(self) -> str:
        if self.bench.baseline is None:
            raise TimingError(f"timing {self.bench.id!r} has no baseline for a speedup or overhead")
        return self.bench.baseline

    def _items(self) -> int:
        if self.bench.items <= 0:
            raise TimingError(f"timing {self.bench.id!r} declares no items for a per-item column")
        return self.bench.items

    def speedup(self, key: str) -> float:
        """Baseline best ÷ variant best: best runs are the least disturbed by outside load."""
        return self.best(self._baseline()) / self.best(key)

    def efficiency(self, key: str) -> float:
        """Speedup ÷ workers: how much of N workers' ideal the row reached."""
        return self.speedup(key) / self.bench.variant(key).workers

    @property
    def has_capacity(self) -> bool:
        return self.bench.capacity is not None

    def of_capacity(self, key: str) -> float:
        """The row's speedup ÷ the capacity row's: how much of what the cores gave right now the row
        reached (capacity best ÷ variant best)."""
        if not self.has_capacity:
            raise TimingError(f"timing {self.bench.id!r} has no capacity row")
        return self.best(CAPACITY) / self.best(key)

    def per_item_us(self, key: str) -> float:
        return self.median(key) / self._items() * 1e6

    def overhead_us(self, key: str) -> float:
        return (self.median(key) - self.median(self._baseline())) / self._items() * 1e6

    def value(self, key: str, column: str) -> float:
        """A number by column name: a built-in column or a metric key (median of its samples)."""
        self.bench.variant(key)
        builtin = {
            "workers": lambda: float(self.bench.variant(key).workers),
            "median": lambda: self.median(key),
            "best": lambda: self.best(key),
            "n": lambda: float(self.n(key)),
            "speedup": lambda: self.speedup(key),
            "efficiency": lambda: self.efficiency(key),
            "capacity": lambda: self.of_capacity(key),
            "per_item": lambda: self.per_item_us(key),
            "overhead": lambda: self.overhead_us(key),
        }
        if column in builtin:
            return builtin[column]()
        if any(m.key == column for m in self.bench.metrics):
            return self.median(key, column)
        raise TimingError(f"timing {self.bench.id!r} has no column {column!r}")


def load(bench: Benchmark) -> Result:
    """The build interpreter's result, with one more result per interpreter of the setting
    (`timings.interpreters`), each from the cache or measured now; `missing` names the interpreters of
    the setting that cannot measure it (`timings.discovery`)."""
    main, *others = (Result(bench, cache.get(bench, python)) for python in interpreters.selected(bench))
    return dataclasses.replace(main, others=tuple(others), missing=discovery.not_measured(bench.id))
