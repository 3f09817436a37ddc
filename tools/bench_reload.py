"""Measure the preview's reload time: from saving a data file to the page showing the change.

Runs `mkdocs serve` on a copy of the project, opens a brand page in Chromium, edits the
brand's data file, and times until the browser shows the new text. Prints the median.

Usage: python tools/bench_reload.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from support import chromium_launch_options, copy_project, free_port

PAGE = "brands/xunzhou-fengqiao/"
DATA = "data/brands/xunzhou-fengqiao.yml"


def wait_for_server(url: str, page, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if page.goto(url).ok:
                return
        except Exception:  # the server is still starting
            time.sleep(0.5)
    raise SystemExit(f"mkdocs serve did not answer at {url}")


def measure(runs: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder) / "project")
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(**chromium_launch_options())
                page = browser.new_page()
                url = f"http://127.0.0.1:{port}/{PAGE}"
                wait_for_server(url, page, time.monotonic() + 120)
                data = project / DATA
                original = data.read_text(encoding="utf-8")
                timings = []
                for run in range(runs):
                    marker = f"重新加载测试{run}"
                    page.goto(url)
                    page.wait_for_load_state("load")
                    started = time.monotonic()
                    data.write_text(original.replace("summary: ", f"summary: {marker}", 1), encoding="utf-8")
                    page.get_by_text(marker).first.wait_for(timeout=60_000)
                    timings.append(time.monotonic() - started)
                    data.write_text(original, encoding="utf-8")
                    time.sleep(3)  # let the restoring rebuild finish before the next run
                browser.close()
                return timings
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    timings = measure(parser.parse_args().runs)
    print("预览刷新时间（保存数据文件 → 浏览器显示新内容）")
    print(f"runs: {len(timings)}  median: {statistics.median(timings):.2f} s  "
          f"min: {min(timings):.2f} s  max: {max(timings):.2f} s")


if __name__ == "__main__":
    main()
