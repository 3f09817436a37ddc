"""Write a new, valid, commented data file (or news post) from a few essential values.

Used by ``make new KIND=brand|project|honour|post``. Never overwrites a file; rejects
a bad or taken slug, and a name already in use, with a Chinese message.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .schema import FULL_DATE_PATTERN, SLUG_PATTERN, HonourKind, HonourLevel
from .yaml_reader import YamlProblem, read_yaml

KINDS = ("brand", "project", "honour", "post")


class ScaffoldError(Exception):
    """A value the editor gave cannot make a valid new file; the message says why, in Chinese."""


@dataclass(frozen=True)
class Question:
    """One value a kind of file needs: its option name, the prompt, and an example."""

    name: str
    prompt: str
    example: str
    required: bool = True


QUESTIONS: dict[str, list[Question]] = {
    "brand": [
        Question("slug", "网址名（小写英文字母、数字、连字符）", "xin-pinpai"),
        Question("name", "品牌名称", "党旗引领·新品牌"),
    ],
    "project": [
        Question("slug", "网址名（小写英文字母、数字、连字符）", "xin-fating"),
        Question("name", "项目名称", "温情调解和美家事"),
        Question("tribunal", "所在人民法庭", "金田法庭"),
        Question("parent", "所属子品牌的网址名", "xunzhou-fengqiao"),
    ],
    "honour": [
        Question("slug", "网址名（小写英文字母、数字、连字符）", "xin-rongyu"),
        Question("title", "荣誉名称（照原文）", "全区优秀法官"),
        Question("recipient", "获得者（单位、支部或姓名）", "桂平市人民法院"),
        Question("level", "级别：全国、全区、县级（桂平市授予的填 县级）", "全区"),
        Question("honour_kind", "集体还是个人", "集体"),
        Question("source", "出处（哪篇报道的哪一部分）", "2023-12-27 报告·发挥两个作用"),
    ],
    "post": [
        Question("slug", "网址名（小写英文字母、数字、连字符）", "xin-xiaoxi"),
        Question("title", "新闻标题", "某某活动"),
        Question("date", "日期（如 2024-01-15；不填就用今天）", "2024-01-15", required=False),
    ],
}


def create(kind: str, values: dict[str, str], root: Path, today: dt.date | None = None) -> Path:
    """Write the new file under ``root`` (the project folder) and return its path."""
    if kind not in KINDS:
        raise ScaffoldError(f"不认识的类型 {kind}。可选：{'、'.join(KINDS)}。")
    values = {k: v.strip() for k, v in values.items() if v is not None and v.strip()}
    missing = [q.name for q in QUESTIONS[kind] if q.required and q.name not in values]
    if missing:
        raise ScaffoldError("缺少：" + "、".join(missing) + "。" + _usage(kind))
    slug = values["slug"]
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ScaffoldError(
            f"网址名“{slug}”不合规：只能用小写英文字母、数字和单个连字符，例如 {QUESTIONS[kind][0].example}。"
        )
    if kind == "post":
        return _write(*_post(values, root, today or dt.date.today()))
    folder = root / "data" / {"brand": "brands", "project": "projects", "honour": "honours"}[kind]
    _check_taken(kind, values, root)
    return _write(folder / f"{slug}.yml", _TEMPLATES[kind](values))


def _usage(kind: str) -> str:
    example = " ".join(f"{q.name.upper()}={q.example}" for q in QUESTIONS[kind] if q.required)
    return f"例如：make new KIND={kind} {example}"


def _check_taken(kind: str, values: dict[str, str], root: Path) -> None:
    """The slug must be new among brands and projects (or among honours); so must a brand's name."""
    folders = ["honours"] if kind == "honour" else ["brands", "projects"]
    for folder in folders:
        for path in sorted((root / "data" / folder).glob("*.y*ml")):
            try:
                data = read_yaml(path)[0].data
            except YamlProblem:
                continue  # `make check` reports that file; it cannot hold the new slug
            if not isinstance(data, dict):
                continue
            shown = path.relative_to(root).as_posix()
            if data.get("slug") == values["slug"] or path.stem == values["slug"]:
                raise ScaffoldError(f"网址名 {values['slug']} 已被 {shown} 使用，请换一个。")
            if kind in ("brand", "project") and data.get("name") == values["name"] and (
                kind == "brand" or data.get("tribunal") == values.get("tribunal")
            ):
                raise ScaffoldError(f"名称“{values['name']}”已经在 {shown} 里用过了。")
    if kind == "project":
        sub_brands = _sub_brand_slugs(root)
        if values["parent"] not in sub_brands:
            raise ScaffoldError(
                f"所属子品牌 {values['parent']} 不存在，或者是总品牌。可选：{'、'.join(sub_brands)}。"
            )
    if kind == "honour":
        for label, name, allowed in (("级别 LEVEL", "level", HonourLevel), ("类别 HONOUR_KIND", "honour_kind", HonourKind)):
            options = allowed.__args__
            if values[name] not in options:
                raise ScaffoldError(f"{label} 只能填：{'、'.join(options)}。")


