"""MkDocs hook: a warm build reuses the work whose inputs did not change.

Most of a warm build of this site went into three things that depend only on their own inputs:
Pygments highlighting each code block (both languages show the same snippets), the search plugin
parsing each page's HTML (tens of thousands of highlighting spans) and segmenting its Chinese with
jieba, and Jinja compiling the theme's templates for each language. Their results are kept in
`.cache/build/`, keyed by a hash of everything they are computed from (the text, the options, the
package versions); each build keeps only the entries it used. Delete the folder to start over.

Highlighting and search indexing are methods of pymdownx and Material, wrapped here: both packages
are pinned, and the tests compare a cold build with a warm one byte for byte.
"""

from __future__ import annotations

import copy
import functools
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from pymdownx.highlight import Highlight

log = logging.getLogger("mkdocs.hooks.build_cache")
ROOT = str(Path(__file__).resolve().parent.parent)  # the project root: `timings.digest`
sys.path.insert(0, ROOT)  # before hooks/ (MkDocs puts it first), whose timings.py is not the package

from timings.digest import digest as _digest  # noqa: E402  (the one digest of every cache)

FOLDER = Path(".cache", "build")  # under the folder of mkdocs.yml
VERSIONS = tuple(version(p) for p in ("pygments", "pymdown-extensions", "mkdocs-material", "jieba"))


class Memo:
    """Results by key: those a build finds in its pickle file, and those it used, which it saves."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.path: Path | None = None
        self.loaded: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.saved: set[str] = set()
        self.hits = self.misses = 0

    def open(self, folder: Path) -> None:
        path = folder / f"{self.name}.pickle"
        if path == self.path:  # the next language's pass, or a `mkdocs serve` rebuild
            return
        self.path, self.loaded, self.used, self.saved = path, {}, {}, set()
        try:
            with path.open("rb") as f:
                self.loaded = pickle.load(f)
        except FileNotFoundError:
            pass
        except Exception as e:  # unreadable: start over, it is only a cache
            log.debug(f"build cache: ignoring {path}: {e!r}")

    def get(self, key: str, compute: Callable[[], Any]) -> tuple[Any, bool]:
        """The result for `key` and whether it was computed now."""
        if key in self.used or key in self.loaded:
            self.hits += 1
            self.used.setdefault(key, self.loaded.get(key))
            return self.used[key], False
        self.misses += 1
        self.used[key] = compute()
        return self.used[key], True

    def save(self) -> None:
        """Write what this process used, so entries of pages that have changed since drop out.

        Every language's pass saves; the last one has used every entry of the build.
        """
        if self.path is None or self.used.keys() == self.saved:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.name}-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(self.used, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)  # a concurrent build never reads half a file
        self.saved = set(self.used)


HIGHLIGHTED = Memo("highlight")
INDEXED = Memo("search")


def digest(*parts: object) -> str:
    return _digest(VERSIONS, parts, length=64)


def cached_highlight(highlight: Callable[..., str]) -> Callable[..., str]:
    @functools.wraps(highlight)
    def wrapper(self: Highlight, src: str, language: str, *args: Any, **kwargs: Any) -> str:
        if not self.use_pygments or self.title_mode == "html":  # html titles go to the page's stash
            return highlight(self, src, language, *args, **kwargs)
        options = sorted((k, v) for k, v in vars(self).items() if k != "md")
        key = digest(options, src, language, args, sorted(kwargs.items()))
        html, _ = HIGHLIGHTED.get(key, lambda: highlight(self, src, language, *args, **kwargs))
        return html

    return wrapper


def cached_search_entries(add_entry: Callable[[SearchIndex, Page], None]) -> Callable[..., None]:
    @functools.wraps(add_entry)
    def wrapper(self: SearchIndex, page: Page) -> None:
        def compute() -> list[dict]:
            start = len(self.entries)
            add_entry(self, page)
            return copy.deepcopy(self.entries[start:])

        key = digest(
            sorted(self.config.items()),
            dictionaries(self.config.get("jieba_dict"), self.config.get("jieba_dict_user")),
            page.url,
            page.title,
            sorted(page.meta.items()),
            toc(page.toc),
            page.content,
        )
        entries, computed = INDEXED.get(key, compute)
        if not computed:
            self.entries.extend(copy.deepcopy(entries))

    return wrapper


def dictionaries(*paths: str | None) -> tuple[str, ...]:
    """The contents of jieba's dictionaries, which segment the Chinese of every entry."""
    return tuple(_file_digest(p, os.stat(p).st_mtime_ns) for p in paths if p)


@functools.cache
def _file_digest(path: str, mtime_ns: int) -> str:  # once per version of the file
    return _digest(Path(path), length=64)


def toc(items: TableOfContents | list) -> list:
    return [(item.id, item.url, item.title, toc(item.children)) for item in items]


def on_startup(**_: object) -> None:
    if not hasattr(Highlight.highlight, "__wrapped__"):
        Highlight.highlight = cached_highlight(Highlight.highlight)
    if not hasattr(SearchIndex.add_entry_from_context, "__wrapped__"):
        SearchIndex.add_entry_from_context = cached_search_entries(SearchIndex.add_entry_from_context)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    folder = Path(config.config_file_path).parent / FOLDER
    HIGHLIGHTED.open(folder)
    INDEXED.open(folder)
    return config


def on_env(env: Environment, config: MkDocsConfig, **_: object) -> Environment:
    folder = Path(config.config_file_path).parent / FOLDER / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_post_build(config: MkDocsConfig) -> None:
    for memo in (HIGHLIGHTED, INDEXED):
        memo.save()
        log.debug(f"build cache: {memo.name} {memo.hits} reused, {memo.misses} computed")
