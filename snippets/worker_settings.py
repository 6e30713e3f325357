"""Give pool workers a setting that the parent decides at run time.

A worker that reads a module global the parent changed after import sees the change
only when it is a forked copy of the parent. Under ``spawn`` and ``forkserver`` (the
default on Linux from Python 3.14) the worker imports the module afresh:

>>> methods = ("fork", "spawn", "forkserver")
>>> [map_relying_on_fork(method, "debug") for method in methods]
[['debug', 'debug'], ['quiet', 'quiet'], ['quiet', 'quiet']]

Handing the setting to every worker through ``initializer`` works under every method:

>>> [map_with_initializer(method, "debug") for method in methods]
[['debug', 'debug'], ['debug', 'debug'], ['debug', 'debug']]
"""

from __future__ import annotations

from multiprocessing import get_context

SETTINGS = {"level": "quiet"}  # what a freshly imported module holds


def level_in_worker(_: int) -> str:
    return SETTINGS["level"]


# --8<-- [start:relies_on_fork]
def map_relying_on_fork(method: str, level: str) -> list[str]:
    SETTINGS["level"] = level  # decided at run time, e.g. from the command line
    with get_context(method).Pool(1) as pool:
        return pool.map(level_in_worker, range(2))  # only a forked worker sees it


# --8<-- [end:relies_on_fork]


# --8<-- [start:fix]
def configure_worker(level: str) -> None:
    SETTINGS["level"] = level  # runs once in each worker, before any task


def map_with_initializer(method: str, level: str) -> list[str]:
    with get_context(method).Pool(
        1, initializer=configure_worker, initargs=(level,)
    ) as pool:
        return pool.map(level_in_worker, range(2))


# --8<-- [end:fix]


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        before = map_relying_on_fork(method, "debug")
        after = map_with_initializer(method, "debug")
        print(f"{method:>10}: global {before}, initializer {after}")
