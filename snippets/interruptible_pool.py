"""A pool that stops cleanly on Ctrl-C: workers ignore SIGINT, the parent ends them.

Run ``python interruptible_pool.py 60`` and press Ctrl-C: one line, exit status 130, no
traceback from any worker and no process left behind. Uninterrupted, it does all tasks:

>>> import contextlib, io
>>> with contextlib.redirect_stdout(io.StringIO()):  # "... press Ctrl-C", or not
...     done = run(tasks=6, workers=2)
>>> done
6
"""

from __future__ import annotations

import os
import signal
import sys
import time
from multiprocessing import Pool

TASK_SECONDS = 0.05


# --8<-- [start:ignore_sigint]
def ignore_sigint() -> None:
    # Ctrl-C sends SIGINT to every process of the terminal's foreground group:
    # the workers leave it to the parent.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --8<-- [end:ignore_sigint]


def slow_square(n: int) -> tuple[int, int]:
    time.sleep(TASK_SECONDS)
    return n * n, os.getpid()


# --8<-- [start:run]
def run(tasks: int, workers: int) -> int:
    """Run the tasks and return how many finished; on Ctrl-C, end the pool first."""
    done, seen = 0, set[int]()
    with Pool(workers, initializer=ignore_sigint) as pool:
        try:
            for _, pid in pool.imap_unordered(slow_square, range(tasks)):
                done += 1
                if pid not in seen:
                    seen.add(pid)
                    if len(seen) == workers:  # every worker has started and answered
                        print(
                            f"{workers} workers busy; press Ctrl-C to stop", flush=True
                        )
        except KeyboardInterrupt:
            pool.terminate()  # at once, without waiting for running tasks
            print(f"interrupted after {done} of {tasks} tasks", flush=True)
            raise
    return done


# --8<-- [end:run]


if __name__ == "__main__":
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
    workers = 2
    try:
        done = run(tasks=int(seconds / TASK_SECONDS) * workers, workers=workers)
    except KeyboardInterrupt:
        sys.exit(130)  # the shell's status for "stopped by SIGINT"
    print(f"all {done} tasks done")
