"""The editors' guide (docs/editors/) shows only what works.

- Every example file in the guide (a fenced block titled with its path under data/ or
  docs/news/posts/) is complete: written into a copy of the project, all of them together build
  in the editors' preview and, once their `draft: true` lines are deleted, in the public site;
  as drafts they stay out of the public site. Data examples also pass the loader and the JSON Schema.
- Every `make` target the guide names exists, and every `make new` command it shows works.
- Every error message the guide quotes (blocks titled 错误示例) is what the code prints today for
  the breakage described next to it: BREAKAGES below applies each breakage to a copy of the
  examples and runs the real command.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jsonschema
import pytest
import yaml

from showcase import cli
from showcase.content.loader import load_catalog
from showcase.editing.scaffold import KINDS
from tools.harness import REPO, copy_project, run_build

GUIDE = REPO / "docs" / "editors"
PAGES = sorted(GUIDE.glob("*.md"))
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,})(?P<info>[^`]*)$")
EXAMPLE_ROOTS = ("data/", "docs/news/posts/")
ERROR_TITLE = "错误示例"


@dataclass(frozen=True)
class Block:
    """One fenced code block of the guide."""

    page: str
    line: int
    lang: str
    title: str
    text: str


def _blocks(page: Path) -> list[Block]:
    blocks, lines = [], page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, fence, info = opening["indent"], opening["fence"], opening["info"].strip()
        start, body, index = index + 1, [], index + 1
        while index < len(lines) and not re.fullmatch(rf"[ \t]*{fence}`*[ \t]*", lines[index]):
            body.append(lines[index][len(indent):] if lines[index].startswith(indent) else lines[index].lstrip())
            index += 1
        title = re.search(r'title="([^"]*)"', info)
        blocks.append(
            Block(page.name, start, info.split(" ")[0], title[1] if title else "", "\n".join(body) + "\n")
        )
        index += 1
    return blocks


BLOCKS = [block for page in PAGES for block in _blocks(page)]
EXAMPLES = [b for b in BLOCKS if b.title.startswith(EXAMPLE_ROOTS)]
ERROR_BLOCKS = [b for b in BLOCKS if b.title == ERROR_TITLE]
GUIDE_TEXT = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)


def _kind(example: Block) -> str:
    if example.title.startswith("docs/news/posts/"):
        return "post"
    return {"brands": "brand", "projects": "project", "honours": "honour"}.get(Path(example.title).parent.name, "site")


def _data(example: Block) -> dict:
    return yaml.safe_load(example.text)


def _post_title(example: Block) -> str:
    return re.search(r"^# (.+)$", example.text, re.M)[1].strip()


def _write_examples(project: Path, *, published: bool = False) -> None:
    """Write every example into ``project``, and a stand-in file for every image they show."""
    for example in EXAMPLES:
        text = re.sub(r"^draft: true.*\n", "", example.text, flags=re.M) if published else example.text
        (project / example.title).parent.mkdir(parents=True, exist_ok=True)
        (project / example.title).write_text(text, encoding="utf-8")
        for src in re.findall(r"^\s*-?\s*src: (\S+)", example.text, re.M):
            image = project / "docs" / src
            if not image.exists():  # the guide's step 1: put the picture in docs/images/
                image.parent.mkdir(parents=True, exist_ok=True)
                image.write_bytes(b"\xff\xd8\xff\xe0 stand-in image for the editors' guide \xff\xd9")


def _example_project(target: Path, *, published: bool = False) -> Path:
    project = copy_project(target)
    _write_examples(project, published=published)
    return project


# --- the examples ------------------------------------------------------------------------------


def test_the_guide_has_examples_of_every_kind():
    kinds = [_kind(example) for example in EXAMPLES]
    for kind in ("brand", "project", "honour", "post"):
        assert kind in kinds, f"the guide has no example {kind} file"
    titles = [example.title for example in EXAMPLES]
    assert len(titles) == len(set(titles)), "two examples write the same file"


@pytest.mark.parametrize("example", [e for e in EXAMPLES if e.title.startswith("data/")], ids=lambda e: e.title)
def test_data_example_matches_the_json_schema(example: Block):
    first_line = example.text.splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first_line.startswith(prefix), "keep the schema line first: VS Code's help comes from it"
    schema_path = ((REPO / example.title).parent / first_line.removeprefix(prefix)).resolve()
    assert schema_path.parent == REPO / "schemas" and schema_path.is_file()
    jsonschema.validate(_data(example), json.loads(schema_path.read_text(encoding="utf-8")))


def test_data_examples_pass_the_loader(tmp_path: Path):
    project = _example_project(tmp_path / "project")
    catalog = load_catalog(project / "data", docs_dir=project / "docs", include_drafts=True)
    slugs = {
        "brand": {b.slug for b in [catalog.master, *catalog.sub_brands]},
        "project": {p.slug for p in catalog.projects},
        "honour": {h.slug for h in catalog.honours},
    }
    for example in EXAMPLES:
        if _kind(example) in slugs:
            assert _data(example)["slug"] in slugs[_kind(example)], example.title
    assert not [w for w in catalog.warnings if any(e.title in w.file for e in EXAMPLES)], catalog.warnings


def _assert_examples_shown(site: Path, *, shown: bool) -> None:
    honours = (site / "honours" / "index.html").read_text(encoding="utf-8")
    news = (site / "news" / "index.html").read_text(encoding="utf-8")
    for example in EXAMPLES:
        kind = _kind(example)
        if kind in ("brand", "project"):
            found = (site / f"{kind}s" / _data(example)["slug"] / "index.html").is_file()
        elif kind == "honour" and _data(example).get("status") == "推荐参选":
            # No honour: its brand's page tells it (the timeline does not).
            brand_page = site / "brands" / _data(example)["brand"] / "index.html"
            found = brand_page.is_file() and _data(example)["title"] in brand_page.read_text(encoding="utf-8")
        elif kind == "honour":
            found = _data(example)["title"] in honours
        elif kind == "post":
            found = _post_title(example) in news
        else:
            continue
        assert found is shown, f"{example.title} ({example.page}) {'missing from' if shown else 'leaks into'} {site}"


@pytest.mark.build
def test_examples_build_in_the_preview(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    project = _example_project(tmp_path / "project")
    # What `make serve` shows, drafts of data and of news alike, as a build (see hooks/mkdocs_hooks.py).
    monkeypatch.setenv("SHOWCASE_PREVIEW", "true")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    _assert_examples_shown(tmp_path / "site", shown=True)
    for example in EXAMPLES:
        if _kind(example) in ("brand", "project"):
            page = tmp_path / "site" / f"{_kind(example)}s" / _data(example)["slug"] / "index.html"
            assert "草稿" in page.read_text(encoding="utf-8")


@pytest.mark.build
def test_examples_build_once_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """What the guide says to do to publish: delete the `draft: true` line."""
    monkeypatch.delenv("SHOWCASE_PREVIEW", raising=False)
    project = _example_project(tmp_path / "project", published=True)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    _assert_examples_shown(tmp_path / "site", shown=True)


@pytest.mark.build
def test_draft_examples_stay_out_of_the_public_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SHOWCASE_PREVIEW", raising=False)
    project = _example_project(tmp_path / "project")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    _assert_examples_shown(tmp_path / "site", shown=False)


# --- the commands ------------------------------------------------------------------------------


def _make_targets() -> set[str]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", makefile, re.M))


def test_every_make_command_in_the_guide_exists():
    named = set(re.findall(r"\bmake\s+([a-z][a-z0-9_-]*)", GUIDE_TEXT))
    assert {"serve", "build", "check", "new"} <= named
    assert named <= _make_targets(), named - _make_targets()


def _make_new_commands() -> list[list[str]]:
    """The `make new` commands of the guide's bash blocks, each once, in the order they appear."""
    lines = [line for b in BLOCKS if b.lang == "bash" for line in b.text.splitlines() if line.startswith("make new ")]
    return [shlex.split(line) for line in dict.fromkeys(lines)]


