"""The end-of-run check itself: a run that leaves things behind fails and names each of them."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.once  # does not depend on the start method

ROOT = Path(__file__).resolve().parents[2]

LEAKY = """
import socket, subprocess, sys, tempfile
from multiprocessing import shared_memory

kept = []

def test_leaves_an_orphan_process():
    # the middle process exits at once: its sleeping child is adopted by init, no longer pytest's
    code = (
        "import subprocess, sys; "
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'], "
        "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(p.pid)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    open({pid_file!r}, "w").write(out.strip())

def test_leaves_a_temporary_directory():
    tempfile.mkdtemp(prefix="leaky-dir-")

def test_leaves_a_listening_socket():
    kept.append(socket.create_server(("127.0.0.1", 0)))

def test_leaves_shared_memory():
    segment = shared_memory.SharedMemory(create=True, size=64)
    segment.close()  # closed but never unlinked
"""

CLEAN = """
import socket, subprocess, sys, tempfile
from multiprocessing import shared_memory

def test_cleans_up_everything():
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    with tempfile.TemporaryDirectory():
        pass
    with socket.create_server(("127.0.0.1", 0)):
        pass
    segment = shared_memory.SharedMemory(create=True, size=64)
    segment.close()
    segment.unlink()
"""


def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, source: str) -> pytest.RunResult:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest('pytest_plugins = ["tests.support.leftovers"]\n')
    pytester.makepyfile(source)
    return pytester.runpytest_subprocess("-p", "no:cacheprovider")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return not Path(f"/proc/{pid}/stat").is_file() or Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_a_run_that_leaves_things_behind_fails(pytester: pytest.Pytester, monkeypatch, tmp_path) -> None:
    pid_file = tmp_path / "orphan.pid"
    result = run(pytester, monkeypatch, LEAKY.format(pid_file=str(pid_file)))
    result.assert_outcomes(passed=4)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    expected = ["*left behind by the test run*", "*temporary directory leaky-dir-*"]
    expected.append("*listening socket 127.0.0.1:* in process*")
    if sys.platform == "linux":
        expected.append(f"*process {pid_file.read_text()} (killed)*time.sleep(60)*")
        expected.append("*shared-memory segment /dev/shm/psm_*")  # its resource tracker removes it
    for line in expected:
        result.stdout.fnmatch_lines([line])  # each one in turn: the order of the report is not the point
    assert not alive(int(pid_file.read_text())), "the check must also end the process it reports"


def test_a_clean_run_passes(pytester: pytest.Pytester, monkeypatch) -> None:
    result = run(pytester, monkeypatch, CLEAN)
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.no_fnmatch_line("*left behind*")
