"""The timing engine: cache keys, the on-disk cache, rendering in both languages, clear errors."""

from __future__ import annotations

import dataclasses
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import fake_benchmarks
from tests.support.fake_results import fake_result
from timings import TimingError, cache, interpreters, markers, registry, results, runner
from timings import __main__ as timings_main
from timings.measure import measure
from timings.present import chart, render
from timings.results import Result
from timings.spec import Metric

pytestmark = pytest.mark.once  # the engine measures in subprocesses with their own default start method

FAKES = {
    b.id: dataclasses.replace(b, module="tests.support.fake_benchmarks") for b in fake_benchmarks.BENCHMARKS
}
FAKE_REPORTS = {
    r.id: dataclasses.replace(r, module="tests.support.fake_benchmarks") for r in fake_benchmarks.REPORTS
}


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict:
    """The fake benchmarks instead of the site's, and an empty cache directory."""
    monkeypatch.setattr(registry, "benchmarks", lambda package=registry.PACKAGE: FAKES)
    monkeypatch.setattr(registry, "reports", lambda package=registry.PACKAGE: FAKE_REPORTS)
    monkeypatch.setenv("TIMINGS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_memory", {})
    monkeypatch.delenv(interpreters.ENV, raising=False)  # one interpreter unless a test lists more
    return FAKES


def test_cache_key_changes_only_when_a_source_changes(tmp_path: Path) -> None:
    snippet = tmp_path / "snippet.py"
    snippet.write_text("x = 1\n")
    bench = dataclasses.replace(FAKES["fake_sleep"], sources=(str(snippet),))
    first = cache.key(bench)
    assert cache.key(bench) == first
    snippet.write_text("x = 2\n")
    assert cache.key(bench) != first
    other = dataclasses.replace(bench, sources=(str(tmp_path / "other.py"),))
    (tmp_path / "other.py").write_text("x = 1\n")
    before = cache.key(other)
    snippet.write_text("x = 3\n")
    assert cache.key(other) == before  # other's key ignores snippet.py
    assert cache.key(bench) != cache.key(other)


def test_cache_key_names_a_missing_source() -> None:
    bench = dataclasses.replace(FAKES["fake_sleep"], sources=("snippets/no_such_file.py",))
    with pytest.raises(TimingError, match=r"fake_sleep.*no_such_file"):
        cache.key(bench)


