"""MkDocs hook: the first mention of a standard-library API on a page links to its Python docs.

A page names `Pool`, `ProcessPoolExecutor` or `asyncio.TaskGroup` in inline code; the first such
mention of each API (in running text or a table, not in a heading, a code block or an existing link)
becomes a link to docs.python.org. Both languages get the same links, since the hook works on the
rendered HTML, and the Markdown stays readable. Only names listed in `API` are linked: a short name
that could mean something else (`map`, `get()`) is not.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

DOCS = "https://docs.python.org/3/library/"
MP = DOCS + "multiprocessing.html#multiprocessing."
CF = DOCS + "concurrent.futures.html#concurrent.futures."
ASYNCIO = DOCS + "asyncio-task.html#asyncio."

# name as written in inline code (without a trailing "()") -> its entry in the Python docs
API: dict[str, str] = {
    **dict.fromkeys(["multiprocessing"], DOCS + "multiprocessing.html"),
    **dict.fromkeys(["Pool", "multiprocessing.Pool", "multiprocessing.pool.Pool"], MP + "pool.Pool"),
    **dict.fromkeys(["Pool.map", "pool.map"], MP + "pool.Pool.map"),
    **dict.fromkeys(["imap", "Pool.imap", "pool.imap"], MP + "pool.Pool.imap"),
    **dict.fromkeys(
        ["imap_unordered", "Pool.imap_unordered", "pool.imap_unordered"], MP + "pool.Pool.imap_unordered"
    ),
    **dict.fromkeys(["apply_async", "Pool.apply_async", "pool.apply_async"], MP + "pool.Pool.apply_async"),
    **dict.fromkeys(["map_async", "Pool.map_async"], MP + "pool.Pool.map_async"),
    **dict.fromkeys(["starmap", "Pool.starmap"], MP + "pool.Pool.starmap"),
    **dict.fromkeys(["AsyncResult"], MP + "pool.AsyncResult"),
    **dict.fromkeys(["ThreadPool", "multiprocessing.pool.ThreadPool"], MP + "pool.ThreadPool"),
    **dict.fromkeys(["Process", "multiprocessing.Process"], MP + "Process"),
    **dict.fromkeys(["multiprocessing.Queue"], MP + "Queue"),
    **dict.fromkeys(["JoinableQueue", "multiprocessing.JoinableQueue"], MP + "JoinableQueue"),
    **dict.fromkeys(["Manager", "multiprocessing.Manager", "Manager().dict"], MP + "Manager"),
    **dict.fromkeys(["multiprocessing.Lock"], MP + "Lock"),
    **dict.fromkeys(["Value", "multiprocessing.Value"], MP + "Value"),
    **dict.fromkeys(["Array", "multiprocessing.Array"], MP + "Array"),
    **dict.fromkeys(["get_context", "multiprocessing.get_context"], MP + "get_context"),
    **dict.fromkeys(["set_start_method", "multiprocessing.set_start_method"], MP + "set_start_method"),
    **dict.fromkeys(["get_start_method", "multiprocessing.get_start_method"], MP + "get_start_method"),
    **dict.fromkeys(["set_forkserver_preload"], MP + "set_forkserver_preload"),
    **dict.fromkeys(["multiprocessing.TimeoutError"], MP + "TimeoutError"),
    **dict.fromkeys(
        ["SharedMemory", "multiprocessing.shared_memory.SharedMemory"],
        DOCS + "multiprocessing.shared_memory.html#multiprocessing.shared_memory.SharedMemory",
    ),
    **dict.fromkeys(["concurrent.futures"], DOCS + "concurrent.futures.html"),
    **dict.fromkeys(
        ["ProcessPoolExecutor", "concurrent.futures.ProcessPoolExecutor"], CF + "ProcessPoolExecutor"
    ),
    **dict.fromkeys(
        ["ThreadPoolExecutor", "concurrent.futures.ThreadPoolExecutor"], CF + "ThreadPoolExecutor"
    ),
    **dict.fromkeys(
        ["InterpreterPoolExecutor", "concurrent.futures.InterpreterPoolExecutor"],
        CF + "InterpreterPoolExecutor",
    ),
    **dict.fromkeys(["Executor", "concurrent.futures.Executor"], CF + "Executor"),
    **dict.fromkeys(["Executor.map", "ProcessPoolExecutor.map", "executor.map"], CF + "Executor.map"),
    **dict.fromkeys(["submit", "Executor.submit", "executor.submit", "pool.submit"], CF + "Executor.submit"),
    **dict.fromkeys(["Future", "concurrent.futures.Future"], CF + "Future"),
    **dict.fromkeys(["as_completed", "concurrent.futures.as_completed"], CF + "as_completed"),
    **dict.fromkeys(["concurrent.futures.wait"], CF + "wait"),
    **dict.fromkeys(["BrokenProcessPool"], CF + "process.BrokenProcessPool"),
    **dict.fromkeys(["concurrent.futures.TimeoutError"], CF + "TimeoutError"),
    **dict.fromkeys(["concurrent.interpreters"], DOCS + "concurrent.interpreters.html"),
    **dict.fromkeys(["asyncio"], DOCS + "asyncio.html"),
    **dict.fromkeys(["asyncio.TaskGroup"], ASYNCIO + "TaskGroup"),
    **dict.fromkeys(["asyncio.timeout"], ASYNCIO + "timeout"),
    **dict.fromkeys(["asyncio.to_thread"], ASYNCIO + "to_thread"),
    **dict.fromkeys(["asyncio.gather"], ASYNCIO + "gather"),
    **dict.fromkeys(["asyncio.Semaphore"], DOCS + "asyncio-sync.html#asyncio.Semaphore"),
    **dict.fromkeys(["asyncio.run"], DOCS + "asyncio-runner.html#asyncio.run"),
    **dict.fromkeys(["threading.Lock"], DOCS + "threading.html#threading.Lock"),
    **dict.fromkeys(["hashlib"], DOCS + "hashlib.html"),
    **dict.fromkeys(["hashlib.file_digest"], DOCS + "hashlib.html#hashlib.file_digest"),
    **dict.fromkeys(["os.process_cpu_count"], DOCS + "os.html#os.process_cpu_count"),
    **dict.fromkeys(["os.cpu_count"], DOCS + "os.html#os.cpu_count"),
    **dict.fromkeys(["os.sched_getaffinity"], DOCS + "os.html#os.sched_getaffinity"),
    **dict.fromkeys(["os.fork"], DOCS + "os.html#os.fork"),
    **dict.fromkeys(["sys._is_gil_enabled"], DOCS + "sys.html#sys._is_gil_enabled"),
    **dict.fromkeys(["time.perf_counter"], DOCS + "time.html#time.perf_counter"),
    **dict.fromkeys(["time.process_time"], DOCS + "time.html#time.process_time"),
    **dict.fromkeys(["gc.freeze"], DOCS + "gc.html#gc.freeze"),
    **dict.fromkeys(["pickle"], DOCS + "pickle.html"),
}

# What to leave alone: links, headings, code blocks, and the table of contents' copies of headings.
SKIP = r"<a\b[^>]*>.*?</a>|<h[1-6]\b[^>]*>.*?</h[1-6]>|<pre\b[^>]*>.*?</pre>"
TOKEN = re.compile(rf"({SKIP})|<code>([^<]+)</code>", re.S)


def link_first_mentions(html: str) -> str:
    linked: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        if match[1]:
            return match[0]
        name = match[2].strip().removesuffix("()")
        url = API.get(name)
        if url is None or url in linked:
            return match[0]
        linked.add(url)
        return f'<a href="{url}" class="api-link">{match[0]}</a>'

    return TOKEN.sub(replace, html)


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    return link_first_mentions(html)
