"""The forms driven in Chromium, as the media team uses them: `make edit` on a copy of the project
(tests/editor_support.py starts it and drives Decap; the editor's other work is in test_editor_workflow_browser.py)."""

from __future__ import annotations

import re
import time

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

from tools.dev.editor_screenshots import solid_png
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
from editor_support import save as _save
from editor_support import type_over as _type_over
from editor_support import wait_for_file as _wait_for_file

# The preview (mkdocs serve) builds the site, and Chromium drives it.
pytestmark = [pytest.mark.build, pytest.mark.browser]

POST = "docs/news/posts/2023-12-27-brand-report.md"


def test_honour_with_a_new_level_saved_as_a_draft_without_source(editor, editor_page, requests_seen):
    base, project = editor
    page = editor_page
    _open(page, base, "collections/honours/new")
    page.get_by_label("标题", exact=True).fill("表单测试荣誉")
    page.get_by_label(re.compile("^网址名")).fill("biaoge-shiyan-rongyu")
    _choose(page, "级别", "贵港市")
    _choose(page, "类别", "集体")
    page.get_by_label("获得者", exact=True).fill("测试党支部")
    _choose(page, "所属品牌或项目", "金田法庭【温情调解和美家事】")  # a tribunal project, by its name
    page.get_by_label("日期 (可选)", exact=True).fill("2023")
    path = project / "data" / "honours" / "biaoge-shiyan-rongyu.yml"
    _save(page, path)

    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["level"] == "贵港市" and data["brand"] == "jintian" and data["draft"] is True
    assert "source" not in data  # no source yet: the honour waits as a draft
    assert re.search(r"""^date: ["']2023["']$""", text, re.M), text  # a year alone stays the text "2023"
    assert text.startswith("# yaml-language-server: $schema=../../schemas/honour.schema.json\n")
    check = _make_check(project)
    assert check.returncode == 0, check.stdout + check.stderr
    _preview_text(page, base + "honours/", "表单测试荣誉")

    # Made public without a source, the check names what is missing.
    mtime = path.stat().st_mtime_ns
    _open(page, base, "collections/honours/entries/biaoge-shiyan-rongyu")
    page.locator("[id^='draft-field']").click()
    page.get_by_role("button", name="保存").first.click()
    page.get_by_role("menuitem", name="保存", exact=True).click()
    _wait_for_file(path, changed_from=mtime)
    check = _make_check(project)
    assert check.returncode != 0 and "还没有出处" in check.stdout + check.stderr
    path.unlink()
    _preview_text(page, base + "honours/", "全国法院办案标兵")  # the preview is whole again


def test_a_bad_date_is_refused_before_saving(editor, editor_page):
    base, project = editor
    page = editor_page
    path = project / "data" / "honours" / "mofan-jiguan.yml"
    original = path.read_text(encoding="utf-8")
    _open(page, base, "collections/honours/entries/mofan-jiguan")
    date = page.get_by_label("日期 (可选)", exact=True)
    _type_over(page, date, "2024-13")
    page.get_by_role("button", name="保存").first.click()
    page.get_by_role("menuitem", name="保存", exact=True).click()
    page.get_by_text("“日期”写法不对：应写成 2022、2022-05 或 2022-05-01（月份 01 到 12，日 01 到 31）。").wait_for()
    time.sleep(2)
    assert path.read_text(encoding="utf-8") == original  # nothing was written

    # Saved once, a value typed back to what the entry held when opened is saved too.
    _type_over(page, date, "2021")
    mtime = path.stat().st_mtime_ns
    _save(page, path, changed_from=mtime)
    assert 'date: \'2021\'' in path.read_text(encoding="utf-8") or 'date: "2021"' in path.read_text(encoding="utf-8")
    _type_over(page, page.get_by_label("日期 (可选)", exact=True), "2022")
    assert page.get_by_text("有还没保存的修改").count() == 1
    mtime = path.stat().st_mtime_ns
    _save(page, path, changed_from=mtime)
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == yaml.safe_load(original)
    assert path.read_text(encoding="utf-8").splitlines()[:2] == original.splitlines()[:2]  # comments kept


