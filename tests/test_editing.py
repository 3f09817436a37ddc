"""The editors' experience: errors that teach, images, scaffolding, and drafts in the preview."""

from __future__ import annotations

import re

import builtins
import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from showcase import cli
from showcase.content.loader import load_catalog
from showcase.content.problems import DataInvalid
from showcase.editing.scaffold import ScaffoldError, create
from page_text import main_text, visible_text
from tools.harness import REPO, copy_project, run_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def problems(project: Path, severity: str = "error"):
    try:
        catalog = load_catalog(project / "data", docs_dir=project / "docs", include_drafts=True)
    except DataInvalid as error:
        return [p for p in error.problems if p.severity == severity]
    return [p for p in catalog.warnings if p.severity == severity]


BRAND = "data/brands/farun-minsheng.yml"


@pytest.mark.parametrize(
    ("name", "write", "line", "expected"),
    [
        ("gbk", lambda p: p.write_bytes(p.read_text(encoding="utf-8").encode("gbk")), 2, "不是 UTF-8 编码（看起来是 GBK 编码）"),
        ("tabs", lambda p: p.write_text(p.read_text(encoding="utf-8") + "practices:\n\t- title: 测试\n", encoding="utf-8"), None, "用 Tab 键缩进"),
        ("full-width colon", lambda p: p.write_text(p.read_text(encoding="utf-8").replace("order: 40", "order： 40"), encoding="utf-8"), None, "中文冒号“：”"),
        ("empty", lambda p: p.write_text("", encoding="utf-8"), 1, "文件是空的"),
        ("only comments", lambda p: p.write_text("# 还没写\n", encoding="utf-8"), 1, "文件是空的"),
        ("a list", lambda p: p.write_text("- slug: farun-minsheng\n- name: 党耀天平·法润民生\n", encoding="utf-8"), 1, "而不是列表或单个值"),
    ],
)
def test_each_kind_of_bad_file_gets_its_own_message(project: Path, name, write, line, expected):
    path = project / BRAND
    write(path)
    found = problems(project)
    assert len(found) == 1, found
    assert found[0].file == BRAND and expected in found[0].message
    if line is not None:
        assert found[0].line == line
    else:
        text = path.read_bytes().decode("utf-8").splitlines()
        assert found[0].line == next(i for i, t in enumerate(text, 1) if "\t" in t or "：" in t.split("#")[0][:12])


def test_a_bom_is_accepted_with_a_note(project: Path):
    path = project / BRAND
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert problems(project) == []
    notes = problems(project, "warning")
    assert [(n.file, n.line) for n in notes] == [(BRAND, 1)] and "BOM" in notes[0].message


def test_messages_show_a_correct_example(project: Path):
    path = project / "data/honours/mofan-jiguan.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('date: "2022"', "date: 2022年"), encoding="utf-8")
    [problem] = problems(project)
    assert "正确示例：date: \"2022\"" in problem.message


def test_missing_image_names_its_path_and_big_image_warns(project: Path):
    path = project / "data/brands/xunzhou-fengqiao.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "images:\n  - src: images/none.jpg\n    alt: 不存在的图片\n  - src: images/big.jpg\n    alt: 很大的图片\n", encoding="utf-8")
    (project / "docs/images").mkdir(exist_ok=True)
    (project / "docs/images/big.jpg").write_bytes(b"\xff" * (600 * 1024))
    [error] = problems(project)
    assert error.file == "data/brands/xunzhou-fengqiao.yml" and error.field == "images[1].src"
    assert "找不到图片 docs/images/none.jpg" in error.message
    assert error.line == len(text.splitlines()) + 2
    [warning] = [w for w in problems(project, "warning") if w.field == "images[2].src"]
    assert "600 KB" in warning.message and "1600 像素" in warning.message


def test_an_image_needs_alt_text(project: Path):
    path = project / "data/brands/xunzhou-fengqiao.yml"
    path.write_text(path.read_text(encoding="utf-8") + "images:\n  - src: images/a.jpg\n", encoding="utf-8")
    found = problems(project)
    assert any(p.field == "images[1].alt" and "缺少必填字段 alt" in p.message for p in found)


# Scaffolding -------------------------------------------------------------------------------------

VALUES = {
    "brand": {"slug": "ceshi-pinpai", "name": "测试品牌"},
    "project": {"slug": "ceshi-xiangmu", "name": "测试项目", "tribunal": "测试法庭", "parent": "xunzhou-fengqiao"},
    "honour": {"slug": "ceshi-rongyu", "title": "测试荣誉", "recipient": "测试人", "level": "全区", "honour_kind": "个人", "source": "测试出处"},
}


@pytest.mark.parametrize("kind", list(VALUES))
def test_scaffolded_file_is_valid_against_loader_and_json_schema(project: Path, kind: str):
    path = create(kind, VALUES[kind], project)
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json\n")
    assert "draft: true" in text and text.count("\n#") >= 2  # commented for editors
    schema = json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(text), schema)
    catalog = load_catalog(project / "data", docs_dir=project / "docs", include_drafts=True)
    assert catalog.find(VALUES[kind]["slug"]) is not None or any(h.slug == VALUES[kind]["slug"] for h in catalog.honours)
    public = load_catalog(project / "data", docs_dir=project / "docs")
    assert public.find(VALUES[kind]["slug"]) is None and all(h.slug != VALUES[kind]["slug"] for h in public.honours)


