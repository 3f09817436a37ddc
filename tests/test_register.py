"""The public pages read as the court's own publication: what a program can see of the register.

Every public page of the real build is read as its reader meets it. Headings that ask or explain
how, coined labels, spoken phrases, fields in place of sentences, sentences about the site, a second
form of one name, a number spaced from its measure word, a sentence said twice on a page, a lead
shared by two pages, a nomination under a 荣誉 heading, and invisible characters each fail, page by
page. The lists live in one data file, tests/register.yml, which the editors extend (README says where).
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from page_text import html_pages

# The tests that read the build get the `build` marker from their fixture (built_site, conftest.py);
# the last one checks the checks and runs in the fast lane.

RULES = yaml.safe_load((Path(__file__).with_name("register.yml")).read_text(encoding="utf-8"))
INVISIBLE = {chr(int(code.split("+")[1], 16)): code for code in RULES["invisible_characters"]}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th", "figcaption", "blockquote",
          "div", "section", "table", "tr", "ul", "ol", "br", "details", "summary", "nav", "article"}
PROSE = {"p", "li", "dd", "blockquote", "figcaption"}
SKIPPED = {"script", "style", "svg", "code", "pre", "kbd"}
VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}


class Article(HTMLParser):
    """The article of a page as blocks of text: headings, prose blocks, and its lead."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.prose: list[str] = []  # one entry per paragraph or list item (nested items on their own)
        self.in_order: list[tuple[str, str]] = []  # (tag, text) of headings and prose, as they come
        self._marked_lead: str | None = None  # <p class="sc-lead">
        self._first_paragraph: str | None = None  # the first <p> after the title
        self._stack: list[tuple[str, str]] = []  # (tag, "marked" / "first" / "")
        self._skip = 0
        self._buffers: list[list[str]] = []
        self._seen_h1 = False

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        role = ""
        if tag == "p" and "sc-lead" in classes and self._marked_lead is None:
            role = "marked"
        elif tag == "p" and self._seen_h1 and self._first_paragraph is None:
            role = "first"
        self._stack.append((tag, role))
        if tag in SKIPPED:
            self._skip += 1
        if tag in PROSE or tag.startswith("h") and tag[1:].isdigit():
            self._buffers.append([])

    def handle_endtag(self, tag):
        if tag in VOID or not self._stack:
            return
        while self._stack:
            open_tag, role = self._stack.pop()
            if open_tag in SKIPPED:
                self._skip -= 1
            if open_tag in PROSE or open_tag.startswith("h") and open_tag[1:].isdigit():
                text = " ".join("".join(self._buffers.pop()).split())
                self.in_order.append((open_tag, text))
                if open_tag in PROSE:
                    self.prose.append(text)
                else:
                    self.headings.append(text)
                    self._seen_h1 = self._seen_h1 or open_tag == "h1"
                if role == "marked":
                    self._marked_lead = text
                elif role == "first":
                    self._first_paragraph = text
            if open_tag == tag:
                break

    @property
    def lead(self) -> str | None:
        """The paragraph that introduces the page: the one marked as its lead, or the first after its title."""
        return self._marked_lead or self._first_paragraph or None

    def handle_data(self, data):
        if not self._skip and self._buffers:
            self._buffers[-1].append(data)


def article_of(page: Path) -> Article:
    """The page's content column (the article, or a news list's excerpts), without nav, contents and footer."""
    source = page.read_text(encoding="utf-8")
    match = re.search(r'<div class="md-content[ "][^>]*>(.*?)<footer class="md-footer', source, re.S)
    assert match, f"no content column in {page}"
    parser = Article()
    parser.feed(match.group(1))
    parser.close()
    return parser


BLOCK_TAG = re.compile(rf"</?(?:{'|'.join(sorted(BLOCKS))})\b[^>]*>")


def text_of(page: Path) -> str:
    """All the page's visible text (nav and footer included), without scripts, styles and markup.
    Block boundaries become line breaks; inline tags (the spans that keep a name whole) vanish."""
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", BLOCK_TAG.sub("\n", source)))


# A number and its measure word with a space between ("6 个", "20 多次"); "6. 天平向党" is a numbered heading.
SPACED = re.compile(rf"\d+(?:[.,]\d+)*[ \t\u00a0\u3000]+(?:多\s*)?[{RULES['measure_words']}]")


def sentences(block: str) -> list[str]:
    return [s.strip(" ：:，,") for s in re.split(r"[。！？；!?]", block) if s.strip()]


def length(sentence: str) -> int:
    return len(re.sub(r"\s", "", sentence))


def _name(site: Path, page: Path) -> str:
    return page.relative_to(site).as_posix()


def _is_listed(name: str, listed: list[str]) -> bool:
    return any(name == entry or (entry.endswith("/") and name.startswith(entry)) for entry in listed)


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Path]:
    found = {_name(built_site, page): page for page in html_pages(built_site)}
    assert "index.html" in found and "brands/fayao-xunzhou/index.html" in found
    return found


