"""Version-dependent CPython behaviour that the pages state, checked on every interpreter found here.

Interpreters: this one, `python3.11` … `python3.14` on PATH and pyenv's versions (on the project's
machines: 3.11.7, 3.12.1, 3.13.0, 3.14.10). Each test asserts what *that* version does, from the
CPython changelog, so a page claim that names versions is checked on each version at hand.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = ROOT / "snippets"


def _interpreters() -> dict[tuple[int, int, int], str]:
    found = [sys.executable]
    found += [p for v in range(11, 15) if (p := shutil.which(f"python3.{v}"))]
    pyenv = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    found += sorted(glob.glob(f"{pyenv}/versions/3.1[1-4].*/bin/python3.1[1-4]"))
    by_version: dict[tuple[int, int, int], str] = {}
    for python in found:
        try:
            out = subprocess.run(
                [python, "-c", "import sys; print(*sys.version_info[:3], sys.abiflags)"],
                capture_output=True,
                text=True,
                timeout=20,
            ).stdout.split()
        except (OSError, subprocess.SubprocessError):
            continue
        if len(out) == 3:  # a default build: no abiflags, so neither free-threaded ("t") nor debug ("d")
            by_version.setdefault((int(out[0]), int(out[1]), int(out[2])), python)
    return by_version


PYTHONS = _interpreters()
IDS = [".".join(map(str, v)) for v in PYTHONS]


def on_every_python(test):
    """A `once` test run with each interpreter found here (its `version` parameter), a minute each."""
    test = pytest.mark.parametrize("version", list(PYTHONS), ids=IDS)(test)
    return pytest.mark.once(pytest.mark.timeout(60)(test))


def main_preloaded_by_forkserver(v: tuple[int, int, int]) -> bool:
    """gh-126631: the server imports __main__ once from 3.13.8 and 3.14.1 (never before)."""
    return v >= (3, 14, 1) or (3, 13, 8) <= v < (3, 14, 0)


def argv_empty_in_server(v: tuple[int, int, int]) -> bool:
    """gh-143706: sys.argv empty while the server imports __main__: 3.13.8-3.13.11, 3.14.1-3.14.2."""
    return (3, 13, 8) <= v < (3, 13, 12) or (3, 14, 1) <= v < (3, 14, 3)


@pytest.mark.once
@pytest.mark.timeout(120)
@pytest.mark.parametrize("version", list(PYTHONS), ids=IDS)
def test_where_forkserver_workers_get_the_main_script(version: tuple[int, int, int], tmp_path: Path) -> None:
    script = Path(shutil.copy(SNIPPETS / "where_main_runs.py", tmp_path))
    proc = subprocess.run(
        [PYTHONS[version], "-X", "dev", script.name, "an-argument"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=100,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Warning" not in proc.stderr, proc.stderr
    lines = {line.split(":")[0].strip(): line for line in proc.stdout.splitlines()[1:]}
    assert "top level ran in parent;" in lines["fork"]
    assert "top level ran in each worker;" in lines["spawn"]
    expected = "another process (the fork server)" if main_preloaded_by_forkserver(version) else "each worker"
    assert f"top level ran in {expected};" in lines["forkserver"], proc.stdout
    argv = (
        "[[]]"
        if argv_empty_in_server(version) and main_preloaded_by_forkserver(version)
        else "[['an-argument']]"
    )
    assert lines["forkserver"].endswith(f"argv then: {argv}"), proc.stdout
    assert lines["spawn"].endswith("argv then: [['an-argument']]"), proc.stdout


@pytest.mark.once
def test_every_interpreter_here_is_covered() -> None:
    """Not a skip in disguise: every CPython 3.11-3.14 that pyenv lists is among the versions tested, and
    so are the versions PARALLEL_PYTHONS names ("3.12 3.13": a machine that must have them fails
    without them)."""
    if not sysconfig.get_config_var("Py_GIL_DISABLED"):  # the tests run default builds only
        assert sys.version_info[:3] in PYTHONS, "the running interpreter is not covered"
    pyenv = shutil.which("pyenv")
    listed = ""
    if pyenv:
        listed = subprocess.run(
            [pyenv, "versions", "--bare"], capture_output=True, text=True, timeout=20
        ).stdout
    for name in listed.split():
        parts = name.split(".")
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            continue  # "system", "3.13t", a virtual environment's name
        version = tuple(map(int, parts))
        if (3, 11) <= version[:2] <= (3, 14):
            assert version in PYTHONS, f"pyenv has {name}, the tests missed it"
    for wanted in os.environ.get("PARALLEL_PYTHONS", "").split():
        prefix = tuple(map(int, wanted.split(".")))
        assert any(v[: len(prefix)] == prefix for v in PYTHONS), f"PARALLEL_PYTHONS names {wanted}: not found"
    print("covered:", ", ".join(IDS))


GENEXPR_WORKER = """
from concurrent.futures import InterpreterPoolExecutor
LIMIT = 10
def in_genexpr(n):
    return sum(i for i in range(n) if i < LIMIT)  # the global is used only in the genexpr
