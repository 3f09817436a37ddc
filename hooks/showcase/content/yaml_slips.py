"""Typical editing slips in a YAML file, told in Chinese with the corrected line.

PyYAML says where it gave up, not what the editor did. When a file does not parse, these
functions look at the lines around that place for the common slips: a value that needs quotes,
a line that lost its indentation under ``meaning: |``, a list item or a field indented
differently from its neighbours. Each message shows the line as it should be; an indentation
fix is only offered once the file, with that fix, reads past the line.
"""

from __future__ import annotations

import re

import yaml

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
