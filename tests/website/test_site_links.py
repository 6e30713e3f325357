"""Every internal link and #anchor of the built site resolves, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import links
from tests.support.site_build import SITE_TIMEOUT, Site

pytestmark = [pytest.mark.once, pytest.mark.site, pytest.mark.timeout(SITE_TIMEOUT)]


def test_every_internal_link_and_anchor_resolves(built_site: Site) -> None:
    pages = built_site.pages()
    assert len(pages) >= 4, "the build made almost no pages"
    problems = links.check(built_site)
    assert not problems, "broken links in the built site:\n" + "\n".join(problems)


# Served at any address a 404 page must link to the site's real home, so its links are absolute.
ANYWHERE_PAGES = {"404.html", "zh/404.html"}


def test_every_link_works_wherever_the_site_is_served(built_site: Site) -> None:
    """Served under another path (a custom domain, a fork's Pages, http.server in site/): no 404s."""
    elsewhere = Site(built_site.root, "http://127.0.0.1:8000/served/from/elsewhere/")
    problems = [p for p in links.check(elsewhere) if p.split(":", 1)[0] not in ANYWHERE_PAGES]
    assert not problems, "links that only work under site_url's path:\n" + "\n".join(problems)


def write(root: Path, relative: str, body: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")


@pytest.mark.timeout(10)
def test_the_check_finds_each_kind_of_broken_link(tmp_path: Path) -> None:
    url = "https://owner.github.io/project/"
    write(tmp_path, "guide/index.html", '<h2 id="pitfalls">Pitfalls</h2><h2 id="进程池">…</h2>')
    write(
        tmp_path,
        "index.html",
        """
        <a href="guide/">fine</a> <a href="guide/#pitfalls">fine</a> <a href="#top" id="top">fine</a>
        <a href="guide/#%E8%BF%9B%E7%A8%8B%E6%B1%A0">fine, an encoded Chinese id</a>
        <a href="/project/guide/">fine</a> <a href="https://owner.github.io/project/guide/">fine</a>
        <a href="https://docs.python.org/3/">external: not checked</a> <a href="mailto:a@b.c">skipped</a>
        <a href="missing/">a missing page</a>
        <a href="guide/#no-such-anchor">a missing anchor</a>
        <a href="#nowhere">a missing anchor on this page</a>
        <img src="/assets/logo.png"> <!-- absolute, without the /project/ prefix: 404 on the host -->
        <link rel="canonical" href="https://owner.github.io/project/gone/">
        """,
    )
    (tmp_path / "sitemap.xml").write_text(
        "<urlset><url><loc>https://owner.github.io/project/old/</loc></url></urlset>"
    )
    problems = links.check(Site(tmp_path, url))
    expected = [
        "'missing/'",
        "'guide/#no-such-anchor'",
        "'#nowhere'",
        "'/assets/logo.png'",
        "project/gone/",
        "project/old/",
    ]
    assert len(problems) == len(expected), "\n".join(problems)
    for needle, problem in zip(expected, problems, strict=True):
        assert needle in problem


@pytest.mark.timeout(10)
def test_a_language_s_search_index_resolves_from_its_folder(tmp_path: Path) -> None:
    """zh/search/search_index.json holds locations relative to zh/ (hooks/search_by_language.py)."""
    write(tmp_path, "guide/index.html", '<h2 id="pitfalls">Pitfalls</h2>')
    write(tmp_path, "zh/guide/index.html", '<h2 id="pitfalls">常见陷阱</h2>')
    write(tmp_path, "zh/only-en/index.html", "")
    docs = {"": ["guide/#pitfalls"], "zh/": ["guide/#pitfalls", "zh/guide/", "missing/"]}
    for folder, locations in docs.items():
        (tmp_path / folder / "search").mkdir(parents=True)
        entries = [{"location": loc, "title": "", "text": ""} for loc in locations]
        (tmp_path / folder / "search" / "search_index.json").write_text(json.dumps({"docs": entries}))
    problems = links.check(Site(tmp_path, "https://owner.github.io/project/"))
    assert [p.split(":")[0] for p in problems] == ["zh/search/search_index.json"] * 2, problems
    assert "'zh/guide/'" in problems[0] and "'missing/'" in problems[1], problems
