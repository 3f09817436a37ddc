"""The settings of one build, read once from the project folder and the environment.

The command line (``python -m showcase build|generate|finish``) and the MkDocs shim each make
one ``Settings`` with ``for_project``; the core takes its folders, flags and addresses from there
and never reads an engine's configuration or the environment itself (``tests/test_structure.py``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from showcase import address
from showcase.news import POSTS_FOLDER
from showcase.content.parse_cache import CACHE_FOLDER

PREVIEW_VARIABLE = "SHOWCASE_PREVIEW"
# make offline: Material's offline plugin (mkdocs.yml) turns links into .html files; the core's links follow.
OFFLINE_VARIABLE = "SHOWCASE_OFFLINE"
# decap-server's address for the form editor; showcase/editing/editor_servers.py and the tests set it to the port they start it on.
EDITOR_BACKEND_VARIABLE = "SHOWCASE_EDITOR_BACKEND"
DEFAULT_EDITOR_BACKEND = "http://127.0.0.1:8081/api/v1"
# The one rule for a yes in an environment variable (SHOWCASE_PREVIEW=true, =1, =yes, =on).
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """What the core needs to know about this build."""

    root: Path  # the project folder, where mkdocs.yml is
    docs_dir: Path
    preview: bool  # the editors' preview: drafts, 待补充 marks, the tracking dashboard
    use_directory_urls: bool  # brands/x/ (True) or brands/x.html (False)
    posts_dir: str  # the news posts under docs_dir
    build_date: dt.date  # the day the build judges freshness by: SOURCE_DATE_EPOCH's, or today
    site_url: str | None = None  # SITE_URL as given, over data/site.yml's url; None when unset
    editor_backend: str = DEFAULT_EDITOR_BACKEND  # where the form editor's files are served from

    @classmethod
    def for_project(cls, root: Path, command: str = "build", *, use_directory_urls: bool = True,
                    environ: Mapping[str, str] = os.environ) -> Settings:
        """The settings of a build of the project in ``root`` by ``command`` (serve, build …)."""
        return cls(
            root=root,
            docs_dir=root / "docs",
            preview=preview_requested(command, environ),
            use_directory_urls=use_directory_urls and environ.get(OFFLINE_VARIABLE, "").strip().lower() not in _TRUE,
            posts_dir=POSTS_FOLDER.as_posix(),
            build_date=build_date(environ),
            site_url=environ.get(address.ENV_VARIABLE) or None,  # over data/site.yml's url
            editor_backend=environ.get(EDITOR_BACKEND_VARIABLE) or DEFAULT_EDITOR_BACKEND,
        )

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


def build_date(environ: Mapping[str, str] = os.environ) -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so that a reproducible build judges the same day."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
