"""Screenshots for the guide pages form-editor.md, images.md and publish.md, taken from the real form editor.

Runs showcase/editing/editor_servers.py on a temporary copy of the project (the real data/ is never written), fills
in the fictional examples the guide describes, and saves small PNGs into docs/editors/images/.

Usage: python -m tools.dev.editor_screenshots [--out docs/editors/images]
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from tools.harness import REPO, build_environment, chromium_launch_options, copy_project, free_port, wait_until_answers

VIEWPORT = {"width": 1100, "height": 720}


def solid_png(path: Path, width: int, height: int) -> Path:
    """A real PNG of one colour (party red), written with zlib (no imaging library needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xc8\x10\x2e" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
                     + chunk(b"IEND", b""))
    return path


def _choose(page, label: str, option: str) -> None:
    page.get_by_label(re.compile("^" + re.escape(label) + r"(\s*[（(]?可选[)）]?)?$")).click()
    page.get_by_role("option", name=option, exact=True).click()


def _honour_shots(page, base: str, shot) -> None:
    """The level list of a new honour, then a date the form refuses before saving."""
    page.goto(base + "admin/#/collections/honours/new")
    page.get_by_label("标题", exact=True).fill("示例荣誉称号")
    page.get_by_label(re.compile("^级别")).click()
    page.get_by_role("option", name="贵港市", exact=True).wait_for()
    shot("form-editor-honour-level.png")
    page.get_by_role("option", name="贵港市", exact=True).click()
    _choose(page, "类别", "集体")
    page.get_by_label("获得者", exact=True).fill("示例党支部")
    page.get_by_label("日期 (可选)", exact=True).fill("2024-13")
    page.get_by_role("button", name="保存").first.click()
    page.get_by_role("menuitem", name="保存", exact=True).click()
    page.get_by_text("“日期”写法不对", exact=False).first.wait_for()
    page.get_by_label("日期 (可选)", exact=True).scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    shot("form-editor-bad-date.png")


def _activity_shot(page, base: str, shot) -> None:
    page.goto(base + "admin/#/collections/activities/new")
    _choose(page, "品牌或项目", "金田法庭【温情调解和美家事】")
    page.get_by_role("button", name="添加一项").first.click()
    page.get_by_label("日期", exact=True).fill("2024-03")
    _choose(page, "类别", "调解")
    page.get_by_label("标题", exact=True).fill("示例调解活动")
    page.get_by_label(re.compile("^相关新闻")).click()
    page.get_by_role("option").first.wait_for()
    shot("form-editor-activity.png")
    page.keyboard.press("Escape")


def _news_shots(page, base: str, shot, temp: Path) -> None:
    """A news post with a photo: the media library, the filled form, the save menu, the preview."""
    from playwright.sync_api import Error as PlaywrightError

    page.goto(base + "admin/#/collections/news/new")
    page.get_by_label("标题", exact=True).fill("示例新闻标题")
    page.get_by_label("日期", exact=True).fill("2024-01-15")
    page.get_by_label("导语", exact=True).fill("示例新闻的导语：一段话说清这篇新闻，显示在新闻列表里。")
    body = page.locator("label[for^='body-field']").locator("xpath=../..").locator("[contenteditable=true]")
    body.click()
    page.keyboard.type("正文第一段。")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="添加组件").click()
    page.get_by_role("menuitem", name="链接到品牌或项目").click()
    _choose(page, "品牌或项目", "金田法庭【温情调解和美家事】")
    page.get_by_label("导语", exact=True).scroll_into_view_if_needed()
    shot("form-editor-news.png")
    page.get_by_role("button", name="选择图片").click()
    page.get_by_role("button", name="上传").wait_for()
    shot("form-editor-media.png")
    page.locator("input[type=file]").set_input_files(solid_png(Path(temp) / "shili-tupian.png", 480, 270))
    page.get_by_role("button", name="选用已选中项目").click()
    page.get_by_label("图片说明 (可选)", exact=True).fill("示例图片说明：图上是什么")
    page.get_by_label("图片说明 (可选)", exact=True).scroll_into_view_if_needed()
    shot("form-editor-news-photo.png")
    page.get_by_role("button", name="保存").first.click()
    page.get_by_role("menuitem", name="保存", exact=True).wait_for()
    page.mouse.move(0, 0)
    page.evaluate("window.scrollTo(0, 0)")
    shot("form-editor-save.png")
    page.get_by_role("menuitem", name="保存", exact=True).click()
    page.get_by_text("已保存。预览几秒后更新。", exact=False).first.wait_for()

    deadline = time.monotonic() + 120
    while True:  # the preview rebuilds after the save (and the editor reloads itself once)
        try:
            page.goto(base + "news/2024/01/15/shi-li-xin-wen-biao-ti/")
            if "示例新闻标题" in page.content() or time.monotonic() > deadline:
                break
        except PlaywrightError:
            pass
        page.wait_for_timeout(2000)
    shot("form-editor-preview.png")


