"""Every snippet runs as a script, alone, under the suite's start method, and leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import processes

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = sorted(p for p in (ROOT / "snippets").glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.name for p in SNIPPETS])
def test_snippet_runs_as_script(path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # a reader's copy has no project
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "run_as_main.py"), str(path)],
        cwd=ROOT,
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
    assert proc.returncode == 0, f"{path.name} exited with {proc.returncode}\n{err}"
    assert out.strip(), f"{path.name} printed nothing: its demo should show what it did"
    assert "Traceback" not in err, err
    assert not left, f"{path.name} left processes behind: {left}"
