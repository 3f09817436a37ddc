"""An Atom feed of the news posts, built from plain values so that it is the same on every build.

Dates come from the posts, never from the clock, and every text is escaped by the XML writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"
FEED_FILE = "feed.xml"
BEIJING = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str  # relative to the site root, e.g. news/2023/12/27/brand-report/
    published: dt.date
    summary: str = ""
    # The time of day, when the post's front matter gives one (date: 2023-12-27 17:49:27+08:00).
    published_at: dt.datetime | None = None
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


def post_date(meta_date: object) -> dt.date | None:
    """A post's date from its front matter: ``date: 2023-12-27`` or ``date: {created: …}``."""
    if isinstance(meta_date, dict):
        meta_date = meta_date.get("created")
    if isinstance(meta_date, dt.datetime):
        return meta_date.date()
    if isinstance(meta_date, dt.date):
        return meta_date
    if isinstance(meta_date, str):
        try:
            return dt.date.fromisoformat(meta_date[:10])
        except ValueError:
            return None
    return None


def post_time(meta_date: object) -> dt.datetime | None:
    """The post's moment, only when its front matter gives a time of day; naive times are Beijing time."""
    if isinstance(meta_date, dict):
        meta_date = meta_date.get("created")
    if isinstance(meta_date, str):
        try:
            meta_date = dt.datetime.fromisoformat(meta_date) if len(meta_date) > 10 else None
        except ValueError:
            return None
    if isinstance(meta_date, dt.datetime):
        return meta_date if meta_date.tzinfo else meta_date.replace(tzinfo=BEIJING)
    return None


def atom_feed(*, title: str, subtitle: str, site_url: str, entries: list[FeedEntry], language: str = "zh-CN") -> str:
    """The Atom document, newest post first. ``site_url`` must be absolute."""
    if not site_url.endswith("/"):
        site_url += "/"
    ordered = sorted(entries, key=lambda e: (e.published, e.url), reverse=True)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})
    _text(root, "id", site_url)
    _text(root, "title", title)
    _text(root, "subtitle", subtitle)
    _text(root, "updated", _timestamp(ordered[0]) if ordered else "1970-01-01T00:00:00Z")
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "self", "href": urljoin(site_url, FEED_FILE)})
    ET.SubElement(root, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": site_url})
    for entry in ordered:
        node = ET.SubElement(root, f"{{{ATOM}}}entry")
        url = urljoin(site_url, entry.url)
        _text(node, "id", url)
        _text(node, "title", entry.title)
        ET.SubElement(node, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": url})
        _text(node, "published", _timestamp(entry))
        _text(node, "updated", _timestamp(entry))
        for name in entry.authors or [title]:
            _text(ET.SubElement(node, f"{{{ATOM}}}author"), "name", name)
        for category in entry.categories:
            ET.SubElement(node, f"{{{ATOM}}}category", {"term": category})
        if entry.summary:
            _text(node, "summary", entry.summary)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    node.text = text
    return node


def _timestamp(entry: FeedEntry) -> str:
    """The post's own time; for a post dated by day only, the start of that day in Beijing
    (Atom needs a time; no time of day is made up for it)."""
    if entry.published_at:
        return entry.published_at.isoformat()
    return dt.datetime.combine(entry.published, dt.time(0, 0), tzinfo=BEIJING).isoformat()
