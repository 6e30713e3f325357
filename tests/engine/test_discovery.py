"""`TIMINGS_PYTHONS=auto` (timings/discovery.py) finds the interpreters (fake ones here: small shell
scripts), and says which of them cannot measure a table, in the log and in the table's caption. The
version page's verdicts are tested in tests/benchmarks/test_python_versions.py."""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from pathlib import Path

import pytest

from tests.support.fake_results import fake_result
from timings import discovery, interpreters, registry
from timings.present import render

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


# Two minor versions other than the one running the tests, which discovery always uses first.
A, B = [minor for minor in (12, 13, 14) if minor != sys.version_info.minor][:2]


def test_discovery_uses_each_version_once_and_says_why_it_skipped_the_others(tmp_path: Path) -> None:
    bin_ = tmp_path / "bin"
    fake_python(bin_, f"python3.{A}", f"3.{A}.9")
    fake_python(bin_, f"python3.{B}", f"3.{A}.4")  # a second 3.A under another name
    fake_python(bin_, "python3", "3.10.4")  # too old, whatever its name
    broken_python(bin_, "python3.14t")  # not runnable
    fake_python(tmp_path / "pyenv" / "versions" / f"3.{B}.2" / "bin", f"python3.{B}", f"3.{B}.2")
    fake_python(tmp_path / "pyenv" / "shims", "python3.11", "3.11.1")  # not in PATH: never looked at
    found = discovery.discover(env_for(tmp_path, bin_))
    used = [i.label for i in found.used]
    assert used[0] == discovery.probe(sys.executable).label  # type: ignore[union-attr]
    assert f"3.{A}.9" in used and f"3.{B}.2" in used and f"3.{A}.4" not in used
    why = reasons(found)
    assert f"3.{A}.4: this version is already measured by" in why[f"python3.{B}"]
    assert why["python3"].startswith("too old (3.10.4")
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
    r = dataclasses.replace(fake_result("versions_cpu"), missing=discovery.not_measured(bench.id))
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
