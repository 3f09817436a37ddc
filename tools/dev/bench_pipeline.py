"""Build and preview-reload figures of the pipeline, per engine: what ``make bench`` prints first.

For each engine (MkDocs + Material, the default; Zensical) and each size (the real site; a copy
with 1,000 news posts from tools/dev/synthetic_data.py):

- build: ``python -m showcase build`` in a fresh process, with no cache of any kind (a release is
  a clean build): wall time and the peak memory of the process tree (``os.wait4``);
- reload (MkDocs only: the preview is ``make serve``): the time from saving a news post until the
  served page shows the change, polled over HTTP with no browser in the loop.

``--baseline DIR`` measures another checkout too (for example ``git archive 228a16e``
unpacked in a folder), in turns with this one, so that figures before and after a change meet the
same load in one run.

Usage: python -m tools.dev.bench_pipeline [--runs 3] [--engines mkdocs zensical] [--posts 1 1000]
                                      [--baseline DIR] [--no-reload]
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

from tools.harness import FALLBACK_EPOCH, REPO, build_environment, copy_project, free_port

REAL_POST = ("news/2023/12/27/brand-report/", "docs/news/posts/2023-12-27-brand-report.md")
ZENSICAL = REPO / ".venv-zensical" / "bin" / "zensical"  # made by `make zensical-deps`


def copy_of(source: Path, target: Path, posts: int) -> Path:
    copy_project(target, source)
    if posts > 1:
        from tools.dev.synthetic_data import generate_posts

        generate_posts(target, posts)
    return target


def environment(project: Path) -> dict[str, str]:
    return build_environment(project, {"SHOWCASE_ZENSICAL": str(ZENSICAL),
                                       "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(FALLBACK_EPOCH))})


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


class Preview:
    """``python -m showcase serve`` on a project, and the time from saving ``post`` until ``page`` shows it."""

    def __init__(self, project: Path, page: str, post: str):
        self.port = free_port()
        self.server = subprocess.Popen([sys.executable, "-m", "showcase", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
                                       cwd=project, env=environment(project), stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}/{page}"
        self.path = project / post
        self.original = self.path.read_text(encoding="utf-8")

    def wait(self) -> None:
        deadline = time.monotonic() + 900
        while "</html>" not in fetch(self.url):
            if time.monotonic() > deadline or self.server.poll() is not None:
                raise SystemExit(f"the preview did not answer at {self.url}")
            time.sleep(0.5)

    def reload(self, run: int) -> float:
        marker = f"刷新测试{run}号"
        started = time.monotonic()
        self.path.write_text(self.original.replace("\n# ", f"\n# {marker}", 1), encoding="utf-8")
        while marker not in fetch(self.url):
            if time.monotonic() - started > 600:
                raise SystemExit(f"the preview never showed {marker}")
            time.sleep(0.05)
        took = time.monotonic() - started
        self.path.write_text(self.original, encoding="utf-8")
        while marker in fetch(self.url):  # the restoring rebuild is done before the next save
            time.sleep(0.1)
        return took

    def stop(self) -> None:
        self.server.terminate()
        self.server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", nargs="+", default=["mkdocs", "zensical"])
    parser.add_argument("--posts", type=int, nargs="+", default=[1, 1000])
    parser.add_argument("--baseline", type=Path, help="another checkout, measured in turns with this one (MkDocs)")
    parser.add_argument("--no-reload", action="store_true")
    args = parser.parse_args()
    variants = [(engine, REPO, engine) for engine in args.engines]
    if args.baseline:
        variants.insert(0, ("基线", args.baseline.resolve(), "mkdocs"))
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for posts in args.posts:
            page, post = REAL_POST
            current = copy_of(REPO, Path(folder) / f"current-{posts}", posts)
            projects = {label: copy_of(source, Path(folder) / f"baseline-{posts}", posts) if label == "基线" else current
                        for label, source, _ in variants}
            if posts > 1:
                from tools.dev.synthetic_data import post_date_of, post_path, post_slug

                page = f"news/{post_date_of(0).strftime('%Y/%m/%d')}/{post_slug(0)}/"
                post = post_path(current, 0).relative_to(current).as_posix()
            builds = {label: [] for label, _, _ in variants}
            for run in range(args.runs):  # in turns: every variant meets the same load
                for label, _, engine in variants:
                    builds[label].append(clean_build(projects[label], engine))
                    print(f"  {label} {posts} posts build: {builds[label][-1][0]:.2f} s, {builds[label][-1][1]:.0f} MB",
                          file=sys.stderr, flush=True)
            reloads = {}
            if not args.no_reload:
                previews = {label: Preview(projects[label], page, post) for label, _, engine in variants if engine == "mkdocs"}
                try:
                    for preview in previews.values():
                        preview.wait()
                    timings = {label: [] for label in previews}
                    for run in range(args.runs):
                        for label, preview in previews.items():
                            timings[label].append(preview.reload(run))
                            print(f"  {label} {posts} posts reload: {timings[label][-1]:.2f} s", file=sys.stderr, flush=True)
                    reloads = {label: statistics.median(t) for label, t in timings.items()}
                finally:
                    for preview in previews.values():
                        preview.stop()
            for label, _, _ in variants:
                walls = [w for w, _ in builds[label]]
                rows.append((label, posts, statistics.median(walls), max(p for _, p in builds[label]), reloads.get(label)))
    print_table(rows, min(args.posts))


def print_table(rows: list, smallest: int) -> None:
    print("\n| 生成方式 | 新闻篇数 | 干净生成（中位数） | 峰值内存 | 预览刷新（中位数） |")
    print("|---|---:|---:|---:|---:|")
    base = {label: (wall, reload) for label, posts, wall, _, reload in rows if posts == smallest}
    for label, posts, wall, peak, reload in rows:
        ratio = f"（{wall / base[label][0]:.1f}×）" if posts != smallest else ""
        reloaded = "—" if reload is None else f"{reload:.2f} 秒"
        if reload is not None and posts != smallest and base[label][1]:
            reloaded += f"（{reload / base[label][1]:.1f}×）"
        print(f"| {label} | {posts} | {wall:.2f} 秒{ratio} | {peak:.0f} MB | {reloaded} |")


if __name__ == "__main__":
    main()
