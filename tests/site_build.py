"""Build the real site, or a modified copy of the project, with ``mkdocs build --strict``."""

from __future__ import annotations

import shutil
from pathlib import Path

from strict_build import run_build  # noqa: F401 - the tests' way to build, shared with the tools

REPO = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides", "templates")


def copy_project(target: Path) -> Path:
    """A copy of everything the build reads, to change without touching the real project."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / part)
    return target
