"""Page weight budgets on the built site: what each page makes a browser download, gzip-compressed.

Counted for a page (first visit, nothing cached), each file once, gzip level 6 as the production
nginx serves text (deploy/nginx.conf.template; images are counted as they are):

- the HTML; stylesheets (``link rel=stylesheet``, also ``preload``/``modulepreload``) and whatever
  their ``url(...)`` and ``@import`` load (fonts, images); scripts (``script src``); images
  (``img src``/``srcset``, ``source srcset``, lazy ones too) and the icon (``link rel=icon``);
- what Material fetches on every page right after it starts, not only when someone searches (seen
  in Lighthouse's network log): the search worker named in ``__config`` and the lunr language
  files that the worker imports for the search languages (``lunr.stemmer.support`` and
  ``lunr.zh`` here), and ``sitemap.xml`` once the page has any ``link rel=alternate`` (Material
  reads it for language alternates; the Atom feed link triggers it).

Not counted: ``search/search_index.json``, which the worker also fetches on every page. It grows
with the whole site's text, not with the page, so it has a budget of its own below.

Budgets: the home page at most 100 KB, any other page at most 150 KB (1 KB = 1,000 bytes); no
image over 200 KB; nothing render-blocking that could be deferred; no large inline CSS or JS
repeated on several pages instead of a cached file.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from page_text import html_pages

KB = 1000
HOME_BUDGET = 100 * KB
PAGE_BUDGET = 150 * KB
IMAGE_BUDGET = 200 * KB
SEARCH_INDEX_BUDGET = 150 * KB  # gzip; about 49 KB now
# An inline script in <head> blocks rendering while it runs: only tiny ones that must run before
# the first paint (Material's __md_scope helpers, the 阅读设置 font size) are allowed there.
HEAD_INLINE_MAX = 1024
# Inline CSS or JS above this size on more than one page should be a file, cached once.
INLINE_SHARED_MAX = 1024
# JSON config blocks (Material's __config) differ per page (base URL) and are data, not code.
JSON_BLOCK_MAX = 4 * KB

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico"}
FONT_SUFFIXES = {".woff", ".woff2", ".ttf", ".otf", ".eot"}
TEXT_SUFFIXES = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""")


class _PageParser(HTMLParser):
    """Resources a page loads, its inline blocks, and where its scripts sit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.images: list[str] = []
        self.alternates = 0
        self.inline: list[tuple[str, dict, str, bool]] = []  # (tag, attrs, content, in head)
        self.blocking_scripts: list[tuple[str, bool, bool]] = []  # (src, in head, after the page's content)
        self._in_head = False
        self._content_done = False  # past </main> and the footer
        self._footer_depth = 0
        self._block: tuple[str, dict, bool] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag == "footer":
            self._footer_depth += 1
        elif tag == "link" and a.get("href"):
            if "stylesheet" in rel or ("preload" in rel and a.get("as") == "style"):
                self.stylesheets.append(a["href"])
            elif "modulepreload" in rel or ("preload" in rel and a.get("as") == "script"):
                self.scripts.append(a["href"])
            elif "preload" in rel or "icon" in rel:  # images, fonts
                self.images.append(a["href"])
            elif "alternate" in rel:
                self.alternates += 1
        elif tag == "img":
            if a.get("src"):
                self.images.append(a["src"])
            self.images += _srcset(a.get("srcset", ""))
        elif tag == "source" and a.get("srcset"):
            self.images += _srcset(a["srcset"])
        if tag == "script":
            if a.get("src"):
                self.scripts.append(a["src"])
                if not ({"defer", "async"} & set(a) or a.get("type") == "module"):
                    self.blocking_scripts.append((a["src"], self._in_head, self._content_done))
            else:
                self._block, self._text = (tag, a, self._in_head), []
        elif tag == "style":
            self._block, self._text = (tag, a, self._in_head), []

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._block:
            block_tag, attrs, in_head = self._block
            self.inline.append((block_tag, attrs, "".join(self._text), in_head))
            self._block = None
        elif tag == "head":
            self._in_head = False
        elif tag == "footer":
            self._footer_depth -= 1
            if self._footer_depth == 0:
                self._content_done = True

    def handle_data(self, data):
        if self._block:
            self._text.append(data)


def _srcset(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.strip()]


@cache
def gzip_size(path: Path) -> int:
    data = path.read_bytes()
    if path.suffix.lower() in TEXT_SUFFIXES:
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


@dataclass
class Weight:
    page: Path
    files: dict[str, dict[Path, int]] = field(default_factory=lambda: defaultdict(dict))
    missing: list[str] = field(default_factory=list)

    def add(self, kind: str, path: Path) -> None:
        if not any(path in files for files in self.files.values()):
            self.files[kind][path] = gzip_size(path)

    def of(self, kind: str) -> int:
        return sum(self.files.get(kind, {}).values())

    @property
    def total(self) -> int:
        return sum(sum(files.values()) for files in self.files.values())

    def summary(self) -> str:
        parts = ", ".join(f"{kind} {self.of(kind) / KB:.1f}" for kind in ("html", "css", "js", "fonts", "images", "other")
                          if kind != "other" or self.of(kind))
        return f"{self.total / KB:.1f} KB ({parts})"


def _resolve(site: Path, base: Path, url: str) -> Path | None:
    """The file under ``site`` that ``url`` (relative to the file ``base``) names; None for other origins."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("data:"):
        return None
    path = unquote(parts.path)
    if not path:
        return None
    if path.startswith("/"):
        target = site / path.lstrip("/")
    else:
        target = Path(posixpath.normpath((base.parent / path).as_posix()))
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target


