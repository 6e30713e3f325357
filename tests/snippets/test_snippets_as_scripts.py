"""Every snippet runs as a script, alone, under the suite's start method, and leaves nothing behind.

"Alone" as a reader gets it: the file is copied by itself into an empty folder and run from there by
an isolated interpreter (`-I`: no PYTHONPATH, no user site-packages, not the project's folder), so it
can import only the standard library and what requirements.txt installs, not another snippet nor
`timings`, `tests` or `hooks`. In development mode (`-X dev`), which shows the warnings the default
filters hide: no snippet may print a ResourceWarning, a resource-tracker leak report or the
fork-with-threads DeprecationWarning (3.12+), unless its page is about that warning.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from tests.support import processes

ROOT = Path(__file__).resolve().parents[2]
K = TypeVar("K")
SNIPPETS = sorted(p for p in (ROOT / "snippets").glob("*.py") if p.name != "__init__.py")
LEAK_WARNING = "resource_tracker: There appear to be"  # multiprocessing cleaning up after a leak
FORK_WITH_THREADS = "use of fork() may lead to deadlocks in the child"  # DeprecationWarning, 3.12+
# Snippets that fork while their own threads run, and whose page explains that warning.
WARNS_ON_PURPOSE = {
    "fork_with_threads.py": "start-methods.md#fork-with-threads",  # the lesson itself
    "crawl_site.py": "crawler.md#other-pythons",  # forks while its in-process server runs
}
# A fork right after a pool was closed may warn although only the main thread is left: its threads
# were joined but the kernel still lists one (start-methods.md#fork-with-threads explains it). Any
# snippet that starts one pool after another can show it. On an idle machine a join was followed by
# a listed thread 14-15 times in 2,000 on 3.12.1 (621 under load), 3-5 in 10,000 on 3.13.0 and
# 3.14.10: join() waits for the OS thread from 3.13 (gh-110829), and the kernel counts it a moment longer.
ONLY_MAIN_ALIVE = "[run_as_main] Python threads alive at that fork: ['MainThread']"


@dataclass
class Run:
    returncode: int
    out: str
    err: str
    left: list[processes.Proc]


def run_alone(path: Path, folder: Path) -> Run:
    """Copy `path` alone into `folder` and run it there as a script."""
    copy = Path(shutil.copy(path, folder / path.name))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    proc = subprocess.Popen(
        [sys.executable, "-I", "-X", "dev", str(ROOT / "tests" / "support" / "run_as_main.py"), str(copy)],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: whatever it starts can be found afterwards
    )
    try:
        out, err = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, 9)
            proc.wait()
    left = processes.wait_until_gone(lambda: processes.group(proc.pid))
    processes.kill(left)
    return Run(proc.returncode, out, err, left)


def run_two_at_a_time(jobs: dict[K, tuple[Path, Path]]) -> dict[K, Run]:
    """`run_alone(script, folder)` for each job, two at a time (the machine has two cores). The folders
    must exist: pytest creates its base temporary folder on first use without a lock, and two threads
    asking for folders at once each made one (a ValueError, seen in a 3.13 run)."""
    with ThreadPoolExecutor(2) as pool:
        return dict(zip(jobs, pool.map(lambda job: run_alone(*job), jobs.values()), strict=True))


@pytest.mark.timeout(300)  # the first test waits for all the runs
@pytest.mark.parametrize("path", SNIPPETS, ids=[p.name for p in SNIPPETS])
def test_snippet_runs_as_script(path: Path, runs: dict[str, Run]) -> None:
    run = runs[path.name]
    assert run.returncode == 0, f"{path.name} exited with {run.returncode}\n{run.err}"
    assert run.out.strip(), f"{path.name} printed nothing: its demo should show what it did"
    assert "Traceback" not in run.err, run.err
    assert LEAK_WARNING not in run.err, f"{path.name} leaked shared memory or semaphores:\n{run.err}"
    assert "ResourceWarning" not in run.err, f"{path.name} left a resource open:\n{run.err}"
    if path.name not in WARNS_ON_PURPOSE:
        forks = run.err.count(FORK_WITH_THREADS)
        lag = run.err.count(ONLY_MAIN_ALIVE)  # not a live thread: a joined one still exiting
        assert forks == lag, f"{path.name} forked a process running threads:\n{run.err}"
    assert not run.left, f"{path.name} left processes behind: {run.left}"


@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    "path", [ROOT / "snippets" / "global_lock_pitfall.py"], ids=["global_lock_pitfall.py"]
)
def test_global_lock_pitfall_shows_no_exclusion(path: Path, runs: dict[str, Run]) -> None:
    """The lesson, on every version: only a fork worker finds the parent's lock held."""
    lines = [line for line in runs[path.name].out.splitlines() if ":" in line]
    seen = {}
    for line in lines:
        method, rest = line.split(":", 1)
        held = rest.split("held:", 1)[1].split(";", 1)[0].strip()
        counted, total = rest.split("counted ", 1)[1].split(" (", 1)[0].split(" of ")
        seen[method.strip()] = held == "True"
        if method.strip() == "fork":  # one shared lock: no update lost
            assert counted == total, line
    # The standard methods only: this process may have more (joblib registers loky's on 3.14).
    methods = [m for m in ("fork", "spawn", "forkserver") if m in multiprocessing.get_all_start_methods()]
    assert seen == {m: m == "fork" for m in methods}, lines


@pytest.mark.once
@pytest.mark.parametrize(
    "source",
    [
        "import hash_files\nprint(hash_files)\n",  # another snippet, although it sits beside this one
        "from snippets import hash_files\nprint(hash_files)\n",
        "import timings\nprint(timings)\n",
        "import tests\nprint(tests)\n",
    ],
    ids=["sibling-snippet", "snippets-package", "timings", "tests"],
)
def test_a_snippet_cannot_lean_on_the_project(tmp_path: Path, source: str) -> None:
    beside = tmp_path / "snippets"
    beside.mkdir()
    shutil.copy(ROOT / "snippets" / "hash_files.py", beside)  # the situation in the repository
    (beside / "leaning.py").write_text(source)
    (tmp_path / "alone").mkdir()
    run = run_alone(beside / "leaning.py", tmp_path / "alone")
    assert run.returncode != 0 and "ModuleNotFoundError" in run.err, run.out + run.err


@pytest.mark.once
@pytest.mark.parametrize(("snippet", "where"), sorted(WARNS_ON_PURPOSE.items()))
def test_a_snippet_that_may_warn_has_a_page_that_says_why(snippet: str, where: str) -> None:
    page, anchor = where.split("#")
    for lang in ("en", "zh"):
        text = (ROOT / "docs" / lang / page).read_text(encoding="utf-8")
        assert f"{{ #{anchor} }}" in text, f"{lang}/{page} has no section #{anchor}"
        section = text.split(f"{{ #{anchor} }}", 1)[1].split("\n## ", 1)[0]
        assert "DeprecationWarning" in section, f"{lang}/{page}#{anchor} does not explain the warning"