def _run_cli(argv: list[str], cwd: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(argv)
    return code, out.getvalue()


def _new_argv(command: list[str]) -> list[str]:
    values = dict(word.split("=", 1) for word in command[2:])
    argv = ["new", values.pop("KIND")]
    for name, value in values.items():
        argv += [f"--{name.lower().replace('_', '-')}", value]
    return argv


def test_every_make_new_command_in_the_guide_works(tmp_path: Path):
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    commands = _make_new_commands()
    assert {dict(w.split("=", 1) for w in c[2:])["KIND"] for c in commands} == set(KINDS)
    project = copy_project(tmp_path / "project")
    printed = []
    for command in commands:
        for word in command[2:]:
            assert f"$({word.split('=', 1)[0]})" in makefile, f"{word}: `make new` does not pass it on"
        code, output = _run_cli(_new_argv(command), project)
        assert code == 0, f"{shlex.join(command)}\n{output}"
        printed.append(output.strip())
    code, output = _run_cli(["check"], project)
    assert code == 0, output
    for line in re.findall(r"^\s*(已新建 .+)$", GUIDE_TEXT, re.M):
        assert line in printed, f"the guide quotes “{line}”, `make new` prints {printed}"


# --- the error messages ------------------------------------------------------------------------


def _edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"the guide's example {path} no longer has {old!r}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


def _copy(path: str, to: str) -> Callable[[Path], None]:
    return lambda project: shutil.copy(project / path, project / to)


def _gbk(path: str) -> Callable[[Path], None]:
    return lambda project: (project / path).write_bytes((project / path).read_text(encoding="utf-8").encode("gbk"))


def _empty(path: str) -> Callable[[Path], None]:
    return lambda project: (project / path).write_text("", encoding="utf-8")


def _big_image(src: str) -> Callable[[Path], None]:
    return lambda project: (project / "docs" / src).write_bytes(b"\xff\xd8" + b"\0" * 699_996 + b"\xff\xd9")


def _missing_image(src: str) -> Callable[[Path], None]:
    return lambda project: (project / "docs" / src).unlink()


@dataclass(frozen=True)
class Breakage:
    """A mistake an editor makes, what to run afterwards, and a phrase the guide quotes from the answer."""

    apply: Callable[[Path], None]
    expect: str
    run: str = "check"  # "check": make check; "new": the make new command in argv; "build": make build
    argv: tuple[str, ...] = ()


BRAND, PROJECT = "data/brands/shili-pinpai.yml", "data/projects/shili-xiangmu.yml"
HONOUR, NOW_AND_THEN, NOMINATION = "data/honours/shili-rongyu.yml", "data/honours/shili-jinnian.yml", "data/honours/shili-tuijian.yml"
POST = "docs/news/posts/2024-01-15-shili-xiaoxi.md"

BREAKAGES: dict[str, Breakage] = {
    "typo": Breakage(_edit(BRAND, "\nsummary:", "\nsumary:"), "未知字段 sumary（可能是拼写错误）。您是不是想写 summary？"),
    "missing": Breakage(_edit(PROJECT, "tribunal: 示例法庭\n", ""), "缺少必填字段 tribunal。"),
    "bad-slug": Breakage(_edit(PROJECT, "slug: shili-xiangmu", "slug: Shili Xiangmu"), "网址名“Shili Xiangmu”不合规"),
    "outside-list": Breakage(_edit(HONOUR, "level: 全区", "level: 国家级"), "“国家级”不在可选范围内。只能填：全国、全区、贵港市、桂平市。"),
    "impossible-date": Breakage(_edit(HONOUR, 'date: "2022-05"', 'date: "2022-02-30"'), "日期“2022-02-30”不是真实存在的日期"),
    "quotes": Breakage(_edit(HONOUR, "title: 示例荣誉", 'title: "示例"荣誉'), "请把这一行改成：title: '\"示例\"荣誉'"),
    "hash": Breakage(_edit(HONOUR, "title: 示例荣誉", "title: 示例荣誉 #第二期"), "“#第二期”被当成了注释"),
    "indent": Breakage(_edit(PROJECT, "    text: 做法说明。\n", "    text: 做法说明。\n   - title: 第二项做法\n"), "请改成 2 个空格"),
    "missing-brand": Breakage(_edit(HONOUR, "brand: shili-pinpai", "brand: shili-pinpia"), "品牌 shili-pinpia 不存在。您是不是想写 shili-pinpai？"),
    "duplicate-slug": Breakage(_copy(PROJECT, "data/projects/shili-xinxiangmu.yml"), "网址名 shili-xiangmu 已被 data/projects/shili-xiangmu.yml 使用"),
    "tab": Breakage(_edit(PROJECT, "\n  - title: 示例做法", "\n\t- title: 示例做法"), "这一行用 Tab 键缩进了"),
    "full-width-colon": Breakage(_edit(PROJECT, "tribunal: 示例法庭", "tribunal：示例法庭"), "中文冒号“：”"),
    "gbk": Breakage(_gbk(NOW_AND_THEN), "看起来是 GBK 编码"),
    "empty": Breakage(_empty(NOW_AND_THEN), "文件是空的"),
    "image-missing": Breakage(_missing_image("images/shili-tupian-1.jpg"), "找不到图片 docs/images/shili-tupian-1.jpg"),
    "image-big": Breakage(_big_image("images/shili-tupian-1.jpg"), "超过 500 KB"),
    "new-bad-slug": Breakage(
        lambda project: None, "网址名“Shili Pinpai”不合规", "new", ("new", "brand", "--slug", "Shili Pinpai", "--name", "示例品牌")
    ),
    "new-taken-slug": Breakage(
        lambda project: None, "网址名 xunzhou-fengqiao 已被", "new", ("new", "brand", "--slug", "xunzhou-fengqiao", "--name", "示例品牌")
    ),
    "post-author": Breakage(_edit(POST, "draft: true\n", "authors:\n  - wangwu\n"), "作者 wangwu 没有在 docs/news/.authors.yml 里登记"),
    "post-author-build": Breakage(_edit(POST, "draft: true\n", "authors:\n  - wangwu\n"), "作者 wangwu 没有在 docs/news/.authors.yml 里登记", "build"),
    "post-image-path": Breakage(
        _edit(POST, "(../../images/shili-tupian-2.jpg)", "(images/shili-tupian-2.jpg)"),
        "请写成 ![示例图片二：示例法庭门口](../../images/shili-tupian-2.jpg)",
    ),
    "post-impossible-date": Breakage(_edit(POST, "date: 2024-01-15", "date: 2024-02-30"), "日期“2024-02-30”不是真实存在的日期"),
    "post-no-description": Breakage(_edit(POST, "description: 示例新闻的一句话摘要，内容是虚构的。\n", ""), "缺少必填字段 description"),
}


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    """Exit status and output of the real command after each breakage, on a fresh copy with the examples."""
    printed = {}
    for name, breakage in BREAKAGES.items():
        folder = tmp_path_factory.mktemp(name)
        # `make new` is shown on the project as it is; everything else on the examples.
        project = copy_project(folder) if breakage.run == "new" else _example_project(folder)
        breakage.apply(project)
        if breakage.run == "build":
            result = run_build(project, project / "site")
            printed[name] = (result.returncode, result.stderr)
        else:
            printed[name] = _run_cli(list(breakage.argv) or ["check"], project)
    return printed


@pytest.mark.build
@pytest.mark.parametrize("name", BREAKAGES)
def test_quoted_error_is_what_the_code_prints(name: str, answers: dict[str, tuple[int, str]]):
    expect = BREAKAGES[name].expect
    assert any(expect in block.text for block in ERROR_BLOCKS), f"the guide quotes no 错误示例 with “{expect}”"
    code, printed = answers[name]
    assert expect in printed, f"after the breakage “{name}” the code prints:\n{printed}"
    # A 提醒 (warning) does not stop anything; every other breakage does.
    assert (code == 0) == printed.lstrip().startswith("提醒"), f"exit status {code}:\n{printed}"


@pytest.mark.build
@pytest.mark.parametrize("block", ERROR_BLOCKS, ids=lambda b: f"{b.page}:{b.line}")
def test_every_quoted_error_block_is_printed_whole(block: Block, answers: dict[str, tuple[int, str]]):
    """Each line of a 错误示例 block comes from one real answer: file, line number, field and wording.

    Long answers may be folded over several lines in the guide; each piece must still be printed.
    """
    lines = [line.strip() for line in block.text.splitlines() if line.strip()]
    matches = [name for name, (_, printed) in answers.items() if all(line in printed for line in lines)]
    assert matches, f"{block.page}:{block.line} quotes an answer no breakage gives:\n{block.text}"


def test_make_check_in_the_guide_still_passes_on_the_real_data():
    """The guide promises `make check` says 检查通过 when nothing is wrong."""
    code, output = _run_cli(["check"], REPO)
    assert code == 0 and "检查通过" in output, output
    assert "检查通过" in GUIDE_TEXT
