"""The fingerprint of what a page's template can see: its Jinja context, read down to plain values.

``page_key`` feeds a context into a hash: plain values as they are, containers and objects by
their contents (a blog excerpt, a post's settings, the pager and what its closure holds), other
pages, sections and links only by what a template prints of them (kind, title, address, front
matter, parents), and the nav as those entries and which of them are active. What it cannot read
(an object with no state but its memory address, nesting deeper than ``_MAX_DEPTH``, a cycle)
raises ``Unreadable``: page_renders then renders that page as before. MkDocs-specific, hence here
in the adapter's folder.
"""

from __future__ import annotations

import datetime as dt

from mkdocs.plugins import BasePlugin
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink

from showcase.keyed_cache import digest

_MAX_DEPTH = 8
# Attributes that no template reads and that change without changing the page: the Markdown (the
# content stands for it), the parser, anchors for MkDocs' link check, and the object ids by which
# material_speedups.IdentityList answers ``in``.
_SKIPPED_ATTRIBUTES = frozenset({"markdown", "md", "_parser_arguments", "present_anchor_ids", "links_to_anchors", "_ids"})
# Context entries that are the same for every page of a build, in what all pages share (page_renders).
_PER_BUILD = ("config", "pages", "mkdocs_version", "extra_css", "extra_javascript")
# Attributes that change with any post and that Material's templates do not print. A blog view's
# whole list of posts, and the pager's copy of it: the templates print this page's posts (the
# context's ``posts``) and, of the whole list, the pager its length. A post's excerpt: printed in
# the lists, from their context's ``posts``. Unless a template reads them by name (page_renders
# asks template_reads), the lists go in by their pages' addresses, and the excerpt not at all:
# a post's new title then reaches only the lists that show it.
_BY_ADDRESS_UNLESS_READ = frozenset({"posts", "collection"})
_SKIPPED_UNLESS_READ = frozenset({"excerpt"})
LEFT_OUT_UNLESS_READ = _BY_ADDRESS_UNLESS_READ | _SKIPPED_UNLESS_READ


class Unreadable(Exception):
    """Something in a page's context whose state cannot be read: that page is rendered, not cached."""


class _Memo:
    """Worked out once per build. Each entry holds its object, so that no other object takes its id."""

    references: dict[int, tuple[object, str]] = {}  # id(item) -> (item, how a page refers to it)
    lists: dict[tuple[int, bool], tuple[list, tuple, str]] = {}  # (id of a list of such items, by address
    # only) -> (list, its items' ids, references)
    nav: tuple | None = None  # (nav, its entries, their references)
    unread: frozenset[str] = frozenset()  # of LEFT_OUT_UNLESS_READ, those no template reads


def start_build(unread: frozenset[str] = frozenset()) -> None:
    """Forget the last build's pages. ``unread``: the attributes of ``LEFT_OUT_UNLESS_READ`` that
    no template reads."""
    _Memo.references, _Memo.lists, _Memo.nav = {}, {}, None
    _Memo.unread = unread


def configuration(config) -> bytes:
    """MkDocs' settings, read down to plain values; the plugins' and the theme's by their own settings."""
    fingerprint = _Fingerprint()
    fingerprint.configuration(config)
    return fingerprint.text()


def page_key(context: dict, shared: str) -> str:
    """The fingerprint of everything ``context`` shows a template, given what all pages share."""
    fingerprint = _Fingerprint()
    fingerprint.put(shared)
    for name in sorted(context):
        if name in _PER_BUILD:
            continue  # in ``shared``
        if name == "build_date_utc":
            continue  # no template reads it (page_renders.begin checks), and it changes every build
        fingerprint.put(f"{name}=")
        if name == "nav":
            fingerprint.nav(context[name])
        else:
            fingerprint.named(name, context[name], -1)
    return digest(fingerprint.text())


