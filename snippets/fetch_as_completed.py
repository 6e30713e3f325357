"""Fetch several URLs with a thread pool and handle each answer as it arrives.

``LocalServer`` answers on 127.0.0.1: ``/sleep/MS`` after MS milliseconds, anything
else with 404. Answers come back in the order they finish, not the order submitted:

>>> with LocalServer() as server:
...     urls = [server.url(f"/sleep/{ms}") for ms in (1000, 10)] + [server.url("/nope")]
...     arrived = fetch_all(urls, workers=3)
>>> sorted(body for _, _, body in arrived)
['failed: HTTP Error 404: Not Found', 'slept 10 ms', 'slept 1000 ms']
>>> arrived[-1][2]  # the slowest page arrives last, although it was submitted first
'slept 1000 ms'
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.error import HTTPError
from urllib.request import ProxyHandler, build_opener

OPENER = build_opener(ProxyHandler({}))  # never send local requests to a proxy


class SleepyHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        prefix, _, ms = self.path.rpartition("/")
        if prefix != "/sleep" or not ms.isdigit():
            self.send_error(404)
            return
        time.sleep(int(ms) / 1000)
        body = f"slept {ms} ms".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LocalServer(ThreadingHTTPServer):
    daemon_threads = False  # server_close() waits for the request threads

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SleepyHandler)  # port 0: any free port
        self._thread = threading.Thread(target=self.serve_forever)

    def url(self, path: str) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{path}"

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self._thread.join()
        self.server_close()


def fetch(url: str, timeout: float) -> str:
    try:
        with OPENER.open(url, timeout=timeout) as response:
            return response.read().decode(response.headers.get_content_charset("utf-8"))
    except HTTPError as error:
        error.close()  # it carries the response and its socket
        raise


# --8<-- [start:as_completed]
def fetch_all(
    urls: list[str], workers: int = 4, timeout: float = 5.0
) -> list[tuple[float, str, str]]:
    """(seconds since start, url, body or error), in the order the answers came."""
    start = time.perf_counter()
    arrived = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(fetch, url, timeout): url for url in urls}
        for future in as_completed(futures):
            url = futures[future]
            try:
                body = future.result()  # re-raises what fetch() raised in its thread
            except OSError as error:  # URLError, HTTPError and timeouts are OSErrors
                body = f"failed: {error}"
            arrived.append((time.perf_counter() - start, url, body))
    return arrived
    # --8<-- [end:as_completed]


if __name__ == "__main__":
    with LocalServer() as server:
        paths = ["/sleep/300", "/sleep/100", "/missing", "/sleep/200"]
        for seconds, url, body in fetch_all([server.url(p) for p in paths]):
            print(f"{seconds:6.3f} s  {url.split('/', 3)[3]:<12} {body}")
