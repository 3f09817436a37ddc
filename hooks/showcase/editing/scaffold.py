"""Write a new, valid, commented data file (or news post) from a few essential values.

Used by ``make new KIND=brand|project|honour|activity|post``. Never overwrites a file; rejects
a bad or taken slug, and a name already in use, with a Chinese message.

The comments in a new file say how to write it, never what is in it (no names, no option lists):
a comment that repeats a value or the schema goes stale when either changes. What a field means
and which values it takes come from the JSON Schema (VS Code shows them) and the guide.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from showcase.content import checks
from showcase.content.checks import DataFiles, LoadedFile
from showcase.content.loader import model_for, read_data
from showcase.news import POSTS_FOLDER
from showcase.content.schema import DATE_PATTERN, FULL_DATE_PATTERN, SLUG_PATTERN, ActivityKind, HonourKind, HonourLevel
from showcase.content.validation import validate
from showcase.content.yaml_reader import parse_yaml

KINDS = ("brand", "project", "honour", "activity", "post")
_FOLDERS = {"brand": "brands", "project": "projects", "honour": "honours"}


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
        Question("level", "级别，按授予的一级填：全国、全区、贵港市、桂平市（桂平市授予的填 桂平市，不写“市级”）", "全区"),
        Question("honour_kind", "集体还是个人", "集体"),
        Question("source", "出处（哪篇报道的哪一部分；还没找到就不填，先作为草稿）", "2023-12-27 报告·发挥两个作用",
                 required=False),
        Question("date", "时间（来源写到年就写 2022，写到月就写 2022-05；不知道就不填）", "2022", required=False),
    ],
    "activity": [
        Question("brand", "哪个品牌或法庭项目的活动（网址名）", "fayao-xunzhou"),
        Question("date", "日期（写到来源给出的那一级：2023、2023-05 或 2023-05-01）", "2023-05"),
        Question("title", "活动名称", "组织党员上党课"),
        Question("activity_kind", "活动类别：" + "、".join(ActivityKind.__args__), "党课"),
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
    slug = values.get("slug") or values["brand"]
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ScaffoldError(
            f"网址名“{slug}”不合规：只能用小写英文字母、数字和单个连字符，例如 {QUESTIONS[kind][0].example}。"
        )
    if kind == "activity":
        return _activity(values, root)
    if kind == "post":
        return _write(*_post(values, root, today or dt.date.today()))
    values = {**values, "master": _check_taken(kind, values, root)}
    return _write(root / "data" / _FOLDERS[kind] / f"{slug}.yml", _TEMPLATES[kind](values))


def _usage(kind: str) -> str:
    example = " ".join(
        f'{q.name.upper()}="{q.example}"' if " " in q.example else f"{q.name.upper()}={q.example}"
        for q in QUESTIONS[kind]
        if q.required
    )
    return f"例如：make new KIND={kind} {example}"


def _check_taken(kind: str, values: dict[str, str], root: Path) -> str:
    """The new file must pass the load's own checks (a new slug, a parent that exists), and a
    brand's name must be new. Returns the master brand's slug, a new sub-brand's parent."""
    files, _ = read_data(root / "data")
    folder = _FOLDERS[kind]
    group = list(files["honours"]) if kind == "honour" else files["brands"] + files["projects"]
    new_file = f"data/{folder}/{values['slug']}.yml"
    for item in group:
        if Path(item.file).stem == values["slug"]:
            raise ScaffoldError(f"网址名 {values['slug']} 已被 {item.file} 使用，请换一个。")
        same_tribunal = kind == "brand" or getattr(item.record, "tribunal", None) == values.get("tribunal")
        if kind != "honour" and item.record.name == values["name"] and same_tribunal:
            raise ScaffoldError(f"名称“{values['name']}”已经在 {item.file} 里用过了。")
    if kind == "honour":
        for label, name, allowed in (("级别 LEVEL", "level", HonourLevel), ("类别 HONOUR_KIND", "honour_kind", HonourKind)):
            if values[name] not in allowed.__args__:
                raise ScaffoldError(f"{label} 只能填：{'、'.join(allowed.__args__)}。")
        if "date" in values:
            _check_partial_date(values["date"])
    master = _master_slug(files) if kind == "brand" else ""
    document = parse_yaml(_TEMPLATES[kind]({**values, "master": master}))
    record, problems = validate(model_for(folder), document, new_file)
    if record is None:
        raise ScaffoldError(problems[0].message if problems else f"无法生成 {new_file}。")
    new = LoadedFile(record, new_file, document)
    files.valid[folder].append(new)
    for problem in checks.duplicate_slugs([*group, new]) + checks.parents(files):
        if problem.file == new_file:
            raise ScaffoldError(problem.message)
    return master


def _check_partial_date(value: str) -> None:
    if not re.fullmatch(DATE_PATTERN, value):
        raise ScaffoldError(f"日期“{value}”写法不对：写成 2022、2022-05 或 2022-05-01。")
    parts = [int(part) for part in value.split("-")]
    try:
        dt.date(*(parts + [1, 1])[:3])
    except ValueError:
        raise ScaffoldError(f"日期“{value}”不是真实存在的日期（请检查月份和天数）。") from None


def _master_slug(files: DataFiles) -> str:
    """The master brand's slug, which a new sub-brand names as its parent."""
    masters = checks.masters_of(files)
    if not masters:
        raise ScaffoldError("还没有总品牌（不填 parent 的品牌），无法新建子品牌。请先运行 make check 改正资料。")
    return masters[0].record.slug


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"文件 {path.name} 已经存在，不会覆盖它。请换一个网址名。") from None
    return path


