"""The version page (docs/*/python-versions.md, timings/benchmarks/python_versions.py): its verdicts
follow the numbers they are given, in both languages; every table renders from one interpreter; the
engine adds the caption naming each interpreter. Discovery itself: tests/engine/test_discovery.py."""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Callable, Mapping
from typing import Any

import pytest

from tests.support.fake_results import fake_result
from timings import discovery, interpreters, markers, registry, results
from timings.benchmarks import python_versions as pv
from timings.present import render, texts
from timings.results import Result
from timings.spec import text

pytestmark = pytest.mark.once  # no timing: verdicts read made-up numbers


def fake(
    bench_id: str,
    values: Mapping[str, Any],
    version: str = "3.11.7",
    *,
    method: str = "fork",
    free: bool = False,
    gil: bool = True,
) -> Result:
    """A result whose variant k has every sample values[k] (seconds), or values[k][metric]."""
    samples: dict[str, dict[str, list[float]]] = {}
    for v in registry.get(bench_id).variants:
        value = values.get(v.key, 1.0)
        if isinstance(value, Mapping):
            samples[v.key] = {"seconds": [0.01] * 2, **{m: [x] * 2 for m, x in value.items()}}
        else:
            samples[v.key] = {"seconds": [value] * 2}
    return fake_result(
        bench_id,
        samples,
        python=f"CPython {version}",
        free_threaded=free,
        gil=gil,
        start_method=method,
        date="2026-11-30 04:00 UTC",
    )


def lookup(*found: Result) -> Callable[[str], Result]:
    by_id = {r.bench.id: r for r in found}

    def get(bench_id: str) -> Result:
        if bench_id not in by_id:
            raise discovery.NotMeasurable(bench_id, (("3.11.7", "needs 3.14"),))
        return by_id[bench_id]

    return get


LANGS = ["en", "zh"]


@pytest.mark.parametrize("lang", LANGS)
def test_cpu_verdicts(lang: str) -> None:
    base = fake("versions_cpu", {"serial": 0.100})
    said = {
        "base": pv.cpu_verdict(base, base, lang),
        "gains": pv.cpu_verdict(base, fake("versions_cpu", {"serial": 0.080}, "3.14.0"), lang),
        "pays": pv.cpu_verdict(base, fake("versions_cpu", {"serial": 0.125}, "3.12.1"), lang),
        "tie": pv.cpu_verdict(base, fake("versions_cpu", {"serial": 0.105}, "3.13.0"), lang),
    }
    expected = {
        "en": (
            "the baseline",
            "**gains**: 25 % faster than 3.11.7",
            "**pays**: 25 % slower than 3.11.7",
            "the same speed as 3.11.7 (within 10 %)",
        ),
        "zh": (
            "基线",
            "**收益**：比 3.11.7 快 25%",
            "**代价**：比 3.11.7 慢 25%",
            "与 3.11.7 速度相同（差距在 10% 以内）",
        ),
    }[lang]
    assert said["base"].startswith(expected[0])
    assert (said["gains"], said["pays"], said["tie"]) == expected[1:]


def startup(version: str, method: str, **cold: float) -> Result:
    return fake("versions_startup", {m: {"cold": s} for m, s in cold.items()}, version, method=method)


@pytest.mark.parametrize("lang", LANGS)
def test_startup_verdicts(lang: str) -> None:
    base = startup("3.11.7", "fork", fork=0.020, forkserver=0.150, spawn=0.200)
    changed_slower = startup("3.14.0", "forkserver", fork=0.021, forkserver=0.160, spawn=0.210)
    changed_same = startup("3.14.0", "forkserver", fork=0.021, forkserver=0.021, spawn=0.210)
    same_slower = startup("3.12.1", "fork", fork=0.030)
    same_faster = startup("3.12.1", "fork", fork=0.010)
    same_tie = startup("3.13.0", "fork", fork=0.021)
    en = lang == "en"
    assert pv.startup_verdict(base, base, lang).startswith("the baseline" if en else "基线")
    out = pv.startup_verdict(base, changed_slower, lang)
    assert out.startswith("**pays**" if en else "**代价**")
    assert ("from `fork` to `forkserver`" if en else "从 `fork` 变为 `forkserver`") in out
    assert "160 ms" in out and "20.0 ms" in out and "21.0 ms" in out
    assert ("costs no more" if en else "并没有变慢") in pv.startup_verdict(base, changed_same, lang)
    assert pv.startup_verdict(base, same_slower, lang).startswith("**pays**" if en else "**代价**")
    assert pv.startup_verdict(base, same_faster, lang).startswith("**gains**" if en else "**收益**")
    assert ("the same cost" if en else "开销相同") in pv.startup_verdict(base, same_tie, lang)


def threads(version: str, serial: float, threaded: float, **kw: Any) -> Result:
    return fake("versions_threads", {"serial": serial, "threads": threaded}, version, **kw)


