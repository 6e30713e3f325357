"""A horizontal bar chart as inline SVG that follows the page's light or dark palette.

Text and axes are drawn in a placeholder colour that becomes `currentColor`, so the chart takes the
text colour of the theme; text stays text (`svg.fonttype: none`), so the browser draws Chinese labels
with the page's fonts. The `<svg>` is an image named by its `<title>` (the table's title, and the
plotted column when a table has several charts) and described by its `<desc>` (the sentence that
reads the table), in the page's language: what a screen reader says instead of the bars.
"""

from __future__ import annotations

import html
import io
import re
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from ..spec import CAPACITY, Lang, text
from ..units import time_scale
from .labels import column_label, plain
from .texts import COLON

if TYPE_CHECKING:
    from ..results import Result

INK = "#010203"  # placeholder, replaced by currentColor
BAR = "#4e79a7"
BASELINE_BAR = "#9c9c9c"
CAPACITY_BAR = "#c6c6c6"  # the machine's own capacity: a reference, like the baseline
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1")  # one colour per interpreter


# What the drawing depends on besides the result: a change to one of them draws every chart again.
HERE = Path(__file__).resolve().parent
CODE = (HERE / "chart.py", HERE / "labels.py", HERE / "texts.py", HERE.parent / "units.py")


def svg(result: Result, lang: Lang, metric: str | None = None) -> str:
    """The chart of `metric` (default: the benchmark's first). `cache.chart` keeps it on disk."""
    metric = metric or result.bench.charts[0]
    return labelled(draw(result, lang, metric), result, lang, metric)


def _plain(markdown_text: str) -> str:
    """The reading's Markdown as the plain text a screen reader says (no `**`, backticks, links)."""
    import markdown

    rendered = markdown.markdown(markdown_text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered)).split())


def labelled(drawn: str, result: Result, lang: Lang, metric: str) -> str:
    """`drawn` as an image with a name and a description (added on every call, not cached: the
    title and reading live in the benchmark modules, outside the drawing's cache key)."""
    bench = result.bench
    name = text(bench.title, lang)
    if len(bench.charts) > 1:
        name += text(COLON, lang) + column_label(result, metric, lang)
    ident = re.sub(r"[^A-Za-z0-9_-]", "-", f"chart-{bench.id}-{metric}")
    attrs = f'role="img" aria-labelledby="{ident}-title"'
    inner = f'<title id="{ident}-title">{html.escape(name)}</title>'
    if bench.reading is not None:
        attrs += f' aria-describedby="{ident}-desc"'
        inner += f'<desc id="{ident}-desc">{html.escape(_plain(bench.reading(result, lang)))}</desc>'
    start = drawn.index("<svg")
    end = drawn.index(">", start)
    return f"{drawn[:end]} {attrs}>{inner}{drawn[end + 1 :]}"


def with_unit(axis: str, unit: str, lang: Lang) -> str:
    """The axis label with its unit: `Median wall time (ms)`; in Chinese in full-width brackets,
    inside the label's own closing bracket when it has one (`首个池（冷启动，ms）`)."""
    if lang == "en":
        return f"{axis} ({unit})"
    if axis.endswith("）"):
        return f"{axis[:-1]}，{unit}）"
    return f"{axis}（{unit}）"


def draw(result: Result, lang: Lang, metric: str) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bench = result.bench
    keys = [v.key for v in bench.variants]
    labels = [plain(text(v.label, lang)) for v in bench.variants]
    runs = (result, *result.others)  # one bar per interpreter and variant
    values = [[r.value(k, metric) for k in keys] for r in runs]
    timed = metric in ("median", "best") or any(m.key == metric and m.unit == "s" for m in bench.metrics)
    axis = column_label(result, metric, lang)
    errors: list[list[list[float]]] | list[None] = [None] * len(runs)
    if timed:
        src = "seconds" if metric in ("median", "best") else metric
        scale, unit = time_scale(max(r.worst(k, src) for r in runs for k in keys))
        errors = [
            [
                [(v - r.best(k, src)) * scale for k, v in zip(keys, vs, strict=True)],
                [(r.worst(k, src) - v) * scale for k, v in zip(keys, vs, strict=True)],
            ]
            for r, vs in zip(runs, values, strict=True)
        ]
        values = [[v * scale for v in vs] for vs in values]
        axis = with_unit(axis, unit, lang)
    elif any(m.key == metric and m.unit == "MiB" for m in bench.metrics):
        axis = with_unit(axis, "MiB", lang)
    with plt.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": bench.id,
            "font.size": 11,
            "text.color": INK,
            "axes.edgecolor": INK,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
        }
    ):
        fig, ax = plt.subplots(figsize=(7, 0.45 * len(keys) * len(runs) ** 0.5 + 1.1))
        height = 0.8 / len(runs)
        for i, (run, vs, err) in enumerate(zip(runs, values, errors, strict=True)):
            if len(runs) == 1:
                colors = [
                    BASELINE_BAR if k == bench.baseline else CAPACITY_BAR if k == CAPACITY else BAR
                    for k in keys
                ]
            else:
                colors = [PALETTE[i % len(PALETTE)]] * len(keys)
            ys = [y + (i - (len(runs) - 1) / 2) * height for y in range(len(keys))]
            ax.barh(
                ys,
                vs,
                height,
                xerr=err,
                color=colors,
                ecolor=INK,
                capsize=3,
                label=run.version if len(runs) > 1 else None,
            )
        if len(runs) > 1:
            ax.legend(frameon=False, loc="best")
        ax.set_yticks(range(len(keys)), labels)
        ax.invert_yaxis()
        ax.set_xlabel(axis)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if metric == "speedup":
            ax.axvline(1.0, color=INK, linewidth=0.8, linestyle="--")
        buf = io.StringIO()
        with warnings.catch_warnings():
            warnings.simplefilter(
                "ignore"
            )  # CJK glyphs are missing from matplotlib's font; the browser has them
            fig.savefig(buf, format="svg", bbox_inches="tight", transparent=True)
        plt.close(fig)
    out = buf.getvalue()
    out = out[out.index("<svg") :].replace(INK, "currentColor")
    out = re.sub(r"<metadata>.*?</metadata>", "", out, flags=re.S)
    return re.sub(r"\s*\n\s*", " ", out)
