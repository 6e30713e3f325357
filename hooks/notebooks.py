"""MkDocs hook: Jupyter notebook pages (mkdocs-jupyter) in every language of mkdocs-static-i18n.

- The kernel imports `snippets`: its working directory is the notebook's folder, so the project root
  goes on PYTHONPATH, which the kernel (and its worker processes) inherit.
- Notebooks stay pages. The i18n plugin rebuilds the file list with plain `File` objects after
  mkdocs-jupyter has wrapped the notebooks, so a notebook is no longer a documentation page and its
  "page" is the raw JSON (mkdocs-static-i18n issue 198). After the i18n plugin's `on_files`, the
  notebooks that mkdocs-jupyter includes become pages again, each with its other-language notebook as
  alternate, so the language switcher leads to the same notebook in the other language.
- Cached notebooks survive. mkdocs-jupyter evicts every cache entry the current build did not use;
  the i18n plugin runs one build per language, so each language's pass evicted the other's entries.
  Every language's notebooks now count as used. Cache entries also depend on the interpreter and on
  the snippets the notebooks import, which mkdocs-jupyter's key (the notebook's bytes) leaves out.
- Headings keep working anchors. mkdocs-jupyter builds the table of contents from a copy of the
  notebook without inline code (a heading "Under `fork`" becomes "Under ", with another id than the
  heading's) and makes ids from ASCII only (Chinese headings get empty ids). Every language's
  headings take the ids of the default language's notebook, position by position, and the table of
  contents is rebuilt from the rendered headings.
- Outputs show the lesson, not the machine that built them. A traceback in an output (the kernel's,
  or a worker's printed on stderr) is cut to its last line, the error, so the page shows neither the
  frames inside the standard library nor the paths of the build machine's Python; the cell toolbar
  that shows a cell's tags (`raises-exception`, a build instruction) is left out.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path, PurePath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # before hooks/ (MkDocs puts it first), whose timings.py is not the package

from timings.digest import digest  # noqa: E402  (the one digest of every cache)

JUPYTER = "mkdocs-jupyter"
I18N = "i18n"
SNIPPET_IMPORT = re.compile(r"\bsnippets\.(\w+)")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
HTML_HEADING = re.compile(r'<h([1-6]) id="[^"]*">(.*?)<a class="anchor-link" href="#[^"]*">', re.DOTALL)


class NotebookPage(File):
    """A notebook that MkDocs renders as a page (mkdocs-jupyter supplies the HTML)."""

    def is_documentation_page(self) -> bool:
        return True


_kernel_tmp: tuple[str, str | None] | None = None  # (the kernels' TMPDIR, the TMPDIR it replaced)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Kernels get a temporary folder of their own, removed after the build: a kernel that is shut
    # down does not always remove what multiprocessing made in it (pymp-* folders).
    global _kernel_tmp
    if _kernel_tmp is None:
        _kernel_tmp = (tempfile.mkdtemp(prefix="notebook-kernels-"), os.environ.get("TMPDIR"))
        os.environ["TMPDIR"] = _kernel_tmp[0]
    paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    if str(ROOT) not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, paths)])
    jupyter = config.plugins.get(JUPYTER)
    if jupyter is not None:
        jupyter.config["cache_dir"] = str(cache_dir(config, jupyter.config["cache_dir"]))
    return config


def cache_dir(config: MkDocsConfig, configured: str) -> Path:
    """One subfolder per interpreter and per content of the snippets that the notebooks import.

    Folders for other contents are removed: they can never be hit again.
    """
    base = Path(configured)
    if base.name.startswith("sources-"):  # the i18n plugin's next language pass: already set
        return base
    if not base.is_absolute():
        base = Path(config.config_file_path).parent / base
    notebooks = sorted(Path(config.docs_dir).rglob("*.ipynb"))
    names = sorted({m for nb in notebooks for m in SNIPPET_IMPORT.findall(nb.read_text("utf-8"))})
    snippets = [ROOT / "snippets" / f"{name}.py" for name in names]
    found = [(name, path if path.exists() else b"") for name, path in zip(names, snippets, strict=True)]
    folder = base / f"sources-{digest(sys.version, *(part for pair in found for part in pair))}"
    if base.is_dir():
        for old in base.glob("sources-*"):
            if old != folder:
                shutil.rmtree(old, ignore_errors=True)
    return folder


@event_priority(-110)  # after the i18n plugin's on_files (-100), which drops the notebook pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    jupyter = config.plugins.get(JUPYTER)
    i18n = config.plugins.get(I18N)
    if jupyter is None:
        return files
    for file in files:
        if jupyter.should_include(file):
            file.__class__ = NotebookPage
            if i18n is not None:
                add_alternates(file, i18n, config)
    if i18n is not None:  # the sitemap's per-language page list, taken before this hook
        i18n.i18n_files_per_language[i18n.current_language] = files.documentation_pages()
    keep_cache_entries(jupyter, config)
    return files


def add_alternates(file: File, i18n: BasePlugin, config: MkDocsConfig) -> None:
    """The same notebook in the other languages (folder structure: docs/<lang>/<path>)."""
    from mkdocs_static_i18n.folder import create_i18n_file

    for lang in i18n.build_languages:
        src_uri = PurePath(lang, file.norm_src_uri).as_posix()
        if lang in file.alternates or not Path(config.docs_dir, src_uri).is_file():
            continue
        source = NotebookPage(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
        alternate = create_i18n_file(source, lang, i18n.default_language, i18n.all_languages, config)
        alternate.__class__ = NotebookPage
        file.alternates[lang] = alternate


def keep_cache_entries(jupyter: BasePlugin, config: MkDocsConfig) -> None:
    """Count the cache entries of every language's notebooks as used by this build."""
    try:
        from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path
    except ImportError as e:  # a newer mkdocs-jupyter: check how its cache eviction works now
        raise PluginError(f"notebooks hook: mkdocs-jupyter's cache helpers moved: {e}") from e
    if not jupyter.config["cache"]:
        return
    cfg = jupyter.config
    for path in Path(config.docs_dir).rglob("*"):
        if not jupyter.should_include(
            File(path.relative_to(config.docs_dir).as_posix(), config.docs_dir, config.site_dir, False)
        ):
            continue
        execute = cfg["execute"] and not any(PurePath(path).match(p) for p in cfg["execute_ignore"])
        key = _compute_cache_key(str(path), cfg, execute)
        jupyter._used_cache_paths.add(_get_cache_path(cfg["cache_dir"], key))