@pytest.mark.parametrize("lang", LANGS)
def test_thread_verdicts(lang: str) -> None:
    en = lang == "en"
    gil = pv.threads_verdict(threads("3.11.7", 0.1, 0.1), lang)
    assert ("threads take turns, 1.00×" if en else "线程轮流执行，速度是串行的 1.00 倍") in gil
    parallel = pv.threads_verdict(threads("3.14.0", 0.1, 0.052, free=True, gil=False), lang)
    assert parallel.startswith("**gains**" if en else "**收益**")
    assert ("1.92× serial" if en else "速度是串行的 1.92 倍") in parallel
    flat = pv.threads_verdict(threads("3.14.0", 0.1, 0.1, free=True, gil=False), lang)
    assert ("no gain here" if en else "没有收益") in flat
    reenabled = pv.threads_verdict(threads("3.14.0", 0.1, 0.1, free=True, gil=True), lang)
    assert ("GIL re-enabled" if en else "GIL 被重新启用") in reenabled


@pytest.mark.parametrize("lang", LANGS)
def test_threads_table_says_no_free_threaded_interpreter_was_found(lang: str) -> None:
    r = threads("3.11.7", 0.1, 0.1)
    r = dataclasses.replace(r, others=(threads("3.14.0", 0.1, 0.1, method="forkserver"),))
    out = pv.threads_report(lookup(r), lang)
    assert text(pv.NO_FREE_THREADED, lang) in out
    free = threads("3.14.0", 0.1, 0.05, free=True, gil=False)
    assert text(pv.NO_FREE_THREADED, lang) not in pv.threads_report(
        lookup(dataclasses.replace(r, others=(free,))), lang
    )


@pytest.mark.parametrize("lang", LANGS)
def test_interpreter_verdicts_and_needs_3_14(lang: str) -> None:
    en = lang == "en"

    def interp(p: float, i: float) -> Result:
        return fake("versions_interpreters", {"serial": 0.02, "processes": p, "interpreters": i}, "3.14.0")

    assert pv.interpreters_verdict(interp(0.2, 0.1), lang).startswith("**gains**" if en else "**收益**")
    assert pv.interpreters_verdict(interp(0.1, 0.2), lang).startswith("**pays**" if en else "**代价**")
    assert pv.interpreters_verdict(interp(0.1, 0.105), lang).startswith("a tie" if en else "持平")
    # measured on 3.14 only: the older interpreters' rows say what they need
    r = dataclasses.replace(interp(0.2, 0.1), missing=(("3.11.7", "needs 3.14"), ("3.13.0", "needs 3.14")))
    out = pv.interpreters_report(lookup(r), lang)
    assert ("not measured: needs 3.14" if en else "未测量：需要 3.14") in out
    assert out.index("3.11.7") < out.index("3.14.0")
    # with no 3.14 at all, the page still builds and says so
    alone = pv.interpreters_report(lookup(), lang)
    assert "3.11.7" in alone and ("needs 3.14" if en else "需要 3.14") in alone


def counts(version: str, cpus: float, allowed: float, pcc: float, workers: float) -> Result:
    values = {"cpu_count": cpus, "allowed": allowed, "process_cpu_count": pcc, "process_default": workers}
    return fake("versions_cpu_count", {"pinned": {**values, "thread_default": 5.0}}, version)


