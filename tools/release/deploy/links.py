"""The link check of a built site: every internal href/src and #anchor must lead somewhere."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that name another resource. href on any element covers <a>, <link>, <area> and
# SVG's <a>/<use>/<image>; <object data> is the one element-specific case.
_URL_ATTRIBUTES = {"src", "href", "xlink:href", "poster"}
_SRCSET = {"srcset", "imagesrcset"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif (name in _URL_ATTRIBUTES and tag != "base") or (name == "data" and tag == "object"):
                self.urls.append((self.getpos()[0], value))
            elif name in _SRCSET:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((self.getpos()[0], candidate.split()[0]))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def site_base_path(site_dir: Path) -> str:
    """The URL path the site lives under ("/" or e.g. "/fayao/"), from the home page's sitemap entry.

    MkDocs writes root-relative URLs only in 404.html, which must work at any depth; they start
    with this path.
    """
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
        if locs:
            path = urlsplit(min(locs, key=len).strip()).path or "/"
            return path if path.endswith("/") else path + "/"
    return "/"


def check_links(site_dir: Path, base_path: str | None = None) -> list[str]:
    """Every internal link and anchor of the built site that leads nowhere, as Chinese messages.

    External URLs (anything with a scheme or host: http(s), mailto, tel, data…) are not checked.
    Paths are percent-decoded; a URL naming a folder means that folder's index.html; a fragment
    must be an ``id`` (or ``<a name>``) on the target page.
    """
    site_dir = Path(site_dir)
    base = base_path if base_path is not None else site_base_path(site_dir)
    pages = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}
    parsed: dict[str, _PageParser] = {}

    def page_info(rel: str) -> _PageParser:
        if rel not in parsed:
            parsed[rel] = _parse(site_dir / rel)
        return parsed[rel]

    problems = []
    for rel in pages:
        for line, url in page_info(rel).urls:
            message = _check_one(site_dir, base, rel, url.strip(), page_info)
            if message:
                problems.append(f"{rel} 第 {line} 行：链接 {url} {message}")
    return problems


def _check_one(site_dir: Path, base: str, page: str, url: str, page_info) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None  # external (http, https, mailto, tel, data…); javascript: is refused by the CSP check
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        target = page
    else:
        if path.startswith("/"):
            if not path.startswith(base) and path + "/" != base:
                return f"在网站所在的路径 {base} 之外"
            resolved = posixpath.normpath("/" + path[len(base) :])
        else:
            resolved = posixpath.normpath(posixpath.join("/" + posixpath.dirname(page), path))
        target = resolved.lstrip("/")
        file = site_dir / target if target else site_dir
        if path.endswith("/") or file.is_dir():
            target = posixpath.join(target, "index.html") if target else "index.html"
        if not (site_dir / target).is_file():
            return f"指向的 {target} 不存在"
    if fragment and target.endswith(".html") and not _fragment_ok(fragment, page_info(target).ids):
        return f"的锚点 #{fragment} 在 {target} 里不存在"
    return None


def _fragment_ok(fragment: str, ids: set[str]) -> bool:
    # "#top" scrolls to the top of any page; "#:~:text=…" is a text fragment, not an id.
    return fragment in ids or fragment.lower() == "top" or fragment.startswith(":~:")


def source_hint(project: Path, page: str) -> str:
    """Which file under docs/ a built page comes from, if it is a hand-written one."""
    stem = page.removesuffix("index.html").rstrip("/")
    for candidate in [f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]:
        if (project / "docs" / candidate).is_file():
            return f"（来自 docs/{candidate}）"
    return "（由 data/ 里的资料生成）" if not stem.startswith("news/") else ""
