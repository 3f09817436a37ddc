"""MkDocs adapter: wires MkDocs events to the showcase core in ``hooks/showcase/``.

MkDocs puts this file's folder on sys.path only while the file loads, so the
core is imported here at top level. MkDocs keeps this module across
``mkdocs serve`` rebuilds, so ``on_config`` starts every build afresh.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from pathlib import Path

from markupsafe import escape
from material.plugins.blog.structure.options import PostDate
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from showcase.catalog import load_catalog
from showcase.feed import FEED_FILE, FeedEntry, atom_feed, post_date
from showcase.mkdocs_messages import translate
from showcase.pages import build_nav, build_pages, unbreakable_names
from showcase.parse_cache import CACHE_FOLDER
from showcase.post_links import check_post_links
from showcase.problems import DataInvalid, format_report
from showcase.render import Renderer
from showcase.site_meta import footer, organization
from showcase.typography import keep_together

log = logging.getLogger("mkdocs.hooks.showcase")


class _Build:
    """What one build needs between events."""

    command = "build"
    renderer: Renderer | None = None
    pages: list = []
    feed_entries: list[FeedEntry] = []
    names: tuple[str, ...] = ()  # brand, project and tribunal names that never break across lines


def _read_quoted_post_dates() -> None:
    """Material's blog takes ``date: 2024-01-15`` only unquoted; read ``"2024-01-15"`` as the same day.

    The guide tells editors that a date may be quoted or not, in data files and news posts alike.
    """
    original = getattr(PostDate.pre_validation, "showcase_original", PostDate.pre_validation)

    def pre_validation(self, config, key_name):
        if isinstance(config[key_name], str):
            with contextlib.suppress(ValueError):  # not a date: Material reports it
                config[key_name] = dt.date.fromisoformat(config[key_name].strip())
        return original(self, config, key_name)

    pre_validation.showcase_original = original
    PostDate.pre_validation = pre_validation


_read_quoted_post_dates()


def on_startup(command, dirty):
    _Build.command = command


class _ChineseWarnings(logging.Filter):
    """Rewords MkDocs' and Material's warnings that editors cause (see showcase.mkdocs_messages)."""

    def __init__(self, docs_dir: Path) -> None:
        super().__init__()
        self.docs_dir = docs_dir

    def filter(self, record: logging.LogRecord) -> bool:
        text = translate(record.getMessage(), self.docs_dir)
        if text:
            record.msg, record.args = text, ()
        return True


# Where those warnings are logged: links and anchors, build errors (Material's blog), the nav.
_WARNING_LOGGERS = ("mkdocs.structure.pages", "mkdocs.commands.build", "mkdocs.structure.nav")


def _reword_warnings(docs_dir: Path) -> None:
    for name in _WARNING_LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if type(f).__name__ == _ChineseWarnings.__name__]:
            logger.removeFilter(old)  # the filter of an earlier build (or an earlier load of this file)
        logger.addFilter(_ChineseWarnings(docs_dir))


def on_config(config):
    root = Path(config.config_file_path).parent
    _reword_warnings(Path(config.docs_dir))
    # The editors' preview: `mkdocs serve`, or a build with SHOWCASE_PREVIEW=true (mkdocs.yml reads it too).
    preview = _Build.command == "serve" or os.environ.get("SHOWCASE_PREVIEW") == "true"
    _Build.renderer, _Build.pages, _Build.feed_entries, _Build.names = None, [], [], ()
    try:
        catalog = load_catalog(
            root / "data", docs_dir=Path(config.docs_dir), include_drafts=preview, cache_dir=root / CACHE_FOLDER
        )
    except DataInvalid as error:
        raise PluginError("数据文件有错误，网站没有生成。\n" + format_report(error.problems)) from None
    _Build.names = unbreakable_names(catalog)
    for warning in catalog.warnings:
        log.info(str(warning))
    _Build.renderer = Renderer(
        catalog, root / "overrides" / "showcase", preview=preview, cache_dir=root / CACHE_FOLDER / "templates"
    )
    # The tracking dashboard is for the editors' preview; it is judged as of the build's date.
    as_of = _build_date() if preview else None
    _Build.pages = build_pages(catalog, tracking_as_of=as_of)
    wrong_paths = check_post_links(
        Path(config.docs_dir), {page.src_uri for page in _Build.pages}, include_drafts=preview
    )
    if wrong_paths:
        raise PluginError("新闻里的图片或链接路径有错误，网站没有生成。\n" + format_report(wrong_paths))
    # Generated pages first, then the hand-written pages listed in mkdocs.yml.
    config.nav = _escaped(build_nav(catalog, with_tracking=preview)) + list(config.nav or [])
    config.extra["showcase_preview"] = preview
    config.extra["showcase_footer"] = footer(catalog.site, _build_date().year)
    config.extra["showcase_organization"] = organization(catalog.site, config.site_url)
    return config


def _build_date() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so that a reproducible build judges the same day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def _escaped(nav):
    """Nav titles from data, HTML-escaped: Material's templates print nav titles unescaped."""
    if isinstance(nav, list):
        return [_escaped(entry) for entry in nav]
    if isinstance(nav, dict):
        return {str(escape(title)): _escaped(target) for title, target in nav.items()}
    return nav


def on_files(files, config):
    for page, content in _Build.renderer.render_all(_Build.pages):
        files.append(File.generated(config, page.src_uri, content=content))
    return files


def on_post_page(output, page, config):
    # The whole page, not only its content: news excerpts, the nav and the footer too.
    return keep_together(output, _Build.names)


def on_page_context(context, page, config, nav):
    date = post_date(page.meta.get("date"))
    if page.file.src_uri.startswith("news/posts/") and date:
        _Build.feed_entries.append(
            FeedEntry(
                title=page.title,
                url=page.url,
                published=date,
                summary=page.meta.get("description", ""),
                authors=[author.name for author in getattr(page, "authors", [])],
                categories=list(page.meta.get("categories", [])),
            )
        )
    return context


def on_post_build(config):
    feed = atom_feed(
        title=f"{config.site_name} 新闻动态",
        subtitle=config.site_description or "",
        site_url=config.site_url,
        entries=_Build.feed_entries,
    )
    Path(config.site_dir, FEED_FILE).write_text(feed, encoding="utf-8")
