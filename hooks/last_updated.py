"""MkDocs hook: each page says when its source last changed, from the repository's history.

Material prints `page.meta.revision_date` under the page ("Last update" / "最后更新"). The date is
the committer date (`%cs`, YYYY-MM-DD) of the last commit that touched the page's file, as
`git log -1 --format=%cs -- FILE` reports it; one `git log` over `docs/` per build reads them all. A
page that is not committed yet, or a checkout without history (a tarball), gets no date rather than
a wrong one. A clean clone in CI has the full history (`fetch-depth: 0` in the workflows).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

_dates: dict[str, dict[Path, str]] = {}  # docs_dir -> {file: date}, read once per build


def last_commit_dates(docs_dir: Path) -> dict[Path, str]:
    """{absolute file path: date of the last commit that changed it} for every file under docs_dir."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=docs_dir, capture_output=True, text=True, check=True
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "."],
            cwd=docs_dir,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}  # no git, or not a repository: no dates
    dates: dict[Path, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("\0"):
            date = line[1:]
        elif line.strip():
            dates.setdefault((Path(top) / line).resolve(), date)  # newest first: keep the first
    return dates


def on_pre_build(config: MkDocsConfig) -> None:
    _dates.pop(config.docs_dir, None)  # `mkdocs serve` rebuilds: read the history again


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    # on_page_content, not on_page_markdown: mkdocs-jupyter renders notebooks without the latter
    if config.docs_dir not in _dates:
        _dates[config.docs_dir] = last_commit_dates(Path(config.docs_dir))
    date = _dates[config.docs_dir].get(Path(page.file.abs_src_path).resolve())
    if date:
        page.meta["revision_date"] = date
    return html
