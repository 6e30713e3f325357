"""The tables of "Python 3.11 → 3.14, measured" (docs/*/python-versions.md), one column per interpreter.

With `TIMINGS_PYTHONS=auto` every table here is measured with every CPython >= 3.11 the build finds
(timings/discovery.py), so each one is small: a few seconds per interpreter. The page shows them
through the REPORTS below: a row per version, and a verdict saying what a reader on the oldest
measured version gains or pays by moving to it. The benchmarks import only the standard library and
snippets, so that bare interpreters (no virtual environment) can measure them.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from snippets import count_primes, interpreter_pool
from timings.spec import Benchmark, Lang, Metric, Report, Text, Timer, Variant, both, text
from timings.units import seconds

WORKERS = 2  # every pool here: enough to show parallelism, cheap on every interpreter
CPU_LIMIT = 60_000  # count_serial(60_000, 8): about 0.1-0.25 s of pure Python
THREAD_LIMIT = 40_000
INTERP_LIMIT = 40_000
CHUNKS = 8
METHODS = tuple(m for m in ("fork", "forkserver", "spawn") if m in multiprocessing.get_all_start_methods())
# The oldest Python each table runs on (timings/discovery.py reads it): older ones say "needs 3.14".
MINIMUM_PYTHON = {"versions_interpreters": (3, 14)}
# What the page compares: the versions a reader may be on or move to.
TARGETS = ("3.11", "3.12", "3.13", "3.14", "3.14t")

# ---- the measurements ----


def serial(_: Any) -> None:
    count_primes.count_serial(CPU_LIMIT, CHUNKS)


STARTUP = """\
import json
import sys

from snippets.pool_startup import time_pool_startup

if __name__ == "__main__":
    print(json.dumps({"cold": time_pool_startup(sys.argv[1], int(sys.argv[2]))}))
"""


@contextmanager
def startup_script() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="versions-startup-") as tmp:
        path = Path(tmp, "start_pool.py")
        path.write_text(STARTUP, encoding="utf-8")
        yield path


def first_pool(method: str) -> Callable[[Path], dict[str, float]]:
    """The first pool of a fresh program (a script, as a program runs): what a reader waits for."""

    def run(path: Path) -> dict[str, float]:
        out = subprocess.run(
            [sys.executable, str(path), method, str(WORKERS)], capture_output=True, text=True, check=True
        ).stdout
        return json.loads(out)

    return run


@contextmanager
def thread_pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(WORKERS) as pool:
        yield pool


def edges(limit: int) -> tuple[list[int], list[int]]:
    cuts = [limit * i // CHUNKS for i in range(CHUNKS + 1)]
    return cuts[:-1], cuts[1:]


def in_processes(_: Any) -> None:
    """The same tasks as `count_in_interpreters`, on the default start method's processes."""
    with ProcessPoolExecutor(WORKERS) as pool:
        sum(pool.map(interpreter_pool.count_primes, *edges(INTERP_LIMIT)))


def in_interpreters(_: Any) -> None:
    interpreter_pool.count_in_interpreters(INTERP_LIMIT, CHUNKS, WORKERS)


def serial_interp(_: Any) -> None:
    sum(map(interpreter_pool.count_primes, *edges(INTERP_LIMIT)))


def cpu_counts(_: Any) -> dict[str, float]:
    """What a program sees in a container that lets it run on one CPU of the machine (a cpuset,
    `taskset -c 0`): this process is pinned to one CPU while it asks."""
    allowed = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()
    pinned = len(allowed) > 1
    if pinned:
        os.sched_setaffinity(0, {min(allowed)})
    try:
        process_cpu_count = getattr(os, "process_cpu_count", None)  # Python 3.13+
        with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as processes:
            process_default = processes._max_workers  # no worker starts before the first task
        with ThreadPoolExecutor() as threads:
            thread_default = threads._max_workers
        return {
            "cpu_count": float(os.cpu_count() or 1),
            "allowed": 1.0 if pinned else float(len(allowed) or (os.cpu_count() or 1)),
            "process_cpu_count": float(process_cpu_count() or 1) if process_cpu_count else -1.0,
            "process_default": float(process_default),
            "thread_default": float(thread_default),
        }
    finally:
        if pinned:
            os.sched_setaffinity(0, allowed)


