"""Pool start-up cost per start method, in a fresh interpreter (cold) and again (warm)."""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from timings.spec import Benchmark, Lang, Metric, Variant, available_cores, both
from timings.units import percent

WORKERS = available_cores()
METHODS = tuple(m for m in ("fork", "forkserver", "spawn") if m in multiprocessing.get_all_start_methods())
# A fresh interpreter runs a real script, as a program would (not `python -c`: there forkserver has
# no main module to preload, and from 3.14 a script's top-level imports also run in its server).
# It times its first pool (cold: nothing started yet), then a second one (warm).
SCRIPT = """\
import json
import sys

from snippets.pool_startup import time_pool_startup

if __name__ == "__main__":
    method, workers = sys.argv[1], int(sys.argv[2])
    cold = time_pool_startup(method, workers)
    print(json.dumps({"cold": cold, "warm": time_pool_startup(method, workers)}))
"""


@contextmanager
def script() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="pool-startup-") as tmp:
        path = Path(tmp, "start_pools.py")
        path.write_text(SCRIPT, encoding="utf-8")
        yield path


def cold_and_warm(path: Path, method: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(path), method, str(WORKERS)], capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out)


def variant(method: str) -> Variant:
    return Variant(
        method, {"en": f"`{method}`", "zh": f"`{method}`"}, lambda path: cold_and_warm(path, method)
    )


def read_startup(r, lang: Lang) -> str:
    cold = {m: r.median(m, "cold") for m in METHODS}
    warm = {m: r.median(m, "warm") for m in METHODS}
    cheapest, dearest = min(cold, key=cold.get), max(cold, key=cold.get)
    ratio = cold[dearest] / cold[cheapest]
    fs = "forkserver"
    tail = both(en="", zh="")
    if fs in warm:
        share = warm[fs] / cold[fs]
        tail = both(
            en=f" The second `{fs}` pool costs **{percent(share, 'en')}** of the first: its server "
            "process starts only once.",
            zh=f"`{fs}` 的第二个池耗时只有第一个池的 **{percent(share, 'zh')}**，因为服务器进程只启动一次。",
        )
    return both(
        en=f"In a fresh interpreter `{cheapest}` starts a pool most cheaply and `{dearest}` costs "
        f"**{ratio:.1f} times** as much.{tail['en']}",
        zh=f"在新启动的解释器里，`{cheapest}` 建池最快，`{dearest}` 最慢，"
        f"耗时是前者的 **{ratio:.1f} 倍**。{tail['zh']}",
    )[lang]


BENCHMARKS = (
    Benchmark(
        id="pool_startup",
        title={
            "en": f"Start a pool of {WORKERS} workers, run one task, shut it down",
            "zh": f"启动 {WORKERS} 个工作进程的进程池、执行一个任务、再关闭",
        },
        variants=tuple(variant(m) for m in METHODS),
        sources=("snippets/pool_startup.py",),
        timer="end_to_end",  # start-up is what this table measures
        compares_start_methods=True,
        setup=script,
        metrics=(
            Metric("cold", {"en": "First pool (cold)", "zh": "首个池（冷启动）"}),
            Metric("warm", {"en": "Next pool (warm)", "zh": "下一个池（热启动）"}),
        ),
        columns=("cold", "warm"),
        rounds=4,  # spawn pools take a third of a second each
        warmup=0,  # every round is a fresh interpreter: there is nothing to warm up
        chart="cold",
        reading=read_startup,
    ),
)
