"""The notebooks run from top to bottom, fail where they should and only there, and render as pages.

Executing a notebook does not depend on the suite's start method: the kernel is a process of its
own, and the notebook chooses its start methods explicitly. Those tests run in one of the suite's
three runs (fork, or no PARALLEL_START_METHOD at all).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from hooks import notebooks as hook

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "docs").glob("*/notebooks/*.ipynb"))
EXPECTED_FAILURE = "raises-exception"

once = pytest.mark.once  # the kernel does not use the suite's start method: run these once


def execute(path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> nbformat.NotebookNode:
    """Run a notebook as the build does: its folder as working directory, the project importable.

    The kernel gets a temporary directory of its own: a kernel stopped after a failing cell does not
    always remove multiprocessing's `pymp-*` folder, and that is the kernel's business, not the run's.
    """
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    kernel_tmp = tmp_path / "kernel-tmp"
    kernel_tmp.mkdir(exist_ok=True)
    monkeypatch.setenv("TMPDIR", str(kernel_tmp))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb,
        kernel_name="python3",
        timeout=60,
        allow_errors=False,
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return nb


def tags(cell: nbformat.NotebookNode) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def errors(cell: nbformat.NotebookNode) -> list[str]:
    return [out["ename"] for out in cell.get("outputs", []) if out["output_type"] == "error"]


def stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(o["text"] for o in cell.get("outputs", []) if o.get("name") == "stdout")


def code_cell(nb: nbformat.NotebookNode, starts_with: str) -> nbformat.NotebookNode:
    (cell,) = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith(starts_with)]
    return cell


def test_there_are_notebooks_in_every_language() -> None:
    languages = {p.relative_to(ROOT / "docs").parts[0] for p in NOTEBOOKS}
    assert languages == {"en", "zh"}
    names = {lang: sorted(p.name for p in NOTEBOOKS if f"/{lang}/" in p.as_posix()) for lang in languages}
    assert names["en"] == names["zh"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_notebook_sources_hold_no_outputs(path: Path) -> None:
    """Outputs come from executing the notebook at build time, never from the stored file."""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source


def test_languages_have_the_same_cells_and_headings() -> None:
    """Same cells, same tags, same heading levels: the hook gives headings the same ids by position."""
    by_name: dict[str, list[Path]] = {}
    for path in NOTEBOOKS:
        by_name.setdefault(path.name, []).append(path)
    for paths in by_name.values():
        shapes = [[(c.cell_type, tags(c)) for c in nbformat.read(p, as_version=4).cells] for p in paths]
        assert all(shape == shapes[0] for shape in shapes), paths
        levels = [[level for level, _ in hook.heading_ids(p)] for p in paths]
        assert all(lv == levels[0] for lv in levels), paths


@once
@pytest.mark.timeout(90)
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_notebook_executes(path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    nb = execute(path, monkeypatch, tmp_path)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if EXPECTED_FAILURE in tags(cell):
            assert errors(cell) == ["BrokenProcessPool"], cell.source
        else:
            assert errors(cell) == [], cell.source
    if path.name == "parallelism-in-jupyter.ipynb":
        check_parallelism_in_jupyter(nb, path.relative_to(ROOT / "docs").parts[0])


# What the dill cell prints before each result, per language: recurse off, then on.
RECURSE_LABELS = {"en": ("recurse off: ", "recurse on: "), "zh": ("recurse 关闭时：", "recurse 开启时：")}


def check_parallelism_in_jupyter(nb: nbformat.NotebookNode, lang: str) -> None:
    """What the cells print: results of every fix, and a measurement with three timings."""
    squares = str([x * x for x in range(10)])
    assert stdout(code_cell(nb, 'with mp.get_context("fork")')).strip() == squares
    by_value = stdout(code_cell(nb, "import dill\n")).splitlines()
    off, on = RECURSE_LABELS[lang]
    assert by_value == [
        f"{off}name 'OFFSET' is not defined",  # dill's default: no globals
        f"{on}{[x * x + 1 for x in range(10)]}",
    ]
    assert stdout(code_cell(nb, 'with mp.get_context("forkserver")')).strip() == "[4, 25, 168, 1229]"
    assert stdout(code_cell(nb, "limits = [10, 100")).strip() == "[4, 25, 168, 1229]"
    measured = stdout(code_cell(nb, "import os"))
    assert len(re.findall(r"\d+\.\d{3} s", measured)) == 3, measured


def untag_expected_failure(nb: nbformat.NotebookNode) -> None:
    for cell in nb.cells:
        if EXPECTED_FAILURE in tags(cell):
            cell.metadata["tags"].remove(EXPECTED_FAILURE)


def break_the_import(nb: nbformat.NotebookNode) -> None:
    cell = code_cell(nb, "import inspect")
    cell.source = cell.source.replace("import count_primes", "import count_primes_typo")


@once
@pytest.mark.timeout(90)
@pytest.mark.parametrize(
    ("breakage", "error"),
    [(untag_expected_failure, "BrokenProcessPool"), (break_the_import, "ImportError")],
    ids=["untagged-failing-cell", "broken-import"],
)
def test_a_broken_copy_fails_to_execute(
    breakage, error: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the build's options (allow_errors: false), an unexpected error stops the execution."""
    source = ROOT / "docs" / "en" / "notebooks" / "parallelism-in-jupyter.ipynb"
    nb = nbformat.read(source, as_version=4)
    breakage(nb)
    copy = tmp_path / source.name
    nbformat.write(nb, copy)
    with pytest.raises(CellExecutionError, match=error):
        execute(copy, monkeypatch, tmp_path)


