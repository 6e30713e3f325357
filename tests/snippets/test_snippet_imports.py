"""A snippet imports only the standard library and the packages pinned in requirements.in.

Readers copy one snippet into their own project: an import of the site's own packages (`snippets`,
`timings`, `tests`, `hooks`), of another snippet, or of a package the reader was never told to
install would break there. Read from the source, so a conditional import is checked too.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

pytestmark = pytest.mark.once

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = sorted(p for p in (ROOT / "snippets").glob("*.py") if p.name != "__init__.py")
SITE_PACKAGES = {"snippets", "timings", "tests", "hooks"}
# Standard-library modules newer than the Python running the tests (version-gated snippets use them).
NEWER_STDLIB = {"annotationlib", "compression", "_interpreters", "_interpqueues", "_interpchannels"}


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_imports(requirements: Path = ROOT / "requirements.in") -> set[str]:
    """Top-level import names that the distributions pinned in requirements.in provide.

    requirements.in, not the lock: the lock also holds what those packages depend on (numpy,
    Jinja2, ...), which a reader copying one snippet was never told to install.
    """
    pinned = set()
    for line in requirements.read_text().splitlines():
        name = re.split(r"[=<>!~;\[\s]", line.strip(), maxsplit=1)[0]
        if name and not name.startswith("#"):
            pinned.add(_normalized(name))
    return {
        module
        for module, dists in packages_distributions().items()
        if pinned & {_normalized(d) for d in dists}
    }


def problems(source: str, siblings: set[str], allowed: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            found.append(f"line {node.lineno}: relative import")
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.partition(".")[0]
            if top in SITE_PACKAGES or top in siblings:
                found.append(
                    f"line {node.lineno}: imports {name!r}, part of this site, not of the reader's project"
                )
            elif top not in sys.stdlib_module_names and top not in NEWER_STDLIB and top not in allowed:
                found.append(
                    f"line {node.lineno}: imports {name!r}, neither standard library nor in requirements.in"
                )
    return found


ALLOWED = pinned_imports()
SIBLINGS = {p.stem for p in SNIPPETS}


@pytest.mark.parametrize("path", SNIPPETS, ids=[p.name for p in SNIPPETS])
def test_snippet_imports_only_stdlib_and_pinned_packages(path: Path) -> None:
    found = problems(path.read_text(encoding="utf-8"), SIBLINGS - {path.stem}, ALLOWED)
    assert not found, f"{path.name}:\n" + "\n".join(found)


def test_pinned_packages_are_known() -> None:
    assert {"mkdocs", "matplotlib", "jieba"} <= ALLOWED


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from snippets import hash_files\n", "part of this site"),
        ("import timings.cache\n", "part of this site"),
        ("from tests.support.processes import children\n", "part of this site"),
        ("from hooks import timings\n", "part of this site"),
        ("import hash_files\n", "part of this site"),
        ("from . import hash_files\n", "relative import"),
        ("try:\n    import requests\nexcept ImportError:\n    requests = None\n", "neither standard library"),
    ],
)
def test_a_forbidden_import_is_caught(source: str, expected: str) -> None:
    found = problems(source, {"hash_files"}, ALLOWED)
    assert len(found) == 1 and expected in found[0], found


def test_standard_library_and_pinned_imports_pass() -> None:
    source = "import os, concurrent.futures\nfrom multiprocessing import Pool\nimport matplotlib.pyplot\n"
    assert problems(source, set(), ALLOWED) == []
