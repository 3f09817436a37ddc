"""``generate``: the whole site as plain files that an engine renders (MkDocs + Material, Zensical).

``site_input`` gathers everything the core owns: the pages from data/, the news at its
addresses and its lists, the hand-written pages and assets, the site's stylesheets and scripts
as one file of each kind, the form editor (preview only), and the nav from the data followed by
mkdocs.yml's own. ``write_input`` puts it in a folder with its configuration; the MkDocs shim
(hooks/mkdocs_hooks.py) hands the same object to MkDocs through its events instead.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import escape

from showcase.address import site_address
from showcase.editing.admin_files import admin_files
from showcase.pages.asset_bundles import Bundle, plan_bundles
from showcase.news.feed import FeedEntry
from showcase.editing.form_choices import news_authors
from showcase.content.loader import load_catalog
from showcase.news.news_site import feed_entries, list_pages, load_posts, post_page
from showcase.pages.models import build_nav, build_pages, unbreakable_names
from showcase.news.post_links import check_post_links
from showcase.pages.preview_only import is_preview_only, public_nav
from showcase.content.problems import DataInvalid, format_report
from showcase.pages.render import Renderer, url_of
from showcase.settings import Settings
from showcase.pages.site_meta import footer, organization

NEWS_INDEX = "news/index.md"


class InputProblem(Exception):
    """The data or a post has mistakes: the message (in Chinese) names them; nothing is built."""


@dataclass(frozen=True)
class SiteConfig:
    """What the core reads of mkdocs.yml: the site's names, its hand-written nav and assets."""

    site_name: str
    site_description: str = ""
    site_author: str = ""
    nav: list = field(default_factory=list)
    extra_css: list[str] = field(default_factory=list)
    extra_javascript: list[str] = field(default_factory=list)  # the plain ones (no type, defer or async)
    print_css: list[str] = field(default_factory=list)  # extra.print_css: linked with media="print"


@dataclass
class SiteInput:
    """One build's engine input: the docs folder's files, the nav and the site-wide values."""

    files: dict[str, str | Path]  # path in the docs folder → its text, or the file to copy
    dropped: set[str]  # hand-written files under docs/ that the engine must not get
    nav: list
    site_url: str | None
    extra: dict[str, Any]
    bundles: list[Bundle]
    names: tuple[str, ...]  # never broken across lines (showcase.pages.typography)
    feed: list[FeedEntry]
    feed_title: str
    feed_subtitle: str
    unbundled_stylesheets: list[str]  # served as written: finish strips their comments
    notes: list[str]  # the data's warnings, for the console

    def served_assets(self, stylesheets: list, scripts: list) -> tuple[list, list]:
        """mkdocs.yml's extra_css and extra_javascript, with the bundles in place of their sources."""
        for bundle in self.bundles:
            if bundle.uri.endswith(".css"):
                stylesheets = bundle.served_in(stylesheets)
            else:
                scripts = bundle.served_in(scripts)
        return stylesheets, scripts


