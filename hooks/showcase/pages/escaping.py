"""How a data value enters the Markdown that the core writes, one way for each kind of field.

The templates reach these through render's filters (``text`` and ``md``); the news pages, which
news_site writes without templates, call them directly. A plain field has HTML and Markdown syntax
both neutralised; a field the schema marks as Markdown keeps its Markdown, and raw HTML in it
shows as text.
"""

from __future__ import annotations

import string

from markupsafe import Markup

_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# Needs pymdownx.escapeall, which makes every backslash-escaped character literal.
_MARKDOWN_PUNCTUATION = set(string.punctuation) - set(_HTML_ENTITIES)
_PLAIN_TEXT = str.maketrans({**_HTML_ENTITIES, **{char: "\\" + char for char in _MARKDOWN_PUNCTUATION}})


def plain_text(value: object) -> Markup:
    """A plain field, safe anywhere in Markdown: nothing in it is markup."""
    return Markup(" ".join(str(value).split()).translate(_PLAIN_TEXT))


def markdown_text(value: object) -> Markup:
    """A Markdown field: its Markdown works, raw HTML shows as text."""
    return Markup(str(value).replace("&", "&amp;").replace("<", "&lt;"))
