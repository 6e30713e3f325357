"""Crawl a website of linked pages: serially, with processes and queues, with threads.

The site is served by ``LocalSite`` on 127.0.0.1, so the example never touches the
internet; the server counts the requests it gets for each path.

>>> with LocalSite(pages=12, delay=0.001) as site:
...     by_processes = crawl_with_processes(site.url(0), workers=3)
...     hits_by_processes = site.hits()
...     site.reset()
...     by_threads = crawl_with_threads(site.url(0), workers=3)
...     hits_by_threads = site.hits()
...     by_serial = crawl_serial(site.url(0))
>>> sorted(by_processes.values()) == sorted(f"Page {i}" for i in range(12))
True
>>> by_processes == by_threads == by_serial
True

Every page was fetched exactly once:

>>> hits_by_processes == hits_by_threads == {f"/page/{i}": 1 for i in range(12)}
True

A page that fails is recorded, not fatal:

>>> with LocalSite(pages=2, delay=0) as site:
...     crawl_serial(site.url(0) + "/missing")  # doctest: +ELLIPSIS
{'http://127.0.0.1:.../page/0/missing': 'error: HTTP Error 404: Not Found'}
"""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import JoinableQueue, Lock, Manager, Process, Queue
from typing import TYPE_CHECKING, Any
from urllib.error import HTTPError
from urllib.parse import urljoin
from urllib.request import ProxyHandler, build_opener

if TYPE_CHECKING:  # for the annotations only
    from multiprocessing.managers import DictProxy
    from multiprocessing.queues import JoinableQueue as TaskQueue
    from multiprocessing.queues import Queue as ResultQueue
    from multiprocessing.synchronize import Lock as SharedLock

STOP = None  # the sentinel: a consumer that gets it exits
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
LINK = re.compile(r'href="([^"]+)"')
# No proxies: a proxy set in the environment would otherwise receive our local requests.
OPENER = build_opener(ProxyHandler({}))


