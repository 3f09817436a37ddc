"""Render page models to Markdown with Jinja templates from ``templates/``.

Every data value reaches the Markdown through one of two filters: ``text`` for
plain fields (HTML and Markdown syntax both neutralised) or ``md`` for fields the
schema marks as Markdown (Markdown kept, raw HTML neutralised); both are defined in
``escaping``, which the news pages use too. Autoescape is on as a safety net for a
value that misses both.
"""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Iterator
from pathlib import Path

import jinja2
import jinja2.bccache
from markupsafe import escape

from showcase.content.gc_pause import collector_paused
from showcase.pages.escaping import markdown_text, plain_text
from showcase.pages.models import PATHS, PageModel, brand_uri
from showcase.content.schema import Honour, Site
from showcase.pages.timeline import UNDATED_LABEL, honour_verb


def date_label(honour: Honour) -> str:
    """An honour's date at the precision the source gives, never more."""
    if honour.date is None:
        return UNDATED_LABEL
    return partial_date(honour.date)


@functools.lru_cache(maxsize=1024)  # a few hundred distinct dates, printed tens of thousands of times
def partial_date(date: str) -> str:
    """"2022" → 2022年, "2023-05" → 2023年5月, "2023-12-27" → 2023年12月27日."""
    parts = [int(p) for p in date.split("-")]
    return "".join(f"{n}{unit}" for n, unit in zip(parts, ("年", "月", "日")))


def html_attribute(value: object) -> str:
    """Plain text for front matter and HTML attributes, which MkDocs' templates do not escape."""
    return str(escape(" ".join(str(value).split())))


class Renderer:
    """Renders the pages of one site. ``preview`` shows what the data still lacks.

    Templates get the page's own context, the site-wide facts (``site``), the page paths
    (``paths``) and the link helpers; nothing else, so that everything a page shows comes from
    its page model.
    """

    def __init__(
        self,
        site: Site,
        templates: Path,
        preview: bool = False,
        directory_urls: bool = True,
        cache_dir: Path | None = None,
        moved: dict[str, str] | None = None,
    ):
        """``cache_dir``, when given, keeps the compiled templates between builds (Jinja checks their source)."""
        self.site = site
        self.preview = preview
        self.directory_urls = directory_urls
        self.moved = moved or {}  # source paths the engine gets elsewhere: news posts at their addresses
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # A Renderer lives for one build: no need to look for changed templates on every page.
            auto_reload=False,
            bytecode_cache=compiled_templates(cache_dir) if cache_dir else None,
        )
        self.env.filters.update(text=plain_text, md=markdown_text, date_label=date_label, partial_date=partial_date,
                                honour_verb=honour_verb)

    def render_all(self, pages: list[PageModel]) -> Iterator[tuple[PageModel, str]]:
        """Every page with its Markdown, in order."""
        with collector_paused():
            for page in pages:
                yield page, self.render(page)

    def render(self, page: PageModel) -> str:
        """The full Markdown source of ``page``: front matter, then body."""
        template = self.env.get_template(page.template)

        source_folder = posixpath.dirname(page.src_uri) or "."
        url_folder = posixpath.dirname(self._url_of(page.src_uri)) or "."

        def link(target: str) -> str:
            """A Markdown link to another source file; MkDocs turns it into a URL and checks it."""
            return _relative(self.moved.get(target, target), source_folder)

        def url(target: str) -> str:
            """The final relative URL of another page, for raw HTML that MkDocs does not rewrite."""
            there = self._url_of(self.moved.get(target, target))
            relative = _relative(there or ".", url_folder)
            return relative + "/" if there.endswith("/") or there == "" else relative

        body = template.render(
            page=page,
            site=self.site,
            paths=PATHS,
            preview=self.preview,
            link=link,
            url=url,
            brand_url=lambda item: url(brand_uri(item)),
            brand_link=lambda item: link(brand_uri(item)),
            **page.context,
        )
        meta = {"title": html_attribute(page.title), "description": html_attribute(page.description)}
        if page.hide:
            meta["hide"] = list(page.hide)
        if page.scripts:
            meta["scripts"] = list(page.scripts)
        return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{body}"

    def _url_of(self, src_uri: str) -> str:
        return url_of(src_uri, self.directory_urls)


def url_of(src_uri: str, directory_urls: bool = True) -> str:
    """Where an engine publishes ``src_uri``: brands/x.md → brands/x/ (or brands/x.html)."""
    stem = src_uri.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


# Pages link to the same few hundred targets from the same few folders; relpath is slow enough to matter.
_relative = functools.lru_cache(maxsize=4096)(posixpath.relpath)


class _KeptTemplates(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between builds. A folder it cannot write only costs the compiling."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def compiled_templates(folder: Path) -> jinja2.BytecodeCache | None:
    """Jinja's compiled templates kept in ``folder``, by template and source checksum (also used
    for the theme's templates, which MkDocs compiles afresh on every build)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only checkout still builds, compiling the templates each time
    return _KeptTemplates(str(folder))