def _activity(v: dict[str, str], root: Path) -> Path:
    """A new activity record: a new file for the brand, or one more record at the end of its file."""
    _check_partial_date(v["date"])
    if v["activity_kind"] not in ActivityKind.__args__:
        raise ScaffoldError(f"活动类别 ACTIVITY_KIND 只能填：{'、'.join(ActivityKind.__args__)}。")
    files, _ = read_data(root / "data")
    known = [item.record.slug for item in files["brands"] + files["projects"]]
    if v["brand"] not in known:
        raise ScaffoldError(f"品牌 {v['brand']} 不存在。可填：{'、'.join(known)}。")
    path = root / "data" / "activities" / f"{v['brand']}.yml"
    if not path.exists():
        return _write(path, f"""# yaml-language-server: $schema=../../schemas/activity.schema.json
{HOW_TO.splitlines()[0]}

brand: {v['brand']}
records:
{activity_record(v)}""")
    text = path.read_text(encoding="utf-8")
    top_level = [line for line in text.splitlines() if line[:1].isalpha()]
    if not top_level or not top_level[-1].startswith("records:") or top_level[-1].strip() != "records:":
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} 里的 records 不在文件末尾，没法自动加。请照文件里已有的记录手动添加。")
    path.write_text(text.rstrip("\n") + "\n" + activity_record(v), encoding="utf-8")
    return path


def _post(v: dict[str, str], root: Path, today: dt.date) -> tuple[Path, str]:
    raw_date = v.get("date") or today.isoformat()
    if not re.fullmatch(FULL_DATE_PATTERN, raw_date):
        raise ScaffoldError(f"日期“{raw_date}”写法不对，应写成 2024-01-15。")
    try:
        date = dt.date.fromisoformat(raw_date)
    except ValueError:
        raise ScaffoldError(f"日期“{raw_date}”不是真实存在的日期（请检查月份和天数）。") from None
    posts = root / "docs" / POSTS_FOLDER
    for existing in sorted(posts.glob("*.md")):
        if re.search(rf"^slug: {re.escape(v['slug'])}$", existing.read_text(encoding="utf-8"), re.M):
            raise ScaffoldError(f"网址名 {v['slug']} 已被 {existing.relative_to(root).as_posix()} 使用，请换一个。")
    text = f"""---
date: {date.isoformat()}
slug: {v['slug']}
categories:
  - 新闻
description: {quoted(v['title'])}
draft: true
---

# {v['title']}

在这里写一段导语（一两句话），它会出现在新闻列表里。

<!-- more -->

在这里写正文。
"""
    return posts / f"{date.isoformat()}-{v['slug']}.md", text


# --------------------------------------------------------------------------- the text of each new file
# Valid YAML, commented for the media team.


def quoted(value: str) -> str:
    """A YAML double-quoted string (JSON's quoting is valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


HOW_TO = """# 每个字段的意思和可填的值：编辑园地的“字段说明”，或在 VS Code 里把鼠标停在字段名上。
# 草稿（draft: true）只在预览中显示；写好、核对无误后删掉 draft 这一行即可发布。
"""
OPTIONAL = """
# 下面的字段按来源填写：要填哪一项，就删掉那几行行首的“# ”再填；来源没有的就不填，不要编。
"""
CASE_FIELDS = """# meaning: |
#   …
# practices:
#   - title:
#     text:
# results:
#   - text:
# cases:
#   - title:
#     text:
# images:
#   - src: images/
#     alt:
"""


def brand_file(v: dict[str, str]) -> str:
    return f"""# yaml-language-server: $schema=../../schemas/brand.schema.json
{HOW_TO}
slug: {v['slug']}
name: {quoted(v['name'])}
parent: {v['master']}
order: 100
draft: true
{OPTIONAL}# slogan:
# branch:
# summary:
# background: |
#   …
{CASE_FIELDS}"""


def project_file(v: dict[str, str]) -> str:
    return f"""# yaml-language-server: $schema=../../schemas/project.schema.json
{HOW_TO}
slug: {v['slug']}
name: {quoted(v['name'])}
tribunal: {quoted(v['tribunal'])}
parent: {v['parent']}
order: 100
draft: true
{OPTIONAL}# branch:
# summary:
{CASE_FIELDS}"""


def honour_file(v: dict[str, str]) -> str:
    date = f"date: {quoted(v['date'])}\n" if v.get("date") else ""
    # Without a source the honour can only be a draft: the line waits among the optional ones.
    source = f"source: {quoted(v['source'])}\n" if v.get("source") else ""
    return f"""# yaml-language-server: $schema=../../schemas/honour.schema.json
{HOW_TO}
slug: {v['slug']}
title: {quoted(v['title'])}
recipient: {quoted(v['recipient'])}
level: {v['level']}
kind: {v['honour_kind']}
status: 获评
draft: true
{source}{date}{OPTIONAL}{"" if source else "# source:" + chr(10)}{"" if date else "# date:" + chr(10)}# date_note:
# brand:
# branch:
"""


def activity_record(v: dict[str, str]) -> str:
    return f"""  - date: {quoted(v['date'])}
    kind: {v['activity_kind']}
    title: {quoted(v['title'])}
"""


# make new KIND=brand|project|honour: the text of the new file.
_TEMPLATES = {"brand": brand_file, "project": project_file, "honour": honour_file}
