"""Whole pages remembered between builds: a page whose template context is unchanged is not rendered again.

At 1,000 news posts, Material's templates and the typography pass over each finished page are most
of a build, and ``mkdocs serve`` repeats both for every page on every save, though a save changes a
post and the few news lists that show it. Here a page's key is a fingerprint of everything its
template can see: the page itself (its content, table of contents, title, addresses, metadata, its
neighbours and parents by title and address), the context the plugins added (the blog's excerpts
and pager), the nav with this page's active entries, and, shared by all pages, the configuration,
``mkdocs.yml``, the custom templates, the hooks' own code, the names the typography pass keeps
whole and the versions of the packages that render. The stored value is the finished page, after
the hooks' ``on_post_page``.

What cannot be fingerprinted (an object with no readable state) makes the page render as before,
unstored; so does a render that logs anything. With another plugin's ``on_post_page`` configured,
nothing is cached: the stored page would skip it. ``SHOWCASE_SPEEDUPS=off`` turns this off with the
other speed-ups.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import context_fingerprint
import markdown_renders
from context_fingerprint import Unreadable
from template_reads import is_installed, unread_attributes
from showcase.keyed_cache import KeyedCache, digest, package_versions

CACHE_FILE = "page-renders.pickle"
_PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "pymdown-extensions", "babel", "paginate")


class _Build:
    cache: KeyedCache | None = None
    shared = ""  # the fingerprint of what all pages of the build share
    env = None
    templates: dict[int, str] = {}  # id(page) -> the template it is rendered with, for pages looked up
    keys: dict[int, str] = {}  # id(page) -> key, for pages rendered here and to be stored
    hits: dict[int, str] = {}  # id(page) -> its stored finished page
    served: set[int] = set()  # pages whose template handed back the stored page
    # The preview (``mkdocs serve``) keeps the last build's finished pages in memory as well, by key:
    # a page that did not change is then not decompressed again on every save. A one-off build does
    # not, to keep its peak memory.
    in_memory: dict[str, str] | None = None  # this build's, when kept
    previous: dict[str, str] = {}


def _files_of(folders) -> list[tuple[str, bytes]]:
    """Each file under ``folders`` (compiled Python aside), by its path there, with its bytes."""
    return [(path.relative_to(folder).as_posix(), path.read_bytes())
            for folder in folders for path in sorted(Path(folder).rglob("*"))
            if path.is_file() and "__pycache__" not in path.parts]


def _own_template_folders(config) -> list[Path]:
    """The theme folders that are not an installed package's (whose version stands for them)."""
    return [Path(d) for d in config.theme.dirs if not is_installed(Path(d)) and Path(d).is_dir()]


def begin(config, env, files, folder: Path | None, names, post_page, enabled: bool = True, in_memory: bool = False) -> None:
    """In ``on_env``: this build's cache, and the fingerprint of what every page shares.

    ``post_page`` is the hooks' ``on_post_page``: with any other, nothing is cached. ``in_memory``:
    keep this build's pages in memory for the next build in this process."""
    _Build.cache, _Build.env = None, env
    _Build.previous = (_Build.in_memory or {}) if in_memory else {}
    _Build.in_memory = {} if in_memory else None
    _Build.templates, _Build.keys, _Build.hits, _Build.served = {}, {}, {}, set()
    context_fingerprint.start_build(unread_attributes(config.theme.dirs, context_fingerprint.LEFT_OUT_UNLESS_READ))
    others = [m for m in config.plugins.events.get("post_page", []) if getattr(m, "__func__", m) is not post_page]
    if not enabled or others:
        return
    templates = _files_of(_own_template_folders(config))
    if any(b"build_date_utc" in text for _, text in templates):
        return  # a custom template that prints the build's time changes every page on every build
    try:
        settings = context_fingerprint.configuration(config)
    except Unreadable:
        return
    _Build.shared = digest(
        package_versions(*_PACKAGES),
        Path(config.config_file_path).read_bytes(),
        *(part for name, text in templates for part in (name, text)),
        *(part for name, text in _files_of([Path(__file__).parent]) for part in (name, text)),  # the hooks' code
        "\n".join(names),
        "\n".join(sorted(f"{f.src_uri}\t{f.dest_uri}\t{f.url}" for f in files)),
        settings,
    )
    _Build.cache = KeyedCache(folder, CACHE_FILE, package_versions(*_PACKAGES))


def end() -> None:
    if _Build.cache is not None:
        _Build.cache.save()
    _Build.cache, _Build.previous = None, {}


def look_up(context: dict, page) -> None:
    """In the last ``on_page_context``: serve this page from the cache, or note its key to store it."""
    if _Build.cache is None:
        return
    try:
        key = context_fingerprint.page_key(context, _Build.shared)
    except Unreadable:
        return
    name = page.meta.get("template", "main.html")
    _wrap(_Build.env.get_template(name))
    _Build.templates[id(page)] = name
    stored = _Build.cache.get(key)
    if stored is None:
        _Build.keys[id(page)] = key
    else:
        text = _Build.previous.get(key) or zlib.decompress(stored).decode("utf-8")
        _Build.hits[id(page)] = text
        if _Build.in_memory is not None:
            _Build.in_memory[key] = text


def finish(page, output: str, process) -> str:
    """In ``on_post_page``: the finished page, stored, or ``process(output)`` (stored if nothing logged)."""
    if id(page) in _Build.served:
        _Build.served.discard(id(page))
        return output
    key = _Build.keys.pop(id(page), None)
    if key is None or _Build.cache is None:
        return process(output)
    finished: list[str] = []
    if not markdown_renders.recording(lambda: finished.append(process(output))):
        _Build.cache.put(key, zlib.compress(finished[0].encode("utf-8"), 1))
        if _Build.in_memory is not None:
            _Build.in_memory[key] = finished[0]
    return finished[0]


def _wrap(template) -> None:
    """Let ``template`` hand back a page's stored output instead of rendering it (once per template)."""
    render = template.root_render_func
    if getattr(render, "serves_stored_pages", False):
        return

    def root_render_func(context):
        page = context.get("page")
        if page is None or _Build.templates.get(id(page)) != template.name:
            yield from render(context)  # not looked up, or a parent template of the page's own
            return
        del _Build.templates[id(page)]
        stored = _Build.hits.pop(id(page), None)
        if stored is not None:
            _Build.served.add(id(page))
            yield stored
            return
        chunks: list[str] = []
        if markdown_renders.recording(lambda: chunks.extend(render(context))):
            _Build.keys.pop(id(page), None)  # a render that logged is never stored
        yield "".join(chunks)

    root_render_func.serves_stored_pages = True
    template.root_render_func = root_render_func
