"""A warm build reuses highlighting, search entries and compiled templates (hooks/build_cache.py),
and gives the same site as a build from nothing; an edited page is computed again, never stale."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.site_build import build_tmp

pytestmark = [pytest.mark.once, pytest.mark.timeout(120)]

ROOT = Path(__file__).resolve().parents[2]
PAGE = """# 进程池 {{ #pool }}

A process pool (进程池) maps a function over items.

```python
from multiprocessing import Pool

with Pool(2) as pool:
    print(pool.map(abs, [{value}, -2]))
```
"""


def build(project: Path) -> str:
    """Build the project verbosely; its debug log says what the cache reused."""
    with build_tmp() as scratch:
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-f", str(project / "mkdocs.yml")],
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": scratch},
            timeout=100,
        )
    assert proc.returncode == 0, proc.stderr
    return proc.stderr


def reused(log: str, memo: str) -> tuple[int, int]:
    found = re.findall(rf"build cache: {memo} (\d+) reused, (\d+) computed", log)
    assert found, f"no build-cache line for {memo} in the log:\n{log}"
    return tuple(map(int, found[-1]))  # type: ignore[return-value]


def outputs(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(PAGE.format(value=-1), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"""site_name: test
strict: true
theme: {{name: material, font: false}}
hooks: [{ROOT / "hooks" / "build_cache.py"}]
plugins:
  - search:
      lang: [en, zh]
      separator: '[\\s\\u200b\\-]+'
      jieba_dict: {ROOT / "docs" / "jieba_dict.txt"}
markdown_extensions: [attr_list, toc, pymdownx.highlight, pymdownx.superfences]
""",
        encoding="utf-8",
    )
    return tmp_path


def test_a_warm_build_reuses_everything_and_gives_the_same_site(project: Path) -> None:
    cold_log = build(project)
    cold = outputs(project)
    assert reused(cold_log, "highlight") == (0, 1)
    assert reused(cold_log, "search") == (0, 1)

    warm_log = build(project)
    assert reused(warm_log, "highlight") == (1, 0)
    assert reused(warm_log, "search") == (1, 0)
    assert "Building prefix dict" not in warm_log  # jieba's dictionary is not even loaded
    assert list((project / ".cache" / "build" / "jinja").iterdir()), "no compiled templates kept"
    assert outputs(project) == cold
    index = json.loads(cold["search/search_index.json"])
    assert any("\u200b进程池\u200b" in doc["text"] for doc in index["docs"]), index  # jieba ran


def test_an_edited_page_is_computed_again_and_old_entries_are_dropped(project: Path) -> None:
    build(project)
    (project / "docs" / "index.md").write_text(PAGE.format(value=-7), encoding="utf-8")
    log = build(project)
    assert reused(log, "highlight") == (0, 1)
    assert reused(log, "search") == (0, 1)
    page = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '<span class="o">-</span><span class="mi">7</span>' in page
    assert "-7" in (project / "site" / "search" / "search_index.json").read_text(encoding="utf-8")
    for memo in ("highlight", "search"):
        with (project / ".cache" / "build" / f"{memo}.pickle").open("rb") as f:
            assert len(pickle.load(f)) == 1, f"{memo}: the old page's entry was kept"
