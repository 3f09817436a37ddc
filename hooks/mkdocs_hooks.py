"""MkDocs adapter: wires MkDocs events to the showcase core in ``hooks/showcase/``.

MkDocs puts this file's folder on sys.path only while the file loads, so the
core is imported here at top level. MkDocs keeps this module across
``mkdocs serve`` rebuilds, so ``on_config`` starts every build afresh.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from pathlib import Path

from markupsafe import escape
from material.plugins.blog.structure.options import PostDate
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

import markdown_renders
import page_renders
from blog_dates import remember_formatted_dates
from material_speedups import (cache_nav, cache_search_entries, cache_segments, enabled, index_posts, read_front_matter_in_c,
                               trim_after_excerpt)
from search_index_text import write_search_index_as_utf8

from showcase.address import site_address
from showcase.admin_files import admin_files
from showcase.feed import FEED_FILE, FeedEntry, atom_feed, post_date, post_time, without_invented_time
from showcase.form_editor import news_authors
from showcase.loader import load_catalog
from showcase.mkdocs_messages import reword_warnings
from showcase.news import POSTS_FOLDER
from showcase.news_photo import with_photo
from showcase.pages import build_nav, build_pages, unbreakable_names
from showcase.post_links import check_post_links
from showcase.preview_only import is_preview_only, public_nav
from showcase.problems import DataInvalid, format_report
from showcase.render import Renderer, compiled_templates
from showcase.settings import Settings, build_date, posts_dir_of, preview_requested
from showcase.site_meta import footer, organization
from showcase.asset_bundles import plan_bundles
from showcase.stylesheets import without_comments
from showcase.typography import keep_together

log = logging.getLogger("mkdocs.hooks.showcase")


class _Build:
    """What one build needs between events."""

    command = "build"
    settings: Settings | None = None
    renderer: Renderer | None = None
    pages: list = []
    feed_entries: list[FeedEntry] = []
    segments = None  # jieba's segments for Material's search, kept in .cache/showcase/
    search_entries = None  # and the search entries of each page
    names: tuple[str, ...] = ()  # brand, project and tribunal names that never break across lines
    bundles: list = []  # showcase.asset_bundles: the site's stylesheets and scripts, one file each


def _read_quoted_post_dates() -> None:
    """Material's blog takes ``date: 2024-01-15`` only unquoted; read ``"2024-01-15"`` as the same day.

    The guide tells editors that a date may be quoted or not, in data files and news posts alike.
    """
    original = getattr(PostDate.pre_validation, "showcase_original", PostDate.pre_validation)

    def pre_validation(self, config, key_name):
        if isinstance(config[key_name], str):
            value = config[key_name].strip()
            with contextlib.suppress(ValueError):  # not a date: Material reports it
                # A day, or a day with its time of day ("2023-12-27 17:49:27+08:00").
                config[key_name] = dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
        return original(self, config, key_name)

    pre_validation.showcase_original = original
    PostDate.pre_validation = pre_validation


_read_quoted_post_dates()


def on_startup(command, dirty):
    _Build.command = command


def on_config(config):
    settings = _settings(config)
    _Build.settings, _Build.renderer, _Build.pages, _Build.feed_entries = settings, None, [], []
    _Build.names = ()
    _Build.bundles = _bundle_assets(config)
    reword_warnings(settings.docs_dir)
    blog = _blog_plugin(config)
    if blog is not None:
        blog.config.draft = settings.preview  # drafts only in the preview, by the same rule as the core's
    _Build.segments = cache_segments(config, settings.cache_dir)
    _Build.search_entries = cache_search_entries(config, settings.cache_dir)
    read_front_matter_in_c()
    remember_formatted_dates(enabled())
    write_search_index_as_utf8()
    try:
        catalog = load_catalog(
            settings.data_dir,
            docs_dir=settings.docs_dir,
            include_drafts=settings.preview,
            cache_dir=settings.cache_dir,
            posts_dir=settings.posts_dir,
        )
    except DataInvalid as error:
        raise PluginError("数据文件有错误，网站没有生成。\n" + format_report(error.problems)) from None
    _Build.names = unbreakable_names(catalog)
    for warning in catalog.warnings:
        log.info(str(warning))
    # directory_urls: Material's offline plugin (make offline) has switched them off by now.
    _Build.renderer = Renderer(
        catalog.site,
        settings.templates_dir,
        preview=settings.preview,
        directory_urls=settings.use_directory_urls,
        cache_dir=settings.template_cache_dir,
    )
    # The tracking dashboard is for the editors' preview; it is judged as of the build's date.
    _Build.pages = build_pages(catalog, tracking_as_of=settings.build_date if settings.preview else None)
    wrong_paths = check_post_links(
        settings.docs_dir, {page.src_uri for page in _Build.pages}, include_drafts=settings.preview
    )
    if wrong_paths:
        raise PluginError("新闻里的图片或链接路径有错误，网站没有生成。\n" + format_report(wrong_paths))
    # Generated pages first, then the hand-written pages listed in mkdocs.yml.
    config.nav = _escaped(build_nav(catalog, with_tracking=settings.preview)) + list(config.nav or [])
    if not settings.preview:
        config.nav = public_nav(config.nav)
    # `mkdocs serve` keeps its local address; a build uses the site's address, or none at all.
    if _Build.command != "serve":
        config.site_url = site_address(catalog.site.url)
    config.extra["showcase_preview"] = settings.preview
    config.extra["showcase_footer"] = footer(catalog.site, settings.build_date.year)
    config.extra["showcase_organization"] = organization(catalog.site, config.site_url)
    return config


def _settings(config) -> Settings:
    """The one place that reads MkDocs' configuration and the environment for the core."""
    blog = _blog_plugin(config)
    posts_dir = posts_dir_of(blog.config.blog_dir, blog.config.post_dir) if blog else POSTS_FOLDER.as_posix()
    return Settings(
        root=Path(config.config_file_path).parent,
        docs_dir=Path(config.docs_dir),
        # The editors' preview: `mkdocs serve`, or a build with SHOWCASE_PREVIEW=true.
        preview=preview_requested(_Build.command),
        use_directory_urls=config.use_directory_urls,
        posts_dir=posts_dir,
        build_date=build_date(),
    )


