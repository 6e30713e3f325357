"""ruff (lint and format) passes on the Python code: snippets, the timing engine, hooks, tests.

The configuration is the project's (pyproject.toml; snippets/ruff.toml narrows snippet lines to 88
characters). docs/ is excluded on purpose: ruff would rewrite the `--8<--` include lines.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("snippets", "timings", "hooks", "tests")


def ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_ruff_lint_passes() -> None:
    result = ruff("check", ".")
    assert result.returncode == 0, f"`ruff check .` found problems (`ruff check --fix .`):\n{result.stdout}"


def test_ruff_format_passes() -> None:
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, f"run `ruff format .`:\n{result.stdout}"


def test_ruff_reads_every_code_folder() -> None:
    files = ruff("check", "--show-files", ".").stdout
    for folder in FOLDERS:
        assert f"/{folder}/" in files, (
            f"ruff does not look at {folder}/: check the excludes in pyproject.toml"
        )
    assert "/docs/" not in files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project with this project's ruff configuration."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "snippets").mkdir()
    shutil.copy(ROOT / "snippets" / "ruff.toml", tmp_path / "snippets")
    return tmp_path


BROKEN = """import os
import sys
def report(values):
    print( "values:",values)
"""
LONG_LINE = 'MESSAGE = "' + "x" * 85 + '"\n'  # 97 characters: fine in the engine, too long for a snippet


def test_broken_code_fails_lint_and_format(project: Path) -> None:
    (project / "snippets" / "broken.py").write_text(BROKEN)
    lint = ruff("check", ".", cwd=project)
    assert lint.returncode != 0 and "F401" in lint.stdout and "I001" in lint.stdout, lint.stdout
    assert ruff("format", "--check", ".", cwd=project).returncode != 0


def test_snippet_lines_are_shorter_than_elsewhere(project: Path) -> None:
    (project / "snippets" / "long.py").write_text(LONG_LINE)
    (project / "engine.py").write_text(LONG_LINE)
    lint = ruff("check", ".", cwd=project)
    assert "snippets/long.py" in lint.stdout and "E501" in lint.stdout, lint.stdout
    assert "engine.py" not in lint.stdout.replace("snippets/long.py", "")
