"""The built site in a real browser: headless Chromium, driven by Playwright, on 127.0.0.1.

Playwright drives the Chromium already on the machine (`executable_path`): nothing is downloaded.
Without a Chromium the tests fail under CI (CI=true) and are skipped elsewhere, saying how to get one.
Screenshots go to test-artifacts/screenshots/ (git-ignored), never into a site folder.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support import processes
from tests.support.site_build import DOCS, ROOT, SITE_TIMEOUT, Site, languages, serve

pytestmark = [pytest.mark.once, pytest.mark.site, pytest.mark.timeout(SITE_TIMEOUT)]

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CANDIDATES = ("google-chrome", "google-chrome-stable", "chromium", "chromium-browser")
MACOS_APPS = (
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
HOW_TO_INSTALL = (
    "install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`; macOS: Google Chrome), "
    "or point CHROMIUM at a Chrome/Chromium binary"
)
SEARCH_TERMS = {"en": "process pool", "zh": "进程池"}
# Material looks for a sitemap.xml beside each language-switcher link, expecting a language's home
# there; mkdocs-static-i18n points those links at the page itself. Material ignores the 404 it gets.
MATERIAL_SITEMAP_PROBE = "/sitemap.xml"
NOT_FOUND = {"en": "Page not found", "zh": "页面不存在"}


def find_chromium(
    env: Mapping[str, str] = os.environ, which: Callable[[str], str | None] = shutil.which
) -> str | None:
    if env.get("CHROMIUM"):
        return env["CHROMIUM"]
    found = next((path for name in CANDIDATES if (path := which(name))), None)
    if found is None and sys.platform == "darwin":
        found = next((app for app in MACOS_APPS if Path(app).is_file()), None)
    return found


def require_chromium(
    env: Mapping[str, str] = os.environ, find: Callable[[Mapping[str, str]], str | None] = find_chromium
) -> str:
    """The browser to drive; without one: a failure under CI, a skip that says what to do elsewhere."""
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "Playwright for Python is not installed (`pip install -r requirements.txt`)"
    path = find(env)
    if problem is None and path is None:
        problem = f"no Chromium found: {HOW_TO_INSTALL}"
    if problem is None:
        return str(path)
    if env.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"browser tests cannot run under CI: {problem}", pytrace=False)
    pytest.skip(f"browser tests skipped: {problem}")


# The module shares one browser; its driver process may stay between tests (checked at the end).
_browser_pids: set[int] = set()


@pytest.fixture(autouse=True)
def no_leftover_processes() -> Iterator[None]:
    """Replaces the suite's per-test check: any child but the shared browser's still fails a test."""
    yield
    processes.fail_on_children(allowed=_browser_pids)


@pytest.fixture(scope="module")
def site_url(built_site: Site) -> Iterator[str]:
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    before = {p.pid for p in processes.children()}
    playwright = sync_playwright().start()
    _browser_pids.update(p.pid for p in processes.children() if p.pid not in before)
    try:
        chromium = playwright.chromium.launch(executable_path=executable, args=["--disable-gpu"])
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        _browser_pids.clear()


@contextmanager
def recording_page(browser, site_url: str) -> Iterator[Any]:
    """A fresh page that may only talk to the local server. It records JavaScript errors (`errors`),
    requests for anything outside the site (`outside`, refused) and failed requests (`failed`)."""
    host = urlsplit(site_url).netloc
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=f"http://{host}")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.errors, page.outside, page.failed = [], [], []

    def only_local(route) -> None:
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    def on_console(message) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            page.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def on_response(response) -> None:
        probe = response.url.endswith(MATERIAL_SITEMAP_PROBE) and response.url != site_url + "sitemap.xml"
        if response.status >= 400 and not probe:
            page.failed.append(f"{response.status} {response.url}")

    page.route("**/*", only_local)
    page.on("pageerror", lambda error: page.errors.append(f"page error: {error}"))
    page.on("console", on_console)  # failed loads are in `failed`, with their address
    page.on("response", on_response)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser, site_url: str) -> Iterator[Any]:
    with recording_page(browser, site_url) as page:
        yield page


def home(site_url: str, lang: str) -> str:
    return site_url if lang == languages()[0] else f"{site_url}{lang}/"


def content_page() -> str:
    """A technique page present in every language: the first non-index page."""
    first = min(
        p.relative_to(DOCS / "en").as_posix() for p in (DOCS / "en").rglob("*.md") if p.name != "index.md"
    )
    return first.removesuffix(".md") + "/"


@pytest.mark.parametrize("lang", languages())
def test_home_page_loads_without_errors(page, site_url: str, lang: str) -> None:
    response = page.goto(home(site_url, lang), wait_until="networkidle")
    assert response is not None and response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").count() == 1
    assert page.errors == [], page.errors
    assert page.failed == [], f"requests that failed: {page.failed}"
    assert page.outside == [], f"the page asked for resources outside the site: {page.outside}"


def test_language_switcher_keeps_the_page(page, site_url: str) -> None:
    path = content_page()
    page.goto(site_url + path)
    for lang, expected in (("zh", f"{site_url}zh/{path}"), ("en", site_url + path)):
        page.hover(".md-header__option .md-select")
        page.click(f'.md-select__link[hreflang="{lang}"]')
        page.wait_for_url(expected)
        assert page.locator("html").get_attribute("lang") == lang
    assert page.errors == []


@pytest.mark.parametrize("lang", languages())
def test_search_finds_a_term(page, site_url: str, lang: str) -> None:
    page.goto(home(site_url, lang), wait_until="networkidle")  # the search index is loaded
    page.fill("input.md-search__input", SEARCH_TERMS[lang])
    page.keyboard.press("End")  # Material searches on key events; typing Chinese goes through an IME
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() >= 1
    first = results.first.locator("a").first.get_attribute("href") or ""
    assert ("/zh/" in first) == (lang == "zh"), f"the first {lang} result leads to {first}"
    assert page.errors == []


def test_code_blocks_have_a_copy_button_that_copies(page, site_url: str) -> None:
    page.goto(site_url + content_page())
    blocks = page.locator("article div.highlight pre")
    buttons = page.locator('article div.highlight button[data-md-type="copy"]')
    buttons.first.wait_for()
    assert blocks.count() >= 1 and buttons.count() == blocks.count()
    buttons.first.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    shown = blocks.first.locator("code").inner_text()
    assert copied.strip() == shown.strip()


@pytest.mark.parametrize("lang", languages())
def test_missing_page_shows_the_404_page_of_its_language(page, site_url: str, lang: str) -> None:
    response = page.goto(home(site_url, lang) + "no-such-page/", wait_until="networkidle")
    assert response is not None and response.status == 404
    page.locator("article h1").wait_for()
    assert page.locator("html").get_attribute("lang") == lang
    assert NOT_FOUND[lang] in page.locator("article h1").inner_text()


@pytest.mark.parametrize("lang", languages())
def test_screenshot(page, site_url: str, lang: str) -> None:
    path = content_page()
    page.goto(home(site_url, lang) + path, wait_until="networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{lang}-{path.strip('/').replace('/', '-')}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 20_000, "the screenshot is (almost) empty"


BROKEN_PAGE = """<html lang="en"><head>
<link rel="stylesheet" href="missing.css"><script src="https://cdn.example.org/lib.js"></script>
</head><body><h1>Broken</h1>
<script>console.error("logged"); throw new Error("boom");</script></body></html>"""


def test_errors_failed_loads_and_outside_requests_are_caught(browser, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(BROKEN_PAGE)
    (tmp_path / "404.html").write_text("<h1>404</h1>")
    with (
        serve(Site(tmp_path, "https://owner.github.io/broken/")) as url,
        recording_page(browser, url) as page,
    ):
        page.goto(url, wait_until="networkidle")
        assert any("boom" in e for e in page.errors) and any("logged" in e for e in page.errors), page.errors
        assert any(f.startswith("404 ") and f.endswith("/missing.css") for f in page.failed), page.failed
        assert page.outside == ["https://cdn.example.org/lib.js"]


def test_without_chromium_ci_fails_and_readers_get_a_reason() -> None:
    def nowhere(env: Mapping[str, str]) -> str | None:
        return find_chromium(env, which=lambda name: None) if env.get("CHROMIUM") else None

    with pytest.raises(pytest.fail.Exception, match=r"cannot run under CI.*apt-get install chromium"):
        require_chromium({"CI": "true"}, nowhere)
    with pytest.raises(pytest.skip.Exception, match=r"skipped.*apt-get install chromium"):
        require_chromium({}, nowhere)
    assert require_chromium({"CHROMIUM": "/opt/chrome"}, nowhere) == "/opt/chrome"
