"""Turn schema validation errors into Chinese problems that name file, line and field."""

from __future__ import annotations

import difflib
import json
import re
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from showcase.content.problems import Problem
from showcase.content import schema
from showcase.content.schema import DATE_PATTERN, FULL_DATE_PATTERN, PATTERN_HELP, POST_DATE_PATTERN, SLUG_PATTERN
from showcase.content.yaml_reader import DataPath, YamlDocument

TYPE_NAMES = {
    "string_type": "文字",
    "int_type": "整数",
    "float_type": "数字",
    "bool_type": "true 或 false",
    "list_type": "列表（每项以“- ”开头）",
    "model_type": "一组字段（“字段名: 值”的写法）",
    "dict_type": "一组字段（“字段名: 值”的写法）",
    "model_attributes_type": "一组字段（“字段名: 值”的写法）",
}

# Levels are named for the awarding body; the old words get a pointer to the new ones.
LEVEL_HINT = "级别按授予的一级填写：桂平市授予的填 桂平市，贵港市授予的填 贵港市。"


def _field_examples() -> dict[str, object]:
    """The first example of every field name, for error messages that show a correct value."""
    examples: dict[str, object] = {}
    for model in (schema.Brand, schema.Project, schema.Honour, schema.Activity, schema.ActivityLog, schema.Figure,
                  schema.Image, schema.Practice, schema.Result, schema.Case, schema.Site, schema.Court,
                  schema.SourceReport, schema.FigureSet, schema.Pillar, schema.Contact, schema.NewsPost):
        for name, info in model.model_fields.items():
            if info.examples and name not in examples:
                examples[name] = info.examples[0]
    return examples


FIELD_EXAMPLES = _field_examples()

def validate(model: type[BaseModel], document: YamlDocument, file: str) -> tuple[Any, list[Problem]]:
    """Validate a document against ``model``; return the record or None, and the problems."""
    if not isinstance(document.data, dict):
        return None, [
            Problem(file, 1, None, "文件内容应为一组“字段名: 值”，而不是列表或单个值。请参照同一文件夹里的其他文件。")
        ]
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, _problems(model, error, document, file)


def _problems(model: type[BaseModel], error: ValidationError, document: YamlDocument, file: str) -> list[Problem]:
    seen: set[tuple[DataPath, str]] = set()
    problems = []
    for item in error.errors(include_url=False):
        path = _data_path(document.data, item["loc"], item["type"])
        kind = "type" if item["type"] in TYPE_NAMES else item["type"]
        if (path, kind) in seen:  # a union reports each member; one message is enough
            continue
        seen.add((path, kind))
        if item["type"] == "missing":
            line = document.line_of(path[:-1])
        else:
            line = document.line_of(path)
        problems.append(Problem(file, line, dotted_path(path), _message(model, item, path)))
    return problems


