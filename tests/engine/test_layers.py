"""The engine's layers: what the cache key covers, and what the measuring subprocess imports."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from timings import TimingError, cache, registry

pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]

MODULE = '''
"""A benchmark module of a test."""

from snippets import pool_lifecycle as lifecycle
from timings.spec import Benchmark, Variant, both


def read(r, lang):
    return both(en="The pool took {r}.", zh="进程池用了 {r}。")[lang]


BENCHMARKS = (
    Benchmark(
        id="layers_fake",
        title=both(en="Squares", zh="平方"),
        variants=(Variant("serial", {"en": "serial", "zh": "串行"}, lambda _: lifecycle.square(3)),),
        sources=("snippets/pool_lifecycle.py",),
        timer="end_to_end",
        reading=read,
    ),
)
'''


def _declare(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, name: str = "layers_fake_mod"):
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop(name, None)
    (bench,) = registry.declared_in(name)
    return bench


def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> str:
    name = f"layers_fake_{abs(hash(source))}"
    return cache.key(_declare(tmp_path, monkeypatch, source, name))


def test_rewording_a_reading_title_or_label_re_measures_nothing(tmp_path, monkeypatch) -> None:
    first = _key(tmp_path, monkeypatch, MODULE)
    reworded = (
        MODULE.replace("进程池用了", "进程池花了")
        .replace('"Squares"', '"Squares of numbers"')
        .replace('"串行"', '"串行（基线）"')
        .replace("A benchmark module", "One benchmark module")
        .replace("def read(r, lang):", "def read(r, lang):  # a comment")
    )
    assert reworded != MODULE
    assert _key(tmp_path, monkeypatch, reworded) == first
    assert _key(tmp_path, monkeypatch, MODULE.replace("square(3)", "square(4)")) != first  # the code


def test_the_site_modules_keep_their_prose_out_of_the_key() -> None:
    path = ROOT / "timings" / "benchmarks" / "pools.py"
    source = path.read_text(encoding="utf-8")
    assert "仍然比普通循环慢" in source and "TRIVIAL_ITEMS = 4_000" in source
    code = cache.measured_code(source)
    assert cache.measured_code(source.replace("仍然比普通循环慢", "还是比普通循环慢")) == code
    assert cache.measured_code(source.replace("TRIVIAL_ITEMS = 4_000", "TRIVIAL_ITEMS = 4_001")) != code


def test_a_module_importing_a_snippet_it_does_not_declare_is_caught(tmp_path, monkeypatch) -> None:
    sneaky = MODULE.replace(
        "from timings.spec", "from snippets.hash_files import file_digest  # noqa\nfrom timings.spec"
    )
    bench = _declare(tmp_path, monkeypatch, sneaky, "layers_sneaky")
    with pytest.raises(TimingError, match=r"layers_fake.*layers_sneaky\.py imports snippets/hash_files\.py"):
        cache.key(bench)
    declared = dataclasses.replace(bench, sources=(*bench.sources, "snippets/hash_files.py"))
    assert cache.imported_snippets(sneaky) == {"snippets/pool_lifecycle.py", "snippets/hash_files.py"}
    assert set(declared.sources) == cache.imported_snippets(sneaky)


def test_every_site_benchmark_declares_the_snippets_its_module_imports() -> None:
    for bench in registry.benchmarks().values():
        cache.key(bench)  # raises on an undeclared snippet or a missing source


# What the measuring subprocess (`python -m timings measure MODULE:ID`) may import from this project.
GROUND = {"timings", "timings.errors", "timings.spec", "timings.units"}
MEASURING = {"timings.__main__", "timings.measure", "timings.registry", "timings.benchmarks"}

PROBE = """
import json, sys
before = set(sys.modules)
for name in sys.argv[3:]:
    __import__(name)
snippets = set(sys.modules)
import timings.__main__, timings.measure
from timings.registry import find
find(sys.argv[1], sys.argv[2])
print(json.dumps([sorted(snippets - before), sorted(set(sys.modules) - snippets)]))
"""


@pytest.mark.parametrize(
    "bench", sorted(registry.benchmarks().values(), key=lambda b: b.id), ids=lambda b: b.id
)
def test_the_measuring_subprocess_imports_only_the_ground_layer_and_its_snippets(bench) -> None:
    snippets = sorted(s.removesuffix(".py").replace("/", ".") for s in cache.declared_sources(bench.module))
    out = subprocess.run(
        [sys.executable, "-c", PROBE, bench.module, bench.id, *snippets],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    by_snippets, by_engine = json.loads(out)
    allowed = GROUND | MEASURING | {bench.module}
    project = {m for m in by_engine if m.split(".")[0] in {"timings", "snippets", "tests", "hooks"}}
    assert project <= allowed, f"{bench.module} makes the subprocess import {sorted(project - allowed)}"
    outside = {m for m in by_engine if m.split(".")[0] not in sys.stdlib_module_names} - project
    assert not outside, f"{bench.module} imports {sorted(outside)}, which its snippets do not"
    assert {m for m in by_snippets if m.startswith("snippets.")} <= set(snippets)


def test_presentation_is_pure_and_imports_no_cache_or_process() -> None:
    """timings/present/ turns a Result into Markdown or SVG: it reads no file and starts nothing."""
    code = (
        "import sys; import timings.present.render, timings.present.chart;"
        "print(sorted(m for m in sys.modules if m.startswith('timings')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    imported = set(json.loads(out.stdout.replace("'", '"')))
    assert imported <= GROUND | {"timings.present", *(f"timings.present.{m}" for m in PRESENT)}, imported


PRESENT = ("render", "chart", "labels", "texts")


@pytest.mark.parametrize(
    "bench", sorted(registry.benchmarks().values(), key=lambda b: b.id), ids=lambda b: b.id
)
def test_readings_are_data_in_both_languages_not_branches_on_lang(bench) -> None:
    """A reading writes each sentence once per language, side by side: `both(en=..., zh=...)[lang]`."""
    import ast
    import inspect

    assert bench.reading is not None, f"{bench.id}: every table needs a sentence that reads it"
    tree = ast.parse(textwrap.dedent(inspect.getsource(bench.reading)))
    branches = [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare)
        and any(isinstance(side, ast.Name) and side.id == "lang" for side in (node.left, *node.comparators))
    ]
    assert not branches, f"{bench.id}: the reading branches on the language: {branches}"


def _branches_on_lang(source: str) -> list[str]:
    import ast

    return [
        ast.unparse(node)
        for node in ast.walk(ast.parse(textwrap.dedent(source)))
        if isinstance(node, ast.Compare)
        and any(isinstance(side, ast.Name) and side.id == "lang" for side in (node.left, *node.comparators))
    ]


@pytest.mark.parametrize(
    "report", sorted(registry.reports().values(), key=lambda r: r.id), ids=lambda r: r.id
)
def test_reports_are_data_in_both_languages_not_branches_on_lang(report) -> None:
    """A report (the errata's claims, the decision guide) is written like a reading: every text is
    `both(en=..., zh=...)`, picked by language once; nothing in its module compares `lang`."""
    import importlib
    import inspect

    source = inspect.getsource(importlib.import_module(report.module))
    branches = _branches_on_lang(source)
    assert not branches, f"{report.module}: the report branches on the language: {branches}"


def test_the_lang_branch_check_catches_a_branch() -> None:
    source = 'def row(results, lang):\n    if lang == "zh":\n        return "中"\n    return "en"\n'
    assert _branches_on_lang(source) == ["lang == 'zh'"]
