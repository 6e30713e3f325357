"""The site as readers get it: `mkdocs.yml` read, a strict build, a local server like GitHub Pages.

The tests that need a built site share one strict build per pytest run (the `built_site` fixture in
conftest.py), made into a temporary folder with the cached timings (`.cache/timings`): `site/`, which
is what gets published, is never touched. From an empty cache the build measures every table first,
so those tests get a longer timeout (SITE_TIMEOUT).
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
SITE_TIMEOUT = 300  # seconds: a build from an empty timing cache measures the whole site (≤ 90 s)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml: `!ENV [NAME, default]` as MkDocs does; other tags (`!relative`) as plain values."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [node.value]
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[v] for v in variables if v in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: getattr(node, "value", None))


@functools.cache
def config() -> dict[str, Any]:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        return yaml.load(f, Loader=_ConfigLoader)  # a SafeLoader subclass


def plugin(name: str) -> dict[str, Any]:
    for entry in config().get("plugins", []):
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return {}


def languages() -> list[str]:
    """Locales of the site, the default one first (docs/<locale>/ holds its pages)."""
    langs = plugin("i18n")["languages"]
    return [lang["locale"] for lang in sorted(langs, key=lambda lang: not lang.get("default"))]


@dataclass(frozen=True)
class Site:
    root: Path  # the built folder
    site_url: str  # https://OWNER.github.io/parallel-python-measured/

    @property
    def base(self) -> str:
        """The path the site lives under on its host: /parallel-python-measured/."""
        path = urlsplit(self.site_url).path
        return path if path.endswith("/") else path + "/"

    def _local(self, url_path: str) -> Path | None:
        if not url_path.startswith(self.base):
            return None
        target = (self.root / unquote(url_path[len(self.base) :])).resolve()
        return target if target.is_relative_to(self.root.resolve()) else None

    def is_folder(self, url_path: str) -> bool:
        target = self._local(url_path)
        return target is not None and target.is_dir()

    def file_for(self, url_path: str) -> Path | None:
        """The built file a URL path (under `base`) serves, as a static host would; None if none."""
        target = self._local(url_path)
        if target is None:
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def url_of(self, path: Path) -> str:
        """The URL path of a built file (pages as folders: zh/hash-files/index.html -> .../zh/hash-files/)."""
        relative = path.relative_to(self.root).as_posix()
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative[: -len("index.html")]
        return self.base + relative

    def pages(self) -> list[Path]:
        """Every built HTML page, 404 pages included."""
        return sorted(self.root.rglob("*.html"))


@contextmanager
def build_tmp() -> Iterator[str]:
    """A TMPDIR for a build, removed afterwards: jieba writes its dictionary cache there, and the
    notebook kernels' forkserver puts a socket there, so the path must stay short (108 bytes)."""
    with tempfile.TemporaryDirectory(prefix="b-", dir=os.environ.get("PYTEST_DEBUG_TEMPROOT")) as tmp:
        yield tmp


def build(dest: Path) -> Site:
    """A strict build of the site into `dest`; fails with MkDocs' own output when the build fails."""
    with build_tmp() as scratch:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": scratch}
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(dest)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=SITE_TIMEOUT - 30,
        )
    if proc.returncode != 0:
        raise AssertionError(f"mkdocs build --strict failed:\n{proc.stdout}\n{proc.stderr}")
    return Site(dest, config()["site_url"])


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built folder under the site's base path as GitHub Pages does: a folder's address
    without its final slash is redirected to it, a missing page gets 404.html with status 404."""

    site: Site

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if not path.endswith("/") and self.site.is_folder(path + "/"):  # a folder without its slash
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return
        target = self.site.file_for(path)
        status = 200 if target is not None else 404
        target = target or self.site.root / "404.html"
        body = target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet: pytest shows failures
        pass


@contextmanager
def serve(site: Site) -> Iterator[str]:
    """Serve the site on 127.0.0.1 (a free port); yields the home page's URL. Stops on exit."""
    handler = type("Handler", (_Handler,), {"site": site})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{site.base}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
