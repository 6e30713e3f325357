"""Run one benchmark and return its raw samples. Runs inside the measuring subprocess.

Standard library only. Variants are interleaved round by round, so a burst of outside load hits them
all alike; the machine's load is read from /proc/stat around the run, and a run taken while the
machine was busy is repeated once. A table's capacity row (`spec.Capacity`) is run by plain processes
that start before the rounds and stay until they end.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import platform
import sys
import sysconfig
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any

from .spec import Benchmark, Capacity, Env, Measurement, available_cores

BUSY = 0.25  # outside load (share of all cores) above which a run is repeated once
PR_SET_CHILD_SUBREAPER = 36  # <linux/prctl.h>
LOAD_WINDOW = 0.25  # seconds: the shortest span the outside load is read over (50 ticks on 2 cores)


def environment() -> Env:
    """What the caption says about where the numbers come from."""
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    return {
        "cpu": cpu_model(),
        "cores": available_cores(),
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        "gil": gil,
        "executable": sys.executable,
        "start_method": multiprocessing.get_start_method(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def cpu_model() -> str:
    """The processor's name (the one /proc/cpuinfo parser: captions and cache keys use it)."""
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


def adopt_orphans() -> None:
    """Make this process the subreaper of its descendants (Linux), for the measuring subprocess.

    A process whose parent exits is handed to the nearest subreaper instead of to init: a fork server
    outlives the script that started it, for example. Adopted and never reaped here, it stays in this
    process's tree until the measurement ends, so its CPU time counts as the measurement's own, not as
    outside load. Elsewhere, or if prctl is missing, nothing changes."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _own_cpu_seconds() -> float:
    """CPU seconds of this process and its whole tree: the children it reaped (os.times) and every
    descendant still running, read from /proc. The tree, not only the reaped children: a fork
    server's workers, a server process and a pool that outlives the run are this measurement's own
    work, not outside load."""
    t = os.times()
    own = t.user + t.system + t.children_user + t.children_system
    try:
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return own
    tick = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    seconds: dict[int, float] = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue  # it has exited since the listing
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) ": state, ppid, ...
        children.setdefault(int(fields[1]), []).append(pid)
        seconds[pid] = sum(int(x) for x in fields[11:15]) / tick  # utime, stime, cutime, cstime
    tree, stack = 0.0, list(children.get(os.getpid(), []))
    while stack:
        pid = stack.pop()
        tree += seconds[pid]
        stack += children.get(pid, [])
    return own + tree


GO, DONE, STOP = b"g", b"d", b"s"


def _plain_worker(conn: Connection, tasks: Sequence[Callable[[], object]]) -> None:
    """A capacity process: run its share of the tasks each time the parent says go."""
    while conn.recv_bytes() == GO:
        for task in tasks:
            task()
        conn.send_bytes(DONE)


class PlainProcesses:
    """The capacity row's processes: started before the timer, one round per `run`."""

    def __init__(self, bench_id: str, capacity: Capacity, ctx: Any) -> None:
        tasks = list(capacity.tasks(ctx))
        if not tasks or len(tasks) % capacity.workers:
            raise ValueError(
                f"{bench_id}: the capacity row's {len(tasks)} tasks do not divide evenly over "
                f"{capacity.workers} processes"
            )
        self.connections: list[Connection] = []
        self.processes: list[multiprocessing.process.BaseProcess] = []
        for i in range(capacity.workers):
            parent, child = multiprocessing.Pipe()
            process = multiprocessing.Process(
                target=_plain_worker, args=(child, tasks[i :: capacity.workers]), daemon=True
            )
            process.start()
            child.close()
            self.connections.append(parent)
            self.processes.append(process)

    def run(self, _: Any = None) -> None:
        for conn in self.connections:
            conn.send_bytes(GO)
        for conn in self.connections:
            if conn.recv_bytes() != DONE:
                raise RuntimeError("a capacity process answered out of turn")

    def close(self) -> None:
        for conn in self.connections:
            try:
                conn.send_bytes(STOP)
            except OSError:
                pass  # it has already exited
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join()
        for conn in self.connections:
            conn.close()


