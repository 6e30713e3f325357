"""The ¶ link after each heading has its tooltip in the page's language (hooks/permalink_titles.py).

No site build: the page is rendered by Python-Markdown with the site's own toc settings.
"""

from __future__ import annotations

import markdown
import pytest

from hooks import permalink_titles as hook
from tests.support.site_build import config

pytestmark = pytest.mark.once  # no process, no start method

PAGE = "# 启动方法\n\n正文。\n\n## 每种方法复制了什么 { #what-is-copied }\n\n### `fork` 与线程\n"


def toc_settings() -> dict:
    (found,) = [e["toc"] for e in config()["markdown_extensions"] if isinstance(e, dict) and "toc" in e]
    return found


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "toc"], extension_configs={"toc": toc_settings()})


def test_the_site_s_tooltip_is_the_one_the_hook_replaces() -> None:
    settings = toc_settings()
    assert settings.get("permalink") and settings.get("permalink_title", hook.DEFAULT) == hook.DEFAULT
    assert "hooks/permalink_titles.py" in config()["hooks"]


def test_chinese_pages_get_a_chinese_tooltip_on_every_heading() -> None:
    html = render(PAGE)
    assert html.count(f'title="{hook.DEFAULT}"') == 3  # the toc extension's, one per heading
    zh = hook.localize(html, "zh")
    assert zh.count('title="永久链接"') == 3 and hook.DEFAULT not in zh
    assert 'href="#what-is-copied"' in zh and "&para;</a>" in zh  # only the tooltip changed
    assert zh.replace("永久链接", hook.DEFAULT) == html


def test_english_pages_and_other_links_keep_their_title() -> None:
    html = render(PAGE)
    assert hook.localize(html, "en") == html
    link = f'<p><a href="https://example.org/" title="{hook.DEFAULT}">x</a></p>'  # not a heading's link
    assert hook.localize(link, "zh") == link