def test_scaffold_never_overwrites_and_rejects_taken_or_bad_values(project: Path):
    create("brand", VALUES["brand"], project)
    before = (project / "data/brands/ceshi-pinpai.yml").read_bytes()
    with pytest.raises(ScaffoldError, match="已被 data/brands/ceshi-pinpai.yml 使用"):
        create("brand", {"slug": "ceshi-pinpai", "name": "另一个"}, project)
    assert (project / "data/brands/ceshi-pinpai.yml").read_bytes() == before
    with pytest.raises(ScaffoldError, match="已被 data/projects/jintian.yml 使用"):
        create("brand", {"slug": "jintian", "name": "新名字"}, project)
    with pytest.raises(ScaffoldError, match="已经在 data/brands/xunzhou-fengqiao.yml 里用过了"):
        create("brand", {"slug": "xin", "name": "党旗引领·浔州枫桥"}, project)
    for bad in ("Ceshi", "ce shi", "../x", "测试"):
        with pytest.raises(ScaffoldError, match="不合规"):
            create("brand", {"slug": bad, "name": "x"}, project)
    with pytest.raises(ScaffoldError, match="所属子品牌 nope 不存在"):
        create("project", {**VALUES["project"], "parent": "nope"}, project)
    with pytest.raises(ScaffoldError, match="fayao-xunzhou 是总品牌"):
        create("project", {**VALUES["project"], "parent": "fayao-xunzhou"}, project)
    with pytest.raises(ScaffoldError, match="不是真实存在的日期"):
        create("post", {"slug": "x", "title": "t", "date": "2024-02-30"}, project)
    with pytest.raises(ScaffoldError, match="级别 LEVEL 只能填"):
        create("honour", {**VALUES["honour"], "level": "国家级"}, project)


def test_scaffolded_post_is_a_dated_draft(project: Path):
    path = create("post", {"slug": "ceshi-xinwen", "title": "测试新闻"}, project, today=dt.date(2024, 1, 15))
    assert path == project / "docs/news/posts/2024-01-15-ceshi-xinwen.md"
    text = path.read_text(encoding="utf-8")
    assert "date: 2024-01-15" in text and "draft: true" in text and "# 测试新闻" in text and "<!-- more -->" in text
    with pytest.raises(ScaffoldError, match="已被 docs/news/posts/2024-01-15-ceshi-xinwen.md 使用"):
        create("post", {"slug": "ceshi-xinwen", "title": "又一条"}, project, today=dt.date(2024, 1, 16))


def test_new_command_asks_in_a_terminal(project: Path, monkeypatch, capsys):
    answers = iter(["ceshi-wen", "问答品牌"])
    monkeypatch.chdir(project)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(builtins, "input", lambda prompt: next(answers))
    assert cli.main(["new", "brand"]) == 0
    assert (project / "data/brands/ceshi-wen.yml").exists()
    assert "已新建 data/brands/ceshi-wen.yml" in capsys.readouterr().out


def test_new_command_without_a_terminal_says_what_is_missing(project: Path, monkeypatch, capsys):
    monkeypatch.chdir(project)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert cli.main(["new", "project", "--slug", "x"]) == 1
    err = capsys.readouterr().err
    assert "缺少：name、tribunal、parent" in err and "make new KIND=project" in err


# Drafts in the preview -----------------------------------------------------------------------------

@pytest.mark.build
def test_drafts_and_empty_fields_show_only_in_the_preview(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "project")
    create("brand", VALUES["brand"], project)
    create("honour", VALUES["honour"], project)
    create("post", {"slug": "ceshi-xinwen", "title": "测试新闻"}, project, today=dt.date(2024, 1, 15))

    # "yes" as well as "true": the core and the blog's drafts read the variable by one rule.
    monkeypatch.setenv("SHOWCASE_PREVIEW", "yes")
    preview = tmp_path / "preview"
    assert run_build(project, preview).returncode == 0
    page = main_text(preview / "brands/ceshi-pinpai/index.html")
    assert "草稿" in page and "待补充" in page
    assert "测试品牌（草稿）" in visible_text(preview / "index.html")  # nav
    honours = main_text(preview / "honours/index.html")
    assert re.search(r"草稿 [^。]*测试荣誉", honours), honours  # the card's sentence opens with the mark
    assert "测试新闻" in visible_text(preview / "news/index.html")

    monkeypatch.delenv("SHOWCASE_PREVIEW")
    public = tmp_path / "public"
    assert run_build(project, public).returncode == 0
    assert not (public / "brands/ceshi-pinpai").exists()
    for page in public.rglob("*.html"):
        text = visible_text(page)
        assert "测试品牌" not in text and "测试荣誉" not in text and "测试新闻" not in text, page