def test_activity_record_names_a_tribunal_project(editor, editor_page):
    base, project = editor
    page = editor_page
    _open(page, base, "collections/activities/new")
    _choose(page, "品牌或项目", "金田法庭【温情调解和美家事】")
    page.get_by_role("button", name="添加一项").first.click()
    page.get_by_label("日期", exact=True).fill("2024-03")
    _choose(page, "类别", "调解")
    page.get_by_label("标题", exact=True).fill("表单测试巡回调解")
    _choose(page, "相关新闻", "党旗引领 法耀浔州：桂平法院机关党委品牌创建工作纪实（摘要）（2023年12月27日）")
    path = project / "data" / "activities" / "jintian.yml"
    _save(page, path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data == {"brand": "jintian", "records": [{
        "date": "2024-03", "kind": "调解", "title": "表单测试巡回调解",
        "post": "news/posts/2023-12-27-brand-report.md", "draft": True}]}
    check = _make_check(project)
    assert check.returncode == 0, check.stdout + check.stderr
    _open(page, base, "collections/activities")
    page.get_by_text("金田法庭【温情调解和美家事】").first.wait_for()  # the list names it in Chinese


def test_fill_existing_brand_meaning(editor, editor_page):
    base, project = editor
    page = editor_page
    path = project / "data" / "brands" / "farun-minsheng.yml"
    original = path.read_text(encoding="utf-8")
    before = yaml.safe_load(original)
    assert "meaning" not in before and before["from_report"] is True
    mtime = path.stat().st_mtime_ns
    _open(page, base, "collections/brands/entries/farun-minsheng")
    # A sub-brand's parent is chosen among master brands only: never the brand itself.
    page.get_by_label(re.compile("^上级品牌")).click()
    assert page.get_by_role("option").all_inner_texts() == ["党旗引领·法耀浔州"]
    page.keyboard.press("Escape")
    _markdown_box(page, "meaning").click()
    page.keyboard.type("表单填写的品牌内涵。")
    # Text of its own on a page that credits the report: the editor is asked to turn the credit off.
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    _save(page, path, changed_from=mtime)
    assert asked and "取自来源报告" in asked[0]

    text = path.read_text(encoding="utf-8")
    after = yaml.safe_load(text)
    assert after.pop("meaning") == "表单填写的品牌内涵。" and after.pop("from_report") is False
    before.pop("from_report")
    assert after == before
    assert text.splitlines()[:2] == original.splitlines()[:2]  # the comment lines stay
    assert list(yaml.safe_load(text)) == [k for k in yaml.safe_load(original) if k != "from_report"][:3] + \
        [k for k in yaml.safe_load(text)][3:]  # the fields keep their order
    check = _make_check(project)
    assert check.returncode == 0, check.stdout + check.stderr
    _preview_text(page, base + "brands/farun-minsheng/", "表单填写的品牌内涵。")


def test_news_post_with_photo_and_rich_text(editor, editor_page, tmp_path):
    base, project = editor
    page = editor_page
    photo = solid_png(tmp_path / "Biaoge-Photo.PNG", 64, 48)
    _open(page, base, "collections/news/new")
    page.get_by_label("标题", exact=True).fill("表单测试新闻")
    page.get_by_label("日期", exact=True).fill("2024-01-15")
    page.get_by_label("导语", exact=True).fill("表单测试新闻的导语。")
    body = page.locator("label[for^='body-field']").locator("xpath=../..").locator("[contenteditable=true]")
    body.click()
    # A Control+B that reaches the editor before it has taken the focus is lost: a first keystroke,
    # taken back, shows that the editor has it.
    page.keyboard.type("x")
    body.get_by_text("x", exact=True).wait_for()
    page.keyboard.press("Backspace")
    page.keyboard.press("Control+B")
    page.keyboard.type("加粗的话")
    body.locator("strong", has_text="加粗的话").wait_for()
    page.keyboard.press("Control+B")
    page.keyboard.type("，正文第一段。")
    page.keyboard.press("Enter")
    # A link to a project page, chosen by name.
    page.get_by_role("button", name="添加组件").click()
    page.get_by_role("menuitem", name="链接到品牌或项目").click()
    _choose(page, "品牌或项目", "金田法庭【温情调解和美家事】")
    page.get_by_role("button", name="选择图片").click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_role("button", name="选用已选中项目").click()
    page.get_by_label("图片说明 (可选)", exact=True).fill("测试照片：红色方块")
    # 网址名 left empty: made from the title's pinyin when saved.
    post = project / "docs" / "news" / "posts" / "2024-01-15-biao-dan-ce-shi-xin-wen.md"  # short titles whole
    _save(page, post)

    text = post.read_text(encoding="utf-8")
    front_text, body_text = text.split("\n---\n", 1)
    front = yaml.safe_load(front_text.removeprefix("---\n"))
    assert front["draft"] is True and front["title"] == "表单测试新闻"
    assert front["slug"] == "biao-dan-ce-shi-xin-wen"
    assert front["description"] == "表单测试新闻的导语。"  # filled from the excerpt
    assert re.search(r"^date: 2024-01-15$", text, re.M), text  # unquoted: Material reads it as a date
    assert body_text.strip().startswith("表单测试新闻的导语。\n\n<!-- more -->\n\n**加粗的话**，正文第一段。")
    assert "[金田法庭【温情调解和美家事】](../../projects/jintian.md)" in body_text
    src = front["image"]["src"]
    assert (project / "docs" / src).is_file()
    check = _make_check(project)
    assert check.returncode == 0, check.stdout + check.stderr

    _preview_text(page, base + "news/2024/01/15/biao-dan-ce-shi-xin-wen/", "表单测试新闻")
    assert page.locator("p.sc-preview-banner .sc-draft-mark").count() == 1  # its own page says 草稿
    assert page.locator("article a[href$='projects/jintian/']").count() == 1
    image = page.locator("article img[alt='测试照片：红色方块']")
    image.wait_for()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 64


def test_the_editor_speaks_chinese(editor, editor_page):
    base, _ = editor
    page = editor_page
    _open(page, base, "collections/honours/entries/mofan-jiguan")
    page.get_by_label(re.compile("^级别")).click()
    assert page.get_by_role("option").all_inner_texts() == ["全国", "全区", "贵港市", "桂平市"]
    page.keyboard.type("市级")
    page.get_by_text("没有可选的项").wait_for()  # not react-select's "No options"
    page.keyboard.press("Escape")
    toolbar = page.locator("body").inner_text()
    assert "保存" in toolbar and "发布" not in toolbar and "No options" not in toolbar


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
    page.get_by_label("导语", exact=True).wait_for()
    # Decap saves only a changed entry: toggle the draft switch on and off again, then save.
    switch = page.locator("[id^='draft-field']")
    switch.click()
    switch.click()
    _save(page, path, changed_from=mtime)

    saved = path.read_text(encoding="utf-8")
    # The title (its first line "# 标题") and excerpt were fields in the form; the text is the same.
    assert saved.split("\n---\n", 1)[1].strip() == original.split("\n---\n", 1)[1].strip()
    check = _make_check(project)
    assert check.returncode == 0, check.stdout + check.stderr
    time.sleep(3)  # let mkdocs serve notice the file; its server then waits for the rebuild
    assert _article(page, url) == before
