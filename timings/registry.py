"""Find tables by id: each module in `timings/benchmarks/` declares `BENCHMARKS` (and `REPORTS`)."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from functools import cache

from .errors import TimingError
from .spec import Benchmark, Report

PACKAGE = "timings.benchmarks"


@cache
def _declared(package: str) -> dict[str, Benchmark | Report]:
    found: dict[str, Benchmark | Report] = {}
    pkg = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        name = f"{package}.{info.name}"
        module = importlib.import_module(name)
        for item in (*getattr(module, "BENCHMARKS", ()), *getattr(module, "REPORTS", ())):
            if item.id in found:
                raise TimingError(f"timing id {item.id!r} declared twice ({found[item.id].module}, {name})")
            found[item.id] = dataclasses.replace(item, module=name)
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


def get_report(report_id: str, package: str = PACKAGE) -> Report | None:
    return reports(package).get(report_id)