def on_post_build(config: MkDocsConfig) -> None:
    global _kernel_tmp
    if _kernel_tmp is not None:
        scratch, previous = _kernel_tmp
        shutil.rmtree(scratch, ignore_errors=True)
        if previous is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = previous
        _kernel_tmp = None


def on_page_content(content: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    if not isinstance(page.file, NotebookPage):
        return content
    content = CELL_TAG_CLASS.sub("", CELL_TOOLBAR.sub("", content))
    content = OUTPUT_PRE.sub(lambda m: m[1] + trim_tracebacks(m[2]) + m[3], content)
    found = list(HTML_HEADING.finditer(content))
    source = Path(page.file.abs_src_path)
    default = getattr(page.file, "norm_src_uri", None)
    i18n = config.plugins.get(I18N)
    if i18n is not None and default is not None:
        default_source = Path(config.docs_dir, i18n.default_language, default)
        source = default_source if default_source.is_file() else source
    ids = heading_ids(source)
    levels = [int(m[1]) for m in found]
    if levels != [level for level, _ in ids]:
        raise PluginError(
            f"notebooks hook: the headings of {page.file.src_uri} (levels {levels}) do not match those"
            f" of {source.relative_to(config.docs_dir)} ({[level for level, _ in ids]}): every language"
            " needs the same headings, in the same order, for the same anchors"
        )
    rendered = iter(ids)

    def with_id(match: re.Match[str]) -> str:
        _, anchor = next(rendered)
        return f'<h{match[1]} id="{anchor}">{match[2]}<a class="anchor-link" href="#{anchor}">'

    page.toc = get_toc(
        toc_tokens([(lvl, anchor, text(m[2])) for (lvl, anchor), m in zip(ids, found, strict=True)])
    )
    return HTML_HEADING.sub(with_id, content)


CELL_TOOLBAR = re.compile(
    r'<div class="celltoolbar">\s*<div class="button_container tags_button_container">.*?</div>\s*</div>',
    re.S,
)
CELL_TAG_CLASS = re.compile(r" celltag_[\w-]+")
OUTPUT_PRE = re.compile(
    r'(<div class="jp-RenderedText jp-OutputArea-output"[^>]*>\s*<pre>)(.*?)(</pre>)', re.S
)
TAG = re.compile(r"<[^>]+>")
ERROR_LINE = re.compile(r"^[A-Za-z_][\w.]*(?::.*)?$")  # `AttributeError: ...`, `KeyboardInterrupt`


def trim_tracebacks(output_html: str) -> str:
    """An output's text with each traceback cut to its first and last lines: "Traceback …", the error."""
    if "Traceback" not in output_html:
        return output_html
    lines, skipping = [], False
    for line in html.unescape(TAG.sub("", output_html)).splitlines():
        if "Traceback (most recent call last)" in line:
            lines += ["Traceback (most recent call last):", "  …"]  # IPython puts the name first
            skipping = True
        elif skipping and ERROR_LINE.match(line) and not line.startswith("File"):
            lines.append(line)
            skipping = False
        elif not skipping and not set(line.strip()) <= {"-"}:  # IPython's rule of dashes
            lines.append(line)
    return html.escape("\n".join(lines).strip("\n") + "\n", quote=False)


def heading_ids(notebook: Path) -> list[tuple[int, str]]:
    """(level, id) of every Markdown heading of a notebook, ids made unique like Python-Markdown's.

    A `#` line inside a fenced block of a Markdown cell counts too: the build then stops with a
    mismatch, rather than guess.
    """
    from mkdocs_jupyter.utils import slugify

    cells = json.loads(notebook.read_text("utf-8"))["cells"]
    found, seen = [], set()
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        for hashes, title in MD_HEADING.findall("".join(cell["source"])):
            anchor = base = slugify(re.sub(r"[`*]", "", title)) or "section"
            n = 0
            while anchor in seen:
                n += 1
                anchor = f"{base}_{n}"
            seen.add(anchor)
            found.append((len(hashes), anchor))
    return found


def text(heading_html: str) -> str:
    return html.escape(html.unescape(re.sub(r"<[^>]+>", "", heading_html)).strip(), quote=False)


def toc_tokens(headings: list[tuple[int, str, str]]) -> list[dict]:
    """Nested table-of-contents tokens (the shape Python-Markdown's toc extension produces)."""
    root: list[dict] = []
    stack: list[dict] = []
    for level, anchor, name in headings:
        token = {"level": level, "id": anchor, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root
