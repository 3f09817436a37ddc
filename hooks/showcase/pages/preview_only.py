"""Preview-only pages: what the editors' preview shows and the public build leaves out.

The editors' guide, the tracking dashboard and any other page for the media team live
under the paths below. The public build drops them from its files, so they are in none
of its pages, nav, sitemap or search index; the preview (``mkdocs serve``, or a build
with SHOWCASE_PREVIEW=true) keeps them. To make another page preview-only, add its path
(a folder ending in "/", or one page) here; nothing else needs to change.
"""

from __future__ import annotations

from typing import Any

PREVIEW_ONLY_PATHS: tuple[str, ...] = (
    "editors/",  # 编辑园地: the editors' guide
    "tracking.md",  # 品牌跟踪问效: the tracking dashboard
    "admin/",  # 网页表单编辑: the form editor (make edit)
)


def is_preview_only(src_uri: str, paths: tuple[str, ...] = PREVIEW_ONLY_PATHS) -> bool:
    """True for a source path (``editors/index.md``) that only the preview may show."""
    return any(src_uri == path or (path.endswith("/") and src_uri.startswith(path)) for path in paths)


def public_nav(nav: list[Any], paths: tuple[str, ...] = PREVIEW_ONLY_PATHS) -> list[Any]:
    """The nav (MkDocs' format) without preview-only pages, and without sections left empty."""
    kept = []
    for entry in nav:
        if isinstance(entry, dict):
            entry = {title: _public_target(target, paths) for title, target in entry.items()}
            entry = {title: target for title, target in entry.items() if target not in (None, [])}
            if entry:
                kept.append(entry)
        elif isinstance(entry, str) and is_preview_only(entry, paths):
            continue
        else:
            kept.append(entry)
    return kept


def _public_target(target: Any, paths: tuple[str, ...]) -> Any:
    if isinstance(target, list):
        return public_nav(target, paths)
    if isinstance(target, str) and is_preview_only(target, paths):
        return None
    return target
