"""Turn a result into what a page shows: a Markdown table, an SVG chart, a caption, a reading.

Headers and captions use the terms of the site's glossary (shared/glossary.md).
"""

from __future__ import annotations

import math

from . import chart
from .labels import COLUMN_LABELS, column_label
from .result import Result
from .spec import Lang, text

CAPTION = {
    "en": "Measured on: {cpu}, {cores} cores available, {os}, {python} ({build}), start method "
    "`{start_method}`, {date}. Median of n runs after {warmup} warm-up; outside load {load}.",
    "zh": "测量环境：{cpu}，可用 {cores} 个核心，{os}，{python}（{build}），启动方法 "
    "`{start_method}`，{date}。预热 {warmup} 次后取 n 次运行的中位数；外部负载 {load}。",
}
BUILD = {
    "gil": {"en": "GIL enabled", "zh": "启用 GIL"},
    "free": {"en": "free-threaded build, GIL disabled", "zh": "自由线程构建，GIL 已禁用"},
    "free_gil": {"en": "free-threaded build, GIL re-enabled", "zh": "自由线程构建，GIL 被重新启用"},
}
REMEASURED = {
    "en": " Outside load was high, so this table was measured twice; this is the quieter run.",
    "zh": " 测量时外部负载较高，因此重新测量了一次；这里是较安静的那一次。",
}
BUSY = {
    "en": " **The machine stayed busy during both runs: read these numbers with care.**",
    "zh": " **两次测量期间机器都很繁忙，请谨慎看待这些数字。**",
}


def seconds(value: float) -> str:
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} µs"


def formatted(result: Result, key: str, column: str, lang: Lang) -> str:
    """One cell, or one inline value for a page marker."""
    bench = result.bench
    if column == "range":
        return f"{seconds(result.best(key))} – {seconds(result.worst(key))}"
    if column in ("speedup", "efficiency", "overhead") and key == bench.baseline:
        return "1.00×" if column == "speedup" else "—"
    value = result.value(key, column)
    if column in ("median", "best"):
        return seconds(value)
    if column in ("n", "workers"):
        return str(int(value))
    if column == "speedup":
        return f"{value:.2f}×"
    if column == "efficiency":
        return f"{value:.0%}".replace("%", " %") if lang == "en" else f"{value:.0%}"
    if column in ("per_item", "overhead"):
        return f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"
    metric = next(m for m in bench.metrics if m.key == column)
    return {
        "s": seconds,
        "MiB": lambda v: f"{v:,.1f} MiB",
        "count": lambda v: f"{v:,.0f}",
        "x": lambda v: f"{v:.2f}×",
    }[metric.unit](value)


def table(result: Result, lang: Lang) -> str:
    columns = result.bench.columns
    header = [text(COLUMN_LABELS["variant"], lang)] + [column_label(result, c, lang) for c in columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join([":--"] + ["--:"] * len(columns)) + "|"]
    for v in result.bench.variants:
        cells = [text(v.label, lang)] + [formatted(result, v.key, c, lang) for c in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def caption(result: Result, lang: Lang) -> str:
    env = result.env
    build = "gil" if not env["free_threaded"] else ("free_gil" if env["gil"] else "free")
    load = result.data["load"]
    outside = load["outside"]
    load_text = "n/a" if outside is None or math.isnan(outside) else f"{outside:.0%}"
    out = text(CAPTION, lang).format(
        cpu=env["cpu"],
        cores=env["cores"],
        os=env["os"],
        python=env["python"],
        build=text(BUILD[build], lang),
        start_method=env["start_method"],
        date=env["date"],
        warmup=result.bench.warmup,
        load=load_text,
    )
    if load["remeasured"]:
        out += text(REMEASURED, lang)
    if load["busy"]:
        out += text(BUSY, lang)
    return out


def block(result: Result, lang: Lang) -> str:
    """Everything a `<!-- timing: ID -->` marker becomes."""
    bench = result.bench
    title = text(bench.title, lang)
    parts = [f"**{title}**", table(result, lang)]
    for metric in bench.charts:  # one chart per plotted column, each labelled for screen readers
        sep = "：" if lang == "zh" else ": "
        label = title if len(bench.charts) == 1 else f"{title}{sep}{column_label(result, metric, lang)}"
        parts.append(
            f'<div class="timing-chart" role="img" aria-label="{label}" data-search-exclude>'
            f"{chart.svg(result, lang, metric)}</div>"
        )
    parts.append(caption(result, lang) + "\n{ .timing-caption }")
    if bench.reading is not None:
        parts.append(bench.reading(result, lang))
    return "\n\n".join(parts)


def terminal(result: Result) -> str:
    """What `make bench` prints: the English table and caption."""
    return "\n".join([text(result.bench.title, "en"), "", table(result, "en"), "", caption(result, "en")])
