"""Tiny benchmarks for the timing engine's own tests (measured in milliseconds)."""

from __future__ import annotations

import time

from timings.spec import Benchmark, Metric, Report, Variant


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
        sources=("tests/timing_fixture.py",),
        columns=("median", "range", "n", "speedup", "efficiency", "per_item", "overhead"),
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
        sources=("tests/timing_fixture.py",),
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
        sources=("tests/timing_fixture.py",),
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
    sources=("tests/timing_fixture.py",),
    warmup=0,
)
BENCHMARKS = (*BENCHMARKS, HANGING)
