"""YAML that cannot be read, worded for the media team: tabs, full-width colons, PyYAML's own errors,
and the typical editing slips behind them, told in Chinese with the corrected line.

PyYAML says where it gave up, not what the editor did. When a file does not parse, ``explain``
looks at the lines around that place for the common slips: a value that needs quotes, a line
that lost its indentation under ``meaning: |``, a list item or a field indented differently
from its neighbours. Each message shows the line as it should be; an indentation fix is only
offered once the file, with that fix, reads past the line. The reader (yaml_reader) uses the
same helpers on files that parse but do not say what the editor meant: a value cut short by "#",
a list item merged into the one above.
"""

from __future__ import annotations

import re

import yaml


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
        quotes = explain_quotes(lines, list(dict.fromkeys(near)))
        if quotes:
            return YamlProblem(f"YAML 格式有误：{quotes[0]}", quotes[1])
        for number in dict.fromkeys(near):
            if 1 <= number <= len(lines):
                detail = explain_block_indent(lines, number) or explain_indent(text, number)
                if detail:
                    return YamlProblem(f"YAML 格式有误：{detail}", number)
    detail = next((chinese for english, chinese in _YAML_PROBLEMS.items() if english in problem), None)
    if detail is None:
        detail = "无法识别的写法。常见原因：缩进不齐、冒号后少了空格、引号没有配对"
    return YamlProblem(f"YAML 格式有误：{detail}。", line)


# --------------------------------------------------------------------------- the slips

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# "  - key: value", "key: value", "- value": the parts of a block line an editor writes.
_LINE = re.compile(
    r"^(?P<indent> *)(?P<dash>-(?: +|$))?(?:(?P<key>[^\s\"'#:\-\[\]{}][^:#]*?|\"[^\"]*\"|'[^']*'):(?: +|$))?(?P<value>.*?)\s*$"
)
_INDICATORS = {
    "[": "YAML 会把 [ 开头的值当成列表",
    "{": "YAML 会把 { 开头的值当成一组字段",
    "*": "YAML 会把 * 开头的值当成别名",
    "&": "YAML 会把 & 开头的值当成锚点",
    "!": "YAML 会把 ! 开头的值当成标签",
    "|": "YAML 会把 | 开头的值当成多行文字的开头",
    ">": "YAML 会把 > 开头的值当成折叠文字的开头",
    "%": "YAML 不允许值以 % 开头",
    "@": "YAML 不允许值以 @ 开头",
    "`": "YAML 不允许值以反引号 ` 开头",
}
_BLOCK_HEADER = re.compile(r"[|>][1-9+-]{0,2}(?: +#.*)?")


