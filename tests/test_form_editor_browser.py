"""The form editor driven in Chromium, as the media team uses it: `make edit` on a copy of the project.

tools/edit.py starts decap-server and the preview on free ports in a temporary copy, so that the
real data/ is never written. Every request the editor makes must go to 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Error as PlaywrightError

from editor_screenshots import solid_png
from support import REPO, copy_project, free_port, wait_until_answers

# The preview (mkdocs serve) builds the site, and Chromium drives it.
pytestmark = [pytest.mark.build, pytest.mark.browser]

POST = "docs/news/posts/2023-12-27-brand-report.md"


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """(preview base URL, project copy), with `tools/edit.py` running on free ports; stopped with Ctrl-C."""
    project = copy_project(tmp_path_factory.mktemp("edit") / "project")
    shutil.copytree(REPO / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "node_modules").symlink_to(REPO / "node_modules")
    port, backend_port = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, str(project / "tools" / "edit.py"), "--root", str(project),
         "--port", str(port), "--backend-port", str(backend_port)],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        try:
            wait_until_answers(base + "admin/config.yml", timeout=300)  # a loaded 2-core machine builds slowly
        except OSError:
            process.kill()
            pytest.fail("make edit did not start:\n" + process.communicate()[0][-3000:], pytrace=False)
        wait_until_answers(f"http://127.0.0.1:{backend_port}/api/v1", data=b'{"action":"info"}')
        yield base, project
    finally:
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        output, _ = process.communicate(timeout=30)
    print(output)
    assert f"网页表单编辑器：http://127.0.0.1:{port}/admin/" in output  # the one line make edit prints
    assert not _port_open(port) and not _port_open(backend_port), "Ctrl-C left a server running"


@pytest.fixture
def requests_seen():
    """Every URL the test's pages requested; checked after the test: 127.0.0.1 only."""
    seen: list[str] = []
    yield seen
    off_machine = [url for url in seen if urlsplit(url).scheme in ("http", "https", "ws", "wss")
                   and urlsplit(url).hostname != "127.0.0.1"]
    assert seen and not off_machine, off_machine


@pytest.fixture
def editor_page(context, editor, requests_seen):
    context.on("request", lambda request: requests_seen.append(request.url))
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def _open(page, base: str, route: str) -> None:
    page.goto(base + "admin/#/" + route)
    page.get_by_role("button", name="登录").click()
    page.get_by_text("正在集合", exact=False).or_(page.get_by_text("内容", exact=True)).first.wait_for()


def _publish(page) -> None:
    page.get_by_role("button", name="发布").first.click()
    page.get_by_role("menuitem", name="立即发布").click()
    try:
        page.get_by_text("已发布", exact=False).first.wait_for(timeout=30_000)
    except Exception:
        pytest.fail("the form was not saved:\n" + page.inner_text("body")[:3000], pytrace=False)


def _choose(page, label: str, option: str) -> None:
    # An optional field's label carries Decap's "可选" mark after the name.
    page.get_by_label(re.compile("^" + re.escape(label) + r"(\s*[（(]?可选[)）]?)?$")).click()
    page.get_by_role("option", name=option, exact=True).click()


def _markdown_box(page, field: str):
    """The Markdown widget (raw mode) of ``field``: a text box beside the field's label."""
    return page.locator(f"label[for^='{field}-field']").locator("xpath=../..").get_by_role("textbox")


def _wait_for_file(path: Path, timeout: float = 30, changed_from: float | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not path.is_file() or (changed_from is not None and path.stat().st_mtime_ns == changed_from):
        assert time.monotonic() < deadline, f"{path} was not written"
        time.sleep(0.2)


def _make_check(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(project / "hooks")}
    return subprocess.run([sys.executable, "-m", "showcase", "check"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


def _preview_text(page, url: str, expected: str, timeout: float = 90) -> None:
    """Reload ``url`` until the preview (rebuilt by mkdocs serve) contains ``expected``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            page.goto(url)
            if expected in page.content():
                return
        except PlaywrightError:  # live reload navigated the page while it was read: read it again
            pass
        assert time.monotonic() < deadline, f"{expected!r} never appeared on {url}"
        page.wait_for_timeout(2000)


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
