"""Every snippet runs as a script, alone, under the suite's start method, and leaves nothing behind.

"Alone" as a reader gets it: the file is copied by itself into an empty folder and run from there by
an isolated interpreter (`-I`: no PYTHONPATH, no user site-packages, not the project's folder), so it
can import only the standard library and what requirements.txt installs, not another snippet nor
`timings`, `tests` or `hooks`.
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

import pytest

from tests.support import processes

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = sorted(p for p in (ROOT / "snippets").glob("*.py") if p.name != "__init__.py")
LEAK_WARNING = "resource_tracker: There appear to be"  # multiprocessing cleaning up after a leak


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
        [sys.executable, "-I", str(ROOT / "tests" / "support" / "run_as_main.py"), str(copy)],
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


# Snippets whose leak IS the lesson: the post's module-level lock. A worker started by spawn or
# forkserver imports the script again before multiprocessing sets up its clean-up, so the lock it
# makes there is never removed and the resource tracker warns. locks.md explains the warning.
LEAKS_ON_PURPOSE = {"global_lock_pitfall.py"}


@pytest.fixture(scope="session")
def runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """The selected snippets run two at a time (the machine has two cores), each alone in a folder."""
    selected = {item.callspec.params["path"] for item in request.session.items if "runs" in item.fixturenames}

    def one(path: Path) -> tuple[str, Run]:
        return path.name, run_alone(path, tmp_path_factory.mktemp(path.stem))

    with ThreadPoolExecutor(2) as pool:
        return dict(pool.map(one, sorted(selected)))


@pytest.mark.timeout(300)  # the first test waits for all the runs
@pytest.mark.parametrize("path", SNIPPETS, ids=[p.name for p in SNIPPETS])
def test_snippet_runs_as_script(path: Path, runs: dict[str, Run]) -> None:
    run = runs[path.name]
    assert run.returncode == 0, f"{path.name} exited with {run.returncode}\n{run.err}"
    assert run.out.strip(), f"{path.name} printed nothing: its demo should show what it did"
    assert "Traceback" not in run.err, run.err
    if path.name in LEAKS_ON_PURPOSE:
        spawned = multiprocessing.get_start_method() != "fork"  # the script's default, as here
        assert (LEAK_WARNING in run.err) == spawned, run.err
    else:
        assert LEAK_WARNING not in run.err, f"{path.name} leaked shared memory or semaphores:\n{run.err}"
    assert not run.left, f"{path.name} left processes behind: {run.left}"


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
