"""MkDocs' and Material's warnings that an editor can cause, reworded in Chinese with file, line and fix.

MkDocs names the page but not the line, and writes in English: "Doc file 'news/posts/x.md'
contains a link 'images/a.png', but the target … is not found". ``translate`` turns such a
message into the form of every other problem (``错误  docs/news/posts/x.md:12`` and what to do),
finding the line by the link in the file. Plain text in, plain text out: no MkDocs types.
"""

from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

from showcase.content.problems import Problem

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif")
_SUGGESTION = r"(?: Did you mean '(?P<suggest>[^']*)'\?)?"
_NOT_FOUND = re.compile(
    r"Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but the target(?: '[^']+')? "
    r"is not found among documentation files\." + _SUGGESTION
)
_UNRECOGNIZED = re.compile(
    r"Doc file '(?P<src>[^']+)' contains an unrecognized relative link '(?P<url>[^']+)', it was left as is\." + _SUGGESTION
)
_ABSOLUTE = re.compile(
    r"Doc file '(?P<src>[^']+)' contains an absolute link '(?P<url>[^']+)', it was left as is\." + _SUGGESTION
)
_OWN_ANCHOR = re.compile(r"Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but there is no such anchor on this page\.")
_OTHER_ANCHOR = re.compile(
    r"Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but the doc '(?P<doc>[^']+)' "
    r"does not contain an anchor '#(?P<anchor>[^']+)'\."
)
_AUTHOR = re.compile(r"Couldn't find author '(?P<author>[^']+)'")
_NAV = re.compile(
    r"A reference to '(?P<url>[^']+)' is included in the 'nav' configuration, which is not found in the documentation files\."
)
_ANCHOR_HELP = (
    "# 后面要写目标页面某个小标题的锚点：小标题后面 { #名字 } 里的名字，"
    "或者在预览里点开那个小标题、看浏览器地址栏 # 后面的部分。"
)


def translate(message: str, docs_dir: Path) -> str | None:
    """``message`` as the media team should read it, or None when it is not one of those warnings."""
    if match := _NOT_FOUND.match(message):
        is_image = match["url"].lower().split("#")[0].endswith(IMAGE_SUFFIXES)
        what = f"图片 {match['url']}" if is_image else f"链接 {match['url']} 指向的页面"
        fix = _fix(match["suggest"], "请核对路径：它要从这个文件所在的文件夹算起，上一级写 ../。")
        if is_image and not match["suggest"]:
            fix = "请把图片放进 docs/images/，并让路径从这个文件所在的文件夹算起（新闻里写 ../../images/文件名）。"
        return _problem(docs_dir, match, f"找不到{what}。{fix}")
    if match := _UNRECOGNIZED.match(message):
        fix = _fix(match["suggest"], "站内链接要写成 .md 文件的路径，例如 ../../matrix.md。")
        return _problem(docs_dir, match, f"链接 {match['url']} 不是站内页面的写法：要写到 .md 文件。{fix}")
    if match := _ABSOLUTE.match(message):
        fix = _fix(match["suggest"], "请从这个文件所在的文件夹写起，上一级写 ../。")
        return _problem(docs_dir, match, f"链接 {match['url']} 以 / 开头，发布到别的网址后会失效。{fix}")
    if match := _OWN_ANCHOR.match(message):
        return _problem(docs_dir, match, f"链接 {match['url']} 指向的小标题在本页里没有。{_ANCHOR_HELP}")
    if match := _OTHER_ANCHOR.match(message):
        return _problem(
            docs_dir, match, f"链接 {match['url']} 指向的小标题 #{match['anchor']} 在 docs/{match['doc']} 里没有。{_ANCHOR_HELP}"
        )
    if match := _AUTHOR.search(message):
        return str(
            Problem(
                "docs/news/.authors.yml", None, None,
                f"作者 {match['author']} 没有登记。请在 docs/news/.authors.yml 里照已有的作者加上这一位，"
                "或者改正新闻开头 authors 里的代号。",
            )
        )
    if match := _NAV.match(message):
        return str(Problem("mkdocs.yml", _line_of(docs_dir.parent / "mkdocs.yml", match["url"]), None,
                           f"导航里列出的 {match['url']} 在 docs/ 里找不到。请改正这一行的路径，或者把这一行删掉。"))
    return None


def _fix(suggestion: str | None, otherwise: str) -> str:
    return f"请写成 {suggestion}。" if suggestion else otherwise


def _problem(docs_dir: Path, match: re.Match, message: str) -> str:
    src = match["src"]
    return str(Problem(f"docs/{src}", _line_of(docs_dir / src, match["url"]), None, message))


def _line_of(path: Path, url: str) -> int | None:
    """The first line of ``path`` that holds the link ``url`` (as "](url" if it can), or None."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for needle in (f"]({url}", f"<{url}>", f"'{url}'", f'"{url}"', url, posixpath.basename(url)):
        for number, line in enumerate(lines, start=1):
            if needle and needle in line:
                return number
    return None


class ChineseWarnings(logging.Filter):
    """Rewords MkDocs' and Material's warnings that editors cause, as ``translate`` does."""

    def __init__(self, docs_dir: Path) -> None:
        super().__init__()
        self.docs_dir = docs_dir

    def filter(self, record: logging.LogRecord) -> bool:
        text = translate(record.getMessage(), self.docs_dir)
        if text:
            record.msg, record.args = text, ()
        return True


# Where those warnings are logged: links and anchors, build errors (Material's blog), the nav.
WARNING_LOGGERS = ("mkdocs.structure.pages", "mkdocs.commands.build", "mkdocs.structure.nav")


def reword_warnings(docs_dir: Path) -> None:
    """Put one ``ChineseWarnings`` on each of those loggers, replacing an earlier build's."""
    for name in WARNING_LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if type(f).__name__ == ChineseWarnings.__name__]:
            logger.removeFilter(old)  # the filter of an earlier build (or an earlier load of the hooks)
        logger.addFilter(ChineseWarnings(docs_dir))
