"""Reading built HTML pages as a person sees them, for build tests."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path


class _Collector(HTMLParser):
    """Collects visible text and every URL that loads a resource."""

    RESOURCE_RELS = {"stylesheet", "icon", "shortcut icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
    RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.resources: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        if tag in self.RESOURCE_ATTRS and values.get(self.RESOURCE_ATTRS[tag]):
            self.resources.append(values[self.RESOURCE_ATTRS[tag]])
        if tag == "link" and values.get("href") and values.get("rel") in self.RESOURCE_RELS:
            self.resources.append(values["href"])
        if tag == "img" and values.get("srcset"):
            self.resources += [part.split()[0] for part in values["srcset"].split(",")]

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def read_page(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def visible_text(path: Path) -> str:
    """The page's text without markup, whitespace folded."""
    return " ".join("".join(read_page(path).text).split())


def main_text(path: Path) -> str:
    """Only the article of the page, without nav, header and footer."""
    source = path.read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', source, re.S)
    assert match, f"no article in {path}"
    collector = _Collector()
    collector.feed(match.group(1))
    return " ".join(html.unescape("".join(collector.text)).split())


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))
