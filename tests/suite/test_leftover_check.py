"""The leftover-process check itself: a test that leaves a child running must fail."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.once  # does not depend on the start method

ROOT = Path(__file__).resolve().parents[2]


def test_a_test_that_leaves_a_child_behind_fails(pytester: pytest.Pytester, monkeypatch) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest("from tests.support.processes import no_leftover_processes  # noqa: F401\n")
    pytester.makepyfile(
        """
        import subprocess, sys

        def test_leaks():
            subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])

        def test_cleans_up():
            p = subprocess.Popen([sys.executable, "-c", "pass"])
            p.wait()
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(["*test left child processes behind*time.sleep(60)*"])
