"""Turn a result into what a page shows: a Markdown table, an SVG chart, a caption, a reading.

Headers and captions use the terms of the site's glossary (shared/glossary.md).
"""

from __future__ import annotations

import math

from . import chart
from .labels import COLUMN_LABELS, column_label
from .result import Result
from .spec import CAPACITY, FROM_BEST, Lang, text

CAPTION = {
    "en": "Measured on: {cpu}, {cores} cores available, {os}, {python} ({build}){start_method}, {date}. "
    "{rounds} timed rounds per row after {warmup} warm-up, the rows taking turns in every round; "
    "outside load {load}.",
    "zh": "测量环境：{cpu}，可用 {cores} 个核心，{os}，{python}（{build}）{start_method}，{date}。"
    "每行预热 {warmup} 轮后计时 {rounds} 轮，各行在每一轮中轮流运行；外部负载 {load}。",
}
START_METHOD = {"en": ", start method `{start_method}`", "zh": "，启动方法 `{start_method}`"}
# What the timer holds (spec.Timer), said in every caption.
TIMER = {
    "steady": {
        "en": "Steady state: pools, executors and workers start before the timer and every round reuses "
        "them, so start-up is not in these times (it has its own table: "
        "[pool start-up cost](start-methods.md#startup-cost)).",
        "zh": "稳态计时：进程池、执行器和工作进程都在计时开始前启动，每一轮都复用它们，所以这些耗时不含启动"
        "（启动耗时另有一张表：[进程池的启动开销](start-methods.md#startup-cost)）。",
    },
    "end_to_end": {
        "en": "End to end: every round starts what it uses and shuts it down, and both are in the times.",
        "zh": "端到端计时：每一轮都自己启动并关闭所用的池，这两步都计入耗时。",
    },
}
CAPACITY_NOTE = {
    "en": " The capacity row runs the same tasks in {workers} plain processes started before the timer "
    "(no pool, queue or pickling): what this machine's cores delivered in the same rounds.",
    "zh": " “并行能力”一行在计时开始前启动的 {workers} 个普通进程中运行同样的任务"
    "（不用池和队列，也不序列化），表示这台机器的核心在同样的轮次中实际能提供多少并行。",
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
OTHERS = {
    "en": " Columns marked with a version were measured with other interpreters: {builds}; the other "
    "columns with {version} above.",
    "zh": " 带版本号的列用其他解释器测量：{builds}；其余各列使用上面的 {version}。",
}
OTHER = {
    "en": "`{version}` = {python} ({build}{start_method}, outside load {load})",
    "zh": "`{version}` 为 {python}（{build}{start_method}，外部负载 {load}）",
}
SEPARATOR = {"en": ", ", "zh": "；"}
NOT_MEASURED = {"en": " Not measured with: {which}.", "zh": " 未能用以下解释器测量：{which}。"}
FOOTER = {
    "en": "Timings measured {when} on {machines}, with {pythons}.",
    "zh": "耗时表测量于 {when}，测量环境：{machines}，{pythons}。",
}
MACHINE = {"en": "{cpu} ({cores} cores, {os})", "zh": "{cpu}（{cores} 个核心，{os}）"}
PYTHON = {"en": "{python} ({build})", "zh": "{python}（{build}）"}
AND = {"en": " and ", "zh": " 和 "}
BUSY = {
    "en": " **The machine stayed busy during both runs: read these numbers with care.**",
    "zh": " **两次测量期间机器都很繁忙，请谨慎看待这些数字。**",
}
# After the title of a table measured while the machine was busy (see BUSY).
BUSY_MARK = {"en": " (⚠ measured on a busy machine)", "zh": "（⚠ 测量时机器繁忙）"}


def number(value: float) -> str:
    """At least three significant digits, never an exponent: 0.054, 1.25, 12.5, 1,250."""
    size = abs(value)
    if size >= 100 or value == 0:
        return f"{value:,.0f}"
    if size >= 10:
        return f"{value:.1f}"
    if size >= 1:
        return f"{value:.2f}"
    digits = 2 - math.floor(math.log10(size))  # 0.054 -> 3 decimals
    return f"{value:.{digits}f}"


def seconds(value: float) -> str:
    """A duration in the unit that reads best, with at least three significant digits."""
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{number(value * 1e3)} ms"
    return f"{number(value * 1e6)} µs"


def percent(value: float, lang: Lang) -> str:
    """A share, typeset as each language writes it: "86 %" in English (as the pages do), "86%" in Chinese."""
    return f"{value * 100:.0f} %" if lang == "en" else f"{value * 100:.0f}%"


def formatted(result: Result, key: str, column: str, lang: Lang) -> str:
    """One cell, or one inline value for a page marker."""
    bench = result.bench
    if column == "range":
        return f"{seconds(result.best(key))} – {seconds(result.worst(key))}"
    if column in ("speedup", "efficiency", "overhead") and key == bench.baseline:
        return "1.00×" if column == "speedup" else "—"
    if column == "capacity" and key in (bench.baseline, CAPACITY):
        return "—"
    metric = next((m for m in bench.metrics if m.key == column), None)
    if metric is not None and key == CAPACITY:
        return "—"  # the capacity row only measures time
    value = result.value(key, column)
    if metric is not None and metric.unit == "s" and value == 0:
        return "—"  # nothing to time (e.g. the serial row's start-up)
    if column in ("median", "best"):
        return seconds(value)
    if column in ("n", "workers"):
        return str(int(value))
    if column == "speedup":
        return f"{value:.2f}×"
    if column in ("efficiency", "capacity"):
        return percent(value, lang)
    if column in ("per_item", "overhead"):
        return number(value)
    assert metric is not None
    return {
        "s": seconds,
        "MiB": lambda v: f"{v:,.1f} MiB",
        "count": lambda v: f"{v:,.0f}",
        "x": lambda v: f"{v:.2f}×",
    }[metric.unit](value)


def other_columns(result: Result) -> tuple[str, ...]:
    """The columns each other interpreter adds: the chart's column, with the fastest round it is
    computed from when it is a speedup or an efficiency (so that it can be recomputed)."""
    headline = result.bench.charts[0]
    return ("best", headline) if headline in FROM_BEST else (headline,)


def table(result: Result, lang: Lang) -> str:
    """The declared columns; with other interpreters, more columns each (see `other_columns`)."""
    columns = result.bench.columns
    extra = other_columns(result)
    header = [text(COLUMN_LABELS["variant"], lang)] + [column_label(result, c, lang) for c in columns]
    header += [f"{column_label(result, c, lang)} · {other.version}" for other in result.others for c in extra]
    width = len(header) - 1
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join([":--"] + ["--:"] * width) + "|"]
    for v in result.bench.variants:
        cells = [text(v.label, lang)] + [formatted(result, v.key, c, lang) for c in columns]
        cells += [formatted(other, v.key, c, lang) for other in result.others for c in extra]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _build(result: Result, lang: Lang) -> str:
    return _build_name(result.env, lang)


