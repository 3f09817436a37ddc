"""Build-time benchmark: the real site, synthetic data at three sizes, the nav, and the preview reload.

Every build runs ``mkdocs build --strict`` in its own Python process (this file with ``--child``),
which wraps the core's functions with timers before MkDocs starts (never a dependency's: no surgery):

- hooks: importing the core, ``load_catalog`` (reading and validation), ``build_pages`` and
  ``build_nav`` (page models), ``Renderer`` (Jinja rendering of every generated page);
- search: no longer timed on its own (it would mean wrapping Material's plugin); it is part of MkDocs' share;
- MkDocs: the rest of the wall time (Markdown, Material's templates, the nav, writing files).

Peak memory is that build process's maximum resident set size (``os.wait4``). Synthetic data comes
from tools/dev/synthetic_data.py in a temporary copy of the project. Prints Markdown tables.

Each size is built once with no parse cache (``.cache/showcase/``, as after a fresh clone), then
``--runs`` times with it, as an editor's builds are; the tables give the median of those, and the
first build on its own.

The posts axis builds the real site and copies with 100 and 1,000 synthetic news posts in turns
(all meet the same load), prints wall and CPU ratios, and times the reload after saving one post.
The form editor's first load (tools/dev/bench_editor.py) comes last.

Usage: python -m tools.dev.bench [--runs 5] [--large-runs 3] [--quick | --only-large | --only-posts]
                             [--no-reload] [--no-nav] [--no-editor]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from showcase.content.parse_cache import CACHE_FOLDER  # the core, installed by `make install` (pyproject.toml)
from tools.harness import REPO, build_arguments, build_environment

SIZES = ((10, 100), (100, 1000), (1000, 10000))
POSTS = (1, 100, 1000)  # 1: the real site's one post
# A page that lists every generated page in its sidebar: how much of it is the nav.
SAMPLE_PAGE = "brands/xunzhou-fengqiao/index.html"


# --------------------------------------------------------------------------- the build process


def _child(project: Path, site_dir: Path, out: Path, nav: str) -> None:
    """Run one instrumented ``mkdocs build --strict`` in this process; write the timers to ``out``."""
    timers: dict[str, float] = {"hooks_import": 0.0, "load": 0.0, "pages": 0.0, "render": 0.0}
    counts = {"render": 0}

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timers[name] += time.perf_counter() - started
                counts[name] = counts.get(name, 0) + 1

        wrapper.__wrapped__ = function
        return wrapper

    # MkDocs and Material import Jinja, Markdown and PyYAML anyway: import them first, so that the
    # core's import time is what the core adds (pydantic, its own modules).
    import material.plugins.search.plugin  # noqa: F401 - imported first, like MkDocs does
    from mkdocs.__main__ import cli

    # The hooks file imports the core from its own folder: make that the copy's, import it first
    # (timed), and wrap the functions before MkDocs loads the hooks file, which imports them by name.
    sys.path.insert(0, str(project / "hooks"))
    started = time.perf_counter()
    import showcase.content.loader
    import showcase.pages.models
    import showcase.pages.render

    timers["hooks_import"] = time.perf_counter() - started
    showcase.content.loader.load_catalog = timed("load", showcase.content.loader.load_catalog)
    showcase.pages.models.build_pages = timed("pages", showcase.pages.models.build_pages)
    build_nav = showcase.pages.models.build_nav
    if nav == "sections":
        # The variant: generated sections keep their index pages but list no brand or project.
        def build_nav(*args, _original=build_nav, **kwargs):
            return [entry for entry in _original(*args, **kwargs) if not any(isinstance(v, list) and len(v) > 12
                                                                       for v in entry.values())]
    showcase.pages.models.build_nav = timed("pages", build_nav)
    showcase.pages.render.Renderer.__init__ = timed("render", showcase.pages.render.Renderer.__init__)
    showcase.pages.render.Renderer.render = timed("render", showcase.pages.render.Renderer.render)

    os.chdir(project)
    started = time.perf_counter()
    cli.main(build_arguments(project, site_dir, "--quiet"), standalone_mode=False)
    timers["mkdocs_call"] = time.perf_counter() - started
    out.write_text(json.dumps({"timers": timers, "counts": counts}), encoding="utf-8")


@dataclass
class Build:
    wall: float
    peak_mb: float
    timers: dict[str, float]
    cpu: float = 0.0
    pages: int = 0
    html_bytes: int = 0
    nav_share: float = 0.0

    @property
    def hooks(self) -> float:
        return sum(self.timers[k] for k in ("hooks_import", "load", "pages", "render"))

    @property
    @property
    def mkdocs(self) -> float:
        return self.wall - self.hooks


def run_build(project: Path, site_dir: Path, nav: str = "full") -> Build:
    """One instrumented build in a fresh process: wall time, peak memory and the timers."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    env = build_environment(project)
    command = [sys.executable, "-m", "tools.dev.bench", "--child", str(project), str(site_dir), str(out), "--nav", nav]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.close()
    if process.returncode != 0:
        raise SystemExit(f"mkdocs build --strict failed in {project}:\n{output[-4000:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    build = Build(wall=wall, peak_mb=usage.ru_maxrss / 1024, timers=data["timers"],
                  cpu=usage.ru_utime + usage.ru_stime)
    pages = list(site_dir.rglob("*.html"))
    build.pages = len(pages)
    build.html_bytes = sum(p.stat().st_size for p in pages)
    sample = site_dir / SAMPLE_PAGE
    if sample.exists():
        build.nav_share = nav_share(sample.read_text(encoding="utf-8"))
    return build


