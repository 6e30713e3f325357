"""MkDocs hook: one 404 page per language (404.html in English, zh/404.html in Chinese).

mkdocs-static-i18n builds the site once per language into the same folder, so each language's
404.html overwrites the previous one and the last language built wins. This hook keeps the default
language's page at the root and writes every other language's page into that language's folder. It
also gives the 404 template each language's home address (`language_homes`, `home`) and points the
language switcher of the 404 pages there: the i18n plugin leaves it pointing at whichever page it
rendered last.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

_default_page: dict[str, str] = {}  # site_dir -> the default language's 404 page of this build


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict:
    i18n = config.plugins.get("i18n")
    if template_name == "404.html" and i18n is not None:
        base = urlsplit(config.site_url or "/").path.rstrip("/")
        homes = {lang: base + i18n.get_language_config(lang).link for lang in i18n.build_languages}
        context["language_homes"] = homes
        context["home"] = homes[i18n.current_language]
        # The language switcher of a 404 page leads to each language's home page. The i18n plugin sets
        # `config.extra.alternate` as an attribute, which templates read before the key: set both.
        alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
        fixed = [{**alt, "link": homes.get(alt.get("lang"), alt["link"])} for alt in alternates]
        config.extra["alternate"] = config.extra.alternate = fixed
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    i18n = config.plugins.get("i18n")
    if template_name != "404.html" or i18n is None:
        return output
    lang, default = i18n.current_language, i18n.default_language
    if lang == default:  # always built first
        _default_page[config.site_dir] = output
        return output
    target = Path(config.site_dir, lang, "404.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return _default_page.get(config.site_dir, output)  # what MkDocs writes to the root 404.html
