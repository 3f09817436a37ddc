"""Export the schema as JSON Schema files, for editors' YAML language servers."""

from __future__ import annotations

import json
from pathlib import Path

from showcase.content.schema import COLLECTIONS, SINGLE_FILES, Record

TITLES = {"brands": "品牌", "projects": "法庭特色项目", "honours": "荣誉", "activities": "活动记录", "site.yml": "全站信息"}

# Hover help for each record, in the editors' language (the models' docstrings are for developers).
MODEL_HELP = {
    "Brand": "一个品牌：总品牌（不填 parent）或子品牌（parent 填总品牌的网址名）。",
    "Project": "一个人民法庭特色党建项目，属于某个子品牌。",
    "Honour": "一项荣誉、入选或推荐，照来源如实填写；推荐参选不计入荣誉数量。",
    "Site": "全站信息：法院、首页介绍、来源报告、年度数字、工作体系。",
    "Figure": "一个数字：照来源原样填写数值和单位。",
    "Image": "一张图片：路径和说明文字。",
    "Practice": "一项做法。",
    "Result": "一项成效，可附数字。",
    "Case": "一个典型案例。",
    "Court": "法院信息。",
    "SourceReport": "来源报告。",
    "FigureSet": "一组年度数字。",
    "Pillar": "工作体系的一部分，如“锚定一个目标”。",
    "Contact": "页脚信息：主办单位、地址、电话、备案号。不填的不显示。",
    "ActivityLog": "一个品牌或法庭项目的活动记录，用于品牌跟踪问效。",
    "Activity": "一条活动记录；来源只给全年合计时，记录全年合计。",
}


def schema_files() -> dict[str, str]:
    """File name → JSON text, one file per kind of data file."""
    kinds: dict[str, type[Record]] = {**SINGLE_FILES, **COLLECTIONS}
    files = {}
    for kind, model in kinds.items():
        schema = _localise(model.model_json_schema())
        schema.update({"$schema": "https://json-schema.org/draft/2020-12/schema", "title": TITLES[kind]})
        files[f"{_file_stem(kind)}.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return files


def _localise(schema: dict) -> dict:
    """Chinese descriptions for records; drop pydantic's English titles, which editors would see."""
    for name, definition in [(schema.get("title"), schema), *schema.get("$defs", {}).items()]:
        if name in MODEL_HELP:
            definition["description"] = MODEL_HELP[name]
        for field in definition.get("properties", {}).values():
            field.pop("title", None)
    return schema


def _file_stem(kind: str) -> str:
    """brands → brand, site.yml → site: the name the data files' first line points to."""
    return {"brands": "brand", "projects": "project", "honours": "honour", "activities": "activity"}.get(
        kind, kind.removesuffix(".yml")
    )


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files in ``folder`` that differ from what the models give."""
    return [
        name
        for name, text in schema_files().items()
        if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text
    ]
