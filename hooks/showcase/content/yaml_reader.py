"""Read one YAML file into plain Python values, remembering the line of every field.

Stricter than ``yaml.safe_load`` on purpose: duplicate keys, anchors and aliases,
and non-string keys are errors, and dates stay strings so that the schema (not
YAML) decides what a valid date is.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from showcase.content.yaml_errors import (
    YamlProblem, check_tabs, explain, explain_merged_item, explain_quotes, quoted, unprintable,
)

# Where a value sits in a parsed document: its keys and list indexes from the root.
DataPath = tuple[str | int, ...]

MAX_BYTES = 1_000_000  # a data file is a page of facts, never megabytes


class Note(NamedTuple):
    """A warning about a file that still reads: how it was saved, or text YAML dropped."""

    line: int
    message: str


class YamlDocument:
    """A file's data, and the line where each field starts.

    The lines are needed only to report a problem. A document rebuilt from the parse cache has
    none: it keeps its bytes and parses them again the first time a line is asked for.
    """

    def __init__(self, data: Any, lines: dict[DataPath, int] | None = None, *, source: bytes | None = None) -> None:
        self.data = data
        self.notes: list[Note] = []
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


def decode(raw: bytes) -> tuple[str, list[Note]]:
    """Decode UTF-8, returning the text and any warnings about how it was saved."""
    warnings = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        warnings.append(Note(1, "文件开头带有 BOM 标记。已照常读取；建议在编辑器中另存为“UTF-8（无 BOM）”。"))
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


def parse_bytes(raw: bytes) -> tuple[YamlDocument, list[Note]]:
    """Parse a file's bytes; return the document and warnings, or raise YamlProblem."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(f"文件太大（{len(raw) // 1024} KB），数据文件不应超过 {MAX_BYTES // 1000} KB。")
    text, warnings = decode(raw)
    document = parse_yaml(text)
    return document, warnings + document.notes


def parse_yaml(text: str) -> YamlDocument:
    check_tabs(text)
    try:
        # libyaml composes the node tree (about 14x faster than pure Python); the checks that
        # PyYAML's own composer would skip are done while walking the tree below.
        node = yaml.compose(text, Loader=_ComposeLoader)
    except yaml.reader.ReaderError as error:
        raise unprintable(error, text) from None
    except yaml.MarkedYAMLError as error:
        raise explain(error, text) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML 格式有误：{error}") from None
    except RecursionError:
        raise YamlProblem("嵌套层数太深，数据文件不需要这么多层。") from None
    if node is None:
        raise YamlProblem("文件是空的。请参照同一文件夹里的其他文件填写内容。", 1)
    document = YamlDocument(data=None, lines={})
    try:
        document.data = _NodeConverter(text).to_python(node, (), document.lines)
    except RecursionError:
        raise YamlProblem("嵌套层数太深，数据文件不需要这么多层。") from None
    if "&" in text:
        _check_anchors(text)
    document.notes = _cut_by_comments(text)
    return document


def _check_anchors(text: str) -> None:
    """A value that starts with "&": YAML takes the word for an anchor name and drops it silently."""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if re.match(r"\s*(?:-\s+)?(?:[^\s:#]+:\s+)?&", line):
            found = explain_quotes(lines, [number])
            if found:
                raise YamlProblem(f"YAML 格式有误：{found[0]}", number)


# A "#" after a value's text, with a space before it: YAML ends the value there.
_TRAILING_HASH = re.compile(r"[^\s#][ \t]+#")


def _cut_by_comments(text: str) -> list[Note]:
    """Text values that a "#" cut short: YAML reads the rest of the line as a comment, silently.

    Only values with Chinese (or other non-ASCII) text are named: a comment after a number, a
    slug or true/false is a note for editors, and the value is whole.
    """
    if not _TRAILING_HASH.search(text):
        return []
    lines = text.splitlines()
    notes = []
    for token in yaml.scan(text, Loader=_ComposeLoader):
        if not isinstance(token, yaml.ScalarToken) or not token.plain or token.value.isascii():
            continue
        end = token.end_mark
        rest = lines[end.line][end.column:] if end.line < len(lines) else ""
        cut = re.match(r"[ \t]+(#.*?)\s*$", rest)
        if cut:
            line = lines[end.line]
            key = line[: line.find(token.value)] if token.value in line else ""
            fixed = f"{key.strip()} {quoted(token.value + rest.rstrip())}".strip()
            notes.append(
                Note(
                    end.line + 1,
                    f"这一行“{cut[1]}”被当成了注释，网站上只显示“{token.value}”：YAML 把 # 和它后面的字看作备注。"
                    f"如果它是内容的一部分，请给整个值加上英文引号：{fixed}；如果是备注，请移到单独的一行。",
                )
            )
    return notes


class _NodeConverter:
    """Node tree to plain values, with the line of every field; refuses aliases and duplicate keys."""

    def __init__(self, text: str) -> None:
        self.constructor = SafeConstructor()
        self.seen: set[int] = set()
        self.text = text
        self._lines: list[str] | None = None

    @property
    def text_lines(self) -> list[str]:
        """The file's lines, split once and only when a check needs them."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def to_python(self, node: Node, path: DataPath, lines: dict[DataPath, int]) -> Any:
        if id(node) in self.seen:  # an alias: the composer hands back the anchored node again
            raise self._with_quotes("不支持 YAML 锚点和别名（& 和 *）。请把内容直接写出来。", node)
        self.seen.add(id(node))
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if isinstance(node, SequenceNode) and node.tag == SEQ_TAG:
            return [self.to_python(child, path + (i,), lines) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode) and node.tag == MAP_TAG:
            return self._mapping(node, path, lines)
        raise self._tag_problem(node)

    def _scalar(self, node: ScalarNode) -> Any:
        # Text is nearly every value, and its node already holds it: no constructor needed.
        # Dates stay text too: the schema, not YAML, decides what a valid date is.
        if node.tag == STR_TAG or node.tag == TIMESTAMP_TAG:
            if not node.style and node.end_mark.line > node.start_mark.line:  # plain, over several lines
                self._check_continued(node)
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except ConstructorError:  # a tag the safe constructor does not know, e.g. !foo
            raise self._tag_problem(node) from None

    def _check_continued(self, node: ScalarNode) -> None:
        """A plain value over several lines whose next line starts "- ": a list item merged into this one."""
        lines = self.text_lines
        merged = explain_merged_item(lines, node.start_mark.line + 1, node.end_mark.line + 1, node.value)
        if merged:
            raise YamlProblem(f"YAML 格式有误：{merged[0]}", merged[1])

    def _with_quotes(self, message: str, node: Node) -> YamlProblem:
        """``message``, and the line written with quotes when its value only looks like YAML syntax."""
        number = node.start_mark.line + 1
        found = explain_quotes(self.text_lines, [number])
        return YamlProblem(f"{message}如果它是内容的一部分，{found[0].removeprefix('这个值要加英文引号：')}" if found else message, number)

    def _tag_problem(self, node: Node) -> YamlProblem:
        return self._with_quotes(
            f"不认识 {node.tag} 这种写法：以 ! 开头的是 YAML 标签，数据文件用不到。请删掉它。", node
        )

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

