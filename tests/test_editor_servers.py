"""The form editor's servers without a browser: only this machine's requests, photo names in pinyin,
links from problems to forms, the preview's error page with the editor kept, and make check's photo count.
(The same, driven through Decap in Chromium: test_editor_workflow_browser.py.)"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import io
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from showcase.editing import editor_servers
from tools.dev.editor_screenshots import solid_png
from showcase import cli
from showcase.editing.problem_forms import entry_form, form_links
from showcase.editing.local_only import local_only, refusal
from showcase.editing.media_names import readable_name
from showcase.engines.mkdocs_commands import ERROR_TITLE, write_error_page
from tools.harness import copy_project

POST = "docs/news/posts/2023-12-27-brand-report.md"


def test_only_this_machine_at_this_port_is_answered():
    origins = {"http://127.0.0.1:8000", "http://localhost:8000"}
    assert refusal("127.0.0.1:8081", None, 8081, origins) is None
    assert refusal("LOCALHOST:8081", "http://localhost:8000", 8081, origins) is None
    for host in ("rebind.evil.example:8081", "rebind.evil.example", "127.0.0.1", "127.0.0.1:8000", "", None,
                 "127.0.0.1.evil.example:8081", "[::1]:8081"):
        assert refusal(host, None, 8081, origins), host
    for origin in ("http://evil.example", "http://127.0.0.1:8081", "null", "https://127.0.0.1:8000"):
        assert refusal("127.0.0.1:8081", origin, 8081, origins), origin


def test_the_preview_refuses_a_foreign_host_before_mkdocs_sees_it():
    seen = []

    def app(environ, start_response):
        seen.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"page"]

    gated = local_only(app, 8000)
    answers = []
    start = lambda status, headers: answers.append(status)  # noqa: E731
    assert gated({"HTTP_HOST": "127.0.0.1:8000", "PATH_INFO": "/"}, start) == [b"page"]
    body = gated({"HTTP_HOST": "rebind.evil.example:8000", "PATH_INFO": "/data"}, start)
    assert answers == ["200 OK", "403 Forbidden"] and seen == ["/"]
    assert "127.0.0.1:8000" in b"".join(body).decode("utf-8")
    gated({"HTTP_HOST": "localhost:8000", "HTTP_ORIGIN": "http://evil.example", "PATH_INFO": "/x"}, start)
    assert answers[-1] == "403 Forbidden" and seen == ["/"]


@pytest.mark.parametrize("name, expected", [
    ("巡回审判现场.jpg", "xunhui-shenpan-xianchang.jpg"),
    ("金田法庭2023年调解室.WEBP", "jintian-fating-2023-nian-tiaojie-shi.webp"),
    ("C:\\照片\\法庭A2照片（一）.png", "fating-a2-zhaopian-yi.png"),
    ("IMG 0001.JPEG", "img-0001.jpeg"),
    ("！！.jpg", "zhaopian-20240115-093000.jpg"),
])
def test_photo_names_become_pinyin_or_the_upload_time(name, expected):
    assert readable_name(name, now=dt.datetime(2024, 1, 15, 9, 30)) == expected


def test_problems_link_to_the_forms_of_their_files(tmp_path: Path):
    report = (
        "错误  data/honours/shili.yml:13  字段 date\n    日期“2024-13”不是真实存在的日期。\n"
        f"错误  {POST}:4  字段 date\n错误  data/site.yml\n提醒  data/honours/shili.yml:2\n"
        "错误  docs/images/x.png\n错误  data/activities/jintian.yml:3"
    )
    assert form_links(report) == [
        {"file": "data/honours/shili.yml", "url": "/admin/#/collections/honours/entries/shili", "label": "荣誉"},
        {"file": POST, "url": "/admin/#/collections/news/entries/2023-12-27-brand-report", "label": "新闻"},
        {"file": "data/site.yml", "url": "/admin/#/collections/site/entries/site", "label": "全站信息"},
        {"file": "data/activities/jintian.yml", "url": "/admin/#/collections/activities/entries/jintian",
         "label": "活动记录"},
    ]
    # With the project at hand, each link names its entry, as long as the file still reads.
    (tmp_path / "data/honours").mkdir(parents=True)
    (tmp_path / "data/honours/shili.yml").write_text("title: 示例荣誉\ndate: 2024-13\n", encoding="utf-8")
    (tmp_path / "docs/news/posts").mkdir(parents=True)
    (tmp_path / POST).write_text("---\ndate: [\n---\n\n# 示例新闻\n", encoding="utf-8")
    assert [link["label"] for link in form_links(report, tmp_path)] == ["荣誉：示例荣誉", "新闻：示例新闻", "全站信息", "活动记录"]
    assert entry_form("data/brands/fayao-xunzhou.yml") == ("/admin/#/collections/brands/entries/fayao-xunzhou", "品牌")
    assert entry_form("docs/editors/index.md") is None


def test_the_error_page_keeps_the_editor_and_links_the_broken_file(tmp_path: Path):
    site = tmp_path / "site"
    (site / "brands").mkdir(parents=True)
    bundle = tmp_path / "decap-cms.js"
    bundle.write_text("// bundle", encoding="utf-8")
    problems = ["错误  data/honours/shili.yml:13  字段 date\n    日期“2024-13”不是真实存在的日期。"]
    write_error_page(site, problems, {"admin/index.html": "<title>editor</title>", "admin/decap-cms.js": bundle}, tmp_path)
    page = (site / "index.html").read_text(encoding="utf-8")
    assert ERROR_TITLE in page
    assert '<a href="/admin/#/collections/honours/entries/shili">荣誉</a>（data/honours/shili.yml）' in page
    assert (site / "admin/index.html").read_text(encoding="utf-8") == "<title>editor</title>"
    assert (site / "admin/decap-cms.js").read_text(encoding="utf-8") == "// bundle"
    assert not (site / "brands").exists() and (site / "404.html").read_text(encoding="utf-8") == page
    write_error_page(site, problems)  # make serve without the editor: no links to forms that are not there
    assert "/admin/" not in (site / "index.html").read_text(encoding="utf-8")


def _check(project: Path) -> str:
    out = io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        assert cli.main(["check"]) == 0, out.getvalue()
    return out.getvalue().strip().splitlines()[-1]


def test_make_check_counts_a_news_photo_and_names_photos_not_yet_used(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    before = _check(project)
    (project / "docs/images").mkdir(exist_ok=True)
    solid_png(project / "docs/images/xunhui-shenpan-xianchang.png", 8, 8)
    post = project / POST
    post.write_text(post.read_text(encoding="utf-8").replace(
        "\n---\n", "\nimage:\n  src: images/xunhui-shenpan-xianchang.png\n  alt: 巡回审判现场\n---\n", 1), encoding="utf-8")
    counted = int(re.search(r"(\d+) 张图片", before)[1])
    after = _check(project)
    assert after == before.replace(f"{counted} 张图片", f"{counted + 1} 张图片"), (before, after)
    solid_png(project / "docs/images/fating-zhaopian.png", 8, 8)  # uploaded in the 媒体 tab, not chosen yet
    assert _check(project).endswith("张图片（docs/images/ 里另有 1 张还没有用在页面上）。")


def test_edit_passes_its_ports_on(monkeypatch):
    calls = []
    monkeypatch.setattr(editor_servers, "run", lambda root, port, backend_port, environ: calls.append((port, backend_port)) or 0)
    assert cli.main(["edit", "--port", "8010"]) == 0
    assert calls == [(8010, 8081)]


@pytest.fixture
def gate(tmp_path: Path):
    """showcase/editing/editor_servers.py's gate on a free port, in front of a stand-in for decap-server; (port, upstream hits)."""
    hits: list[dict] = []

    class Upstream(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            hits.append({"host": self.headers["Host"], "body": self.rfile.read(int(self.headers["Content-Length"]))})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"repo":"project"}')

        def log_message(self, *args):
            pass

    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Upstream)]
    upstream_port = servers[0].server_address[1]
    servers.append(ThreadingHTTPServer(("127.0.0.1", 0), editor_servers.gate_for(tmp_path, 0, 8000, upstream_port, {})))
    port = servers[1].server_address[1]
    servers[1].RequestHandlerClass = editor_servers.gate_for(tmp_path, port, 8000, upstream_port, {})
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield port, hits
    for server in servers:
        server.shutdown()
        server.server_close()