def label(en: str, zh: str | None = None) -> Text:
    """A label in both languages; code and API names read the same in both."""
    return both(en=en, zh=en if zh is None else zh)


# ---- the page: a row per version, and what moving to it gains or pays ----
# Two numbers within 10 % of each other are a tie: less than the noise between two builds.
TIE = 1.10
Results = Callable[[str], Any]  # benchmark id -> timings.results.Result


def minor(version: str) -> str:
    """ "3.14.0t" -> "3.14t" """
    return ".".join(version.rstrip("t").split(".")[:2]) + ("t" if version.endswith("t") else "")


def pct(ratio: float) -> str:
    return f"{abs(ratio - 1) * 100:.0f}"


def load(results: Results, bench_id: str) -> tuple[Any | None, tuple[tuple[str, str], ...]]:
    """(result, interpreters that could not measure it); no result when none could."""
    from timings.discovery import NotMeasurable

    try:
        r = results(bench_id)
    except NotMeasurable as e:
        return None, e.missing
    return r, r.missing


WHY = {  # the reasons discovery gives, in both languages
    "needs": both("needs {0}", "需要 {0}"),
    "lacks": both("lacks {0}", "缺少 {0}"),
}
NOT_MEASURED = both("not measured: {0}", "未测量：{0}")


def why(reason: str, lang: Lang) -> str:
    word, _, rest = reason.partition(" ")
    return text(WHY[word], lang).format(rest) if word in WHY else reason


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join([":--"] * len(header)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def missing_rows(missing: tuple[tuple[str, str], ...], width: int, lang: Lang) -> list[list[str]]:
    return [
        [name, *["—"] * (width - 2), text(NOT_MEASURED, lang).format(why(reason, lang))]
        for name, reason in missing
    ]


# ---- verdicts: numbers in, a sentence out (tests/benchmarks/test_python_versions.py: every branch) ----


def cpu_verdict(base: Any, r: Any, lang: Lang) -> str:
    if r is base:
        return both("the baseline: every other row is compared with it", "基线：其他各行都与它比较")[lang]
    ratio = base.best("serial") / r.best("serial")
    if ratio > TIE:
        return both(
            f"**gains**: {pct(ratio)} % faster than {base.version}",
            f"**收益**：比 {base.version} 快 {pct(ratio)}%",
        )[lang]
    if ratio * TIE < 1:
        return both(
            f"**pays**: {pct(1 / ratio)} % slower than {base.version}",
            f"**代价**：比 {base.version} 慢 {pct(1 / ratio)}%",
        )[lang]
    return both(
        f"the same speed as {base.version} (within 10 %)",
        f"与 {base.version} 速度相同（差距在 10% 以内）",
    )[lang]


def startup_verdict(base: Any, r: Any, lang: Lang) -> str:
    old, new = base.env["start_method"], r.env["start_method"]
    before, after = base.median(old, "cold"), r.median(new, "cold")
    if r is base:
        return both(
            f"the baseline: the default `{old}` starts the first pool in {seconds(before)}",
            f"基线：默认的 `{old}` 启动第一个池用时 {seconds(before)}",
        )[lang]
    if new != old:
        if after > before * TIE:
            return both(
                f"**pays**: the default changes from `{old}` to `{new}`, and a program's first pool takes "
                f"{seconds(after)} instead of {seconds(before)}; `{old}` still takes "
                f"{seconds(r.median(old, 'cold')) if old in r.data['samples'] else '—'} here when asked for",
                f"**代价**：默认启动方法从 `{old}` 变为 `{new}`，程序的第一个池用时 {seconds(after)}，"
                f"而不是 {seconds(before)}；"
                + (
                    f"显式指定 `{old}` 时这里仍为 {seconds(r.median(old, 'cold'))}"
                    if old in r.data["samples"]
                    else f"这里没有 `{old}`"
                ),
            )[lang]
        return both(
            f"the default changes from `{old}` to `{new}`, and the first pool costs no more "
            f"({seconds(after)}, was {seconds(before)})",
            f"默认启动方法从 `{old}` 变为 `{new}`，但第一个池并没有变慢"
            f"（{seconds(after)}，原为 {seconds(before)}）",
        )[lang]
    if after > before * TIE:
        return both(
            f"**pays**: the same default `{new}`, the first pool slower: "
            f"{seconds(after)}, was {seconds(before)}",
            f"**代价**：默认启动方法同为 `{new}`，第一个池变慢：{seconds(after)}，原为 {seconds(before)}",
        )[lang]
    if after * TIE < before:
        return both(
            f"**gains**: the same default `{new}`, the first pool faster: "
            f"{seconds(after)}, was {seconds(before)}",
            f"**收益**：默认启动方法同为 `{new}`，第一个池变快：{seconds(after)}，原为 {seconds(before)}",
        )[lang]
    return both(
        f"the same default `{new}` and the same cost (within 10 %)",
        f"默认启动方法同为 `{new}`，开销相同（差距在 10% 以内）",
    )[lang]


def threads_verdict(r: Any, lang: Lang) -> str:
    s = r.speedup("threads")
    if r.parallel_threads and s > TIE:
        return both(
            f"**gains**: threads ran Python code in parallel, {s:.2f}× serial",
            f"**收益**：线程确实在并行运行 Python 代码，速度是串行的 {s:.2f} 倍",
        )[lang]
    if r.parallel_threads:
        return both(
            f"free-threaded, yet no gain here ({s:.2f}× serial): the machine was busy or the work too short",
            f"自由线程构建，但这里没有收益（速度是串行的 {s:.2f} 倍），原因是机器繁忙或任务太短",
        )[lang]
    if r.env["free_threaded"]:
        return both(
            f"a free-threaded build with the GIL re-enabled (`PYTHON_GIL=1` or an extension): "
            f"{s:.2f}× serial",
            f"自由线程构建，但 GIL 被重新启用（`PYTHON_GIL=1` 或某个扩展模块），速度是串行的 {s:.2f} 倍",
        )[lang]
    return both(
        f"the GIL: threads take turns, {s:.2f}× serial; nothing to gain on CPU-bound code",
        f"有 GIL：线程轮流执行，速度是串行的 {s:.2f} 倍；CPU 密集型代码得不到收益",
    )[lang]


NO_FREE_THREADED = both(
    "no free-threaded interpreter was found (`python3.13t`, `python3.14t`): not measured",
    "没有找到自由线程解释器（`python3.13t`、`python3.14t`），未测量",
)


def interpreters_verdict(r: Any, lang: Lang) -> str:
    p, i = r.median("processes"), r.median("interpreters")
    if i * TIE < p:
        return both(
            f"**gains**: subinterpreters {seconds(i)} against processes {seconds(p)}, {p / i:.2f}× faster",
            f"**收益**：子解释器 {seconds(i)}，进程 {seconds(p)}，子解释器的速度是进程的 {p / i:.2f} 倍",
        )[lang]
    if i > p * TIE:
        return both(
            f"**pays**: subinterpreters {seconds(i)} against processes {seconds(p)}, {i / p:.2f}× slower",
            f"**代价**：子解释器 {seconds(i)}，进程 {seconds(p)}，子解释器的耗时是进程的 {i / p:.2f} 倍",
        )[lang]
    return both(
        f"a tie: subinterpreters {seconds(i)}, processes {seconds(p)} (within 10 %)",
        f"持平：子解释器 {seconds(i)}，进程 {seconds(p)}（差距在 10% 以内）",
    )[lang]


def cpu_count_verdict(r: Any, lang: Lang) -> str:
    count, allowed = int(r.median("pinned", "cpu_count")), int(r.median("pinned", "allowed"))
    workers = int(r.median("pinned", "process_default"))
    has_process_cpu_count = r.median("pinned", "process_cpu_count") >= 0
    if count <= allowed:
        return both(
            f"cannot show it here: this machine has {count} CPU, so pinning changes nothing",
            f"这里无法演示：这台机器只有 {count} 个 CPU，限制 CPU 不会改变任何结果",
        )[lang]
    if not has_process_cpu_count and workers > allowed:
        return both(
            f"**pays**: no `os.process_cpu_count()`; `ProcessPoolExecutor()` starts {workers} workers "
            f"for {allowed} allowed CPU: they take turns on it",
            f"**代价**：没有 `os.process_cpu_count()`；`ProcessPoolExecutor()` 为 {allowed} 个允许使用的 CPU "
            f"启动 {workers} 个工作进程，它们只能轮流运行",
        )[lang]
    if workers == allowed:
        return both(
            f"**gains**: the default pool follows the CPUs allowed: {workers} worker for {allowed} CPU",
            f"**收益**：默认的池大小跟随允许使用的 CPU：{allowed} 个 CPU 对应 {workers} 个工作进程",
        )[lang]
    return both(
        f"`ProcessPoolExecutor()` starts {workers} workers for {allowed} allowed CPU "
        "(`PYTHON_CPU_COUNT` or `-X cpu_count` set?)",
        f"`ProcessPoolExecutor()` 为 {allowed} 个允许使用的 CPU 启动 {workers} 个工作进程"
        "（是否设置了 `PYTHON_CPU_COUNT` 或 `-X cpu_count`？）",
    )[lang]


VERDICTS: dict[str, Callable[[Any, Any, Lang], str]] = {
    "cpu": cpu_verdict,
    "startup": startup_verdict,
    "threads": lambda base, r, lang: threads_verdict(r, lang),
    "interpreters": lambda base, r, lang: interpreters_verdict(r, lang),
    "cpu_count": lambda base, r, lang: cpu_count_verdict(r, lang),
}
NEWEST = both("{version}: {verdict}", "{version}：{verdict}")


def reading(r: Any, lang: Lang, kind: str) -> str:
    """The sentence under the plain table (`make bench`, a marker): the newest version's verdict."""
    ordered = r.runs
    base, newest = ordered[0], ordered[-1]
    return text(NEWEST, lang).format(version=newest.version, verdict=VERDICTS[kind](base, newest, lang))


def read_cpu(r: Any, lang: Lang) -> str:
    return reading(r, lang, "cpu")


def read_startup(r: Any, lang: Lang) -> str:
    return reading(r, lang, "startup")


def read_threads(r: Any, lang: Lang) -> str:
    return reading(r, lang, "threads")


def read_interpreters(r: Any, lang: Lang) -> str:
    return reading(r, lang, "interpreters")


def read_cpu_count(r: Any, lang: Lang) -> str:
    return reading(r, lang, "cpu_count")


# ---- the tables ----

COUNT = "count"
BENCHMARKS = (
    Benchmark(
        id="versions_cpu",
        reading=read_cpu,
        title=label("Pure-Python CPU work, serial", "纯 Python 的 CPU 密集型任务（串行）"),
        variants=(Variant("serial", label("count primes below 60,000", "统计 60,000 以下的素数"), serial),),
        sources=("snippets/count_primes.py",),
        columns=("best", "median", "range"),
        chart="best",
        rounds=5,
        timer="steady",  # no pool at all: one interpreter running Python code
    ),
    Benchmark(
        id="versions_startup",
        reading=read_startup,
        title=label(
            f"First pool of a fresh program: start {WORKERS} workers, run one task, shut down",
            f"新程序的第一个池：启动 {WORKERS} 个工作进程，执行一个任务，再关闭",
        ),
        variants=tuple(Variant(m, label(f"`{m}`"), first_pool(m)) for m in METHODS),
        sources=("snippets/pool_startup.py",),
        metrics=(Metric("cold", label("First pool", "第一个池")),),
        columns=("cold",),
        chart="cold",
        rounds=3,
        warmup=0,  # every round is a fresh program
        setup=startup_script,
        timer="end_to_end",
        compares_start_methods=True,
    ),
    Benchmark(
        id="versions_threads",
        reading=read_threads,
        title=label(
            f"A thread pool of {WORKERS} on CPU-bound Python code",
            f"{WORKERS} 个线程的线程池运行 CPU 密集型 Python 代码",
        ),
        variants=(
            Variant(
                "serial",
                label("serial", "串行（基线）"),
                lambda _: count_primes.count_serial(THREAD_LIMIT, CHUNKS),
            ),
            Variant(
                "threads",
                label(f"`ThreadPoolExecutor({WORKERS})`"),
                lambda pool: count_primes.count_in(pool, THREAD_LIMIT, CHUNKS),
                workers=WORKERS,
            ),
        ),
        sources=("snippets/count_primes.py",),
        baseline="serial",
        columns=("best", "median", "speedup"),
        chart="speedup",
        rounds=4,
        setup=thread_pool,
        timer="steady",
    ),
    Benchmark(
        id="versions_interpreters",
        reading=read_interpreters,
        title=label(
            f"{WORKERS} subinterpreters against {WORKERS} processes: start, count primes, shut down",
            f"{WORKERS} 个子解释器与 {WORKERS} 个进程：启动、统计素数、关闭",
        ),
        variants=(
            Variant("serial", label("serial", "串行（基线）"), serial_interp),
            Variant("processes", label(f"`ProcessPoolExecutor({WORKERS})`"), in_processes, workers=WORKERS),
            Variant(
                "interpreters",
                label(f"`InterpreterPoolExecutor({WORKERS})`"),
                in_interpreters,
                workers=WORKERS,
            ),
        ),
        sources=("snippets/interpreter_pool.py",),
        baseline="serial",
        columns=("best", "median", "speedup"),
        chart="best",
        rounds=3,
        timer="end_to_end",
    ),
    Benchmark(
        id="versions_cpu_count",
        reading=read_cpu_count,
        title=label("Pinned to one CPU: what Python counts", "只允许使用一个 CPU 时 Python 数出的 CPU 个数"),
        variants=(Variant("pinned", label("one CPU allowed", "只允许一个 CPU"), cpu_counts),),
        sources=("snippets/pool_lifecycle.py",),
        metrics=(
            Metric("cpu_count", label("`os.cpu_count()`"), COUNT),
            Metric("allowed", label("CPUs allowed", "允许使用的 CPU"), COUNT),
            Metric("process_cpu_count", label("`os.process_cpu_count()`"), COUNT),
            Metric(
                "process_default",
                label("ProcessPoolExecutor() workers", "ProcessPoolExecutor() 的工作进程数"),
                COUNT,
            ),
            Metric(
                "thread_default",
                label("`ThreadPoolExecutor()` workers", "`ThreadPoolExecutor()` 的工作线程数"),
                COUNT,
            ),
        ),
        columns=("cpu_count", "allowed", "process_default", "thread_default"),
        chart="process_default",
        rounds=1,
        warmup=0,
        timer="end_to_end",
    ),
)


# ---- the reports: a row per interpreter; the engine adds the caption (`Report.caption`) ----

H = {
    "version": both("Python", "Python"),
    "verdict": both("Moving there from the oldest measured", "从最旧的已测版本换到此版本"),
    "verdict_here": both("On this version", "此版本的表现"),
    "best": both("Fastest round", "最快一轮"),
    "median": both("Median wall time", "墙钟时间中位数"),
    "default": both("Default start method", "默认启动方法"),
    "speedup": both("Threads vs serial", "线程相对串行"),
    "serial": both("Serial", "串行（基线）"),
    "process_workers": both("`ProcessPoolExecutor()` workers", "`ProcessPoolExecutor()` 的工作进程数"),
    "thread_workers": both("`ThreadPoolExecutor()` threads", "`ThreadPoolExecutor()` 的工作线程数"),
}
SINCE_3_13 = both("— (3.13+)", "—（3.13 起）")


def cpu_report(results: Results, lang: Lang) -> str:
    r, missing = load(results, "versions_cpu")
    header = [text(H[h], lang) for h in ("version", "best", "median", "verdict")]
    ordered = r.runs if r is not None else ()
    rows = [
        [x.version, seconds(x.best("serial")), seconds(x.median("serial")), cpu_verdict(ordered[0], x, lang)]
        for x in ordered
    ]
    return table(header, rows + missing_rows(missing, len(header), lang))


def startup_report(results: Results, lang: Lang) -> str:
    r, missing = load(results, "versions_startup")
    header = [
        text(H["version"], lang),
        text(H["default"], lang),
        *[f"`{m}`" for m in METHODS],
        text(H["verdict"], lang),
    ]
    ordered = r.runs if r is not None else ()
    rows = []
    for x in ordered:
        cells = [seconds(x.median(m, "cold")) if m in x.data["samples"] else "—" for m in METHODS]
        rows.append([x.version, f"`{x.env['start_method']}`", *cells, startup_verdict(ordered[0], x, lang)])
    return table(header, rows + missing_rows(missing, len(header), lang))


def threads_report(results: Results, lang: Lang) -> str:
    r, missing = load(results, "versions_threads")
    header = [text(H[h], lang) for h in ("version", "best", "speedup", "verdict_here")]
    ordered = r.runs if r is not None else ()
    rows = [
        [x.version, seconds(x.best("threads")), f"{x.speedup('threads'):.2f}×", threads_verdict(x, lang)]
        for x in ordered
    ]
    rows += missing_rows(missing, len(header), lang)
    if not any(x.env["free_threaded"] for x in ordered):
        rows.append(["3.14t", "—", "—", text(NO_FREE_THREADED, lang)])
    return table(header, rows)


def interpreters_report(results: Results, lang: Lang) -> str:
    r, missing = load(results, "versions_interpreters")
    header = [
        text(H["version"], lang),
        text(H["serial"], lang),
        "`ProcessPoolExecutor`",
        "`InterpreterPoolExecutor`",
        text(H["verdict_here"], lang),
    ]
    ordered = r.runs if r is not None else ()
    rows = [
        [
            x.version,
            seconds(x.median("serial")),
            seconds(x.median("processes")),
            seconds(x.median("interpreters")),
            interpreters_verdict(x, lang),
        ]
        for x in ordered
    ]
    return table(header, missing_rows(missing, len(header), lang) + rows)


def cpu_count_report(results: Results, lang: Lang) -> str:
    r, missing = load(results, "versions_cpu_count")
    header = [
        text(H["version"], lang),
        "`os.cpu_count()`",
        "`os.process_cpu_count()`",
        text(H["process_workers"], lang),
        text(H["thread_workers"], lang),
        text(H["verdict_here"], lang),
    ]
    rows = []
    for x in r.runs if r is not None else ():
        pcc = x.median("pinned", "process_cpu_count")
        rows.append(
            [
                x.version,
                f"{x.median('pinned', 'cpu_count'):.0f}",
                f"{pcc:.0f}" if pcc >= 0 else text(SINCE_3_13, lang),
                f"{x.median('pinned', 'process_default'):.0f}",
                f"{x.median('pinned', 'thread_default'):.0f}",
                cpu_count_verdict(x, lang),
            ]
        )
    return table(header, rows + missing_rows(missing, len(header), lang))


COVERAGE = both("This build measured with **{measured}**.", "本次站点构建用 **{measured}** 测量。")
NO_INTERPRETER = both("no interpreter", "零个解释器")
ABSENT = both(" Not measured: **{absent}**; {how}.", "未测量：**{absent}**，因为{how}。")
NOT_FOUND = both("none was found on the build machine", "构建机器上没有找到它们")
NOT_ASKED = both(
    "the build was not asked to look for them: `TIMINGS_PYTHONS=auto make build` (or "
    "`make bench-versions`) measures with every CPython ≥ 3.11 it finds",
    "这次构建没有设置为查找它们；`TIMINGS_PYTHONS=auto make build`（或 `make bench-versions`）"
    "会用找到的每个 CPython 3.11 及以上版本测量",
)
ENUMERATION = both(", ", "、")


def coverage_report(results: Results, lang: Lang) -> str:
    """Which versions the page measured, and which it could not (and why)."""
    from timings import discovery, interpreters

    r, _ = load(results, "versions_cpu")
    measured = [x.version for x in r.runs] if r is not None else []
    seen = {minor(v) for v in measured}
    absent = [t for t in TARGETS if t not in seen]
    joined = text(ENUMERATION, lang).join
    out = text(COVERAGE, lang).format(measured=joined(measured) or text(NO_INTERPRETER, lang))
    if absent:
        how = NOT_FOUND if discovery.AUTO in interpreters.listed() else NOT_ASKED
        out += text(ABSENT, lang).format(absent=joined(absent), how=text(how, lang))
    return out


def report(
    report_id: str, needs: str, render: Callable[[Results, Lang], str], caption: Timer | None = None
) -> Report:
    return Report(id=report_id, needs=(needs,), render=render, caption=caption)


REPORTS = (
    report("versions_coverage", "versions_cpu", coverage_report),
    report("versions_cpu_report", "versions_cpu", cpu_report, "steady"),
    report("versions_startup_report", "versions_startup", startup_report, "end_to_end"),
    report("versions_threads_report", "versions_threads", threads_report, "steady"),
    report("versions_interpreters_report", "versions_interpreters", interpreters_report, "end_to_end"),
    report("versions_cpu_count_report", "versions_cpu_count", cpu_count_report, "end_to_end"),
)
