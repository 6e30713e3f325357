"""Issue 17: `TIMINGS_PYTHONS=auto` finds the interpreters (fake ones here: small shell scripts), and
the version page's verdicts follow the numbers they are given, in both languages."""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from timings import discovery, interpreters, registry, render
from timings.benchmarks import python_versions as pv
from timings.result import Result

pytestmark = pytest.mark.once  # no timing: fake interpreters answer a probe, verdicts read numbers

# ---- fake interpreters ----


def fake_python(
    folder: Path, name: str, version: str, *, free_threaded: bool = False, lacks: str = ""
) -> Path:
    """A shell script answering discovery's two probes: the version probe and the package probe."""
    major, minor_, micro = version.split(".")
    ft = "true" if free_threaded else "false"
    answer = f'{{"version": [{major}, {minor_}, {micro}], "free_threaded": {ft}, '
    answer += '"implementation": "cpython"}'
    missing = ", ".join(f'"{n}"' for n in lacks.split()) if lacks else ""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        f"#!/bin/sh\ncase \"$2\" in\n  *find_spec*) echo '[{missing}]' ;;\n  *) echo '{answer}' ;;\nesac\n",
        encoding="utf-8",
    )
    path.chmod(0o755)
    return path


def broken_python(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(
        "#!/bin/sh\necho 'error while loading shared libraries: libpython3.13.so' >&2\nexit 127\n"
    )
    path.chmod(0o755)
    return path


def env_for(tmp_path: Path, *folders: Path) -> dict[str, str]:
    return {
        "PATH": os.pathsep.join(str(f) for f in folders),
        "HOME": str(tmp_path / "home"),
        "PYENV_ROOT": str(tmp_path / "pyenv"),
    }


def reasons(found: discovery.Found) -> dict[str, str]:
    return {Path(path).name if os.sep in path else path: why for path, why in found.skipped}


def test_discovery_uses_each_version_once_and_says_why_it_skipped_the_others(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    fake_python(bin_, "python3.12", "3.12.9")
    fake_python(bin_, "python3.13", "3.12.4")  # a second 3.12 under another name
    fake_python(bin_, "python3.14", "3.10.4")  # too old, whatever its name
    broken_python(bin_, "python3.14t")  # not runnable
    fake_python(tmp_path / "pyenv" / "versions" / "3.13.2" / "bin", "python3.13", "3.13.2")
    fake_python(tmp_path / "pyenv" / "shims", "python3.11", "3.11.1")  # not in PATH: never looked at
    found = discovery.discover(env_for(tmp_path, bin_))
    used = [i.label for i in found.used]
    assert used[0] == discovery.probe(sys.executable).label  # type: ignore[union-attr]
    assert "3.12.9" in used and "3.13.2" in used and "3.12.4" not in used
    why = reasons(found)
    assert "3.12.4: this version is already measured by" in why["python3.13"]
    assert why["python3.14"].startswith("too old (3.10.4")
    assert why["python3.14t"].startswith("not runnable (error while loading shared libraries")
    assert why["python3.13t, python3.14t"] == "free-threaded build missing: none found"


def test_a_free_threaded_build_is_found_and_pyenv_shims_are_skipped(tmp_path: Path) -> None:
    shims = tmp_path / "pyenv" / "shims"
    fake_python(shims, "python3.12", "3.12.9")
    bin_ = tmp_path / "bin"
    fake_python(bin_, "python3.14t", "3.14.1", free_threaded=True)
    found = discovery.discover(env_for(tmp_path, shims, bin_))
    assert "3.14.1t" in [i.label for i in found.used]
    assert "3.12.9" not in [i.label for i in found.used]
    why = reasons(found)
    assert why["python3.12"].startswith("a pyenv shim")
    assert "python3.13t, python3.14t" not in why  # one was found


def test_a_missing_interpreter_is_never_used(tmp_path: Path) -> None:
    found = discovery.discover(env_for(tmp_path, tmp_path / "nothing-here"))
    assert [i.path for i in found.used] == [sys.executable]
    assert discovery.probe(str(tmp_path / "python3.99")).startswith("not runnable (FileNotFoundError")  # type: ignore[union-attr]


def test_a_benchmark_needing_a_package_is_measured_where_it_can_be_and_says_where_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bench = registry.get("dask_cpu")  # its snippet imports dask and distributed
    assert "dask" in discovery.packages(bench)
    assert discovery.packages(registry.get("versions_cpu")) == frozenset()  # the stdlib only
    bare = fake_python(tmp_path / "bin", "python3.13", "3.13.2", lacks="dask distributed")
    full = fake_python(tmp_path / "bin2", "python3.12", "3.12.9")
    monkeypatch.setenv(interpreters.ENV, f"auto {bare} {full}")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.timings"):
        chosen = interpreters.selected(bench)
    assert str(bare) not in chosen and str(full) in chosen
    assert discovery.not_measured(bench.id) == (("3.13.2", "lacks dask, distributed"),)
    assert "NOT MEASURED dask_cpu with 3.13.2: lacks dask, distributed" in caplog.text
    # the table's caption names it, in both languages
    r = dataclasses.replace(fake("versions_cpu", {"serial": 0.1}), missing=discovery.not_measured(bench.id))
    assert "Not measured with: 3.13.2 (lacks dask, distributed)." in render.caption(r, "en")
    assert "未能用以下解释器测量：3.13.2（lacks dask, distributed）" not in render.caption(r, "zh")
    assert "未能用以下解释器测量：3.13.2 (lacks dask, distributed)。" in render.caption(r, "zh")


def test_a_table_no_interpreter_can_run_fails_with_the_reasons(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(interpreters.ENV, "")
    if sys.version_info >= (3, 14):
        pytest.skip("this interpreter can run the 3.14 table")
    with pytest.raises(discovery.NotMeasurable, match=r"needs 3\.14"):
        interpreters.selected(registry.get("versions_interpreters"))


def test_auto_measures_only_the_version_page_with_every_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = discovery.Found(
        (discovery.Interpreter(str(fake_python(tmp_path, "python3.13", "3.13.2")), (3, 13, 2), False),), ()
    )
    monkeypatch.setattr(discovery, "found", lambda: found)
    monkeypatch.setenv(interpreters.ENV, "auto")
    assert str(tmp_path / "python3.13") in interpreters.selected(registry.get("versions_cpu"))
    assert interpreters.selected(registry.get("pool_startup")) == (sys.executable,)


# ---- fabricated results ----


def env(version: str, *, method: str = "fork", free: bool = False, gil: bool = True) -> dict[str, Any]:
    return {
        "python": f"CPython {version}",
        "free_threaded": free,
        "gil": gil,
        "start_method": method,
        "cpu": "Test CPU",
        "cores": 2,
        "os": "Linux",
        "date": "2026-11-30 04:00 UTC",
    }


def fake(bench_id: str, values: Mapping[str, Any], version: str = "3.11.7", **kw: Any) -> Result:
    """A result whose variant k has every sample values[k] (seconds), or values[k][metric]."""
    bench = registry.get(bench_id)
    samples: dict[str, dict[str, list[float]]] = {}
    for v in bench.variants:
        value = values.get(v.key, 1.0)
        if isinstance(value, Mapping):
            samples[v.key] = {"seconds": [0.01] * 2, **{m: [x] * 2 for m, x in value.items()}}
        else:
            samples[v.key] = {"seconds": [value] * 2}
    load = {"outside": 0.0, "remeasured": False, "busy": False}
    return Result(bench, {"samples": samples, "env": env(version, **kw), "load": load})


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
    if lang == "en":
        assert said["base"].startswith("the baseline")
        assert said["gains"] == "**gains**: 25 % faster than 3.11.7"
        assert said["pays"] == "**pays**: 25 % slower than 3.11.7"
        assert said["tie"] == "the same speed as 3.11.7 (within 10 %)"
    else:
        assert said["base"].startswith("基线")
        assert said["gains"] == "**收益**：比 3.11.7 快 25%"
        assert said["pays"] == "**代价**：比 3.11.7 慢 25%"
        assert said["tie"] == "与 3.11.7 速度相同（差距在 10% 以内）"


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
    text = pv.startup_verdict(base, changed_slower, lang)
    assert text.startswith("**pays**" if en else "**代价**")
    assert ("from `fork` to `forkserver`" if en else "从 `fork` 变为 `forkserver`") in text
    assert "160 ms" in text and "20.0 ms" in text and "21.0 ms" in text
    assert ("costs no more" if en else "并没有更贵") in pv.startup_verdict(base, changed_same, lang)
    assert pv.startup_verdict(base, same_slower, lang).startswith("**pays**" if en else "**代价**")
    assert pv.startup_verdict(base, same_faster, lang).startswith("**gains**" if en else "**收益**")
    assert ("the same cost" if en else "开销相同") in pv.startup_verdict(base, same_tie, lang)


def threads(version: str, serial: float, threaded: float, **kw: Any) -> Result:
    return fake("versions_threads", {"serial": serial, "threads": threaded}, version, **kw)


@pytest.mark.parametrize("lang", LANGS)
def test_thread_verdicts(lang: str) -> None:
    en = lang == "en"
    gil = pv.threads_verdict(threads("3.11.7", 0.1, 0.1), lang)
    assert ("threads take turns, 1.00×" if en else "线程轮流执行，是串行的 1.00×") in gil
    parallel = pv.threads_verdict(threads("3.14.0", 0.1, 0.052, free=True, gil=False), lang)
    assert parallel.startswith("**gains**" if en else "**收益**") and "1.92×" in parallel
    flat = pv.threads_verdict(threads("3.14.0", 0.1, 0.1, free=True, gil=False), lang)
    assert ("no gain here" if en else "没有收益") in flat
    reenabled = pv.threads_verdict(threads("3.14.0", 0.1, 0.1, free=True, gil=True), lang)
    assert ("GIL re-enabled" if en else "GIL 被重新启用") in reenabled


@pytest.mark.parametrize("lang", LANGS)
def test_threads_table_says_no_free_threaded_interpreter_was_found(lang: str) -> None:
    r = threads("3.11.7", 0.1, 0.1)
    r = dataclasses.replace(r, others=(threads("3.14.0", 0.1, 0.1, method="forkserver"),))
    text = pv.threads_report(lookup(r), lang)
    assert pv.NO_FREE_THREADED[lang] in text
    free = threads("3.14.0", 0.1, 0.05, free=True, gil=False)
    assert pv.NO_FREE_THREADED[lang] not in pv.threads_report(
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
    text = pv.interpreters_report(lookup(r), lang)
    assert ("not measured: needs 3.14" if en else "未测量：需要 3.14") in text
    assert text.index("3.11.7") < text.index("3.14.0")
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
    for report in pv.REPORTS:
        text = report.render(one, lang)  # every table renders from one interpreter
        assert "3.11.7" in text
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
    assert "1.00×" in pv.reading(threads("3.11.7", 0.1, 0.1), lang, "threads")
    interp = fake("versions_interpreters", {"serial": 0.02, "processes": 0.2, "interpreters": 0.1}, "3.14.0")
    assert "2.00×" in pv.reading(interp, lang, "interpreters")
    assert "PYTHON_CPU_COUNT" not in pv.reading(counts("3.13.0", 2, 1, 1, 1), lang, "cpu_count")


@pytest.mark.parametrize("lang", LANGS)
def test_a_busy_measurement_is_said_under_the_table(lang: str) -> None:
    r = fake("versions_cpu", {"serial": 0.1})
    quiet = pv.cpu_report(lookup(r), lang)
    assert render.BUSY[lang] not in quiet and "04:00 UTC – " not in quiet  # one date, said once
    busy = dataclasses.replace(r, data={**r.data, "load": {"outside": 0.9, "remeasured": True, "busy": True}})
    assert render.BUSY[lang] in pv.cpu_report(lookup(busy), lang)
