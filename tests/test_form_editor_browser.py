"""The forms driven in Chromium, as the media team uses them: `make edit` on a copy of the project
(tests/editor_support.py starts it and drives Decap; the editor's other work is in test_editor_workflow_browser.py)."""

from __future__ import annotations

import re
import time

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

from editor_screenshots import solid_png
from editor_support import (  # noqa: F401 - editor, editor_page and requests_seen are fixtures
    editor,
    editor_page,
    requests_seen,
)
from editor_support import choose as _choose
from editor_support import make_check as _make_check
from editor_support import markdown_box as _markdown_box
from editor_support import open_form as _open
from editor_support import preview_text as _preview_text
from editor_support import publish as _publish
from editor_support import wait_for_file as _wait_for_file

# The preview (mkdocs serve) builds the site, and Chromium drives it.
pytestmark = [pytest.mark.build, pytest.mark.browser]

POST = "docs/news/posts/2023-12-27-brand-report.md"


def test_create_honour_with_level_from_select(editor, editor_page, requests_seen):
    base, project = editor
    page = editor_page
    _open(page, base, "collections/honours/new")
    page.get_by_label("网址名", exact=True).fill("biaoge-shiyan-rongyu")
    page.get_by_label("标题", exact=True).fill("表单测试荣誉")
    _choose(page, "级别", "全区")
    _choose(page, "类别", "集体")
    page.get_by_label("获得者", exact=True).fill("测试党支部")
    page.get_by_label("日期 (可选)", exact=True).fill("2023")
    page.get_by_label("出处", exact=True).fill("测试出处")
    _publish(page)

    path = project / "data" / "honours" / "biaoge-shiyan-rongyu.yml"
    _wait_for_file(path)
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["level"] == "全区" and data["kind"] == "集体" and data["draft"] is True
    assert re.search(r'^date: "2023"$', text, re.M), text  # a year alone stays the string "2023"
    check = _make_check(project)
    assert check.returncode == 0, check.stdout + check.stderr
    _preview_text(page, base + "honours/", "表单测试荣誉")


def test_fill_existing_brand_meaning(editor, editor_page):
    base, project = editor
    page = editor_page
    path = project / "data" / "brands" / "farun-minsheng.yml"
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "meaning" not in before
    mtime = path.stat().st_mtime_ns
    _open(page, base, "collections/brands/entries/farun-minsheng")
    _markdown_box(page, "meaning").click()
    page.keyboard.type("表单填写的品牌内涵。")
    _publish(page)

    _wait_for_file(path, changed_from=mtime)
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert after.pop("meaning") == "表单填写的品牌内涵。"
    assert after == before
    check = _make_check(project)
    assert check.returncode == 0, check.stdout + check.stderr
    _preview_text(page, base + "brands/farun-minsheng/", "表单填写的品牌内涵。")


def test_news_post_with_uploaded_photo(editor, editor_page, tmp_path):
    base, project = editor
    page = editor_page
    photo = solid_png(tmp_path / "Biaoge-Photo.PNG", 64, 48)
    _open(page, base, "collections/news/new")
    page.get_by_label("日期", exact=True).fill("2024-01-15")
    page.get_by_label("摘要", exact=True).fill("表单测试新闻的摘要。")
    page.get_by_label("网址名", exact=True).fill("biaoge-xinwen")
    page.get_by_role("button", name="选择图片").click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_role("button", name="选用已选中项目").click()
    page.get_by_label("图片说明 (可选)", exact=True).fill("测试照片：红色方块")
    _markdown_box(page, "body").click()
    page.keyboard.type("# 表单测试新闻")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("正文第一段。")
    _publish(page)

    post = project / "docs" / "news" / "posts" / "2024-01-15-biaoge-xinwen.md"
    _wait_for_file(post)
    text = post.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front["draft"] is True
    assert re.search(r"^date: 2024-01-15$", text, re.M), text  # unquoted: Material reads it as a date
    src = front["image"]["src"]
    assert src == "images/biaoge-photo.png", src  # relative to docs/, lower case, as the schema wants
    assert (project / "docs" / src).is_file()
    check = _make_check(project)
    assert check.returncode == 0, check.stdout + check.stderr

    _preview_text(page, base + "news/2024/01/15/biaoge-xinwen/", "表单测试新闻")
    image = page.locator("article img[alt='测试照片：红色方块']")
    image.wait_for()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 64


def _article(page, url: str) -> str:
    for _ in range(5):
        try:
            page.goto(url)
            return page.locator("article").first.inner_html()
        except PlaywrightError:  # reloaded by live reload meanwhile
            page.wait_for_timeout(1000)
    raise AssertionError(f"{url} kept reloading")


def test_existing_post_saved_unchanged_renders_the_same(editor, editor_page):
    base, project = editor
    page = editor_page
    url = base + "news/2023/12/27/brand-report/"
    path = project / POST
    # The copy's post also gets an admonition and a table, the Markdown that rich-text editors rewrite.
    extra = ('\n!!! note "表单往返测试"\n\n    提示框里的一段话。\n\n'
             "| 项目 | 数字 |\n| --- | ---: |\n| 党课 | 21次 |\n")
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    _preview_text(page, url, "表单往返测试")
    before = _article(page, url)
    assert "admonition" in before and "<table>" in before and 'id="approach"' in before
    original = path.read_text(encoding="utf-8")
    mtime = path.stat().st_mtime_ns
    _open(page, base, "collections/news/entries/2023-12-27-brand-report")
    page.get_by_label("摘要", exact=True).wait_for()
    # Decap saves only a changed entry: toggle the draft switch on and off again, then save.
    switch = page.locator("[id^='draft-field']")
    switch.click()
    switch.click()
    _publish(page)

    _wait_for_file(path, changed_from=mtime)
    saved = path.read_text(encoding="utf-8")
    assert saved.split("\n---\n", 1)[1].strip() == original.split("\n---\n", 1)[1].strip()  # body untouched
    check = _make_check(project)
    assert check.returncode == 0, check.stdout + check.stderr
    time.sleep(3)  # let mkdocs serve notice the file; its server then waits for the rebuild
    assert _article(page, url) == before
