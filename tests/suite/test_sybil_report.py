"""A doctest failing with a one-entry traceback is reported as a failure (tests/support/sybil_report.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.once  # does not depend on the start method

ROOT = Path(__file__).resolve().parents[2]

# Two objects whose __del__ raises: pytest turns the two unraisable exceptions into one
# ExceptionGroup of warnings, each with a one-entry traceback. That is how a 3.13 run under spawn
# ended in an INTERNALERROR instead of naming the failing doctest.
SNIPPET = '''
"""
>>> two_bad_deletes()
"""


class Bad:
    def __del__(self):
        raise ValueError("raised in __del__")


def two_bad_deletes():
    Bad()
    Bad()
'''

CONFTEST = """
from sybil import Sybil
from sybil.parsers.rest import DocTestParser
{install}
pytest_collect_file = Sybil(parsers=[DocTestParser()], patterns=["*.py"]).pytest()
"""


def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, install: str) -> pytest.RunResult:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest(CONFTEST.format(install=install))
    pytester.makepyfile(bad_deletes=SNIPPET)
    pytester.makeini("[pytest]\nfilterwarnings = error::pytest.PytestUnraisableExceptionWarning\n")
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "bad_deletes.py")


def test_the_failing_example_is_named(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(pytester, monkeypatch, "from tests.support import sybil_report; sybil_report.install()")
    result.assert_outcomes(failed=1)
    assert "INTERNALERROR" not in result.stdout.str()
    result.stdout.fnmatch_lines(
        [
            "*multiple unraisable exception warnings*",
            "*ValueError: raised in __del__*",
            "FAILED bad_deletes.py*",
        ]
    )


def test_sybil_alone_still_crashes_the_run(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When this fails, a sybil release has fixed simplistix/sybil#118: drop tests/support/sybil_report.py."""
    result = run(pytester, monkeypatch, "")
    assert "INTERNALERROR" in result.stdout.str() + result.stderr.str()
    result.stdout.fnmatch_lines(["*tb_entry = tb[[]1[]]*", "*IndexError*"])
