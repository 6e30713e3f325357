"""hooks/search_by_language.py: the stacked search index split by language, and each page of another
language pointed at its own (the browser side: tests/website/test_search_by_language.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks.search_by_language import point_base_at_language, split_index

pytestmark = [pytest.mark.once, pytest.mark.timeout(10)]

CONFIG = {"lang": ["en", "zh"], "separator": "[\\s\\u200b]+", "pipeline": [], "fields": {}}


def page(base: str) -> str:
    data = {"annotate": None, "base": base, "search": f"{base}/assets/search.js"}
    config = json.dumps(data, sort_keys=True)
    return f'<html><script id="__config" type="application/json">{config}</script></html>'


def config_of(html: str) -> dict:
    return json.loads(html.split('type="application/json">')[1].split("</script>")[0])


@pytest.mark.parametrize(
    ("base", "expected"),
    [("../..", "../../zh/"), ("..", "../zh/"), ("/project/", "/project/zh/"), ("/", "/zh/")],
)
def test_a_page_of_another_language_loads_the_index_of_its_folder(base: str, expected: str) -> None:
    fixed = config_of(point_base_at_language(page(base), "zh", "zh/pools.md"))
    assert fixed["base"] == expected
    assert fixed["search"] == f"{base}/assets/search.js"  # nothing else changes


def test_a_page_without_material_s_config_is_an_error_naming_it() -> None:
    with pytest.raises(PluginError, match=r"zh/pools\.md has no Material __config"):
        point_base_at_language("<html></html>", "zh", "zh/pools.md")


def test_the_stacked_index_is_split_by_language(tmp_path: Path) -> None:
    docs = [
        {"location": "", "title": "Home", "text": "en"},
        {"location": "pools/#chunksize", "title": "chunksize", "text": "en"},
        {"location": "zh/", "title": "首页", "text": "zh"},
        {"location": "zh/pools/#chunksize", "title": "chunksize", "text": "zh"},
        {"location": "zhong/", "title": "an English page whose name starts with zh", "text": "en"},
    ]
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": CONFIG, "docs": docs}))
    assert split_index(tmp_path, "en", ["en", "zh"]) == {"en": 3, "zh": 2}
    en = json.loads((tmp_path / "search" / "search_index.json").read_text())
    zh = json.loads((tmp_path / "zh" / "search" / "search_index.json").read_text())
    assert en["config"] == zh["config"] == CONFIG
    assert [d["location"] for d in en["docs"]] == ["", "pools/#chunksize", "zhong/"]
    assert [(d["location"], d["text"]) for d in zh["docs"]] == [("", "zh"), ("pools/#chunksize", "zh")]
