"""The first code block of every page runs as a reader copies it: alone, as a script.

A reader copies the first block of a page and runs it. So that block must be a whole program: its
imports, its worker functions at module level, the `if __name__ == "__main__":` guard that spawn and
forkserver need (the default start method on Linux from Python 3.14), and short. This test reads each
page's first fenced block, in both languages, resolves its `--8<--` includes the way
pymdownx.snippets does (whole file, or a `[start:name]`…`[end:name]` section, dedented), and runs the
result from an empty folder under the suite's start method (`PARALLEL_START_METHOD`), the way
tests/test_snippets_as_scripts.py runs the snippets.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks import collapsed_files
from tests.snippets.test_snippets_as_scripts import LEAK_WARNING, Run, run_two_at_a_time

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.glob("*/*.md"))
NO_CODE = {"errata.md"}  # a page of prose: it has no code block at all
MAX_LINES = 16  # lines of code, blank lines and comment-only lines not counted
GUARD = 'if __name__ == "__main__":'

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.M | re.S,
)
INCLUDE = re.compile(r"""^[ \t]*--8<--[ \t]+["']([^"':]+)(?::([\w-]+))?["'][ \t]*$""")
SECTION = re.compile(r"^\s*# --8<-- \[(start|end):([\w-]+)\]\s*$")


def first_block(page: Path) -> tuple[str, str] | None:
    """(info string, body) of the first fenced code block of a Markdown page, or None."""
    match = FENCE.search(page.read_text(encoding="utf-8"))
    return (match["info"].strip(), match["body"]) if match else None


def resolve(body: str, where: str) -> str:
    """The block as the built page shows it: every `--8<--` line replaced by what it includes."""
    out = []
    for line in body.splitlines():
        include = INCLUDE.match(line)
        if not include:
            out.append(line)
            continue
        name, section = include.groups()
        path = SNIPPETS / name
        if not path.is_file():
            raise FileNotFoundError(f"{where}: includes {name}, which is not in snippets/")
        lines = path.read_text(encoding="utf-8").splitlines()
        if section:
            starts = [
                i for i, text in enumerate(lines) if SECTION.match(text) and f"[start:{section}]" in text
            ]
            ends = [i for i, text in enumerate(lines) if SECTION.match(text) and f"[end:{section}]" in text]
            if not starts or not ends:
                raise ValueError(f"{where}: {name} has no section {section!r}")
            lines = textwrap.dedent("\n".join(lines[starts[0] + 1 : ends[0]])).splitlines()
        out.extend(text for text in lines if not SECTION.match(text))
    return "\n".join(out) + "\n"


def code_lines(source: str) -> int:
    return sum(1 for line in source.splitlines() if line.strip() and not line.strip().startswith("#"))


def test_resolve_reads_sections_and_whole_files() -> None:
    section = resolve('--8<-- "hash_files.py:one_liner"', "test")
    assert section.startswith("with Pool(workers) as pool:"), section
    assert "--8<--" not in resolve('--8<-- "hash_files.py"', "test")
    with pytest.raises(FileNotFoundError, match=r"test: includes missing\.py"):
        resolve('--8<-- "missing.py"', "test")
    with pytest.raises(ValueError, match="no section 'nope'"):
        resolve('--8<-- "hash_files.py:nope"', "test")


def whole_snippet(source: str) -> str | None:
    """The name of the snippet file that `source` is, byte for byte, or None."""
    for path in SNIPPETS.glob("*.py"):
        if path.read_text(encoding="utf-8") == source:
            return path.name
    return None


@pytest.fixture(scope="session")
def first_runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    """Each distinct first block run once (both languages show the same code), two at a time. A block
    that is a whole snippet file, when this session also runs the snippets as scripts, is that run:
    the same file, run alone from an empty folder under the same start method."""
    sources = {}
    for item in request.session.items:
        if "first_runs" in item.fixturenames:
            found = first_block(DOCS / item.callspec.params["page"])
            if found and found[0].split()[:1] == ["python"]:
                sources[resolve(found[1], item.callspec.params["page"])] = None
    done: dict[str, Run] = {}
    if any("runs" in item.fixturenames for item in request.session.items):
        snippet_runs = request.getfixturevalue("runs")
        for source in list(sources):
            name = whole_snippet(source)
            if name in snippet_runs:
                done[source] = snippet_runs[name]
                del sources[source]

    jobs = {}
    for i, source in enumerate(sources):
        folder = tmp_path_factory.mktemp(f"first{i}")
        script = folder / "src" / "example.py"
        script.parent.mkdir()
        script.write_text(source, encoding="utf-8")
        (folder / "run").mkdir()
        jobs[source] = (script, folder / "run")
    return done | run_two_at_a_time(jobs)


@pytest.mark.timeout(300)  # the first test waits for all the runs
@pytest.mark.parametrize("page", PAGES)
def test_first_block_runs_as_copied(page: str, first_runs: dict[str, Run]) -> None:
    name = Path(page).name
    found = first_block(DOCS / page)
    if name in NO_CODE:
        assert found is None, f"{page} has code now: take it out of NO_CODE"
        return
    assert found, f"{page} has no code block"
    info, body = found
    assert info.split()[:1] == ["python"], f"{page}: the first code block is {info!r}, not Python"
    source = resolve(body, page)
    assert GUARD in source, f"{page}: the first block lacks {GUARD}\n{source}"
    assert code_lines(source) <= MAX_LINES, f"{page}: the first block has {code_lines(source)} lines of code"
    other = DOCS / ("zh" if page.startswith("en/") else "en") / name
    if other.exists():
        other_found = first_block(other)
        assert other_found and resolve(other_found[1], str(other)) == source, (
            f"{page}: the other language starts with other code"
        )
    run = first_runs[source]
    assert run.returncode == 0, f"{page}: the first block exited with {run.returncode}\n{run.err}"
    assert run.out.strip(), f"{page}: the first block printed nothing"
    assert "Traceback" not in run.err and "Warning" not in run.err, run.err
    assert LEAK_WARNING not in run.err, run.err
    assert not run.left, f"{page}: the first block left processes behind: {run.left}"


@pytest.mark.once
@pytest.mark.parametrize("page", PAGES)
def test_a_folded_file_is_named_and_counted_at_build_time(page: str) -> None:
    """`??? example "hash_files.py"` folds a whole file; hooks/collapsed_files.py adds its length."""
    text = (DOCS / page).read_text(encoding="utf-8")
    boxes = text.count('??? example "')
    assert len(collapsed_files.BOX.findall(text)) == boxes, (
        f"{page}: a `??? example` box the hook cannot read"
    )
    lang = page.split("/")[0]
    for match in collapsed_files.BOX.finditer(text):
        name = match[2]
        lines = len((SNIPPETS / name).read_text(encoding="utf-8").splitlines())
        summary = collapsed_files.summarize(match[0], lang, page).splitlines()[0]
        assert str(lines) in summary and name in summary, summary


@pytest.mark.once
def test_a_box_that_names_another_file_fails_the_build() -> None:
    box = '??? example "hash_files.py"\n\n    ```python\n    --8<-- "pool_startup.py"\n    ```\n'
    with pytest.raises(PluginError, match=r"says hash_files\.py but includes pool_startup\.py"):
        collapsed_files.summarize(box, "en", "en/x.md")
    assert "（" in collapsed_files.summarize(box.replace("pool_startup", "hash_files"), "zh", "zh/x.md")
