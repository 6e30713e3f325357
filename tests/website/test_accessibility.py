"""Every page of the built site, in both languages and both palettes, audited with axe-core.

axe-core comes with the `axe-playwright-python` package (its axe.min.js, injected into each page: no
network). tests/support/accessibility.yml says which rule sets run, which impacts fail and which rules are
left off and why. The light palette runs every rule; the dark one (Material's `slate`, chosen by the
reader's `prefers-color-scheme: dark`) runs again the rules that depend on colours. A failure names
the page, the palette, the rule and the element. Per-rule counts of every impact go to
test-artifacts/accessibility.json.

One browser and one page, reused for every address: each address is loaded once and audited in
both palettes in turn (class Auditor). Contrast was most of the cost: axe checks every element with
text (several ms each, thousands per page, most of them code tokens). Visible text that looks the same
(same colour, font size and weight, text shadow, and opacity and backgrounds up to the first opaque
one) has the same contrast, so the first of each look in a palette is checked, on whichever page shows
it first, and the others are marked `data-a11y-repeat`, which color-contrast skips: the same verdicts
in a fraction of the time. Text in flow only: text in a box taken out of the flow (`position:
absolute` or `fixed`), which may lie over other content, is always checked.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from html import unescape as html_unescape
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.site_build import ROOT, SITE_TIMEOUT, Site, languages, serve
from tests.website.test_browser import browser, no_leftover_processes  # noqa: F401 (fixtures: one browser, its check)

AUDIT_TIMEOUT = 300  # seconds: ~80 audits on a busy 2-core machine, besides the build (SITE_TIMEOUT)
pytestmark = [pytest.mark.once, pytest.mark.site, pytest.mark.timeout(SITE_TIMEOUT + AUDIT_TIMEOUT)]

RULES_FILE = Path(__file__).resolve().parents[1] / "support" / "accessibility.yml"
COUNTS = ROOT / "test-artifacts" / "accessibility.json"
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's palette
SHOWN_PER_RULE = 3  # elements named per page and rule in a failure; the rest are counted


@cache
def rules() -> dict[str, Any]:
    with open(RULES_FILE, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    for key in ("tags", "fail_on", "colour_rules", "left_off"):
        if key not in data:
            raise AssertionError(f"{RULES_FILE.name}: missing `{key}`")
    return data


def axe_options(scheme: str) -> dict[str, Any]:
    """What axe.run gets: the rule sets of the file, minus the rules left off; in the dark palette
    only the colour rules."""
    data = rules()
    off = {rule: {"enabled": False} for rule in data["left_off"]}
    if scheme == "light":
        run_only = {"type": "tag", "values": data["tags"]}
    else:
        run_only = {"type": "rule", "values": [r for r in data["colour_rules"] if r not in data["left_off"]]}
    return {"runOnly": run_only, "rules": off, "resultTypes": ["violations"]}


# Marks the elements whose text has a look already seen, on this page or an earlier one in the same
# palette (given as `seen`), so that axe's colour-contrast rule checks each look once; returns the looks
# of this page for the next. A look is what the contrast depends on: the text's colour, size, weight
# and shadow, and the backgrounds behind it up to the first opaque one. Only text a reader sees, in
# the flow, counts as seen: axe does not check hidden text (a collapsed example), so its look stays
# unchecked until it shows; text in an absolute or fixed box may lie over anything: always checked.
MARK_REPEATS = """(seen) => {
  const looks = new Set(seen);
  const behind = (el) => {  // null for text that may overlap other content: always checked
    const out = [];
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.position === "absolute" || s.position === "fixed") return null;
      out.push(s.backgroundColor, s.backgroundImage, s.opacity);
      if (/^rgb\\(/.test(s.backgroundColor)) break;  // opaque: nothing further shows through
    }
    return out.join(" ");
  };
  const ownText = (el) =>
    [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  for (const el of document.body.querySelectorAll("*")) {
    if (!ownText(el) || !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const under = behind(el);
    if (under === null) continue;
    const s = getComputedStyle(el);
    const look = [s.color, s.fontSize, s.fontWeight, s.textShadow, under].join("/");
    if (looks.has(look)) el.setAttribute("data-a11y-repeat", "");
    looks.add(look);
  }
  return [...looks];
}"""
SKIP_REPEATS = "axe.configure({rules: [{id: 'color-contrast', selector: '*:not([data-a11y-repeat])'}]});"


@cache
def axe_script() -> str:
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        problem = "axe-playwright-python is not installed (`pip install -r requirements.txt`)"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"accessibility tests cannot run under CI: {problem}", pytrace=False)
        pytest.skip(f"accessibility tests skipped: {problem}")
    return AXE_SCRIPT + "\n" + SKIP_REPEATS


@dataclass(frozen=True)
class Violation:
    page: str  # URL path
    scheme: str  # light or dark
    rule: str
    impact: str
    targets: tuple[str, ...]  # CSS selectors of the elements, as axe names them
    snippets: tuple[str, ...]  # their HTML, shortened
    message: str  # axe's explanation for the first element

    def describe(self) -> str:
        shown = [f"      {t} {s}" for t, s in zip(self.targets[:SHOWN_PER_RULE], self.snippets, strict=False)]
        more = len(self.targets) - SHOWN_PER_RULE
        lines = [
            f"{self.page} ({self.scheme}): {self.rule} ({self.impact}) on {len(self.targets)} element(s): "
            f"{self.message}",
            *shown,
        ]
        return "\n".join(lines + ([f"      ... and {more} more"] if more > 0 else []))


def _violations(page_path: str, scheme: str, response: Mapping[str, Any]) -> list[Violation]:
    found = []
    for v in response["violations"]:
        nodes = v["nodes"]
        checks = [c for n in nodes[:1] for c in n.get("any", []) + n.get("all", []) + n.get("none", [])]
        message = checks[0]["message"] if checks else v["help"]
        found.append(
            Violation(
                page=page_path,
                scheme=scheme,
                rule=v["id"],
                impact=v["impact"] or "minor",
                targets=tuple(" ".join(map(str, n["target"])) for n in nodes),
                snippets=tuple(re.sub(r"\s+", " ", n["html"])[:160] for n in nodes),
                message=message,
            )
        )
    return found


# Material's palette switch, as a reader's click on the toggle makes it (a page without Material
# has no switch: the emulated prefers-color-scheme alone changes it).
SWITCH_PALETTE = """s => {
  const input = document.querySelector(`input[name="__palette"][data-md-color-scheme="${s}"]`);
  if (!input || input.checked) return false;
  input.click();
  return true;
}"""
# The palette shown, with the colour transitions it started jumped to their end: what a reader sees a
# moment later.
PALETTE_SHOWN = """s => !document.body.hasAttribute('data-md-color-scheme')
  || document.body.getAttribute('data-md-color-scheme') === s"""
FINISH_TRANSITIONS = """() => document.getAnimations().forEach(a => {
  try { a.finish(); } catch (e) {}  // an endless animation cannot finish, and is not a colour change
})"""
FORGET_REPEATS = """() => document.querySelectorAll("[data-a11y-repeat]")
  .forEach(e => e.removeAttribute("data-a11y-repeat"))"""


_EMPTIED: dict[str, Any] = {}  # address -> the index without documents, read once per address


def _empty_search_index(route: Any) -> None:
    """The site's search index without its documents: Material's search starts as usual (a missing
    index would stop its other scripts, the palette toggle among them) and has nothing to build."""
    url = route.request.url
    if url not in _EMPTIED:
        response = route.fetch()
        index = response.json()
        index["docs"] = []
        _EMPTIED[url] = index
    route.fulfill(json=_EMPTIED[url])


class Auditor:
    """One page, with axe-core injected into every document it loads. `audit` loads an address once
    and audits it in each palette in turn, switched as a reader switches it (the emulated
    `prefers-color-scheme` and Material's toggle).
    The search index is served without its documents: Material's search worker would build it on
    every page load (a fifth of the audit's time), and nothing audited depends on it (the search
    dialog stays closed; tests/website/test_browser.py tests search)."""

    def __init__(self, chromium: Any) -> None:
        self.looks: dict[str, list[str]] = {scheme: [] for scheme in SCHEMES}  # checked on earlier pages
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
        context.route("**/search/search_index.json", _empty_search_index)
        context.add_init_script(script=axe_script())
        self.page = context.new_page()
        self.page.set_default_timeout(60_000)
        self.shown = "light"

    def _show(self, scheme: str) -> None:
        """The palette `scheme` on the loaded page."""
        if scheme != self.shown:
            self.page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
            self.shown = scheme
        if self.page.evaluate(SWITCH_PALETTE, SCHEMES[scheme]):
            self.page.wait_for_function(PALETTE_SHOWN, arg=SCHEMES[scheme])
        self.page.evaluate(FINISH_TRANSITIONS)

    def audit(self, url: str, page_path: str) -> list[Violation]:
        page, found = self.page, []
        page.goto(url)
        # Material remembers the palette last chosen, so the address opens in the one the last audit
        # ended in: that one first, and one switch per address.
        for scheme in sorted(SCHEMES, key=lambda s: s != self.shown):
            self._show(scheme)
            page.evaluate(FORGET_REPEATS)
            self.looks[scheme] = page.evaluate(MARK_REPEATS, self.looks[scheme])
            result = page.evaluate("options => axe.run(document, options)", axe_options(scheme))
            found += _violations(page_path, scheme, result)
        return found

    def close(self) -> None:
        self.page.context.close()


@contextmanager
def auditor(chromium: Any) -> Iterator[Auditor]:
    audit = Auditor(chromium)
    try:
        yield audit
    finally:
        audit.close()


def failing(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in rules()["fail_on"]]


def report(violations: list[Violation]) -> str:
    return f"{len(violations)} accessibility violation(s):\n" + "\n".join(v.describe() for v in violations)


def lang_of(page_path: str, site: Site) -> str:
    first = page_path[len(site.base) :].split("/", 1)[0]
    return first if first in languages() else languages()[0]


@pytest.fixture(scope="module")
def audited(built_site: Site, browser: Any) -> list[Violation]:  # noqa: F811 (the browser fixture)
    """Every built page audited in both palettes; the per-rule counts written for the record."""
    found: list[Violation] = []
    with serve(built_site) as url, auditor(browser) as audit:
        origin = url[: -len(built_site.base)]
        for path in built_site.pages():
            page_path = built_site.url_of(path)
            found += audit.audit(origin + page_path, page_path)
    counts = Counter()
    for v in found:
        counts[f"{v.rule} ({v.impact}, {v.scheme})"] += len(v.targets)
    COUNTS.parent.mkdir(parents=True, exist_ok=True)
    COUNTS.write_text(
        json.dumps({"pages": len(built_site.pages()), "elements": dict(sorted(counts.items()))}, indent=1)
        + "\n",
        encoding="utf-8",
    )
    return found


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", languages())
def test_no_serious_violation_on_any_page(
    audited: list[Violation], built_site: Site, lang: str, scheme: str
) -> None:
    pages = [p for p in built_site.pages() if lang_of(built_site.url_of(p), built_site) == lang]
    assert len(pages) > 2, f"no {lang} pages found in the built site"
    mine = [v for v in audited if v.scheme == scheme and lang_of(v.page, built_site) == lang]
    bad = failing(mine)
    assert not bad, report(bad)


# A page that passes in the light palette and fails in the dark one, and a chart-like image without a
# name: the audit above must catch both, naming page, palette, rule and element. In the code block,
# the second faint token looks like the first: only the first is checked (and fails).
FIXTURE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fixture</title>
<style>
  body { background: #fff; color: #222; }
  @media (prefers-color-scheme: dark) { body { background: #111; color: #eee; } .faint { color: #333; } }
</style></head>
<body><main><h1>Fixture</h1>
<p id="faint-text" class="faint">Readable in the light palette only.</p>
<details><summary>Collapsed</summary><pre><span id="token-0" class="faint">hidden</span></pre></details>
<div><pre><span>x</span> = <span id="token-1" class="faint">first</span>
  + <span id="token-2" class="faint">second</span></pre></div>
<svg role="img" width="40" height="10"><rect width="40" height="10" fill="#4e79a7"/></svg>
</main></body></html>"""


def test_the_audit_fails_on_a_violation_and_names_it(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    (tmp_path / "fixture").mkdir()
    (tmp_path / "fixture" / "index.html").write_text(FIXTURE_PAGE, encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>404</h1>", encoding="utf-8")
    site = Site(tmp_path, "https://owner.github.io/a11y/")
    with serve(site) as url, auditor(browser) as audit:
        found = failing(audit.audit(url + "fixture/", "/a11y/fixture/"))
    by_key = {(v.scheme, v.rule): v for v in found}
    assert set(by_key) == {("dark", "color-contrast"), ("light", "svg-img-alt")}, report(found)
    contrast = by_key["dark", "color-contrast"]
    # token-0 has token-1's look but is hidden (axe skips it), so token-1 is checked; token-2 repeats it
    assert contrast.targets == ("#faint-text", "#token-1") and contrast.impact == "serious", report(found)
    text = report(found)
    assert "/a11y/fixture/ (dark): color-contrast (serious) on 2 element(s)" in text and "#faint-text" in text
    assert "/a11y/fixture/ (light): svg-img-alt (serious)" in text and "<svg" in text, text


def test_rules_left_off_are_axe_rules_with_a_reason(browser: Any) -> None:  # noqa: F811
    data = rules()
    page = browser.new_page()
    try:
        page.set_content("<html lang='en'><body></body></html>")
        page.evaluate(axe_script())
        known = set(page.evaluate("axe.getRules().map(r => r.ruleId)"))
        version = page.evaluate("axe.version")
    finally:
        page.close()
    assert version.startswith("4."), version
    for rule, reason in data["left_off"].items():
        assert rule in known, f"{RULES_FILE.name}: {rule!r} is not an axe-core {version} rule"
        assert isinstance(reason, str) and len(reason.split()) >= 5, (
            f"{RULES_FILE.name}: say why {rule} is off"
        )
    unknown = set(data["colour_rules"]) - known
    assert not unknown, f"{RULES_FILE.name}: colour rules unknown to axe-core {version}: {unknown}"
    assert set(data["fail_on"]) <= {"minor", "moderate", "serious", "critical"}


def test_both_languages_share_one_stylesheet() -> None:
    en, zh = (ROOT / "docs" / lang / "assets" / "accessibility.css" for lang in ("en", "zh"))
    assert en.read_bytes() == zh.read_bytes(), f"{zh} differs from {en}: copy the English file"


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_chart_is_an_image_with_a_name_and_a_description(built_site: Site) -> None:
    charts = 0
    for path in built_site.pages():
        html = path.read_text(encoding="utf-8")
        ids = re.findall(r'\bid="([^"]+)"', html)
        for svg in re.findall(r'<div class="timing-chart"[^>]*>(<svg[^>]*>.*?</svg>)', html, flags=re.S):
            charts += 1
            where = f"{built_site.url_of(path)}: {svg[:200]}"
            head = svg[: svg.index(">") + 1]
            assert 'role="img"' in head, where
            title_id = re.search(r'aria-labelledby="([^"]+)"', head)
            desc_id = re.search(r'aria-describedby="([^"]+)"', head)
            assert title_id and desc_id, where
            title = re.search(rf'<title id="{title_id[1]}">([^<]+)</title>', svg)
            desc = re.search(rf'<desc id="{desc_id[1]}">([^<]+)</desc>', svg)
            assert title and desc, where
            assert ids.count(title_id[1]) == ids.count(desc_id[1]) == 1, (
                f"ids not unique on the page: {where}"
            )
            if lang_of(built_site.url_of(path), built_site) == "zh":
                assert CJK.search(title[1]) and CJK.search(desc[1]), f"not in Chinese: {where}"
            else:
                assert not CJK.search(title[1] + desc[1]), f"not in English: {where}"
    assert charts >= 10, f"only {charts} charts found in the built site"


@pytest.mark.parametrize("lang", languages())
def test_a_screen_reader_gets_each_charts_name_and_description(
    browser: Any,  # noqa: F811
    built_site: Site,
    lang: str,
) -> None:
    """Chromium's accessibility tree, which screen readers read: one image per chart, named and
    described in the page's language (checked on the first page of the language with charts)."""
    path = next(
        p
        for p in built_site.pages()
        if lang_of(built_site.url_of(p), built_site) == lang
        and 'class="timing-chart"' in p.read_text("utf-8")
    )
    html = path.read_text(encoding="utf-8")
    expected = re.findall(
        r'<title id="chart-[^"]+">([^<]+)</title><desc id="chart-[^"]+">([^<]+)</desc>', html
    )
    assert expected, f"{path}: charts without <title> and <desc>"
    with serve(built_site) as url:
        page = browser.new_page()
        try:
            page.goto(url[: -len(built_site.base)] + built_site.url_of(path))
            tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
        finally:
            page.close()
    images = [
        (n.get("name", {}).get("value"), n.get("description", {}).get("value"))
        for n in tree
        if n.get("role", {}).get("value") == "image" and not n.get("ignored")
    ]
    for title, desc in expected:
        assert (html_unescape(title), html_unescape(desc)) in images, (
            f"{path}: {title!r} not read out: {images}"
        )
