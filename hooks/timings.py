"""MkDocs hook: expand `<!-- timing: ... -->` markers with tables measured by the `timings` package,
and give the theme `timings_footer(lang)`: the footer line saying when and where they were measured."""

from __future__ import annotations

import sys
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

ROOT = str(Path(__file__).resolve().parent.parent)  # the project root: `timings` and `snippets`
sys.path.insert(0, ROOT)  # MkDocs restores sys.path after loading a hook; on_config adds it back

from timings import TimingError, cache, interpreters  # noqa: E402
from timings.markers import expand  # noqa: E402
from timings.present import render  # noqa: E402


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    # More interpreters to measure with (a column each); TIMINGS_PYTHONS, when set, wins.
    interpreters.configure(config.extra.get(interpreters.OPTION))
    return config


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    lang = getattr(page.file, "locale", None) or "en"
    try:
        return expand(markdown, lang, page.file.src_uri)
    except TimingError as e:
        raise PluginError(f"timings: {e}") from e


def on_env(env: Environment, **_: object) -> Environment:
    # Called after every page's Markdown, so every result the pages use is loaded by then.
    env.globals["timings_footer"] = lambda lang: render.footer(cache.loaded(), lang)
    return env
