"""Measure the preview's reload time: from saving a file to the page showing the change.

Runs the editors' preview (`make serve`, i.e. `python -m showcase serve`: MkDocs' live-reload server,
whose rebuilds write only the files that changed) on a copy of the project, opens a page in
Chromium, edits the file behind it, and times until the browser shows the new text. Prints the median.

By default it edits a brand's data file. ``--posts 1 1000`` instead edits one news post, in a copy
with the real post only and in one with synthetic posts up to 1,000 (tools/dev/synthetic_data.py):
both servers run at once and the edits alternate, so that both sizes meet the same load.

Usage: python -m tools.dev.bench_reload [--runs 5] [--posts 1 1000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from tools.harness import build_environment, chromium_launch_options, copy_project, free_port

PAGE = "brands/xunzhou-fengqiao/"
DATA = "data/brands/xunzhou-fengqiao.yml"
REAL_POST = ("news/2023/12/27/brand-report/", "docs/news/posts/2023-12-27-brand-report.md")


def wait_for_server(url: str, page, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if page.goto(url).ok:
                return
        except Exception:  # the server is still starting
            time.sleep(0.5)
    raise SystemExit(f"mkdocs serve did not answer at {url}")


def open_page(page, url: str) -> None:
    """Open ``url``, waiting for a rebuild after the restoring save (a large copy is still at it); the
    live reload that follows that rebuild may interrupt the navigation, and then loads the page itself."""
    for _ in range(3):
        try:
            page.goto(url, timeout=600_000)
            break
        except PlaywrightError as error:
            if "interrupted by another navigation" not in str(error):
                raise
    page.wait_for_load_state("load")


@dataclass
class Target:
    """One served copy: the page to watch and the file to edit, with where the marker goes."""

    label: str
    project: Path
    page_path: str
    file: str
    anchor: str  # the marker is written just after the first occurrence of this text
    timings: list[float] = field(default_factory=list)


def brand_target(project: Path) -> Target:
    return Target("brand", project, PAGE, DATA, "summary: ")


def post_target(project: Path, posts: int) -> Target:
    if posts <= 1:
        page_path, file = REAL_POST
    else:
        from tools.dev.synthetic_data import generate_posts, post_date_of, post_path, post_slug

        generate_posts(project, posts)
        page_path = f"news/{post_date_of(0).strftime('%Y/%m/%d')}/{post_slug(0)}/"
        file = post_path(project, 0).relative_to(project).as_posix()
    return Target(f"{posts} posts", project, page_path, file, "\n# ")


def measure(targets: list[Target], runs: int) -> None:
    servers = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options())
            pages = []
            for target in targets:
                port = free_port()
                servers.append(subprocess.Popen(
                    [sys.executable, "-m", "showcase", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                    cwd=target.project, env=build_environment(target.project),
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                ))
                page = browser.new_page()
                url = f"http://127.0.0.1:{port}/{target.page_path}"
                wait_for_server(url, page, time.monotonic() + 600)
                pages.append((page, url))
            for run in range(runs):
                for target, (page, url) in zip(targets, pages):
                    data = target.project / target.file
                    original = data.read_text(encoding="utf-8")
                    marker = f"重新加载测试{run}"
                    open_page(page, url)
                    started = time.monotonic()
                    data.write_text(original.replace(target.anchor, f"{target.anchor}{marker}", 1), encoding="utf-8")
                    page.get_by_text(marker).first.wait_for(timeout=120_000)
                    target.timings.append(time.monotonic() - started)
                    data.write_text(original, encoding="utf-8")
                    time.sleep(3 if len(targets) == 1 else 1)  # let the restoring rebuild start
            browser.close()
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--posts", type=int, nargs="*", help="edit a news post, in copies with these many posts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.posts:
            targets = [post_target(copy_project(Path(folder) / f"posts-{n}"), n) for n in args.posts]
            what = "保存一篇新闻"
        else:
            targets = [brand_target(copy_project(Path(folder) / "project"))]
            what = "保存数据文件"
        measure(targets, args.runs)
    print(f"预览刷新时间（{what} → 浏览器显示新内容）")
    for target in targets:
        t = target.timings
        print(f"{target.label}: runs: {len(t)}  median: {statistics.median(t):.2f} s  "
              f"min: {min(t):.2f} s  max: {max(t):.2f} s")


if __name__ == "__main__":
    main()
