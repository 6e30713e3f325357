"""MkDocs hook: the language switcher of the home pages links relatively, like every other page's.

mkdocs-static-i18n points the switcher (and `<link rel="alternate">`) of each page at the same page
in the other language, relative to the site, except on the home pages: there it keeps the language's
home as an absolute path built from `site_url` (`/parallel-python-measured/zh/`), which is a 404
wherever the site is served from another path (a custom domain, a fork's Pages address, a local
`python -m http.server`). This hook gives the home pages site-relative links too; the theme's `url`
filter then makes them relative to the page. The 404 pages keep absolute links on purpose: they are
served at any address (hooks/localized_404.py).
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict:
    i18n = config.plugins.get("i18n")
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    if i18n is None or not alternates:
        return context
    files = getattr(page.file, "alternates", None) or {}
    fixed = []
    for alt in alternates:
        link = alt.get("link", "")
        if link.startswith("/"):  # absolute: only the home pages' links are left so by the plugin
            lang = alt.get("lang")
            if lang in files:
                link = files[lang].url or "./"
            else:
                link = i18n.get_language_config(lang).link.lstrip("/") or "./"
        fixed.append({**alt, "link": link})
    # The i18n plugin sets `config.extra.alternate` as an attribute, which templates read first.
    config.extra["alternate"] = config.extra.alternate = fixed
    return context
