"""MkDocs' Markdown renders remembered between builds: a page whose inputs are unchanged is not converted again.

At 1,000 news posts converting every page's Markdown is several seconds of each build and of each
reload of the preview, though a save changes one page. ``Page.render`` depends on the page's
Markdown (after the plugins' ``on_page_markdown``), its own paths, the Markdown extensions and their
settings, the link-validation settings and the paths and URLs of every file of the site (links are
resolved against them), and the versions of MkDocs, Python-Markdown, PyMdown and Material. The key
is a digest of all of these, so that a render is reused only where MkDocs would produce the very
same one. What a render leaves on the page (content, table of contents, title, anchors and the
links to other pages' anchors, for MkDocs' anchor check) is stored pickled and restored.

Extensions that read other files (``pymdownx.snippets``) would make a page depend on more than
the key holds: with one of them configured, nothing is cached. A render that logged anything is never stored: its warnings must come again on every build (a
strict build fails on them). Subclasses that render differently (Material's excerpts) are left
alone, but for Material's blog excerpts, which are cached the same way: each post's excerpt is
converted on every view that lists it (the news index, its year, its categories), and its key adds
the post's and the view's addresses and the excerpt separator. Material makes a Markdown parser for
every excerpt up front; here it is made only when an excerpt is not in the cache.
``SHOWCASE_SPEEDUPS=off`` turns this off with the other speed-ups.
"""

from __future__ import annotations

import logging
import pickle
import re
from pathlib import Path

from mkdocs.structure.pages import Page

from showcase.keyed_cache import KeyedCache, digest, package_versions

CACHE_FILE = "markdown-renders.pickle"
# Extensions whose output depends on files other than the page: with one of them, no cache.
_READS_OTHER_FILES = ("pymdownx.snippets", "markdown_include", "mdx_include")
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")
_original_render = Page.render
_active: list[tuple[KeyedCache, str]] = []  # this build's cache and the digest of what all pages share


def _versions() -> str:
    return package_versions("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")


def _stable(value) -> str:
    """A repr that is the same in every process (no memory addresses: the slugify function's)."""
    return _ADDRESS.sub("", repr(value))


def begin(config, files, folder: Path | None, enabled: bool = True) -> KeyedCache | None:
    """Before the pages are read (``on_nav``, last, when every file has its final address): the cache
    for this build's renders."""
    _active.clear()
    install()
    if not enabled or any(str(name).startswith(_READS_OTHER_FILES) for name in config["markdown_extensions"]):
        return None
    shared = digest(
        _versions(),
        _stable(list(config["markdown_extensions"])),
        _stable(config["mdx_configs"]),
        _stable(config.validation),
        str(config.use_directory_urls),
        str(config.docs_dir),
        "\n".join(sorted(f"{f.src_uri}\t{f.dest_uri}\t{f.url}\t{f.inclusion}" for f in files)),
    )
    cache = KeyedCache(folder, CACHE_FILE, _versions())
    _active[:] = [(cache, shared)]
    return cache


def end() -> None:
    if _active:
        _active[0][0].save()
        _active.clear()


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.logged = False

    def emit(self, record: logging.LogRecord) -> None:
        self.logged = True


def _render(page: Page, config, files) -> None:
    if not _active or type(page).render is not _render:
        return _original_render(page, config, files)
    cache, shared = _active[0]
    key = digest(shared, page.file.src_uri, page.file.dest_uri, page.file.url, page.markdown or "")
    stored = cache.get(key)
    if stored is not None:
        content, toc, title, anchors, links = pickle.loads(stored)
        page.content, page.toc, page._title_from_render, page.present_anchor_ids = content, toc, title, anchors
        if links is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): targets for uri, targets in links.items()}
        return None
    logged = recording(lambda: _original_render(page, config, files))
    links = getattr(page, "links_to_anchors", None)
    if not logged and (links is None or all(target is not None for target in links)):
        links = None if links is None else {target.src_uri: targets for target, targets in links.items()}
        value = (page.content, page.toc, page._title_from_render, page.present_anchor_ids, links)
        cache.put(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return None


def recording(render) -> bool:
    """Run ``render``; whether anything was logged meanwhile."""
    recorder = _Recorder()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]  # "mkdocs" does not propagate to the root
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        render()
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)
    return recorder.logged


def _cached_excerpt_render(self, page: Page, separator: str) -> None:
    post = self.post
    if not _active:
        return _original_excerpt_render(self, page, separator)
    cache, shared = _active[0]
    title = "" if post._title_from_render else str(post.title)  # Material adds it when the post has none
    key = digest(shared, "excerpt", post.file.src_uri, post.url, page.url, separator, title, post.markdown or "")
    stored = cache.get(key)
    if stored is None:
        _make_parser(self)
        if not recording(lambda: _original_excerpt_render(self, page, separator)):
            cache.put(key, pickle.dumps((self.markdown, self.content, self.more, self.toc), pickle.HIGHEST_PROTOCOL))
        return None
    self.markdown, self.content, self.more, self.toc = pickle.loads(stored)
    self.file.url = post.url
    return None


class _NoParser:
    """Stands in for the Markdown parser Material makes for every excerpt, until one is needed."""

    class treeprocessors:  # noqa: N801 - the attribute Material registers its processors on
        @staticmethod
        def register(*args, **kwargs) -> None:
            pass

    def __init__(self, *args, **kwargs) -> None:
        pass


def _lazy_excerpt_init(self, post, config, files) -> None:
    """Material's ``Excerpt.__init__`` without its parser (a few milliseconds a post, mostly unused)."""
    if not _active:
        return _original_excerpt_init(self, post, config, files)
    # The parser's own copy of the configuration (Material's ``_patch``) is for the parser alone.
    real_parser, real_patch = structure.Markdown, getattr(structure, "_patch", _unpatched)
    structure.Markdown, structure._patch = _NoParser, _unpatched
    try:
        _original_excerpt_init(self, post, config, files)
    finally:
        structure.Markdown, structure._patch = real_parser, real_patch
    self._parser_arguments = (config, files)
    return None


def _unpatched(config):
    return config


def _make_parser(excerpt) -> None:
    """The parser Material would have made, with the processors bound to the excerpt's file."""
    if isinstance(getattr(excerpt, "md", None), _NoParser):
        made = Excerpt.__new__(Excerpt)
        _original_excerpt_init(made, excerpt.post, *excerpt._parser_arguments)
        excerpt.md, excerpt.file = made.md, made.file


try:
    from material.plugins.blog import structure
    from material.plugins.blog.structure import Excerpt
except ImportError:  # no blog plugin: nothing to do for excerpts
    Excerpt = structure = None
_original_excerpt_render = getattr(Excerpt, "render", None)
_original_excerpt_init = getattr(Excerpt, "__init__", None)


def install() -> None:
    """Route ``Page.render`` (and the blog's excerpts) through the cache, once per process; while no
    build is active they render as before."""
    if Page.render is not _render:
        Page.render = _render
    if Excerpt is not None and Excerpt.render is not _cached_excerpt_render:
        Excerpt.render = _cached_excerpt_render
        Excerpt.__init__ = _lazy_excerpt_init
