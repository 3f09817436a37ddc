"""The text of each new file ``make new`` writes: valid YAML, commented for the media team."""

from __future__ import annotations

import json


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
