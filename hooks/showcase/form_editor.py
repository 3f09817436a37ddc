"""The form editor's configuration (Decap CMS ``config.yml``), generated from the schema.

The pydantic models in ``schema.py`` stay the one source of truth: every field of every
record becomes a form field with the schema's Chinese description as its hint. Nothing
here knows MkDocs; ``admin_files`` puts the result into the editors' preview.

Widgets by type: enumerations (``Literal``) → select, references to brands → relation,
lists → list, nested records → object, Markdown → the Markdown widget limited to its raw
mode (the rich-text mode rewrites valid Markdown, decap-cms issue 4360), partial dates →
text with the schema's pattern, so that a year alone is saved as the string "2023".
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

from pydantic.fields import FieldInfo

from .json_schema import MODEL_HELP
from .news import _known_authors
from .schema import (
    DATE_PATTERN,
    FULL_DATE_PATTERN,
    SLUG_PATTERN,
    ActivityLog,
    Brand,
    Honour,
    Image,
    NewsPost,
    Project,
    Record,
    Site,
)

# Where the files live, relative to the project folder (decap-server's repository root).
IMAGES_FOLDER = "docs/images"
POSTS_FOLDER = "docs/news/posts"

# Chinese labels of fields; the hint under each field is the schema's description.
LABELS = {
    "slug": "网址名", "draft": "草稿", "name": "名称", "slogan": "口号", "branch": "党支部", "order": "顺序",
    "summary": "一句话简介", "logo": "品牌标识", "meaning": "品牌内涵", "background": "创建背景",
    "practices": "主要做法", "results": "工作成效", "cases": "典型案例", "images": "图片", "parent": "上级品牌",
    "tribunal": "人民法庭", "title": "标题", "level": "级别", "kind": "类别", "status": "状态",
    "recipient": "获得者", "date": "日期", "date_note": "来源对时间的原话", "brand": "所属品牌",
    "source": "出处", "figures": "数字", "note": "补充说明", "post": "相关新闻", "records": "活动记录",
    "label": "数字说的是什么", "value": "数值", "unit": "单位", "approximate": "约数", "src": "图片文件",
    "alt": "图片说明", "text": "说明", "court": "法院", "intro": "首页介绍", "approach": "工作思路",
    "work_system": "工作体系", "problems": "不足", "next_steps": "下一步打算", "contact": "页脚信息",
    "short_name": "简称", "party_committee": "负责的党组织", "authors": "作者", "published": "发布日期",
    "column": "栏目", "editor": "责任编辑", "year": "年份", "items": "内容", "key": "网址名",
    "host": "主办单位", "address": "地址", "phone": "联系电话", "icp": "ICP备案号", "police_record": "公网安备号",
    "description": "摘要", "categories": "分类", "pin": "置顶", "readtime": "阅读时间（分钟）",
    "image": "配图", "from_report": "取自来源报告", "url": "网站网址",
    "site_code": "网站标识码", "conac_url": "党政机关网站标识证书网址", "conac_image": "党政机关网站标识图片",
}
# Fields that name a brand (or, for honours and activity logs, a brand or project) by its slug.
BRAND_REFERENCES = {(Brand, "parent"), (Project, "parent"), (Honour, "brand"), (ActivityLog, "brand")}
# The news body: not a schema field (the schema covers the front matter), but the post's text.
BODY_HINT = "新闻正文，用 Markdown 书写：第一行写“# 标题”，摘要后单独一行写 <!-- more -->。"
DRAFT_DEFAULT_HINT = "新建的条目都是草稿，只在预览中显示；内容核对无误后关掉这个开关，再保存，就会发布。"


def editor_config(backend_url: str, authors: list[str] | None = None) -> dict[str, Any]:
    """The whole configuration: the local backend at ``backend_url`` and one collection per kind."""
    return {
        "backend": {"name": "proxy", "proxy_url": backend_url, "branch": "main"},
        "locale": "zh_Hans",
        "media_folder": IMAGES_FOLDER,
        "public_folder": "images",  # image paths in data files are relative to docs/
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            _folder("brands", "品牌", Brand, "name"),
            _folder("projects", "法庭特色项目", Project, "name"),
            _folder("honours", "荣誉", Honour, "title"),
            _folder("activities", "活动记录", ActivityLog, "brand", slug="{{fields.brand}}"),
            _news(authors or []),
            {
                "name": "site",
                "label": "全站信息",
                "editor": {"preview": False},
                "files": [
                    {"name": "site", "label": "全站信息", "file": "data/site.yml", "fields": _fields(Site)},
                ],
            },
        ],
    }


def _folder(kind: str, label: str, model: type[Record], identifier: str, slug: str = "{{fields.slug}}") -> dict:
    return {
        "name": kind,
        "label": label,
        "label_singular": label,
        "description": MODEL_HELP.get(model.__name__, ""),
        "folder": f"data/{kind}",
        "extension": "yml",
        "format": "yml",
        "create": True,
        "identifier_field": identifier,
        "slug": slug,
        "summary": "{{" + identifier + "}}",
        "editor": {"preview": False},
        "fields": _fields(model),
    }


def _news(authors: list[str]) -> dict:
    fields = _fields(NewsPost, authors=authors)
    for field in fields:
        if field["name"] == "slug":
            # The schema lets the blog make one from the title; the form asks for it, since the
            # ASCII file name and address are made from it and a Chinese title would give none.
            field["required"] = True
            field["hint"] = "网址和文件名里的名字：只用小写英文字母、数字和连字符，例如 brand-report。"
    fields.append(
        {"name": "body", "label": "正文", "widget": "markdown", "hint": BODY_HINT,
         "modes": ["raw"], "buttons": [], "editor_components": []}
    )
    return {
        "name": "news",
        "label": "新闻",
        "label_singular": "新闻",
        "folder": POSTS_FOLDER,
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "identifier_field": "slug",
        "slug": "{{year}}-{{month}}-{{day}}-{{fields.slug}}",
        "summary": "{{date}} {{description}}",
        "editor": {"preview": False},
        "fields": fields,
    }


def _fields(model: type[Record], *, authors: list[str] | None = None, nested: bool = False) -> list[dict]:
    return [_field(model, name, info, authors=authors, nested=nested) for name, info in model.model_fields.items()]


def _field(model, name: str, info: FieldInfo, *, authors, nested: bool) -> dict:
    annotation, optional = _unwrap_optional(info.annotation)
    field: dict[str, Any] = {"name": name, "label": LABELS.get(name, name), "hint": info.description or ""}
    if optional or not info.is_required():
        field["required"] = False
    field.update(_widget(model, name, annotation, info, authors=authors))
    if field.get("required") is False and field["widget"] == "object":
        # Decap checks the parts of an optional object even when it is left empty: the parts are
        # optional in the form, and `make check` asks for the rest once one of them is filled.
        for part in field["fields"]:
            part["required"] = False
    if name == "draft" and not nested:
        field["default"] = True
        field["hint"] = DRAFT_DEFAULT_HINT
    elif not nested and not info.is_required() and isinstance(info.default, (str, int)) \
            and not isinstance(info.default, bool) and field["widget"] in ("select", "number"):
        # A default inside a list item would make Decap add one item to every new list.
        field["default"] = info.default
    return field


def _widget(model, name: str, annotated, info: FieldInfo, *, authors) -> dict:
    pattern, annotation = _pattern(annotated, info), _base(annotated)
    if (model, name) in BRAND_REFERENCES:
        return {"widget": "relation", "collection": "brands", "value_field": "slug",
                "search_fields": ["name", "slug"], "display_fields": ["name"]}
    if model is NewsPost and name == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
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
        return {"widget": "object", "fields": _fields(annotation, nested=True)}
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        item, _ = _unwrap_optional(item)
        if isinstance(item, type) and issubclass(item, Record):
            fields = _image_fields() if item is Image else _fields(item, nested=True)
            return {"widget": "list", "fields": fields}
        return {"widget": "list", "field": {"name": name, "label": LABELS.get(name, name), "widget": "string"}}
    if _is_markdown(annotated, info):
        return {"widget": "markdown", "modes": ["raw"], "buttons": [], "editor_components": []}
    widget: dict[str, Any] = {"widget": "string"}
    if pattern:
        widget["pattern"] = [pattern, _pattern_message(pattern)]
    return widget


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
    return {
        SLUG_PATTERN: "只能用小写英文字母、数字和连字符，例如 xunzhou-fengqiao。",
        DATE_PATTERN: "写成 2023、2023-05 或 2023-05-01。",
        FULL_DATE_PATTERN: "写成 2023-12-27。",
    }.get(pattern, "格式不对，请看下面的说明。")


def news_authors(docs_dir: Path) -> list[str]:
    """The author keys registered in docs/news/.authors.yml, for the authors select."""
    return sorted(_known_authors(docs_dir) or [])
