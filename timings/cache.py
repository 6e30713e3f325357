"""A benchmark's measurement: from memory, from `.cache/timings/`, or measured now (`runner.run`).

The key covers what is measured and nothing else: the code of the benchmark's module without its
prose (titles, labels, readings, docstrings and comments: see `measured_code`), the snippet files it
declares in `sources`, the measuring code, the interpreter and the machine. Editing one snippet
re-measures only the tables that run it; rewording a reading re-measures nothing. A benchmark module
that imports a snippet its benchmarks do not declare fails (its changes would go unnoticed).
"""

from __future__ import annotations

import ast
import functools
import importlib
import importlib.util
import json
import os
import platform
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import interpreters, runner
from .digest import digest
from .errors import TimingError
from .measure import cpu_model
from .spec import Benchmark, Lang, Measurement

if TYPE_CHECKING:
    from .results import Result

ROOT = Path(__file__).resolve().parent.parent
# The measuring code: what runs in the measuring subprocess besides the benchmark's module (its code
# counts, not its docstrings and comments).
ENGINE_FILES = tuple(
    f"timings/{name}.py" for name in ("__init__", "__main__", "errors", "measure", "registry", "spec")
)
# Keyword arguments and functions that hold prose: what a page says, not what is measured.
PROSE_KEYWORDS = frozenset({"title", "label", "reading"})

_memory: dict[tuple[str, str], Measurement] = {}  # (id, interpreter) -> its latest measurement


def cache_dir() -> Path:
    return Path(os.environ.get("TIMINGS_CACHE_DIR", ROOT / ".cache" / "timings"))


def cache_file(bench: Benchmark, python: str = sys.executable) -> Path:
    """`ID.json` for the build's interpreter; `ID@HASH.json` for each other interpreter."""
    if python == sys.executable:
        return cache_dir() / f"{bench.id}.json"
    return cache_dir() / f"{bench.id}@{digest(os.path.realpath(python).encode(), length=8)}.json"


def module_file(bench: Benchmark) -> Path:
    spec = importlib.util.find_spec(bench.module)
    if spec is None or spec.origin is None:
        raise TimingError(f"timing {bench.id!r}: cannot locate module {bench.module!r}")
    return Path(spec.origin)


class _WithoutProse(ast.NodeTransformer):
    """Drops what only a reader sees: docstrings, texts in both languages, titles, labels, readings."""

    def __init__(self, readings: set[str]) -> None:
        self.readings = readings

    def _body(self, node: ast.AST) -> ast.AST:
        body = getattr(node, "body", None)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            if isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]  # type: ignore[attr-defined]
        return self.generic_visit(node)

    visit_Module = visit_ClassDef = _body

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST | None:
        return None if node.name in self.readings else self._body(node)

    def visit_Dict(self, node: ast.Dict) -> ast.AST:
        keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
        return ast.Constant(None) if keys == {"en", "zh"} else self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        return ast.Constant(None) if name == "both" else self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> ast.AST:
        if node.arg in PROSE_KEYWORDS:
            node.value = ast.Constant(None)
            return node
        return self.generic_visit(node)


def _tree(source: str, path: Path | str) -> ast.Module:
    try:
        return ast.parse(source, filename=str(path))
    except SyntaxError as e:
        raise TimingError(f"{path}: {e}") from None


@functools.lru_cache(maxsize=256)  # per content: a build asks for each table's key many times
def measured_code(source: str, path: Path | str = "<module>") -> str:
    """A benchmark module's code without its prose: what the cache key hashes of it. Readings are
    the functions passed as `reading=`; formatting and comments never reach the syntax tree."""
    tree = _tree(source, path)
    readings = {
        k.value.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for k in node.keywords
        if k.arg == "reading" and isinstance(k.value, ast.Name)
    }
    return ast.dump(_WithoutProse(readings).visit(tree))


@functools.lru_cache(maxsize=256)
def imported_snippets(source: str, path: Path | str = "<module>") -> frozenset[str]:
    """The snippet files (`snippets/NAME.py`) a module imports, anywhere in its code."""
    found = set()
    for node in ast.walk(_tree(source, path)):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "snippets":
                found |= {f"snippets/{a.name}.py" for a in node.names}
            elif node.module.startswith("snippets."):
                found.add(f"snippets/{node.module.split('.')[1]}.py")
        elif isinstance(node, ast.Import):
            found |= {
                f"snippets/{a.name.split('.')[1]}.py" for a in node.names if a.name.startswith("snippets.")
            }
    return frozenset(found)


def declared_sources(module: str) -> set[str]:
    """The `sources` of every benchmark a module declares."""
    declared = getattr(importlib.import_module(module), "BENCHMARKS", ())
    return {source for bench in declared for source in bench.sources}


def key(bench: Benchmark, python: str = sys.executable) -> str:
    path = module_file(bench)
    source = path.read_text(encoding="utf-8")
    undeclared = imported_snippets(source, path) - declared_sources(bench.module)
    if undeclared:
        raise TimingError(
            f"timing {bench.id!r}: {path.name} imports {', '.join(sorted(undeclared))}, which no "
            "benchmark of that module declares in `sources`: its changes would not re-measure the table"
        )
    files = [ROOT / p for p in bench.sources]
    for file in files:
        if not file.is_file():
            raise TimingError(f"timing {bench.id!r}: source file {file} does not exist")
    engine = [measured_code((ROOT / p).read_text(encoding="utf-8"), p) for p in ENGINE_FILES]
    machine = (platform.node(), platform.machine(), os.cpu_count(), cpu_model())
    return digest(measured_code(source, path), *files, *engine, interpreters.identity(python), machine)


def get(bench: Benchmark, python: str = sys.executable, *, fresh: bool = False) -> Measurement:
    """The measurement of `bench` with `python`; measures when nothing cached matches (or `fresh`)."""
    wanted = key(bench, python)
    held = _memory.get((bench.id, python))
    if not fresh and held is not None and held.get("key") == wanted:
        return held
    path = cache_file(bench, python)
    found: Measurement | None = None
    if not fresh and path.is_file():
        cached = json.loads(path.read_text(encoding="utf-8"))
        if cached.get("key") == wanted:
            found = cached
    if found is None:
        found = runner.run(bench, python)
        found["key"] = wanted
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(found, indent=1), encoding="utf-8")
    _memory[(bench.id, python)] = found  # replaces a stale one: `mkdocs serve` keeps no old dates
    return found


def loaded() -> list[Measurement]:
    """The latest measurement of each table and interpreter this process used (what the site shows)."""
    return list(_memory.values())


def chart(result: Result, lang: Lang, metric: str) -> str:
    """`chart.svg`, its drawing kept in `charts/` beside the measurements: drawn again only when a
    measurement or the drawing code changes."""
    from .present import chart as drawing  # matplotlib: imported only when a chart is drawn

    measured = [(r.data.get("key"), r.env["date"]) for r in (result, *result.others)]
    key = digest(*drawing.CODE, measured if result.others else measured[0], metric, length=12)
    path = cache_dir() / "charts" / f"{result.bench.id}-{lang}-{metric}-{key}.svg"
    if path.is_file():
        drawn = path.read_text(encoding="utf-8")
    else:
        drawn = drawing.draw(result, lang, metric)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(drawn, encoding="utf-8")
    return drawing.labelled(drawn, result, lang, metric)  # its name and reading: never cached
