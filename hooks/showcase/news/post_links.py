"""Images and links in the news posts: each path must lead to a file of the site.

A post lives in docs/news/posts/, so its paths start from there: a picture in docs/images/ is
``../../images/x.png`` and a project page ``../../projects/jintian.md``. Writing them from docs/
(``images/x.png``) is the usual slip; MkDocs would stop the strict build with an English warning.
These checks name the post, the line and the path that works.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

from showcase.news import POSTS_FOLDER
from showcase.content.problems import Problem

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif"}
# ![说明](路径) and [文字](路径 "标题"); the path may be wrapped in <…>.
_LINK = re.compile(r"(?P<image>!?)\[(?P<text>(?:[^\]\\]|\\.)*)\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"`+[^`]*`+")
_DRAFT = re.compile(r"^draft:\s*true\s*(?:#.*)?$", re.M)


def post_files(docs_dir: Path) -> list[Path]:
    folder = docs_dir / POSTS_FOLDER
    return sorted(folder.rglob("*.md")) if folder.is_dir() else []


def post_links(text: str) -> list[tuple[int, bool, str, str]]:
    """(line, is_image, text, target) of each Markdown link or image outside code, in order."""
    found = []
    fence = None
    for number, line in enumerate(text.splitlines(), start=1):
        opening = _FENCE.match(line)
        if opening:
            marker = opening[1][0]
            fence = None if fence == marker else (fence or marker)
            continue
        if fence:
            continue
        for match in _LINK.finditer(_INLINE_CODE.sub(lambda m: " " * len(m[0]), line)):
            found.append((number, bool(match["image"]), match["text"], match["target"]))
    return found


def relocated_links(text: str, old_folder: str, new_folder: str) -> str:
    """``text`` with each relative link and image path rewritten to lead to the same file from
    ``new_folder`` as it did from ``old_folder`` (folders under docs/); code is left alone."""
    if old_folder == new_folder:
        return text

    def moved(match: re.Match) -> str:
        target = match["target"]
        if not target or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//|#|/", target):
            return match[0]
        fixed = posixpath.relpath(posixpath.normpath(posixpath.join(old_folder, target)), new_folder)
        start, end = match.span("target")
        return match[0][: start - match.start()] + fixed + match[0][end - match.start():]

    lines = []
    fence = None
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if opening:
            marker = opening[1][0]
            fence = None if fence == marker else (fence or marker)
        elif not fence and "](" in line:
            # Only outside inline code: split on code spans, rewrite the parts between them.
            code = [m.span() for m in _INLINE_CODE.finditer(line)]
            edges = [0, *[i for span in code for i in span], len(line)]
            parts = [line[a:b] for a, b in zip(edges, edges[1:])]
            line = "".join(part if i % 2 else _LINK.sub(moved, part) for i, part in enumerate(parts))
        lines.append(line)
    return "\n".join(lines)


def check_post_links(docs_dir: Path, pages: set[str], *, include_drafts: bool = True) -> list[Problem]:
    """Every image or page path of every post that leads nowhere, with the path that would work.

    ``pages`` are the pages the build generates from data/ (``projects/jintian.md`` …): links to
    them are as good as links to files under docs/. Without ``include_drafts`` (the public build,
    which leaves draft posts out) draft posts are not checked.
    """
    known = pages | {path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*") if path.is_file()}
    problems = []
    for path in post_files(docs_dir):
        here = path.parent.relative_to(docs_dir).as_posix()
        file = f"docs/{path.relative_to(docs_dir).as_posix()}"
        text = path.read_text(encoding="utf-8", errors="replace")
        if not include_drafts and _DRAFT.search(text.split("\n---", 1)[0]):
            continue
        for line, is_image, label, target in post_links(text):
            message = _problem(target, is_image, label, here, known)
            if message:
                problems.append(Problem(file, line, None, message))
    return problems


def _problem(target: str, is_image: bool, label: str, here: str, known: set[str]) -> str | None:
    if not target or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:|//|#", target):
        return None  # an address outside the site, an e-mail, or a heading of the same post
    raw_path, _, anchor = target.partition("#")
    raw_path = unquote(raw_path.partition("?")[0])
    resolved = posixpath.normpath(posixpath.join(here, raw_path.lstrip("/")))
    if not raw_path.startswith("/") and resolved in known:
        return None
    is_image = is_image or posixpath.splitext(raw_path)[1].lower() in IMAGE_SUFFIXES
    right = _right_target(raw_path, known)
    what = f"图片 {target}" if is_image else f"链接 {target} 指向的页面"
    why = (
        "路径以 / 开头了" if raw_path.startswith("/")
        else f"新闻里的路径要从新闻所在的文件夹 docs/{here}/ 算起"
    )
    if right is None:
        if is_image:
            return f"找不到{what}：docs/ 里没有这个文件。请把图片放进 docs/images/，再写成 ![{label}](../../images/文件名)。"
        return f"找不到{what}：docs/ 里没有这个页面，也不是由资料生成的页面。请核对路径，站内页面写成 ../../ 开头的 .md 路径。"
    fixed = posixpath.relpath(right, here) + (f"#{anchor}" if anchor else "")
    written = f"![{label}]({fixed})" if is_image else f"[{label}]({fixed})"
    where = f"图片在 docs/{right}，" if is_image else ""
    return f"找不到{what}：{why}。{where}请写成 {written}"


def _right_target(raw_path: str, known: set[str]) -> str | None:
    """The file the editor most likely meant: the path read from docs/, as a page, or by its name."""
    path = raw_path.strip("/")
    guesses = [path, f"{path}.md", f"{path}/index.md"]
    if path.endswith(".html"):
        guesses.insert(0, path.removesuffix(".html") + ".md")
    for guess in guesses:
        guess = posixpath.normpath(guess)
        if guess in known:
            return guess
    name = posixpath.basename(path)
    same_name = sorted(k for k in known if posixpath.basename(k) in {name, f"{name}.md"})
    return same_name[0] if len(same_name) == 1 else None
