"""Every string the engine puts on a page, in both languages, in the terms of the site's glossary
(shared/glossary.md): column headers, captions, notes, the footer. Benchmarks' titles, labels and
readings live with their declarations in `timings/benchmarks/<page>.py`."""

from __future__ import annotations

from ..spec import Text

COLUMN_LABELS: dict[str, Text] = {
    "variant": {"en": "Variant", "zh": "方案"},
    "workers": {"en": "Workers", "zh": "工作进程/线程数"},
    "best": {"en": "Fastest round", "zh": "最快一轮"},
    "median": {"en": "Median wall time", "zh": "墙钟时间中位数"},
    "range": {"en": "Min–max", "zh": "最小–最大"},
    "n": {"en": "n", "zh": "轮数"},
    "speedup": {"en": "Speedup vs serial (fastest rounds)", "zh": "加速比（相对串行，取最快一轮）"},
    "efficiency": {"en": "Parallel efficiency (÷ workers)", "zh": "并行效率（÷ 工作进程/线程数）"},
    "capacity": {"en": "Share of capacity", "zh": "占并行能力的比例"},
    "per_item": {"en": "µs per item", "zh": "每项耗时（µs）"},
    "overhead": {"en": "Overhead per item (µs)", "zh": "每项开销（µs）"},
}

CAPTION = {
    "en": "Measured on: {cpu}, {cores} cores available, {os}, {python} ({build}){start_method}, {date}. "
    "{rounds_text}, the rows taking turns in every round; outside load {load}.",
    "zh": "测量环境：{cpu}，可用 {cores} 个核心，{os}，{python}（{build}）{start_method}，{date}。"
    "{rounds_text}，各行在每一轮中轮流运行；外部负载 {load}。",
}
# The rounds of a caption: (no warm-up, one timed round, else); {rounds} and {warmup} filled in.
ROUNDS = {
    "en": {
        "warm": "{rounds} timed rounds per row after {warmup} warm-up",
        "cold": "{rounds} timed rounds per row, no warm-up",
        "once": "1 timed round per row, no warm-up",
    },
    "zh": {
        "warm": "每行预热 {warmup} 轮后计时 {rounds} 轮",
        "cold": "每行计时 {rounds} 轮，不预热",
        "once": "每行计时 1 轮，不预热",
    },
}
START_METHOD = {"en": ", start method `{start_method}`", "zh": "，启动方法 `{start_method}`"}
# What the timer holds (spec.Timer), said in every caption.
TIMER = {
    "steady": {
        "en": "Steady state: pools, executors and workers start before the timer and every round reuses "
        "them, so start-up is not in these times (it has its own table: "
        "[pool start-up cost](start-methods.md#startup-cost)).",
        "zh": "稳态计时：池、执行器和工作进程都在计时开始前启动，每一轮都复用它们，所以这些耗时不含启动"
        "（启动耗时另有一张表：[进程池的启动开销](start-methods.md#startup-cost)）。",
    },
    "end_to_end": {
        "en": "End to end: every round starts what it uses and shuts it down, and both are in the times.",
        "zh": "端到端计时：每一轮都自己启动并关闭它用到的一切，这两步都计入耗时。",
    },
}
CAPACITY_NOTE = {
    "en": "The capacity row runs the same tasks in {workers} plain processes started before the timer "
    "(no pool, queue or pickling): what this machine's cores delivered in the same rounds.",
    "zh": "“并行能力”一行不用池和队列，也不序列化，直接用 {workers} 个普通进程运行同样的任务"
    "（这些进程在计时开始前就已启动）；它反映这台机器的核心在同样的轮次中实际发挥了多少算力。",
}
BUILD = {
    "gil": {"en": "GIL enabled", "zh": "启用 GIL"},
    "free": {"en": "free-threaded build, GIL disabled", "zh": "自由线程构建，GIL 已禁用"},
    "free_gil": {"en": "free-threaded build, GIL re-enabled", "zh": "自由线程构建，GIL 已重新启用"},
}
REMEASURED = {
    "en": "Outside load was high, so this table was measured twice; this is the quieter run.",
    "zh": "测量时外部负载较高，因此重新测量了一次；这里给出的是负载较低的那一次。",
}
OTHERS = {
    "en": "Columns marked with a version were measured with other interpreters: {builds}; the other "
    "columns with {version} above.",
    "zh": "带版本号的列是用其他解释器测量的：{builds}。其余各列用的是上面的 {version}。",
}
OTHER = {
    "en": "`{version}` = {python} ({build}{start_method}, outside load {load})",
    "zh": "`{version}` 为 {python}（{build}{start_method}，外部负载 {load}）",
}
SEPARATOR = {"en": ", ", "zh": "；"}
# The caption of a table whose rows are interpreters (the version page): where, and each row's build.
RUNS_CAPTION = {
    "en": "Measured on: {cpu}, {cores} cores available, {os}, {date}, with {runs}.",
    "zh": "测量环境：{cpu}，可用 {cores} 个核心，{os}，{date}，解释器：{runs}。",
}
RUN = {
    "en": "{version} ({build}, `{start_method}`, outside load {load})",
    "zh": "{version}（{build}，`{start_method}`，外部负载 {load}）",
}
# After the caption of a table that some interpreters of the setting could not measure (discovery.py).
NOT_MEASURED = {"en": "Not measured with: {which}.", "zh": "未能用以下解释器测量：{which}。"}
FOOTER = {
    "en": "Timings measured {when} on {machines}, with {pythons}.",
    "zh": "耗时表测量于 {when}，测量环境：{machines}，{pythons}。",
}
MACHINE = {"en": "{cpu} ({cores} cores, {os})", "zh": "{cpu}（{cores} 个核心，{os}）"}
PYTHON = {"en": "{python} ({build})", "zh": "{python}（{build}）"}
AND = {"en": " and ", "zh": " 和 "}
# Between the sentences of a caption: a space in English, nothing after Chinese full stops.
SENTENCES = {"en": " ", "zh": ""}
BUSY = {
    "en": "**The machine stayed busy during both runs: read these numbers with care.**",
    "zh": "**两次测量期间机器都很繁忙，请谨慎看待这些数字。**",
}
# After the title of a table measured while the machine was busy (see BUSY).
BUSY_MARK = {"en": " (⚠ measured on a busy machine)", "zh": "（⚠ 测量时机器繁忙）"}
# Punctuation between the parts of a label or a list.
COLON = {"en": ": ", "zh": "："}
LIST = {"en": ", ", "zh": "、"}
