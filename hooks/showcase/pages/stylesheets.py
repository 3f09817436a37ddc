"""The site's own stylesheets as served: their rules without the comments that explain them.

The sources under docs/stylesheets/ say why each rule is there; a reader's phone need not download
that (the comments are about 40 % of their gzip weight, and the home page has 100 KB in all).
"""

from __future__ import annotations

import re

# A quoted string is kept as it is (it may hold "/*"); a comment goes.
_STRING_OR_COMMENT = re.compile(r"""("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|/\*.*?\*/""", re.S)
_BLANK_LINES = re.compile(r"\n[ \t]*(?=\n)")


def without_comments(css: str) -> str:
    """``css`` without its comments, and without the blank lines they leave."""
    kept = _STRING_OR_COMMENT.sub(lambda match: match.group(1) or "", css)
    return _BLANK_LINES.sub("", kept).lstrip()
