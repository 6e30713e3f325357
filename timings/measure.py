"""Run one benchmark and return its raw samples. Runs inside the measuring subprocess.

Standard library only. Variants are interleaved round by round, so a burst of outside load hits them
all alike; the machine's load is read from /proc/stat around the run, and a run taken while the
machine was busy is repeated once.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import platform
import sys
import sysconfig
import time
from typing import Any

from .spec import Benchmark, available_cores

BUSY = 0.25  # outside load (share of all cores) above which a run is repeated once


def environment() -> dict[str, Any]:
    """What the caption says about where the numbers come from."""
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    return {
        "cpu": _cpu_model(),
        "cores": available_cores(),
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil": gil,
        "executable": sys.executable,
        "start_method": multiprocessing.get_start_method(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _cpu_seconds() -> tuple[float, float] | None:
    """(busy, total) CPU seconds of the whole machine since boot, or None without /proc/stat."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return None
    tick = os.sysconf("SC_CLK_TCK")
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / tick, sum(fields[:8]) / tick


def _own_cpu_seconds() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _rounds(bench: Benchmark, log: Any) -> dict[str, dict[str, list[float]]]:
    samples: dict[str, dict[str, list[float]]] = {v.key: {"seconds": []} for v in bench.variants}
    total = bench.warmup + bench.rounds
    with bench.fixture() as ctx:
        for r in range(total):
            log(f"timings: {bench.id} round {r + 1}/{total}")
            for v in bench.variants:
                start = time.perf_counter()
                returned = v.run(ctx)
                seconds = time.perf_counter() - start
                if r < bench.warmup:
                    continue
                samples[v.key]["seconds"].append(seconds)
                for metric in bench.metrics:  # declared metrics only; other return values are ignored
                    if not isinstance(returned, dict) or metric.key not in returned:
                        raise ValueError(f"{bench.id}/{v.key}: run() did not return metric {metric.key!r}")
                    samples[v.key].setdefault(metric.key, []).append(float(returned[metric.key]))
    return samples


def _measure_once(bench: Benchmark, log: Any) -> tuple[dict[str, Any], float | None]:
    before, own_before, wall_before = _cpu_seconds(), _own_cpu_seconds(), time.monotonic()
    samples = _rounds(bench, log)
    after, own_after, wall = _cpu_seconds(), _own_cpu_seconds(), time.monotonic() - wall_before
    if before is None or after is None or wall <= 0:
        return samples, None
    outside = (after[0] - before[0]) - (own_after - own_before)
    return samples, max(0.0, outside / (wall * (os.cpu_count() or 1)))


def measure(bench: Benchmark, log: Any = print) -> dict[str, Any]:
    """Samples per variant plus the environment and outside load; JSON-ready."""
    samples, load = _measure_once(bench, log)
    remeasured = False
    if load is not None and load > BUSY:
        log(f"timings: {bench.id}: machine busy ({load:.0%} outside load), measuring again")
        again, load_again = _measure_once(bench, log)
        remeasured = True
        if load_again is not None and load_again < load:
            samples, load = again, load_again
    return {
        "id": bench.id,
        "env": environment(),
        "load": {"outside": load, "remeasured": remeasured, "busy": load is not None and load > BUSY},
        "rounds": bench.rounds,
        "items": bench.items,
        "samples": samples,
    }