def in_outermost_iterable(n):
    return sum(i for i in range(LIMIT)) + n  # range(LIMIT) is evaluated by this function itself
def in_loop(n):
    total = 0
    for i in range(n):
        if i < LIMIT:
            total += i
    return total
if __name__ == "__main__":
    with InterpreterPoolExecutor(1) as pool:
        print(pool.submit(in_loop, 20).result())
        print(pool.submit(in_outermost_iterable, 20).result())
        try:
            print(pool.submit(in_genexpr, 20).result())
        except Exception as exc:
            print(type(exc).__name__, exc)
"""


@pytest.mark.once
@pytest.mark.timeout(60)
@pytest.mark.parametrize("version", [v for v in PYTHONS if v >= (3, 14)], ids=lambda v: ".".join(map(str, v)))
def test_subinterpreter_worker_with_global_only_in_a_genexpr(
    version: tuple[int, int, int], tmp_path: Path
) -> None:
    """subinterpreters.md: on 3.14 (3.14.10 here) such a worker is sent as "stateless" and fails.

    A global in the genexpr's outermost iterable is evaluated by the function, so that one works.
    """
    script = tmp_path / "genexpr_worker.py"
    script.write_text(GENEXPR_WORKER)
    proc = subprocess.run(
        [PYTHONS[version], script.name], cwd=tmp_path, capture_output=True, text=True, timeout=50
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["45", "65", "NameError name 'LIMIT' is not defined"], proc.stdout


def _run(
    version: tuple[int, int, int],
    folder: Path,
    source: str,
    *args: str,
    flags: tuple[str, ...] = (),
    timeout: float = 100,
):
    script = folder / "script.py"
    script.write_text(textwrap.dedent(source))
    return subprocess.run(
        [PYTHONS[version], *flags, "script.py", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


PRELOAD = """
import multiprocessing, os, sys
TOP_LEVEL_RAN_IN = os.getpid()
def where(_):
    return os.getpid(), TOP_LEVEL_RAN_IN
if __name__ == "__main__":
    ctx = multiprocessing.get_context("forkserver")
    if sys.argv[1] != "default":
        ctx.set_forkserver_preload(sys.argv[1].split(","))
    with ctx.Pool(2) as pool:
        seen = pool.map(where, range(4), chunksize=1)
        pool.close()
        pool.join()
    print("each worker" if all(w == t for w, t in seen) else "server")
"""


@pytest.mark.once
@pytest.mark.timeout(120)
@pytest.mark.parametrize("preload", ["default", "json", "__main__,json"])
@pytest.mark.parametrize("version", list(PYTHONS), ids=IDS)
def test_set_forkserver_preload_replaces_the_list(
    version: tuple[int, int, int], preload: str, tmp_path: Path
) -> None:
    """start-methods.md#pitfalls: the list replaces ["__main__"]; ["json"] turns the preload off."""
    proc = _run(version, tmp_path, PRELOAD, preload)
    assert proc.returncode == 0, proc.stderr
    main_kept = preload != "json"
    expected = "server" if main_kept and main_preloaded_by_forkserver(version) else "each worker"
    assert proc.stdout.strip() == expected, proc.stdout


UNGUARDED = """
import multiprocessing
def square(x):
    return x * x
with multiprocessing.get_context("forkserver").Pool(2) as pool:  # no entry-point guard
    print(pool.map(square, range(3)))
"""


