"""The form editor driven in Chromium, as the media team uses it: `make edit` on a copy of the project.

Shared by the editor's browser tests (test_form_editor_browser.py: the forms; test_editor_workflow_browser.py:
photos, publishing, a broken data file, the servers' Host check). A test module imports the fixtures
it uses (``from editor_support import editor, editor_page, requests_seen``): each module then starts
its own editor on its own copy.

showcase/editing/editor_servers.py starts decap-server and the preview on free ports in a temporary copy, so that the
real data/ is never written. Every request the editor makes must go to 127.0.0.1.
"""

from __future__ import annotations

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
from playwright.sync_api import Error as PlaywrightError

from tools.harness import REPO, build_environment, copy_project, free_port, wait_until_answers


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """(preview base URL, project copy), with `showcase/editing/editor_servers.py` running on free ports; stopped with Ctrl-C.

    The ports are on the fixture's result too: ``editor.port``, ``editor.backend_port``."""
    project = copy_project(tmp_path_factory.mktemp("edit") / "project")
    shutil.copytree(REPO / "tools", project / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "node_modules").symlink_to(REPO / "node_modules")
    port, backend_port = free_port(), free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "showcase", "edit", "--port", str(port), "--backend-port", str(backend_port)],
        cwd=project, env=build_environment(project), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        try:
            wait_until_answers(base + "admin/config.yml", timeout=300)  # a loaded 2-core machine builds slowly
        except OSError:
            process.kill()
            pytest.fail("make edit did not start:\n" + process.communicate()[0][-3000:], pytrace=False)
        wait_until_answers(f"http://127.0.0.1:{backend_port}/api/v1", data=b'{"action":"info"}')
        yield Editor(base, project, port, backend_port)
    finally:
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends
        output, _ = process.communicate(timeout=30)
    print(output)
    assert f"网页表单编辑器：http://127.0.0.1:{port}/admin/" in output  # the one line make edit prints
    assert not port_open(port) and not port_open(backend_port), "Ctrl-C left a server running"


class Editor(tuple):
    """``(base, project)`` as before, with the two ports by name."""

    def __new__(cls, base: str, project: Path, port: int, backend_port: int):
        editor = super().__new__(cls, (base, project))
        editor.port, editor.backend_port = port, backend_port
        return editor


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


def open_form(page, base: str, route: str) -> None:
    page.goto(base + "admin/#/" + route)
    login = page.get_by_role("button", name="登录")
    editing = page.get_by_text("正在编辑", exact=False).or_(page.get_by_text("内容", exact=True)).first
    login.or_(editing).first.wait_for()
    if login.count():  # after a save the page reloads already logged in
        login.click()
    editing.wait_for()


def save(page, path: Path | None = None, changed_from: int | None = None) -> None:
    """The form's 保存 button, then 保存 in its menu; the editor reads the file again once it is written."""
    reloads = page.evaluate("document.documentElement.getAttribute('data-entry-reloads') || '0'")
    existing = "/entries/" in page.url
    page.get_by_role("button", name="保存").first.click()
    page.get_by_role("menuitem", name="保存", exact=True).click()
    try:
        if path is not None:
            wait_for_file(path, changed_from=changed_from)
        page.get_by_role("status").filter(has_text="已保存").or_(
            page.get_by_text("已保存。预览几秒后更新。")).first.wait_for(timeout=30_000)
    except Exception:
        pytest.fail("the form was not saved:\n" + page.inner_text("body")[:3000], pytrace=False)
    if existing:  # forms.js then opens the entry again, read from the saved file
        page.wait_for_function(f"Number(document.documentElement.getAttribute('data-entry-reloads')) > {reloads}")
    page.get_by_text("修改已保存").first.wait_for()


def choose(page, label: str, option: str) -> None:
    # An optional field's label carries Decap's "可选" mark after the name.
    page.get_by_label(re.compile("^" + re.escape(label) + r"(\s*[（(]?可选[)）]?)?$")).click()
    page.get_by_role("option", name=option, exact=True).click()


def markdown_box(page, field: str):
    """The Markdown widget (raw mode) of ``field``: a text box beside the field's label."""
    return page.locator(f"label[for^='{field}-field']").locator("xpath=../..").get_by_role("textbox")


def wait_for_file(path: Path, timeout: float = 30, changed_from: float | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not path.is_file() or (changed_from is not None and path.stat().st_mtime_ns == changed_from):
        assert time.monotonic() < deadline, f"{path} was not written"
        time.sleep(0.2)


def make_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "showcase", "check"], cwd=project, env=build_environment(project),
                          capture_output=True, text=True, timeout=120)


def preview_text(page, url: str, expected: str, timeout: float = 90) -> None:
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


def type_over(page, box, text: str) -> None:
    """Replace what a text box holds, as a person does: select all, then type."""
    box.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)