def _bundle_assets(config) -> list:
    """Serve extra_css, and the extra_javascript that has no attributes, as one file each."""
    plain = [str(s) for s in config.extra_javascript if isinstance(s, str) or not (s.type or s.defer or s.async_)]
    bundles = plan_bundles([str(sheet) for sheet in config.extra_css], plain)
    for bundle in bundles:
        option = "extra_css" if bundle.uri.endswith(".css") else "extra_javascript"
        config[option] = bundle.served_in(config[option])
    return bundles


def _blog_plugin(config):
    """Material's blog plugin ("material/blog", or "blog" in older configurations), if enabled."""
    for name, plugin in config.plugins.items():
        if name.rsplit("/", 1)[-1] == "blog":
            return plugin
    return None


def _escaped(nav):
    """Nav titles from data, HTML-escaped: Material's templates print nav titles unescaped."""
    if isinstance(nav, list):
        return [_escaped(entry) for entry in nav]
    if isinstance(nav, dict):
        return {str(escape(title)): _escaped(target) for title, target in nav.items()}
    return nav


def on_files(files, config):
    for bundle in _Build.bundles:
        for source in bundle.sources:
            files.remove(files.get_file_from_path(source))
        text = bundle.combine(lambda source: Path(config.docs_dir, source).read_text(encoding="utf-8"))
        files.append(File.generated(config, bundle.uri, content=text))
    for page, content in _Build.renderer.render_all(_Build.pages):
        files.append(File.generated(config, page.src_uri, content=content))
    if _Build.settings.preview:  # the form editor (make edit) exists in the editors' preview only
        for uri, source in admin_files(_Build.settings.root, news_authors(_Build.settings.docs_dir)).items():
            if isinstance(source, Path):
                files.append(File.generated(config, uri, abs_src_path=str(source)))
            else:
                files.append(File.generated(config, uri, content=source))
    else:
        # The editors' material (showcase.preview_only) is not part of the public site.
        for file in [f for f in files if is_preview_only(f.src_uri)]:
            files.remove(file)
    return files


