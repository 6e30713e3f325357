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
OTHERS = {
    "en": " Columns marked with a version were measured with other interpreters: {builds}; the other "
    "columns with {version} above.",
    "zh": " 带版本号的列用其他解释器测量：{builds}；其余各列使用上面的 {version}。",
}
OTHER = {
    "en": "`{version}` = {python} ({build}, start method `{start_method}`, outside load {load})",
    "zh": "`{version}` 为 {python}（{build}，启动方法 `{start_method}`，外部负载 {load}）",
}
SEPARATOR = {"en": ", ", "zh": "；"}
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
    """The declared columns; with other interpreters, one more column each: the chart's column."""
    columns = result.bench.columns
    headline = result.bench.charts[0]
    header = [text(COLUMN_LABELS["variant"], lang)] + [column_label(result, c, lang) for c in columns]
    header += [f"{column_label(result, headline, lang)} · {other.version}" for other in result.others]
    width = len(header) - 1
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join([":--"] + ["--:"] * width) + "|"]
    for v in result.bench.variants:
        cells = [text(v.label, lang)] + [formatted(result, v.key, c, lang) for c in columns]
        cells += [formatted(other, v.key, headline, lang) for other in result.others]
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


def _load(result: Result) -> str:
    outside = result.data["load"]["outside"]
    return "n/a" if outside is None or math.isnan(outside) else f"{outside:.0%}"


def caption(result: Result, lang: Lang) -> str:
    env = result.env
    load = result.data["load"]
    out = text(CAPTION, lang).format(
        cpu=env["cpu"],
        cores=env["cores"],
        os=env["os"],
        python=env["python"],
        build=_build(result, lang),
        start_method=env["start_method"],
        date=env["date"],
        warmup=result.bench.warmup,
        load=_load(result),
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
                    start_method=o.env["start_method"],
                    load=_load(o),
                )
                for o in result.others
            ),
            version=result.version,
        )
    if any(r.data["load"]["busy"] for r in (result, *result.others)):
        out += text(BUSY, lang)
    return out


def block(result: Result, lang: Lang) -> str:
    """Everything a `<!-- timing: ID -->` marker becomes."""
    bench = result.bench
    title = text(bench.title, lang)
    parts = [f"**{title}**", table(result, lang)]
    for metric in bench.charts:  # one chart per plotted column: an image with its own name (chart.py)
        parts.append(f'<div class="timing-chart" data-search-exclude>{chart.svg(result, lang, metric)}</div>')
    parts.append(caption(result, lang) + "\n{ .timing-caption }")
    if bench.reading is not None:
        parts.append(bench.reading(result, lang))
    return "\n\n".join(parts)


def terminal(result: Result) -> str:
    """What `make bench` prints: the English table and caption."""
    return "\n".join([text(result.bench.title, "en"), "", table(result, "en"), "", caption(result, "en")])