@contextmanager
def _running(bench: Benchmark, ctx: Any) -> Iterator[dict[str, Callable[[Any], Any]]]:
    """Each row's `run`; the capacity row's processes start here, before any timed round."""
    runs: dict[str, Callable[[Any], Any]] = {}
    started: list[PlainProcesses] = []
    try:
        for v in bench.variants:
            if isinstance(v.run, Capacity):
                plain = PlainProcesses(bench.id, v.run, ctx)
                started.append(plain)
                runs[v.key] = plain.run
            else:
                runs[v.key] = v.run
        yield runs
    finally:
        for plain in started:
            plain.close()


def _rounds(bench: Benchmark, log: Any) -> dict[str, dict[str, list[float]]]:
    samples: dict[str, dict[str, list[float]]] = {v.key: {"seconds": []} for v in bench.variants}
    total = bench.warmup + bench.rounds
    with bench.setup() as ctx, _running(bench, ctx) as runs:
        for r in range(total):
            log(f"timings: {bench.id} round {r + 1}/{total}")
            for v in bench.variants:
                start = time.perf_counter()
                returned = runs[v.key](ctx)
                seconds = time.perf_counter() - start
                if r < bench.warmup:
                    continue
                samples[v.key]["seconds"].append(seconds)
                if isinstance(v.run, Capacity):
                    continue  # the capacity row is timed only: the metrics belong to the techniques
                for metric in bench.metrics:  # declared metrics only; other return values are ignored
                    if not isinstance(returned, dict) or metric.key not in returned:
                        raise ValueError(f"{bench.id}/{v.key}: run() did not return metric {metric.key!r}")
                    samples[v.key].setdefault(metric.key, []).append(float(returned[metric.key]))
    return samples


def _measure_once(bench: Benchmark, log: Any) -> tuple[dict[str, Any], float | None]:
    before, own_before, wall_before = _cpu_seconds(), _own_cpu_seconds(), time.monotonic()
    samples = _rounds(bench, log)
    # /proc/stat counts in ticks of 10 ms: over a run of a few ms, one tick of anything reads as a
    # busy machine. The load is read over at least LOAD_WINDOW seconds.
    time.sleep(max(0.0, LOAD_WINDOW - (time.monotonic() - wall_before)))
    after, own_after, wall = _cpu_seconds(), _own_cpu_seconds(), time.monotonic() - wall_before
    if before is None or after is None or wall <= 0:
        return samples, None
    outside = (after[0] - before[0]) - (own_after - own_before)
    return samples, max(0.0, outside / (wall * (os.cpu_count() or 1)))


def measure(bench: Benchmark, log: Any = print) -> Measurement:
    """Samples per variant plus the environment and outside load; JSON-ready."""
    problems = bench.problems(require_timer=False)
    if problems:
        raise ValueError("; ".join(problems))
    samples, load = _measure_once(bench, log)
    if load is not None:
        log(f"timings: {bench.id}: outside load {load:.0%}")
    remeasured = False
    if load is not None and load > BUSY:
        log(f"timings: {bench.id}: machine busy ({load:.0%} outside load), measuring again")
        again, load_again = _measure_once(bench, log)
        remeasured = True
        if load_again is not None:
            log(f"timings: {bench.id}: outside load {load_again:.0%} on the second run")
        if load_again is not None and load_again < load:
            samples, load = again, load_again
    return {
        "id": bench.id,
        "env": environment(),
        "load": {"outside": load, "remeasured": remeasured, "busy": load is not None and load > BUSY},
        "rounds": bench.rounds,
        "warmup": bench.warmup,
        "timer": bench.timer,
        "items": bench.items,
        "samples": samples,
    }
