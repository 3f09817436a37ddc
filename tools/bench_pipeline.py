"""Build and preview-reload figures of the pipeline, per engine: what ``make bench`` prints first.

For each engine (MkDocs + Material, the default; Zensical) and each size (the real site; a copy
with 1,000 news posts from tools/synthetic_data.py):

- build: ``python -m showcase build`` in a fresh process, with no cache of any kind (a release is
  a clean build): wall time and the peak memory of the process tree (``os.wait4``);
- reload (MkDocs only: the preview is ``make serve``): the time from saving a news post until the
  served page shows the change, polled over HTTP with no browser in the loop.

``--project DIR`` benchmarks another checkout (for example ``git worktree add /tmp/base 228a16e``)
with the same measurements, so that figures before and after a change come from one run.

Usage: python tools/bench_pipeline.py [--runs 3] [--engines mkdocs zensical] [--posts 1 1000]
                                      [--project DIR] [--no-reload]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from support import REPO, free_port

PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides", "templates")
REAL_POST = ("news/2023/12/27/brand-report/", "docs/news/posts/2023-12-27-brand-report.md")
ZENSICAL = REPO / ".venv-zensical" / "bin" / "zensical"  # made by `make zensical-deps`


def copy_of(source: Path, target: Path, posts: int) -> Path:
    target.mkdir(parents=True)
    for part in PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, target / part, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        elif path.exists():
            shutil.copy(path, target / part)
    if posts > 1:
        from synthetic_data import generate_posts

        generate_posts(target, posts)
    return target


def environment(project: Path) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks"), "SHOWCASE_ZENSICAL": str(ZENSICAL),
            "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "1703606400")}


def clean_build(project: Path, engine: str) -> tuple[float, float]:
    """One ``python -m showcase build`` with no cache: (seconds, peak MB)."""
    for leftover in (project / ".cache", project / "site", project / "build"):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [sys.executable, "-m", "showcase", "build"]
    if engine != "mkdocs":
        command += ["--engine", engine]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=environment(project), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed in {project} ({engine}):\n{output[-3000:]}")
    return wall, usage.ru_maxrss / 1024


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.read().decode("utf-8", "replace")
    except OSError:
        return ""


def reload_times(project: Path, page: str, post: str, runs: int) -> list[float]:
    """Save ``post`` with a new word in its title; time until ``page`` serves it."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "showcase", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=environment(project), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{page}"
    timings = []
    try:
        deadline = time.monotonic() + 900
        while "</html>" not in fetch(url):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"the preview did not answer at {url}")
            time.sleep(0.5)
        path = project / post
        original = path.read_text(encoding="utf-8")
        for run in range(runs):
            marker = f"刷新测试{run}号"
            started = time.monotonic()
            path.write_text(original.replace("\n# ", f"\n# {marker}", 1), encoding="utf-8")
            while marker not in fetch(url):
                if time.monotonic() - started > 600:
                    raise SystemExit(f"the preview never showed {marker}")
                time.sleep(0.05)
            timings.append(time.monotonic() - started)
            path.write_text(original, encoding="utf-8")
            while marker in fetch(url):  # the restoring rebuild is done before the next save
                time.sleep(0.1)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", nargs="+", default=["mkdocs", "zensical"])
    parser.add_argument("--posts", type=int, nargs="+", default=[1, 1000])
    parser.add_argument("--project", type=Path, default=REPO)
    parser.add_argument("--no-reload", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for posts in args.posts:
            project = copy_of(args.project.resolve(), Path(folder) / f"posts-{posts}", posts)
            page, post = REAL_POST
            if posts > 1:
                from synthetic_data import post_date_of, post_path, post_slug

                page = f"news/{post_date_of(0).strftime('%Y/%m/%d')}/{post_slug(0)}/"
                post = post_path(project, 0).relative_to(project).as_posix()
            for engine in args.engines:
                builds = [clean_build(project, engine) for _ in range(args.runs)]
                for wall, peak in builds:
                    print(f"  {engine} {posts} posts build: {wall:.2f} s, {peak:.0f} MB", file=sys.stderr, flush=True)
                reload = None
                if engine == "mkdocs" and not args.no_reload:
                    reload = statistics.median(reload_times(project, page, post, args.runs))
                    print(f"  {engine} {posts} posts reload: {reload:.2f} s", file=sys.stderr, flush=True)
                rows.append((engine, posts, statistics.median(w for w, _ in builds), max(p for _, p in builds), reload))
    print("\n| 引擎 | 新闻篇数 | 干净生成（中位数） | 峰值内存 | 预览刷新（中位数） |")
    print("|---|---:|---:|---:|---:|")
    base = {engine: (wall, reload) for engine, posts, wall, _, reload in rows if posts == min(args.posts)}
    for engine, posts, wall, peak, reload in rows:
        ratio = f"（{wall / base[engine][0]:.1f}×）" if posts != min(args.posts) else ""
        reloaded = "—" if reload is None else f"{reload:.2f} 秒"
        if reload is not None and posts != min(args.posts) and base[engine][1]:
            reloaded += f"（{reload / base[engine][1]:.1f}×）"
        print(f"| {engine} | {posts} | {wall:.2f} 秒{ratio} | {peak:.0f} MB | {reloaded} |")


if __name__ == "__main__":
    main()
