"""What the built site gives readers besides pages: both languages of every page, a language switcher
that keeps the page, a 404 page per language, sitemap.xml, and the footer that says where the timings
were measured."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.support.site_build import DOCS, SITE_TIMEOUT, Site, languages

pytestmark = [pytest.mark.once, pytest.mark.site, pytest.mark.timeout(SITE_TIMEOUT)]

FOOTER = {"en": "Timings measured ", "zh": "耗时表测量于 "}
NOT_FOUND = {"en": "Page not found", "zh": "页面不存在"}


def page_urls(lang: str) -> list[str]:
    """URL paths (below the language's folder) of the pages written in docs/<lang>/."""
    folder = DOCS / lang
    urls = []
    for source in sorted([*folder.rglob("*.md"), *folder.rglob("*.ipynb")]):
        stem = source.relative_to(folder).with_suffix("").as_posix()
        urls.append("" if stem == "index" else stem.removesuffix("/index") + "/")
    return urls


def prefix(lang: str) -> str:
    return "" if lang == languages()[0] else f"{lang}/"


def html_lang(page: Path) -> str:
    found = re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8"))
    return found.group(1) if found else ""


@pytest.mark.parametrize("lang", languages())
def test_every_page_is_built_in_its_language(built_site: Site, lang: str) -> None:
    for url in page_urls(lang):
        page = built_site.file_for(built_site.base + prefix(lang) + url)
        assert page is not None, f"docs/{lang}: {url or 'index'} was not built"
        assert html_lang(page) == lang, f"{page} is not marked as {lang}"


@pytest.mark.parametrize("lang", languages())
def test_language_switcher_keeps_the_page(built_site: Site, lang: str) -> None:
    for url in page_urls(lang):
        page_url = built_site.base + prefix(lang) + url
        page = built_site.file_for(page_url)
        assert page is not None
        switcher = dict(
            re.findall(r'<a href="([^"]*)" hreflang="([^"]+)" class="md-select__link"', page.read_text())
        )
        for other in languages():
            href = next((h for h, hreflang in switcher.items() if hreflang == other), None)
            assert href is not None, f"{page_url}: the language switcher has no {other} link"
            expected = built_site.base + prefix(other) + url
            assert urljoin(page_url, href) == expected, f"{page_url}: the {other} link leads to {href}"


@pytest.mark.parametrize("lang", languages())
def test_a_404_page_in_each_language(built_site: Site, lang: str) -> None:
    page = built_site.root / prefix(lang) / "404.html"
    assert page.is_file(), f"no {prefix(lang)}404.html"
    assert html_lang(page) == lang
    assert NOT_FOUND[lang] in page.read_text(encoding="utf-8")


def test_sitemap_lists_every_page_of_both_languages(built_site: Site) -> None:
    sitemap = (built_site.root / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    expected = {built_site.site_url + prefix(lang) + url for lang in languages() for url in page_urls(lang)}
    assert listed == expected


@pytest.mark.parametrize("lang", languages())
def test_footer_says_when_and_where_timings_were_measured(built_site: Site, lang: str) -> None:
    line = re.compile(re.escape(FOOTER[lang]) + r"\d{4}-\d\d-\d\d \d\d:\d\d.*UTC")
    for url in [*page_urls(lang), "404.html"]:
        page = built_site.file_for(built_site.base + prefix(lang) + url)
        assert page is not None
        footer = page.read_text(encoding="utf-8").partition('class="md-footer-meta')[2]
        assert line.search(footer), f"{page}: no footer line about the timings in {lang}"


def machine_paths() -> list[str]:
    """Paths of the machine that builds the site: its Python installs, the home folder, the sources.
    A generic system prefix (/usr) is left out: a page may name /usr/bin/python on purpose."""
    import os
    import sys

    generic = {"/", "/usr", "/usr/local", "/opt"}
    candidates = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.expanduser("~"), str(DOCS.parent)}
    return sorted(p.rstrip("/") + "/" for p in candidates if p and p.rstrip("/") not in generic)


def test_no_page_shows_a_path_of_the_build_machine(built_site: Site) -> None:
    paths = machine_paths()
    assert paths, "no path to look for"
    found = []
    for file in sorted(built_site.root.rglob("*")):
        if file.suffix not in {".html", ".xml", ".json", ".js", ".ipynb", ".txt"}:
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        found += [f"{file.relative_to(built_site.root)}: {p}" for p in paths if p in text]
    assert found == [], "the built site shows paths of the build machine:\n" + "\n".join(found)


@pytest.mark.parametrize("lang", languages())
def test_every_page_has_an_edit_link_and_a_last_updated_date(built_site: Site, lang: str) -> None:
    from tests.support.site_build import config

    edit_base = config()["repo_url"].rstrip("/") + "/" + config()["edit_uri"]
    for url in page_urls(lang):
        page = built_site.file_for(built_site.base + prefix(lang) + url)
        assert page is not None
        html = page.read_text(encoding="utf-8")
        assert f'href="{edit_base}{lang}/' in html, f"{page}: no edit link to {edit_base}{lang}/…"
        assert re.search(r'class="md-source-file__fact".*?\d{4}-\d\d-\d\d', html, re.S), (
            f"{page}: no last-updated date"
        )


def _table_cells(table: str) -> tuple[list[str], list[list[str]]]:
    def cells(row: str, tag: str) -> list[str]:
        found = re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", row, flags=re.S)
        return [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in found]

    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    return cells(rows[0], "th"), [cells(r, "td") for r in rows[1:]]


def _seconds(cell: str) -> float:
    value, unit = cell.replace(",", "").split()
    return float(value) * {"s": 1, "ms": 1e-3, "µs": 1e-6}[unit]


def test_every_built_speedup_can_be_recomputed_from_the_figures_beside_it(built_site: Site) -> None:
    """A speedup is the baseline's fastest round ÷ the row's: both are in the table (issue 13)."""
    from timings.present.texts import COLUMN_LABELS

    checked = 0
    for page in built_site.pages():
        for table in re.findall(r"<table>.*?</table>", page.read_text(encoding="utf-8"), flags=re.S):
            header, rows = _table_cells(table)
            for lang in ("en", "zh"):
                speedup, best = COLUMN_LABELS["speedup"][lang], COLUMN_LABELS["best"][lang]
                columns = [i for i, h in enumerate(header) if h == speedup or h.startswith(speedup + " · ")]
                for i in columns:
                    suffix = header[i][len(speedup) :]
                    assert best + suffix in header, f"{page}: {header[i]!r} without {best + suffix!r}"
                    j = header.index(best + suffix)
                    base = next(_seconds(r[j]) for r in rows if r[i] == "1.00×")
                    for r in rows:
                        shown = float(r[i].rstrip("×"))
                        # shown to 0.01, from figures shown to 3 significant digits (each within 0.5 %)
                        expected = base / _seconds(r[j])
                        assert abs(shown - expected) <= 0.005 + 0.01 * expected, (page, r)
                        checked += 1
    assert checked, "no speedup found in the built site"
