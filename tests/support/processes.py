"""Which processes are still alive: the leftover-process checks of the test suite."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    pgid: int
    state: str
    command: str


def processes() -> list[Proc]:
    """Every process on the machine (Linux: /proc; elsewhere: ps)."""
    if os.path.isdir("/proc/self"):
        found = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                    stat = f.read()
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            except OSError:
                continue  # it ended while we looked
            fields = stat[stat.rindex(")") + 2 :].split()
            found.append(Proc(int(entry), int(fields[1]), int(fields[2]), fields[0], cmd))
        return found
    out = subprocess.run(
        ["ps", "-A", "-o", "pid=", "-o", "ppid=", "-o", "pgid=", "-o", "stat=", "-o", "command="],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = (line.split(None, 4) for line in out.splitlines() if line.strip())
    return [Proc(int(p), int(pp), int(g), s[:1], (c[0] if c else "")) for p, pp, g, s, *c in rows]


def multiprocessing_helpers() -> set[int]:
    """The resource tracker and forkserver that multiprocessing keeps for the interpreter's lifetime.

    joblib's process backend (loky) has a resource tracker of its own, also kept until the interpreter
    exits; it counts once joblib has started it. Its worker processes do not: they must be stopped.
    """
    from multiprocessing import forkserver, resource_tracker

    tracker = getattr(resource_tracker._resource_tracker, "_pid", None)
    server = getattr(forkserver._forkserver, "_forkserver_pid", None)
    loky = sys.modules.get("joblib.externals.loky.backend.resource_tracker")
    loky_tracker = getattr(getattr(loky, "_resource_tracker", None), "_pid", None)
    return {pid for pid in (tracker, server, loky_tracker) if pid}


def children(pid: int | None = None) -> list[Proc]:
    """Live (non-zombie) children of `pid`, not counting multiprocessing's own helpers."""
    pid = os.getpid() if pid is None else pid
    multiprocessing.active_children()  # reaps finished multiprocessing children
    helpers = multiprocessing_helpers() if pid == os.getpid() else set()
    return [p for p in processes() if p.ppid == pid and p.state != "Z" and p.pid not in helpers]


def descendants(pid: int, everything: list[Proc] | None = None) -> list[Proc]:
    """Children, grandchildren and so on of `pid` (zombies included)."""
    everything = processes() if everything is None else everything
    by_parent: dict[int, list[Proc]] = {}
    for p in everything:
        by_parent.setdefault(p.ppid, []).append(p)
    found, todo = [], [pid]
    while todo:
        for child in by_parent.get(todo.pop(), []):
            found.append(child)
            todo.append(child.pid)
    return found


def group(pgid: int) -> list[Proc]:
    """Live processes in process group `pgid` (a script started with start_new_session=True)."""
    return [p for p in processes() if p.pgid == pgid and p.state != "Z"]


def wait_until_gone(find, timeout: float = 5.0) -> list[Proc]:
    """Poll until `find()` is empty or the timeout passes; return what is left."""
    deadline = time.monotonic() + timeout
    while (left := find()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def kill(procs: list[Proc]) -> None:
    for p in procs:
        try:
            os.kill(p.pid, 9)
        except OSError:
            pass


def fail_on_children(allowed: Collection[int] = ()) -> None:
    """Fail when a child process other than `allowed` is still running (and kill it)."""
    left = wait_until_gone(lambda: [p for p in children() if p.pid not in allowed])
    if left:
        kill(left)
        pytest.fail("test left child processes behind: " + "; ".join(f"{p.pid} {p.command}" for p in left))


@pytest.fixture(autouse=True)
def no_leftover_processes() -> Iterator[None]:
    """Fail the test that leaves a child process behind (and kill it, so the next test starts clean)."""
    yield
    fail_on_children()
