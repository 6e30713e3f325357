"""`TIMINGS_PYTHONS=auto`: find every CPython >= 3.11 on this machine, and which benchmark each can run.

Where it looks, in this order: the interpreter running the build; the usual names (`python3`,
`python3.11` ... `python3.14`, `python3.13t`, `python3.14t`) in every folder of PATH; pyenv's versions
(`$PYENV_ROOT/versions/*/bin/python3.X`, `pyenv root` when pyenv is installed, else `~/.pyenv`). Each
interpreter counts once: by its real path, then by its minor version and build (the first one found
wins: one 3.11, one 3.14t).
pyenv's shims are skipped (they run whichever version is active; the versions themselves are found).

`auto` measures the tables of the version page (`timings/benchmarks/python_versions.py`, the
modules in `ACROSS_VERSIONS`) with every interpreter found; every other table is measured with the
build's interpreter and the interpreters listed by name beside `auto`, as before. This keeps the
multi-version build cheap (see README, "How a page gets its code and numbers").

For every benchmark, an interpreter that lacks a package its module or snippets import (found by
reading their imports), or that is older than the module's `MINIMUM_PYTHON` for it, does not measure
it: the log says so once, and the table's caption names it (`not_measured`). Standard library only.
"""

from __future__ import annotations

import ast
import functools
import glob
import json
import logging
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import TimingError

AUTO = "auto"
OLDEST = (3, 11)
NAMES = ("python3", *(f"python3.{minor}" for minor in range(11, 15)), "python3.13t", "python3.14t")
# The modules whose tables `auto` measures with every interpreter it finds.
ACROSS_VERSIONS = ("timings.benchmarks.python_versions",)
ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = {"timings", "snippets", "__future__"}
log = logging.getLogger("mkdocs.plugins.timings")

PROBE = (
    "import json, sys, sysconfig; print(json.dumps({'version': list(sys.version_info[:3]), "
    "'free_threaded': bool(sysconfig.get_config_var('Py_GIL_DISABLED')), "
    "'implementation': sys.implementation.name}))"
)


class NotMeasurable(TimingError):
    """No interpreter of this build can run the benchmark; `missing` says why for each one."""

    def __init__(self, bench_id: str, missing: tuple[tuple[str, str], ...]) -> None:
        self.bench_id, self.missing = bench_id, missing
        why = "; ".join(f"{name}: {reason}" for name, reason in missing) or "no interpreter"
        super().__init__(f"timing {bench_id!r}: no interpreter here can measure it ({why})")


@dataclass(frozen=True)
class Interpreter:
    path: str
    version: tuple[int, int, int]
    free_threaded: bool

    @property
    def label(self) -> str:
        """ "3.12.1", or "3.14.0t" for a free-threaded build (as `Result.version` writes it)."""
        return ".".join(map(str, self.version)) + ("t" if self.free_threaded else "")


@dataclass(frozen=True)
class Found:
    used: tuple[Interpreter, ...]
    skipped: tuple[tuple[str, str], ...]  # (path or name, why)


