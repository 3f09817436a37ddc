"""YAML that cannot be read, worded for the media team: tabs, full-width colons, PyYAML's own errors."""

from __future__ import annotations

import re

import yaml

from showcase.content import yaml_slips


class YamlProblem(Exception):
    """A file that cannot be read as YAML. ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None):
        self.message, self.line = message, line
        super().__init__(message)


def unprintable(error: yaml.reader.ReaderError, text: str) -> YamlProblem:
    line = text.count("\n", 0, error.position) + 1
    return YamlProblem(f"文件里有不可见的特殊字符（编码 {error.character!r}），请删除这个字符。", line)


def check_tabs(text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise YamlProblem("这一行用 Tab 键缩进了。YAML 只能用空格缩进，请把 Tab 换成空格。", number)


# PyYAML's problems, as an editor would understand them.
_YAML_PROBLEMS = {
    "could not find expected ':'": "这一行缺少冒号，或上一行的引号没有配对",
    "mapping values are not allowed here": "这里不能再出现“字段: 值”：可能是缩进不对，或值里有英文冒号需要加引号",
    "that cannot start any token": "有不能放在开头的字符（如 @、` 或 %），请给这个值加上引号",
    "found unexpected end of stream": "引号没有配对",
    "found unknown escape character": "双引号里的反斜杠 \\ 用法不对，可改用单引号",
    "did not find expected key": "缩进不齐：同一层的字段要对齐",
    "did not find expected '-' indicator": "缩进不齐：列表的每一项都要以同样缩进的“- ”开头",
    "expected <block end>, but found": "缩进不齐：同一层的字段要对齐",
}
_FULL_WIDTH_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w-]*\s*：")


def explain(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if _FULL_WIDTH_COLON.match(line):
            return YamlProblem("这一行的字段名后面用了中文冒号“：”。请改成英文冒号加空格“: ”。", number)
    problem = error.problem or ""
    # For a missing colon or quote PyYAML points past the line; where the key or quote began is where to look.
    starts_earlier = "expected ':'" in problem or "end of stream" in problem
    mark = error.context_mark if starts_earlier and error.context_mark else error.problem_mark
    line = mark.line + 1 if mark else None
    if line is not None:
        # PyYAML stops on the slip's line, at the line where the value began, or just after.
        near = [line, error.context_mark.line + 1 if error.context_mark else line, line - 1]
        quotes = yaml_slips.explain_quotes(lines, list(dict.fromkeys(near)))
        if quotes:
            return YamlProblem(f"YAML 格式有误：{quotes[0]}", quotes[1])
        for number in dict.fromkeys(near):
            if 1 <= number <= len(lines):
                detail = yaml_slips.explain_block_indent(lines, number) or yaml_slips.explain_indent(text, number)
                if detail:
                    return YamlProblem(f"YAML 格式有误：{detail}", number)
    detail = next((chinese for english, chinese in _YAML_PROBLEMS.items() if english in problem), None)
    if detail is None:
        detail = "无法识别的写法。常见原因：缩进不齐、冒号后少了空格、引号没有配对"
    return YamlProblem(f"YAML 格式有误：{detail}。", line)
