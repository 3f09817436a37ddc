"""News: the blog built by Material, and the Atom feed that the hook writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest

from showcase.feed import FeedEntry, atom_feed, post_date
from site_text import main_text, visible_text

POST = "news/2023/12/27/brand-report/index.html"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2023, 12, 27), dt.date(2023, 12, 27)),
        (dt.datetime(2023, 12, 27, 17, 49), dt.date(2023, 12, 27)),
        ({"created": dt.date(2023, 12, 27)}, dt.date(2023, 12, 27)),
        ("2023-12-27", dt.date(2023, 12, 27)),
        ("去年", None),
        (None, None),
    ],
)
def test_post_date_reads_front_matter(value, expected):
    assert post_date(value) == expected


def test_feed_orders_newest_first_escapes_and_never_uses_the_clock():
    entries = [
        FeedEntry("旧 <b>消息</b> & 更多", "news/a/", dt.date(2023, 1, 2), authors=["甲"]),
        FeedEntry("新消息", "news/b/", dt.date(2024, 3, 4), categories=["品牌创建"]),
    ]
    first = atom_feed(title="标题", subtitle="副标题", site_url="https://court.example/", entries=entries)
    assert first == atom_feed(title="标题", subtitle="副标题", site_url="https://court.example/", entries=entries[::-1])
    parsed = feedparser.parse(first)
    assert not parsed.bozo
    assert [e.title for e in parsed.entries] == ["新消息", "旧 <b>消息</b> & 更多"]
    assert parsed.entries[0].link == "https://court.example/news/b/"
    assert parsed.feed.updated == "2024-03-04T09:00:00+08:00"
    ET.fromstring(first.encode())  # well-formed XML


@pytest.mark.build
def test_built_feed_is_accepted_by_a_feed_reader(built_site: Path):
    parsed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert parsed.feed.language == "zh-CN" if "language" in parsed.feed else True
    entry = parsed.entries[0]
    assert "桂平法院机关党委品牌创建工作纪实" in entry.title
    assert entry.published.startswith("2023-12-27")
    assert [a.name for a in entry.authors] == ["覃霄", "张晋铭"]
    assert entry.link.endswith("/news/2023/12/27/brand-report/")
    assert [t.term for t in entry.tags] == ["品牌创建"]


@pytest.mark.build
def test_pages_advertise_the_feed(built_site: Path):
    head = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in head and 'href="feed.xml"' in head


@pytest.mark.build
def test_first_post_is_dated_and_credits_its_authors(built_site: Path):
    source = (built_site / POST).read_text(encoding="utf-8")
    assert '<time datetime="2023-12-27' in source and "2023年12月27日" in visible_text(built_site / POST)
    body = main_text(built_site / POST)
    assert "覃霄" in body and "张晋铭" in body


@pytest.mark.build
def test_blog_has_categories_and_an_archive(built_site: Path):
    category = built_site / "news/category/品牌创建/index.html"
    archive = built_site / "news/archive/2023/index.html"
    for listing in (category, archive, built_site / "news/index.html"):
        text = visible_text(listing)
        assert "桂平法院机关党委品牌创建工作纪实" in text and "继续阅读" in text
