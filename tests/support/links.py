"""Every internal link of a built site leads somewhere: the file exists, and so does the #fragment.

Reads the HTML pages (href and src of every element), sitemap.xml and the search indexes, resolves
each internal address the way a browser and a static host would (relative to the page; absolute
paths and full URLs under the site's address), and lists what does not resolve.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.support.site_build import Site

SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")


@dataclass
class Parsed:
    ids: set[str] = field(default_factory=set)
    refs: list[tuple[str, str]] = field(default_factory=list)  # (tag, address)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parsed = Parsed()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.parsed.ids.add(value)
            elif name in ("href", "src"):
                self.parsed.refs.append((tag, value))


def parse(html: str) -> Parsed:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.parsed


def _internal_path(address: str, page_url: str, site: Site) -> tuple[str, str] | None:
    """(URL path, fragment) of an address that points into the site; None for external ones."""
    if not address or address.startswith(SKIPPED_SCHEMES):
        return None
    if re.match(r"^[a-z][a-z0-9+.-]*:", address) or address.startswith("//"):
        if not address.startswith(site.site_url):
            return None  # another site
        address = site.base + address[len(site.site_url) :]
    parts = urlsplit(urljoin(page_url, address))
    return parts.path, unquote(parts.fragment)


def check(site: Site) -> list[str]:
    """Problems with the site's internal links, one line each; empty when every link resolves."""
    parsed = {page: parse(page.read_text(encoding="utf-8")) for page in site.pages()}
    problems = []

    def resolve(where: str, address: str, page_url: str) -> None:
        found = _internal_path(address, page_url, site)
        if found is None:
            return
        path, fragment = found
        target = site.file_for(path)
        if target is None:
            problems.append(f"{where}: {address!r} leads to no page ({path})")
        elif fragment and target.suffix == ".html" and fragment not in _ids(target, parsed):
            problems.append(f"{where}: {address!r}: no id {fragment!r} in {target.relative_to(site.root)}")

    for page, content in parsed.items():
        where = page.relative_to(site.root).as_posix()
        for _tag, address in content.refs:
            resolve(where, address, site.site_url + site.url_of(page)[len(site.base) :])
    sitemap = site.root / "sitemap.xml"
    if sitemap.is_file():
        for address in re.findall(r'<loc>([^<]+)</loc>|href="([^"]+)"', sitemap.read_text(encoding="utf-8")):
            resolve("sitemap.xml", "".join(address), site.site_url)
    # One search index per language (hooks/search_by_language.py): search/ for the default language,
    # <lang>/search/ for another, its locations relative to <lang>/.
    for index in sorted(site.root.glob("**/search/search_index.json")):
        folder = index.parent.parent.relative_to(site.root).as_posix()
        base = site.site_url if folder == "." else f"{site.site_url}{folder}/"
        where = index.relative_to(site.root).as_posix()
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            resolve(where, doc["location"], base)
    return problems


def _ids(target: Path, parsed: dict[Path, Parsed]) -> set[str]:
    if target not in parsed:
        parsed[target] = parse(target.read_text(encoding="utf-8"))
    return parsed[target].ids
