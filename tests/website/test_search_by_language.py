"""Search answers in the reader's language: headless Chromium types each query of
tests/support/search_queries.yml into the search box of a page of that language, and every result must be a
page of that language, the expected page first (hooks/search_by_language.py gives each language its
own index). Shares the browser set-up of tests/website/test_browser.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from tests.support.site_build import SITE_TIMEOUT, languages
from tests.website import test_browser as shared

# The browser tests' fixtures, found by pytest under these names: one browser for the module, the
# built site served on 127.0.0.1, the check for leftover processes.
browser, site_url = shared.browser, shared.site_url
no_leftover_processes = shared.no_leftover_processes
home = shared.home

pytestmark = [pytest.mark.once, pytest.mark.site, pytest.mark.timeout(SITE_TIMEOUT)]

QUERIES = Path(__file__).resolve().parents[1] / "support" / "search_queries.yml"
TYPED_ON = "pools/"  # the page of each language the queries are typed on


def load_queries(path: Path = QUERIES) -> list[tuple[str, dict[str, Any]]]:
    """(language, entry) for every query; a clear error naming the file for a bad entry."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    unknown = set(data) - set(languages())
    if unknown:
        raise ValueError(f"{path.name}: languages {sorted(unknown)} are not the site's {languages()}")
    found = []
    for lang in languages():
        for entry in data.get(lang) or []:
            if not isinstance(entry, dict) or not entry.get("query") or "first" not in entry:
                raise ValueError(f"{path.name}: {lang}: each entry needs `query` and `first`: {entry!r}")
            if set(entry) - {"query", "first", "limitation"}:
                raise ValueError(f"{path.name}: {lang}: unknown keys in {entry!r}")
            found.append((lang, entry))
    if {lang for lang, _ in found} != set(languages()):
        raise ValueError(f"{path.name}: every language needs queries")
    return found


def _params() -> list[Any]:
    return [pytest.param(lang, entry, id=f"{lang}-{entry['query']}") for lang, entry in load_queries()]


@pytest.fixture(scope="module")
def search_pages(browser, site_url: str) -> Iterator[dict[str, Any]]:
    """One page per language, opened once, each recording the search indexes it loads (`indexes`)."""
    with ExitStack() as stack:
        tabs: dict[str, Any] = {}
        for lang in languages():
            tab = stack.enter_context(shared.recording_page(browser, site_url))
            tab.indexes = []
            tab.on(
                "request", lambda r, tab=tab: tab.indexes.append(r.url) if "search_index" in r.url else None
            )
            tab.goto(home(site_url, lang) + TYPED_ON, wait_until="networkidle")  # the index is loaded
            tabs[lang] = tab
        yield tabs


def search(tab, query: str) -> list[str]:
    """Type `query` in the search box of `tab`, as a reader does after clearing it; the path of every
    result, best first."""
    from playwright.sync_api import expect  # installed with the browser tests' requirements

    box, results = tab.locator("input.md-search__input"), tab.locator(".md-search-result__item")
    box.fill("")
    tab.keyboard.press("End")  # Material searches on key events; typing Chinese goes through an IME
    expect(results).to_have_count(0)  # the previous query's results are gone
    box.fill(query)
    tab.keyboard.press("End")
    results.first.wait_for()
    # Material says how many pages it found, renders ten, then four more each time the list is
    # scrolled to its end: scroll until every one is there.
    total = int(re.search(r"\d+", tab.locator(".md-search-result__meta").inner_text()).group())
    scroll = "(top => { const w = document.querySelector('.md-search__scrollwrap'); w.scrollTop = top })"
    while (shown := results.count()) < total:
        for top in (0, 1e6):  # away from the end and back: Material watches the end come into view
            tab.evaluate(scroll, top)
            tab.wait_for_timeout(50)
        tab.wait_for_function(f"document.querySelectorAll('.md-search-result__item').length > {shown}")
    hrefs = tab.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(item => item.querySelector('a').href)"
    )
    return [urlsplit(href).path for href in hrefs]


def language_of(path: str, base: str) -> str:
    """The language of a page from its path: /<base>/zh/... is zh, anything else the default."""
    rest = path[len(base) :] if path.startswith(base) else path
    first = rest.split("/", 1)[0]
    return first if first in languages()[1:] else languages()[0]


@pytest.mark.parametrize(("lang", "entry"), _params())
def test_search_answers_in_the_reader_s_language(search_pages, site_url: str, lang: str, entry: dict) -> None:
    tab, lang_home = search_pages[lang], home(site_url, lang)
    results = search(tab, entry["query"])
    base = urlsplit(site_url).path
    assert results, f"{entry['query']!r} found nothing on the {lang} site"
    other = [path for path in results if language_of(path, base) != lang]
    assert not other, f"{entry['query']!r} typed on a {lang} page returned pages of another language: {other}"
    assert tab.indexes == [lang_home + "search/search_index.json"], f"the {lang} page loaded {tab.indexes}"
    assert tab.errors == [], tab.errors
    expected = urlsplit(lang_home + entry["first"]).path
    right = results[0] == expected
    if entry.get("limitation"):  # the language must be right all the same (above)
        assert not right, f"{entry['query']!r} ({lang}) now finds {expected} first: drop its `limitation`"
        pytest.xfail(f"first {results[0]}, expected {expected}: {entry['limitation']}")
    assert right, f"{entry['query']!r} ({lang}): first {results[0]}, expected {expected}"


def test_bad_query_files_get_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "queries.yml"
    for text, message in (
        ("en: [{query: GIL}]\nzh: [{query: GIL, first: x/}]", "needs `query` and `first`"),
        ("en: [{query: GIL, first: x/, typo: 1}]\nzh: [{query: GIL, first: x/}]", "unknown keys"),
        ("en: [{query: GIL, first: x/}]\nfr: [{query: GIL, first: x/}]", "not the site's"),
        ("en: [{query: GIL, first: x/}]", "every language"),
    ):
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ValueError, match=message) as error:
            load_queries(bad)
        assert "queries.yml" in str(error.value)
    assert load_queries(), "tests/support/search_queries.yml lists no query"
