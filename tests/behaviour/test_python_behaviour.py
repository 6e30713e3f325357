"""What the pages say about Python's own behaviour, shown on the interpreter and start method of this run.

Each test names the page statement it backs. Version-specific statements checked on several
interpreters at once live in tests/behaviour/test_version_behaviour.py.
"""

from __future__ import annotations

import gc
import multiprocessing
import pickle
import re
import subprocess
import sys
import threading
import time
import warnings
from multiprocessing.pool import Pool, ThreadPool
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def square(x: int) -> int:
    return x * x


def test_rebinding_a_pool_warns_and_terminates_its_workers() -> None:
    """errata.md, pools row: rebinding frees the pool at once (refcounting), warns, kills its workers (3.8+).

    No garbage collection is involved: the collector is off while the name is rebound, and the
    warning has been reported before the next statement runs.
    """
    pool = multiprocessing.Pool(2)
    workers = list(pool._pool)
    assert all(p.is_alive() for p in workers)
    gc_was_enabled = gc.isenabled()
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)  # __del__ cannot raise: reported as unraisable
        unraisable: list[str] = []
        old_hook = sys.unraisablehook
        sys.unraisablehook = lambda u: unraisable.append(type(u.exc_value).__name__)
        gc.disable()
        try:
            pool = ThreadPool(2)  # the post's rebinding: nothing closes the process pool
            reported_at_once = list(unraisable)
        finally:
            if gc_was_enabled:
                gc.enable()
            sys.unraisablehook = old_hook
    try:
        assert reported_at_once == ["ResourceWarning"]
        deadline = time.monotonic() + 10
        while any(p.is_alive() for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(p.is_alive() for p in workers), "the freed pool's workers still run"
    finally:
        pool.close()
        pool.join()


def test_a_pool_cannot_send_a_lambda_under_any_start_method() -> None:
    """hash-files.md, start-methods.md: pools pickle every task, under fork too."""
    with multiprocessing.Pool(1) as pool:
        with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
            pool.map(lambda x: x, [1])
        with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
            pool.apply(lambda: 1)
        pool.close()
        pool.join()


def test_a_process_target_lambda_works_only_under_fork() -> None:
    """start-methods.md: Process(target=lambda) under fork pickles nothing."""
    ctx = multiprocessing.get_context()
    if ctx.get_start_method() == "fork":
        proc = ctx.Process(target=lambda: None)
        proc.start()
        proc.join(30)
        assert proc.exitcode == 0
    else:
        with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
            ctx.Process(target=lambda: None).start()


def test_a_pool_starts_three_threads_in_your_process() -> None:
    """start-methods.md, sharing-data.md: Pool itself runs threads in the parent (handlers)."""
    before = set(threading.enumerate())
    with multiprocessing.Pool(1) as pool:
        started = set(threading.enumerate()) - before
        pool.close()
        pool.join()
    assert len(started) == 3, started


POOL_CALLS = [
    "apply",
    "apply_async",
    "map",
    "map_async",
    "imap",
    "imap_unordered",
    "starmap",
    "starmap_async",
]


def test_pool_has_eight_ways_to_hand_out_work_and_the_page_lists_them() -> None:
    """map-apply.md: eight calls, starmap_async among them, in both languages."""
    assert all(callable(getattr(Pool, name)) for name in POOL_CALLS)
    for lang in ("en", "zh"):
        page = (ROOT / "docs" / lang / "map-apply.md").read_text(encoding="utf-8")
        for name in POOL_CALLS:
            assert re.search(rf"^\|\s*`(pool\.)?{name}\(", page, re.M), f"{lang}: {name} not in the table"
        assert "seven" not in page and "七种" not in page and "七个" not in page


FIX_THEN_SET = """
import multiprocessing
{first}
try:
    multiprocessing.set_start_method("spawn")
except RuntimeError as e:
    print("RuntimeError:", e)
else:
    print("set")
"""


@pytest.mark.once
@pytest.mark.parametrize(
    ("first", "fixed"),
    [
        ("pass", False),
        ("multiprocessing.set_start_method('spawn')", True),
        ("multiprocessing.Lock()", True),
        ("multiprocessing.get_start_method()", True),
        ("multiprocessing.get_start_method(allow_none=True)", False),
    ],
)
def test_set_start_method_fails_once_the_default_context_is_used(first: str, fixed: bool) -> None:
    """start-methods.md#get-context: a previous call or any use of the default context fixes it."""
    proc = subprocess.run(
        [sys.executable, "-I", "-c", FIX_THEN_SET.format(first=first)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    expected = "RuntimeError: context has already been set" if fixed else "set"
    assert proc.stdout.strip() == expected, proc.stdout


def test_executor_with_max_tasks_per_child_never_forks() -> None:
    """start-methods.md, sharing-data.md: spawn without mp_context, ValueError with fork (3.11+)."""
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(1, max_tasks_per_child=1)  # whatever this run's default method
    try:
        assert executor._mp_context.get_start_method() == "spawn"
    finally:
        executor.shutdown()
    if "fork" in multiprocessing.get_all_start_methods():
        with pytest.raises(ValueError, match="incompatible with the 'fork'"):
            ProcessPoolExecutor(1, max_tasks_per_child=1, mp_context=multiprocessing.get_context("fork"))


# A worker function the workers cannot import: defined in a `python -c` program, as in a notebook cell.
UNIMPORTABLE = """
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

def square(x):
    return x * x

if __name__ == "__main__":
    ctx = multiprocessing.get_context("{method}")
    with ctx.Pool(1) as pool:
        pending = pool.map_async(square, [1, 2])
        print("Pool returned:", pending.ready() or pending.wait(1) or pending.ready())
    with ProcessPoolExecutor(1, mp_context=ctx) as executor:
        try:
            list(executor.map(square, [1, 2]))
        except Exception as e:
            print("ProcessPoolExecutor raised:", type(e).__name__)
"""


@pytest.mark.once
@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_a_worker_that_cannot_find_the_function_hangs_a_pool_and_breaks_an_executor(method: str) -> None:
    """upgrading-to-3-14.md#symptom: a function from a notebook cell is not found by spawn or forkserver
    workers; a `Pool` then never returns (its worker dies, the task is lost), a ProcessPoolExecutor
    raises BrokenProcessPool. The worker's error is worded differently from 3.14 on."""
    done = subprocess.run(
        [sys.executable, "-c", UNIMPORTABLE.format(method=method)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Pool returned: False" in done.stdout, done.stdout + done.stderr
    assert "ProcessPoolExecutor raised: BrokenProcessPool" in done.stdout, done.stdout + done.stderr
    if sys.version_info >= (3, 14):
        worded = "AttributeError: module '__main__' has no attribute 'square'"
    else:
        worded = "AttributeError: Can't get attribute 'square' on <module '__main__'"
    assert worded in done.stderr, done.stderr
    # the pool's own worker died of it ("Process SpawnPoolWorker-1:", "ForkServerPoolWorker-1"), not
    # only the executor's: the pool is not merely slow
    assert "PoolWorker-" in done.stderr and done.stderr.count(worded) >= 2, done.stderr