def _kind_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in FONT_SUFFIXES:
        return "fonts"
    if suffix in IMAGE_SUFFIXES:
        return "images"
    return {".css": "css", ".js": "js", ".mjs": "js"}.get(suffix, "other")


def _add_css(site: Path, css: Path, weight: Weight, seen: set[Path]) -> None:
    if css in seen:
        return
    seen.add(css)
    weight.add("css", css)
    text = css.read_text(encoding="utf-8", errors="replace")
    for match in CSS_URL.finditer(text):
        url = match.group(2) or match.group(4) or ""
        target = _resolve(site, css, url)
        if target is None:
            continue
        if not target.is_file():
            weight.missing.append(f"{url} (from {css.relative_to(site)})")
        elif target.suffix == ".css":
            _add_css(site, target, weight, seen)
        else:
            weight.add(_kind_of(target), target)


@cache
def _worker_scripts(site: Path, worker: Path) -> tuple[Path, ...]:
    """Material's search worker and the lunr files it imports for the search languages."""
    lunr = worker.parent.parent / "lunr"
    index = site / "search" / "search_index.json"
    languages = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"] if index.exists() else ["en"]
    files = []
    for lang in languages:
        if lang == "ja":
            files.append(lunr / "tinyseg.js")
        elif lang in ("hi", "th"):
            files.append(lunr / "wordcut.js")
        if lang != "en":
            files.append(lunr / "min" / f"lunr.{lang}.min.js")
    if len(languages) > 1:
        files.append(lunr / "min" / "lunr.multi.min.js")
    if files:
        files.insert(0, lunr / "min" / "lunr.stemmer.support.min.js")
    return (worker, *files)


def page_weight(site: Path, page: Path) -> tuple[Weight, _PageParser]:
    parsed = _PageParser()
    parsed.feed(page.read_text(encoding="utf-8"))
    weight = Weight(page)
    weight.add("html", page)
    seen: set[Path] = set()
    for kind, urls in (("css", parsed.stylesheets), ("js", parsed.scripts), ("images", parsed.images)):
        for url in urls:
            target = _resolve(site, page, url)
            if target is None:
                continue
            if not target.is_file():
                weight.missing.append(url)
            elif kind == "css" and target.suffix == ".css":
                _add_css(site, target, weight, seen)
            else:
                weight.add(_kind_of(target) if kind == "images" else kind, target)
    for tag, attrs, content, _ in parsed.inline:
        if attrs.get("id") == "__config":
            worker = _resolve(site, page, json.loads(content).get("search") or "")
            if worker:
                for path in _worker_scripts(site, worker):
                    weight.add("js", path) if path.is_file() else weight.missing.append(str(path))
    if parsed.alternates and (site / "sitemap.xml").is_file():
        weight.add("other", site / "sitemap.xml")
    return weight, parsed


@pytest.fixture(scope="module")
def weights(built_site: Path) -> dict[Path, tuple[Weight, _PageParser]]:
    return {page: page_weight(built_site, page) for page in html_pages(built_site)}


def _name(site: Path, page: Path) -> str:
    return "/" + page.relative_to(site).as_posix().removesuffix("index.html")


