"""Give up on stuck tasks and end their workers at once (Python 3.14+).

``terminate_workers()`` sends SIGTERM to every worker of a ``ProcessPoolExecutor``
(``kill_workers()`` sends SIGKILL); running tasks fail with ``BrokenProcessPool``,
pending ones are cancelled. Older Pythons have no public way to do it:

>>> outcome = stop_stuck_tasks(timeout=0.5)
>>> outcome == NEEDS_314 if sys.version_info < (3, 14) else outcome <= STOPPED
True
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor, wait

NEEDS_314 = "terminate_workers() and kill_workers() need Python 3.14 or newer"
STOPPED = {"BrokenProcessPool", "cancelled"}


def outcome(future: Future[object]) -> str:
    if future.cancelled():
        return "cancelled"
    error = future.exception()
    return "finished" if error is None else type(error).__name__


# --8<-- [start:terminate]
def stop_stuck_tasks(timeout: float) -> set[str] | str:
    """Wait ``timeout`` seconds for four hour-long tasks, then end the workers."""
    if sys.version_info < (3, 14):
        return NEEDS_314
    pool = ProcessPoolExecutor(2)
    futures = [pool.submit(time.sleep, 3600) for _ in range(4)]
    _, not_done = wait(futures, timeout=timeout)
    if not_done:
        pool.terminate_workers()  # also shuts the executor down
    return {outcome(f) for f in futures}


# --8<-- [end:terminate]


if __name__ == "__main__":
    start = time.perf_counter()
    result = stop_stuck_tasks(timeout=0.5)
    if isinstance(result, str):
        print(f"{result}; this is Python {sys.version.split()[0]}")
    else:
        elapsed = time.perf_counter() - start
        print(f"four stuck tasks ended in {elapsed:.1f} s: {', '.join(sorted(result))}")
