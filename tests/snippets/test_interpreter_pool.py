"""The subinterpreter snippet: a clear one-line message before Python 3.14, the real result on 3.14+.

It runs under this interpreter and under every interpreter listed in TIMINGS_PYTHONS that exists
here, e.g. `TIMINGS_PYTHONS=/path/to/python3.14 pytest tests/snippets/test_interpreter_pool.py`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from timings import interpreters

SNIPPET = Path(__file__).resolve().parents[2] / "snippets" / "interpreter_pool.py"
PROBE = "import platform, sys; print(sys.version_info >= (3, 14), platform.python_version())"


@pytest.mark.timeout(60)
@pytest.mark.parametrize("python", interpreters.selected())
def test_message_before_3_14_real_result_from_3_14(python: str) -> None:
    recent, version = subprocess.run(
        [python, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout.split()
    proc = subprocess.run(
        [python, SNIPPET.name], cwd=SNIPPET.parent, capture_output=True, text=True, timeout=50
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    if recent == "True":
        assert proc.stdout.splitlines() == [
            "primes below 100,000: 9592 (2 interpreters)",
            "sum computed in a new interpreter: 10",
        ]
    else:
        expected = f"Subinterpreters need Python 3.14 or newer; this is Python {version}."
        assert proc.stdout.splitlines() == [expected]
