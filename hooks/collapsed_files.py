"""MkDocs hook: a folded file says how long it is, counted at build time.

A page folds a whole snippet into a details box (pymdownx.details) so that the reader sees the
explanation first and opens the file on demand:

    ??? example "hash_files.py"

        ```python title="hash_files.py"
        --8<-- "hash_files.py"
        ```

The box's summary gains the file's length ("hash_files.py — 111 lines", "hash_files.py（111 行）"),
counted from snippets/ on every build, so no page carries a number that goes stale when the snippet
changes. A box whose summary names another file than the one it includes fails the build.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

SNIPPETS = Path(__file__).resolve().parent.parent / "snippets"
BOX = re.compile(r'^(\?\?\?\+? example ")([\w.]+)("\n\n[ \t]+```python[^\n]*\n[ \t]+--8<-- "([^"]+)")', re.M)
LENGTH = {"en": "{name} — {n} lines", "zh": "{name}（{n} 行）"}


def summarize(markdown: str, lang: str, where: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name, included = match[2], match[4]
        if included != name:
            raise PluginError(f"{where}: a box says {name} but includes {included}")
        n = len((SNIPPETS / name).read_text(encoding="utf-8").splitlines())
        return match[1] + LENGTH.get(lang, LENGTH["en"]).format(name=name, n=n) + match[3]

    return BOX.sub(replace, markdown)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    lang = page.file.src_uri.split("/", 1)[0]
    return summarize(markdown, lang, page.file.src_uri)