def test_every_page_is_within_its_budget(built_site, weights):
    over = []
    for page, (weight, _) in weights.items():
        budget = HOME_BUDGET if page == built_site / "index.html" else PAGE_BUDGET
        if weight.total > budget:
            over.append(f"{_name(built_site, page)}: {weight.summary()} > {budget / KB:.0f} KB")
    heaviest = sorted(weights.values(), key=lambda w: -w[0].total)[:5]
    listing = "\n".join(f"  {_name(built_site, w.page)}: {w.summary()}" for w, _ in heaviest)
    assert not over, "pages over their gzip budget:\n" + "\n".join(over) + "\nheaviest pages:\n" + listing


def test_the_home_page_stays_well_within_budget(built_site, weights):
    home, _ = weights[built_site / "index.html"]
    assert home.of("html") > 0 and home.of("css") > 0 and home.of("js") > 0, home.summary()
    assert home.total <= HOME_BUDGET, home.summary()


def test_every_loaded_file_exists(built_site, weights):
    missing = [f"{_name(built_site, p)}: {m}" for p, (w, _) in weights.items() for m in w.missing]
    assert not missing, "pages load files that are not in the site:\n" + "\n".join(missing)


def test_the_search_index_is_utf8_text_not_ascii_escapes(built_site):
    """showcase/engines/finish.py: half the bytes of ``\\u6cd5`` escapes, with the same meaning."""
    raw = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "法耀浔州" in raw.replace("\u200b", "") and "\u200b" in raw  # jieba's word boundaries, as characters
    assert not re.search(r"\\u[4-9][0-9a-f]{3}", raw)  # no escaped Chinese character (U+4E00–U+9FFF)
    titles = [doc["title"].replace("\u200b", "") for doc in json.loads(raw)["docs"]]
    assert "关于本站" in titles


def test_the_search_index_has_a_budget_of_its_own(built_site):
    index = built_site / "search" / "search_index.json"
    assert index.is_file()
    assert gzip_size(index) <= SEARCH_INDEX_BUDGET, f"search_index.json is {gzip_size(index) / KB:.0f} KB gzipped"


def test_no_image_is_over_200_kb(built_site):
    heavy = [
        f"{path.relative_to(built_site)}: {path.stat().st_size / KB:.0f} KB"
        for path in built_site.rglob("*")
        if path.suffix.lower() in IMAGE_SUFFIXES and path.is_file() and path.stat().st_size > IMAGE_BUDGET
    ]
    assert not heavy, "images over 200 KB (resize to at most 1600 px wide, save as 80 % JPG or WebP):\n" + "\n".join(heavy)


def test_no_script_blocks_rendering(built_site, weights):
    """Scripts from files come after the page's content (Material puts its own at the end of
    <body>) or carry defer/async/type=module; inline scripts in <head> stay tiny."""
    problems = []
    for page, (_, parsed) in weights.items():
        for src, in_head, after_content in parsed.blocking_scripts:
            if in_head or not after_content:
                problems.append(f"{_name(built_site, page)}: <script src={src}> blocks rendering: add defer "
                                "(extra_javascript: - path: …, defer: true) or load it at the end of <body>")
        for tag, attrs, content, in_head in parsed.inline:
            if tag == "script" and in_head and attrs.get("type", "text/javascript") in ("", "text/javascript", "module"):
                size = len(content.encode())
                if size > HEAD_INLINE_MAX:
                    problems.append(f"{_name(built_site, page)}: inline <script> of {size} bytes in <head>")
    assert not problems, "\n".join(problems)


def test_no_large_inline_css_or_js_is_repeated_across_pages(built_site, weights):
    """Inline CSS/JS over 1 KB on several pages would be downloaded again with every page: make it a
    file (extra_css, extra_javascript). Material's JSON config block is data and exempt, but small."""
    pages_of: dict[str, list[str]] = defaultdict(list)
    problems = []
    for page, (_, parsed) in weights.items():
        for tag, attrs, content, _ in parsed.inline:
            size = len(content.encode())
            if attrs.get("type") == "application/json" or attrs.get("type") == "application/ld+json":
                if size > JSON_BLOCK_MAX:
                    problems.append(f"{_name(built_site, page)}: JSON block {attrs.get('id', '')} of {size} bytes")
            elif size > INLINE_SHARED_MAX:
                # The same block, or one that only differs further on, e.g. by a page's own values.
                pages_of[f"<{tag}> {content.strip()[:60]!r}"].append(f"{_name(built_site, page)} ({size} bytes)")
    problems += [f"{block} on {len(pages)} pages: {', '.join(pages[:3])} …" for block, pages in pages_of.items()
                 if len(pages) > 1]
    assert not problems, "inline CSS/JS that should be a cached file:\n" + "\n".join(problems)
