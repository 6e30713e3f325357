"""Tiny benchmarks for the timing engine's own tests (measured in milliseconds)."""

from __future__ import annotations

import time
from functools import partial

from timings.spec import Benchmark, Metric, Report, Variant, capacity_row


def _fail(_: object) -> None:
    raise RuntimeError("the measured code broke")


BENCHMARKS = (
    Benchmark(
        id="fake_sleep",
        title={"en": "Sleeping", "zh": "休眠"},
        variants=(
            Variant("serial", {"en": "serial (baseline)", "zh": "串行（基线）"}, lambda _: time.sleep(0.004)),
            Variant("fast", {"en": "fast", "zh": "快"}, lambda _: time.sleep(0.001), workers=2),
        ),
        sources=("tests/support/fake_benchmarks.py",),
        timer="steady",
        columns=("best", "median", "range", "n", "speedup", "efficiency", "per_item", "overhead"),
        baseline="serial",
        items=4,
        rounds=3,
        chart="speedup",
        reading=lambda r, lang: f"{lang}: {r.speedup('fast'):.1f}",
    ),
    Benchmark(
        id="fake_metric",
        title={"en": "First result", "zh": "第一个结果"},
        variants=(Variant("only", {"en": "only", "zh": "唯一"}, lambda _: {"first": 0.5}),),
        sources=("tests/support/fake_benchmarks.py",),
        timer="end_to_end",
        metrics=(Metric("first", {"en": "Time to first result", "zh": "首个结果耗时"}),),
        columns=("median", "first"),
        rounds=2,
        warmup=0,
        chart="first",
    ),
    Benchmark(
        id="fake_broken",
        title={"en": "Broken", "zh": "出错"},
        variants=(Variant("boom", {"en": "boom", "zh": "出错"}, _fail),),
        sources=("tests/support/fake_benchmarks.py",),
        timer="end_to_end",
    ),
    Benchmark(
        id="fake_capacity",
        title={"en": "Sleeping in plain processes", "zh": "在普通进程中休眠"},
        variants=(
            Variant(
                "serial",
                {"en": "serial (baseline)", "zh": "串行（基线）"},
                lambda _: time.sleep(0.008) or {"first": 0.008},
            ),
            capacity_row(2, lambda _: [partial(time.sleep, 0.002)] * 4),
        ),
        sources=("tests/support/fake_benchmarks.py",),
        timer="steady",
        columns=("best", "median", "speedup", "efficiency", "capacity"),
        metrics=(Metric("first", {"en": "Time to first result", "zh": "首个结果耗时"}),),
        baseline="serial",
        rounds=2,
        reading=lambda r, lang: f"{lang}: {r.speedup('capacity'):.1f}",
    ),
)

REPORTS = (
    Report(
        id="fake_report",
        needs=("fake_sleep",),
        render=lambda results, lang: f"{lang} report: {results('fake_sleep').speedup('fast'):.1f}",
    ),
    Report(id="fake_greedy_report", needs=(), render=lambda results, lang: str(results("fake_sleep"))),
)

HANGING = Benchmark(
    id="fake_hanging",
    title={"en": "Hangs", "zh": "挂起"},
    variants=(Variant("stuck", {"en": "stuck", "zh": "卡住"}, lambda _: time.sleep(3600)),),
    sources=("tests/support/fake_benchmarks.py",),
    timer="end_to_end",
    warmup=0,
)
BENCHMARKS = (*BENCHMARKS, HANGING)
