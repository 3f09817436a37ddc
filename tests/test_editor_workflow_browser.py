"""The editor's work around the forms, in Chromium on the real local backend (`make edit` on a copy):
photos named in Chinese, the editor with a broken data file, 检查并打包 from the browser, and the
two servers refusing requests that are not addressed to this machine (DNS rebinding)."""

from __future__ import annotations

import http.client
import re
import zipfile

import pytest
import yaml

from tools.dev.editor_screenshots import solid_png
from editor_support import (  # noqa: F401 - editor, editor_page and requests_seen are fixtures
    editor,
    editor_page,
    make_check,
    open_form,
    preview_text,
    requests_seen,
    save,
    wait_for_file,
)

pytestmark = [pytest.mark.build, pytest.mark.browser]

ERROR_TITLE = "资料有错误，预览暂停"


def _answer(port: int, method: str, path: str, host: str, body: bytes | None = None,
            origin: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": host, "Content-Type": "application/json"}
    if origin:
        headers["Origin"] = origin
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    try:
        return response.status, response.read()
    finally:
        connection.close()


def test_servers_refuse_requests_for_other_hosts(editor):
    """A page on rebind.evil.example (resolving to 127.0.0.1) reaches neither the preview nor the files."""
    port, backend = editor.port, editor.backend_port
    info = b'{"action":"info"}'
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert _answer(port, "GET", "/admin/config.yml", host)[0] == 200
    for host in (f"rebind.evil.example:{port}", "rebind.evil.example", f"127.0.0.1:{port + 1}"):
        status, body = _answer(port, "GET", "/admin/config.yml", host)
        assert status == 403 and "collections" not in body.decode("utf-8", "replace"), host
    assert _answer(backend, "POST", "/api/v1", f"127.0.0.1:{backend}", info)[0] == 200
    listing = b'{"action":"entriesByFolder","params":{"branch":"main","folder":"data/brands","extension":"yml","depth":1}}'
    for host in (f"rebind.evil.example:{backend}", f"localhost.evil.example:{backend}"):
        status, body = _answer(backend, "POST", "/api/v1", host, listing)
        assert status == 403 and b"slug" not in body, host
    # Cross-origin requests stay refused: only the preview's own pages may call the file service.
    for origin in ("http://evil.example", f"http://127.0.0.1:{backend}", "http://127.0.0.1:1"):
        assert _answer(backend, "POST", "/api/v1", f"127.0.0.1:{backend}", listing, origin)[0] == 403, origin
    status, _ = _answer(backend, "POST", "/api/v1", f"127.0.0.1:{backend}", info, f"http://localhost:{port}")
    assert status == 200


def test_chinese_named_photo_in_the_picture_dialog(editor, editor_page, tmp_path):
    base, project = editor
    page = editor_page
    before = make_check(project).stdout
    photo = solid_png(tmp_path / "巡回审判现场.png", 64, 48)
    open_form(page, base, "collections/news/new")
    page.get_by_label("标题", exact=True).fill("巡回审判进村")
    page.get_by_label("日期", exact=True).fill("2024-01-16")
    page.get_by_label("导语", exact=True).fill("巡回审判的导语。")
    page.get_by_role("button", name="选择图片").click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_text("xunhui-shenpan-xianchang.png", exact=True).wait_for()  # the new name, in the dialog
    notice = page.get_by_role("status").filter(has_text="巡回审判现场.png")
    assert "xunhui-shenpan-xianchang.png" in notice.inner_text()  # the editor is told the stored name
    page.get_by_role("button", name="选用已选中项目").click()
    page.get_by_label("图片说明 (可选)", exact=True).fill("巡回审判现场")
    page.locator("label[for^='body-field']").locator("xpath=../..").locator("[contenteditable=true]").click()
    page.keyboard.type("巡回审判进村的正文。")
    post = project / "docs" / "news" / "posts" / "2024-01-16-xun-hui-shen-pan-jin-cun.md"  # 网址名 from the title's pinyin
    save(page, post)

    front = yaml.safe_load(post.read_text(encoding="utf-8").split("---")[1])
    assert front["image"]["src"] == "images/xunhui-shenpan-xianchang.png"
    assert (project / "docs" / "images" / "xunhui-shenpan-xianchang.png").is_file()
    assert not (project / "docs" / "images" / ".png").exists()
    check = make_check(project)
    assert check.returncode == 0, check.stdout + check.stderr
    counted = [int(re.search(r"(\d+) 张图片", text)[1]) for text in (before, check.stdout)]
    assert counted[1] == counted[0] + 1, (before, check.stdout)  # make check counts the new photo


def test_chinese_named_photo_in_the_media_tab(editor, editor_page, tmp_path):
    base, project = editor
    page = editor_page
    photo = solid_png(tmp_path / "金田法庭调解室.png", 32, 24)
    open_form(page, base, "collections/brands")
    page.get_by_role("button", name="图片", exact=True).click()
    page.get_by_role("button", name="上传").wait_for()
    page.locator("input[type=file]").set_input_files(photo)
    stored = project / "docs" / "images" / "jintian-fating-tiaojie-shi.png"
    wait_for_file(stored)
    page.get_by_text("jintian-fating-tiaojie-shi.png", exact=True).wait_for()
    assert not [path.name for path in (project / "docs" / "images").iterdir() if path.name.startswith(".")]
    check = make_check(project)
    assert check.returncode == 0 and "还没有用在页面上" in check.stdout, check.stdout + check.stderr


def test_broken_data_file_keeps_the_editor_and_links_its_form(editor, editor_page):
    """A date no form should have let through: the preview stops, the forms stay, 检查并打包 refuses."""
    base, project = editor
    page = editor_page
    path = sorted((project / "data" / "honours").glob("*.yml"))[0]
    original = path.read_text(encoding="utf-8")
    title = yaml.safe_load(original)["title"]
    broken = re.sub(r"^date: .*$", 'date: "2024-13"', original, count=1, flags=re.M)
    if broken == original:
        broken = original + 'date: "2024-13"\n'
    path.write_text(broken, encoding="utf-8")
    try:
        preview_text(page, base, ERROR_TITLE)
        link = page.get_by_role("link", name=f"荣誉：{title}")
        assert link.get_attribute("href") == f"/admin/#/collections/honours/entries/{path.stem}"
        link.click()
        page.get_by_role("button", name="登录").click()
        assert page.get_by_label("标题", exact=True).input_value() == title  # the broken entry's own form

        page.goto(base + "admin/#/collections/honours")  # the header of the lists, not of a form
        page.get_by_role("link", name="检查并打包").click()
        page.get_by_role("heading", name="检查并打包").wait_for()
        page.get_by_role("button", name="检查并打包").click()
        page.get_by_role("status").filter(has_text="没有打包").wait_for(timeout=120_000)
        form = page.get_by_role("link", name=f"荣誉：{title}")
        assert form.get_attribute("href") == f"/admin/#/collections/honours/entries/{path.stem}"
        assert "2024-13" in page.locator("pre").inner_text()
        assert not list(project.glob("fayao-site-*.zip"))
    finally:
        path.write_text(original, encoding="utf-8")
    preview_text(page, base + "honours/", title)  # the preview is back once the file is right


def test_check_and_package_from_the_browser(editor, editor_page):
    base, project = editor
    page = editor_page
    open_form(page, base, "collections/brands")
    page.get_by_role("link", name="检查并打包").click()
    page.get_by_role("button", name="检查并打包").click()
    status = page.get_by_role("status").filter(has_text="已打包")
    status.wait_for(timeout=300_000)  # a clean build of the public site on a loaded 2-core machine
    (package,) = project.glob("fayao-site-*.zip")
    assert package.name in status.inner_text() and str(project) in status.inner_text()
    with zipfile.ZipFile(package) as archive:
        assert f"{package.stem}/data/site.yml" in archive.namelist()
    shown = page.locator("pre").inner_text()
    assert "检查通过" in shown and f"已打包 {package.name}" in shown
