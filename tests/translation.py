"""Reading a page's source for the translation checks (tests/test_translation.py).

`structure()` is what both languages must share: heading ids, snippet includes, timing markers and
links. `prose()` is the running text a reader reads, without code, markup or addresses, as paragraphs;
the checks on it (`untranslated`, `wrong_terms`, `typography`, `missing_terms`) return one line per
problem. Pages are Markdown (`.md`) or notebooks (`.ipynb`: their Markdown cells, code cells as code).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.glossary import (
    CALQUES,
    EN_TERM_SKIP,
    FIRST_MENTION,
    ONCE_PER_PAGE,
    SYSTEM_CLOCK,
    TABLE_WRONG,
    TERMS,
    VAGUE_AMOUNT,
)

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
MIN_PARAGRAPH = 24  # letters and characters: shorter text (a name, a version) can be the same in both
MIN_CJK_SHARE = 0.4  # share of Chinese characters among letters+characters in a Chinese paragraph
MAX_CJK_SHARE_EN = 0.05

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(\{[^}]*\})?\s*#*\s*$")
INCLUDE = re.compile(r"""--8<--\s+["']([^"']+)["']""")
MARKER = re.compile(r"<!--\s*timing:\s*(.*?)\s*-->")
COMMENT = re.compile(r"<!--.*?-->", re.S)
LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(\S+)", re.M)
AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
HREF = re.compile(r"""\bhref=["']([^"']+)["']""")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
LANG_IN_URL = re.compile(r"/(?:zh-cn|zh_cn|zh-hans|zh)(?=/)", re.I)  # docs.python.org/zh-cn/3/ -> /3/


def read(path: Path) -> str:
    """A page as Markdown: notebooks become their Markdown cells and fenced code cells."""
    if path.suffix != ".ipynb":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    parts = []
    for cell in cells:
        source = "".join(cell["source"])
        parts.append(source if cell["cell_type"] == "markdown" else f"```python\n{source}\n```")
    return "\n\n".join(parts) + "\n"


@dataclass
class Structure:
    heading_ids: list[str] = field(default_factory=list)  # levels 2-6, in order
    heading_levels: list[int] = field(default_factory=list)  # every heading's level, in order
    without_id: list[str] = field(default_factory=list)  # headings (levels 2-6) lacking `{ #id }`
    includes: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # sorted: word order differs between languages


def _outside_code(markdown: str) -> tuple[list[str], list[str]]:
    """(lines outside fenced code blocks, lines inside them)."""
    text_lines, code_lines = [], []
    fence: str | None = None
    for line in markdown.splitlines():
        found = FENCE.match(line)
        if fence is None and found:
            fence = found.group(2)[0] * len(found.group(2))
        elif fence is not None and line.strip().startswith(fence) and not line.strip().strip(fence[0]):
            fence = None
        elif fence is not None:
            code_lines.append(line)
        else:
            text_lines.append(line)
    return text_lines, code_lines


def _front_matter_removed(markdown: str) -> str:
    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            return markdown[end + 5 :]
    return markdown


def structure(markdown: str) -> Structure:
    found = Structure()
    text_lines, code_lines = _outside_code(_front_matter_removed(markdown))
    found.includes = [m.group(1) for line in code_lines for m in INCLUDE.finditer(line)]
    text = "\n".join(text_lines)
    found.markers = sorted(" ".join(m.group(1).split()) for m in MARKER.finditer(text))
    text = COMMENT.sub("", text)
    for line in text.splitlines():
        heading = HEADING.match(line)
        if heading:
            found.heading_levels.append(len(heading.group(1)))
        if heading and len(heading.group(1)) >= 2:
            attrs = heading.group(3) or ""
            explicit = re.search(r"#([\w-]+)", attrs)
            if explicit:
                found.heading_ids.append(explicit.group(1))
            else:
                found.without_id.append(line.strip())
    urls = [m.group(3) for m in LINK.finditer(text) if not m.group(1)]
    urls += REF_DEF.findall(text) + AUTOLINK.findall(text) + HREF.findall(text)
    found.links = sorted(_normalized(u) for u in urls)
    return found


def compare(en: Structure, zh: Structure, notebook: bool = False) -> list[str]:
    """What differs between the two languages of a page. Notebooks are rendered without attribute
    lists, so their headings cannot carry ids: there the heading levels must match instead."""
    problems = []
    if notebook:
        if en.heading_levels != zh.heading_levels:
            problems.append(f"heading levels differ: en {en.heading_levels}, zh {zh.heading_levels}")
    else:
        for lang, s in (("en", en), ("zh", zh)):
            problems += [f"{lang}: heading without an id ({{ #id }}): {h}" for h in s.without_id]
        if en.heading_ids != zh.heading_ids:
            problems.append(f"heading ids differ: en {en.heading_ids}, zh {zh.heading_ids}")
    for name in ("includes", "markers", "links"):
        if getattr(en, name) != getattr(zh, name):
            problems.append(f"{name} differ: en {getattr(en, name)}, zh {getattr(zh, name)}")
    return problems


def table_cells(markdown: str) -> list[str]:
    """The cells of the tables written in a page (headers and row labels use the glossary strictly)."""
    text_lines, _ = _outside_code(_front_matter_removed(markdown))
    rows = [line.strip() for line in text_lines if line.strip().startswith("|")]
    return [_plain(cell) for row in rows for cell in row.strip("|").split("|") if cell.strip(" :-")]


def _normalized(url: str) -> str:
    return LANG_IN_URL.sub("", url) if re.match(r"^https?://", url) else url


def prose(markdown: str) -> list[str]:
    """The paragraphs, headings, list items and table cells a reader reads, as plain text. Inline code
    becomes `CODE_MARK`, so checks can see where code sits without reading it as prose."""
    text_lines, _ = _outside_code(_front_matter_removed(markdown))
    # An inline timing marker becomes a number on the page: read it as one, so "用了 <marker>，" is fine.
    text = MARKER.sub(lambda m: "0" if len(m.group(1).split()) == 3 else "", "\n".join(text_lines))
    text = COMMENT.sub("", text)
    blocks: list[list[str]] = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        if not line or re.fullmatch(r"\|?[\s:|-]+\|?", line):  # blank, or a table's alignment row
            blocks.append([])
            continue
        heading = HEADING.match(line)
        starts_item = re.match(r"^([-*+]|\d+[.)])\s+", line)
        if heading or starts_item or line.startswith(("|", "!!!", "???", ":::")):
            blocks.append([])
        if heading:
            line = heading.group(2)
        line = re.sub(r"^([-*+]|\d+[.)])\s+", "", line)
        line = re.sub(r"^[!?]{3}\+?\s*\w+(\s+\"(.*)\")?.*$", r"\2", line)  # admonition: its title
        if line.startswith("|"):  # a table row: each cell is read on its own
            blocks.extend([cell.strip()] for cell in line.strip("|").split("|"))
            blocks.append([])
            continue
        blocks[-1].append(line)
    return [p for p in (_plain(" ".join(b)) for b in blocks if b) if p.strip()]


CODE_MARK = "\x00"


def _plain(text: str) -> str:
    text = INLINE_CODE.sub(CODE_MARK, text)
    text = LINK.sub(lambda m: "" if m.group(1) else m.group(2), text)
    text = AUTOLINK.sub("", text)
    text = re.sub(r"<[^>]+>", "", text)  # HTML tags
    text = re.sub(r"\{\s*[:.#][^}]*\}", "", text)  # attribute lists
    # "**结论。** 正文": the space is `bold_lead_ins`' to report, not a gap between two sentences.
    text = re.sub(r"([\u3000-\u303f\uff00-\uffef])\*\*\s+", r"\1", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)", "", text)  # *emphasis*
    return " ".join(text.split())


def cjk_share(paragraph: str) -> tuple[int, float]:
    """(letters + Chinese characters, share of Chinese characters among them)."""
    cjk = len(re.findall(f"[{CJK}]", paragraph))
    latin = len(re.findall(r"[A-Za-z]", paragraph))
    size = cjk + latin
    return size, (cjk / size if size else 0.0)


def untranslated(paragraphs: list[str]) -> list[str]:
    """Paragraphs of a Chinese page that read as English."""
    found = []
    for p in paragraphs:
        size, share = cjk_share(p)
        if size >= MIN_PARAGRAPH and share < MIN_CJK_SHARE:
            found.append(f"{share:.0%} Chinese: {_shown(p)}")
    return found


def not_english(paragraphs: list[str]) -> list[str]:
    """Paragraphs of an English page with Chinese in them."""
    return [
        _shown(p)
        for p in paragraphs
        if cjk_share(p)[0] >= MIN_PARAGRAPH and cjk_share(p)[1] > MAX_CJK_SHARE_EN
    ]


def wrong_terms(paragraphs: list[str], table: bool = False) -> list[str]:
    """Other translations of glossary terms (and, in tables, of the serial baseline), calques of
    English cost and judgement words, and a precise threshold written vaguely."""
    found = []
    patterns = [(w, t.zh[0]) for t in TERMS for w in t.wrong] + [
        (w, "串行（基线）") for w in TABLE_WRONG if table
    ]
    patterns += [*CALQUES, VAGUE_AMOUNT]
    for p in paragraphs:
        for wrong, right in patterns:
            for m in re.finditer(wrong, p):
                found.append(f"{m.group(0)!r} instead of {right!r}: {_shown(p)}")
    return found


def missing_terms(en_paragraphs: list[str], zh_paragraphs: list[str]) -> list[str]:
    """Glossary terms the English page uses whose Chinese term the Chinese page never uses."""
    en, zh = " ".join(en_paragraphs), " ".join(zh_paragraphs)
    found = []
    for term in TERMS:
        if term.en in EN_TERM_SKIP:
            continue
        used = re.search(term.en, en, re.I)
        if used and not any(z in zh for z in term.zh):
            found.append(
                f"the English page says {used.group(0)!r}; the Chinese page never says {term.zh[0]!r}"
            )
    return found


def mention_rules(paragraphs: list[str]) -> list[str]:
    """The glossary's first-use rules over a whole page: a word explained at its first use
    (`FIRST_MENTION`), a gloss written once, not at every mention (`ONCE_PER_PAGE`)."""
    text = "\n".join(paragraphs)
    found = []
    for word, explained in FIRST_MENTION:
        first = text.find(word)
        if first != -1 and not any(
            m.start() <= first < m.end() for m in re.finditer(re.escape(explained), text)
        ):
            found.append(
                f"first use of {word!r} without its explanation {explained!r}: {_around(text, first)}"
            )
    for gloss in ONCE_PER_PAGE:
        count = text.count(gloss)
        if count > 1:
            found.append(f"{gloss!r} written {count} times: only at the first mention on a page")
    return found


def clock_mixups(markdown: str) -> list[str]:
    """墙钟时间 in a paragraph or table row about the system clock (`SYSTEM_CLOCK`). Read with the
    inline code kept, since the code (`datetime.now()`) is what names the clock."""
    names_clock, word = SYSTEM_CLOCK
    text_lines, _ = _outside_code(_front_matter_removed(markdown))
    blocks: list[list[str]] = [[]]
    for line in COMMENT.sub("", "\n".join(text_lines)).splitlines():
        if not line.strip() or line.lstrip().startswith("|"):
            blocks.append([])
        blocks[-1].append(line.strip())
        if line.lstrip().startswith("|"):
            blocks.append([])
    return [
        f"{word!r} for the system clock, write '系统时钟': {_shown(' '.join(b))}"
        for b in blocks
        if word in " ".join(b) and re.search(names_clock, " ".join(b))
    ]


def _around(text: str, at: int) -> str:
    return _shown(text[max(0, at - 30) : at + 40].replace("\n", " "))


ZH_PUNCT = "，。、；：！？（）《》「」『』“”…—"
TYPOGRAPHY = (
    (
        re.compile(f"[{CJK}{ZH_PUNCT}]\\s+[{CJK}{ZH_PUNCT}]"),
        "no space (nor line break) between Chinese characters",
    ),
    (
        re.compile(f"[{CJK}][A-Za-z0-9{CODE_MARK}]|[A-Za-z0-9{CODE_MARK}][{CJK}]"),
        "a space between Chinese and Latin/digits/code",
    ),
    (
        re.compile(f"[{CJK}][,;:!?()]|[,;:!?()][{CJK}]|[{CJK}]\\.(\\s|$)"),
        "full-width punctuation in a Chinese sentence",
    ),
)


def typography(paragraphs: list[str]) -> list[str]:
    """The glossary's typography: `使用 4 个进程` (spaced), full-width punctuation around Chinese, and
    no gap between Chinese characters: a line break inside a Chinese paragraph shows as a space."""
    found = []
    for p in paragraphs:
        for pattern, rule in TYPOGRAPHY:
            for m in pattern.finditer(p):
                found.append(f"{rule}: {m.group(0).replace(CODE_MARK, '`code`')!r} in {_shown(p)}")
    return found


CLOSING_PUNCT = "，。、；：！？）》」』”"
BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*(\s*)(\S?)", re.S)


def bold_lead_ins(markdown: str, notebook: bool = False) -> list[str]:
    """A bold lead-in that ends in Chinese punctuation runs straight into the text after it:
    "**结论。**正文", never "**结论。** 正文" (the space shows). Python-Markdown, which renders the
    pages, closes the bold there; CommonMark renderers do not when a letter follows (mistune, which
    renders the notebooks, and Jupyter print "**结论。**正文" as is), so a notebook puts the stop after
    the bold: "**结论**。正文"."""
    text_lines, _ = _outside_code(_front_matter_removed(markdown))
    text = INLINE_CODE.sub(CODE_MARK, COMMENT.sub("", "\n".join(text_lines)))
    found = []
    for m in BOLD.finditer(text):
        bold, space, after = m.groups()
        if not bold.endswith(tuple(CLOSING_PUNCT)) or not after:
            continue
        shown = _shown(m.group(0) + text[m.end() : m.end() + 20]).replace("\n", " ")
        if space:
            found.append(f"no space after bold that ends in {bold[-1]!r}: {shown}")
        elif notebook and re.match(r"\w", after):
            found.append(f"a notebook renders this bold as '**': write '**…**{bold[-1]}' instead: {shown}")
    return found


def _shown(paragraph: str) -> str:
    text = paragraph.replace(CODE_MARK, "`…`")
    return text if len(text) <= 90 else text[:87] + "..."
