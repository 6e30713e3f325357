"""mkdocs.yml's `validation:` settings make `mkdocs build --strict` fail on a broken link or anchor."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.site_build import ROOT, SITE_TIMEOUT, build_tmp, config

pytestmark = pytest.mark.once

PAGES = {
    "index.md": "# Home\n\nSee [the guide](guide.md).\n",
    "guide.md": "# Guide\n\n## Pitfalls { #pitfalls }\n\nBack [home](index.md).\n",
}


def build(tmp_path: Path, pages: dict[str, str], validation: dict | None) -> subprocess.CompletedProcess[str]:
    """A small site with the project's own validation settings (or none), built with --strict."""
    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    settings = {
        "site_name": "test",
        "strict": True,
        "nav": ["index.md", "guide.md"],
        "markdown_extensions": ["attr_list", "toc"],
        **({"validation": validation} if validation is not None else {}),
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=60,
    )


def test_the_project_sets_validation() -> None:
    assert config()["strict"] is True
    assert config()["validation"], "mkdocs.yml has no `validation:` settings"


def test_good_links_build(tmp_path: Path) -> None:
    result = build(
        tmp_path, {**PAGES, "index.md": "# Home\n\n[Pitfalls](guide.md#pitfalls)\n"}, config()["validation"]
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("# Home\n\n[gone](missing.md)\n", "link 'missing.md', but the target is not found"),
        ("# Home\n\n[gone](guide.md#no-such-anchor)\n", "'guide.md#no-such-anchor'"),
        ("# Home\n\n[gone](#nowhere)\n", "'#nowhere'"),
        ("# Home\n\n[gone](/guide/)\n", "absolute link '/guide/'"),
    ],
    ids=["missing-page", "missing-anchor", "missing-anchor-on-the-page", "absolute-link"],
)
def test_a_broken_link_fails_the_strict_build(tmp_path: Path, page: str, message: str) -> None:
    result = build(tmp_path, {**PAGES, "index.md": page}, config()["validation"])
    assert result.returncode != 0, "the strict build passed despite a broken link"
    assert message in result.stderr


def test_a_page_missing_from_the_nav_fails_the_strict_build(tmp_path: Path) -> None:
    result = build(tmp_path, {**PAGES, "orphan.md": "# Orphan\n"}, config()["validation"])
    assert result.returncode != 0
    assert "orphan.md" in result.stderr


def test_without_these_settings_a_broken_anchor_would_pass(tmp_path: Path) -> None:
    """Why the settings are there: MkDocs' default only logs a broken anchor at INFO level."""
    result = build(tmp_path, {**PAGES, "index.md": "# Home\n\n[gone](guide.md#no-such-anchor)\n"}, None)
    assert result.returncode == 0, result.stderr


@pytest.mark.timeout(SITE_TIMEOUT)
def test_the_real_site_fails_on_a_broken_anchor_in_a_chinese_page(tmp_path: Path) -> None:
    """The same settings through the i18n plugin: a copy of the project, one anchor broken in zh/."""
    for name in ("docs", "hooks", "overrides", "snippets", "timings"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (ROOT / ".cache").mkdir(exist_ok=True)
    (tmp_path / ".cache").symlink_to(ROOT / ".cache")  # executed notebooks and timings: reused, not redone
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    link = re.compile(r"\]\(([\w./-]+\.md)\)")  # a link to another page, without an anchor
    page = next(p for p in sorted((tmp_path / "docs" / "zh").rglob("*.md")) if link.search(p.read_text()))
    text = page.read_text(encoding="utf-8")
    target = link.search(text).group(1)
    page.write_text(link.sub(r"](\1#no-such-anchor)", text, count=1), encoding="utf-8")
    with build_tmp() as scratch:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={
                **os.environ,
                "NO_MKDOCS_2_WARNING": "1",
                "TIMINGS_CACHE_DIR": str(ROOT / ".cache" / "timings"),
                "TMPDIR": scratch,
            },
            timeout=SITE_TIMEOUT - 30,
        )
    assert result.returncode != 0
    source = page.relative_to(tmp_path / "docs").as_posix()
    assert f"'{source}' contains a link '{target}#no-such-anchor'" in result.stderr, result.stderr