@pytest.mark.once
@pytest.mark.timeout(90)
@pytest.mark.parametrize(
    "version", [v for v in PYTHONS if main_preloaded_by_forkserver(v)], ids=lambda v: ".".join(map(str, v))
)
def test_unguarded_script_kills_the_fork_server(version: tuple[int, int, int], tmp_path: Path) -> None:
    """start-methods.md#main-guard: 3.13.8+/3.14.1+, the server raises, the program gets a reset.

    (Before those versions every worker raises instead and a Pool keeps replacing them: a loop
    with no end, so not run here.)
    """
    proc = _run(version, tmp_path, UNGUARDED, timeout=60)
    assert proc.returncode != 0, proc.stdout
    assert "An attempt has been made to start a new process before" in proc.stderr, proc.stderr
    assert "in connect_to_new_process" in proc.stderr, proc.stderr
    assert proc.stderr.rstrip().endswith("ConnectionResetError: [Errno 104] Connection reset by peer"), (
        proc.stderr
    )


MODULE_LEVEL_LOCK = """
import multiprocessing, sys
LOCK = multiprocessing.Lock()  # made again by every worker that imports this script
def identity(x):
    return x
if __name__ == "__main__":
    method, preload = sys.argv[1:]
    multiprocessing.set_start_method(method, force=True)  # the workers' default: named semaphores
    ctx = multiprocessing.get_context(method)
    if preload == "off":
        ctx.set_forkserver_preload([])
    with ctx.Pool(2) as pool:
        pool.map(identity, range(4))
        pool.close()
        pool.join()
    print("done")
"""
LEAK = "resource_tracker: There appear to be 2 leaked semaphore objects"


def _lock_cases() -> list[tuple[tuple[int, int, int], str, str]]:
    cases = []
    for v in PYTHONS:
        cases += [(v, "spawn", "default"), (v, "forkserver", "default")]
        if main_preloaded_by_forkserver(v):
            cases.append((v, "forkserver", "off"))
    return cases


@pytest.mark.once
@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    ("version", "method", "preload"),
    _lock_cases(),
    ids=lambda x: ".".join(map(str, x)) if isinstance(x, tuple) else x,
)
def test_forkserver_workers_leak_a_lock_made_while_importing_the_script(
    version: tuple[int, int, int], method: str, preload: str, tmp_path: Path
) -> None:
    """locks.md#global-lock: the leak the lazily made lock avoids, exactly when it happens.

    A forkserver worker that imports the script makes the lock, then clears its finalizers: one
    leaked semaphore per worker. Not under spawn (SpawnProcess skips that clearing), and not
    when the fork server imported the script once (3.13.8+, 3.14.1+) unless the preload is off.
    """
    proc = _run(version, tmp_path, MODULE_LEVEL_LOCK, method, preload)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "done"
    workers_import = method == "forkserver" and (
        preload == "off" or not main_preloaded_by_forkserver(version)
    )
    assert (LEAK in proc.stderr) == workers_import, proc.stderr


def max_tasks_hang_known(v: tuple[int, int, int]) -> bool | None:
    """gh-115634: fixed in 3.14.7 (NEWS of 3.14.10); in 3.13, from the first release after 2026-07-03."""
    if v >= (3, 14, 7):
        return False
    if v <= (3, 13, 0) or v >= (3, 14, 0):  # every 3.11 and 3.12, 3.13.0, 3.14.0-3.14.6
        return True
    return None  # a 3.13.x we cannot place without its changelog


MAX_TASKS = """
import os, sys
from concurrent.futures import ProcessPoolExecutor, wait
if __name__ == "__main__":
    executor = ProcessPoolExecutor(1, max_tasks_per_child=2)  # spawn, as with every max_tasks_per_child
    futures = [executor.submit(os.getpid) for _ in range(10)]  # queued before any finishes
    done, _ = wait(futures, timeout=float(sys.argv[1]))
    print(len(done), len({f.result() for f in done}), flush=True)
    # A hung executor would block a normal exit: kill its workers (an idle one too, which would hold the
    # output pipe open), then leave without shutdown; the resource tracker sees them gone and exits.
    for worker in list(executor._processes.values()):
        worker.kill()
        worker.join()
    os._exit(0)
"""


