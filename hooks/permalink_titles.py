"""MkDocs hook: the ¶ link after each heading says "Permanent link" in the page's language.

The toc extension writes one tooltip for the whole site (`permalink_title`, "Permanent link" by
default), and mkdocs-static-i18n cannot set Markdown extensions per language. This hook rewrites
the tooltip of the headings' own links (`<a class="headerlink" …>`) on the pages of a language
that has a translation, after Markdown has rendered the page. Notebook pages have no such tooltip.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

DEFAULT = "Permanent link"  # toc's `permalink_title` when mkdocs.yml does not set one
TITLES = {"zh": "永久链接"}
HEADERLINK = re.compile(r'(<a class="headerlink" href="[^"]*" title=")' + re.escape(DEFAULT) + '"')


def localize(html: str, lang: str) -> str:
    """`html` with the tooltip of its heading links in `lang` (unchanged for a language without one)."""
    title = TITLES.get(lang)
    return html if title is None else HEADERLINK.sub(lambda m: f'{m[1]}{title}"', html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    return localize(html, page.file.src_uri.split("/", 1)[0])