def test_measured_once_then_served_from_cache(fakes: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = runner.run
    monkeypatch.setattr(runner, "run", lambda b, p: calls.append(b.id) or real(b, p))
    first = cache.get(FAKES["fake_sleep"])
    assert calls == ["fake_sleep"]
    assert len(first["samples"]["serial"]["seconds"]) == 3
    monkeypatch.setattr(cache, "_memory", {})  # a new process: only the disk cache is left
    assert cache.get(FAKES["fake_sleep"]) == first
    assert calls == ["fake_sleep"]
    cache.get(FAKES["fake_sleep"], fresh=True)
    assert calls == ["fake_sleep", "fake_sleep"]


def test_stale_cache_entry_is_measured_again(fakes: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.get(FAKES["fake_metric"])
    path = cache.cache_dir() / "fake_metric.json"
    path.write_text(path.read_text().replace('"key": "', '"key": "stale'))
    monkeypatch.setattr(cache, "_memory", {})
    calls = []
    monkeypatch.setattr(runner, "run", lambda b, p: calls.append(b.id) or {"samples": {}})
    cache.get(FAKES["fake_metric"])
    assert calls == ["fake_metric"]


def test_failed_measurement_names_the_id_and_the_error(fakes: dict) -> None:
    with pytest.raises(TimingError, match=r"(?s)fake_broken.*the measured code broke"):
        cache.get(FAKES["fake_broken"])


def test_unknown_id_fails_naming_the_page_and_the_id(fakes: dict) -> None:
    with pytest.raises(TimingError, match=r"guide\.md.*unknown timing id 'no_such_table'"):
        markers.expand("Intro\n\n<!-- timing: no_such_table -->\n", "en", "guide.md")


def test_malformed_marker_fails(fakes: dict) -> None:
    with pytest.raises(TimingError, match="expected"):
        markers.expand("<!-- timing: fake_sleep fast -->", "en", "guide.md")


def _fake_result() -> Result:
    samples = {"serial": {"seconds": [0.4, 0.5, 0.6]}, "fast": {"seconds": [0.2, 0.25, 0.3]}}
    return fake_result(FAKES["fake_sleep"], samples)


def test_derived_numbers() -> None:
    r = _fake_result()
    assert r.speedup("fast") == pytest.approx(2.0)
    assert r.efficiency("fast") == pytest.approx(1.0)
    assert r.per_item_us("fast") == pytest.approx(0.25 / 4 * 1e6)
    assert r.overhead_us("fast") == pytest.approx((0.25 - 0.5) / 4 * 1e6)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                *(
                    "| Variant |",
                    "Speedup vs serial",
                    "2.00×",
                    "Measured on: Test CPU",
                    "start method `fork`",
                ),
                *("Steady state:", "3 timed rounds per row after 1 warm-up", "outside load 2 %"),
            ],
        ),
        (
            "zh",
            [
                *("| 方案 |", "加速比（相对串行", "2.00×", "测量环境：Test CPU", "启动方法 `fork`"),
                *("稳态计时", "每行预热 1 轮后计时 3 轮", "外部负载 2%"),
            ],
        ),
    ],
)
def test_block_renders_in_each_language(lang: str, expected: list[str], tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TIMINGS_CACHE_DIR", str(tmp_path))
    out = render.block(_fake_result(), lang)
    for piece in expected:
        assert piece in out
    assert "<svg" in out and "currentColor" in out
    assert out.rstrip().endswith(f"{lang}: 2.0")  # the reading comes last
    other = "zh" if lang == "en" else "en"
    assert render.table(_fake_result(), other) != render.table(_fake_result(), lang)


@pytest.mark.parametrize(
    ("rounds", "warmup", "en", "zh"),
    [
        (5, 1, "5 timed rounds per row after 1 warm-up,", "每行预热 1 轮后计时 5 轮，"),
        (3, 0, "3 timed rounds per row, no warm-up,", "每行计时 3 轮，不预热，"),
        (1, 0, "1 timed round per row, no warm-up,", "每行计时 1 轮，不预热，"),
    ],
)
def test_the_caption_counts_rounds_in_words(rounds: int, warmup: int, en: str, zh: str) -> None:
    r = fake_result(FAKES["fake_sleep"], rounds=rounds, warmup=warmup)
    assert en in render.caption(r, "en") and zh in render.caption(r, "zh")


def test_busy_machine_is_said_in_the_caption() -> None:
    r = _fake_result()
    assert "busy" not in render.title(r, "en")
    r.data["load"] = {"outside": 0.6, "remeasured": True, "busy": True}
    assert "measured twice" in render.caption(r, "en") and "read these numbers with care" in render.caption(
        r, "en"
    )
    assert "重新测量" in render.caption(r, "zh")
    # sentences follow each other: a space after an English full stop, none after a Chinese one
    assert ". Outside load was high" in render.caption(r, "en") and "  " not in render.caption(r, "en")
    assert "。测量时外部负载较高" in render.caption(r, "zh") and "。 " not in render.caption(r, "zh")
    assert "。**两次测量期间" in render.caption(r, "zh")
    assert render.title(r, "en") == "Sleeping (⚠ measured on a busy machine)"  # a mark over the table
    assert render.title(r, "zh") == "休眠（⚠ 测量时机器繁忙）"
    assert render.block(r, "en").startswith("**Sleeping (⚠ measured on a busy machine)**")


def test_inline_value_marker(fakes: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results, "load", lambda bench: _fake_result())
    assert markers.expand("x <!-- timing: fake_sleep fast speedup --> y", "en") == "x 2.00× y"


def test_measure_records_declared_metrics_and_environment() -> None:
    data = measure(FAKES["fake_metric"], log=lambda line: None)
    assert data["samples"]["only"]["first"] == [0.5, 0.5]
    assert set(data["env"]) >= {"cpu", "cores", "python", "gil", "start_method", "date"}


def test_site_benchmarks_declare_existing_sources() -> None:
    for bench in registry.benchmarks().values():
        cache.key(bench)  # raises when a declared source is missing
        assert bench.reading is not None, f"{bench.id}: every table needs a sentence that reads it"


def test_report_marker_gets_the_results_it_needs(fakes: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results, "load", lambda bench: _fake_result())
    assert markers.expand("<!-- timing: fake_report -->", "zh") == "zh report: 2.0"


def test_report_cannot_read_results_it_did_not_declare(fakes: dict) -> None:
    with pytest.raises(TimingError, match=r"fake_greedy_report.*not in its `needs`"):
        markers.expand("<!-- timing: fake_greedy_report -->", "en")


def test_site_reports_need_declared_benchmarks() -> None:
    known = registry.benchmarks()
    for report in registry.reports().values():
        missing = set(report.needs) - set(known)
        assert not missing, f"report {report.id} needs unknown timings {missing}"


# More than one interpreter: the build's (this venv's python) and the system's python3, both real.
SYSTEM_PYTHON = "/usr/bin/python3"
needs_system_python = pytest.mark.skipif(
    not Path(SYSTEM_PYTHON).is_file() or Path(SYSTEM_PYTHON).resolve() == Path(sys.executable).resolve(),
    reason=f"needs a second interpreter at {SYSTEM_PYTHON}",
)


def test_interpreters_listed_in_the_setting(monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    monkeypatch.setattr(interpreters, "_reported", set())
    monkeypatch.setattr(interpreters, "_configured", ())
    monkeypatch.delenv(interpreters.ENV, raising=False)
    assert interpreters.selected() == (sys.executable,)
    interpreters.configure(["no-such-python3.99", sys.executable])  # from mkdocs.yml
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.timings"):
        assert interpreters.selected() == (sys.executable,)  # listed twice, measured once
    assert "NOT MEASURED with 'no-such-python3.99' (listed in extra.timings_pythons" in caplog.text
    assert all(r.levelno == logging.INFO for r in caplog.records)  # strict builds fail on warnings
    monkeypatch.setenv(interpreters.ENV, "")  # the environment variable wins, even when empty
    caplog.clear()
    assert interpreters.selected() == (sys.executable,) and not caplog.text


@needs_system_python
def test_each_interpreter_gets_a_column_and_a_build_in_the_caption(
    fakes: dict, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    monkeypatch.setattr(interpreters, "_reported", set())
    monkeypatch.setenv(interpreters.ENV, f"{SYSTEM_PYTHON} /no/such/python3.14t")
    calls = []
    real = runner.run
    monkeypatch.setattr(runner, "run", lambda b, p: calls.append(p) or real(b, p))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.timings"):
        r = results.load(FAKES["fake_sleep"])
    assert "NOT MEASURED with '/no/such/python3.14t'" in caplog.text
    assert calls == [sys.executable, SYSTEM_PYTHON]
    (other,) = r.others
    assert other.env["executable"] == SYSTEM_PYTHON and r.env["executable"] == sys.executable
    system_version = platform_version(SYSTEM_PYTHON)
    assert other.version == system_version != r.version
    assert len(list(cache.cache_dir().glob("fake_sleep*.json"))) == 2  # one cache file each

    header, rule, *rows = render.table(r, "en").splitlines()
    assert header.endswith(
        f"| Fastest round · {system_version} | Speedup vs serial (fastest rounds) · {system_version} |"
    )
    assert rule.count("--:") == len(r.bench.columns) + 2  # the other's speedup and what it is computed from
    assert [row.count("|") for row in rows] == [header.count("|")] * len(rows)
    assert rows[0].endswith("| 1.00× |")  # the baseline, measured with the other interpreter
    assert f"`{system_version}` = CPython {system_version} (GIL enabled, start method" in render.caption(
        r, "en"
    )
    assert f"`{system_version}` 为 CPython {system_version}（启用 GIL，启动方法" in render.caption(r, "zh")
    assert "Speedup vs serial (fastest rounds) · " in render.table(r, "en")
    assert "加速比（相对串行，取最快一轮） · " in render.table(r, "zh")
    svg = render.block(r, "en")
    assert svg.count("<svg") == 1 and f">{system_version}<" in svg and f">{r.version}<" in svg  # legend

    monkeypatch.setattr(cache, "_memory", {})  # a new build: both come from the disk cache
    assert results.load(FAKES["fake_sleep"]) == r and len(calls) == 2


@needs_system_python
def test_make_bench_prints_a_column_per_interpreter(
    fakes: dict, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(interpreters.ENV, SYSTEM_PYTHON)
    timings_main._bench(["fake_metric"], cached=False)
    out = capsys.readouterr().out
    assert f"| Time to first result · {platform_version(SYSTEM_PYTHON)} |" in out
    assert out.count("| only |") == 1


def test_an_interpreter_older_than_3_11_is_refused(tmp_path: Path) -> None:
    old = tmp_path / "python3.10"
    old.write_text("#!/bin/sh\necho False /usr 3.10.13 None\n")
    old.chmod(0o755)
    with pytest.raises(TimingError, match=r"python3\.10.*too old.*3\.10\.13"):
        interpreters.identity(str(old))


def test_single_interpreter_table_is_unchanged() -> None:
    r = _fake_result()
    assert render.table(r, "en").splitlines()[0] == (
        "| Variant | Fastest round | Median wall time | Min–max | n | Speedup vs serial (fastest rounds) "
        "| Parallel efficiency (÷ workers) | µs per item | Overhead per item (µs) |"
    )
    assert "other interpreters" not in render.caption(r, "en")


def test_free_threaded_build_is_named_with_a_t() -> None:
    r = _fake_result()
    r.data["env"].update(python="CPython 3.14.0", free_threaded=True, gil=False)
    assert r.version == "3.14.0t" and r.parallel_threads
    assert "free-threaded build, GIL disabled" in render.caption(dataclasses.replace(r, others=(r,)), "en")


def platform_version(python: str) -> str:
    return subprocess.run(
        [python, "-c", "import platform; print(platform.python_version())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_hanging_measurement_is_killed_and_named(fakes: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMINGS_TIMEOUT", "3")
    with pytest.raises(TimingError, match=r"fake_hanging.*did not finish within 3 s"):
        cache.get(FAKES["fake_hanging"])


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "Timings measured 2026-11-28 08:00–09:30 UTC on Test CPU (2 cores, Linux 6), "
            "with CPython 3.11.7 (GIL enabled) and CPython 3.14.0 (free-threaded build, GIL disabled).",
        ),
        (
            "zh",
            "耗时表测量于 2026-11-28 08:00–09:30 UTC，测量环境：Test CPU（2 个核心，Linux 6），"
            "CPython 3.11.7（启用 GIL）和 CPython 3.14.0（自由线程构建，GIL 已禁用）。",
        ),
    ],
)
def test_footer_says_when_where_and_with_which_pythons(lang: str, expected: str) -> None:
    gil = _fake_result().data
    free = {"env": {**gil["env"], "python": "CPython 3.14.0", "free_threaded": True, "gil": False}}
    later = {"env": {**gil["env"], "date": "2026-11-28 09:30 UTC"}}
    assert render.footer([later, gil, free], lang) == expected
    assert render.footer([], lang) == ""


def test_a_tuple_of_columns_draws_one_chart_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMINGS_CACHE_DIR", str(tmp_path))
    bench = dataclasses.replace(FAKES["fake_metric"], chart=("median", "first"))
    data = {**measure(bench, log=lambda line: None), "key": "k"}
    for lang, label in (("en", "First result: Time to first result"), ("zh", "第一个结果：首个结果耗时")):
        out = render.block(Result(bench, data), lang, cache.chart)
        assert out.count("<svg") == 2
        assert f'<title id="chart-fake_metric-first-title">{label}</title>' in out
    assert len(list((tmp_path / "charts").glob("fake_metric-en-*.svg"))) == 2


def test_a_chart_is_an_image_named_and_described_in_the_pages_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMINGS_CACHE_DIR", str(tmp_path))
    bench = dataclasses.replace(
        FAKES["fake_metric"],
        reading=lambda r, lang: "**2×** `faster`" if lang == "en" else "快 **2** 倍 <了>",
    )
    data = {**measure(bench, log=lambda line: None), "key": "k"}
    for lang, name, desc in (("en", "First result", "2× faster"), ("zh", "第一个结果", "快 2 倍 &lt;了&gt;")):
        for _ in range(2):  # drawn, then read back from the cache: labelled both times
            out = cache.chart(Result(bench, data), lang, "first")
            assert out.startswith("<svg ") and out.count("<svg") == 1
            head = out[: out.index(">") + 1]
            labels = 'aria-labelledby="chart-fake_metric-first-title"'
            assert (
                'role="img"' in head
                and labels in head
                and 'aria-describedby="chart-fake_metric-first-desc"' in head
            )
            assert f'<title id="chart-fake_metric-first-title">{name}</title>' in out
            assert f'<desc id="chart-fake_metric-first-desc">{desc}</desc>' in out
    no_reading = cache.chart(Result(dataclasses.replace(bench, reading=None), data), "en", "first")
    assert "aria-describedby" not in no_reading and "<desc" not in no_reading


def test_a_memory_chart_names_its_unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMINGS_CACHE_DIR", str(tmp_path))
    metric = Metric("peak", {"en": "Peak memory", "zh": "内存峰值"}, unit="MiB")
    bench = dataclasses.replace(
        FAKES["fake_metric"], metrics=(metric,), columns=("peak",), chart="peak", reading=None
    )
    r = fake_result(bench, {"only": {"seconds": [0.1], "peak": [3.0]}})
    assert "Peak memory (MiB)" in chart.svg(r, "en")
    assert "内存峰值（MiB）" in chart.svg(r, "zh")  # full-width brackets, no space, in Chinese


@pytest.mark.parametrize(
    ("label", "lang", "axis"),
    [
        ({"en": "First pool (cold)", "zh": "首个池（冷启动）"}, "en", "First pool (cold) (ms)"),
        ({"en": "First pool (cold)", "zh": "首个池（冷启动）"}, "zh", "首个池（冷启动，ms）"),
        ({"en": "Time to first result", "zh": "首个结果耗时"}, "zh", "首个结果耗时（ms）"),
    ],
    ids=["en", "zh-inside-the-bracket", "zh-own-brackets"],
)
def test_a_timed_chart_names_its_unit_in_the_pages_language(
    label: dict[str, str], lang: str, axis: str
) -> None:
    """A label that ends in a Chinese bracket takes the unit inside it; others get their own pair."""
    bench = dataclasses.replace(
        FAKES["fake_metric"],
        metrics=(Metric("first", label),),
        columns=("first",),
        chart="first",
        reading=None,
    )
    r = fake_result(bench, {"only": {"seconds": [0.1], "first": [0.05]}})
    drawn = chart.svg(r, lang)
    assert f">{axis}<" in drawn, re.findall(r">([^<>]*ms[^<>]*)<", drawn)


# --- capacity rows, timers and tables that read at a glance (issue 13) -------------------------


def test_capacity_row_runs_in_plain_processes_started_before_the_rounds() -> None:
    import multiprocessing

    bench = FAKES["fake_capacity"]
    data = measure(bench, log=lambda line: None)
    assert len(data["samples"]["capacity"]["seconds"]) == bench.rounds
    assert set(data["samples"]["capacity"]) == {"seconds"}  # timed only: metrics belong to the techniques
    assert data["samples"]["serial"]["first"] == [0.008, 0.008]
    assert data["timer"] == "steady" and data["warmup"] == bench.warmup
    assert multiprocessing.active_children() == []  # every capacity process has been joined
    r = Result(bench, {**data, "key": "k"})
    table = render.table(r, "en")
    assert "| capacity: 2 plain processes, no pool |" in table
    assert "The capacity row runs the same tasks in 2 plain processes" in render.caption(r, "en")
    assert "2 个普通进程" in render.caption(r, "zh") and "。 " not in render.caption(r, "zh")


def burn_then_wait(conn, seconds: float) -> None:
    """Spend `seconds` of CPU, say so, and stay alive (unreaped) until told to go."""
    import time

    start = time.process_time()
    while time.process_time() - start < seconds:
        pass
    conn.send("burnt")
    conn.recv()


def test_cpu_of_the_measurements_own_process_tree_is_not_outside_load() -> None:
    """A fork server's worker is not a child of the measuring process, and no process is reaped
    while it runs: os.times() alone misses its CPU, which then counted as outside load."""
    import multiprocessing

    from timings.measure import _own_cpu_seconds

    ctx = multiprocessing.get_context("forkserver")
    ours, theirs = ctx.Pipe()
    before = _own_cpu_seconds()
    worker = ctx.Process(target=burn_then_wait, args=(theirs, 0.3))
    worker.start()
    try:
        assert ours.recv() == "burnt"
        seen = _own_cpu_seconds() - before
    finally:
        ours.send("go")
        worker.join()
    assert seen >= 0.25, f"the fork server's worker burnt 0.3 s of CPU; the tree count saw {seen:.2f} s"


ORPHAN = """
import os
from timings.measure import adopt_orphans
if {adopt}:
    adopt_orphans()
r, w = os.pipe()
hold, release = os.pipe()  # the grandchild lives until this process closes `release`
child = os.fork()
if child == 0:  # starts a grandchild, then exits at once: the grandchild is an orphan
    grandchild = os.fork()
    if grandchild == 0:
        os.close(release)
        os.read(hold, 1)
        os._exit(0)
    os.write(w, str(grandchild).encode())
    os._exit(0)
os.waitpid(child, 0)
grandchild = int(os.read(r, 20))
with open(f"/proc/{{grandchild}}/stat") as f:
    parent = int(f.read().rsplit(")", 1)[1].split()[1])
print("adopted" if parent == os.getpid() else "elsewhere")
os.close(release)
if parent == os.getpid():
    os.waitpid(grandchild, 0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_CHILD_SUBREAPER is Linux's")
@pytest.mark.parametrize(("adopt", "expected"), [(True, "adopted"), (False, "elsewhere")])
def test_the_measuring_process_adopts_what_its_children_leave(adopt: bool, expected: str) -> None:
    """A fork server outlives the script that started it: adopted, its CPU stays in the tree."""
    done = subprocess.run(
        [sys.executable, "-c", ORPHAN.format(adopt=adopt)],
        capture_output=True,
        text=True,
        timeout=30,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.stdout.strip() == expected, done.stderr


def test_capacity_tasks_must_divide_evenly_over_the_processes() -> None:
    from timings.spec import capacity_row

    uneven = dataclasses.replace(
        FAKES["fake_capacity"],
        variants=(capacity_row(2, lambda _: [time_noop] * 3),),
        baseline=None,
        columns=(),
    )
    with pytest.raises(ValueError, match=r"fake_capacity.*3 tasks do not divide evenly over 2"):
        measure(uneven, log=lambda line: None)


def time_noop() -> None:
    """A task for the capacity processes (module level: picklable under every start method)."""


# Declared in timings/benchmarks/asyncio_io.py, which another change owns: it must declare its timer
# there. Listed so that this test fails as soon as it does (then remove it from this set).
TIMER_DECLARED_ELSEWHERE = {"asyncio_vs_threads"}


def test_every_site_table_declares_its_timer_and_reads_at_a_glance() -> None:
    undeclared = set()
    for bench in registry.benchmarks().values():
        if bench.timer is None:
            undeclared.add(bench.id)
        assert not bench.problems(require_timer=False), bench.problems()
    assert undeclared == TIMER_DECLARED_ELSEWHERE


CPU_BOUND = (
    "hash_files_cpu",
    "free_threading_cpu",
    "pool_lock_contention",
    "executor_chunksize",
    "gil_released_hashing",
    "dask_cpu",
)


@pytest.mark.parametrize("bench_id", CPU_BOUND)
def test_cpu_bound_tables_are_steady_state_with_a_capacity_row(bench_id: str) -> None:
    bench = registry.get(bench_id)
    assert bench.timer == "steady"
    assert bench.capacity is not None and "capacity" in bench.columns
    assert bench.variants[1].key == "capacity"  # right under the baseline: both are references


def fabricated(bench_id: str, seed: int, **load: object) -> Result:
    """A result with made-up samples for every row and metric, spanning microseconds to seconds."""
    import random

    rng = random.Random(seed)
    bench = registry.get(bench_id)
    samples = {}
    for v in bench.variants:
        base = 10 ** rng.uniform(-5, 0.5)
        samples[v.key] = {"seconds": [base * rng.uniform(1, 1.3) for _ in range(5)]}
        if not v.key == "capacity":
            for m in bench.metrics:
                samples[v.key][m.key] = [10 ** rng.uniform(-3, 3) for _ in range(5)]
    return fake_result(bench, samples, load={"outside": 0.05, **load}, rounds=5)


def _seconds(cell: str) -> float:
    value, unit = cell.replace(",", "").split()
    return float(value) * {"s": 1, "ms": 1e-3, "µs": 1e-6}[unit]


def _cells(table: str) -> tuple[list[str], list[list[str]]]:
    header, _, *rows = table.splitlines()
    split = lambda line: [c.strip() for c in line.strip("|").split(" | ")]  # noqa: E731
    return split(header), [split(row) for row in rows]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("bench_id", sorted(registry.benchmarks()))
def test_no_table_shows_a_speedup_that_cannot_be_recomputed_from_its_figures(
    bench_id: str, lang: str
) -> None:
    """Speedup, efficiency and share of capacity come from the fastest rounds: the table shows them."""
    from timings.present.texts import COLUMN_LABELS
    from timings.spec import text as pick

    for seed in range(5):
        r = fabricated(bench_id, seed)
        header, rows = _cells(render.table(r, lang))
        labels = {pick(COLUMN_LABELS[c], lang): c for c in ("best", "speedup", "efficiency", "capacity")}
        shown = {labels[h]: i for i, h in enumerate(header) if h in labels}
        if not {"speedup", "efficiency", "capacity"} & set(shown):
            continue
        assert "best" in shown, f"{bench_id}: a speedup without the fastest rounds it is computed from"
        best = {row[0]: _seconds(row[shown["best"]]) for row in rows}
        by_key = {pick(v.label, lang): v for v in r.bench.variants}
        base = best[pick(r.bench.variant(r.bench.baseline).label, lang)]
        capacity = next((best[k] for k, v in by_key.items() if v.key == "capacity"), None)
        for row in rows:
            v, mine = by_key[row[0]], best[row[0]]
            if "speedup" in shown:
                assert float(row[shown["speedup"]].rstrip("×")) == pytest.approx(
                    base / mine, rel=0.012, abs=0.006
                )
            if "efficiency" in shown and row[shown["efficiency"]] != "—":
                pct = float(row[shown["efficiency"]].rstrip("% "))
                assert pct == pytest.approx(100 * base / mine / v.workers, rel=0.012, abs=0.6)
            if "capacity" in shown and row[shown["capacity"]] != "—":
                pct = float(row[shown["capacity"]].rstrip("% "))
                assert pct == pytest.approx(100 * capacity / mine, rel=0.012, abs=0.6)


@pytest.mark.parametrize("bench_id", sorted(registry.benchmarks()))
def test_tables_read_at_a_glance(bench_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMINGS_CACHE_DIR", str(tmp_path))
    r = fabricated(bench_id, 1)
    for lang in ("en", "zh"):
        caption = render.caption(r, lang)
        assert "n runs" not in caption and "n 次" not in caption  # the caption says how many rounds
        assert ("5 timed rounds" if lang == "en" else "计时 5 轮") in caption
        if r.bench.compares_start_methods:
            assert "start method `" not in caption and "启动方法 `" not in caption
        table = render.table(r, lang)
        assert " 0.0 µs" not in table and "| 0 µs" not in table
        percents = [c for row in _cells(table)[1] for c in row if c.endswith("%")]
        assert all((c.endswith(" %") if lang == "en" else not c.endswith(" %")) for c in percents), percents
        for metric in r.bench.charts:
            assert "`" not in chart.draw(r, lang, metric)  # chart labels are text, not Markdown
    assert not {"made", "count"} <= set(r.bench.columns)  # two columns that are equal when all is well


def test_numbers_keep_three_significant_digits() -> None:
    assert [render.number(x) for x in (0.0543, 1.234, 12.34, 1234.5, 0)] == [
        "0.0543",
        "1.23",
        "12.3",
        "1,234",
        "0",
    ]
    assert [render.seconds(x) for x in (2.5, 0.1234, 0.001234, 0.0000456)] == [
        "2.50 s",
        "123 ms",
        "1.23 ms",
        "45.6 µs",
    ]
    assert render.percent(0.861, "en") == "86 %" and render.percent(0.861, "zh") == "86%"


@pytest.mark.parametrize("bench_id", CPU_BOUND)
def test_parallel_rows_show_efficiency_against_workers_and_capacity(bench_id: str) -> None:
    assert {"best", "speedup", "efficiency", "capacity"} <= set(registry.get(bench_id).columns)


def test_every_timing_marker_is_declared_in_its_pages_namesake_module() -> None:
    """docs/en/<page>.md's tables are declared in timings/benchmarks/<page>.py (dashes become
    underscores); a page without such a module (the home page) only repeats a table shown on the page
    whose module declares it."""
    docs = Path(__file__).resolve().parents[2] / "docs" / "en"
    declared = {**registry.benchmarks(), **registry.reports()}
    shown: dict[str, set[str]] = {}
    for page in sorted(docs.glob("*.md")):
        shown[page.stem] = set(markers.ids(page.read_text(encoding="utf-8")))
    modules = {item.module.rpartition(".")[2] for item in declared.values()}
    for stem, ids in shown.items():
        namesake = stem.replace("-", "_")
        for bench_id in ids:
            owner = declared[bench_id].module.rpartition(".")[2]
            if namesake in modules:
                assert owner == namesake, f"docs/en/{stem}.md shows {bench_id!r}, declared in {owner}.py"
            else:
                home = owner.replace("_", "-")
                assert bench_id in shown.get(home, set()), f"{stem}.md repeats {bench_id!r}, not on {home}.md"
    unused = modules - {stem.replace("-", "_") for stem in shown}
    assert not unused, f"benchmark modules named after no page: {unused}"
