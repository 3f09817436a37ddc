"""A news post's photo: the front matter's ``image`` (src relative to docs/, and alt) under its title.

Material's blog has no field for a post's picture, and the form editor cannot insert one into
the Markdown body without its rich-text mode (which rewrites Markdown). So the photo is a field
like a brand's images, with the same path rule, and is placed here, under the first heading.
"""

from __future__ import annotations

import posixpath
import re

import yaml

from showcase.news import FRONT_MATTER

_HEADING = re.compile(r"^#[ \t]+.*$", re.M)


def photo_src(post_text: str) -> str | None:
    """The ``image.src`` of a post's front matter (relative to docs/), if it has one and reads well."""
    front = FRONT_MATTER.match(post_text)
    try:
        data = yaml.safe_load(front.group(1) or "") if front else None
    except yaml.YAMLError:
        return None  # `make check` names the problem; this only counts
    image = data.get("image") if isinstance(data, dict) else None
    src = image.get("src") if isinstance(image, dict) else None
    return src if isinstance(src, str) else None


def with_photo(markdown: str, image: object, src_uri: str) -> str:
    """``markdown`` with ``![alt](relative path)`` after its first "# " heading (or at the top)."""
    if not isinstance(image, dict) or not isinstance(image.get("src"), str):
        return markdown
    alt = re.sub(r"([\[\]\\])", r"\\\1", str(image.get("alt") or ""))
    target = posixpath.relpath(image["src"], posixpath.dirname(src_uri))
    photo = f"\n\n![{alt}]({target}){{ .sc-news-photo }}\n\n"
    heading = _HEADING.search(markdown)
    at = heading.end() if heading else 0
    return markdown[:at] + photo + markdown[at:].lstrip("\n")
