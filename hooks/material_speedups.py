"""Repairs to the cost of Material's blog and search plugins at hundreds of posts; the output stays the same.

Material 9.x asks ``page not in blog.posts`` for every page in two events. ``Page.__eq__`` compares
titles, and a title is worked out from the Markdown on every call, so a build of 1,000 posts made
about 1.7 million comparisons: the blog's cost grew with the square of the posts.
``IdentityList`` answers that question from a set of object ids, as the list holds the very page
objects MkDocs builds.

Each archive, category and index view renders the excerpt of its posts by converting the *whole*
post and cutting it at ``<!-- more -->`` (a post on three views is converted four times).
``trim_after_excerpt`` leaves the post, once rendered, only the Markdown up to the separator and a
stand-in for the rest, so that the views convert the excerpt alone. It leaves a post alone when
text after the separator could change the excerpt (link references, footnotes, abbreviations).

Material's search plugin calls ``jieba.cut`` for every run of Chinese characters on every page;
``cache_segments`` hands it the core's ``SegmentCache`` instead, which remembers jieba's answers
between builds by text.

Every page renders the whole site nav (Material's ``partials/nav.html``), about a fifth of a build at
1,000 posts. Yet every news post shows the same nav: the news index is its active entry, and all
posts sit at the same depth. ``cache_nav`` renders the nav once for each set of active entries and
link targets, and reuses it, within one build; the pages that are themselves in the nav (whose
entry carries their table of contents) are rendered as before.

The search plugin then parses every page's HTML into sections and segments their text, on every
build. ``cache_search_entries`` keeps the entries a page gave, by a digest of what they are made of:
the page's content, table of contents, title, address and search-related front matter, and the
segmenter's version (a cache miss runs the plugin's own code).

Material's blog reads every post's front matter with PyYAML's pure-Python loader, about a millisecond
a post; ``read_front_matter_in_c`` gives it libyaml's loader (the same constructor, so the same
values), and the pure one again for front matter that does not parse, for its fuller message.

``SHOWCASE_SPEEDUPS=off`` turns all of them off, for comparing output (tests/test_speedups.py).

Material-specific, hence here in the adapter's folder and not in the MkDocs-free core. Each repair
checks the shape it expects and does nothing when a newer Material differs.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from pathlib import Path

import yaml
from mkdocs.utils import normalize_url

from showcase.keyed_cache import KeyedCache, digest, package_versions
from showcase.segment_cache import SegmentCache

SEARCH_ENTRIES_FILE = "search-entries.pickle"

# Markdown that, written after the separator, still applies above it.
_APPLIES_ABOVE = re.compile(r"^ {0,3}(\[[^\]]+\]:|\*\[[^\]]+\]:)", re.M)
# What the views see of the rest: any text, so that Material still offers "继续阅读".
_REST = "\n\n…\n"


def enabled() -> bool:
    return os.environ.get("SHOWCASE_SPEEDUPS", "on") != "off"


class IdentityList(list):
    """A list of pages whose ``in`` is by identity, in constant time; otherwise a plain list."""

    def __init__(self, items=()):
        super().__init__(items)
        self._ids = {id(item) for item in self}

    def __contains__(self, item) -> bool:
        return id(item) in self._ids

    def _frozen(self, *args, **kwargs):
        raise TypeError("the blog's post list is fixed once the nav is built")

    append = extend = insert = remove = pop = clear = __setitem__ = __delitem__ = __iadd__ = _frozen


def blog_plugins(config) -> list:
    """Material's blog plugin instances (one per blog), or none."""
    return [plugin for name, plugin in config.plugins.items() if name.split(" #")[0] in ("material/blog", "blog")
            and hasattr(plugin, "blog")]


def index_posts(config) -> None:
    """After the blog's ``on_nav``: make its post list answer ``in`` by identity."""
    if not enabled():
        return
    for plugin in blog_plugins(config):
        posts = getattr(plugin.blog, "posts", None)
        if type(posts) is list:
            plugin.blog.posts = IdentityList(posts)


def trim_after_excerpt(page, config) -> None:
    """After a post is rendered: keep only the Markdown its excerpt needs."""
    if not enabled():
        return
    for plugin in blog_plugins(config):
        posts = getattr(plugin.blog, "posts", ())
        if not isinstance(posts, IdentityList) or page not in posts or not isinstance(page.markdown, str):
            continue
        separator = plugin.config.post_excerpt_separator
        head, found, rest = page.markdown.partition(separator)
        if found and rest.strip() and not _APPLIES_ABOVE.search(rest) and "[^" not in rest:
            page.markdown = head + separator + _REST


class _CachedJieba:
    """Stands in for the ``jieba`` module in Material's search plugin: ``cut`` from the cache."""

    def __init__(self, jieba, cache: SegmentCache) -> None:
        self._jieba = jieba
        self._cache = cache

    def cut(self, text, *args, **kwargs):
        if args or kwargs:  # a call the cache does not know: straight to jieba
            return self._jieba.cut(text, *args, **kwargs)
        return self._cache.cut(text)

    def __getattr__(self, name):  # set_dictionary, load_userdict, ...
        return getattr(self._jieba, name)


def cache_segments(config, folder: Path | None) -> SegmentCache | None:
    """Let Material's search plugin take jieba's segments from a cache in ``folder``; the cache, to save."""
    try:
        import material.plugins.search.plugin as search
    except ImportError:
        return None
    jieba = search.jieba
    if isinstance(jieba, _CachedJieba):  # mkdocs serve: the previous build's stand-in
        jieba = search.jieba = jieba._jieba
    if not enabled():
        return None
    if jieba is None or not callable(getattr(jieba, "cut", None)):
        return None
    cache = SegmentCache(folder, _segmenter_version(jieba, config), segmenter=jieba.cut)
    search.jieba = _CachedJieba(jieba, cache)
    return cache


