"""MkDocs hook: the pages of each language search only that language's entries.

mkdocs-static-i18n builds the site once per language into one folder, then stacks every language's
search entries into the one `search/search_index.json` (its `reconfigure_search` option only adds
the languages to lunr and removes entries duplicated across languages: docs "Setting up search").
Material's search loads `search/search_index.json` from the `base` address in the page's
`__config`, which for every page is the site's root; its maintainers' model of a multilingual site is
one MkDocs project per language, each in its own folder with its own index ("The easiest way to
build a multi-language documentation is to create one project in a subfolder per language":
Material, "Changing the language"). This hook gives the built site that shape, for search only:

- After the last language's pass, the stacked index is split by language: the default language's
  entries stay in `search/search_index.json`, another language's go to
  `<lang>/search/search_index.json`, their locations relative to `<lang>/`, as a project built in
  that folder would have them. The search configuration (languages, separator, fields) is the same
  in every file.
- In every page of another language (and its 404 page), `base` in `__config` points at `<lang>/`.
  Material reads that `base` for the index and for its results' links, nothing else on this site
  (no instant navigation, no version selector); `__md_scope`, where it keeps the reader's palette,
  is built from the template's `base_url`, which stays the site's root.

Search entries themselves are untouched (hooks/build_cache.py keeps them per page).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

INDEX = Path("search", "search_index.json")
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


def _i18n(config: MkDocsConfig) -> Any:
    return config.plugins.get("i18n")


def language_base(base: str, lang: str) -> str:
    """The address of a language's folder, written like `base` (relative or absolute), with the
    final slash Material needs to resolve `search/search_index.json` inside it."""
    return f"{base.rstrip('/')}/{lang}/"


def point_base_at_language(html: str, lang: str, where: str) -> str:
    """`html` with `base` in its Material `__config` set to the language's folder."""
    found = CONFIG_SCRIPT.search(html)
    if found is None:
        raise PluginError(f"search by language: {where} has no Material __config script")
    data = json.loads(found.group(2))
    old = json.dumps(data["base"])
    if found.group(2).count(f'"base": {old}') != 1:
        raise PluginError(f"search by language: {where}: cannot find base {old} in __config")
    new = json.dumps(language_base(data["base"], lang))
    fixed = found.group(2).replace(f'"base": {old}', f'"base": {new}')
    return html[: found.start(2)] + fixed + html[found.end(2) :]


def split_index(site_dir: Path, default: str, languages: list[str]) -> dict[str, int]:
    """Split the stacked index in `site_dir` into one per language; returns entries per language."""
    path = site_dir / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    others = [lang for lang in languages if lang != default]
    by_lang: dict[str, list[dict]] = {lang: [] for lang in [default, *others]}
    for doc in index["docs"]:
        lang = next((lang for lang in others if doc["location"].startswith(f"{lang}/")), default)
        if lang != default:
            doc = {**doc, "location": doc["location"][len(lang) + 1 :]}
        by_lang[lang].append(doc)
    for lang, docs in by_lang.items():
        target = path if lang == default else site_dir / lang / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"config": index["config"], "docs": docs}, separators=(",", ":"), default=str)
        target.write_text(data, encoding="utf-8")
    return {lang: len(docs) for lang, docs in by_lang.items()}


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    i18n = _i18n(config)
    if i18n is None or i18n.current_language == i18n.default_language:
        return output
    return point_base_at_language(output, i18n.current_language, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The 404 page (hooks/localized_404.py, listed after this hook, writes it to <lang>/404.html)."""
    i18n = _i18n(config)
    if template_name != "404.html" or i18n is None or i18n.current_language == i18n.default_language:
        return output
    return point_base_at_language(output, i18n.current_language, f"{i18n.current_language}/404.html")


@event_priority(-110)  # after the i18n plugin's on_post_build (-100), which writes the stacked index
def on_post_build(config: MkDocsConfig) -> None:
    i18n = _i18n(config)
    if i18n is None or getattr(i18n, "building", False):  # a language's pass inside the i18n plugin's
        return
    site_dir = Path(config.site_dir)
    if not (site_dir / INDEX).is_file():
        return
    split_index(site_dir, i18n.default_language, list(i18n.build_languages))