def _workflow_shots(context, out: Path, saved: list[Path], base: str, project: Path, temp: Path) -> None:
    """images.md: a photo named in Chinese; publish.md: the header's 检查并打包, with a mistake, then without."""
    page = context.new_page()
    page.set_default_timeout(180_000)

    def shot(name: str, part: str | None = None) -> None:
        page.wait_for_timeout(600)
        (page.locator(part) if part else page).screenshot(path=out / name)
        saved.append(out / name)

    page.goto(base + "admin/#/collections/news/new")
    page.get_by_role("button", name="选择图片").click()
    page.locator("input[type=file]").set_input_files(solid_png(temp / "巡回审判现场.png", 480, 270))
    page.get_by_text("xunhui-shenpan-xianchang.png", exact=True).wait_for()
    shot("images-chinese-name.png")
    page.close(run_before_unload=False)
    page = context.new_page()
    page.set_default_timeout(180_000)
    page.goto(base + "admin/#/collections/honours")
    page.get_by_role("link", name="检查并打包").wait_for()
    shot("publish-header.png")
    honour = next(path for path in sorted((project / "data" / "honours").glob("*.yml"))
                  if re.search(r"^date: ", path.read_text(encoding="utf-8"), re.M))
    original = honour.read_text(encoding="utf-8")
    honour.write_text(re.sub(r"^date: .*$", 'date: "2024-13"', original, count=1, flags=re.M), encoding="utf-8")
    page.get_by_role("link", name="检查并打包").click()
    page.get_by_role("button", name="检查并打包").click()
    page.get_by_role("status").filter(has_text="没有打包").wait_for()
    shot("publish-errors.png", "main")
    honour.write_text(original, encoding="utf-8")
    page.get_by_role("button", name="检查并打包").click()
    page.get_by_role("status").filter(has_text="已打包").wait_for()
    shot("publish-done.png", "main")


def take(out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    saved = []
    with tempfile.TemporaryDirectory(prefix="editor-shots-") as temp:
        project = copy_project(Path(temp) / "project")
        shutil.copytree(REPO / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
        (project / "node_modules").symlink_to(REPO / "node_modules")
        port, backend_port = free_port(), free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "showcase", "edit", "--port", str(port), "--backend-port", str(backend_port)],
            cwd=project, env=build_environment(project), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}/"
        try:
            wait_until_answers(base + "admin/config.yml", timeout=180)
            wait_until_answers(f"http://127.0.0.1:{backend_port}/api/v1", timeout=60, data=b'{"action":"info"}')
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(**chromium_launch_options())
                context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")

                def fresh_page(old=None):
                    """A new tab for each form (the login is kept in the context's storage)."""
                    if old is not None:
                        old.close(run_before_unload=False)
                    new = context.new_page()
                    new.set_default_timeout(180_000)
                    return new

                page = fresh_page()

                def shot(name: str, full: bool = False) -> None:
                    page.wait_for_timeout(600)
                    path = out / name
                    page.screenshot(path=path, full_page=full)
                    saved.append(path)

                page.goto(base + "admin/")
                shot("form-editor-login.png")
                page.get_by_role("button", name="登录").click()
                page.get_by_text("党旗引领·法耀浔州", exact=True).first.wait_for()
                shot("form-editor-collections.png")

                page = fresh_page(page)
                _honour_shots(page, base, shot)
                page = fresh_page(page)
                _activity_shot(page, base, shot)

                page = fresh_page(page)  # shot() photographs the current page
                _news_shots(page, base, shot, Path(temp))
                _workflow_shots(context, out, saved, base, project, Path(temp))
                browser.close()
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "editors" / "images")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for path in take(args.out):
        print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}  {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