def _sub_brand_slugs(root: Path) -> list[str]:
    """Slugs of the brands that have a parent, i.e. the sub-brands a project can belong to."""
    slugs = []
    for path in sorted((root / "data" / "brands").glob("*.y*ml")):
        try:
            data = read_yaml(path)[0].data
        except YamlProblem:
            continue
        if isinstance(data, dict) and data.get("parent") and isinstance(data.get("slug"), str):
            slugs.append(data["slug"])
    return slugs


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"文件 {path.name} 已经存在，不会覆盖它。请换一个网址名。") from None
    return path


def _q(value: str) -> str:
    """A YAML double-quoted string (JSON's quoting is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _brand(v: dict[str, str]) -> str:
    return f"""# yaml-language-server: $schema=../../schemas/brand.schema.json
# 子品牌：{v['name']}。空着的字段不要紧，预览里会标“待补充”，公开网站不显示。

slug: {v['slug']}
name: {_q(v['name'])}
parent: fayao-xunzhou   # 上级品牌：总品牌的网址名
order: 100              # 在导航和品牌矩阵中的顺序，小的在前
draft: true             # 草稿：只在预览中显示。写好后删掉这一行即可发布

# 以下字段按来源填写；来源没有的就不填，不要编。
# slogan: 品牌口号
# branch: 创建品牌的党支部
# summary: 一句话简介，用于卡片和搜索摘要
# meaning: 品牌内涵（可用 Markdown）
# background: 创建背景（可用 Markdown）
# practices:            # 主要做法
#   - title: 做法名称
#     text: 做法说明
# results:              # 工作成效
#   - text: 成效说明
#     figures:
#       - label: 数字说的是什么
#         value: 0
#         unit: 次
# cases:                # 典型案例
#   - title: 案例标题
#     text: 案例经过
# images:               # 图片放在 docs/images/ 下
#   - src: images/例子.jpg
#     alt: 图片说明
"""


def _project(v: dict[str, str]) -> str:
    return f"""# yaml-language-server: $schema=../../schemas/project.schema.json
# 法庭特色项目：{v['tribunal']}【{v['name']}】。空着的字段预览里标“待补充”，公开网站不显示。

slug: {v['slug']}
name: {_q(v['name'])}
tribunal: {_q(v['tribunal'])}
parent: {v['parent']}   # 所属子品牌的网址名
order: 100              # 顺序，小的在前
draft: true             # 草稿：只在预览中显示。写好后删掉这一行即可发布

# 以下字段按来源填写；来源没有的就不填，不要编。
# branch: 创建项目的党支部
# summary: 一句话简介
# meaning: 项目内涵（可用 Markdown）
# practices:
#   - title: 做法名称
#     text: 做法说明
# results:
#   - text: 成效说明
# cases:
#   - title: 案例标题
#     text: 案例经过
# images:
#   - src: images/例子.jpg
#     alt: 图片说明
"""


def _honour(v: dict[str, str]) -> str:
    return f"""# yaml-language-server: $schema=../../schemas/honour.schema.json
# 荣誉：{v['title']}。照来源如实填写；被推荐参选的，status 要写 推荐参选。

slug: {v['slug']}
title: {_q(v['title'])}
recipient: {_q(v['recipient'])}
level: {v['level']}          # 全国、全区、县级；来源没写级别就删掉这一行
kind: {v['honour_kind']}            # 集体、个人
status: 获评          # 获评、入选、推荐参选、肯定推广
draft: true           # 草稿：只在预览中显示。核对无误后删掉这一行即可发布
source: {_q(v['source'])}

# date: "2024"        # 时间：来源写到年就写年，写到月就写 "2024-05"；只说“近年来”就不填
# date_note: 近年来    # 来源对时间的原话
# brand: fayao-xunzhou # 所属品牌或法庭项目的网址名；来源没写就不填
# branch: 某党支部      # 所属党支部；来源没写就不填
"""


def _post(v: dict[str, str], root: Path, today: dt.date) -> tuple[Path, str]:
    raw_date = v.get("date") or today.isoformat()
    if not re.fullmatch(FULL_DATE_PATTERN, raw_date):
        raise ScaffoldError(f"日期“{raw_date}”写法不对，应写成 2024-01-15。")
    try:
        date = dt.date.fromisoformat(raw_date)
    except ValueError:
        raise ScaffoldError(f"日期“{raw_date}”不是真实存在的日期（请检查月份和天数）。") from None
    posts = root / "docs" / "news" / "posts"
    for existing in sorted(posts.glob("*.md")):
        if re.search(rf"^slug: {re.escape(v['slug'])}$", existing.read_text(encoding="utf-8"), re.M):
            raise ScaffoldError(f"网址名 {v['slug']} 已被 {existing.relative_to(root).as_posix()} 使用，请换一个。")
    text = f"""---
date: {date.isoformat()}
slug: {v['slug']}
categories:
  - 新闻
description: {_q(v['title'])}
draft: true   # 草稿：只在预览中显示。写好后删掉这一行即可发布
---

# {v['title']}

在这里写一段导语（一两句话），它会出现在新闻列表里。

<!-- more -->

在这里写正文。
"""
    return posts / f"{date.isoformat()}-{v['slug']}.md", text


_TEMPLATES = {"brand": _brand, "project": _project, "honour": _honour}
