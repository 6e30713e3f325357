"""What a whole pytest run leaves behind: processes, temporary files, shared memory, listening sockets.

A pytest plugin (conftest.py registers it). When the session starts it
- gives the run a temporary directory of its own (TMPDIR), which every child process inherits, and
- adds a token to LEFTOVER_SESSIONS in the environment, which every process it starts inherits too,
so that what the run made can be told apart from what other programs on the machine make meanwhile.
Once the session has ended (every fixture torn down) it lists, and removes:
- live processes descended from pytest or carrying the token (not pytest itself, nor the resource
  tracker and forkserver that multiprocessing keeps until the interpreter exits),
- anything left in the run's temporary directory,
- shared-memory segments (/dev/shm) the run created and left (named, not removed; on a machine
  shared with other programs, only those seen to be the run's, see `_leftover_shm`),
- TCP sockets still listening in pytest or in a leftover process,
and fails the run when the list is not empty. pytest's own `tmp_path` folders are not leftovers:
they stay where pytest keeps them (PYTEST_DEBUG_TEMPROOT points there), as usual.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from multiprocessing import resource_tracker
from pathlib import Path

import pytest

from tests.support import processes

TOKEN_VARIABLE = "LEFTOVER_SESSIONS"
SIDE_BY_SIDE_VARIABLE = "TEST_RUNS_SIDE_BY_SIDE"  # set by `make test` for its concurrent runs
SHM = Path("/dev/shm")
SHM_GRACE = 2.0  # seconds a new, unused segment must stay before it counts as left behind
# Files that tools write into TMPDIR on purpose and reuse on the next run; removed with the directory.
CACHES = {"jieba.cache": "the dictionary cache of jieba, the Chinese word splitter of the site search"}


@dataclass
class Snapshot:
    token: str
    temp_dir: Path
    shm: set[str]  # segments that existed when the run started
    shm_seen: set[str] = field(default_factory=set)  # segments that appeared since
    shm_foreign: set[str] = field(default_factory=set)  # ... and were in use by another program
    shm_ours: set[str] = field(default_factory=set)  # ... and were the run's (used or registered by it)
    found: list[str] = field(default_factory=list)


_KEY = pytest.StashKey[Snapshot]()
_snapshot: Snapshot | None = None  # the same, for hooks that get no config


def pytest_configure(config: pytest.Config) -> None:
    token = uuid.uuid4().hex[:12]
    os.environ[TOKEN_VARIABLE] = " ".join(filter(None, [os.environ.get(TOKEN_VARIABLE), token]))
    os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", tempfile.gettempdir())  # tmp_path stays put
    multiprocessing.util.get_temp_dir()  # pytest's own, removed when it exits: made where it stays put
    temp_dir = Path(tempfile.mkdtemp(prefix=f"test-run-{token}-")).resolve()
    os.environ["TMPDIR"] = str(temp_dir)
    tempfile.tempdir = str(temp_dir)
    global _snapshot
    _snapshot = config.stash[_KEY] = Snapshot(token, temp_dir, _shm_names())
    _record_registrations(_snapshot)


@pytest.hookimpl(trylast=True)  # after pytest's own sessionfinish has torn down the session fixtures
def pytest_sessionfinish(session: pytest.Session) -> None:
    snap = session.config.stash.get(_KEY, None)
    if snap is None:
        return
    snap.found = [
        *_leftover_processes(snap.token),
        *_leftover_sockets(snap.token),
        *_leftover_shm(snap),
        *_leftover_temp(snap.temp_dir),
    ]
    shutil.rmtree(snap.temp_dir, ignore_errors=True)
    if snap.found and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    snap = config.stash.get(_KEY, None)
    if snap is None or not snap.found:
        return
    terminalreporter.section("left behind by the test run", sep="=", red=True, bold=True)
    for line in snap.found:
        terminalreporter.line(line, red=True)
    terminalreporter.stats.setdefault("left behind", []).extend(snap.found)


# Processes


def _ours(token: str) -> list[processes.Proc]:
    """Live processes of this run: pytest's descendants, and any process whose environment has the token."""
    everything = processes.processes()
    mine = {p.pid for p in processes.descendants(os.getpid(), everything)}
    mine |= {p.pid for p in everything if token in _environment(p.pid).get(TOKEN_VARIABLE, "").split()}
    helpers = processes.multiprocessing_helpers() | {os.getpid()}
    return [p for p in everything if p.pid in mine and p.pid not in helpers and p.state != "Z"]


