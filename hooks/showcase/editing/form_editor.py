"""The form editor's configuration (Decap CMS ``config.yml``), generated from the schema.

The pydantic models in ``schema.py`` stay the one source of truth: every field of every
record becomes a form field with the schema's Chinese description as its hint. Nothing
here knows MkDocs; ``admin_files`` puts the result into the editors' preview.

Widgets by type: enumerations (``Literal``) → select, references to brands, projects and posts
→ select by Chinese name (the options come from the files, see ``FormChoices``), lists → list,
nested records → object, Markdown in data files → the Markdown widget limited to its raw mode
(the rich-text mode rewrites valid Markdown, decap-cms issue 4360), partial dates → text with the
schema's pattern, so that a year alone is saved as the string "2023". The news body is rich text.

The words the hints use are the schema's descriptions, except where those speak of the file
(``true``, quotes, paths): ``FORM_HINTS`` gives the form's own words for those fields.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

from pydantic.fields import FieldInfo

from showcase.editing.form_choices import FormChoices
from showcase.news import POSTS_FOLDER
from showcase.editing.form_words import (
    BODY_HINT, COLLECTION_HELP, DRAFT_DEFAULT_HINT, FORM_HINTS, LABELS, MARKDOWN_HINT, MODEL_LABELS,
    RECORD_DRAFT_HINT, REFERENCES, SUMMARY_HINT,
)
from showcase.content.schema import PATTERN_HELP, Activity, ActivityLog, Brand, Honour, Image, NewsPost, Project, Record, Site

# The form editor's own script (words, file formats, what happens before and after saving), and the
# YAML reader and writer it uses (js-yaml, pinned in package.json).
FORMS_SCRIPT = Path(__file__).with_name("forms.js")
YAML_SCRIPT = Path("node_modules", "js-yaml", "dist", "js-yaml.min.js")

# Where the files live, relative to the project folder (decap-server's repository root).
IMAGES_FOLDER = "docs/images"

def editor_config(backend_url: str, authors: list | None = None, choices: FormChoices | None = None) -> dict[str, Any]:
    """The whole configuration: the local backend at ``backend_url`` and one collection per kind."""
    choices = choices or FormChoices()
    return {
        "backend": {"name": "proxy", "proxy_url": backend_url, "branch": "main"},
        "locale": "zh_Hans",
        "media_folder": IMAGES_FOLDER,
        "public_folder": "images",  # image paths in data files are relative to docs/
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            _folder("brands", "品牌", Brand, "name", choices),
            _folder("projects", "法庭特色项目", Project, "name", choices, summary="{{tribunal}}【{{name}}】"),
            _folder("honours", "荣誉", Honour, "title", choices, summary="{{title}}（{{recipient}}）"),
            _folder("activities", "活动记录", ActivityLog, "brand", choices, slug="{{fields.brand}}"),
            _news(authors or [], choices),
            {
                "name": "site",
                "label": "全站信息",
                "editor": {"preview": False},
                "files": [
                    {"name": "site", "label": "全站信息", "file": "data/site.yml", "format": DATA_FORMAT,
                     "fields": _fields(Site, choices=choices)},
                ],
            },
        ],
    }


# The formats forms.js registers: YAML that keeps the file's comment lines, and a news post whose
# excerpt (before <!-- more -->) is a field of its own.
DATA_FORMAT = "data-yml"
NEWS_FORMAT = "news-post"


def _folder(kind: str, label: str, model: type[Record], identifier: str, choices: FormChoices,
            slug: str = "{{fields.slug}}", summary: str | None = None) -> dict:
    return {
        "name": kind,
        "label": label,
        "label_singular": label,
        "description": COLLECTION_HELP[kind],
        "folder": f"data/{kind}",
        "extension": "yml",
        "format": DATA_FORMAT,
        "create": True,
        "identifier_field": identifier,
        "slug": slug,
        "summary": summary or "{{" + identifier + "}}",
        "editor": {"preview": False},
        "fields": _fields(model, choices=choices),
    }


def _news(authors: list, choices: FormChoices) -> dict:
    fields = {f["name"]: f for f in _fields(NewsPost, authors=authors, choices=choices)}
    fields["title"]["required"] = True  # a post made in the form has its title here, not as "# 标题"
    fields["description"]["required"] = False  # forms.js fills it from the excerpt when left empty
    summary = {"name": "summary", "label": "导语", "widget": "text", "hint": SUMMARY_HINT}
    body = {"name": "body", "label": "正文", "widget": "markdown", "hint": BODY_HINT,
            "modes": ["rich_text", "raw"], "buttons": RICH_TEXT_BUTTONS,
            "editor_components": ["case-link"]}
    order = ["title", "draft", "date", "summary", "body", "image", "categories", "authors", "description",
             "slug", "pin", "readtime"]
    fields["summary"], fields["body"] = summary, body
    return {
        "name": "news",
        "label": "新闻",
        "label_singular": "新闻",
        "folder": f"docs/{POSTS_FOLDER.as_posix()}",  # Decap names folders from the project root
        "extension": "md",
        "format": NEWS_FORMAT,
        "create": True,
        "identifier_field": "title",
        "slug": "{{fields.date}}-{{fields.slug}}",
        "summary": "{{title}}（{{date}}）",
        "sortable_fields": ["date", "title"],
        "editor": {"preview": False},
        "fields": [fields[name] for name in order] + [f for n, f in fields.items() if n not in order],
    }


# The rich-text toolbar: what a news post needs, and nothing that writes HTML or code.
RICH_TEXT_BUTTONS = ["bold", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"]


def _fields(model: type[Record], *, authors: list | None = None, choices: FormChoices | None = None,
            nested: bool = False) -> list[dict]:
    choices = choices or FormChoices()
    return [_field(model, name, info, authors=authors, choices=choices, nested=nested)
            for name, info in model.model_fields.items()]


def _field(model, name: str, info: FieldInfo, *, authors, choices: FormChoices, nested: bool) -> dict:
    annotation, optional = _unwrap_optional(info.annotation)
    label = MODEL_LABELS.get((model, name)) or LABELS.get(name, name)
    hint = (FORM_HINTS.get((model, name)) or info.description or "").replace("可用 Markdown。", MARKDOWN_HINT)
    field: dict[str, Any] = {"name": name, "label": label, "hint": hint}
    if optional or not info.is_required():
        field["required"] = False
    field.update(_widget(model, name, annotation, info, authors=authors, choices=choices))
    if field.get("required") is False and field["widget"] == "object":
        # Decap checks the parts of an optional object even when it is left empty: the parts are
        # optional in the form, and `make check` asks for the rest once one of them is filled.
        for part in field["fields"]:
            part["required"] = False
    if name == "draft" and not nested:
        field["default"] = True  # new entries start as drafts
        field["hint"] = DRAFT_DEFAULT_HINT
    elif name == "draft":
        # A default inside a list item would make Decap add an item to every new list: forms.js marks
        # the records that a save adds as drafts instead.
        field["hint"] = RECORD_DRAFT_HINT
    elif not nested and not info.is_required() and isinstance(info.default, (str, int)) \
            and not isinstance(info.default, bool) and field["widget"] in ("select", "number"):
        # A default inside a list item would make Decap add one item to every new list.
        field["default"] = info.default
    return field


def _widget(model, name: str, annotated, info: FieldInfo, *, authors, choices: FormChoices) -> dict:
    pattern, annotation = _pattern(annotated, info), _base(annotated)
    if (model, name) in REFERENCES:
        return {"widget": "select", "options": getattr(choices, REFERENCES[model, name])}
    if model is NewsPost and name == "authors":
        return {"widget": "select", "multiple": True, "options": authors or []}
    if typing.get_origin(annotation) is Literal:
        return {"widget": "select", "options": list(typing.get_args(annotation))}
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is int:
        return {"widget": "number", "value_type": "int", **_bounds(annotated, info)}
    if _is_number(annotation):
        return {"widget": "number", "value_type": "float"}
    if isinstance(annotation, type) and issubclass(annotation, Record):
        if annotation is Image:
            return {"widget": "object", "collapsed": False, "fields": _image_fields()}
        return {"widget": "object", "fields": _fields(annotation, choices=choices, nested=True)}
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        item, _ = _unwrap_optional(item)
        if isinstance(item, type) and issubclass(item, Record):
            fields = _image_fields() if item is Image else _fields(item, choices=choices, nested=True)
            return {"widget": "list", "fields": fields, "summary": LIST_SUMMARIES.get(item, "")}
        return {"widget": "list", "field": {"name": name, "label": LABELS.get(name, name), "widget": "string"}}
    if _is_markdown(annotated, info):
        return {"widget": "markdown", "modes": ["raw"], "buttons": [], "editor_components": []}
    widget: dict[str, Any] = {"widget": "string"}
    if pattern:
        widget["pattern"] = [pattern, _pattern_message(pattern)]
    return widget


# What a list item shows while it is folded: its name, not "（无标题）".
LIST_SUMMARIES = {Activity: "{{fields.date}} {{fields.title}}"}


def _image_fields() -> list[dict]:
    """An image: the file (uploaded into docs/images/, written as images/…) and its alt text."""
    fields = _fields(Image, nested=True)
    fields[0].update({"widget": "image", "choose_url": False})
    fields[0].pop("pattern", None)
    return fields


def _unwrap_optional(annotation) -> tuple[Any, bool]:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) < len(typing.get_args(annotation)):
            return (args[0] if len(args) == 1 else Union[tuple(args)]), True
    return annotation, False


def _is_number(annotation) -> bool:
    return typing.get_origin(annotation) in (Union, types.UnionType) and set(typing.get_args(annotation)) == {int, float}


def _metadata(annotation, info: FieldInfo) -> list:
    """The constraints of a field: on the field itself, or inside an optional ``Annotated`` type."""
    inner = list(getattr(annotation, "__metadata__", ()))
    return list(info.metadata) + inner + [m for item in inner if isinstance(item, FieldInfo) for m in item.metadata]


def _pattern(annotation, info: FieldInfo) -> str | None:
    for item in _metadata(annotation, info):
        pattern = getattr(item, "pattern", None)
        if pattern:
            return pattern
    return None


def _is_markdown(annotation, info: FieldInfo) -> bool:
    for item in [info, *_metadata(annotation, info)]:
        extra = getattr(item, "json_schema_extra", None)
        if isinstance(extra, dict) and extra.get("format") == "markdown":
            return True
    return False


def _bounds(annotation, info: FieldInfo) -> dict:
    bounds = {}
    for item in _metadata(annotation, info):
        if getattr(item, "ge", None) is not None:
            bounds["min"] = item.ge
        if getattr(item, "le", None) is not None:
            bounds["max"] = item.le
    return bounds


def _base(annotation):
    """``Annotated[str, …]`` → ``str``."""
    return getattr(annotation, "__origin__", annotation) if hasattr(annotation, "__metadata__") else annotation


def _pattern_message(pattern: str) -> str:
    """The schema's own words (``PATTERN_HELP``, which `make check` uses too)."""
    return PATTERN_HELP.get(pattern, "写法不对，请看下面的说明。")


