"""concurrent.futures beyond a plain map: timeouts, first answers, errors, cancelling.

``map`` with a timeout yields what arrived in time, in input order, then stops:

>>> map_until_timeout([0.01, 0.02, 2.0], timeout=1.0)
[0.01, 0.02]

``wait(FIRST_COMPLETED)`` returns as soon as one future is done:

>>> first_answer([0.4, 0.01, 0.4])
(1, 0.01)

An exception raised in a worker process comes back with the worker's traceback:

>>> results = parse_all(["1", "x", "3"])
>>> results["1"], results["3"]
(1, 3)
>>> results["x"]
ValueError("invalid literal for int() with base 10: 'x'")
>>> "in parse" in str(results["x"].__cause__)
True

Only futures that have not started can be cancelled:

>>> cancel_queued(3)
[False, True, True, True]
>>> stop_early(5)
(1, 5)
"""

from __future__ import annotations

import threading
import time
import traceback
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)


def pause(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def parse(text: str) -> int:
    return int(text)


def hold(started: threading.Event, gate: threading.Event) -> None:
    """Occupy a worker until ``gate`` opens."""
    started.set()
    gate.wait()


# --8<-- [start:map_timeout]
def map_until_timeout(delays: list[float], timeout: float) -> list[float]:
    arrived: list[float] = []
    with ThreadPoolExecutor(max_workers=len(delays)) as pool:
        try:
            for value in pool.map(pause, delays, timeout=timeout):
                arrived.append(value)
        except TimeoutError:  # counted from the call to map(), not per item
            pass  # the late task still runs: leaving `with` waits for it
    return arrived
    # --8<-- [end:map_timeout]


# --8<-- [start:first_completed]
def first_answer(delays: list[float]) -> tuple[int, float]:
    """Ask every replica, keep the fastest: (its index, its answer)."""
    with ThreadPoolExecutor(max_workers=len(delays)) as pool:
        futures = {pool.submit(pause, delay): i for i, delay in enumerate(delays)}
        done, _ = wait(futures, return_when=FIRST_COMPLETED)
        winner = done.pop()
        return futures[winner], winner.result()  # `with` still waits for the rest
    # --8<-- [end:first_completed]


# --8<-- [start:errors]
def parse_all(texts: list[str]) -> dict[str, int | BaseException]:
    """Each text's number, or the exception its worker raised."""
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {text: pool.submit(parse, text) for text in texts}
    results: dict[str, int | BaseException] = {}
    for text, future in futures.items():
        error = future.exception()  # None when it succeeded
        results[text] = future.result() if error is None else error
    return results
    # --8<-- [end:errors]


# --8<-- [start:cancel]
def cancel_queued(count: int) -> list[bool]:
    """cancel() on a running future and on ``count`` queued ones."""
    started, gate = threading.Event(), threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(hold, started, gate)
        queued = [pool.submit(pow, 2, n) for n in range(count)]
        started.wait()  # the single worker is busy: the others wait in the queue
        cancelled = [future.cancel() for future in (running, *queued)]
        gate.set()
    return cancelled


def stop_early(count: int) -> tuple[int, int]:
    """Drop everything still queued: (futures that ran, futures cancelled)."""
    started, gate = threading.Event(), threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        futures: list[Future[object]] = [pool.submit(hold, started, gate)]
        futures += [pool.submit(pow, 2, n) for n in range(count)]
        started.wait()
        pool.shutdown(wait=False, cancel_futures=True)  # Python 3.9+
        gate.set()  # the running task finishes; leaving `with` waits for it
    cancelled = sum(future.cancelled() for future in futures)
    return len(futures) - cancelled, cancelled
    # --8<-- [end:cancel]


if __name__ == "__main__":
    print("map with timeout=0.3 s got:", map_until_timeout([0.1, 0.2, 0.6], 0.3))
    print("first answer (index, value):", first_answer([0.3, 0.05, 0.2]))
    for text, result in parse_all(["12", "twelve"]).items():
        if isinstance(result, BaseException):
            print(f"{text!r} failed in its worker:")
            print("".join(traceback.format_exception(result)), end="")
        else:
            print(f"{text!r} -> {result}")
    print("cancel() on running + 3 queued futures:", cancel_queued(3))
    print("shutdown(cancel_futures=True), (ran, cancelled):", stop_early(5))
