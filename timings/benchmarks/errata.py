"""The 2014 post's claims, each with a verdict computed from this build's tables.

A claim is a small object: the benchmark ids it reads, a `check` that turns their results into a
`Finding` (a verdict and today's numbers, in both languages), and the post's words and figures. To
add one, write a `check` and append a `Claim` to `CLAIMS`; the report's `needs` follow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from timings.benchmarks.concurrent_futures import CHUNK
from timings.spec import Lang, Report, Text, both, text
from timings.units import seconds

# Two times within 10 % of each other count as a tie: less than the noise between two builds.
TIE = 1.10

Results = Callable[[str], Any]  # benchmark id -> timings.result.Result


class Verdict(Enum):
    HOLDS = "holds"
    PARTLY = "partly"
    FAILS = "fails"


VERDICTS: dict[Verdict, Text] = {
    Verdict.HOLDS: {"en": "holds", "zh": "成立"},
    Verdict.FAILS: {"en": "does not hold", "zh": "不成立"},
}


@dataclass(frozen=True)
class Finding:
    verdict: Verdict
    today: Text  # this build's numbers
    only: Text | None = None  # for PARTLY: the condition under which the claim holds

    def label(self, lang: Lang) -> str:
        if self.verdict is Verdict.PARTLY:
            assert self.only is not None, "a partial verdict names its condition"
            return {"en": f"holds only {self.only['en']}", "zh": f"仅{self.only['zh']}成立"}[lang]
        return text(VERDICTS[self.verdict], lang)


@dataclass(frozen=True)
class Claim:
    said: Text  # the claim, as the post made it
    then: Text  # the post's figures
    needs: tuple[str, ...]
    check: Callable[[Results], Finding]
    where: str | None = None  # the page section that shows the table


NOTES = both(en=" ({})", zh="（{}）")  # after the numbers: a busy machine, where to look
SEMICOLON = both(en="; ", zh="；")


def slower_than_serial(serial: float, parallel: float, today: Text) -> Finding:
    """A claim that the parallel way is slower: it holds, fails, or holds as "no faster" (a tie)."""
    if parallel > serial * TIE:
        return Finding(Verdict.HOLDS, today)
    if parallel * TIE < serial:
        return Finding(Verdict.FAILS, today)
    return Finding(Verdict.PARTLY, today, only=both("as “no faster than serial”", "就“不比串行快”而言"))


def x(value: float) -> str:
    return f"{value:.2f}×"


# ---- the checks: numbers in, verdict out ----


def processes_beat_threads_on_cpu(results: Results) -> Finding:
    r = results("hash_files_cpu")
    p, t = r.speedup("processes"), r.speedup("threads")
    verdict = Verdict.HOLDS if p > t * TIE else Verdict.FAILS
    return Finding(
        verdict,
        both(
            f"speedup vs serial: processes {x(p)}, threads {x(t)}",
            f"相对串行的加速比：进程 {x(p)}，线程 {x(t)}",
        ),
    )


def threads_slower_than_serial_on_cpu(results: Results) -> Finding:
    r = results("hash_files_cpu")
    t = r.speedup("threads")
    if t * TIE < 1:
        return Finding(Verdict.HOLDS, both(f"threads: {x(t)} serial speed", f"线程：速度是串行的 {t:.2f} 倍"))
    if t > TIE:
        return Finding(
            Verdict.FAILS, both(f"threads: {x(t)} faster than serial", f"线程比串行快，加速比 {x(t)}")
        )
    return Finding(
        Verdict.PARTLY,
        both(f"threads: {x(t)} serial speed, a tie", f"线程：速度是串行的 {t:.2f} 倍，两者持平"),
        only=both("as “no faster than serial”", "就“不比串行快”而言"),
    )


def processes_slower_than_serial_on_trivial_work(results: Results) -> Finding:
    r = results("hash_files_overhead")
    s, p = r.median("serial"), r.median("processes")
    today = both(
        f"serial {seconds(s)}, processes {seconds(p)}, {r.overhead_us('processes'):+.1f} µs per item",
        f"串行 {seconds(s)}，进程 {seconds(p)}，每项 {r.overhead_us('processes'):+.1f} µs",
    )
    return slower_than_serial(s, p, today)


def executor_slower_than_pool(results: Results) -> Finding:
    r = results("executor_chunksize")
    pool = r.median("pool_map")
    one, chunked = r.median("executor_1") / pool, r.median("executor_chunked") / pool
    today = both(
        f"Pool.map {seconds(pool)}; executor with chunksize=1 {x(one)} that time, "
        f"with chunksize={CHUNK} {x(chunked)}",
        f"Pool.map {seconds(pool)}；执行器的耗时在 chunksize=1 时是它的 {one:.2f} 倍，"
        f"chunksize={CHUNK} 时是它的 {chunked:.2f} 倍",
    )
    if one <= TIE:
        return Finding(Verdict.FAILS, today)
    if chunked <= TIE:
        return Finding(
            Verdict.PARTLY,
            today,
            only=both("with `chunksize=1`, its default", "在 `chunksize=1`（默认值）时"),
        )
    return Finding(Verdict.HOLDS, today)


def threads_suffice_for_crawling(results: Results) -> Finding:
    r = results("crawler_workers")
    most = max(v.workers for v in r.bench.variants)
    t, p = r.median(f"threads_{most}"), r.median(f"processes_{most}")
    today = both(
        f"{most} threads {seconds(t)} ({x(r.speedup(f'threads_{most}'))}), "
        f"{most} processes {seconds(p)} ({x(r.speedup(f'processes_{most}'))})",
        f"{most} 个线程 {seconds(t)}（{x(r.speedup(f'threads_{most}'))}），"
        f"{most} 个进程 {seconds(p)}（{x(r.speedup(f'processes_{most}'))}）",
    )
    good = r.speedup(f"threads_{most}") > TIE and t <= p * TIE
    return Finding(Verdict.HOLDS if good else Verdict.FAILS, today)


def lock_around_everything_slower_than_serial(results: Results) -> Finding:
    r = results("pool_lock_contention")
    s, locked, free = r.median("serial"), r.median("pool_locked"), r.median("pool_unlocked")
    today = both(
        f"serial {seconds(s)}, pool with the lock {seconds(locked)}, without it {seconds(free)}",
        f"串行 {seconds(s)}，加锁的进程池 {seconds(locked)}，不加锁 {seconds(free)}",
    )
    return slower_than_serial(s, locked, today)


def apply_async_same_total_as_map(results: Results) -> Finding:
    r = results("pool_first_result")
    m, a = r.median("map"), r.median("apply_async")
    first_m, first_a = r.median("map", "first_result"), r.median("apply_async", "first_result")
    today = both(
        f"total: map {seconds(m)}, apply_async {seconds(a)}; first result after "
        f"{seconds(first_m)} and {seconds(first_a)}",
        f"总耗时：map {seconds(m)}，apply_async {seconds(a)}；首个结果分别在 {seconds(first_m)} 和 "
        f"{seconds(first_a)} 后到达",
    )
    same = max(m, a) <= min(m, a) * TIE
    return Finding(Verdict.HOLDS if same else Verdict.FAILS, today)


# ---- the claims ----

CLAIMS: tuple[Claim, ...] = (
    Claim(
        said=both(
            "On CPU-bound work processes beat threads (“4 < 16 < 21, it is not difficult to choose”).",
            "CPU 密集型任务上，进程胜过线程（“4 < 16 < 21，不难选择”）。",
        ),
        then=both(
            f"4 processes 4.87 s ({x(16.23 / 4.87)}), 4 threads 21.81 s ({x(16.23 / 21.81)}), serial 16.23 s",
            f"4 个进程 4.87 s（{x(16.23 / 4.87)}），4 个线程 21.81 s（{x(16.23 / 21.81)}），串行 16.23 s",
        ),
        needs=("hash_files_cpu",),
        check=processes_beat_threads_on_cpu,
        where="hash-files.md#cpu-bound",
    ),
    Claim(
        said=both(
            "On CPU-bound work threads are slower than serial.",
            "CPU 密集型任务上，线程比串行还慢。",
        ),
        then=both(
            f"threads 21.81 s, serial 16.23 s: {x(16.23 / 21.81)} serial speed",
            f"线程 21.81 s，串行 16.23 s，线程的速度是串行的 {16.23 / 21.81:.2f} 倍",
        ),
        needs=("hash_files_cpu",),
        check=threads_slower_than_serial_on_cpu,
        where="hash-files.md#cpu-bound",
    ),
    Claim(
        said=both(
            "Without the CPU-heavy step, processes are slower than serial.",
            "去掉 CPU 密集型步骤后，进程比串行还慢。",
        ),
        then=both(
            "serial 0.182 s, 4 processes 0.397 s (403,365 files)",
            "串行 0.182 s，4 个进程 0.397 s（403,365 个文件）",
        ),
        needs=("hash_files_overhead",),
        check=processes_slower_than_serial_on_trivial_work,
        where="hash-files.md#overhead-bound",
    ),
    Claim(
        said=both(
            "`ProcessPoolExecutor` is slower than `multiprocessing.Pool` “in most cases”.",
            "`ProcessPoolExecutor`“大多数情况下”比 `multiprocessing.Pool` 慢。",
        ),
        then=both(
            "its own CPU-bound run: Pool 5.80 s, ProcessPoolExecutor 5.76 s",
            "原文自己的 CPU 密集型测试：Pool 5.80 s，ProcessPoolExecutor 5.76 s",
        ),
        needs=("executor_chunksize",),
        check=executor_slower_than_pool,
        where="concurrent-futures.md#measured",
    ),
    Claim(
        said=both(
            "For I/O-bound work such as crawling, threads are enough.",
            "对爬虫这类 I/O 密集型任务，线程就够了。",
        ),
        then=both(
            "not measured: the post crawled with `mp.Process`, `cpu_count() * 2` of them",
            "没有测量；原文用 `mp.Process` 爬取，开了 `cpu_count() * 2` 个进程",
        ),
        needs=("crawler_workers",),
        check=threads_suffice_for_crawling,
        where="crawler.md#measured",
    ),
    Claim(
        said=both(
            "With every function under one lock, processes are “even worse than the sequential execution”.",
            "把所有函数都放在同一把锁下，多进程“甚至比串行执行还慢”。",
        ),
        then=both("no figures given", "原文没有给出数字"),
        needs=("pool_lock_contention",),
        check=lock_around_everything_slower_than_serial,
        where="locks.md#contention",
    ),
    Claim(
        said=both(
            "`apply_async` and `map` take the same total time.",
            "`apply_async` 和 `map` 的总耗时相同。",
        ),
        then=both("apply_async 5.700 s, map 5.707 s", "apply_async 5.700 s，map 5.707 s"),
        needs=("pool_first_result",),
        check=apply_async_same_total_as_map,
        where="map-apply.md#first-result",
    ),
)

HEADER: dict[str, Text] = {
    "said": both("The post’s claim", "原文的论断"),
    "then": both("2014 figures", "2014 年的数字"),
    "today": both("This build", "本次构建"),
    "verdict": both("Verdict", "结论"),
}
FOOTER = both(
    "Verdicts are computed when the site is built, from the tables linked in the third column; times "
    f"within {TIE - 1:.0%} of each other count as a tie. The 2014 figures come from the post's own machine "
    "(4 workers, the 403,365 files of a home folder): compare the verdicts, not the seconds.".replace(
        "%", " %"
    ),
    f"结论在构建网站时根据第三列链接的耗时表计算得出；相差不到 {TIE - 1:.0%} 的耗时视为持平。"
    "2014 年的数字来自原文作者自己的机器（4 个工作进程，一个主目录下的 403,365 个文件），"
    "所以请比较结论，而不是秒数。",
)
SEE = both("table", "耗时表")
BUSY = both("measured on a busy machine", "测量时机器繁忙")


def claims_table(claims: tuple[Claim, ...], results: Results, lang: Lang) -> str:
    head = [text(HEADER[k], lang) for k in ("said", "then", "today", "verdict")]
    lines = ["| " + " | ".join(head) + " |", "|:--|:--|:--|:--|"]
    for claim in claims:
        found = claim.check(results)
        today = text(found.today, lang)
        notes = [text(BUSY, lang)] if any(results(i).data["load"]["busy"] for i in claim.needs) else []
        if claim.where:
            notes.append(f"[{text(SEE, lang)}]({claim.where})")
        if notes:
            today += text(NOTES, lang).format(text(SEMICOLON, lang).join(notes))
        cells = [text(claim.said, lang), text(claim.then, lang), today, f"**{found.label(lang)}**"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n" + text(FOOTER, lang)


def needs(claims: tuple[Claim, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(bench_id for claim in claims for bench_id in claim.needs))


REPORTS = (
    Report(
        id="errata_claims",
        needs=needs(CLAIMS),
        render=lambda results, lang: claims_table(CLAIMS, results, lang),
    ),
)
