"""asyncio against a thread pool at 10, 100 and 1,000 concurrent requests (snippets/fetch_with_asyncio.py).

Each round runs in a new process, so the peak memory it reports is that round's alone (a process keeps
freed memory and cached thread stacks, which would hide the next round's growth). That process comes
from the fork server (spawn where there is none), never from `os.fork()` of the measuring process,
which may be running threads (forking it is the hazard that 3.12+ warns about). The fork server starts
and imports this module before the timer, so a round's time is the client's, plus a fork. The server
runs in another process, as a real server would: its work and memory are not the client's.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection

from snippets import fetch_with_asyncio as f
from timings.spec import Benchmark, Lang, Metric, Variant, both

CLEAN = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
DELAY = 0.02  # the server's answer time: every request waits this long, whoever sends it
LEVELS = (10, 100, 1_000)


def _serve(delay: float, conn: Connection) -> None:
    with f.slow_server(delay) as address:
        conn.send(address)
        conn.recv()  # until the benchmark is done


@contextmanager
def server() -> Iterator[tuple[str, int]]:
    try:  # a thousand sockets in each process come close to the common soft limit of 1,024 files
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = 4 * max(LEVELS) if hard == resource.RLIM_INFINITY else min(hard, 4 * max(LEVELS))
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    except (ImportError, ValueError, OSError):
        pass
    ctx = multiprocessing.get_context(CLEAN)
    if CLEAN == "forkserver":  # started now, not in the first timed round; clients fork from it
        from multiprocessing import forkserver

        ctx.set_forkserver_preload([__name__])
        forkserver.ensure_running()
    ours, theirs = ctx.Pipe()
    process = ctx.Process(target=_serve, args=(DELAY, theirs), daemon=True)
    process.start()
    try:
        yield ours.recv()
    finally:
        ours.send("stop")
        process.join()


def _memory_kib(field: str) -> float:
    """A memory figure of this process from /proc (Linux: where the site is built)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return float(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _client(kind: str, n: int, host: str, port: int) -> dict[str, float]:
    paths = [f"/page/{i}" for i in range(n)]
    try:  # reset the high-water mark to what the process holds now (Linux 4.0+)
        with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
            clear.write("5")
    except OSError:
        pass  # then the mark is the one since the process started: a few MiB at most
    before = _memory_kib("VmRSS")
    if kind == "asyncio":
        pages = asyncio.run(f.fetch_all(host, port, paths, limit=n))
    else:
        pages = f.fetch_all_with_threads(host, port, paths, workers=n)
    if len(pages) != n or None in pages:
        raise RuntimeError(f"{kind}: {n} requests, {len(pages)} answers")
    return {"peak": (_memory_kib("VmHWM") - before) / 1024}  # high-water mark since the reset


def _client_reporting(conn: Connection, kind: str, n: int, host: str, port: int) -> None:
    try:
        conn.send(("ok", _client(kind, n, host, port)))
    except BaseException:
        conn.send(("failed", traceback.format_exc()))
    finally:
        conn.close()


def in_fresh_process(kind: str, n: int, address: tuple[str, int]) -> dict[str, float]:
    """One round in a new process (fork server or spawn); its measurements come back through a pipe."""
    ctx = multiprocessing.get_context(CLEAN)
    ours, theirs = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_client_reporting, args=(theirs, kind, n, *address))
    process.start()
    theirs.close()
    try:
        status, value = ours.recv()
    except EOFError:
        status, value = "failed", "the client exited without a report"
    finally:
        ours.close()
        process.join()
    if status != "ok" or process.exitcode != 0:
        raise RuntimeError(f"the {kind} client with {n} requests failed (exit {process.exitcode}):\n{value}")
    return value


def variants() -> tuple[Variant, ...]:
    out = []
    for n in LEVELS:
        out.append(
            Variant(
                f"asyncio_{n}",
                {"en": f"asyncio, {n:,} at once", "zh": f"asyncio，同时 {n:,} 个请求"},
                lambda address, n=n: in_fresh_process("asyncio", n, address),
            )
        )
        out.append(
            Variant(
                f"threads_{n}",
                {"en": f"thread pool, {n:,} threads", "zh": f"线程池，{n:,} 个线程"},
                lambda address, n=n: in_fresh_process("threads", n, address),
                workers=n,
            )
        )
    return tuple(out)


def read(r, lang: Lang) -> str:
    top = max(LEVELS)
    a_time, t_time = r.median(f"asyncio_{top}"), r.median(f"threads_{top}")
    a_mem, t_mem = r.median(f"asyncio_{top}", "peak"), r.median(f"threads_{top}", "peak")
    small = min(LEVELS)
    growth_a = a_time / r.median(f"asyncio_{small}")
    growth_t = t_time / r.median(f"threads_{small}")
    mem_ratio = t_mem / a_mem if a_mem > 0 else float("inf")
    if abs(t_time / a_time - 1) <= 0.1:  # within the noise of three rounds
        compared = {"en": "about as fast as the thread pool", "zh": "速度与线程池相当"}
    elif a_time < t_time:
        compared = {"en": "faster than the thread pool", "zh": "比线程池快"}
    else:
        compared = {"en": "slower than the thread pool", "zh": "比线程池慢"}
    return both(
        en=f"With {top:,} requests in flight, asyncio took **{a_time:.2f} s** and **{a_mem:.1f} MiB** of "
        f"extra peak memory, {compared['en']} (**{t_time:.2f} s**, **{t_mem:.1f} MiB**, "
        f"{mem_ratio:.1f}× asyncio's memory); from {small} to {top:,} requests asyncio's wall time grew "
        f"{growth_a:.1f}× and the thread pool's {growth_t:.1f}×.",
        zh=f"同时发出 {top:,} 个请求时，asyncio 用了 **{a_time:.2f} s**、内存峰值增加 "
        f"**{a_mem:.1f} MiB**，{compared['zh']}（**{t_time:.2f} s**、**{t_mem:.1f} MiB**，"
        f"内存是 asyncio 的 {mem_ratio:.1f} 倍）；从 {small} 个请求到 {top:,} 个，"
        f"asyncio 的墙钟时间增至原来的 {growth_a:.1f} 倍，线程池增至原来的 {growth_t:.1f} 倍。",
    )[lang]


BENCHMARKS = (
    Benchmark(
        id="asyncio_vs_threads",
        title={
            "en": f"Fetching pages from a local server that answers in {DELAY * 1000:.0f} ms",
            "zh": f"从本地服务器抓取页面（每个请求 {DELAY * 1000:.0f} ms 后应答）",
        },
        variants=variants(),
        sources=("snippets/fetch_with_asyncio.py",),
        columns=("median", "range", "n", "peak"),
        metrics=(Metric("peak", {"en": "Peak memory increase", "zh": "内存峰值增量"}, unit="MiB"),),
        rounds=3,
        warmup=0,  # every round is a fresh process: there is nothing to warm up
        setup=server,
        chart=("median", "peak"),
        reading=read,
    ),
)