def _post(port: int, path: str, body: dict, host: str, origin: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": host, "Content-Type": "application/json", **({"Origin": origin} if origin else {})}
    connection.request("POST", path, body=json.dumps(body, ensure_ascii=False).encode("utf-8"), headers=headers)
    answer = connection.getresponse()
    result = answer.status, dict(answer.getheaders()), json.loads(answer.read() or b"null")
    connection.close()
    return result


@pytest.mark.server
def test_the_gate_forwards_local_requests_and_refuses_the_rest(gate):
    port, hits = gate
    status, _, body = _post(port, "/api/v1", {"action": "info"}, f"127.0.0.1:{port}")
    assert status == 200 and body == {"repo": "project"} and hits[-1]["body"] == b'{"action": "info"}'
    status, _, body = _post(port, "/api/v1", {"action": "info"}, f"rebind.evil.example:{port}")
    assert status == 403 and "127.0.0.1" in body["error"] and len(hits) == 1
    status, _, _ = _post(port, "/api/v1", {"action": "info"}, f"localhost:{port}", "http://evil.example")
    assert status == 403 and len(hits) == 1


@pytest.mark.server
def test_the_gate_names_a_photo_for_the_editor_page(gate):
    port, hits = gate
    status, headers, body = _post(port, "/showcase/file-name", {"name": "巡回审判现场.jpg"}, f"localhost:{port}",
                                  "http://127.0.0.1:8000")
    assert status == 200 and body == {"name": "xunhui-shenpan-xianchang.jpg"}
    assert headers["Access-Control-Allow-Origin"] == "http://127.0.0.1:8000" and not hits
    status, _, _ = _post(port, "/showcase/file-name", {"name": "a.jpg"}, f"localhost:{port}", "http://localhost:9999")
    assert status == 403