class _Fingerprint:
    """Collects a value's readable state; pages and nav entries elsewhere only by name."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.put = self.parts.append
        self.path: set[int] = set()

    def text(self) -> bytes:
        return "\0".join(self.parts).encode("utf-8", "surrogatepass")

    def configuration(self, config) -> None:
        """MkDocs' settings; the plugins' and the theme's by their own settings."""
        for name in sorted(set(config) - {"site_dir"}):  # where it is written does not change a page
            value = config[name]
            self.put(name)
            if name in ("plugins", "hooks"):
                for plugin_name in sorted(value):
                    self.put(plugin_name)
                    settings = getattr(value[plugin_name], "config", None)  # a hook module has none
                    self.add(dict(settings) if settings is not None else plugin_name, 1)
            elif name == "theme":
                self.add({"name": value.name, "dirs": list(value.dirs), **dict(value.items())}, 1)
            else:
                self.add(value, 1)

    def nav(self, nav) -> None:
        """The nav as every page sees it: each entry as ``_reference`` gives it, and whether it is active."""
        if _Memo.nav is None or _Memo.nav[0] is not nav:
            entries = list(_entries(getattr(nav, "items", None) or ()))
            lines = [_reference(item) for item in entries]  # with its parents, hence its depth
            lines.append(f"home|{getattr(getattr(nav, 'homepage', None), 'url', '')}")
            _Memo.nav = (nav, entries, "nav#" + digest("\n".join(lines)))  # every page holds it: its digest only
        _, entries, text = _Memo.nav
        self.put(text)
        self.put("".join("1" if item.active else "0" for item in entries))

    def add(self, value, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            raise Unreadable(type(value).__name__)
        kind = _KINDS.get(type(value)) or _kind_of(type(value))
        if kind == "plain":
            self.put(f"{type(value).__name__}:{value!r}")
        elif kind == "time":
            self.put(f"{type(value).__name__}:{value.isoformat() if hasattr(value, 'isoformat') else value}")
        elif kind == "class":
            self.put(f"class:{value.__module__}.{value.__qualname__}")
        elif kind == "file":
            self.put(f"file:{value.src_uri}|{value.dest_uri}|{value.url}|{value.edit_uri}")
        elif kind == "anchor":
            self.put(f"anchor:{value.title}|{value.id}|{value.level}")
            self.add(list(value.children), depth + 1)
        elif kind == "item" and depth > 0:
            self.put(_reference(value))
        elif id(value) in self.path:
            raise Unreadable("a cycle")
        else:
            self.path.add(id(value))
            try:
                self.contents(value, depth)
            finally:
                self.path.discard(id(value))

    def contents(self, value, depth: int) -> None:
        if isinstance(value, dict) or (hasattr(value, "items") and hasattr(value, "keys") and callable(value.items)):
            items = sorted(value.items(), key=lambda pair: str(pair[0]))
            self.put(f"{type(value).__name__}{{{len(items)}")
            for key, item in items:
                self.put(str(key))
                self.named(key, item, depth)
        elif isinstance(value, list) and depth > 0 and (references := _list_of_references(value)) is not None:
            self.put(references)
            if hasattr(value, "__dict__"):  # a list with attributes: the blog's pagination
                self.attributes(value, depth)
        elif isinstance(value, (list, tuple, set, frozenset)):
            items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
            self.put(f"{type(value).__name__}[{len(items)}")
            for index, item in enumerate(items):
                self.named(index, item, depth)
            if hasattr(value, "__dict__"):  # a list with attributes: the blog's pagination
                self.attributes(value, depth)
        elif callable(value) and hasattr(value, "__code__"):
            code = value.__code__
            self.put(f"function:{value.__qualname__}|{code.co_code.hex()}|{code.co_consts!r}")
            for cell in value.__closure__ or ():
                self.add(cell.cell_contents, depth + 1)
            self.add(value.__defaults__, depth + 1)
        elif isinstance(value, BasePlugin):  # its settings are in what all pages share
            self.put(f"plugin:{type(value).__module__}.{type(value).__name__}")
        elif hasattr(value, "__dict__"):
            self.put(f"object:{type(value).__module__}.{type(value).__qualname__}")
            self.attributes(value, depth)
        elif " at 0x" in repr(value):
            raise Unreadable(type(value).__name__)
        else:
            self.put(f"{type(value).__name__}:{value!r}")

    def named(self, name, item, depth: int) -> None:
        try:
            self.add(item, depth + 1)
        except Unreadable as error:  # say where: "posts.0.config.…"
            raise Unreadable(f"{name}.{error}") from None

    def attributes(self, value, depth: int) -> None:
        for name, item in sorted(vars(value).items()):
            if name in _SKIPPED_ATTRIBUTES:
                continue
            self.put(name)
            if name in _Memo.unread:
                if name in _SKIPPED_UNLESS_READ:
                    continue
                references = _list_of_references(item, by_address=True) if isinstance(item, list) else None
                if references is not None:
                    self.put(references)
                    continue
            self.named(name, item, depth)


def _reference(item) -> str:
    """Another page, a section or a link, by what a template prints of it, not by its contents: its
    kind, title, address, front matter (a nav entry's icon, status, subtitle), its pagination pages
    and its parents' titles.

    Which of them are active follows from the page (its address is in the key) and the nav."""
    known = _Memo.references.get(id(item))
    if known is not None and known[0] is item:
        return known[1]
    details = _Fingerprint()
    for name in ("meta", "is_index", "typeset", "encrypted"):  # what Material's nav reads besides
        details.named(name, getattr(item, name, None), 0)
    pages = [getattr(p, "url", None) for p in getattr(item, "pages", None) or ()]
    parents = []
    parent = item.parent
    while parent is not None:
        parents.append(parent.title)
        parent = parent.parent
    text = (f"ref:{type(item).__name__}|{item.title}|{getattr(item, 'url', '')}|{pages}|{parents}|"
            + "\x1f".join(details.parts))
    _Memo.references[id(item)] = (item, text)
    return text


def _list_of_references(items: list, by_address: bool = False) -> str | None:
    """A list of other pages only (a view's posts), as ``_reference`` gives them, or ``by_address``
    only, worked out once per build; None for a list that holds anything else."""
    if not items or (_KINDS.get(type(items[0])) or _kind_of(type(items[0]))) != "item":
        return None  # most lists: strings, anchors, authors (the first item tells, cheaply)
    ids = tuple(map(id, items))
    known = _Memo.lists.get((id(items), by_address))
    if known is not None and known[0] is items and known[1] == ids:
        return known[2]
    if any((_KINDS.get(type(item)) or _kind_of(type(item))) != "item" for item in items):
        return None
    # A view's list holds every post, and a hundred pages hold it: its digest only.
    if by_address:
        text = "addresses#" + digest("\n".join(str(getattr(item, "url", None)) for item in items))
    else:
        text = "refs#" + digest("\n".join(_reference(item) for item in items))
    _Memo.lists[(id(items), by_address)] = (items, ids, text)
    return text


_KINDS: dict[type, str] = {}  # a class -> how ``add`` takes its instances (isinstance on ABCs is slow)


def _kind_of(cls: type) -> str:
    if issubclass(cls, (bool, int, float, str, bytes, type(None))):
        kind = "plain"
    elif issubclass(cls, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        kind = "time"
    elif issubclass(cls, type):
        kind = "class"
    elif issubclass(cls, File):
        kind = "file"
    elif issubclass(cls, AnchorLink):
        kind = "anchor"
    elif issubclass(cls, StructureItem) and cls.__name__ != "Excerpt":  # a blog excerpt is what a list prints
        kind = "item"
    else:
        kind = "contents"
    _KINDS[cls] = kind
    return kind


def _entries(items):
    for item in items:
        yield item
        yield from _entries(getattr(item, "children", None) or ())
