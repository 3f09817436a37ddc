"""make edit: the form editor. decap-server (file-system mode) and the preview, stopped together.

decap-server reads and writes the project's files for the editor at /admin/ of the preview; it
listens on 127.0.0.1 only (BIND_HOST; by default it would listen on every interface).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DECAP_SERVER = Path("node_modules", "decap-server", "dist", "index.js")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="启动网页表单编辑器和预览。")
    parser.add_argument("--root", type=Path, default=ROOT, help="项目文件夹（测试时用临时副本）")
    parser.add_argument("--port", type=int, default=8000, help="预览的端口")
    parser.add_argument("--backend-port", type=int, default=8081, help="decap-server 的端口")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not (root / DECAP_SERVER).is_file():
        print("没有找到编辑器的服务程序，请先运行 make node-deps（或直接用 make edit）。", file=sys.stderr)
        return 2

    backend = f"http://127.0.0.1:{args.backend_port}/api/v1"
    env = {**os.environ, "SHOWCASE_EDITOR_BACKEND": backend, "PYTHONPATH": "hooks", "NO_MKDOCS_2_WARNING": "1"}
    decap_env = {**env, "MODE": "fs", "BIND_HOST": "127.0.0.1", "PORT": str(args.backend_port),
                 "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"}
    processes = [
        subprocess.Popen(["node", str(root / DECAP_SERVER)], cwd=root, env=decap_env),
        subprocess.Popen(
            [sys.executable, "-m", "showcase", "serve", "--dev-addr", f"127.0.0.1:{args.port}"],
            cwd=root, env=env,
        ),
    ]
    print(
        f"网页表单编辑器：http://127.0.0.1:{args.port}/admin/　预览：http://127.0.0.1:{args.port}/"
        f"　（资料服务 127.0.0.1:{args.backend_port}，按 Ctrl-C 同时停止两者）",
        flush=True,
    )
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


if __name__ == "__main__":
    sys.exit(main())
