"""Measure one benchmark in a fresh interpreter: `python -m timings measure MODULE:ID --out FILE`.

MkDocs runs threads, and forking a threaded process is unsafe, so measuring always happens in a
separate process. It finds the benchmark through `registry.find` (importing only the benchmark's own
module) and writes a `spec.Measurement` as JSON; its progress lines go to the build log.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from .errors import TimingError
from .spec import Benchmark, Measurement

ROOT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.plugins.timings")


def run(bench: Benchmark, python: str = sys.executable) -> Measurement:
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
        fired = threading.Event()  # set before the kill: the timer's thread may still be alive after it

        def time_out(pid: int = proc.pid) -> None:
            fired.set()
            _kill_group(pid)

        watchdog = threading.Timer(limit, time_out)
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
            timed_out = fired.is_set()
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