def _build_name(env: dict, lang: Lang) -> str:
    build = "gil" if not env["free_threaded"] else ("free_gil" if env["gil"] else "free")
    return text(BUILD[build], lang)


def _listed(items: list[str], lang: Lang) -> str:
    items = list(dict.fromkeys(items))  # distinct, in order
    if len(items) <= 1:
        return "".join(items)
    sep = ", " if lang == "en" else "、"
    joined = sep.join(items[:-1]) + text(AND, lang) + items[-1]
    return joined.replace("） ", "）")  # no space after full-width punctuation


def footer(results: list[dict], lang: Lang) -> str:
    """One line for every page's footer: when, on which machine and with which Pythons the site's
    timings were measured (`results`: the raw results the build used, see `store.loaded`)."""
    envs = sorted((r["env"] for r in results), key=lambda env: env["date"])
    if not envs:
        return ""
    first, last = envs[0]["date"], envs[-1]["date"]
    if first == last:
        when = first
    elif first[:10] == last[:10]:  # same day: "2026-11-28 07:40–08:02 UTC"
        when = f"{first.removesuffix(' UTC')}–{last[11:]}"
    else:
        when = f"{first} – {last}"
    machines = [text(MACHINE, lang).format(**env) for env in envs]
    pythons = [text(PYTHON, lang).format(python=env["python"], build=_build_name(env, lang)) for env in envs]
    return text(FOOTER, lang).format(
        when=when, machines=_listed(machines, lang), pythons=_listed(pythons, lang)
    )


def _load(result: Result, lang: Lang) -> str:
    outside = result.data["load"]["outside"]
    return "n/a" if outside is None or math.isnan(outside) else percent(outside, lang)


def busy(result: Result) -> bool:
    """Whether this table, or one of its interpreters' columns, was measured on a busy machine."""
    return any(r.data["load"].get("busy", False) for r in (result, *result.others))


def caption(result: Result, lang: Lang) -> str:
    env = result.env
    load = result.data["load"]
    bench = result.bench
    method = "" if bench.compares_start_methods else text(START_METHOD, lang).format(**env)
    out = text(TIMER[bench.timer], lang) + " " if bench.timer else ""
    if bench.capacity is not None:
        out = out.rstrip() + text(CAPACITY_NOTE, lang).format(workers=bench.capacity.workers) + " "
    out += text(CAPTION, lang).format(
        cpu=env["cpu"],
        cores=env["cores"],
        os=env["os"],
        python=env["python"],
        build=_build(result, lang),
        start_method=method,
        date=env["date"],
        rounds=result.data.get("rounds", bench.rounds),
        warmup=result.data.get("warmup", bench.warmup),
        load=_load(result, lang),
    )
    if load["remeasured"]:
        out += text(REMEASURED, lang)
    if result.others:
        out += text(OTHERS, lang).format(
            builds=text(SEPARATOR, lang).join(
                text(OTHER, lang).format(
                    version=o.version,
                    python=o.env["python"],
                    build=_build(o, lang),
                    start_method=""
                    if bench.compares_start_methods
                    else text(START_METHOD, lang).format(**o.env),
                    load=_load(o, lang),
                )
                for o in result.others
            ),
            version=result.version,
        )
    if result.missing:
        out += text(NOT_MEASURED, lang).format(
            which=text(SEPARATOR, lang).join(f"{name} ({why})" for name, why in result.missing)
        )
    if busy(result):
        out += text(BUSY, lang)
    return out


def title(result: Result, lang: Lang) -> str:
    """The table's title; a visible mark when it was measured on a busy machine."""
    return text(result.bench.title, lang) + (text(BUSY_MARK, lang) if busy(result) else "")


def block(result: Result, lang: Lang) -> str:
    """Everything a `<!-- timing: ID -->` marker becomes."""
    bench = result.bench
    parts = [f"**{title(result, lang)}**", table(result, lang)]
    for metric in bench.charts:  # one chart per plotted column: an image with its own name (chart.py)
        parts.append(f'<div class="timing-chart" data-search-exclude>{chart.svg(result, lang, metric)}</div>')
    parts.append(caption(result, lang) + "\n{ .timing-caption }")
    if bench.reading is not None:
        parts.append(bench.reading(result, lang))
    return "\n\n".join(parts)


def terminal(result: Result) -> str:
    """What `make bench` prints: the English table and caption."""
    return "\n".join([title(result, "en"), "", table(result, "en"), "", caption(result, "en")])
