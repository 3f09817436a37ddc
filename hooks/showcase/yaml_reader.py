"""Read one YAML file into plain Python values, remembering the line of every field.

Stricter than ``yaml.safe_load`` on purpose: duplicate keys, anchors and aliases,
and non-string keys are errors, and dates stay strings so that the schema (not
YAML) decides what a valid date is.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# Where a value sits in a parsed document: its keys and list indexes from the root.
DataPath = tuple[str | int, ...]

MAX_BYTES = 1_000_000  # a data file is a page of facts, never megabytes


class YamlProblem(Exception):
    """A file that cannot be read as YAML. ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None):
        self.message, self.line = message, line
        super().__init__(message)


class YamlDocument:
    """A file's data, and the line where each field starts.

    The lines are needed only to report a problem. A document rebuilt from the parse cache has
    none: it keeps its bytes and parses them again the first time a line is asked for.
    """

    def __init__(self, data: Any, lines: dict[DataPath, int] | None = None, *, source: bytes | None = None) -> None:
        self.data = data
        self._source = source
        # None means "not worked out yet": only a document with its source may leave them for later.
        self._lines = {} if lines is None and source is None else lines

    @property
    def lines(self) -> dict[DataPath, int]:
        if self._lines is None:
            self._lines = parse_bytes(self._source)[0].lines
        return self._lines

    def line_of(self, path: DataPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        lines = self.lines
        for end in range(len(path), -1, -1):
            if path[:end] in lines:
                return lines[path[:end]]
        return None


TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
# libyaml's parser and composer; resolution and construction happen in Python, in _NodeConverter.
_ComposeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def decode(raw: bytes) -> tuple[str, list[str]]:
    """Decode UTF-8, returning the text and any warnings about how it was saved."""
    warnings = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        warnings.append("文件开头带有 BOM 标记。已照常读取；建议在编辑器中另存为“UTF-8（无 BOM）”。")
    try:
        return raw.decode("utf-8"), warnings
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        hint = "看起来是 GBK 编码" if _looks_like_gbk(raw) else "含有无法识别的字节"
        raise YamlProblem(
            f"文件不是 UTF-8 编码（{hint}）。请在编辑器中选择“另存为 UTF-8”后再保存。", line
        ) from None


def _looks_like_gbk(raw: bytes) -> bool:
    try:
        raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    return True


def read_yaml(path: Path) -> tuple[YamlDocument, list[str]]:
    """Read ``path``; return the document and warnings, or raise YamlProblem."""
    return parse_bytes(path.read_bytes())


def parse_bytes(raw: bytes) -> tuple[YamlDocument, list[str]]:
    """Parse a file's bytes; return the document and warnings, or raise YamlProblem."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"文件太大（{len(raw) // 1024} KB），数据文件不应超过 {MAX_BYTES // 1000} KB。")
    text, warnings = decode(raw)
    return parse_yaml(text), warnings


def parse_yaml(text: str) -> YamlDocument:
    _check_tabs(text)
    try:
        # libyaml composes the node tree (about 14x faster than pure Python); the checks that
        # PyYAML's own composer would skip are done while walking the tree below.
        node = yaml.compose(text, Loader=_ComposeLoader)
    except yaml.reader.ReaderError as error:
        raise _unprintable(error, text) from None
    except yaml.MarkedYAMLError as error:
        raise _explain(error, text) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML 格式有误：{error}") from None
    except RecursionError:
        raise YamlProblem("嵌套层数太深，数据文件不需要这么多层。") from None
    if node is None:
        raise YamlProblem("文件是空的。请参照同一文件夹里的其他文件填写内容。", 1)
    document = YamlDocument(data=None, lines={})
    try:
        document.data = _NodeConverter().to_python(node, (), document.lines)
    except RecursionError:
        raise YamlProblem("嵌套层数太深，数据文件不需要这么多层。") from None
    return document


def _unprintable(error: yaml.reader.ReaderError, text: str) -> YamlProblem:
    line = text.count("\n", 0, error.position) + 1
    return YamlProblem(f"文件里有不可见的特殊字符（编码 {error.character!r}），请删除这个字符。", line)


def _check_tabs(text: str) -> None:
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


def _explain(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    for number, line in enumerate(text.splitlines(), start=1):
        if _FULL_WIDTH_COLON.match(line):
            return YamlProblem("这一行的字段名后面用了中文冒号“：”。请改成英文冒号加空格“: ”。", number)
    problem = error.problem or ""
    # For a missing colon or quote PyYAML points past the line; where the key or quote began is where to look.
    starts_earlier = "expected ':'" in problem or "end of stream" in problem
    mark = error.context_mark if starts_earlier and error.context_mark else error.problem_mark
    line = mark.line + 1 if mark else None
    detail = next((chinese for english, chinese in _YAML_PROBLEMS.items() if english in problem), None)
    if detail is None:
        detail = "无法识别的写法。常见原因：缩进不齐、冒号后少了空格、引号没有配对"
    return YamlProblem(f"YAML 格式有误：{detail}。", line)


class _NodeConverter:
    """Node tree to plain values, with the line of every field; refuses aliases and duplicate keys."""

    def __init__(self) -> None:
        self.constructor = SafeConstructor()
        self.seen: set[int] = set()

    def to_python(self, node: Node, path: DataPath, lines: dict[DataPath, int]) -> Any:
        if id(node) in self.seen:  # an alias: the composer hands back the anchored node again
            raise YamlProblem("不支持 YAML 锚点和别名（& 和 *）。请把内容直接写出来。", node.start_mark.line + 1)
        self.seen.add(id(node))
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode) and node.tag == SEQ_TAG:
            return [self.to_python(child, path + (i,), lines) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode) and node.tag == MAP_TAG:
            return self._mapping(node, path, lines)
        raise _tag_problem(node)

    def _scalar(self, node: ScalarNode) -> Any:
        # Text is nearly every value, and its node already holds it: no constructor needed.
        # Dates stay text too: the schema, not YAML, decides what a valid date is.
        if node.tag == STR_TAG or node.tag == TIMESTAMP_TAG:
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError:  # a tag the safe constructor does not know, e.g. !foo
            raise _tag_problem(node) from None

    def _mapping(self, node: MappingNode, path: DataPath, lines: dict[DataPath, int]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise YamlProblem("字段名必须是简单的文字。", line)
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlProblem("不支持 YAML 合并（<<）。请把内容直接写出来。", line)
            key = str(self._scalar(key_node))
            if key in result:
                first = lines[path + (key,)]
                raise YamlProblem(f"字段 {key} 重复出现（第 {first} 行已经有了）。请删掉其中一个。", line)
            lines[path + (key,)] = line
            result[key] = self.to_python(value_node, path + (key,), lines)
        return result


def _tag_problem(node: Node) -> YamlProblem:
    return YamlProblem(
        f"不认识 {node.tag} 这种写法：以 ! 开头的是 YAML 标签，数据文件用不到。"
        "请删掉它；如果它是内容的一部分，请给整个值加上引号。",
        node.start_mark.line + 1,
    )