def quoted(value: str) -> str:
    """``value`` as a YAML string in quotes: double quotes unless it holds some, then single."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def needs_quotes(line: str) -> tuple[str, str] | None:
    """Why the value on ``line`` must be quoted, and the line written with the quotes; or None."""
    match = _LINE.match(line)
    if not match or not match["value"] or (match["key"] is None and match["dash"] is None):
        return None
    value = match["value"]
    if value[0] in _INDICATORS and not (value[0] in "|>" and _BLOCK_HEADER.fullmatch(value)):
        if value[0] in "[{" and _is_complete_flow(value):
            return None
        reason = _INDICATORS[value[0]]
    elif value[0] in "\"'" and _text_after_quote(value):
        reason = f"值以引号开头时，YAML 只读到配对的引号为止，后面的“{_text_after_quote(value)}”就多出来了"
    elif value[0] not in "\"'" and (": " in value or value.endswith(":")):
        reason = "值里有英文冒号加空格“: ”，YAML 会把它当成又一个“字段: 值”"
    else:
        return None
    fixed = f"{match['indent']}{match['dash'] or ''}{match['key'] + ': ' if match['key'] else ''}{quoted(value)}"
    return reason, fixed


def _is_complete_flow(value: str) -> bool:
    """``[a, b]`` or ``{a: b}`` written whole: a real list or mapping, not text that happens to start so."""
    try:
        loaded = yaml.load(f"x: {value}", Loader=_Loader)
    except yaml.YAMLError:
        return False
    return isinstance(loaded, dict) and isinstance(loaded.get("x"), (list, dict))


def _text_after_quote(value: str) -> str:
    """What follows the closing quote of a value that starts with one, if anything but a comment."""
    quote = value[0]
    index = 1
    while index < len(value):
        if value[index] == quote:
            if quote == "'" and value[index + 1 : index + 2] == "'":
                index += 2
                continue
            rest = value[index + 1 :].strip()
            return "" if not rest or rest.startswith("#") else rest
        if quote == '"' and value[index] == "\\":
            index += 1
        index += 1
    return ""


def explain_quotes(lines: list[str], numbers: list[int]) -> tuple[str, int] | None:
    """The first of the lines ``numbers`` (1-based) whose value needs quotes, worded, with its number."""
    for number in numbers:
        if 1 <= number <= len(lines):
            found = needs_quotes(lines[number - 1])
            if found:
                reason, fixed = found
                return f"这个值要加英文引号：{reason}。请把这一行改成：{fixed.strip()}", number
    return None


def explain_block_indent(lines: list[str], number: int) -> str | None:
    """A line under ``key: |`` (or ``>``) that lost its indentation, as the editor should fix it."""
    line = lines[number - 1]
    if not line.strip() or re.match(r"[A-Za-z_][\w-]*\s", line.strip()):
        return None  # an English word first: more likely a field that lost its colon
    indent = _indent(line)
    for above in range(number - 2, -1, -1):
        text = lines[above]
        if not text.strip():
            continue
        match = _LINE.match(text)
        if match and match["key"] and _BLOCK_HEADER.fullmatch(match["value"] or ""):
            content = _block_content_indent(lines, above + 1, number - 1)
            if content is None or indent >= content:
                return None
            return (
                f"这一行是 {match['key'].strip()} 的内容，但没有缩进。“{match['key'].strip()}: {match['value'][0]}”"
                f"下面的每一行都要比它多缩进；请在这一行开头加 {content - indent} 个空格，和第 {above + 2} 行对齐。"
            )
        if _indent(text) <= indent:
            return None


def _block_content_indent(lines: list[str], start: int, stop: int) -> int | None:
    for index in range(start, stop):
        if lines[index].strip():
            return _indent(lines[index])
    return None


def explain_indent(text: str, number: int) -> str | None:
    """A list item or a field indented unlike its neighbours: the indentation that reads, worded."""
    lines = text.splitlines()
    if not 1 <= number <= len(lines):
        return None
    line = lines[number - 1]
    match = _LINE.match(line)
    if not match or not line.strip() or line.lstrip().startswith("#"):
        return None
    indent = _indent(line)
    is_item = match["dash"] is not None
    for candidate, neighbour in _candidate_indents(lines, number, is_item):
        if candidate == indent:
            continue
        trial = lines[: number - 1] + [" " * candidate + line.lstrip()] + lines[number:]
        if _reads_past(trial, number):
            what = f"列表项“{line.strip()[:20]}”" if is_item else f"字段 {(match['key'] or '').strip()} "
            align = "“- ”" if is_item else "字段"
            return (
                f"缩进不齐：这一行的{what}前面有 {indent} 个空格，和第 {neighbour} 行的{align}对不上。"
                f"请改成 {candidate} 个空格，和第 {neighbour} 行对齐。"
            )
    return None


def _candidate_indents(lines: list[str], number: int, is_item: bool) -> list[tuple[int, int]]:
    """Indentations that lines above use for the same kind of line, nearest first, with their line."""
    found: list[tuple[int, int]] = []
    for index in range(number - 2, -1, -1):
        text = lines[index]
        match = _LINE.match(text)
        if not text.strip() or text.lstrip().startswith("#") or not match:
            continue
        options = []
        if is_item and match["dash"] is not None:
            options.append(_indent(text))
        if not is_item and match["key"] is not None:
            # "  - title: a": the field title sits after the dash
            options.append(len(match["indent"]) + len(match["dash"] or ""))
        for option in options:
            if option not in {indent for indent, _ in found}:
                found.append((option, index + 1))
    return found


def _reads_past(lines: list[str], number: int) -> bool:
    """Whether the text parses, or fails only after line ``number``."""
    try:
        yaml.compose("\n".join(lines) + "\n", Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        return mark is not None and mark.line + 1 > number + 1
    except yaml.YAMLError:
        return False
    return True


def explain_merged_item(lines: list[str], first: int, last: int, value: str) -> tuple[str, int] | None:
    """A plain value continued by a line starting "- ": a list item that swallowed the next one."""
    for number in range(first + 1, last + 1):
        follower = lines[number - 1]
        if follower.lstrip().startswith("- "):
            head = lines[first - 1]
            dash = head.find("- ") if head.lstrip().startswith("- ") else -1
            target = dash if dash >= 0 else _indent(head)
            return (
                f"这一行的“{follower.strip()}”比第 {first} 行多缩进了，被并进了上一项，"
                f"成了一项“{value}”。列表的每一项都要对齐：请把这一行改成 {target} 个空格开头，和第 {first} 行一样。",
                number,
            )
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
