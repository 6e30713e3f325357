"""The one registry: every module in `timings/benchmarks/` (one per page, named after it) declares
`BENCHMARKS` (and `REPORTS`); markers name them by id, the measuring subprocess finds its benchmark
with `find`, which imports that module alone. Standard library only besides the ground layer."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from functools import cache

from .errors import TimingError
from .spec import Benchmark, Report

PACKAGE = "timings.benchmarks"


def declared_in(name: str) -> list[Benchmark | Report]:
    """What one module declares, each item knowing its module."""
    module = importlib.import_module(name)
    items = (*getattr(module, "BENCHMARKS", ()), *getattr(module, "REPORTS", ()))
    return [dataclasses.replace(item, module=name) for item in items]


@cache
def _declared(package: str) -> dict[str, Benchmark | Report]:
    found: dict[str, Benchmark | Report] = {}
    pkg = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        for item in declared_in(f"{package}.{info.name}"):
            if item.id in found:
                raise TimingError(
                    f"timing id {item.id!r} declared twice ({found[item.id].module}, {item.module})"
                )
            found[item.id] = item
    return found


def benchmarks(package: str = PACKAGE) -> dict[str, Benchmark]:
    return {k: v for k, v in _declared(package).items() if isinstance(v, Benchmark)}


def reports(package: str = PACKAGE) -> dict[str, Report]:
    return {k: v for k, v in _declared(package).items() if isinstance(v, Report)}


def get(bench_id: str, package: str = PACKAGE) -> Benchmark:
    known = benchmarks(package)
    if bench_id not in known:
        raise TimingError(f"unknown timing id {bench_id!r}; known ids: {', '.join(sorted(known)) or 'none'}")
    return known[bench_id]


def find(module: str, bench_id: str) -> Benchmark:
    """The benchmark `bench_id` of `module`, importing no other benchmark module (the measuring
    subprocess's way in: it imports only what that benchmark needs)."""
    for item in declared_in(module):
        if isinstance(item, Benchmark) and item.id == bench_id:
            return item
    raise TimingError(f"no benchmark {bench_id!r} in {module}")


def get_report(report_id: str, package: str = PACKAGE) -> Report | None:
    return reports(package).get(report_id)
