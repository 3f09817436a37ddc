"""A Content-Security-Policy that matches the built site: no 'unsafe-inline', hashes instead.

Pure Python, no MkDocs: ``scan_site`` reads the built HTML, ``content_security_policy`` writes
the header value. tools/release/publish.py puts it into the nginx configuration of every release, so the
policy always allows exactly the inline code the site contains.

What the browser checks, and therefore what is hashed (CSP Level 3):

* Inline ``<script>`` elements without ``src`` that the browser runs (no ``type``, a JavaScript
  type, ``module``, ``importmap`` or ``speculationrules``). Material writes one that defines
  ``__md_scope``/``__md_get`` (its text differs with the page's depth, so there are several),
  one for tabbed content, and overrides/main.html one for the reading settings.
  ``<script type="application/json">`` (Material's ``__config``) is a data block: never run,
  never checked by CSP, so it needs no hash even though its text differs on every page.
* Inline ``<style>`` elements: hashed into style-src.
* ``style="…"`` attributes: a hash only matches them together with 'unsafe-hashes', which
  allows nothing but those exact declarations. That is much stricter than 'unsafe-inline'
  and is what the build-time SVG charts need. Styles set from JavaScript through
  ``element.style`` (CSSOM), as Material does for tooltips, are not checked by CSP at all.

Event-handler attributes (``onclick=…``) and ``javascript:`` URLs would need 'unsafe-inline'
(or 'unsafe-hashes' for scripts); they are reported as problems instead, and publishing stops.

Hashes are SHA-256 over the UTF-8 bytes of the element's text exactly as the browser sees it:
line breaks normalised to ``\\n`` (the HTML parser does that before anything else), character
references left as written (script and style text is raw text).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Types of <script> that the browser runs (HTML: "JavaScript MIME type essence match", plus the
# special types). Anything else — application/json, application/ld+json, text/template — is data.
_JS_TYPES = {
    "",
    "module",
    "importmap",
    "speculationrules",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}

# Directives besides script-src and style-src. default-src 'none' so that anything not listed
# here (frames, objects, media, prefetches) is refused.
BASE_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),
    # Material's inline SVG icons are data: URLs in its CSS (mask-image).
    ("img-src", "'self' data:"),
    # No web fonts are loaded (theme.font: false); 'self' keeps a future local font working.
    ("font-src", "'self'"),
    # Material fetches search/search_index.json; the search worker needs nothing else.
    ("connect-src", "'self'"),
    # The search worker is a same-origin file (assets/javascripts/workers/search.*.js), not a blob.
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    # The site must not be framed (clickjacking); X-Frame-Options says the same to old browsers.
    ("frame-ancestors", "'none'"),
)


def csp_hash(text: str) -> str:
    """The CSP source expression for ``text``: ``'sha256-<base64>'``."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normalised.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class InlineCode:
    """Inline code found in the site: each CSP hash with the pages (relative paths) that use it."""

    scripts: dict[str, set[str]] = field(default_factory=dict)
    styles: dict[str, set[str]] = field(default_factory=dict)
    style_attributes: dict[str, set[str]] = field(default_factory=dict)
    # (page, description) of code that no hash can allow: event handlers, javascript: URLs.
    problems: list[tuple[str, str]] = field(default_factory=list)

    def add(self, other: InlineCode) -> None:
        for mine, theirs in (
            (self.scripts, other.scripts),
            (self.styles, other.styles),
            (self.style_attributes, other.style_attributes),
        ):
            for digest, pages in theirs.items():
                mine.setdefault(digest, set()).update(pages)
        self.problems.extend(other.problems)


class _InlineCodeParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.found = InlineCode()
        self._open: tuple[str, dict[str, set[str]]] | None = None  # (tag, where its hash goes)
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check_attributes(tag, attrs)
        values = {name: value or "" for name, value in attrs}
        if tag == "script" and "src" not in values and values.get("type", "").strip().lower() in _JS_TYPES:
            self._open, self._text = ("script", self.found.scripts), []
        elif tag == "style":
            self._open, self._text = ("style", self.found.styles), []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <script/> in HTML still opens a script element, but the parser would not switch to raw
        # text for it; only attributes matter here (SVG's self-closed elements).
        self._check_attributes(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            self._open[1].setdefault(csp_hash("".join(self._text)), set()).add(self.page)
            self._open, self._text = None, []

    def _check_attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "style" and value is not None:
                self.found.style_attributes.setdefault(csp_hash(value), set()).add(self.page)
            elif name.startswith("on") and len(name) > 2:
                self.found.problems.append((self.page, f"<{tag} {name}=…> 是内联事件属性"))
            elif name in {"href", "src", "action", "formaction"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.problems.append((self.page, f'<{tag} {name}="javascript:…"> 是内联脚本网址'))


def scan_html(html: str, page: str = "") -> InlineCode:
    """Inline scripts, styles and style attributes of one HTML document."""
    parser = _InlineCodeParser(page)
    parser.feed(html)
    parser.close()
    return parser.found


def scan_site(site_dir: Path) -> InlineCode:
    """Inline code of every ``*.html`` file under ``site_dir``, in a fixed order."""
    found = InlineCode()
    for path in sorted(Path(site_dir).rglob("*.html")):
        page = path.relative_to(site_dir).as_posix()
        found.add(scan_html(path.read_text(encoding="utf-8"), page))
    return found


def content_security_policy(found: InlineCode | Iterable[InlineCode]) -> str:
    """The header value allowing exactly the inline code in ``found`` (one site, or several)."""
    merged = InlineCode()
    for part in [found] if isinstance(found, InlineCode) else found:
        merged.add(part)
    script_src = ["'self'", *sorted(merged.scripts)]
    style_src = ["'self'"]
    if merged.style_attributes:
        style_src.append("'unsafe-hashes'")
    style_src += sorted(set(merged.styles) | set(merged.style_attributes))
    directives = [
        BASE_DIRECTIVES[0],
        ("script-src", " ".join(script_src)),
        ("style-src", " ".join(style_src)),
        *BASE_DIRECTIVES[1:],
    ]
    return "; ".join(f"{name} {value}" for name, value in directives)


def parse_policy(policy: str) -> dict[str, list[str]]:
    """``{"script-src": ["'self'", …], …}`` from a header value, to check a policy against a site."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    return directives
