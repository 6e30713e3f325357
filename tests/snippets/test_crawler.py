"""The crawler and the as_completed example: every page once, timeouts honoured, only 127.0.0.1."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from snippets import crawl_site as c
from snippets import fetch_as_completed as f

PAGES = 30

pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def site() -> Iterator[c.LocalSite]:
    with c.LocalSite(pages=PAGES, delay=0.002) as running:
        yield running


def every_page_once() -> dict[str, int]:
    return {f"/page/{i}": 1 for i in range(PAGES)}


@pytest.mark.parametrize("workers", [4])
def test_processes_fetch_every_page_exactly_once(site: c.LocalSite, workers: int) -> None:
    site.reset()
    titles = c.crawl_with_processes(site.url(0), workers)
    assert site.hits() == every_page_once()
    assert sorted(titles.values()) == sorted(f"Page {i}" for i in range(PAGES))


@pytest.mark.parametrize("workers", [8])
def test_threads_fetch_every_page_exactly_once(site: c.LocalSite, workers: int) -> None:
    site.reset()
    titles = c.crawl_with_threads(site.url(0), workers)
    assert site.hits() == every_page_once()
    assert titles == c.crawl_serial(site.url(0))


def test_the_2014_logic_finds_every_page_but_may_fetch_some_twice(site: c.LocalSite) -> None:
    site.reset()
    titles = c.crawl_with_processes(site.url(0), 4, consumer=c.consume_like_2014)
    hits = site.hits()
    assert set(hits) == set(every_page_once()) and min(hits.values()) >= 1
    assert len(titles) == PAGES  # duplicates only cost requests; the parent keeps one title per URL


def test_a_slow_server_hits_the_timeout_instead_of_hanging() -> None:
    with c.LocalSite(pages=3, delay=0.5) as slow:
        titles = c.crawl_with_threads(slow.url(0), 2, timeout=0.05)  # processes call the same visit()
    assert list(titles) == [slow.url(0)]  # no page, so no links to follow
    assert "timed out" in titles[slow.url(0)]


def test_no_connection_leaves_127_0_0_1(site: c.LocalSite) -> None:
    connected: list[object] = []
    active = [True]

    def audit(event: str, args: tuple) -> None:
        if active and event == "socket.connect":
            connected.append(args[1])

    sys.addaudithook(audit)  # hooks cannot be removed: `active` switches this one off
    try:
        c.crawl_with_threads(site.url(0), 4)
        c.crawl_serial(site.url(0))
        with f.LocalServer() as server:
            f.fetch_all([server.url("/sleep/1"), server.url("/nope")])
    finally:
        active.clear()
    assert len(connected) >= 2 * PAGES + 2
    assert {address[0] for address in connected} == {"127.0.0.1"}  # type: ignore[index]