@pytest.mark.once
@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "version",
    [v for v in PYTHONS if max_tasks_hang_known(v) is not None],
    ids=lambda v: ".".join(map(str, v)),
)
def test_max_tasks_per_child_above_one(version: tuple[int, int, int], tmp_path: Path) -> None:
    """sharing-data.md#pitfalls: the executor stops replacing workers (gh-115634) before 3.14.7."""
    hangs = max_tasks_hang_known(version)
    proc = _run(version, tmp_path, MAX_TASKS, "5" if hangs else "60", timeout=90)
    assert proc.returncode == 0, proc.stderr
    done, workers = map(int, proc.stdout.split())
    if hangs:
        assert done < 10, proc.stdout
    else:
        assert (done, workers) == (10, 5), proc.stdout


FORK_WITH_THREAD = """
import multiprocessing, threading
if __name__ == "__main__":
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    proc = multiprocessing.get_context("fork").Process(target=print, args=("child",))
    proc.start()
    proc.join()
    stop.set()
    thread.join()
"""
FORK_WARNING = "use of fork() may lead to deadlocks in the child"


@on_every_python
def test_fork_with_threads_warning_is_new_in_3_12_and_hidden_by_default(
    version: tuple[int, int, int], tmp_path: Path
) -> None:
    """start-methods.md#fork-with-threads: the DeprecationWarning is new in 3.12. When multiprocessing
    forks, it is attributed to multiprocessing/popen_fork.py, so only -W default or -X dev shows it."""
    for flags, shown in [((), False), (("-W", "default"), True), (("-X", "dev"), True)]:
        proc = _run(version, tmp_path, FORK_WITH_THREAD, flags=("-I", *flags), timeout=30)
        assert proc.returncode == 0, proc.stderr
        assert (FORK_WARNING in proc.stderr) == (shown and version >= (3, 12)), (flags, proc.stderr)
        if FORK_WARNING in proc.stderr:  # multiprocessing's own code, not __main__
            assert "multiprocessing/popen_fork.py" in proc.stderr, proc.stderr


POOL_FORKS = """
import multiprocessing, sys
def square(x):
    return x * x
if __name__ == "__main__":
    how, method = sys.argv[1:]
    ctx = multiprocessing.get_context(method)
    if how == "second pool":  # created while the first pool (and its threads) is alive
        with ctx.Pool(1) as first, ctx.Pool(1) as second:
            print(first.map(square, range(3)), second.map(square, range(3)))
    else:  # "recycled": each task in a new worker, started by the pool's own thread
        with ctx.Pool(1, maxtasksperchild=1 if how == "recycled" else None) as pool:
            print(pool.map(square, range(3), chunksize=1))
"""


@on_every_python
def test_a_fork_pool_forks_from_its_own_threads(version: tuple[int, int, int], tmp_path: Path) -> None:
    """start-methods.md#fork-with-threads, sharing-data.md: under fork, a Pool's first workers are forked
    before its threads start; replacements (maxtasksperchild) and a second pool's workers are forked
    while threads run, which 3.12+ warns about. spawn never forks."""
    cases = [("first workers", "fork", False), ("recycled", "fork", True), ("second pool", "fork", True)]
    cases += [("recycled", "spawn", False), ("second pool", "spawn", False)]
    for how, method, warns in cases:
        proc = _run(version, tmp_path, POOL_FORKS, how, method, flags=("-I", "-W", "default"), timeout=50)
        assert proc.returncode == 0, proc.stderr
        assert (FORK_WARNING in proc.stderr) == (warns and version >= (3, 12)), (how, method, proc.stderr)


POOL_SIZE = """
import os
if hasattr(os, "sched_setaffinity"):  # one usable CPU: process_cpu_count() then differs from cpu_count()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
try:
    from concurrent.futures import InterpreterPoolExecutor
except ImportError:
    print("no InterpreterPoolExecutor")
else:
    with InterpreterPoolExecutor() as pool:
        print(pool._max_workers == min(32, (os.process_cpu_count() or 1) + 4))
"""


@on_every_python
def test_interpreter_pool_is_new_in_3_14_and_sized_like_a_thread_pool(
    version: tuple[int, int, int], tmp_path: Path
) -> None:
    """subinterpreters.md: InterpreterPoolExecutor (3.14+) defaults to min(32, process_cpu_count() + 4)."""
    proc = _run(version, tmp_path, POOL_SIZE, timeout=50)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ("True" if version >= (3, 14) else "no InterpreterPoolExecutor")
