"""Helpers of the tests: a built page read as a reader meets it (its text, its resources, its elements).

The project itself (copies, builds, a local server, Chromium) is ``tools/harness.py``, which the
tools share with the tests.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path


class PageText(HTMLParser):
    """A page as a reader meets it: its visible text, every URL that loads a resource, and every
    element as (tag, attributes, the text directly inside it)."""

    RESOURCE_RELS = {"stylesheet", "icon", "shortcut icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
    RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.resources: list[str] = []
        self.elements: list[tuple[str, dict, str]] = []
        self._open: list[int] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.elements.append((tag, values, ""))
        self._open.append(len(self.elements) - 1)
        if tag in ("script", "style"):
            self._skip += 1
        if tag in self.RESOURCE_ATTRS and values.get(self.RESOURCE_ATTRS[tag]):
            self.resources.append(values[self.RESOURCE_ATTRS[tag]])
        if tag == "link" and values.get("href") and values.get("rel") in self.RESOURCE_RELS:
            self.resources.append(values["href"])
        if tag == "img" and values.get("srcset"):
            self.resources += [part.split()[0] for part in values["srcset"].split(",")]

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._open:
            tag, attrs, text = self.elements[self._open[-1]]
            self.elements[self._open[-1]] = (tag, attrs, text + data)
        if not self._skip:
            self.text.append(data)


def read_page(path: Path) -> PageText:
    return text_of_html(path.read_text(encoding="utf-8"))


def text_of_html(source: str) -> PageText:
    parser = PageText()
    parser.feed(source)
    parser.close()
    return parser


def visible_text(path: Path) -> str:
    """The page's text without markup, whitespace folded."""
    return " ".join("".join(read_page(path).text).split())


def main_text(path: Path) -> str:
    """Only the article of the page, without nav, header and footer."""
    source = path.read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', source, re.S)
    assert match, f"no article in {path}"
    return " ".join(html.unescape("".join(text_of_html(match.group(1)).text)).split())


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