@pytest.mark.parametrize("lang", LANGS)
def test_cpu_count_verdicts(lang: str) -> None:
    en = lang == "en"
    old = pv.cpu_count_verdict(counts("3.11.7", 2, 1, -1, 2), lang)
    assert old.startswith("**pays**" if en else "**代价**") and "2" in old
    new = pv.cpu_count_verdict(counts("3.13.0", 2, 1, 1, 1), lang)
    assert new.startswith("**gains**" if en else "**收益**")
    one = pv.cpu_count_verdict(counts("3.13.0", 1, 1, 1, 1), lang)
    assert ("cannot show it here" if en else "无法演示") in one
    forced = pv.cpu_count_verdict(counts("3.13.0", 2, 1, 1, 4), lang)
    assert "PYTHON_CPU_COUNT" in forced
    table = pv.cpu_count_report(lookup(counts("3.11.7", 2, 1, -1, 2)), lang)
    assert ("— (3.13+)" if en else "—（3.13 起）") in table


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_with_one_interpreter_names_the_versions_it_did_not_measure(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(interpreters.ENV, "")
    one = lookup(
        fake("versions_cpu", {"serial": 0.1}),
        startup("3.11.7", "fork", fork=0.02, forkserver=0.15, spawn=0.2),
        threads("3.11.7", 0.1, 0.1),
        counts("3.11.7", 2, 1, -1, 2),
    )
    coverage = pv.coverage_report(one, lang)
    assert (
        "Not measured: **3.12, 3.13, 3.14, 3.14t**" if lang == "en" else "未测量：**3.12、3.13、3.14、3.14t**"
    ) in coverage
    assert "TIMINGS_PYTHONS=auto" in coverage
    assert ("was not asked to look" if lang == "en" else "没有设置为查找它们") in coverage
    for report in pv.REPORTS:
        out = report.render(one, lang)  # every table renders from one interpreter
        assert "3.11.7" in out
    monkeypatch.setenv(interpreters.ENV, "auto")
    assert ("none was found" if lang == "en" else "没有找到") in pv.coverage_report(one, lang)


def test_version_claims_hold_on_this_interpreter() -> None:
    """What the page says about the running version, checked where it can be."""
    import concurrent.futures
    import multiprocessing
    import os

    assert hasattr(os, "process_cpu_count") == (sys.version_info >= (3, 13))
    assert hasattr(concurrent.futures, "InterpreterPoolExecutor") == (sys.version_info >= (3, 14))
    if sys.platform == "linux":
        default = multiprocessing.get_context().get_start_method()
        assert default == ("forkserver" if sys.version_info >= (3, 14) else "fork") or os.environ.get(
            "PARALLEL_START_METHOD"
        )


@pytest.mark.parametrize("lang", LANGS)
def test_the_plain_tables_read_the_newest_version(lang: str) -> None:
    """Under a plain table (`make bench`), the reading is the newest version's verdict."""
    cpu = fake("versions_cpu", {"serial": 0.1})
    cpu = dataclasses.replace(cpu, others=(fake("versions_cpu", {"serial": 0.05}, "3.14.0"),))
    assert pv.reading(cpu, lang, "cpu").startswith("3.14.0")
    assert ("100 % faster" if lang == "en" else "快 100%") in pv.reading(cpu, lang, "cpu")
    base = startup("3.11.7", "fork", fork=0.02, forkserver=0.15, spawn=0.2)
    new = startup("3.14.0", "forkserver", fork=0.02, forkserver=0.15, spawn=0.2)
    assert "forkserver" in pv.reading(dataclasses.replace(base, others=(new,)), lang, "startup")
    times = "{:.2f}×" if lang == "en" else "{:.2f} 倍"  # in running Chinese text: 倍, not ×
    assert times.format(1) in pv.reading(threads("3.11.7", 0.1, 0.1), lang, "threads")
    interp = fake("versions_interpreters", {"serial": 0.02, "processes": 0.2, "interpreters": 0.1}, "3.14.0")
    assert times.format(2) in pv.reading(interp, lang, "interpreters")
    assert "PYTHON_CPU_COUNT" not in pv.reading(counts("3.13.0", 2, 1, 1, 1), lang, "cpu_count")


@pytest.mark.parametrize("lang", LANGS)
def test_the_engine_captions_a_report_with_every_interpreter_and_a_busy_machine(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = dataclasses.replace(
        fake("versions_cpu", {"serial": 0.1}),
        others=(fake("versions_cpu", {"serial": 0.08}, "3.14.0", method="forkserver"),),
    )
    monkeypatch.setattr(results, "load", lambda bench: r)
    report = registry.get_report("versions_cpu_report")
    assert report is not None and report.caption == "steady"
    quiet = markers.report(report, lang)
    assert quiet.startswith(pv.cpu_report(lambda _: r, lang))  # the report's table, then the caption
    assert "3.11.7" in quiet.split("\n\n")[-1] and "3.14.0" in quiet.split("\n\n")[-1]
    assert "`forkserver`" in quiet and text(texts.TIMER["steady"], lang) in quiet
    assert text(texts.BUSY, lang) not in quiet and "04:00 UTC – " not in quiet  # one date, said once
    busy = dataclasses.replace(r, data={**r.data, "load": {"outside": 0.9, "remeasured": True, "busy": True}})
    assert text(texts.BUSY, lang) in render.runs_caption(busy, "steady", lang)
    # Each timer of the page's captions, then the machine: joined as the language joins sentences,
    # with no half-width space after full-width punctuation in Chinese (it once read "。 测量环境").
    for timer in sorted({rep.caption for rep in pv.REPORTS if rep.caption is not None}):
        for result in (r, busy):
            said = render.runs_caption(result, timer, lang)
            assert said.startswith(text(texts.TIMER[timer], lang) + text(texts.SENTENCES, lang)), said
            if lang == "zh":
                assert re.search(r"[。，；：）] ", said) is None, said
    # no interpreter here can measure it: the report's rows say why, and there is no caption

    def none_can(bench: Any) -> Result:
        raise discovery.NotMeasurable(bench.id, (("3.11.7", "needs 3.14"),))

    monkeypatch.setattr(results, "load", none_can)
    alone = markers.report(report, lang)
    assert alone == pv.cpu_report(lambda bench_id: none_can(registry.get(bench_id)), lang)
    assert "{ .timing-caption }" not in alone and "3.11.7" in alone
