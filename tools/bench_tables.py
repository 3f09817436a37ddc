"""The tables and notes ``make bench`` prints: the machine, and the builds at each data size."""

from __future__ import annotations

import os
import platform
import re
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