def test_no_heading_is_a_question_or_a_how_to(pages):
    wrong = [(name, heading, word) for name, page in pages.items() for heading in article_of(page).headings
             for word in RULES["question_headings"] if word in heading]
    assert not wrong, "标题写成了问句或“怎么做”（见 tests/register.yml 的 question_headings）：" + repr(wrong)


@pytest.mark.parametrize("kind", ["coined_labels", "spoken_phrases", "field_labels", "about_the_site"])
def test_no_coined_label_spoken_phrase_field_or_talk_about_the_site(pages, kind):
    exempt = RULES["pages_about_the_site"] if kind in ("about_the_site", "spoken_phrases") else []
    wrong = []
    for name, page in pages.items():
        if _is_listed(name, exempt):
            continue
        parsed = article_of(page)
        text = "\n".join(parsed.headings + parsed.prose)
        wrong += [(name, word) for word in RULES[kind] if word in text]
    assert not wrong, f"tests/register.yml 的 {kind} 里的说法出现在公开页面上：{wrong}"


def test_one_thing_has_one_form(pages):
    wrong = []
    for name, page in pages.items():
        text = text_of(page)
        for rule in RULES["one_form"]:
            shown = text
            for allowed in rule.get("allowed_in", []):
                shown = shown.replace(allowed, "")
            if rule["wrong"] in shown:
                wrong.append((name, rule["wrong"], "应写作 " + rule["right"]))
    assert not wrong, f"同一事物的另一种写法（tests/register.yml 的 one_form）：{wrong}"


def test_no_number_is_spaced_from_its_measure_word(pages):
    wrong = [(name, match.group(0)) for name, page in pages.items() for match in SPACED.finditer(text_of(page))]
    assert not wrong, f"数字和量词之间有空格（应写 6个）：{wrong}"


def test_no_sentence_is_said_twice_on_a_page(pages):
    minimum = RULES["repeated_sentence_length"]
    wrong = {}
    for name, page in pages.items():
        counted = Counter(s for block in article_of(page).prose for s in sentences(block) if length(s) >= minimum)
        repeated = [s for s, times in counted.items() if times > 1]
        if repeated:
            wrong[name] = repeated
    assert not wrong, f"同一页面里重复出现的句子（{minimum}字以上）：{wrong}"


def test_no_two_pages_share_a_lead(pages):
    by_lead = defaultdict(list)
    for name, page in pages.items():
        lead = article_of(page).lead
        if lead and not _is_listed(name, RULES["news_lists"]):
            by_lead[lead].append(name)
    shared = {lead: names for lead, names in by_lead.items() if len(names) > 1}
    assert not shared, f"几个页面共用同一段导语：{shared}"


def test_a_nomination_sits_under_no_section_heading_that_says_honour(pages):
    """推荐参选 is no honour: the section (h2, h3) that tells of it never says 荣誉."""
    wrong = []
    for name, page in pages.items():
        section = ""
        for tag, text in article_of(page).in_order:
            if tag in ("h2", "h3"):
                section = text
            elif RULES["nomination"] in text and RULES["honour"] in section:
                wrong.append((name, section, text[:40]))
    assert not wrong, f"推荐参选的事项放在了写着“荣誉”的标题下：{wrong}"


def test_no_invisible_character_in_titles_nav_or_search_index(built_site: Path, pages):
    files = [*pages.items(), ("search/search_index.json", built_site / "search" / "search_index.json")]
    separator = chr(int(RULES["search_word_separator"].split("+")[1], 16))
    wrong = defaultdict(set)
    for name, path in files:
        text = path.read_text(encoding="utf-8")
        if name.startswith("search/"):
            text = text.replace(separator, "")  # the search's own word boundaries (mkdocs.yml), never shown
        for char, code in INVISIBLE.items():
            if char in text:
                wrong[name].add(code)
    assert not wrong, f"看不见的字符（tests/register.yml 的 invisible_characters）：{dict(wrong)}"


def test_the_checks_see_what_they_look_for():
    """The parser finds headings, prose and the lead, and each check fires on a sample of its kind."""
    parser = Article()
    parser.feed('<h1>工作体系</h1><p class="sc-lead">导语。</p><h2>班子怎么搭</h2><ul><li>主讲人：某某。<ul><li>内层。</li></ul></li></ul>'
                "<svg><text>图中的字</text></svg><p>两句相同的话在这里出现。两句相同的话在这里出现。</p>")
    assert parser.headings == ["工作体系", "班子怎么搭"] and parser.lead == "导语。"
    assert "内层。" in parser.prose and "主讲人：某某。" in parser.prose
    assert not any("图中的字" in block for block in parser.prose)
    assert any(word in "班子怎么搭" for word in RULES["question_headings"])
    assert sentences(parser.prose[-1]) == ["两句相同的话在这里出现"] * 2
    assert SPACED.search("下设 6 个子品牌") and SPACED.search("20 多次")
    assert not SPACED.search("下设6个子品牌") and not SPACED.search("6. 天平向党·诉服先锋")
