"""Figures ``make bench`` takes by running another tool: the preview's reload and the form editor's load."""

from __future__ import annotations

import re
import subprocess
import sys

from tools.harness import REPO


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
