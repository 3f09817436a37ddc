"""The news section, owned by the core: posts at their addresses, the lists, and the feed entries.

Posts stay Markdown files with front matter under docs/news/posts/. A post is published at
``news/年/月/日/slug/``: the engine gets it at that path (its relative links rewritten to match),
with its date and categories under the title. The lists are ordinary pages, newest first,
ten a page: all posts (news/), by year (news/archive/2023/) and by category
(news/category/品牌创建/), each post with its date, categories, excerpt (up to ``<!-- more -->``)
and the brands whose activity records cite it. Drafts are listed in the preview only.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from showcase.content.catalog import Catalog
from showcase.news.feed import FeedEntry, post_date, post_time
from showcase.news import FRONT_MATTER, POSTS_FOLDER, registered_authors
from showcase.news.news_photo import with_photo
from showcase.pages.escaping import plain_text
from showcase.pages.models import brand_uri
from showcase.news.post_links import relocated_links

NEWS = "news"
# libyaml's loader when PyYAML has it (the posts were checked line by line already): 1,000 posts read fast.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PER_PAGE = 10
MORE = "<!-- more -->"
_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t]*(?:\{[^}]*\})?[ \t]*$", re.M)


@dataclass(frozen=True)
class Post:
    """One news post: where its file is, where it is published, and what the lists show of it."""

    source: str  # under docs/: news/posts/2023-12-27-brand-report.md
    src_uri: str  # in the engine's input: news/2023/12/27/brand-report.md
    title: str  # Markdown, as written in the post's "# " heading
    date: dt.date
    moment: dt.datetime | None  # the time of day, when the front matter gives one
    description: str
    categories: tuple[str, ...]
    authors: tuple[str, ...]  # names from docs/news/.authors.yml
    draft: bool
    pin: bool
    meta: dict
    body: str  # the Markdown after the front matter
    brands: tuple = ()  # the brands and projects whose activity records cite this post

    @property
    def url(self) -> str:
        return self.src_uri.removesuffix(".md") + "/"

    @property
    def datetime_attribute(self) -> str:
        return str(self.moment) if self.moment else self.date.isoformat()

    @property
    def excerpt(self) -> str:
        """The Markdown between the title and ``<!-- more -->`` (the whole body without that mark)."""
        body = self.body.split(MORE, 1)[0]
        return _TITLE.sub("", body, count=1).strip()


@dataclass(frozen=True)
class ListPage:
    src_uri: str
    title: str
    posts: list[Post]
    number: int
    pages: list[str] = field(default_factory=list)  # every page of this list, in order


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def load_posts(docs_dir: Path, catalog: Catalog, *, include_drafts: bool, posts_dir: str = POSTS_FOLDER.as_posix()) -> list[Post]:
    """Every post, newest first (pinned posts before the rest); drafts only with ``include_drafts``.

    The posts were checked with the data (showcase.news.posts): a post without a date is left out here.
    """
    folder = docs_dir / posts_dir
    authors = registered_authors(docs_dir) or {}
    cited: dict[str, list] = {}
    for slug, records in catalog.activities.items():
        item = catalog.find(slug)
        for record in records:
            if record.post and item is not None and item not in cited.setdefault(record.post, []):
                cited[record.post].append(item)
    posts = []
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        meta = (yaml.load(match.group(1) or "", Loader=_LOADER) if match else None) or {}
        day = post_date(meta.get("date"))
        if day is None or (meta.get("draft") is True and not include_drafts):
            continue
        body = text[match.end():] if match else text
        heading = _TITLE.search(body)
        title = str(meta.get("title") or (heading.group(1) if heading else path.stem))
        slug = str(meta.get("slug") or _slug(title) or path.stem)
        source = path.relative_to(docs_dir).as_posix()
        posts.append(Post(
            source=source,
            src_uri=f"{NEWS}/{day:%Y/%m/%d}/{slug}.md",
            title=title,
            date=day,
            moment=post_time(meta.get("date")),
            description=str(meta.get("description") or ""),
            categories=tuple(str(c) for c in meta.get("categories") or []),
            authors=tuple(authors.get(str(a), str(a)) for a in meta.get("authors") or []),
            draft=meta.get("draft") is True,
            pin=meta.get("pin") is True,
            meta=meta,
            body=body,
            brands=tuple(cited.get(source, [])),
        ))
    return sorted(posts, key=lambda p: (p.pin, p.moment or dt.datetime.combine(p.date, dt.time()).astimezone(), p.source),
                  reverse=True)


def _slug(title: str) -> str:
    from pymdownx.slugs import slugify

    return slugify(case="lower")(re.sub(r"[*_`\[\]]", "", title), "-")


# --------------------------------------------------------------------------- the pages


def post_page(post: Post) -> str:
    """The post's Markdown at its address: its title, photo, date and categories, then its text."""
    here = posixpath.dirname(post.src_uri)
    body = relocated_links(post.body, posixpath.dirname(post.source), here)
    body = with_photo(body, post.meta.get("image"), post.src_uri)
    heading = _TITLE.search(body)
    at = heading.end() if heading else 0
    if heading and post.meta.get("image"):  # the photo stays right under the title
        photo_end = body.find("\n\n", at + 2)
        at = photo_end if photo_end > 0 else at
    meta = {key: value for key, value in post.meta.items() if key in ("description", "title")}
    meta["date"] = post.datetime_attribute
    meta["news_post"] = True
    if post.draft:  # only in the preview: the page's banner says so (overrides/main.html)
        meta["draft"] = True
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return (f"---\n{front}---\n\n{body[:at].strip()}\n\n{_meta_line(post, here)}\n\n{_brands_line(post, here)}"
            f"{body[at:].strip()}\n")


