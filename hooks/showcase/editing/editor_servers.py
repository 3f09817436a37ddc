"""make edit (``python -m showcase edit``): decap-server (file-system mode) and the preview, stopped together.

decap-server reads and writes the project's files for the editor at /admin/ of the preview. It
listens on a port of its own that only this module knows; the editor's page talks to the gate in
front of it (127.0.0.1:8081 by default), which

- answers only requests addressed to 127.0.0.1 or localhost at its port, from the preview's
  pages (showcase.editing.local_only: no DNS rebinding, no other site's pages);
- gives a photo with a Chinese name a readable ASCII one before it is saved
  (POST /showcase/file-name, showcase.editing.media_names);
- runs the check and the package for the editor's 检查并打包 page (POST /showcase/package):
  the zip is written into the project folder, as `make package` does; nothing is sent anywhere.
"""

from __future__ import annotations

import http.client
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from showcase.editing.local_only import local_origins, refusal
from showcase.editing.media_names import readable_name
from showcase.editing.problem_forms import form_links

DECAP_SERVER = Path("node_modules", "decap-server", "dist", "index.js")
# Hop-by-hop headers are the proxy's own business (RFC 9110, 7.6.1).
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
               "proxy-authenticate", "proxy-authorization"}


def run(root: Path, port: int, backend_port: int, environ: Mapping[str, str]) -> int:
    """Serve the editor of the project in ``root`` until Ctrl-C; ``environ`` is the command's environment,
    handed on to decap-server and the preview."""
    root = root.resolve()
    if not (root / DECAP_SERVER).is_file():
        print("没有找到编辑器的服务程序，请先运行 make node-deps（或直接用 make edit）。", file=sys.stderr)
        return 2
    busy = [taken for taken in (port, backend_port) if _port_taken(taken)]
    if busy:
        print(f"端口 {'、'.join(map(str, busy))} 已被占用（也许编辑器已经开着）。"
              f"换一个端口：make edit PORT=8010（或 python -m showcase edit --port 8010）。", file=sys.stderr)
        return 1
    decap_port = _free_port()
    gate = ThreadingHTTPServer(("127.0.0.1", backend_port), gate_for(root, backend_port, port, decap_port, environ))
    gate.daemon_threads = True
    threading.Thread(target=gate.serve_forever, daemon=True).start()
    processes = _start(root, port, backend_port, decap_port, environ)
    print(
        f"网页表单编辑器：http://127.0.0.1:{port}/admin/　预览：http://127.0.0.1:{port}/"
        f"　（资料服务 127.0.0.1:{backend_port}，按 Ctrl-C 同时停止两者）",
        flush=True,
    )
    try:
        return _supervise(processes)
    finally:
        gate.shutdown()
        gate.server_close()


