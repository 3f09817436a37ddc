"""Typical YAML slips by the media team: each message names file and line and shows the fix.

Every slip is made in a copy of a real data file; where the message shows the corrected line (or
an indentation), the test follows it and the file must then load with no error at all.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from showcase.content.loader import load_catalog
from showcase.news.posts import check_news_posts
from showcase.content.problems import DataInvalid, Problem

REPO = Path(__file__).resolve().parents[1]
PROJECT = "data/projects/jintian.yml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def _load(data: Path) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of loading ``data``."""
    try:
        catalog = load_catalog(data)
    except DataInvalid as error:
        return [p for p in error.problems if p.severity == "error"], [p for p in error.problems if p.severity != "error"]
    return [], catalog.warnings


def _slip(data: Path, old: str, new: str) -> tuple[Path, int]:
    """Replace ``old`` with ``new`` in the project file; return the file and the line ``new`` starts on."""
    path = data.parent / PROJECT
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path, text[: text.index(new)].count("\n") + 1


def _only_error(data: Path) -> Problem:
    errors, _ = _load(data)
    assert len(errors) == 1, errors
    assert errors[0].file == PROJECT
    return errors[0]


def _set_line(path: Path, number: int, line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


SUMMARY = "summary: 人民法庭党支部"

NEEDS_QUOTES = {
    "bracket": ("branch: [人民法庭]党支部", "branch: \"[人民法庭]党支部\""),
    "brace": ("branch: {人民法庭}党支部", "branch: \"{人民法庭}党支部\""),
    "star": ("branch: *人民法庭*党支部", "branch: \"*人民法庭*党支部\""),
    "ampersand": ("branch: &人民法庭 党支部", "branch: \"&人民法庭 党支部\""),
    "exclamation": ("branch: !人民法庭党支部", "branch: \"!人民法庭党支部\""),
    "pipe": ("branch: |人民法庭|党支部", "branch: \"|人民法庭|党支部\""),
    "greater-than": ("branch: >人民法庭党支部", "branch: \">人民法庭党支部\""),
    "percent": ("branch: %人民法庭党支部", "branch: \"%人民法庭党支部\""),
    "at": ("branch: @人民法庭党支部", "branch: \"@人民法庭党支部\""),
    "backtick": ("branch: `人民法庭`党支部", "branch: \"`人民法庭`党支部\""),
    "colon-space": ("branch: 党支部: 人民法庭", "branch: \"党支部: 人民法庭\""),
    "quoted-part": ('branch: "全国"法院先进个人', "branch: '\"全国\"法院先进个人'"),
}


@pytest.mark.parametrize("name", NEEDS_QUOTES)
def test_a_value_that_needs_quotes_is_told_so_with_the_corrected_line(data: Path, name: str):
    slipped, fixed = NEEDS_QUOTES[name]
    path, line = _slip(data, "branch: 人民法庭党支部", slipped)
    problem = _only_error(data)
    assert problem.line == line, problem
    assert "引号" in problem.message and "缩进不齐" not in problem.message and "无法识别" not in problem.message
    assert problem.message.endswith(f"请把这一行改成：{fixed}"), problem.message
    _set_line(path, line, fixed)
    assert _load(data)[0] == []
    assert load_catalog(data).find("jintian").branch == slipped.removeprefix("branch: ")


def test_a_hash_that_cuts_a_value_short_is_a_warning_with_its_line(data: Path):
    path, line = _slip(data, "branch: 人民法庭党支部", "branch: 人民法庭党支部 #第二期")
    errors, warnings = _load(data)
    assert errors == []
    [warning] = [w for w in warnings if w.file == PROJECT]
    assert warning.line == line and "“#第二期”被当成了注释" in warning.message
    fixed = 'branch: "人民法庭党支部 #第二期"'
    assert fixed in warning.message
    _set_line(path, line, fixed)
    errors, warnings = _load(data)
    assert errors == [] and not [w for w in warnings if w.file == PROJECT]
    assert load_catalog(data).find("jintian").branch == "人民法庭党支部 #第二期"


def test_a_comment_after_a_number_or_slug_is_no_warning(data: Path):
    _slip(data, "order: 10", "order: 10   # 顺序，小的在前")
    assert _load(data) == ([], [])


PRACTICES = "practices:\n  - title: 第一项做法\n    text: 第一项的说明\n  - title: 第二项做法\n    text: 第二项的说明\n"


def _with_practices(data: Path, practices: str) -> tuple[Path, list[str]]:
    path = data.parent / PROJECT
    text = re.sub(r"^practices:\n(?:[ -].*\n)*", "", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text.rstrip("\n") + "\n" + practices, encoding="utf-8")
    return path, path.read_text(encoding="utf-8").splitlines()


def _follow_indent_advice(path: Path, problem: Problem) -> None:
    spaces = int(re.search(r"请改成 (\d+) 个空格", problem.message)[1])
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    _set_line(path, problem.line, " " * spaces + line.lstrip())


@pytest.mark.parametrize(
    ("name", "slipped", "spaces"),
    [
        ("list item one space in", PRACTICES.replace("  - title: 第二项", "   - title: 第二项"), 2),
        ("list item under the field above", PRACTICES.replace("  - title: 第二项", "    - title: 第二项"), 2),
        ("field less indented than the one above", PRACTICES.replace("    text: 第二项", "   text: 第二项"), 4),
        ("field as far in as the dash", PRACTICES.replace("    text: 第二项", "  text: 第二项"), 4),
    ],
)
def test_an_indentation_slip_in_a_list_leads_to_the_fix(data: Path, name: str, slipped: str, spaces: int):
    path, lines = _with_practices(data, slipped)
    problem = _only_error(data)
    wrong = next(i for i, text in enumerate(lines, 1) if text in slipped.splitlines() and text not in PRACTICES.splitlines())
    assert problem.line == wrong and "缩进不齐" in problem.message
    assert f"请改成 {spaces} 个空格" in problem.message, problem.message
    _follow_indent_advice(path, problem)
    assert _load(data)[0] == []
    assert [p.title for p in load_catalog(data).find("jintian").practices] == ["第一项做法", "第二项做法"]


def test_an_unindented_line_under_a_block_text_leads_to_the_fix(data: Path):
    path, line = _slip(data, "order: 10\n", "order: 10\nmeaning: |\n  第一段说明。\n\n第二段说明。\n")
    problem = _only_error(data)
    assert problem.line == line + 4, problem
    assert "meaning 的内容，但没有缩进" in problem.message and "加 2 个空格" in problem.message
    _set_line(path, problem.line, "  第二段说明。")
    assert _load(data)[0] == []
    assert load_catalog(data).find("jintian").meaning == "第一段说明。\n\n第二段说明。"


def test_a_list_item_indented_deeper_than_the_first_is_not_merged_into_it(tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs" / "news", docs / "news")
    post = docs / "news" / "posts" / "2023-12-27-brand-report.md"
    text = post.read_text(encoding="utf-8").replace("categories:\n  - 品牌创建\n", "categories:\n - 新闻\n  - 党建\n")
    post.write_text(text, encoding="utf-8")
    [problem] = check_news_posts(docs)
    assert problem.file == "docs/news/posts/2023-12-27-brand-report.md"
    assert problem.line == text.splitlines().index("  - 党建") + 1
    assert "“- 党建”" in problem.message and "“新闻 - 党建”" in problem.message
    assert "改成 1 个空格开头" in problem.message
    post.write_text(text.replace("  - 党建", " - 党建"), encoding="utf-8")
    assert check_news_posts(docs) == []


def test_a_hash_in_a_post_description_is_a_warning_with_its_line(tmp_path: Path):
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs" / "news", docs / "news")
    post = docs / "news" / "posts" / "2023-12-27-brand-report.md"
    text = post.read_text(encoding="utf-8").replace("slug: brand-report\n", "slug: brand-report\ntitle: 主题党日 #第二期\n")
    post.write_text(text, encoding="utf-8")
    [problem] = check_news_posts(docs)
    assert problem.severity == "warning" and problem.line == text.splitlines().index("title: 主题党日 #第二期") + 1
    assert 'title: "主题党日 #第二期"' in problem.message
