"""News: the core's posts and lists (showcase.news.news_site), the Atom feed, and the checks of posts' front matter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest

from showcase.content.loader import load_catalog
from showcase.news.feed import FeedEntry, atom_feed, post_date, post_time
from showcase.news.news_site import PER_PAGE, list_pages, load_posts, post_page
from showcase.news.posts import check_news_posts
from showcase.content.problems import DataInvalid
from page_text import main_text, visible_text
from tools.harness import REPO, copy_project
from test_validation import line_of

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


def test_a_post_with_its_time_of_day_keeps_it_in_the_feed():
    moment = post_time("2023-12-27 17:49:27+08:00")
    assert moment == dt.datetime(2023, 12, 27, 17, 49, 27, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert post_time(dt.date(2023, 12, 27)) is None and post_time("2023-12-27") is None
    feed = atom_feed(title="t", subtitle="s", site_url="https://court.example/",
                     entries=[FeedEntry("x", "news/x/", moment.date(), published_at=moment)])
    assert feedparser.parse(feed).entries[0].published == "2023-12-27T17:49:27+08:00"


def write_post(folder: Path, name: str, front: str, body: str = "# 标题\n\n导语。\n\n<!-- more -->\n\n正文。\n") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"---\n{front}\n---\n\n{body}", encoding="utf-8")


def test_posts_keep_their_addresses_newest_first_and_drafts_only_in_the_preview(tmp_path):
    docs = tmp_path / "docs"
    posts = docs / "news/posts"
    write_post(posts, "a.md", "date: 2023-12-27\nslug: old\ncategories: [品牌创建]")
    write_post(posts, "b.md", 'date: "2024-03-04"\nslug: new')  # a quoted date is the same day
    write_post(posts, "c.md", "date: 2024-05-01\nslug: draft\ndraft: true")
    catalog = load_catalog(REPO / "data")
    public = load_posts(docs, catalog, include_drafts=False)
    assert [p.url for p in public] == ["news/2024/03/04/new/", "news/2023/12/27/old/"]
    assert public[1].excerpt == "导语。"
    assert [p.url for p in load_posts(docs, catalog, include_drafts=True)][0] == "news/2024/05/01/draft/"
    page = post_page(public[1])
    assert '<time datetime="2023-12-27">2023年12月27日</time>' in page and "00:00" not in page
    assert "[品牌创建](../../../category/品牌创建/index.md)" in page


def test_lists_are_paginated_by_year_and_by_category(tmp_path):
    posts = tmp_path / "docs/news/posts"
    for number in range(PER_PAGE + 2):
        write_post(posts, f"p{number:02d}.md", f"date: 2023-01-{number + 1:02d}\nslug: p{number:02d}\ncategories: [讲堂]")
    pages = list_pages(load_posts(tmp_path / "docs", load_catalog(REPO / "data"), include_drafts=False))
    assert {"news/index.md", "news/page/2.md", "news/archive/2023/index.md", "news/archive/2023/page/2.md",
            "news/category/讲堂/index.md", "news/category/讲堂/page/2.md"} == set(pages)
    first = pages["news/index.md"]
    assert first.index("(2023/01/12/p11.md)") < first.index("(2023/01/03/p02.md)")  # newest first
    assert "(2023/01/01/p00.md)" not in first and "(../2023/01/01/p00.md)" in pages["news/page/2.md"]
    assert "[第2页](page/2.md)" in first


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
    assert parsed.feed.updated == "2024-03-04T00:00:00+08:00"  # a day-only post: no time of day made up
    ET.fromstring(first.encode())  # well-formed XML


@pytest.mark.build
def test_built_feed_is_accepted_by_a_feed_reader(built_site: Path):
    parsed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    assert parsed.feed.language == "zh-CN" if "language" in parsed.feed else True
    entry = parsed.entries[0]
    assert "桂平法院机关党委品牌创建工作纪实" in entry.title
    assert entry.published == "2023-12-27T17:49:27+08:00"  # the report's own time, Beijing time
    assert [a.name for a in entry.authors] == ["桂平市人民法院"]  # the court's summary, not the report's byline
    assert entry.link.endswith("/news/2023/12/27/brand-report/")
    assert [t.term for t in entry.tags] == ["品牌创建"]


@pytest.mark.build
def test_pages_advertise_the_feed(built_site: Path):
    head = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in head and 'href="feed.xml"' in head


@pytest.mark.build
def test_first_post_is_dated_and_credits_the_report_as_its_source(built_site: Path):
    source = (built_site / POST).read_text(encoding="utf-8")
    assert '<time datetime="2023-12-27 17:49:27+08:00"' in source and "2023年12月27日" in visible_text(built_site / POST)
    assert "00:00:00" not in source
    body = main_text(built_site / POST)
    assert "来源：我院《党旗引领 法耀浔州——桂平法院机关党委品牌创建工作纪实》（覃霄、张晋铭撰稿" in body
    assert "md-author" not in source and "原文作者" not in body  # not bylined to the report's authors


@pytest.mark.build
def test_news_has_lists_by_category_and_by_year(built_site: Path):
    category = built_site / "news/category/品牌创建/index.html"
    archive = built_site / "news/archive/2023/index.html"
    for listing in (category, archive, built_site / "news/index.html"):
        text = visible_text(listing)
        assert "桂平法院机关党委品牌创建工作纪实" in text and "继续阅读" in text
        assert "2023年12月27日" in text and "相关品牌：党旗引领·法耀浔州" in text


# --------------------------------------------------------------------------- front matter checks

POST_SOURCE = "docs/news/posts/2023-12-27-brand-report.md"
POST_DATE = "date: 2023-12-27 17:49:27+08:00"


def post_problems(project: Path, severity: str = "error") -> list:
    return [p for p in check_news_posts(project / "docs") if p.severity == severity]


@pytest.mark.parametrize(
    ("old", "new", "field", "line_prefix", "expected"),
    [
        ("categories:", "catagories:", "catagories", "catagories:", "您是不是想写 categories？"),
        (POST_DATE, "date: 2023-02-30", "date", "date:", "不是真实存在的日期"),
        (POST_DATE, "date: 2023-12", "date", "date:", "新闻要写完整的年月日"),
        ("slug: brand-report", "authors:\n  - zhangjinmin\nslug: brand-report", "authors[1]", "  - zhangjinmin", "您是不是想写 zhangjinming？"),
        ("slug: brand-report", "slug: Brand Report", "slug", "slug:", "网址名“Brand Report”不合规"),
        ("categories:\n  - 品牌创建", "categories: 品牌创建", "categories", "categories:", "这里应填列表"),
    ],
)
def test_each_front_matter_mistake_names_file_line_and_field(tmp_path, old, new, field, line_prefix, expected):
    project = copy_project(tmp_path / "project")
    path = project / POST_SOURCE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = post_problems(project)
    assert [(p.file, p.line, p.field) for p in found] == [(POST_SOURCE, line_of(project / POST_SOURCE, line_prefix), field)]
    assert expected in found[0].message


def test_posts_without_front_matter_description_or_title_are_reported(tmp_path):
    project = copy_project(tmp_path / "project")
    posts = project / "docs/news/posts"
    (posts / "no-front-matter.md").write_text("# 标题\n\n正文\n", encoding="utf-8")
    (posts / "no-description.md").write_text("---\ndate: 2024-01-15\n---\n\n# 标题\n", encoding="utf-8")
    (posts / "no-title.md").write_text("---\ndate: 2024-01-15\ndescription: 摘要。\n---\n\n正文\n", encoding="utf-8")
    (posts / "broken-yaml.md").write_text("---\ndate: 2024-01-15\ndescription: [摘要\n---\n", encoding="utf-8")
    errors = {(p.file.rsplit("/", 1)[1], p.line, p.field): p.message for p in post_problems(project)}
    assert "缺少用两行 --- 包起来的信息" in errors[("no-front-matter.md", 1, None)]
    assert "缺少必填字段 description" in errors[("no-description.md", 2, "description")]
    assert any(name == "broken-yaml.md" and line in (3, 4) for name, line, _ in errors)
    assert len(errors) == 3
    warnings = post_problems(project, "warning")
    assert [(p.file.rsplit("/", 1)[1], p.severity) for p in warnings] == [("no-title.md", "warning")]
    assert "新闻没有标题" in warnings[0].message


def test_the_real_posts_pass_and_a_post_mistake_stops_make_check(tmp_path):
    assert check_news_posts(REPO / "docs") == []
    project = copy_project(tmp_path / "project")
    path = project / POST_SOURCE
    path.write_text(path.read_text(encoding="utf-8").replace(POST_DATE, 'date: "2023-02-30"'), encoding="utf-8")
    with pytest.raises(DataInvalid) as raised:
        load_catalog(project / "data", docs_dir=project / "docs")
    assert [p.field for p in raised.value.problems] == ["date"]