def _data_path(data: Any, loc: tuple, error_type: str) -> DataPath:
    """The part of a pydantic location that names real fields (drops union member tags)."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        is_last = index == len(loc) - 1
        if isinstance(node, dict) and isinstance(part, str) and (part in node or (is_last and error_type == "missing")):
            path.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        else:
            break
    return tuple(path)


def dotted_path(path: DataPath) -> str | None:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or None


def _message(model: type[BaseModel], item: dict, path: DataPath) -> str:
    kind, ctx = item["type"], item.get("ctx", {})
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    example = _example(name, _own_example(model, path))
    if kind == "missing":
        return f"缺少必填字段 {name}。{example}"
    if kind == "extra_forbidden":
        return _unknown_field(model, path)
    if kind in TYPE_NAMES:
        got = _describe(item["input"])
        expected = "数字" if name in {"value"} else TYPE_NAMES[kind]
        return f"类型不对：这里应填{expected}，现在填的是{got}。{example}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern")
        if name == "src":
            return (
                f"图片路径“{item['input']}”不合规：文件名只能用英文字母、数字、下划线、连字符和点，"
                f"扩展名用小写的 png、jpg、jpeg、webp 或 svg（不支持 gif）。{example}"
            )
        if pattern == SLUG_PATTERN:
            return f"网址名“{item['input']}”不合规：只能用小写英文字母、数字和单个连字符，不能有空格、中文、大写、斜杠或点。{example}"
        if pattern == DATE_PATTERN:
            return f"日期“{item['input']}”写法不对：{PATTERN_HELP[DATE_PATTERN]}{example}"
        if pattern in (FULL_DATE_PATTERN, POST_DATE_PATTERN):
            return f"日期“{item['input']}”写法不对：{PATTERN_HELP[POST_DATE_PATTERN]}"
        if name == "post":
            return f"新闻路径“{item['input']}”不对：应写成 news/posts/文件名.md（相对于 docs/ 文件夹）。"
        return f"“{item['input']}”的写法不对。{example}"
    if kind == "value_error" and name in {"date", "published"}:
        return f"日期“{item['input']}”不是真实存在的日期（请检查月份和天数）。"
    if kind == "literal_error":
        options = "、".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        hint = LEVEL_HINT if name == "level" and item["input"] in ("县级", "市级") else ""
        return f"“{item['input']}”不在可选范围内。只能填：{options}。{hint}"
    if kind == "string_too_short":
        if _is_required(model, path):
            return f"{name} 不能为空，这是必填字段。{example}"
        return f"{name} 不能为空。如果来源没有这项内容，请整行删掉。"
    if kind == "string_too_long":
        return f"内容太长（超过 {ctx.get('max_length')} 个字）。请精简，或拆成几项。"
    if kind == "too_short":
        return f"至少要有 {ctx.get('min_length')} 项。"
    if kind in {"greater_than_equal", "less_than_equal"}:
        bound = ctx.get("ge", ctx.get("le"))
        return f"数值超出范围（{'不能小于' if kind == 'greater_than_equal' else '不能大于'} {bound}）。"
    return f"内容不符合要求：{item['msg']}"


def _unknown_field(model: type[BaseModel], path: DataPath) -> str:
    name = str(path[-1])
    allowed = _fields_at(model, path[:-1])
    listed = "、".join(allowed)
    return f"未知字段 {name}（可能是拼写错误）。{did_you_mean(name, allowed)}这里可用的字段有：{listed}。"


def did_you_mean(word: str, options) -> str:
    """“您是不是想写 …？” with the closest of ``options``, or nothing when none is close."""
    match = difflib.get_close_matches(word, list(options), n=1)
    return f"您是不是想写 {match[0]}？" if match else ""


def _is_required(model: type[BaseModel], path: DataPath) -> bool:
    """Whether the field at ``path`` must be present."""
    names = [p for p in path if isinstance(p, str)]
    parent = _model_at(model, tuple(names[:-1]))
    field = parent.model_fields.get(names[-1]) if parent and names else None
    return bool(field and field.is_required())


def _model_at(model: type[BaseModel], path: DataPath) -> type[BaseModel] | None:
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _model_in(field.annotation) if field else None
        if current is None:
            return None
    return current


def _fields_at(model: type[BaseModel], path: DataPath) -> list[str]:
    """The field names allowed at ``path`` inside ``model``."""
    found = _model_at(model, path)
    return list(found.model_fields) if found else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None


def _describe(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"“{str(value).lower()}”"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "一组字段"
    return f"“{str(value)[:30]}”"


def _own_example(model: type[BaseModel], path: DataPath) -> object | None:
    """The example the model itself gives for the field at ``path``, if any."""
    names = [p for p in path if isinstance(p, str)]
    parent = _model_at(model, tuple(names[:-1])) if names else None
    field = parent.model_fields.get(names[-1]) if parent else None
    return field.examples[0] if field and field.examples else None


def _example(name: str, own: object | None = None) -> str:
    value = own if own is not None else FIELD_EXAMPLES.get(name)
    if value is None:
        return ""
    # Quote an example that YAML would otherwise read as a number or a date, e.g. "2022".
    shown = json.dumps(value, ensure_ascii=False) if isinstance(value, str) and not isinstance(yaml.safe_load(value), str) else value
    return f"正确示例：{name}: {shown}"
