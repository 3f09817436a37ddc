"""The settings of one build, read once from MkDocs' configuration and the environment.

The hook file builds a ``Settings`` in ``on_config``; the core takes its folders and flags
from there and never reads MkDocs' configuration or the environment itself.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .parse_cache import CACHE_FOLDER

PREVIEW_VARIABLE = "SHOWCASE_PREVIEW"
# The one rule for a yes in an environment variable (SHOWCASE_PREVIEW=true, =1, =yes, =on).
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """What the core needs to know about this build."""

    root: Path  # the project folder, where mkdocs.yml is
    docs_dir: Path
    preview: bool  # the editors' preview: drafts, 待补充 marks, the tracking dashboard
    use_directory_urls: bool  # brands/x/ (True) or brands/x.html (False)
    posts_dir: str  # the news posts under docs_dir, as Material's blog plugin is configured
    build_date: dt.date  # the day the build judges freshness by: SOURCE_DATE_EPOCH's, or today

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_FOLDER

    @property
    def template_cache_dir(self) -> Path:
        return self.cache_dir / "templates"


def preview_requested(command: str, environ: Mapping[str, str] = os.environ) -> bool:
    """`mkdocs serve` is always the preview; a build is one with SHOWCASE_PREVIEW set to a yes."""
    return command == "serve" or environ.get(PREVIEW_VARIABLE, "").strip().lower() in _TRUE


def posts_dir_of(blog_dir: str, post_dir: str = "{blog}/posts") -> str:
    """Where Material's blog plugin reads posts, from its ``blog_dir`` and ``post_dir`` options."""
    return posixpath.normpath(post_dir.format(blog=posixpath.normpath(blog_dir)))


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so that a reproducible build judges the same day."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
