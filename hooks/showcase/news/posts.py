"""Checks of the news posts under docs/news/posts/: their front matter, authors and title.

Material's blog reads the same front matter, but stops at the first mistake with an English
message; these checks find every mistake first and word them like the data checks.
"""

from __future__ import annotations

import re
from pathlib import Path

from showcase.content.problems import Problem
from showcase.news import AUTHORS_FILE, FRONT_MATTER, POSTS_FOLDER, registered_authors
from showcase.content.schema import NewsPost
from showcase.content.validation import did_you_mean, validate
from showcase.content.yaml_reader import YamlProblem, decode, parse_yaml

_TITLE = re.compile(r"^#[ \t]+\S", re.M)


def check_news_posts(docs_dir: Path, posts_folder: Path = POSTS_FOLDER) -> list[Problem]:
    """Every problem of every post under ``docs_dir/posts_folder``, in file order; none when all is well."""
    folder = docs_dir / posts_folder
    if not folder.is_dir():
        return []
    registered = registered_authors(docs_dir)
    authors = None if registered is None else set(registered)  # None: no authors file to check against
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*.md")):
        problems += _check_post(path, f"docs/{path.relative_to(docs_dir).as_posix()}", authors, docs_dir)
    return problems


def _check_post(path: Path, file: str, authors: set[str] | None, docs_dir: Path) -> list[Problem]:
    try:
        text, _ = decode(path.read_bytes())
    except YamlProblem as problem:
        return [Problem(file, problem.line, None, problem.message)]
    match = FRONT_MATTER.match(text.removeprefix("\ufeff"))
    if match is None:
        return [Problem(file, 1, None, "新闻开头缺少用两行 --- 包起来的信息（date、description 等）。请参照同一文件夹里的其他新闻。")]
    front_matter = match.group(1) or ""
    try:
        document = parse_yaml(front_matter)
    except YamlProblem as problem:
        return [Problem(file, problem.line + 1 if problem.line else None, None, problem.message)]
    # The front matter starts on the file's second line.
    document.lines.update({key: line + 1 for key, line in document.lines.items()})
    _, problems = validate(NewsPost, document, file)
    problems += [Problem(file, note.line + 1, None, note.message, "warning") for note in document.notes]
    # The checks below read the raw values, so that they run even when a field above is wrong.
    data = document.data if isinstance(document.data, dict) else {}
    if authors is not None and isinstance(data.get("authors"), list):
        listed = "、".join(sorted(authors)) or "（还没有登记任何作者）"
        for index, author in enumerate(data["authors"]):
            if isinstance(author, str) and author not in authors:
                problems.append(
                    Problem(
                        file, document.line_of(("authors", index)), f"authors[{index + 1}]",
                        f"作者 {author} 没有在 docs/{AUTHORS_FILE.as_posix()} 里登记。{did_you_mean(author, authors)}"
                        f"已登记的有：{listed}。",
                    )
                )
    image = data.get("image")
    if isinstance(image, dict) and isinstance(image.get("src"), str) and not (docs_dir / image["src"]).is_file():
        problems.append(
            Problem(
                file, document.line_of(("image", "src")), "image.src",
                f"找不到图片 docs/{image['src']}。请把图片放进 docs/ 下的这个位置，或改正路径（区分大小写）。",
            )
        )
    body = text[match.end():]
    if data.get("title") is None and not _TITLE.search(body):
        problems.append(
            Problem(file, None, None, "新闻没有标题：请在正文第一行写“# 标题”，或在开头的信息里填 title。", "warning")
        )
    return problems