# A small bilingual site: the hook with mkdocs-static-i18n and mkdocs-jupyter, no execution.
SITE = """site_name: test
strict: true
docs_dir: docs
theme:
  name: material
  custom_dir: {root}/overrides
hooks: [{root}/hooks/notebooks.py]
extra:
  download_notebook: Download
plugins:
  - mkdocs-jupyter:
      include: ["notebooks/*.ipynb"]
      ignore: ["*.md"]
      include_source: true
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      languages:
        - {{locale: en, name: English, default: true}}
        - {{locale: zh, name: 中文}}
nav:
  - index.md
  - notebooks/demo.ipynb
"""


def tiny_notebook(heading: str, text: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(f"# {heading}\n\n{text}"),
            nbformat.v4.new_markdown_cell("## `fork` 2"),
            nbformat.v4.new_code_cell("print(6 * 7)"),
        ],
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
    )


def build_site(tmp_path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=90,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


@once
@pytest.mark.timeout(120)
def test_notebooks_are_pages_in_both_languages(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(SITE.format(root=ROOT), encoding="utf-8")
    for lang, heading, text in [("en", "Demo", "Hello."), ("zh", "演示", "你好。")]:
        (tmp_path / "docs" / lang / "notebooks").mkdir(parents=True)
        (tmp_path / "docs" / lang / "index.md").write_text(f"# {heading}\n", encoding="utf-8")
        nbformat.write(tiny_notebook(heading, text), tmp_path / "docs" / lang / "notebooks" / "demo.ipynb")

    log = build_site(tmp_path)
    assert log.count("Cache miss, writing") == 2, log
    for lang, prefix, other in [
        ("en", "", "../../zh/notebooks/demo/"),
        ("zh", "zh/", "../../../notebooks/demo/"),
    ]:
        page = (tmp_path / "site" / prefix / "notebooks" / "demo" / "index.html").read_text("utf-8")
        assert "cell_type" not in page  # a page, not the notebook's JSON
        assert ("Hello." if lang == "en" else "你好。") in page
        assert f'href="{other}" hreflang="{"zh" if lang == "en" else "en"}"' in page  # language switcher
        assert re.search(r'<a href="demo.ipynb" download class="md-content__button', page)
        assert json.loads((tmp_path / "site" / prefix / "notebooks" / "demo" / "demo.ipynb").read_text())
        ids = re.findall(r'<h([12]) id="([^"]+)"', page)
        assert ids == [("1", "demo"), ("2", "fork-2")], ids  # the default language's ids, in zh too
        assert 'href="#fork-2"' in page  # the table of contents uses them
        assert not (tmp_path / "site" / prefix / "notebooks" / "demo.ipynb").exists()

    # The zh pass ran last: without the hook it would have evicted the en entry.
    assert len(list((tmp_path / ".cache" / "mkdocs-jupyter").glob("sources-*/*.json"))) == 2


def test_cache_folder_follows_the_snippets_a_notebook_imports(tmp_path: Path) -> None:
    """mkdocs-jupyter keys its cache on the notebook's bytes only; the hook adds the snippets it uses."""
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), docs_dir=str(docs))

    def folder_for(code: str) -> Path:
        notebook = tiny_notebook("Demo", "text")
        notebook.cells.append(nbformat.v4.new_code_cell(code))
        nbformat.write(notebook, docs / "en" / "demo.ipynb")
        return hook.cache_dir(config, ".cache/nb")

    plain = folder_for("print(1)")
    assert plain.parent == tmp_path / ".cache" / "nb"
    assert folder_for("print(2)") == plain  # the notebook's own bytes are mkdocs-jupyter's part
    plain.mkdir(parents=True)
    importing = folder_for("from snippets.primes_in_pool import count_primes")
    assert importing != plain
    assert not plain.exists()  # a folder that can never be hit again is removed
    assert hook.cache_dir(config, str(importing)) == importing  # the next language pass keeps it


def test_table_of_contents_nests_by_level() -> None:
    tokens = hook.toc_tokens([(1, "a", "A"), (2, "b", "B"), (3, "c", "C"), (2, "d", "D")])
    assert [t["id"] for t in tokens] == ["a"]
    assert [t["id"] for t in tokens[0]["children"]] == ["b", "d"]
    assert [t["id"] for t in tokens[0]["children"][0]["children"]] == ["c"]
