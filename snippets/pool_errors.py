"""What a pool does when a task fails, a worker dies or a result takes too long.

An exception raised in a worker is raised again in the parent, with the worker's
traceback attached as its ``__cause__``:

>>> with ProcessPoolExecutor(2) as pool:
...     error = pool.submit(parse, "x").exception()
>>> type(error).__name__, "in parse" in str(error.__cause__)
('ValueError', True)

An exception must survive pickling to reach the parent. One whose ``__init__`` takes
other arguments than it passes to ``Exception`` fails to unpickle and breaks the pool;
passing every argument on fixes it:

>>> with ProcessPoolExecutor(2) as pool:
...     type(pool.submit(reject, "a.csv", 7, LossyError).exception()).__name__
'BrokenProcessPool'
>>> with ProcessPoolExecutor(2) as pool:
...     str(pool.submit(reject, "a.csv", 7, RecordError).exception())
'a.csv, line 7: bad record'

A worker that dies breaks a ``ProcessPoolExecutor``: every pending future fails.
A ``multiprocessing.Pool`` replaces the worker and the task is silently lost, so only
a timeout tells you:

>>> with ProcessPoolExecutor(2) as pool:
...     type(pool.submit(die).exception(timeout=60)).__name__
'BrokenProcessPool'
>>> with Pool(2) as pool:
...     try:
...         pool.apply_async(die).get(timeout=1)
...     except multiprocessing.TimeoutError:
...         print("no result after 1 s; the pool works:", pool.apply(parse, ("2",)))
no result after 1 s; the pool works: 2

Waiting has a limit in both APIs, with different exceptions:

>>> with_timeouts(0.1)
('TimeoutError', 'multiprocessing.TimeoutError')

Stopping at the first error cancels the tasks that have not started:

>>> message, cancelled = fail_fast(range(40), workers=2)
>>> message, cancelled > 0
('record 3 is bad', True)
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import Pool


def parse(text: str) -> int:
    return int(text)


# --8<-- [start:picklable]
class LossyError(Exception):
    def __init__(self, path: str, line: int) -> None:
        super().__init__(f"{path}, line {line}: bad record")  # pickle keeps only this


class RecordError(Exception):
    def __init__(self, path: str, line: int) -> None:
        super().__init__(path, line)  # every argument: unpickling can call __init__
        self.path, self.line = path, line

    def __str__(self) -> str:
        return f"{self.path}, line {self.line}: bad record"


# --8<-- [end:picklable]


def reject(path: str, line: int, error: type[Exception]) -> None:
    raise error(path, line)


def die() -> None:
    os._exit(
        1
    )  # as a crash or the out-of-memory killer would: no exception, no cleanup


def check(record: int) -> int:
    time.sleep(0.05)
    if record == 3:
        raise ValueError(f"record {record} is bad")
    return record


# --8<-- [start:fail_fast]
def fail_fast(records: range, workers: int) -> tuple[str, int]:
    """Stop at the first error: cancel what has not started, let running tasks end."""
    with ProcessPoolExecutor(workers) as pool:
        futures = [pool.submit(check, record) for record in records]
        try:
            for future in as_completed(futures):
                future.result()
        except ValueError as e:
            pool.shutdown(cancel_futures=True)
            return str(e), sum(f.cancelled() for f in futures)
    return "", 0


# --8<-- [end:fail_fast]


# --8<-- [start:timeouts]
def with_timeouts(seconds: float) -> tuple[str, str]:
    """Both pools can stop waiting; neither stops the task itself."""
    executor = classic = "no timeout"
    with ProcessPoolExecutor(1) as pool:  # leaving the block waits for the task
        try:
            pool.submit(time.sleep, 3 * seconds).result(timeout=seconds)
        except TimeoutError:  # concurrent.futures.TimeoutError is TimeoutError (3.11+)
            executor = "TimeoutError"
    with Pool(1) as pool:  # leaving the block terminates the workers
        try:
            pool.apply_async(time.sleep, (3 * seconds,)).get(timeout=seconds)
        except multiprocessing.TimeoutError:  # not a subclass of TimeoutError
            classic = "multiprocessing.TimeoutError"
    return executor, classic


# --8<-- [end:timeouts]


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as pool:
        future = pool.submit(parse, "x")
        print(f"a worker raised {future.exception()!r}")
    try:
        with ProcessPoolExecutor(2) as pool:
            pool.submit(die).result()
    except BrokenProcessPool as e:
        print(f"a worker died: {type(e).__name__}")
    message, cancelled = fail_fast(range(40), workers=2)
    print(f"first error {message!r}: {cancelled} of 40 tasks cancelled before they ran")
    print("timeouts raise", " and ".join(with_timeouts(0.1)))
