"""Turn a result into what a page shows: a Markdown table, an SVG chart, a caption, a reading.

Headers and captions use the terms of the site's glossary (shared/glossary.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..spec import CAPACITY, FROM_BEST, Lang, Timer, text
from ..units import number, percent, seconds
from . import chart
from .labels import COLUMN_LABELS, column_label
from .texts import (
    AND,
    BUILD,
    BUSY,
    BUSY_MARK,
    CAPACITY_NOTE,
    CAPTION,
    FOOTER,
    LIST,
    MACHINE,
    NOT_MEASURED,
    OTHER,
    OTHERS,
    PYTHON,
    REMEASURED,
    ROUNDS,
    RUN,
    RUNS_CAPTION,
    SENTENCES,
    SEPARATOR,
    START_METHOD,
    TIMER,
)

if TYPE_CHECKING:
    from ..results import Result


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
    joined = text(LIST, lang).join(items[:-1]) + text(AND, lang) + items[-1]
    return joined.replace("） ", "）")  # no space after full-width punctuation


def footer(results: list[dict], lang: Lang) -> str:
    """One line for every page's footer: when, on which machine and with which Pythons the site's
    timings were measured (`results`: the raw results the build used, see `cache.loaded`)."""
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


def runs_caption(result: Result, timer: Timer, lang: Lang) -> str:
    """The caption of a table with a row per interpreter (`Report.caption`): the machine, the dates,
    and each interpreter's build, start method and outside load."""
    rows = result.runs
    first = rows[0].env
    dates = sorted(r.env["date"] for r in rows)
    runs = [
        text(RUN, lang).format(
            version=r.version,
            build=_build_name(r.env, lang),
            start_method=r.env["start_method"],
            load=_load(r, lang),
        )
        for r in rows
    ]
    where = text(RUNS_CAPTION, lang).format(
        cpu=first["cpu"],
        cores=first["cores"],
        os=first["os"],
        date=dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}",
        runs=text(SEPARATOR, lang).join(runs),
    )
    busy_note = text(BUSY, lang) if busy(result) else ""
    return text(TIMER[timer], lang) + text(SENTENCES, lang) + where + busy_note + "\n{ .timing-caption }"


def _rounds(result: Result, lang: Lang) -> str:
    rounds = result.data.get("rounds", result.bench.rounds)
    warmup = result.data.get("warmup", result.bench.warmup)
    kind = "warm" if warmup else "cold" if rounds != 1 else "once"
    return ROUNDS[lang][kind].format(rounds=rounds, warmup=warmup)


def caption(result: Result, lang: Lang) -> str:
    env = result.env
    load = result.data["load"]
    bench = result.bench
    method = "" if bench.compares_start_methods else text(START_METHOD, lang).format(**env)
    sentences = [text(TIMER[bench.timer], lang)] if bench.timer else []
    if bench.capacity is not None:
        sentences.append(text(CAPACITY_NOTE, lang).format(workers=bench.capacity.workers))
    sentences.append(
        text(CAPTION, lang).format(
            cpu=env["cpu"],
            cores=env["cores"],
            os=env["os"],
            python=env["python"],
            build=_build(result, lang),
            start_method=method,
            date=env["date"],
            rounds_text=_rounds(result, lang),
            load=_load(result, lang),
        )
    )
    if load["remeasured"]:
        sentences.append(text(REMEASURED, lang))
    if result.others:
        sentences.append(
            text(OTHERS, lang).format(
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
        )
    if result.missing:
        sentences.append(
            text(NOT_MEASURED, lang).format(
                which=text(SEPARATOR, lang).join(f"{name} ({why})" for name, why in result.missing)
            )
        )
    if busy(result):
        sentences.append(text(BUSY, lang))
    return text(SENTENCES, lang).join(sentences)


def title(result: Result, lang: Lang) -> str:
    """The table's title; a visible mark when it was measured on a busy machine."""
    return text(result.bench.title, lang) + (text(BUSY_MARK, lang) if busy(result) else "")


def block(result: Result, lang: Lang, svg: Callable[[Result, Lang, str], str] = chart.svg) -> str:
    """Everything a `<!-- timing: ID -->` marker becomes; `svg` draws a chart (the build passes
    `cache.chart`, which keeps them on disk)."""
    bench = result.bench
    parts = [f"**{title(result, lang)}**", table(result, lang)]
    for metric in bench.charts:  # one chart per plotted column: an image with its own name (chart.py)
        parts.append(f'<div class="timing-chart" data-search-exclude>{svg(result, lang, metric)}</div>')
    parts.append(caption(result, lang) + "\n{ .timing-caption }")
    if bench.reading is not None:
        parts.append(bench.reading(result, lang))
    return "\n\n".join(parts)


def terminal(result: Result) -> str:
    """What `make bench` prints: the English table and caption."""
    return "\n".join([title(result, "en"), "", table(result, "en"), "", caption(result, "en")])