def nav_share(html: str) -> float:
    """The part of a page's HTML that is the primary sidebar (the site nav)."""
    start = html.find('<div class="md-sidebar md-sidebar--primary"')
    end = html.find('<div class="md-sidebar md-sidebar--secondary"')
    return (end - start) / len(html) if 0 <= start < end else 0.0


def first_build(project: Path, nav: str = "full", label: str = "") -> Build:
    """A build with no parse cache, as after a fresh clone or an upgrade: every data file is parsed."""
    shutil.rmtree(project / CACHE_FOLDER, ignore_errors=True)
    with tempfile.TemporaryDirectory() as folder:
        build = run_build(project, Path(folder) / "site", nav)
    print(f"  {label} first build (no cache): {build.wall:.2f} s", file=sys.stderr, flush=True)
    return build


def median_build(project: Path, runs: int, nav: str = "full", label: str = "") -> tuple[Build, list[Build]]:
    """``runs`` builds; the one with the median wall time, and all of them."""
    builds = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            builds.append(run_build(project, Path(folder) / f"site{run}", nav))
            print(f"  {label} run {run + 1}/{runs}: {builds[-1].wall:.2f} s", file=sys.stderr, flush=True)
    ordered = sorted(builds, key=lambda b: b.wall)
    return ordered[(len(ordered) - 1) // 2], builds


# --------------------------------------------------------------------------- the report


def real_site(runs: int) -> None:
    from tools.harness import copy_project

    with tempfile.TemporaryDirectory() as folder:
        project = copy_project(Path(folder) / "project")
        first = first_build(project, label="real site")
        _, builds = median_build(project, runs, label="real site")
    print_real_site(builds, first, runs)

def scaling(runs: int, large_runs: int, sizes, nav_variant: bool) -> None:
    from tools.harness import copy_project
    from tools.dev.synthetic_data import generate

    results: list[tuple[int, int, Build, int]] = []
    firsts: dict[int, Build] = {}
    variants: dict[int, Build] = {}
    with tempfile.TemporaryDirectory() as folder:
        for brands, honours in sizes:
            project = copy_project(Path(folder) / f"project-{brands}")
            generate(project, brands, honours)
            count = large_runs if brands >= 1000 else runs
            firsts[brands] = first_build(project, label=f"{brands}/{honours}")
            build, _ = median_build(project, count, label=f"{brands}/{honours}")
            results.append((brands, honours, build, count))
            if nav_variant and brands >= 100:
                variants[brands], _ = median_build(project, count, nav="sections",
                                                   label=f"{brands}/{honours} nav without brands")
            shutil.rmtree(project)
    print_scaling(results, firsts)
    if variants:
        print_nav_variants(results, variants)


def posts_axis(runs: int, reload_runs: int) -> None:
    from tools.harness import copy_project
    from tools.dev.synthetic_data import generate_posts

    builds: dict[int, list[Build]] = {posts: [] for posts in POSTS}
    with tempfile.TemporaryDirectory() as folder:
        projects = {}
        for posts in POSTS:
            projects[posts] = copy_project(Path(folder) / f"posts-{posts}")
            if posts > 1:
                generate_posts(projects[posts], posts)
            first_build(projects[posts], label=f"{posts} posts")  # fills the caches, as an editor's first build
        with tempfile.TemporaryDirectory() as sites:
            for run in range(runs):
                for posts, project in projects.items():  # in turns: all sizes meet the same load
                    builds[posts].append(run_build(project, Path(sites) / f"{posts}-{run}"))
                    print(f"  {posts} posts run {run + 1}/{runs}: {builds[posts][-1].wall:.2f} s", file=sys.stderr,
                          flush=True)
    print_posts(builds, runs, POSTS)
    if reload_runs:
        posts_reload(reload_runs, POSTS[-1])

# --------------------------------------------------------------------------- figures another tool takes
# The preview's reload (bench_reload.py) and the form editor's first load (bench_editor.py), each in its own process.


def reload_time(runs: int) -> None:
    print("\n### 预览刷新（make serve：保存数据文件 → 浏览器显示新内容）\n")
    result = subprocess.run([sys.executable, "-m", "tools.dev.bench_reload", "--runs", str(runs)],
                            cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        print(f"没有测成（tools/dev/bench_reload.py 退出码 {result.returncode}）：{result.stderr.strip()[-500:]}")
        return
    match = re.search(r"median: ([\d.]+) s", result.stdout)
    print(f"{runs} 次的中位数 **{match.group(1)} 秒**。" if match else result.stdout)


def editor_load(runs: int) -> None:
    print("\n### 网页表单编辑器第一次打开（本机回环、gzip、空缓存）\n")
    result = subprocess.run([sys.executable, "-m", "tools.dev.bench_editor", "--runs", str(runs)],
                            cwd=REPO, capture_output=True, text=True)
    found = dict(re.findall(r"^(\w+): (.+)$", result.stdout, re.M))
    if result.returncode != 0 or "login" not in found:
        print(f"没有测成（tools/dev/bench_editor.py 退出码 {result.returncode}）：{result.stderr.strip()[-500:]}")
        return
    print(f"{runs} 次的中位数：显示登录页 **{found['login']}**，点“登录”后显示品牌列表 **{found['listed']}**；"
          f"传输 {found['transferred']}。")


def posts_reload(runs: int, large: int) -> None:
    """The reload after saving one post, on the real site and on a copy with ``large`` posts."""
    result = subprocess.run([sys.executable, "-m", "tools.dev.bench_reload", "--runs", str(runs), "--posts", "1", str(large)],
                            cwd=REPO, capture_output=True, text=True)
    medians = dict(re.findall(r"^(\d+) posts: .*?median: ([\d.]+) s", result.stdout, re.M))
    if result.returncode != 0 or len(medians) != 2:
        print(f"\n预览刷新没有测成（tools/dev/bench_reload.py 退出码 {result.returncode}）：{result.stderr.strip()[-500:]}")
        return
    real, many = float(medians["1"]), float(medians[str(large)])
    print(f"\n预览刷新（make serve：保存一篇新闻 → 浏览器显示新标题，{runs} 次交替的中位数）："
          f"真实网站 {real:.2f} 秒，{large} 篇新闻 {many:.2f} 秒，是真实网站的 **{many / real:.1f} 倍**（目标 ≤ 3）。")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="builds per size (median); default 5")
    parser.add_argument("--large-runs", type=int, default=3, help="builds at 1,000 brands (median); default 3")
    parser.add_argument("--quick", action="store_true", help="only 10/100 and 100/1000, 3 runs, no reload")
    parser.add_argument("--only-large", action="store_true", help="only the 1,000-brand size (no real site, no reload)")
    parser.add_argument("--only-posts", action="store_true", help="only the posts axis (real site, 100, 1,000 posts)")
    parser.add_argument("--no-reload", action="store_true", help="skip the preview reload measurement")
    parser.add_argument("--no-nav", action="store_true", help="skip the builds with a nav that lists no brand")
    parser.add_argument("--no-editor", action="store_true", help="skip the form editor's first load")
    parser.add_argument("--child", nargs=3, metavar=("PROJECT", "SITE", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--nav", default="full", choices=("full", "sections"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        project, site_dir, out = (Path(p) for p in args.child)
        _child(project, site_dir, out, args.nav)
        return

    sizes = SIZES[:2] if args.quick else SIZES[2:] if args.only_large else SIZES
    runs = 3 if args.quick else args.runs
    started = time.monotonic()
    print(f"## 生成性能（tools/dev/bench.py）\n\n机器：{machine()}。开始时负载 {load_average()}。")
    if args.only_posts:
        posts_axis(args.runs, 0 if args.no_reload else 5)
        print(f"\n（整个基准用时 {(time.monotonic() - started) / 60:.1f} 分钟，结束时负载 {load_average()}。）")
        return
    if not args.only_large:
        real_site(runs)
    scaling(runs, args.large_runs, sizes, nav_variant=not (args.no_nav or args.quick))
    if not (args.quick or args.only_large):
        posts_axis(runs, 0 if args.no_reload else 5)
    if not (args.no_reload or args.quick or args.only_large):
        reload_time(5)
    if not (args.no_editor or args.only_large):
        editor_load(3)
    print(f"\n（整个基准用时 {(time.monotonic() - started) / 60:.1f} 分钟，结束时负载 {load_average()}。）")



# --- the tables and notes it prints: the machine, and the builds at each data size ---


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "?"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, AttributeError):
        pass
    return f"{os.cpu_count()} 核（nproc），内存 {memory}，CPU {cpu}，Python {platform.python_version()}"


def load_average() -> str:
    """The 1/5/15-minute load averages: above the core count, other work was slowing the builds."""
    return " / ".join(f"{value:.1f}" for value in os.getloadavg())


def print_scaling(results: list[tuple[int, int, Build, int]], firsts: dict[int, Build]) -> None:
    print("\n### 数据量与生成时间（合成数据）\n")
    print("| 品牌+项目 / 荣誉 | 次数 | 页面 | 生成时间 (s) | 10 倍数据的时间比 | hooks | MkDocs 其余（含搜索插件） "
          "| 峰值内存 (MB) | 全部 HTML (MB) | 侧栏导航占品牌页 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    previous = None
    for brands, honours, b, count in results:
        ratio = f"{b.wall / previous.wall:.1f}" if previous else "—"
        print(
            f"| {brands} / {honours} | {count} | {b.pages} | {b.wall:.1f} | {ratio} "
            f"| {b.hooks:.2f} s（{b.hooks / b.wall:.1%}） "
            f"| {b.mkdocs:.1f} s（{b.mkdocs / b.wall:.0%}） | {b.peak_mb:.0f} | {b.html_bytes / 1e6:.1f} "
            f"| {b.nav_share:.0%} |"
        )
        previous = b
    print("\n以上是有解析缓存（`.cache/showcase/`）的生成。没有缓存的第一次生成（刚克隆、换了 Python 或 PyYAML）"
          "要解析每一个数据文件：\n")
    print("| 品牌+项目 / 荣誉 | 第一次生成 (s) | hooks | 其中 load_catalog (s) |")
    print("| --- | ---: | ---: | ---: |")
    for brands, honours, _, _ in results:
        f = firsts[brands]
        print(f"| {brands} / {honours} | {f.wall:.1f} | {f.hooks:.2f} s（{f.hooks / f.wall:.1%}） | {f.timers['load']:.2f} |")
    print("\nhooks 细分（秒，有缓存）：\n")
    print("| 品牌+项目 / 荣誉 | 导入核心 | load_catalog | build_pages、build_nav | Renderer |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for brands, honours, b, _ in results:
        t = b.timers
        print(f"| {brands} / {honours} | {t['hooks_import']:.2f} | {t['load']:.2f} | {t['pages']:.2f} | {t['render']:.2f} |")


def print_nav_variants(results: list[tuple[int, int, Build, int]], variants: dict[int, Build]) -> None:
    print("\n### 导航：每页都带整个侧栏\n")
    print("对照组的侧栏不列各个品牌和法庭项目（由品牌矩阵进入），其余相同。\n")
    print("| 品牌+项目 / 荣誉 | 现在：生成时间 (s) | 现在：全部 HTML (MB) | 对照：生成时间 (s) "
          "| 对照：MkDocs 其余 (s) | 对照：全部 HTML (MB) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for brands, honours, b, _ in results:
        v = variants.get(brands)
        if v:
            print(f"| {brands} / {honours} | {b.wall:.1f} | {b.html_bytes / 1e6:.1f} | {v.wall:.1f} | {v.mkdocs:.1f} "
                  f"| {v.html_bytes / 1e6:.1f} |")
    sizes_done = sorted(variants)
    if len(sizes_done) >= 2:
        small, large = sizes_done[-2], sizes_done[-1]
        full = {brands: b for brands, _, b, _ in results}
        print(f"\n{small} → {large} 个品牌+项目的时间比：现在 {full[large].wall / full[small].wall:.1f}，"
              f"对照 {variants[large].wall / variants[small].wall:.1f}（线性约为 10）。")


def median_of(builds: list[Build], value) -> float:
    return statistics.median(value(b) for b in builds)


def print_real_site(builds: list[Build], first: Build, runs: int) -> None:
    m = lambda value: median_of(builds, value)  # noqa: E731
    print(f"\n### 真实网站（{builds[0].pages} 个页面，{runs} 次生成的中位数）\n")
    print("| 部分 | 时间 (s) | 占比 |")
    print("| --- | ---: | ---: |")
    total = m(lambda b: b.wall)
    rows = [
        ("生成总时间（mkdocs build --strict，含启动 Python）", total),
        ("hooks：导入核心代码", m(lambda b: b.timers["hooks_import"])),
        ("hooks：读取与校验资料 load_catalog", m(lambda b: b.timers["load"])),
        ("hooks：页面模型与导航 build_pages、build_nav", m(lambda b: b.timers["pages"])),
        ("hooks：渲染生成页面 Renderer", m(lambda b: b.timers["render"])),
        ("hooks 合计", m(lambda b: b.hooks)),
        ("MkDocs 其余（Markdown、模板、导航、Material 搜索插件、写文件）", m(lambda b: b.mkdocs)),
    ]
    for name, value in rows:
        print(f"| {name} | {value:.3f} | {value / total:.0%} |")
    print(f"\n峰值内存 {m(lambda b: b.peak_mb):.0f} MB。上表是有解析缓存的生成（`.cache/showcase/`）；"
          f"没有缓存的第一次生成 {first.wall:.2f} 秒，其中读取与校验资料 {first.timers['load']:.3f} 秒，"
          f"hooks 合计 {first.hooks:.3f} 秒（{first.hooks / first.wall:.0%}）。")



def print_posts(builds: dict[int, list[Build]], runs: int, sizes: tuple[int, ...]) -> None:
    wall = {n: median_of(b, lambda x: x.wall) for n, b in builds.items()}
    cpu = {n: median_of(b, lambda x: x.cpu) for n, b in builds.items()}
    peak = {n: max(x.peak_mb for x in b) for n, b in builds.items()}
    print(f"\n### 新闻数量（合成新闻，每篇约 800 字；{runs} 轮交替生成的中位数）\n")
    print("| 新闻 | 页面 | 生成时间 (s) | 真实网站的倍数 | CPU 时间 (s) | CPU 倍数 | hooks | 峰值内存 (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for posts, b in builds.items():
        label = "1（真实网站）" if posts == 1 else str(posts)
        print(f"| {label} | {b[0].pages} | {wall[posts]:.2f} | {wall[posts] / wall[1]:.1f}× | {cpu[posts]:.2f} "
              f"| {cpu[posts] / cpu[1]:.1f}× | {median_of(b, lambda x: x.hooks):.2f} "
              f"| {peak[posts]:.0f} |")
    large, small = sizes[-1], sizes[-2]
    print(f"\n{large} 篇新闻：生成时间是真实网站的 **{wall[large] / wall[1]:.1f} 倍**（CPU {cpu[large] / cpu[1]:.1f} 倍；"
          f"目标 ≤ 5）；{small} → {large} 篇的时间比 **{wall[large] / wall[small]:.1f}**（CPU "
          f"{cpu[large] / cpu[small]:.1f}；目标 ≤ 11）；峰值内存 **{peak[large]:.0f} MB**（目标 ≤ 300）。")

if __name__ == "__main__":
    main()