def _start(root: Path, port: int, backend_port: int, decap_port: int, environ: Mapping[str, str]) -> list[subprocess.Popen]:
    """decap-server on its private port, and the preview (which tells the editor the gate's address)."""
    backend = f"http://127.0.0.1:{backend_port}/api/v1"
    # PYTHONPATH: the core of the project in ``root`` (a copy, in the tests) before the installed one.
    env = {**environ, "SHOWCASE_EDITOR_BACKEND": backend, "PYTHONPATH": "hooks", "NO_MKDOCS_2_WARNING": "1"}
    decap_env = {**env, "MODE": "fs", "BIND_HOST": "127.0.0.1", "PORT": str(decap_port),
                 "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"}
    return [
        subprocess.Popen(["node", str(root / DECAP_SERVER)], cwd=root, env=decap_env),
        subprocess.Popen([sys.executable, "-m", "showcase", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                         cwd=root, env=env),
    ]


def _supervise(processes: list[subprocess.Popen]) -> int:
    """Wait until Ctrl-C or until one of them stops; then stop both."""
    # Ctrl-C stops both, even when started from a shell that ignores SIGINT in the background.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by a test or a supervisor: clean up below
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        print("编辑器的一个服务意外停止了，另一个也一并停止。请看上面的提示。", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _port_taken(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gate(BaseHTTPRequestHandler):
    """The file service's front door (see the module's docstring); gate_for() fills in the class attributes."""

    protocol_version = "HTTP/1.0"  # one request per connection: the body ends when it closes
    root: Path
    port: int
    origins: set[str]
    decap_port: int
    environ: dict[str, str]  # the command's environment, for the check and the package
    packaging: threading.Lock

    def log_message(self, format, *args):  # noqa: A002 - the editor's terminal stays quiet
        pass

    def do_OPTIONS(self):  # noqa: N802
        self._answer()

    def do_GET(self):  # noqa: N802
        self._answer()

    def do_POST(self):  # noqa: N802
        self._answer()

    def _answer(self) -> None:
        reason = refusal(self.headers.get("Host"), self.headers.get("Origin"), self.port, self.origins)
        if reason:
            return self._json(403, {"error": reason})
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path.startswith("/showcase/"):
            return self._own(body)
        self._forward(body)

    def _own(self, body: bytes) -> None:
        if self.command == "OPTIONS":
            return self._json(204, None)
        if self.command != "POST":
            return self._json(405, {"error": "只接受 POST。"})
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            return self._json(400, {"error": "请求不是 JSON。"})
        if self.path == "/showcase/file-name":
            return self._json(200, {"name": readable_name(str(request.get("name", "")))})
        if self.path != "/showcase/package":
            return self._json(404, {"error": "没有这个操作。"})
        if not self.packaging.acquire(blocking=False):
            return self._json(409, {"error": "正在检查并打包，请等这一次完成。"})
        try:
            self._json(200, check_and_package(self.root, self.environ))
        finally:
            self.packaging.release()

    def _json(self, status: int, data) -> None:
        payload = b"" if data is None else json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        origin = self.headers.get("Origin")
        if origin in self.origins:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Vary", "Origin")
        if data is not None:
            self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _forward(self, body: bytes) -> None:
        upstream = http.client.HTTPConnection("127.0.0.1", self.decap_port, timeout=300)
        headers = {name: value for name, value in self.headers.items() if name.lower() not in HOP_HEADERS}
        headers["Host"] = f"127.0.0.1:{self.decap_port}"
        try:
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            answer = upstream.getresponse()
            payload = answer.read()
        except OSError:
            return self._json(502, {"error": "资料服务没有回应，请看终端里的提示。"})
        finally:
            upstream.close()
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in HOP_HEADERS and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def gate_for(root: Path, port: int, preview_port: int, decap_port: int, environ: Mapping[str, str]) -> type[Gate]:
    """The gate of ``root`` on ``port``, for the preview's pages on ``preview_port``, before decap-server;
    ``environ`` is what its check and package run with."""
    return type("ProjectGate", (Gate,), {
        "root": root, "port": port, "origins": local_origins(preview_port), "decap_port": decap_port,
        "environ": dict(environ), "packaging": threading.Lock(),
    })


def check_and_package(root: Path, environ: Mapping[str, str]) -> dict:
    """`make check`, then `make package` in ``root``: what the editor's 检查并打包 page shows."""
    env = {**environ, "PYTHONPATH": "hooks", "NO_MKDOCS_2_WARNING": "1", "PYTHONIOENCODING": "utf-8"}  # as in _start
    env.setdefault("SOURCE_DATE_EPOCH", _commit_epoch(root))  # as the Makefile sets it for package
    if not env["SOURCE_DATE_EPOCH"]:
        env.pop("SOURCE_DATE_EPOCH")
    outputs = []
    for step in ("check", "package"):
        run = subprocess.run([sys.executable, "-m", "showcase", step], cwd=root, env=env,
                             capture_output=True, text=True, encoding="utf-8", errors="replace")
        outputs.append((run.stdout + run.stderr).strip())
        if run.returncode != 0:
            return {"ok": False, "step": step, "output": "\n\n".join(outputs), "forms": form_links(outputs[-1], root)}
    zips = sorted(root.glob("fayao-site-*.zip"), key=lambda path: path.stat().st_mtime)
    return {"ok": True, "step": "package", "output": "\n\n".join(outputs), "forms": [],
            "zip": zips[-1].name if zips else "", "folder": str(root)}


def _commit_epoch(root: Path) -> str:
    try:
        return subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""