def _brands_line(post: Post, here: str) -> str:
    """相关品牌：the brands and projects whose activity records cite the post, linked; empty when none."""
    if not post.brands:
        return ""
    named = "、".join(f"[{plain_text(item.name)}]({_rel(brand_uri(item), here)})" for item in post.brands)
    return f"相关品牌：{named}\n{{ .sc-post-brands }}\n\n"


def _meta_line(post: Post, here: str) -> str:
    parts = [f'<time datetime="{post.datetime_attribute}">{chinese_date(post.date)}</time>']
    if post.categories:
        links = "、".join(f"[{plain_text(c)}]({_rel(_category_uri(c, 1), here)})" for c in post.categories)
        parts.append(f"分类：{links}")
    if post.draft:
        parts.append("草稿（只在预览中显示）")
    return " · ".join(parts) + "\n{ .sc-post-meta }"


def _category_uri(category: str, number: int) -> str:
    return _paged(f"{NEWS}/category/{category}", number)


def _year_uri(year: int, number: int) -> str:
    return _paged(f"{NEWS}/archive/{year}", number)


def _paged(folder: str, number: int) -> str:
    return f"{folder}/index.md" if number == 1 else f"{folder}/page/{number}.md"


def _rel(target: str, here: str) -> str:
    return posixpath.relpath(target, here or ".")


def list_pages(posts: list[Post], intro: str = "") -> dict[str, str]:
    """Every list page's Markdown by its path: all posts, by year and by category, paginated."""
    years = sorted({p.date.year for p in posts}, reverse=True)
    categories = sorted({c for p in posts for c in p.categories})
    lists = [("新闻动态", posts, lambda n: _paged(NEWS, n))]
    lists += [(f"{year}年的新闻", [p for p in posts if p.date.year == year], lambda n, y=year: _year_uri(y, n)) for year in years]
    lists += [(f"分类：{c}", [p for p in posts if c in p.categories], lambda n, c=c: _category_uri(c, n)) for c in categories]
    pages: dict[str, str] = {}
    for title, listed, address in lists:
        chunks = [listed[i:i + PER_PAGE] for i in range(0, len(listed), PER_PAGE)] or [[]]
        uris = [address(n) for n in range(1, len(chunks) + 1)]
        for number, chunk in enumerate(chunks, start=1):
            page = ListPage(uris[number - 1], title, chunk, number, uris)
            first = page.src_uri == f"{NEWS}/index.md"
            pages[page.src_uri] = _list_markdown(page, intro if first else "", years, categories)
    return pages


def _list_markdown(page: ListPage, intro: str, years: list[int], categories: list[str]) -> str:
    here = posixpath.dirname(page.src_uri)
    title = page.title if page.number == 1 else f"{page.title}（第{page.number}页）"
    description = f"{title}：共 {sum(1 for _ in page.posts)} 篇，按发布日期从新到旧排列。"
    # Out of the search index: a search finds the post itself, not the lists that repeat its excerpt.
    meta = {"title": title, "description": description, "search": {"exclude": True}}
    lines = ["---", yaml.safe_dump(meta, allow_unicode=True).strip(), "---", "",
             f"# {plain_text(title)}", ""]
    if intro:
        lines += [intro.strip(), ""]
    if years:
        lines.append("按年份：" + "、".join(f"[{y}年]({_rel(_year_uri(y, 1), here)})" for y in years) + "  ")
    if categories:
        lines.append("按分类：" + "、".join(f"[{plain_text(c)}]({_rel(_category_uri(c, 1), here)})" for c in categories))
    lines.append("{ .sc-news-filters }\n")
    if not page.posts:
        lines.append("还没有新闻。\n")
    for post in page.posts:
        link = _rel(post.src_uri, here)
        lines += [f"## [{post.title}]({link})", "", _meta_line(post, here), "",
                  relocated_links(post.excerpt, posixpath.dirname(post.source), here), ""]
        if post.brands:
            lines += [_brands_line(post, here)]
        lines += [f"[继续阅读]({link}){{ .sc-post-more }}", ""]
    if len(page.pages) > 1:
        links = []
        for number, uri in enumerate(page.pages, start=1):
            links.append(f"**第{number}页**" if number == page.number else f"[第{number}页]({_rel(uri, here)})")
        lines += ["翻页：" + " ".join(links), "{ .sc-pagination }", ""]
    return "\n".join(lines)


def feed_entries(posts: list[Post], site_author: str) -> list[FeedEntry]:
    """The Atom feed's entries: the same posts as the lists (drafts never: the preview has no feed)."""
    return [
        FeedEntry(
            title=_plain_title(post.title),
            url=post.url,
            published=post.date,
            published_at=post.moment,
            summary=post.description,
            authors=list(post.authors) or [site_author],
            categories=list(post.categories),
        )
        for post in posts
        if not post.draft
    ]


def _plain_title(title: str) -> str:
    return re.sub(r"[*_`]|\\(?=.)", "", title)
