"""Bad input fails the MkDocs build with a message naming the file or the timing id."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.once  # does not depend on the start method

ROOT = Path(__file__).resolve().parents[2]


def build(tmp_path: Path, page: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"""site_name: test
strict: true
hooks: [{ROOT / "hooks" / "timings.py"}]
markdown_extensions:
  - pymdownx.snippets:
      base_path: {ROOT / "snippets"}
      check_paths: true
""",
        encoding="utf-8",
    )
    env = {**os.environ, "TIMINGS_CACHE_DIR": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("<!-- timing: no_such_table -->\n", "unknown timing id 'no_such_table'"),
        ('```python\n--8<-- "no_such_snippet.py"\n```\n', "no_such_snippet.py"),
        ('```python\n--8<-- "hash_files.py:no_such_section"\n```\n', "no_such_section"),
    ],
)
def test_bad_input_fails_the_build(tmp_path: Path, page: str, message: str) -> None:
    result = build(tmp_path, page)
    assert result.returncode != 0
    assert message in result.stderr + result.stdout
