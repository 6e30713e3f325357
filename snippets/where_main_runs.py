"""Which process runs your script's top level? The start method and version decide.

Run as a script (``python where_main_runs.py an-argument``), it starts two workers
under every start method and prints, for each, which process ran the script's top
level and what ``sys.argv`` held while it ran:

- ``fork``: nobody runs it again; the workers are copies of your process.
- ``spawn``: every worker imports the script (as ``__mp_main__``), with your argv.
- ``forkserver``: on 3.11, 3.12, 3.13.0-3.13.7 and 3.14.0, every worker imports it,
  as under spawn. From 3.13.8 and 3.14.1 the fork server imports it once, the first
  time a process starts, and forks the workers from there (CPython gh-126631). On
  3.13.8-3.13.11 and 3.14.1-3.14.2 ``sys.argv`` is ``['-c']`` during that import
  (gh-143706): no arguments, and not the script's name.

Imported as a module, the top level ran in this process:

>>> IMPORTED_IN == os.getpid()
True
"""

from __future__ import annotations

import multiprocessing
import os
import sys

# --8<-- [start:top_level]
IMPORTED_IN = os.getpid()  # the process that ran this file's top level
ARGV_AT_IMPORT = sys.argv[1:]  # what the command line looked like there
# --8<-- [end:top_level]


def where_imported(_: int) -> tuple[int, int, list[str]]:
    """In a worker: its pid, the pid that ran the top level, the argv seen then."""
    return os.getpid(), IMPORTED_IN, ARGV_AT_IMPORT


def describe(method: str) -> dict[str, object]:
    """Start two workers under `method`; say where each got the top level from."""
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(2) as pool:
        seen = pool.map(where_imported, range(4), chunksize=1)
        pool.close()
        pool.join()
    ran_in = set()
    for worker, imported_in, _argv in seen:
        if imported_in == os.getpid():
            ran_in.add("parent")
        elif imported_in == worker:
            ran_in.add("each worker")
        else:
            ran_in.add("another process (the fork server)")
    return {"ran_in": sorted(ran_in), "argv": sorted({tuple(a) for _, _, a in seen})}


if __name__ == "__main__":
    print(f"Python {sys.version.split()[0]}; sys.argv[1:] here: {sys.argv[1:]}")
    # fork first: a fork just after another pool's threads were joined
    # can print a DeprecationWarning under -X dev (3.12+)
    available = multiprocessing.get_all_start_methods()
    for method in [m for m in ("fork", "spawn", "forkserver") if m in available]:
        found = describe(method)
        argv = [list(a) for a in found["argv"]]
        ran_in = ", ".join(found["ran_in"])
        print(f"{method:>10}: top level ran in {ran_in}; argv then: {argv}")
