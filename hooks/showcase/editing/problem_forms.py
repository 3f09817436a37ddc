"""Which form fixes a reported problem: the files a report names, linked to their forms in the editor.

The preview's error page (mkdocs_commands) and the editor's 检查并打包 page (showcase/editing/editor_servers.py) list
the files that have problems; each becomes a link to the form that edits it, named by its entry.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from showcase.editing.admin_files import ADMIN_FOLDER, DEFAULT_BACKEND
from showcase.editing.form_editor import editor_config
from showcase.news import FRONT_MATTER


def entry_form(path: str) -> tuple[str, str] | None:
    """(address of the form, kind of entry) for the file ``path`` (relative to the project), if it has
    a form: data/honours/x.yml → ("/admin/#/collections/honours/entries/x", "荣誉")."""
    for collection in editor_config(DEFAULT_BACKEND)["collections"]:
        folder, extension = collection.get("folder"), collection.get("extension")
        if folder and path.startswith(folder + "/") and path.endswith("." + extension):
            slug = path[len(folder) + 1 : -len(extension) - 1]
            return f"/{ADMIN_FOLDER}/#/collections/{collection['name']}/entries/{slug}", collection["label"]
        for file in collection.get("files", []):
            if file["file"] == path:
                return f"/{ADMIN_FOLDER}/#/collections/{collection['name']}/entries/{file['name']}", file["label"]
    return None


_FILE_IN_REPORT = re.compile(r"(?:data|docs)/[^\s:：，。]+\.(?:yml|yaml|md)")
_NAMING_FIELDS = ("name", "title")
_HEADING = re.compile(r"^#[ \t]+(.+)$", re.M)


def form_links(report: str, root: Path | None = None) -> list[dict[str, str]]:
    """The files that a report of problems names, in order and once each, with the address of the form
    and a label for the link: the kind of entry and, when the file in ``root`` still reads, its name."""
    links: dict[str, dict[str, str]] = {}
    for path in _FILE_IN_REPORT.findall(report):
        form = entry_form(path)
        if form and path not in links:
            name = _entry_name(root / path) if root else None
            label = f"{form[1]}：{name}" if name else form[1]
            links[path] = {"file": path, "url": form[0], "label": label}
    return list(links.values())


def _entry_name(path: Path) -> str | None:
    """The entry's name or title (a post's title or first heading), if the file still reads."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    heading = None
    if path.suffix == ".md":
        front = FRONT_MATTER.match(text)
        heading = _HEADING.search(text)
        text = (front.group(1) or "") if front else ""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    names = [data.get(field) for field in _NAMING_FIELDS] if isinstance(data, dict) else []
    for name in [*names, heading.group(1) if heading else None]:
        if isinstance(name, str) and name.strip():
            return name.strip()
    return None