class PageHandler(BaseHTTPRequestHandler):
    server: LocalSite

    def do_GET(self) -> None:
        site = self.server
        with site.lock:
            site.counts[self.path] += 1
        time.sleep(site.delay)  # a slow server: the crawl is I/O-bound
        links = site.links.get(self.path)
        if links is None:
            self.send_error(404)
            return
        number = self.path.rsplit("/", 1)[1]
        body = (
            f"<html><head><title>Page {number}</title></head><body>"
            + "".join(f'<a href="{link}">{link}</a> ' for link in links)
            + "</body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the demo's output readable


class LocalSite(ThreadingHTTPServer):
    """``pages`` linked pages on 127.0.0.1; each response takes ``delay`` seconds."""

    daemon_threads = False  # server_close() waits for the request threads
    request_queue_size = 64  # many crawlers connect at once

    def __init__(self, pages: int = 40, delay: float = 0.01) -> None:
        super().__init__(("127.0.0.1", 0), PageHandler)  # port 0: any free port
        self.delay = delay
        rng = random.Random(2014)
        # Page i links to page i + 1 (so every page is reachable) and to three others.
        self.links = {
            f"/page/{i}": sorted(
                {f"/page/{(i + 1) % pages}"}
                | {f"/page/{rng.randrange(pages)}" for _ in range(3)}
            )
            for i in range(pages)
        }
        self.lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self._thread = threading.Thread(target=self.serve_forever)

    def url(self, page: int) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/page/{page}"

    def hits(self) -> dict[str, int]:
        with self.lock:
            return dict(self.counts)

    def reset(self) -> None:
        with self.lock:
            self.counts.clear()

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self._thread.join()
        self.server_close()


# --8<-- [start:visit]
def visit(url: str, timeout: float = 5.0) -> tuple[str, list[str]]:
    """The page's title and the absolute URLs it links to; a failure is a title."""
    try:
        with OPENER.open(url, timeout=timeout) as response:
            charset = response.headers.get_content_charset("utf-8")
            html = response.read().decode(charset, errors="replace")
    except (OSError, http.client.HTTPException) as error:
        if isinstance(error, HTTPError):
            error.close()  # it carries the response and its socket
        return f"error: {error}", []
    title = TITLE.search(html)
    links = [urljoin(url, href) for href in LINK.findall(html)]
    return (title.group(1).strip() if title else ""), links
    # --8<-- [end:visit]


def crawl_serial(start: str, timeout: float = 5.0) -> dict[str, str]:
    titles: dict[str, str] = {}
    seen, todo = {start}, [start]
    while todo:
        url = todo.pop()
        titles[url], links = visit(url, timeout)
        for link in links:
            if link not in seen:
                seen.add(link)
                todo.append(link)
    return titles


# --8<-- [start:consumer]
def claim(seen: DictProxy[str, bool], lock: SharedLock, url: str) -> bool:
    """True for exactly one caller per URL: check and set under one lock."""
    with lock:
        if url in seen:
            return False
        seen[url] = True
        return True


def consume(
    tasks: TaskQueue[str | None],
    results: ResultQueue[tuple[str, str] | None],
    seen: DictProxy[str, bool],
    lock: SharedLock,
    timeout: float,
) -> None:
    """A crawler process: fetch URLs from ``tasks`` until it gets STOP."""
    while (url := tasks.get()) is not STOP:
        try:
            if claim(seen, lock, url):
                title, links = visit(url, timeout)
                for link in links:
                    tasks.put(link)
                results.put((url, title))
        finally:
            tasks.task_done()  # after the links are queued, so join() cannot end early
    tasks.task_done()
    results.put(STOP)  # this process's last message
    # --8<-- [end:consumer]


# --8<-- [start:consumer_2014]
def consume_like_2014(
    tasks: TaskQueue[str | None],
    results: ResultQueue[tuple[str, str] | None],
    seen: DictProxy[str, bool],
    lock: SharedLock,
    timeout: float,
) -> None:
    """The 2014 logic: check, fetch, then set. Two processes can fetch one URL."""
    while (url := tasks.get()) is not STOP:
        try:
            if url not in seen:  # check...
                title, links = visit(url, timeout)
                seen[url] = True  # ...then set, one whole request later
                for link in links:
                    tasks.put(link)
                results.put((url, title))
        finally:
            tasks.task_done()
    tasks.task_done()
    results.put(STOP)
    # --8<-- [end:consumer_2014]


# --8<-- [start:processes]
def crawl_with_processes(
    start: str,
    workers: int = 4,
    timeout: float = 5.0,
    consumer: Callable[..., None] = consume,
) -> dict[str, str]:
    tasks: TaskQueue[str | None] = JoinableQueue()
    results: ResultQueue[tuple[str, str] | None] = Queue()
    with Manager() as manager:
        seen = (
            manager.dict()
        )  # lives in the manager process: each access is a round trip
        args = (tasks, results, seen, Lock(), timeout)
        processes = [Process(target=consumer, args=args) for _ in range(workers)]
        for p in processes:
            p.start()
        tasks.put(start)
        tasks.join()  # every queued URL is done, and nothing new was queued
        for _ in processes:
            tasks.put(STOP)
        titles: dict[str, str] = {}
        stopped = 0
        while stopped < workers:  # drain the results BEFORE joining the processes
            item = results.get()
            if item is STOP:
                stopped += 1
            else:
                titles[item[0]] = item[1]
        for p in processes:
            p.join()
    return titles
    # --8<-- [end:processes]


# --8<-- [start:threads]
def crawl_with_threads(
    start: str, workers: int = 4, timeout: float = 5.0
) -> dict[str, str]:
    titles: dict[str, str] = {}
    seen = {start}  # only this thread touches it: no lock needed
    with ThreadPoolExecutor(workers) as pool:
        running = {pool.submit(visit, start, timeout): start}
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                url = running.pop(future)
                titles[url], links = future.result()
                for link in links:
                    if link not in seen:
                        seen.add(link)
                        running[pool.submit(visit, link, timeout)] = link
    return titles
    # --8<-- [end:threads]


if __name__ == "__main__":
    pages = 40
    with LocalSite(pages=pages, delay=0.01) as site:
        for name, crawl in (
            ("serial", crawl_serial),
            ("4 processes", lambda url: crawl_with_processes(url, 4)),
            (
                "4 processes, 2014 check-then-set",
                lambda url: crawl_with_processes(url, 4, consumer=consume_like_2014),
            ),
            ("4 threads", lambda url: crawl_with_threads(url, 4)),
        ):
            site.reset()
            start = time.perf_counter()
            titles = crawl(site.url(0))
            seconds = time.perf_counter() - start
            fetched = sum(site.hits().values())
            print(
                f"{name:>33}: {len(titles)} pages, {fetched} requests "
                f"({fetched - pages} duplicates) in {seconds:.3f} s"
            )