def cache_search_entries(config, folder: Path | None) -> KeyedCache | None:
    """Let Material's search index take a page's entries from a cache in ``folder``; the cache, to save."""
    try:
        import material.plugins.search.plugin as search
    except ImportError:
        return None
    index = search.SearchIndex
    original = getattr(index.add_entry_from_context, "showcase_original", index.add_entry_from_context)
    index.add_entry_from_context = original
    if not enabled():
        return None
    jieba = getattr(search.jieba, "_jieba", search.jieba)
    version = f"{_segmenter_version(jieba, config) if jieba else 'no jieba'} {package_versions('mkdocs-material')}"
    cache = KeyedCache(folder, SEARCH_ENTRIES_FILE, version)

    def add_entry_from_context(self, page):
        key = digest(page.url, str(page.title), repr(page.meta.get("title")), repr(page.meta.get("tags")),
                     repr(page.meta.get("search")), repr([_toc_entries(page.toc)]), page.content or "")
        stored = cache.get(key)
        if stored is not None:
            self.entries.extend(pickle.loads(stored))
            return
        before = len(self.entries)
        original(self, page)
        cache.put(key, pickle.dumps(self.entries[before:], protocol=pickle.HIGHEST_PROTOCOL))

    add_entry_from_context.showcase_original = original
    index.add_entry_from_context = add_entry_from_context
    return cache


def _toc_entries(items) -> list:
    return [(item.id, item.url, item.title, _toc_entries(item.children)) for item in items or ()]


def _segmenter_version(jieba, config) -> str:
    """What jieba's answers depend on besides the text: its version and the dictionaries configured."""
    parts = [f"jieba {getattr(jieba, '__version__', '?')}"]
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    for option in ("jieba_dict", "jieba_dict_user"):
        path = getattr(getattr(plugin, "config", None), option, None)
        if path:
            try:
                parts.append(f"{option} {hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()}")
            except OSError:
                parts.append(f"{option} {path}")
    return " ".join(parts)


class LibyamlFirst:
    """A ``Loader`` for ``yaml.load``: libyaml's safe loader, or the pure one where libyaml fails."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def get_single_data(self):
        if not isinstance(self.stream, str) or "\t" in self.stream:  # libyaml takes "key:\tvalue"; PyYAML not
            return yaml.load(self.stream, yaml.SafeLoader)
        try:
            return yaml.load(self.stream, yaml.CSafeLoader)
        except yaml.YAMLError:
            return yaml.load(self.stream, yaml.SafeLoader)

    def dispose(self) -> None:
        pass


def read_front_matter_in_c() -> None:
    """Material's blog parses posts' front matter with ``LibyamlFirst`` (when libyaml is there)."""
    try:
        from material.plugins.blog import structure
    except ImportError:
        return
    fast = enabled() and getattr(yaml, "__with_libyaml__", False)
    if structure.SafeLoader in (yaml.SafeLoader, LibyamlFirst):  # the shape this repair expects
        structure.SafeLoader = LibyamlFirst if fast else yaml.SafeLoader


NAV_TEMPLATE = "partials/nav.html"


def cache_nav(env, config) -> None:
    """Within this build, render the nav once for all pages that would get the same nav HTML."""
    if not enabled():
        return
    template = env.get_template(NAV_TEMPLATE)
    render = template.root_render_func
    if getattr(render, "caches_nav", False):
        return
    rendered: dict[tuple, str] = {}

    def cached_render(context):
        key = _nav_key(context, config)
        if key is None:
            yield from render(context)
            return
        html = rendered.get(key)
        if html is None:
            html = rendered[key] = "".join(render(context))
        yield html

    cached_render.caches_nav = True
    template.root_render_func = cached_render


def _nav_tree(items):
    for item in items:
        yield item
        yield from _nav_tree(getattr(item, "children", None) or ())


class _NavShape:
    """What of one build's nav every page's key needs: its entries, its link targets, its pages."""

    def __init__(self, nav, config) -> None:
        self.nav = nav
        self.entries = list(_nav_tree(nav.items))
        self.pages = {id(item) for item in self.entries}
        for item in self.entries:  # a blog view's pagination pages take the view's entry
            self.pages.update(id(page) for page in getattr(item, "pages", None) or ())
        targets = [item.url for item in self.entries if getattr(item, "url", None) is not None]
        targets += [getattr(nav.homepage, "url", None), config.extra.get("homepage"), config.theme.get("logo")]
        self.targets = [str(target) for target in targets if target]


_shape: list[_NavShape] = []


def _nav_key(context, config) -> tuple | None:
    """What the nav of this page depends on; None for a page the nav shows (its entry is its own)."""
    page, nav = context.get("page"), context.get("nav")
    if page is None or nav is None or getattr(page, "pages", None) is not None:
        return None  # no page, or a blog view (its pagination changes its entry)
    if not _shape or _shape[0].nav is not nav:
        _shape[:] = [_NavShape(nav, config)]
    shape = _shape[0]
    if id(page) in shape.pages:
        return None
    return (
        context.get("base_url"),
        tuple(normalize_url(target, page=page) for target in shape.targets),
        tuple(id(item) for item in shape.entries if item.active),
    )
