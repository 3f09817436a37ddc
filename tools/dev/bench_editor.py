"""The form editor's first load on loopback, with gzip: how long until the media team can work.

Builds the editors' preview (with /admin/) of a temporary copy of the project, serves it from
127.0.0.1 with gzip (as nginx would with ``gzip on``), starts decap-server on a free port, and
opens /admin/ in Chromium with an empty cache each run. Two moments are timed from the start of
navigation: the login screen shown (bundle downloaded, parsed, configuration read), and the
brands list shown after clicking 登录 (the entries read through decap-server).

Usage: python -m tools.dev.bench_editor [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.harness import REPO, chromium_launch_options, copy_project, free_port, run_build, serve_directory, wait_until_answers

COMPRESSIBLE = (".html", ".js", ".css", ".yml", ".json", ".svg", ".wasm", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed (level 6, nginx's usual) when the browser accepts it."""

    cache: dict[str, bytes] = {}
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml",
                      ".wasm": "application/wasm"}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(COMPRESSIBLE) and os.path.isfile(path)):
            return super().send_head()
        if path not in self.cache:
            self.cache[path] = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, format, *args):  # noqa: A002
        pass


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def measure(runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-editor-") as temp:
        project = copy_project(Path(temp) / "project")
        (project / "node_modules").symlink_to(REPO / "node_modules")
        port = free_port()
        backend = f"http://127.0.0.1:{port}/api/v1"
        site = Path(temp) / "site"
        result = run_build(project, site, env={"SHOWCASE_PREVIEW": "true", "SHOWCASE_EDITOR_BACKEND": backend})
        if result.returncode != 0 or not (site / "admin" / "index.html").is_file():
            raise SystemExit(f"preview build without the editor:\n{result.stderr[-2000:]}")
        server_env = {**os.environ, "MODE": "fs", "BIND_HOST": "127.0.0.1", "PORT": str(port),
                      "GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": "warn"}
        decap = subprocess.Popen(["node", str(REPO / "node_modules/decap-server/dist/index.js")], env=server_env)
        try:
            wait_until_answers(backend, timeout=60, data=b'{"action":"info"}')
            with serve_directory(site, GzipHandler) as base, sync_playwright() as playwright:
                browser = playwright.chromium.launch(**chromium_launch_options())
                login, listed, transferred, hosts = [], [], [], set()
                for _ in range(runs):
                    context = browser.new_context(viewport={"width": 1280, "height": 800})  # empty cache
                    page = context.new_page()
                    page.set_default_timeout(180_000)  # a loaded 2-core machine parses the bundle slowly
                    sizes: list[int] = []
                    page.on("response", lambda r: sizes.append(int(r.headers.get("content-length", 0))))
                    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
                    page.goto(base + "admin/", wait_until="commit")
                    page.get_by_role("button", name="登录").wait_for()
                    login.append(page.evaluate("performance.now()") / 1000)
                    page.get_by_role("button", name="登录").click()
                    page.get_by_text("党旗引领·法耀浔州", exact=True).first.wait_for()
                    listed.append(page.evaluate("performance.now()") / 1000)
                    transferred.append(sum(sizes))
                    context.close()
                browser.close()
        finally:
            decap.terminate()
            decap.wait(timeout=10)
        raw = sum(p.stat().st_size for p in (site / "admin").iterdir() if p.name in ("decap-cms.js", "index.html"))
        shutil.rmtree(site)
    return {"login": statistics.median(login), "listed": statistics.median(listed),
            "transferred": statistics.median(transferred), "bundle_raw": raw, "hosts": sorted(hosts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    figures = measure(args.runs)
    print(f"login: {figures['login']:.2f} s")
    print(f"listed: {figures['listed']:.2f} s")
    print(f"transferred: {figures['transferred'] / 1e6:.2f} MB (gzip); decap-cms.js {figures['bundle_raw'] / 1e6:.1f} MB")
    print(f"hosts: {' '.join(figures['hosts'])}")


if __name__ == "__main__":
    main()