@event_priority(-100)  # after the blog plugin's on_nav, which lists the posts
def on_nav(nav, config, files):
    index_posts(config)
    # The files and their addresses are final now (the blog's on_files gives posts theirs after this
    # hook's on_files): what every page's Markdown render depends on. The pages are read next.
    markdown_renders.begin(config, files, _Build.settings.cache_dir, enabled=enabled())
    return nav


def on_env(env, config, files):
    cache_nav(env, config)
    page_renders.begin(config, env, files, _Build.settings.cache_dir, _Build.names, on_post_page, enabled=enabled(),
                       in_memory=_Build.command == "serve")
    if enabled():  # Material's templates, compiled once and not on every build
        env.bytecode_cache = compiled_templates(_Build.settings.cache_dir / "theme-templates")
    return env


@event_priority(-100)  # after the blog plugin's on_page_content, which reads the whole post
def on_page_content(html, page, config, files):
    trim_after_excerpt(page, config)
    return html


def on_page_markdown(markdown, page, config, files):
    """A news post's photo (front matter ``image``) goes under its title."""
    if page.file.src_uri.startswith("news/posts/"):
        return with_photo(markdown, page.meta.get("image"), page.file.src_uri)
    return markdown


@event_priority(-100)  # last: the context is complete (the blog's excerpts and pager)
def on_page_context(context, page, config, nav):
    date = post_date(page.meta.get("date"))
    if page.file.src_uri.startswith(_Build.settings.posts_dir + "/") and date:
        _Build.feed_entries.append(
            FeedEntry(
                title=page.title,
                url=page.url,
                published=date,
                published_at=post_time(page.meta.get("date")),
                summary=page.meta.get("description", ""),
                authors=[author.name for author in getattr(page, "authors", [])] or [config.site_author or config.site_name],
                categories=list(page.meta.get("categories", [])),
            )
        )
    page_renders.look_up(context, page)
    return context


def on_post_page(output, page, config):
    # The whole page, not only its content: news excerpts, the nav and the footer too.
    return page_renders.finish(page, output, lambda html: keep_together(without_invented_time(html), _Build.names))


def on_post_template(output_content, template_name, config):
    # 404.html is a static template, not a page: its nav keeps names whole by the same pass, so that
    # nav titles need no invisible joiners (U+2060).
    return keep_together(output_content, _Build.names) if template_name == "404.html" else output_content


def on_post_build(config):
    for cache in (_Build.segments, _Build.search_entries):
        if cache is not None:
            cache.save()
    markdown_renders.end()
    page_renders.end()
    bundled = {bundle.uri for bundle in _Build.bundles}  # already without comments
    for sheet in [s for s in [*config.extra_css, *config.extra.get("print_css", [])] if s not in bundled]:
        # Served without the comments that explain the rules.
        path = Path(config.site_dir, sheet)
        if path.suffix == ".css" and path.is_file():
            path.write_text(without_comments(path.read_text(encoding="utf-8")), encoding="utf-8")
    if not _Build.settings.preview:
        # Material's source maps are for debugging Material itself; its comments quote localhost.
        for source_map in Path(config.site_dir, "assets").rglob("*.map"):
            source_map.unlink()
    if not config.site_url:
        # Without the site's address there is nothing absolute to point to: no sitemap, no feed.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            Path(config.site_dir, name).unlink(missing_ok=True)
        return
    feed = atom_feed(
        title=f"{config.site_name} 新闻动态",
        subtitle=config.site_description or "",
        site_url=config.site_url,
        entries=_Build.feed_entries,
    )
    Path(config.site_dir, FEED_FILE).write_text(feed, encoding="utf-8")