def _environment(pid: int) -> dict[str, str]:
    """A process's environment as it was started (Linux only; elsewhere, and for others' processes, {})."""
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    pairs = (item.decode(errors="replace").partition("=") for item in raw.split(b"\0") if item)
    return {name: value for name, _, value in pairs}


def _leftover_processes(token: str) -> list[str]:
    left = processes.wait_until_gone(lambda: _ours(token), timeout=2.0)
    lines = []
    for p in left:
        lines.append(f"process {p.pid} (killed): {p.command or '?'}")
        try:
            os.kill(p.pid, signal.SIGKILL)
        except OSError:
            pass
    return lines


# Listening sockets


def _leftover_sockets(token: str) -> list[str]:
    owners = [os.getpid(), *(p.pid for p in _ours(token))]
    if os.path.isdir("/proc/self/fd"):
        listening = _listening_inodes()
        found = []
        for pid in owners:
            for inode in _socket_inodes(pid):
                if inode in listening:
                    found.append(f"listening socket {listening[inode]} in process {pid}")
        return found
    return _listening_with_lsof(owners)


def _listening_inodes() -> dict[str, str]:
    """inode -> "address:port" of every listening TCP socket (Linux /proc/net/tcp and tcp6)."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) > 9 and fields[3] == "0A":  # 0A: LISTEN
                address, _, port = fields[1].rpartition(":")
                found[fields[9]] = f"{_address(address)}:{int(port, 16)}"
    return found


def _address(hex_address: str) -> str:
    if len(hex_address) == 8:  # IPv4, little-endian
        return ".".join(str(int(hex_address[i : i + 2], 16)) for i in (6, 4, 2, 0))
    return "[" + hex_address + "]"  # IPv6 as the kernel writes it: precise enough to name the socket


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return inodes
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def _listening_with_lsof(pids: list[int]) -> list[str]:
    """macOS and other systems without /proc: ask lsof, which they ship."""
    lsof = shutil.which("lsof")
    if lsof is None:
        return []
    out = subprocess.run(
        [lsof, "-nP", "-a", "-p", ",".join(map(str, pids)), "-iTCP", "-sTCP:LISTEN", "-Fpn"],
        capture_output=True,
        text=True,
    ).stdout
    found, pid = [], "?"
    for line in out.splitlines():
        if line.startswith("p"):
            pid = line[1:]
        elif line.startswith("n"):
            found.append(f"listening socket {line[1:]} in process {pid}")
    return found


# Shared memory


def _shm_names() -> set[str]:
    """Segments in /dev/shm: files (folders there are tools' scratch space, e.g. joblib's)."""
    try:
        return {entry.name for entry in os.scandir(SHM) if entry.is_file(follow_symlinks=False)}
    except OSError:  # no /dev/shm (macOS keeps POSIX shared memory out of the file system)
        return set()


def _named_after_another_process(name: str, ours: set[int]) -> bool:
    """Some libraries put their pid in a segment's name (loky: sem.loky-<pid>-...)."""
    pids = {int(n) for n in re.findall(r"(?:^|[-_.])(\d{2,7})(?=[-_.]|$)", name)}
    return any(pid not in ours and os.path.exists(f"/proc/{pid}") for pid in pids)


def _shm_users(names: set[str]) -> dict[str, set[int]]:
    """Which processes have each of these segments open or mapped."""
    paths = {str(SHM / n): n for n in names}
    users: dict[str, set[int]] = {n: set() for n in names}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            maps = Path(f"/proc/{entry}/maps").read_text(errors="replace")
            fds = os.listdir(f"/proc/{entry}/fd")
        except OSError:
            continue
        held = {path for path in paths if path in maps}
        for fd in fds:
            try:
                held.add(os.readlink(f"/proc/{entry}/fd/{fd}"))
            except OSError:
                continue
        for path in held & paths.keys():
            users[paths[path]].add(int(entry))
    return users


def _note_new_shm(snap: Snapshot) -> None:
    """Note, while they are in use, which new segments are the run's and which other programs'."""
    new = _shm_names() - snap.shm - snap.shm_seen
    if not new:
        return
    snap.shm_seen |= new
    ours = {os.getpid(), *(p.pid for p in _ours(snap.token))}
    for name, pids in _shm_users(new).items():
        if pids & ours:
            snap.shm_ours.add(name)
        if pids - ours or _named_after_another_process(name, ours):
            snap.shm_foreign.add(name)


def pytest_runtest_logfinish() -> None:  # after every test: cheap unless a segment appeared
    snap = _snapshot
    if snap is not None:
        _note_new_shm(snap)


def _record_registrations(snap: Snapshot) -> None:
    """Names that multiprocessing registers in pytest's own process (doctests, in-process tests) are
    the run's: a segment closed but never unlinked is in use by nobody at the end, yet still ours."""
    register = resource_tracker.register

    def recording(name: str, rtype: str) -> None:
        file = name.lstrip("/")
        snap.shm_ours.add(file if rtype == "shared_memory" else f"sem.{file}")
        register(name, rtype)

    resource_tracker.register = recording


def _stop_resource_tracker() -> None:
    """Stop multiprocessing's resource tracker, as it stops when pytest exits. The semaphores of
    locks still alive here are handed to a fresh tracker, so that their own finalizers find them
    when the process exits."""
    tracker = resource_tracker._resource_tracker
    if getattr(tracker, "_fd", None) is None:
        return
    live = ["/" + n.removeprefix("sem.") for n in _live_semaphores() if n.startswith("sem.mp-")]
    for name in live:
        resource_tracker.unregister(name, "semaphore")
    tracker._stop()
    for name in live:
        resource_tracker.register(name, "semaphore")


def _live_semaphores() -> set[str]:
    """Semaphores of locks still alive in pytest's own process (a snippet's module-level lock, the
    workers of joblib's reusable executor): multiprocessing's and loky's locks unlink their semaphore
    in a finalizer when the process exits, so they are not leftovers."""
    from multiprocessing.synchronize import SemLock

    classes = [SemLock]
    loky = sys.modules.get("joblib.externals.loky.backend.synchronize")
    if loky is not None:
        classes.append(loky.SemLock)
    gc.collect()  # locks nobody holds any more unlink their semaphores now
    names = set()
    for obj in gc.get_objects():
        if isinstance(obj, tuple(classes)):
            name = getattr(getattr(obj, "_semlock", None), "name", None)
            if name:
                names.add(f"sem.{name.lstrip('/')}")
    return names


def _alone() -> bool:
    """Under CI nothing else runs on the machine, unless `make test` runs pytest runs side by side
    (it sets SIDE_BY_SIDE_VARIABLE): then another run's semaphores must not count as this run's."""
    ci = os.environ.get("CI", "").lower() in ("true", "1")
    return ci and not os.environ.get(SIDE_BY_SIDE_VARIABLE)


def _leftover_shm(snap: Snapshot) -> list[str]:
    """New segments in use by no other program that stay: a program that just ended has its segments
    removed by its resource tracker within moments, so wait a little before naming any. On a shared
    machine only segments seen to be the run's are named; when the run is alone on the machine, all are."""
    _note_new_shm(snap)
    candidates = _shm_names() - snap.shm - snap.shm_foreign - _live_semaphores()
    if not _alone():
        candidates &= snap.shm_ours
    deadline = time.monotonic() + SHM_GRACE
    while candidates and time.monotonic() < deadline:
        time.sleep(0.2)
        ours = {os.getpid(), *(p.pid for p in _ours(snap.token))}
        users = _shm_users(candidates & _shm_names())
        candidates = {
            n for n, pids in users.items() if not pids - ours and not _named_after_another_process(n, ours)
        }
    # A worker that exits without its finalizers (a terminated pool; a spawned worker whose module
    # made a lock at import) leaves its semaphores to the resource tracker, which removes them when
    # pytest exits. Let the tracker finish now: a semaphore it removes was not left behind. A
    # shared-memory segment found above stays a leftover even if the tracker removes it too.
    if any(n.startswith("sem.mp-") for n in candidates):
        _stop_resource_tracker()
        candidates -= {n for n in candidates if n.startswith("sem.mp-") and not (SHM / n).exists()}
    # Reported, not removed: under CI the run ends here anyway, and elsewhere it is safer not to.
    return [f"shared-memory segment {SHM / name}" for name in sorted(candidates)]


# Temporary files


def _leftover_temp(temp_dir: Path) -> list[str]:
    lines = []
    for path in sorted(temp_dir.iterdir()) if temp_dir.is_dir() else []:
        if path.name not in CACHES:
            kind = "directory" if path.is_dir() else "file"
            lines.append(f"temporary {kind} {path.name} (removed from {temp_dir})")
    return lines
