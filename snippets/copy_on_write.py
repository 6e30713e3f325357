"""How much of its parent's memory a forked worker copies when it only reads it.

A child started with ``fork`` shares its parent's pages until one of them is written.
Reading a ``bytes`` buffer writes nothing. Reading a list of Python objects writes each
object's reference count, so every page holding one is copied (Linux: the numbers come
from /proc):

>>> buffer = bytes(range(256)) * (128 * 1024)  # 32 MiB
>>> numbers = list(range(10**6, 2 * 10**6))  # 1 million int objects, about 36 MiB
>>> copied_mib(buffer, zlib.crc32) < 1
True
>>> copied_mib(numbers, sum) > 10
True
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable
from multiprocessing import get_context
from typing import Any

_inherited: Any = None


def private_mib() -> float:
    """Memory written by this process since it was forked: its own copies (Linux)."""
    with open("/proc/self/smaps_rollup", encoding="ascii") as f:
        for line in f:
            if line.startswith("Private_Dirty:"):
                return int(line.split()[1]) / 1024
    raise OSError("no Private_Dirty line in /proc/self/smaps_rollup")


def read_inherited(read: Callable[[Any], object]) -> float:
    before = private_mib()
    read(_inherited)  # the global the parent set before forking: no pickling
    return private_mib() - before


# --8<-- [start:copied]
def copied_mib(data: object, read: Callable[[Any], object]) -> float:
    """MiB a forked worker copies while ``read(data)`` runs in it."""
    global _inherited
    _inherited = data
    try:
        with get_context("fork").Pool(1) as pool:  # the point here is fork itself
            return pool.apply(read_inherited, (read,))
    finally:
        _inherited = None


# --8<-- [end:copied]


if __name__ == "__main__":
    if not sys.platform.startswith("linux"):
        print("This measurement needs Linux (/proc/self/smaps_rollup) and fork.")
        raise SystemExit(0)
    buffer = bytes(range(256)) * (128 * 1024)
    numbers = list(range(10**6, 2 * 10**6))
    print(f"reading 32 MiB of bytes copied {copied_mib(buffer, zlib.crc32):.1f} MiB")
    print(f"summing 1,000,000 ints copied {copied_mib(numbers, sum):.1f} MiB")
