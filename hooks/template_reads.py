"""Which of a few page attributes no template of the theme reads: what the page cache may leave out.

A template reads an attribute by its name: ``page.posts``, ``page["posts"]``, ``attr("posts")``.
The theme's folders (``overrides/`` and Material's own) are searched for the name after a dot or
in quotes; a variable of the same name (the context's ``posts``) does not count. MkDocs-specific,
hence here in the adapter's folder.
"""

from __future__ import annotations

import re
from pathlib import Path

_TEMPLATE_SUFFIXES = (".html", ".xml", ".j2", ".jinja")
_read_in_installed: dict[tuple[Path, frozenset[str]], frozenset[str]] = {}  # an installed theme stays as it is


def is_installed(folder: Path) -> bool:
    """A theme folder of an installed package (Material's), not one of the project's own (overrides/)."""
    return "site-packages" in folder.parts


def unread_attributes(theme_dirs, names: frozenset[str]) -> frozenset[str]:
    """Those of ``names`` that no template under ``theme_dirs`` reads."""
    read: set[str] = set()
    for folder in map(Path, theme_dirs):
        if not is_installed(folder):
            read |= _read_in(folder, names)
        else:
            if (folder, names) not in _read_in_installed:
                _read_in_installed[folder, names] = _read_in(folder, names)
            read |= _read_in_installed[folder, names]
    return names - read


def _read_in(folder: Path, names: frozenset[str]) -> frozenset[str]:
    """Those of ``names`` that a template under ``folder`` reads."""
    if not names:
        return frozenset()
    alternatives = "|".join(map(re.escape, sorted(names)))
    reading = re.compile(rf"""\.\s*({alternatives})\b|["']({alternatives})["']""")
    found: set[str] = set()
    for path in folder.rglob("*"):
        if path.suffix in _TEMPLATE_SUFFIXES and path.is_file():
            for match in reading.finditer(path.read_text(encoding="utf-8", errors="replace")):
                found.add(match.group(1) or match.group(2))
    return frozenset(found)
