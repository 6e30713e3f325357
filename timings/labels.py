"""Column names and units in both languages, in the terms of the site's glossary."""

from __future__ import annotations

from .results import Result
from .spec import Lang, text

COLUMN_LABELS: dict[str, dict[str, str]] = {
    "variant": {"en": "Variant", "zh": "方案"},
    "workers": {"en": "Workers", "zh": "工作进程/线程数"},
    "best": {"en": "Fastest round", "zh": "最快一轮"},
    "median": {"en": "Median wall time", "zh": "墙钟时间中位数"},
    "range": {"en": "Min–max", "zh": "最小–最大"},
    "n": {"en": "n", "zh": "次数"},
    "speedup": {"en": "Speedup vs serial (fastest rounds)", "zh": "加速比（相对串行，取最快一轮）"},
    "efficiency": {"en": "Parallel efficiency (÷ workers)", "zh": "并行效率（÷ 工作进程/线程数）"},
    "capacity": {"en": "Share of capacity", "zh": "占并行能力的比例"},
    "per_item": {"en": "µs per item", "zh": "每项耗时（µs）"},
    "overhead": {"en": "Overhead per item (µs)", "zh": "每项开销（µs）"},
}


def column_label(result: Result, column: str, lang: Lang) -> str:
    if column in COLUMN_LABELS:
        return text(COLUMN_LABELS[column], lang)
    for metric in result.bench.metrics:
        if metric.key == column:
            return text(metric.label, lang)
    raise KeyError(f"timing {result.bench.id!r} has no column {column!r}")


def plain(label: str) -> str:
    """A label without Markdown code marks, for places that show text as is (charts)."""
    return label.replace("`", "")
