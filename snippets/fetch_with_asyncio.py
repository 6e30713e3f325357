"""Fetch many pages at once with asyncio, and the same fetch with a thread pool.

The snippet starts its own slow HTTP server on 127.0.0.1, so nothing leaves the machine.
At most ``limit`` requests are in flight; the server reports the peak it saw:

>>> paths = [f"/page/{i}" for i in range(20)]
>>> with slow_server(delay=0.05) as (host, port):
...     pages = asyncio.run(fetch_all(host, port, paths, limit=5))
...     peak = int(fetch_blocking(host, port, "/peak"))
...     threaded = fetch_all_with_threads(host, port, paths, workers=5)
>>> pages[:2]
[b'/page/0', b'/page/1']
>>> 0 < peak <= 5, threaded == pages
(True, True)

A request slower than its timeout gives ``None`` instead of an error that would
cancel every other request of the group:

>>> with slow_server(delay=0.5) as (host, port):
...     late = asyncio.run(fetch_all(host, port, ["/a", "/b"], timeout=0.05))
>>> late
[None, None]

CPU work goes to a process pool, blocking calls to a thread, all from one event loop:

>>> import os, tempfile
>>> with tempfile.TemporaryDirectory() as out, slow_server(0.01) as (host, port):
...     digests = asyncio.run(crawl(host, port, ["/x", "/y"], out, workers=2))
...     saved = sorted(os.listdir(out))
>>> sorted(digests) == ["/x", "/y"], sorted(d[:16] for d in digests.values()) == saved
(True, True)
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

MASK = (1 << 256) - 1
# A forked worker inherits every socket open at that moment, and a connection only ends
# when all its copies are closed: workers of an async program must start clean.
CLEAN_START = (
    "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
)


def request(host: str, path: str) -> bytes:
    return f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode()


def parse(response: bytes) -> bytes:
    """The body of an HTTP/1.0 response; an error for any status but 200."""
    head, _, body = response.partition(b"\r\n\r\n")
    if not head.startswith((b"HTTP/1.0 200", b"HTTP/1.1 200")):
        raise OSError(f"bad response: {head[:40]!r}")
    return body


# --8<-- [start:fetch_all]
async def fetch(host: str, port: int, path: str) -> bytes:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(request(host, path))
        await writer.drain()
        return parse(await reader.read())  # HTTP/1.0: the server closes when done
    finally:
        writer.close()
        await writer.wait_closed()


async def fetch_all(
    host: str, port: int, paths: list[str], limit: int = 100, timeout: float = 10.0
) -> list[bytes | None]:
    """Every page in order, at most ``limit`` at a time; None for one that timed out."""
    semaphore = asyncio.Semaphore(limit)

    async def fetch_one(path: str) -> bytes | None:
        async with semaphore:
            try:
                async with asyncio.timeout(timeout):
                    return await fetch(host, port, path)
            except TimeoutError:  # caught here: an error would cancel the whole group
                return None

    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch_one(path)) for path in paths]
    return [task.result() for task in tasks]


# --8<-- [end:fetch_all]


# --8<-- [start:threads]
def fetch_blocking(host: str, port: int, path: str, timeout: float = 10.0) -> bytes:
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(request(host, path))
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return parse(b"".join(chunks))


def fetch_all_with_threads(
    host: str, port: int, paths: list[str], workers: int = 100
) -> list[bytes]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(partial(fetch_blocking, host, port), paths))


# --8<-- [end:threads]


def stretched_digest(page: bytes, rounds: int = 20_000) -> str:
    """SHA-256, then pure-Python rounds: CPU work that holds the GIL."""
    x = int.from_bytes(hashlib.sha256(page).digest(), "big")
    for _ in range(rounds):
        x = (x * 6364136223846793005 + 1442695040888963407) & MASK
    return x.to_bytes(32, "big").hex()


# --8<-- [start:crawl]
async def crawl(
    host: str, port: int, paths: list[str], out_dir: str, workers: int | None = None
) -> dict[str, str]:
    """Fetch each page, hash it in a process pool, save it from a thread."""
    loop = asyncio.get_running_loop()

    async def one(path: str, cpu: ProcessPoolExecutor) -> tuple[str, str]:
        async with asyncio.timeout(10):
            page = await fetch(host, port, path)
        digest = await loop.run_in_executor(cpu, stretched_digest, page)
        target = Path(out_dir, digest[:16])
        await asyncio.to_thread(target.write_bytes, page)  # blocking call, own thread
        return path, digest

    clean = multiprocessing.get_context(CLEAN_START)
    cpu = ProcessPoolExecutor(workers, mp_context=clean)
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(one(path, cpu)) for path in paths]
    finally:
        # Not `with`: its exit, shutdown(wait=True), would block the loop while the
        # workers are joined. A thread waits for them instead.
        await asyncio.to_thread(cpu.shutdown)
    return dict(task.result() for task in tasks)


# --8<-- [end:crawl]


# --8<-- [start:server]
@dataclass
class Load:
    in_flight: int = 0
    peak: int = 0


async def answer(
    delay: float, load: Load, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """Send the path back after ``delay`` s; ``/peak`` tells the most in flight."""
    try:
        path = (await reader.readuntil(b"\r\n\r\n")).split(b" ", 2)[1]
        if path == b"/peak":
            body, load.peak = str(load.peak).encode(), 0
        else:
            load.in_flight += 1
            load.peak = max(load.peak, load.in_flight)
            try:
                await asyncio.sleep(delay)
            finally:
                load.in_flight -= 1
            body = path
        writer.write(
            b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body
        )
        await writer.drain()
        writer.close()
        await writer.wait_closed()
    except (ConnectionError, asyncio.IncompleteReadError):
        writer.close()  # the client gave up (its timeout): nothing to answer


async def serve(
    delay: float, started: Future[tuple[asyncio.AbstractEventLoop, asyncio.Event, int]]
) -> None:
    try:
        server = await asyncio.start_server(
            partial(answer, delay, Load()), "127.0.0.1", 0, backlog=4096
        )
    except OSError as e:
        started.set_exception(e)
        return
    stop = asyncio.Event()
    started.set_result(
        (asyncio.get_running_loop(), stop, server.sockets[0].getsockname()[1])
    )
    async with server:
        await stop.wait()


@contextmanager
def slow_server(delay: float) -> Iterator[tuple[str, int]]:
    """A local HTTP server on an OS-chosen port, in its own thread and event loop."""
    started: Future[tuple[asyncio.AbstractEventLoop, asyncio.Event, int]] = Future()
    thread = threading.Thread(target=asyncio.run, args=(serve(delay, started),))
    thread.start()
    try:
        loop, stop, port = started.result()  # raises if the server could not start
        try:
            yield "127.0.0.1", port
        finally:
            loop.call_soon_threadsafe(stop.set)
    finally:
        thread.join()


# --8<-- [end:server]


if __name__ == "__main__":
    import tempfile

    paths = [f"/page/{i}" for i in range(100)]
    with slow_server(delay=0.05) as (host, port):
        start = time.perf_counter()
        pages = asyncio.run(fetch_all(host, port, paths, limit=100))
        print(f"asyncio: {len(pages)} pages in {time.perf_counter() - start:.3f} s")
        start = time.perf_counter()
        pages = fetch_all_with_threads(host, port, paths, workers=100)
        print(f"100 threads: {len(pages)} pages in {time.perf_counter() - start:.3f} s")
        late = asyncio.run(fetch_all(host, port, paths[:10], timeout=0.01))
        print(f"timeout 0.01 s: {late.count(None)} of {len(late)} requests timed out")
        with tempfile.TemporaryDirectory() as out:
            digests = asyncio.run(crawl(host, port, paths[:8], out))
            print(
                f"crawl: {len(digests)} pages hashed in processes, saved from threads"
            )
