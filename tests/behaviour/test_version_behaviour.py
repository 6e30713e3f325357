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
        if len(out) == 3 and "t" not in out[3:]:
            by_version.setdefault((int(out[0]), int(out[1]), int(out[2])), python)
    return by_version


PYTHONS = _interpreters()
IDS = [".".join(map(str, v)) for v in PYTHONS]


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
def test_the_interpreters_of_the_project_are_here() -> None:
    """Not a skip in disguise: say which versions the tests above covered."""
    assert PYTHONS, "no CPython 3.11-3.14 found"
    print("covered:", ", ".join(IDS))


GENEXPR_WORKER = """
from concurrent.futures import InterpreterPoolExecutor
LIMIT = 10
def in_genexpr(n):
    return sum(i for i in range(n) if i < LIMIT)  # the global is used only in the genexpr
def in_loop(n):
    total = 0
    for i in range(n):
        if i < LIMIT:
            total += i
    return total
if __name__ == "__main__":
    with InterpreterPoolExecutor(1) as pool:
        print(pool.submit(in_loop, 20).result())
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
    """subinterpreters.md: on 3.14 (3.14.10 here) such a worker is sent as "stateless" and fails."""
    script = tmp_path / "genexpr_worker.py"
    script.write_text(GENEXPR_WORKER)
    proc = subprocess.run(
        [PYTHONS[version], script.name], cwd=tmp_path, capture_output=True, text=True, timeout=50
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["45", "NameError name 'LIMIT' is not defined"], proc.stdout