def site_input(settings: Settings, config: SiteConfig, *, site_url: str | None = None, serving: bool = False) -> SiteInput:
    """Everything the engine gets for this build. ``serving``: MkDocs' preview keeps its own address."""
    try:
        # The parse cache only for the preview's rebuilds: a release reads no cache.
        catalog = load_catalog(settings.data_dir, docs_dir=settings.docs_dir, include_drafts=settings.preview,
                               posts_dir=settings.posts_dir, cache_dir=settings.cache_dir if serving else None)
    except DataInvalid as error:
        raise InputProblem("数据文件有错误，网站没有生成。\n" + format_report(error.problems)) from None
    pages = build_pages(catalog, tracking_as_of=settings.build_date if settings.preview else None)
    wrong_paths = check_post_links(settings.docs_dir, {page.src_uri for page in pages}, include_drafts=settings.preview)
    if wrong_paths:
        raise InputProblem("新闻里的图片或链接路径有错误，网站没有生成。\n" + format_report(wrong_paths))
    posts = load_posts(settings.docs_dir, catalog, include_drafts=settings.preview, posts_dir=settings.posts_dir)
    renderer = Renderer(catalog.site, settings.templates_dir, preview=settings.preview,
                        directory_urls=settings.use_directory_urls,
                        cache_dir=settings.template_cache_dir if serving else None, moved={p.source: p.src_uri for p in posts})
    files: dict[str, str | Path] = {page.src_uri: text for page, text in renderer.render_all(pages)}
    dropped = {NEWS_INDEX, *_all_posts(settings)}  # the posts are published at their addresses instead
    for post in posts:
        files[post.src_uri] = post_page(post)
    files.update(list_pages(posts, intro=_news_intro(settings.docs_dir)))
    bundles = plan_bundles(config.extra_css, config.extra_javascript)
    for bundle in bundles:
        dropped.update(bundle.sources)
        files[bundle.uri] = bundle.combine(lambda source: (settings.docs_dir / source).read_text(encoding="utf-8"))
    if settings.preview:  # the form editor (make edit) exists in the editors' preview only
        files.update(admin_files(settings.root, news_authors(settings.docs_dir), settings.editor_backend))
    nav = _escaped(build_nav(catalog, with_tracking=settings.preview)) + list(config.nav)
    if not settings.preview:
        nav = public_nav(nav)
    address = site_url if serving else site_address(catalog.site.url, settings.site_url)
    return SiteInput(
        files=files,
        dropped=dropped,
        nav=nav,
        site_url=address,
        extra={
            "showcase_preview": settings.preview,
            "showcase_footer": footer(catalog.site, settings.build_date.year),
            "showcase_organization": organization(catalog.site, address),
        },
        bundles=bundles,
        names=unbreakable_names(catalog),
        feed=feed_entries(posts, config.site_author or config.site_name),
        feed_title=f"{config.site_name} 新闻动态",
        feed_subtitle=config.site_description,
        unbundled_stylesheets=[s for s in [*config.extra_css, *config.print_css] if s not in {b.uri for b in bundles}],
        notes=[str(warning) for warning in catalog.warnings],
    )


def _all_posts(settings: Settings) -> list[str]:
    folder = settings.docs_dir / settings.posts_dir
    return [p.relative_to(settings.docs_dir).as_posix() for p in folder.rglob("*.md")] if folder.is_dir() else []


def _news_intro(docs_dir: Path) -> str:
    """The hand-written news/index.md without its title: it opens the first list page."""
    path = docs_dir / NEWS_INDEX
    if not path.is_file():
        return ""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("# ")).strip()


def _escaped(nav):
    """Nav titles from data, HTML-escaped: Material's templates print nav titles unescaped."""
    if isinstance(nav, list):
        return [_escaped(entry) for entry in nav]
    if isinstance(nav, dict):
        return {str(escape(title)): _escaped(target) for title, target in nav.items()}
    return nav


def is_kept(uri: str, site: SiteInput, preview: bool) -> bool:
    """Whether a hand-written file under docs/ goes to the engine."""
    return uri not in site.dropped and uri not in site.files and (preview or not is_preview_only(uri))


def hand_written(docs_dir: Path) -> list[str]:
    """The files under docs/ an engine reads: every file but hidden ones (.authors.yml)."""
    found = []
    for folder, subfolders, names in os.walk(docs_dir):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        here = Path(folder).relative_to(docs_dir).as_posix()
        found += [posixpath.normpath(posixpath.join(here, n)) for n in sorted(names) if not n.startswith(".")]
    return found


def write_input(site: SiteInput, settings: Settings, target: Path) -> Path:
    """The engine's docs folder under ``target``: generated files written, hand-written ones copied."""
    docs = target / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for uri in hand_written(settings.docs_dir):
        if is_kept(uri, site, settings.preview):
            (docs / uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(settings.docs_dir / uri, docs / uri)
    write_files(docs, site.files)
    return docs


def write_files(folder: Path, files: dict[str, str | Path]) -> None:
    """Each of ``files`` under ``folder`` at its address: a text, or a copy of a file."""
    for uri, content in files.items():
        path = folder / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, path)
        else:
            path.write_text(content, encoding="utf-8")


def page_urls(site: SiteInput, settings: Settings) -> list[str]:
    """The address of every page the engine makes from this input (for the sitemap)."""
    sources = [uri for uri, content in site.files.items() if isinstance(content, str)]
    sources += [uri for uri in hand_written(settings.docs_dir) if is_kept(uri, site, settings.preview)]
    return sorted({url_of(uri, settings.use_directory_urls) for uri in sources if uri.endswith(".md")})