def probe(path: str) -> Interpreter | str:
    """The interpreter at `path`, or why it cannot measure (a sentence)."""
    try:
        done = subprocess.run([path, "-c", PROBE], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"not runnable ({e.__class__.__name__}: {e})"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return f"not runnable ({last})"
    try:
        info = json.loads(done.stdout.strip().splitlines()[-1])
        version = tuple(int(x) for x in info["version"])
    except (ValueError, KeyError, IndexError, TypeError):
        return f"not runnable (unexpected answer {done.stdout.strip()[:80]!r})"
    if info.get("implementation") != "cpython":
        return f"not CPython ({info.get('implementation')})"
    if version[:2] < OLDEST:
        return f"too old ({'.'.join(map(str, version))}; the site needs 3.11 or newer)"
    return Interpreter(path, version, bool(info.get("free_threaded")))  # type: ignore[arg-type]


def _pyenv_root(env: Mapping[str, str]) -> str | None:
    if env.get("PYENV_ROOT"):
        return env["PYENV_ROOT"]
    pyenv = shutil.which("pyenv", path=env.get("PATH"))
    if pyenv:
        try:
            out = subprocess.run([pyenv, "root"], capture_output=True, text=True, timeout=10).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        if out:
            return out
    home = Path(env.get("HOME", "~")).expanduser() / ".pyenv"
    return str(home) if home.is_dir() else None


def candidates(env: Mapping[str, str] | None = None) -> list[str]:
    """Every path that may be an interpreter, in search order (duplicates included)."""
    env = os.environ if env is None else env
    found = [sys.executable]
    for folder in env.get("PATH", "").split(os.pathsep):
        for name in NAMES:
            path = os.path.join(folder, name)
            if folder and os.path.isfile(path) and os.access(path, os.X_OK):
                found.append(path)
    root = _pyenv_root(env)
    if root:
        for version_dir in sorted(glob.glob(os.path.join(root, "versions", "*", "bin"))):
            for path in sorted(glob.glob(os.path.join(version_dir, "python3.*"))):
                name = os.path.basename(path)
                if name in NAMES or name.removeprefix("python3.").rstrip("t").isdigit():
                    found.append(path)
    return found


def _is_shim(path: str, env: Mapping[str, str]) -> bool:
    return os.sep + "shims" + os.sep in path and "pyenv" in path


def discover(env: Mapping[str, str] | None = None) -> Found:
    """Every CPython >= 3.11 here, once each, and every candidate skipped with its reason."""
    env = os.environ if env is None else env
    used: list[Interpreter] = []
    skipped: list[tuple[str, str]] = []
    seen_paths: set[str] = set()
    builds: dict[tuple[tuple[int, ...], bool], str] = {}
    for path in candidates(env):
        real = os.path.realpath(path)
        if real in seen_paths:
            continue
        seen_paths.add(real)
        if _is_shim(path, env):
            skipped.append((path, "a pyenv shim (pyenv's versions are searched directly)"))
            continue
        found = probe(path)
        if isinstance(found, str):
            skipped.append((path, found))
            continue
        build = (found.version[:2], found.free_threaded)  # one 3.11, one 3.14t: a column per version
        if build in builds:
            skipped.append((path, f"{found.label}: this version is already measured by {builds[build]}"))
            continue
        builds[build] = path
        used.append(found)
    if not any(i.free_threaded for i in used):
        skipped.append(("python3.13t, python3.14t", "free-threaded build missing: none found"))
    return Found(tuple(used), tuple(skipped))


@functools.cache
def found() -> Found:
    """`discover()` once per build, logged once."""
    result = discover()
    for i in result.used:
        log.info("timings: auto: USING %s (%s)", i.path, i.label)
    for path, why in result.skipped:
        log.info("timings: auto: SKIPPED %s: %s", path, why)
    return result


# ---- what a benchmark needs ----


def _module_path(name: str) -> Path | None:
    parts = name.split(".")
    if parts[0] not in PROJECT_PACKAGES - {"__future__"}:
        return None
    base = ROOT.joinpath(*parts)
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imports(files: Iterable[Path]) -> frozenset[str]:
    """The top-level names of the modules these files import, following the project's own modules."""
    todo, done, names = list(files), set(), set()
    while todo:
        path = todo.pop()
        if path in done:
            continue
        done.add(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            modules: list[str] = []
            if isinstance(node, ast.Import):
                modules = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for module in modules:
                own = _module_path(module)
                if own is not None:
                    todo.append(own)
                elif module.split(".")[0] not in PROJECT_PACKAGES:
                    names.add(module.split(".")[0])
    return frozenset(names)


def packages(bench: Any) -> frozenset[str]:
    """Third-party packages (not the standard library) that the benchmark's code imports."""
    files = [ROOT / p for p in bench.sources]
    own = _module_path(bench.module) if bench.module else None
    if own is not None:
        files.append(own)
    return frozenset(n for n in imports(files) if n not in sys.stdlib_module_names)


@functools.cache
def lacks(path: str, names: frozenset[str]) -> tuple[str, ...]:
    """Which of these top-level modules the interpreter at `path` cannot import."""
    if not names:
        return ()
    if path == sys.executable:  # the build's own interpreter: ask in-process (warm builds stay fast)
        import importlib.util

        return tuple(n for n in sorted(names) if importlib.util.find_spec(n) is None)
    code = (
        "import importlib.util, json, sys; "
        "print(json.dumps([n for n in sys.argv[1:] if importlib.util.find_spec(n) is None]))"
    )
    try:
        out = subprocess.run(
            [path, "-c", code, *sorted(names)], capture_output=True, text=True, timeout=30, check=True
        ).stdout
        return tuple(json.loads(out.strip().splitlines()[-1]))
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return tuple(sorted(names))


def minimum(bench: Any) -> tuple[int, int] | None:
    """The oldest Python a benchmark runs on, from its module's `MINIMUM_PYTHON = {id: (3, 14)}`."""
    module = sys.modules.get(bench.module)
    return getattr(module, "MINIMUM_PYTHON", {}).get(bench.id) if module else None


@functools.cache
def _version(path: str) -> Interpreter | str:
    if path == sys.executable:
        free = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))
        return Interpreter(path, tuple(sys.version_info[:3]), free)  # type: ignore[arg-type]
    return probe(path)


_not_measured: dict[str, tuple[tuple[str, str], ...]] = {}


def reason(bench: Any, path: str) -> str | None:
    """Why the interpreter at `path` cannot measure `bench`, or None when it can."""
    info = _version(path)
    if isinstance(info, str):
        return info
    oldest = minimum(bench)
    if oldest is not None and info.version[:2] < oldest:
        return f"needs {'.'.join(map(str, oldest))}"
    missing = lacks(path, packages(bench))
    if missing:
        return f"lacks {', '.join(missing)}"
    return None


def in_scope(bench: Any) -> bool:
    return bench is None or bench.module in ACROSS_VERSIONS


def select(bench: Any, listed: tuple[str, ...], auto: bool) -> tuple[str, ...]:
    """The interpreters that measure `bench`: `listed` (the build's first), plus, with `auto` and a
    table of the version page, every interpreter found; minus those that cannot run it."""
    chosen = {os.path.realpath(p): p for p in listed}
    if auto and in_scope(bench):
        labels = {i.label for i in map(_version, listed) if isinstance(i, Interpreter)}
        for i in found().used:
            if i.label not in labels:
                labels.add(i.label)
                chosen.setdefault(os.path.realpath(i.path), i.path)
    if bench is None:
        return tuple(chosen.values())
    usable, missing = [], []
    for path in chosen.values():
        why = reason(bench, path)
        if why is None:
            usable.append(path)
            continue
        info = _version(path)
        missing.append((info.label if isinstance(info, Interpreter) else path, why))
    if bench.id not in _not_measured:
        for name, why in missing:
            log.info("timings: NOT MEASURED %s with %s: %s", bench.id, name, why)
    _not_measured[bench.id] = tuple(missing)
    if not usable:
        raise NotMeasurable(bench.id, tuple(missing))
    return tuple(usable)


def not_measured(bench_id: str) -> tuple[tuple[str, str], ...]:
    """(interpreter, why) for each interpreter of this build that could not measure the table."""
    return _not_measured.get(bench_id, ())
