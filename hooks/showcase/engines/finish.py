"""``finish``: the work on the built HTML that must be the same whatever engine rendered it.

- Chinese typography on every page (showcase.pages.typography): a number keeps its unit, a brand name
  never breaks, one date form;
- stylesheets served without their explanatory comments, no engine source maps in public, and the
  search index written as UTF-8 text;
- with the site's address: the Atom feed and the sitemap, from the core's model of the site
  (the same posts and pages the engine was given); without one, neither.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote, urljoin
from xml.sax.saxutils import escape

from showcase.engines.engine_input import SiteInput, page_urls
from showcase.news.feed import FEED_FILE, atom_feed
from showcase.pages.stylesheets import without_comments
from showcase.pages.typography import keep_together
from showcase.settings import Settings

SITEMAP = "sitemap.xml"
# The engines' search indexes (Material's, Zensical's): JSON with Chinese escaped as \uXXXX.
SEARCH_INDEXES = ("search/search_index.json", "search.json")
# The same index as a script, for the offline copy (Material's offline plugin: "var __index = {…}").
OFFLINE_INDEX, OFFLINE_INDEX_PREFIX = "search/search_index.js", "var __index = "


def finish_page(html: str, names: tuple[str, ...]) -> str:
    """One page's HTML with the typography pass applied."""
    return keep_together(html, names)


def finish_pages(site_dir: Path, names: tuple[str, ...]) -> int:
    """The typography pass on every HTML page of ``site_dir``; how many pages it read."""
    pages = 0
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        finished = finish_page(html, names)
        if finished != html:
            path.write_text(finished, encoding="utf-8")
        pages += 1
    return pages


def finish_site(site_dir: Path, site: SiteInput, settings: Settings, *, site_url: str | None) -> None:
    """Everything after the pages: stylesheets, source maps, feed and sitemap."""
    for sheet in site.unbundled_stylesheets:
        path = site_dir / sheet
        if path.suffix == ".css" and path.is_file():
            path.write_text(without_comments(path.read_text(encoding="utf-8")), encoding="utf-8")
    if not settings.preview:
        # The theme's source maps are for debugging the theme; their comments quote localhost.
        for source_map in (site_dir / "assets").rglob("*.map"):
            source_map.unlink()
    for index in SEARCH_INDEXES:
        path = site_dir / index
        if path.is_file():
            path.write_text(as_utf8_json(path.read_text(encoding="utf-8")), encoding="utf-8")
    script = site_dir / OFFLINE_INDEX
    if script.is_file() and (text := script.read_text(encoding="utf-8")).startswith(OFFLINE_INDEX_PREFIX):
        script.write_text(OFFLINE_INDEX_PREFIX + as_utf8_json(text.removeprefix(OFFLINE_INDEX_PREFIX)), encoding="utf-8")
    for name in (SITEMAP, SITEMAP + ".gz", FEED_FILE):
        (site_dir / name).unlink(missing_ok=True)
    if not site_url:
        return  # without the site's address there is nothing absolute to point to
    (site_dir / FEED_FILE).write_text(
        atom_feed(title=site.feed_title, subtitle=site.feed_subtitle, site_url=site_url, entries=site.feed), encoding="utf-8"
    )
    sitemap = sitemap_xml(site_url, page_urls(site, settings), settings.build_date)
    (site_dir / SITEMAP).write_text(sitemap, encoding="utf-8")
    # The gzip header's time is the build's day too: the same input gives the same bytes.
    stamp = int(dt.datetime.combine(settings.build_date, dt.time(), dt.timezone.utc).timestamp())
    (site_dir / (SITEMAP + ".gz")).write_bytes(gzip.compress(sitemap.encode("utf-8"), mtime=stamp))


def as_utf8_json(text: str) -> str:
    """The same JSON with its Chinese as UTF-8 characters rather than ``\\u6cd5`` escapes: half the bytes."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


def sitemap_xml(site_url: str, page_urls: Iterable[str], build_date: dt.date) -> str:
    """A sitemap of these pages (relative URLs such as ``brands/x/``), in address order, dated by the build."""
    entries = "".join(
        f"    <url>\n         <loc>{escape(urljoin(site_url, quote(url)))}</loc>\n"
        f"         <lastmod>{build_date.isoformat()}</lastmod>\n    </url>\n"
        for url in sorted(set(page_urls))
    )
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n")
