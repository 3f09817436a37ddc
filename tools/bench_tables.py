"""The tables and notes ``make bench`` prints: the machine, and the builds at each data size."""

from __future__ import annotations

import os
import platform
import re
import statistics
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for type hints: bench imports this module
    from bench import Build


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
    print("| 品牌+项目 / 荣誉 | 次数 | 页面 | 生成时间 (s) | 10 倍数据的时间比 | hooks | 搜索插件 | MkDocs 其余 "
          "| 峰值内存 (MB) | 全部 HTML (MB) | 侧栏导航占品牌页 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    previous = None
    for brands, honours, b, count in results:
        ratio = f"{b.wall / previous.wall:.1f}" if previous else "—"
        print(
            f"| {brands} / {honours} | {count} | {b.pages} | {b.wall:.1f} | {ratio} "
            f"| {b.hooks:.2f} s（{b.hooks / b.wall:.1%}） | {b.search:.1f} s（{b.search / b.wall:.0%}） "
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
        ("Material 搜索插件（jieba 分词、索引）", m(lambda b: b.search)),
        ("MkDocs 其余（Markdown、模板、导航、写文件）", m(lambda b: b.mkdocs)),
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
    print("| 新闻 | 页面 | 生成时间 (s) | 真实网站的倍数 | CPU 时间 (s) | CPU 倍数 | hooks | 搜索插件 | 峰值内存 (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for posts, b in builds.items():
        label = "1（真实网站）" if posts == 1 else str(posts)
        print(f"| {label} | {b[0].pages} | {wall[posts]:.2f} | {wall[posts] / wall[1]:.1f}× | {cpu[posts]:.2f} "
              f"| {cpu[posts] / cpu[1]:.1f}× | {median_of(b, lambda x: x.hooks):.2f} "
              f"| {median_of(b, lambda x: x.search):.2f} | {peak[posts]:.0f} |")
    large, small = sizes[-1], sizes[-2]
    print(f"\n{large} 篇新闻：生成时间是真实网站的 **{wall[large] / wall[1]:.1f} 倍**（CPU {cpu[large] / cpu[1]:.1f} 倍；"
          f"目标 ≤ 5）；{small} → {large} 篇的时间比 **{wall[large] / wall[small]:.1f}**（CPU "
          f"{cpu[large] / cpu[small]:.1f}；目标 ≤ 11）；峰值内存 **{peak[large]:.0f} MB**（目标 ≤ 300）。")
