"""The "real programs" pages: Ctrl-C, dead workers, bounded concurrency, shared memory cleanup,
progress-bar claims and the decision guide. Run under each start method like the rest of the suite."""

from __future__ import annotations

import asyncio
import io
import os
import select
import signal
import subprocess
import sys
import threading
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.shared_memory import SharedMemory
from pathlib import Path

import pytest

from snippets import fetch_with_asyncio, pool_errors, progress_bars, share_big_data
from tests.support import processes
from tests.support.fake_results import fake_result
from timings import registry
from timings.benchmarks import asyncio_io, choosing_a_tool
from timings.results import Result

ROOT = Path(__file__).resolve().parents[2]


def start_snippet(name: str, *args: str) -> subprocess.Popen[str]:
    """`python snippets/NAME ARGS` in its own process group, as a reader would run it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "tests" / "support" / "run_as_main.py"),
            str(ROOT / "snippets" / name),
            *args,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def read_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline() if ready else ""


@pytest.mark.timeout(60)
def test_ctrl_c_ends_the_pool_promptly_and_leaves_no_process() -> None:
    proc = start_snippet("interruptible_pool.py", "60")
    try:
        line = read_line(proc, timeout=30)
        assert "press Ctrl-C" in line, f"the pool never got busy: {line!r}"
        assert len(processes.group(proc.pid)) >= 3, "expected the parent and two workers"
        interrupted = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole group
        out, err = proc.communicate(timeout=15)
        elapsed = time.monotonic() - interrupted
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    left = processes.wait_until_gone(lambda: processes.group(proc.pid))
    processes.kill(left)
    assert proc.returncode == 130, err
    assert "interrupted after" in out
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert elapsed < 5, f"took {elapsed:.1f} s to stop"
    assert not left, f"left behind: {left}"


def test_a_dead_worker_breaks_the_executor_and_every_pending_future() -> None:
    started = time.monotonic()
    with ProcessPoolExecutor(2) as pool:
        doomed = pool.submit(pool_errors.die)
        pending = [pool.submit(time.sleep, 30) for _ in range(4)]
        with pytest.raises(BrokenProcessPool):
            doomed.result(timeout=60)
        for future in pending:
            assert isinstance(future.exception(timeout=60), BrokenProcessPool)
        with pytest.raises(BrokenProcessPool):
            pool.submit(time.sleep, 0)
    assert time.monotonic() - started < 20, "the broken pool waited for the sleeping tasks"
    with ProcessPoolExecutor(2) as fresh:  # a new executor works
        assert fresh.submit(pool_errors.parse, "7").result(timeout=60) == 7


def test_the_semaphore_bounds_the_requests_in_flight() -> None:
    paths = [f"/{i}" for i in range(12)]
    with fetch_with_asyncio.slow_server(0.1) as (host, port):
        asyncio.run(fetch_with_asyncio.fetch_all(host, port, paths, limit=3))
        bounded = int(fetch_with_asyncio.fetch_blocking(host, port, "/peak"))
        fetch_with_asyncio.fetch_all_with_threads(host, port, paths, workers=12)
        unbounded = int(fetch_with_asyncio.fetch_blocking(host, port, "/peak"))
    assert 0 < bounded <= 3 < unbounded


def test_the_asyncio_crawl_joins_its_workers_off_the_event_loop(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """asyncio-io.md: `with ProcessPoolExecutor` in a coroutine would join the workers on the loop."""
    on_loop_thread: list[bool] = []
    shutdown = ProcessPoolExecutor.shutdown

    def recording(self: ProcessPoolExecutor, *args: object, **kwargs: object) -> None:
        on_loop_thread.append(threading.current_thread() is threading.main_thread())
        shutdown(self, *args, **kwargs)

    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", recording)
    with fetch_with_asyncio.slow_server(0.01) as (host, port):
        asyncio.run(fetch_with_asyncio.crawl(host, port, ["/a", "/b"], str(tmp_path), workers=1))
    assert on_loop_thread == [False]


def test_the_asyncio_benchmark_measures_each_round_in_a_reaped_child() -> None:
    """Each round in a new process, never forked from this (here threaded) process (3.12+ warns)."""
    stop = threading.Event()
    busy = threading.Thread(target=stop.wait)  # the measuring process may run threads
    busy.start()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DeprecationWarning)
            with asyncio_io.server() as address:
                for kind in ("asyncio", "threads"):
                    report = asyncio_io.in_fresh_process(kind, 10, address)
                    assert set(report) == {"peak"} and report["peak"] >= 0
    finally:
        stop.set()
        busy.join()
    forks = [str(w.message) for w in caught if "fork()" in str(w.message)]
    assert not forks, forks


def test_the_shared_memory_block_is_unlinked(monkeypatch: pytest.MonkeyPatch) -> None:
    created: list[str] = []

    class Recording(SharedMemory):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            if kwargs.get("create"):
                created.append(self.name)

    monkeypatch.setattr(share_big_data, "SharedMemory", Recording)
    data = share_big_data.make_data(1 << 16)
    assert share_big_data.checksums_with_shared_memory(data, 4, 2) == share_big_data.checksums_per_task(
        data, 4, 2
    )
    assert len(created) == 1
    with pytest.raises(FileNotFoundError):
        SharedMemory(name=created[0])


def test_sharing_through_shared_memory_leaves_no_resource_tracker_warning() -> None:
    """The tracker speaks when the interpreter exits, so this runs in a process of its own."""
    code = (
        "import multiprocessing, os, sys\n"
        "method = os.environ.get('PARALLEL_START_METHOD')\n"
        "if method: multiprocessing.set_start_method(method)\n"
        "from snippets.share_big_data import checksums_with_shared_memory, make_data\n"
        "if __name__ == '__main__': print(checksums_with_shared_memory(make_data(1 << 16), 4, 2))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=90, check=False
    )
    assert proc.returncode == 0 and proc.stdout.startswith("["), proc.stderr
    assert "leaked" not in proc.stderr and "resource_tracker" not in proc.stderr, proc.stderr


def test_tqdm_process_map_counts_a_chunk_as_one_item() -> None:
    """The progress-bars page warns about this (tqdm issue 1791); if tqdm fixes it, change the page."""
    from tqdm.contrib.concurrent import process_map

    out = io.StringIO()
    process_map(progress_bars.slow_square, range(20), max_workers=2, chunksize=4, file=out)
    assert "5/20" in out.getvalue() and "20/20" not in out.getvalue()


def _result(bench_id: str, overrides: dict[str, dict[str, float]] | None = None) -> Result:
    """A fabricated result: every variant 1 s and metric 1.0, except the given values."""
    given = overrides or {}
    seconds = {k: row["seconds"] for k, row in given.items() if "seconds" in row}
    metrics = {k: {m: x for m, x in row.items() if m != "seconds"} for k, row in given.items()}
    return fake_result(bench_id, seconds=seconds, metrics=metrics, repeat=1)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_decision_guide_quotes_the_tables_and_follows_their_numbers(lang: str) -> None:
    fakes = {
        "hash_files_cpu": _result("hash_files_cpu", {"serial": {"seconds": 2.0}}),
        "pool_chunksize": _result("pool_chunksize", {"processes_chunksize_1": {"seconds": 3.0}}),
        "dask_cpu": _result("dask_cpu", {"serial": {"seconds": 3.0}, "dask": {"startup": 0.75}}),
        "asyncio_vs_threads": _result("asyncio_vs_threads", {"threads_1000": {"peak": 12.5}}),
        "sharing_argument_size": _result("sharing_argument_size", {"initializer_1mib": {"per_s": 4321}}),
        "crawler_workers": _result(
            "crawler_workers", {"serial": {"seconds": 4.0}, "threads_8": {"seconds": 0.5}}
        ),
        "pool_startup": _result("pool_startup", {"fork": {"cold": 0.125}, "forkserver": {"cold": 0.375}}),
    }
    threads_win = {"serial": {"seconds": 2.0}, "threads": {"seconds": 1.1}, "processes": {"seconds": 2.5}}
    processes_win = {"serial": {"seconds": 2.0}, "threads": {"seconds": 2.1}, "processes": {"seconds": 1.1}}
    none_win = {"serial": {"seconds": 1.0}, "threads": {"seconds": 1.5}, "processes": {"seconds": 2.0}}
    outputs = []
    for gil in (threads_win, processes_win, none_win):
        fakes["gil_released_hashing"] = _result("gil_released_hashing", gil)
        outputs.append(choosing_a_tool.guide(fakes.__getitem__, lang))
    first, second, third = outputs
    assert len(first.splitlines()) == 2 + 9  # header, rule, one row per kind of work
    assert all(line.count(" | ") == 2 for line in first.splitlines()[2:]), first  # 3 columns: fits a phone
    assert "**4.00×**" in first and "**8.00×**" in first  # the crawler's fewest and most threads
    # threads as fast as processes on a build with the GIL: noise, not a free-threaded build
    assert ("自由线程构建" if lang == "zh" else "free-threaded build") not in first
    assert "`fork` **0.12 s**" in first and "`forkserver` **0.38 s**" in first  # a cold pool
    for link in (
        "crawler.md#measured",
        "upgrading-to-3-14.md#cost",
        "notebooks/parallelism-in-jupyter.ipynb",
        "#gil-released",
        "hash-files.md#cpu-bound",
        "asyncio-io.md#measured",
        "sharing-data.md#measured",
        "pools.md#chunksize",
        "beyond-one-machine.md#cpu-bound",
    ):
        assert link in first
    chunks = 3.0 / registry.get("pool_chunksize").items * 1e6
    assert f"**{chunks:.1f} µs**" in first  # chunksize=1, from the pools page's table
    assert "Dask LocalCluster **3.00×**" in first and "0.75 s" in first
    assert "12.5 MiB" in first and "4,321" in first and "**2.00×**" in first
    assert "1.82×" in first and "1.82×" in second  # the threads' and then the processes' speedup
    won = "这次进程池更快" if lang == "zh" else "the process pool won this time"
    neither = "两者都没有快过串行" if lang == "zh" else "neither beat serial"
    assert won not in first and won in second and won not in third
    assert neither in third and neither not in first + second


@pytest.mark.parametrize(
    ("asyncio_s", "threads_s", "en", "zh"),
    [
        (0.5, 1.0, "faster than the thread pool", "比线程池快"),
        (1.0, 1.05, "about as fast as the thread pool", "速度与线程池相当"),
        (1.0, 0.5, "slower than the thread pool", "比线程池慢"),
    ],
)
def test_the_asyncio_reading_compares_what_was_measured(
    asyncio_s: float, threads_s: float, en: str, zh: str
) -> None:
    r = _result(
        "asyncio_vs_threads",
        {"asyncio_1000": {"seconds": asyncio_s, "peak": 2.0}, "threads_1000": {"seconds": threads_s}},
    )
    assert en in asyncio_io.read(r, "en") and "0.5× asyncio's memory" in asyncio_io.read(r, "en")
    assert zh in asyncio_io.read(r, "zh") and f"线程池增至原来的 {threads_s:.1f} 倍" in asyncio_io.read(
        r, "zh"
    )
