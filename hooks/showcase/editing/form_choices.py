"""What the form editor's selects offer, read from the project's files: brands, projects and posts by
their Chinese names, authors by name, and the pinyin that a news post's address is made from."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field as dataclass_field
from pathlib import Path

import yaml
from pypinyin import lazy_pinyin

from showcase.news import POSTS_FOLDER, registered_authors
from showcase.content.schema import SLUG_PATTERN



@dataclass(frozen=True)
class FormChoices:
    """What the selects that name a brand, project or post offer: (Chinese label, stored value) pairs.

    Read from the files when the preview builds the form's configuration, so a brand saved in the
    form is offered as soon as the preview has rebuilt and the editor page is reloaded.
    """

    masters: list[dict] = dataclass_field(default_factory=list)  # the master brand: a sub-brand's parent
    sub_brands: list[dict] = dataclass_field(default_factory=list)  # a project's parent
    cases: list[dict] = dataclass_field(default_factory=list)  # every brand and project
    posts: list[dict] = dataclass_field(default_factory=list)  # news posts, by title, newest first
    links: list[dict] = dataclass_field(default_factory=list)  # brand and project pages, for links in news


def news_authors(docs_dir: Path) -> list[dict]:
    """The authors registered for the news, as select options: the name shown, the key stored."""
    authors = registered_authors(docs_dir) or {}
    return [{"label": name, "value": key} for key, name in sorted(authors.items())]


def choices_js(choices: FormChoices) -> str:
    """admin/choices.js: what forms.js needs from the files: the pinyin of each common character
    (for a news post's address), the Chinese name of each brand and project, the pages to link to."""
    data = {
        "pinyin": _pinyin_table(),
        "names": {o["value"]: o["label"] for o in choices.cases},
        "links": choices.links,
    }
    return "window.SHOWCASE_FORMS = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


@functools.cache
def _pinyin_table() -> dict[str, str]:
    """The 6,763 characters of GB 2312 (all of common Chinese) → their usual pinyin, without tones."""
    chars = [bytes([high, low]).decode("gb2312") for high in range(0xB0, 0xF8) for low in range(0xA1, 0xFF)
             if not (high == 0xD7 and low > 0xF9)]
    return dict(zip(chars, lazy_pinyin("".join(chars))))


def form_choices(root: Path) -> FormChoices:
    """The brands, projects and posts under ``root`` as the selects offer them, by Chinese name.

    A file that cannot be read is left out here; the preview's check reports it.
    """
    brands = [d for d in _read_all(root / "data" / "brands") if _is_slug(d.get("slug"))]
    projects = [d for d in _read_all(root / "data" / "projects") if _is_slug(d.get("slug"))]
    brands.sort(key=lambda d: (d.get("parent") is not None, _order(d)))
    projects.sort(key=_order)
    brand_options = [{"label": str(d.get("name") or d["slug"]), "value": d["slug"]} for d in brands]
    project_options = [{"label": f"{d.get('tribunal', '')}【{d.get('name') or d['slug']}】", "value": d["slug"]}
                       for d in projects]
    masters = [o for o, d in zip(brand_options, brands) if d.get("parent") is None]
    subs = [o for o, d in zip(brand_options, brands) if d.get("parent") is not None]
    links = [{"label": o["label"], "value": f"../../brands/{o['value']}.md"} for o in brand_options]
    links += [{"label": o["label"], "value": f"../../projects/{o['value']}.md"} for o in project_options]
    return FormChoices(masters=masters, sub_brands=subs, cases=brand_options + project_options,
                       posts=_post_options(root / "docs" / POSTS_FOLDER), links=links)


def _read_all(folder: Path) -> list[dict]:
    found = []
    for path in sorted(folder.glob("*.yml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict):
            found.append(data)
    return found


def _is_slug(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(SLUG_PATTERN, value) is not None


def _order(data: dict) -> tuple:
    order = data.get("order")
    return (order if isinstance(order, int) else 100, str(data.get("slug")))


_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.M)


def _post_options(folder: Path) -> list[dict]:
    """Each post as "标题（2023年12月27日）", its value the path an activity record stores."""
    options = []
    for path in sorted(folder.glob("*.md"), reverse=True):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        front, body = "", text
        if text.startswith("---"):
            front, _, body = text[3:].partition("\n---")
        try:
            meta = yaml.safe_load(front) if front else {}
        except yaml.YAMLError:
            meta = {}
        meta = meta if isinstance(meta, dict) else {}
        heading = _HEADING.search(body)
        title = meta.get("title") or (heading.group(1) if heading else path.stem)
        day = path.name[:10]
        label = f"{title}（{int(day[:4])}年{int(day[5:7])}月{int(day[8:10])}日）" if re.match(r"\d{4}-\d\d-\d\d", day) else title
        options.append({"label": label, "value": f"news/posts/{path.name}"})
    return options
