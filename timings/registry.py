"""Find benchmarks by id: every module in `timings/benchmarks/` declares a `BENCHMARKS` tuple."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from functools import cache

from .spec import Benchmark

PACKAGE = "timings.benchmarks"


class TimingError(Exception):
    """A timing marker, benchmark or measurement that cannot produce a table. Fails the build."""


@cache
def benchmarks(package: str = PACKAGE) -> dict[str, Benchmark]:
    found: dict[str, Benchmark] = {}
    pkg = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        name = f"{package}.{info.name}"
        module = importlib.import_module(name)
        for bench in getattr(module, "BENCHMARKS", ()):
            if bench.id in found:
                raise TimingError(f"timing id {bench.id!r} declared twice ({found[bench.id].module}, {name})")
            found[bench.id] = dataclasses.replace(bench, module=name)
    return found


def get(bench_id: str, package: str = PACKAGE) -> Benchmark:
    known = benchmarks(package)
    if bench_id not in known:
        raise TimingError(f"unknown timing id {bench_id!r}; known ids: {', '.join(sorted(known)) or 'none'}")
    return known[bench_id]
