"""Get a benchmark's result: from memory, from the on-disk cache, or by measuring it now.

Measuring always happens in a separate Python process (`python -m timings measure ...`): MkDocs runs
threads, and forking a threaded process is unsafe. The cache key is a hash of the benchmark's module,
the snippet files it declares, the measuring code, the interpreter and the machine, so editing one
snippet re-measures only the tables that run it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from . import registry
from .errors import TimingError
from .spec import Benchmark

ROOT = Path(__file__).resolve().parent.parent
ENGINE_FILES = ("timings/measure.py", "timings/spec.py", "timings/__main__.py")
log = logging.getLogger("mkdocs.plugins.timings")

_memory: dict[tuple[str, str], dict[str, Any]] = {}


def cache_dir() -> Path:
    return Path(os.environ.get("TIMINGS_CACHE_DIR", ROOT / ".cache" / "timings"))


def _module_file(bench: Benchmark) -> Path:
    spec = importlib.util.find_spec(bench.module)
    if spec is None or spec.origin is None:
        raise TimingError(f"timing {bench.id!r}: cannot locate module {bench.module!r}")
    return Path(spec.origin)


def cache_key(bench: Benchmark, python: str = sys.executable) -> str:
    h = hashlib.sha256()
    files = [_module_file(bench)] + [ROOT / p for p in (*bench.sources, *ENGINE_FILES)]
    for path in files:
        if not path.is_file():
            raise TimingError(f"timing {bench.id!r}: source file {path} does not exist")
        h.update(path.read_bytes())
    machine = (platform.node(), platform.machine(), os.cpu_count(), _cpu_model_line())
    h.update(repr((interpreter(python), machine)).encode())
    return h.hexdigest()[:16]


@functools.cache
def interpreter(python: str) -> str:
    """Identifies an interpreter: the binary, its environment and its exact version and build."""
    probe = (
        "import sys, sysconfig; print(sys.version_info >= (3, 11), sys.prefix, sys.version,"
        " sysconfig.get_config_var('Py_GIL_DISABLED'))"
    )
    try:
        out = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        raise TimingError(f"interpreter {python!r} cannot run: {e}") from None
    recent, _, identity = out.strip().partition(" ")
    if recent != "True":
        raise TimingError(f"interpreter {python!r} is too old for the timing engine (3.11+): {identity}")
    return f"{os.path.realpath(python)} {identity}"


def _cpu_model_line() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor()
    return next((line for line in text.splitlines() if line.startswith("model name")), "")


def result(bench_id: str, *, fresh: bool = False, python: str = sys.executable) -> dict[str, Any]:
    """The result for `bench_id`; measures when nothing cached matches (or when `fresh`)."""
    bench = registry.get(bench_id)
    key = cache_key(bench, python)
    if not fresh and (bench_id, key) in _memory:
        return _memory[(bench_id, key)]
    path = cache_file(bench_id, python)
    if not fresh and path.is_file():
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached.get("key") == key:
            _memory[(bench_id, key)] = cached
            return cached
    measured = run_subprocess(bench, python)
    measured["key"] = key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(measured, indent=1), encoding="utf-8")
    _memory[(bench_id, key)] = measured
    return measured


def loaded() -> list[dict[str, Any]]:
    """Every result this process has measured or read from the cache so far (what the site shows)."""
    return list(_memory.values())


def cache_file(bench_id: str, python: str = sys.executable) -> Path:
    """`ID.json` for the build's interpreter; `ID@HASH.json` for each other interpreter."""
    if python == sys.executable:
        return cache_dir() / f"{bench_id}.json"
    digest = hashlib.sha256(os.path.realpath(python).encode()).hexdigest()[:8]
    return cache_dir() / f"{bench_id}@{digest}.json"


def run_subprocess(bench: Benchmark, python: str = sys.executable) -> dict[str, Any]:
    """Measure in a fresh interpreter; progress lines go to the log, the result comes as JSON.

    A measurement that runs past TIMINGS_TIMEOUT seconds (default 180) is killed with everything it
    started (a pool whose workers keep dying would otherwise respawn them forever) and fails the build.
    """
    log.info("timings: measuring %s with %s", bench.id, python)
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    limit = float(os.environ.get("TIMINGS_TIMEOUT", "180"))
    with tempfile.TemporaryDirectory(prefix="timings-") as tmp:
        out = Path(tmp, "result.json")
        cmd = [python, "-m", "timings", "measure", f"{bench.module}:{bench.id}", "--out", str(out)]
        proc = subprocess.Popen(
            cmd,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": pythonpath},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, so a timeout can kill its workers too
        )
        assert proc.stderr is not None
        watchdog = threading.Timer(limit, _kill_group, (proc.pid,))
        watchdog.start()
        tail: list[str] = []
        try:
            with proc:
                for line in proc.stderr:
                    line = line.rstrip()
                    if line.startswith("timings: "):
                        log.info(line)
                    else:
                        tail = [*tail, line][-20:]
        finally:
            timed_out = not watchdog.is_alive() and proc.returncode != 0
            watchdog.cancel()
        if timed_out:
            raise TimingError(f"timing {bench.id!r}: measurement did not finish within {limit:.0f} s")
        if proc.returncode != 0 or not out.is_file():
            detail = "\n".join(tail)
            raise TimingError(f"timing {bench.id!r}: measurement failed (exit {proc.returncode}):\n{detail}")
        return json.loads(out.read_text(encoding="utf-8"))


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass
