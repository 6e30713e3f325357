"""snippets/dask_cluster.py's two paths: the LocalCluster it starts by default, and a cluster it did not
start (`dask scheduler` and `dask worker` as separate processes on 127.0.0.1) reached through
DASK_SCHEDULER_ADDRESS. Both listen on 127.0.0.1 only and leave no process behind.
"""

from __future__ import annotations

import ipaddress
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from snippets import dask_cluster
from tests.support import processes

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 2
pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.once,
]  # Dask starts its workers its own way, whatever the suite's start method


@dataclass
class Cluster:
    address: str
    groups: list[int]  # process group of each command: the command, its nannies and workers
    logs: list[Path]

    def log_tail(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-2000:]}" for p in self.logs)


def _start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "dask", *args],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: its workers can be found and stopped
        )


def listening_hosts(pids: set[int]) -> set[str]:
    """The local addresses on which these processes listen for TCP connections (Linux: /proc)."""
    inodes = set()
    for pid in pids:
        with suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with suppress(OSError):
                    link = os.readlink(f"/proc/{pid}/fd/{fd}")
                    if link.startswith("socket:["):
                        inodes.add(link[8:-1])
    hosts = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with suppress(OSError), open(table, encoding="ascii") as f:
            for row in f.read().splitlines()[1:]:
                fields = row.split()
                if fields[3] == "0A" and fields[9] in inodes:  # state LISTEN
                    raw = bytes.fromhex(fields[1].split(":")[0])
                    words = [raw[i : i + 4][::-1] for i in range(0, len(raw), 4)]  # little-endian words
                    hosts.add(str(ipaddress.ip_address(b"".join(words))))
    return hosts


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM for a clean shutdown, then SIGKILL for whatever is left of its process group."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    if processes.wait_until_gone(lambda: processes.group(proc.pid), timeout=5) or proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass
    proc.wait()


def _address(scheduler_file: Path, scheduler: subprocess.Popen[bytes], timeout: float = 45) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and scheduler.poll() is None:
        try:
            return json.loads(scheduler_file.read_text())["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.1)  # not written yet, or half-written
    raise RuntimeError(f"the scheduler wrote no address (exit code {scheduler.poll()})")


# Safety nets if this test process dies without its teardown: an idle scheduler stops itself,
# and workers stop once their scheduler is gone.
# Every listening socket on 127.0.0.1: `--no-dashboard` alone still serves HTTP on all interfaces.
LOCAL = ("--host", "127.0.0.1", "--no-dashboard", "--dashboard-address", "127.0.0.1:0")
SCHEDULER = ("scheduler", *LOCAL, "--port", "0", "--idle-timeout", "120s")
WORKER = ("worker", *LOCAL, "--death-timeout", "30s")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    """A scheduler and WORKERS single-threaded workers, each in its own process, on 127.0.0.1."""
    env = {k: v for k, v in os.environ.items() if k != "DASK_SCHEDULER_ADDRESS"}
    env["PYTHONPATH"] = str(ROOT)  # workers import `snippets.dask_cluster` to run its functions
    env["DASK_TEMPORARY_DIRECTORY"] = str(tmp_path)  # their dask-scratch-space: not the run's temp dir
    scheduler_file = tmp_path / "scheduler.json"
    logs = [tmp_path / "scheduler.log", tmp_path / "worker.log"]
    started: list[subprocess.Popen[bytes]] = []
    try:
        started.append(_start([*SCHEDULER, "--scheduler-file", str(scheduler_file)], logs[0], env))
        address = _address(scheduler_file, started[0])
        workers = [*WORKER, "--nworkers", str(WORKERS), "--nthreads", "1", address]
        started.append(_start(workers, logs[1], env))
        yield Cluster(address, [p.pid for p in started], logs)
    finally:
        for proc in reversed(started):  # workers first: a scheduler that goes first makes them wait
            _stop(proc)
    left = [p for proc in started for p in processes.group(proc.pid)]
    assert not left, f"scheduler or worker processes left behind: {left}"


def test_connects_by_address_to_an_existing_cluster(
    cluster: Cluster, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.address)
    blocks = range(10)
    serial = {b: dask_cluster.digest(b, 2_000) for b in blocks}
    before = {p.pid for p in processes.children()}  # the two commands started by the fixture
    with dask_cluster.connect() as client:
        client.wait_for_workers(WORKERS, timeout=45)
        assert client.scheduler.address == cluster.address, cluster.log_tail()
        assert {p.pid for p in processes.children()} == before, "connect() started processes of its own"
        worker_pids = set(client.run(os.getpid).values())
        by_client = dask_cluster.digests_with_client(client, blocks, 2_000)
        with client.get_executor() as executor:
            by_executor = dask_cluster.digests_with_executor(executor, blocks, 2_000)
        by_joblib = dask_cluster.digests_with_joblib_on_dask(blocks, 2_000)
    cluster_pids = {p.pid for g in cluster.groups for p in processes.group(g)}
    assert len(worker_pids) == WORKERS and worker_pids <= cluster_pids, (worker_pids, cluster_pids)
    if os.path.isdir("/proc/net"):
        assert listening_hosts(cluster_pids) == {"127.0.0.1"}, (
            "a scheduler or worker listens beyond 127.0.0.1"
        )
    assert by_client == by_executor == by_joblib == serial

    # The same file run as a script by a reader who set the variable: its demo uses the cluster too.
    script = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "support" / "run_as_main.py"),
            str(ROOT / "snippets" / "dask_cluster.py"),
        ],
        cwd=tmp_path,  # a reader's copy: the functions travel from its __main__, not from this project
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert script.returncode == 0 and "Traceback" not in script.stderr, script.stderr
    assert f"scheduler {cluster.address}, {WORKERS} workers" in script.stdout, script.stdout
    assert script.stdout.count("same digests: True") == 3, script.stdout


def test_without_an_address_it_starts_and_stops_a_local_cluster(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    # Dask ignores multiprocessing's start method (beyond-one-machine.md#pitfalls): its workers are
    # spawned all the same. That is why conftest.py runs the snippet's doctest once, not per method.
    before = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("fork", force=True)
    try:
        with dask_cluster.connect(workers=WORKERS) as client:
            assert client.scheduler.address.startswith("tcp://127.0.0.1:")
            worker_pids = set(client.run(os.getpid).values())
            assert len(worker_pids) == WORKERS
            assert worker_pids <= {p.pid for p in processes.children()}, "workers are processes of our own"
            for pid in worker_pids:  # spawn starts a new interpreter, as its command line shows
                command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
                assert b"from multiprocessing.spawn import spawn_main" in command, command
            if os.path.isdir("/proc/net"):
                assert listening_hosts({os.getpid(), *worker_pids}) == {"127.0.0.1"}
            assert dask_cluster.digests_with_client(client, range(4), 100) == {
                b: dask_cluster.digest(b, 100) for b in range(4)
            }
    finally:
        multiprocessing.set_start_method(before, force=True)
    # the autouse leftover check fails this test if a worker outlives the `with` block
