"""Start a process while another thread runs, and see whether Python warns.

From Python 3.12, ``os.fork()`` in a process that has other threads raises a
``DeprecationWarning``: the child gets a copy of every lock, including locks those
threads held at that instant, and can deadlock on one. ``spawn`` and
``forkserver`` do not fork this process, so they do not warn:

>>> import sys
>>> warns_when_threads_run("fork") == (sys.version_info >= (3, 12))
True
>>> warns_when_threads_run("spawn"), warns_when_threads_run("forkserver")
(False, False)
"""

from __future__ import annotations

import threading
import warnings
from multiprocessing import get_context


def child() -> None:
    pass


def warns_when_threads_run(method: str) -> bool:
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)  # e.g. a logging or metrics thread
    helper.start()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DeprecationWarning)
            process = get_context(method).Process(target=child)
            process.start()
            process.join()
    finally:
        stop.set()
        helper.join()
    return any("multi-threaded" in str(w.message) for w in caught)


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        print(f"{method:>10}: warned = {warns_when_threads_run(method)}")
