"""make offline: the public site as a zip that opens by double-click, from file://, with no server.

    python -m tools.release.offline          # dist/党旗引领·法耀浔州-离线版.zip

How: build the public site (``python -m showcase build``, strict, no drafts, no editors' preview) with
Material's offline plugin switched on (SHOWCASE_OFFLINE=true): links end in .html, and the search
index is inlined into a script. Material's search runs in a Web Worker, which Chromium does not
start from file://; the plugin's shim for that (iframe-worker) would come from a CDN, so its file
is copied from node_modules (npm, pinned in package-lock.json) into the site instead. Then every
file goes into one folder in the zip, in a fixed order with the commit's date, so that the same
commit gives the same zip.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from showcase.content.loader import load_catalog
from tools.harness import REPO, release_build

SHIM_CDN = "https://unpkg.com/iframe-worker/shim"
# IFRAME_WORKER_SHIM: the same file from elsewhere, for a checkout whose node_modules lacks it.
SHIM_PACKAGE = Path(os.environ.get("IFRAME_WORKER_SHIM") or REPO / "node_modules/iframe-worker/shim/index.js")
SHIM_IN_SITE = "assets/javascripts/iframe-worker-shim.js"
# Files the offline reader has no use for: a server's error page (its links are absolute), and the
# feed and sitemaps, which name the public address.
LEFT_OUT = ("404.html", "feed.xml", "sitemap.xml", "sitemap.xml.gz")


class OfflineError(Exception):
    """A problem the person running ``make offline`` can fix; the message is Chinese."""


def build_offline_site(site_dir: Path, repo: Path = REPO) -> None:
    env = {"SHOWCASE_OFFLINE": "true", "SHOWCASE_PREVIEW": "false"}
    result = release_build(repo, site_dir, env=env)
    if result.returncode != 0:
        raise OfflineError("网站生成失败，离线版没有生成：\n" + result.stderr)


def check_shim(shim: Path = SHIM_PACKAGE) -> None:
    if not shim.exists():
        shown = shim.relative_to(REPO) if shim.is_relative_to(REPO) else shim
        raise OfflineError(f"缺少 {shown}：请先运行 make node-deps（npm ci）。")


def use_local_shim(site_dir: Path, shim: Path = SHIM_PACKAGE) -> int:
    """Point every page at a copy of the worker shim inside the site; returns the pages changed."""
    check_shim(shim)
    target = site_dir / SHIM_IN_SITE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(shim.read_bytes())
    changed = 0
    for page in site_dir.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        if SHIM_CDN not in source:
            continue
        depth = len(page.relative_to(site_dir).parts) - 1
        page.write_text(source.replace(SHIM_CDN, "../" * depth + SHIM_IN_SITE), encoding="utf-8")
        changed += 1
    return changed


def outside_references(site_dir: Path) -> list[str]:
    """Scripts, styles, images and frames that a page would load from outside file:// (should be none)."""
    pattern = re.compile(r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"(https?:|//)[^\"]*\"|<link\b[^>]*rel=\"(?:stylesheet|preload|modulepreload|icon)\"[^>]*href=\"(?:https?:|//)")
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        for match in pattern.finditer(page.read_text(encoding="utf-8")):
            found.append(f"{page.relative_to(site_dir)}: {match.group(0)[:120]}")
    return found


def zip_site(site_dir: Path, out: Path, folder: str, epoch: int) -> int:
    """Every file of ``site_dir`` under ``folder/`` in ``out``; returns the number of files."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # the zip format starts in 1980
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p.relative_to(site_dir).as_posix() not in LEFT_OUT)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(out)
    return len(files)


def make_offline(out: Path, repo: Path = REPO, shim: Path = SHIM_PACKAGE) -> int:
    name = load_catalog(repo / "data").master.name
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    check_shim(shim)  # before the build, not after
    with tempfile.TemporaryDirectory(prefix="offline-") as temp:
        site_dir = Path(temp) / "site"
        build_offline_site(site_dir, repo)
        use_local_shim(site_dir, shim)
        outside = outside_references(site_dir)
        if outside:
            raise OfflineError("离线版里仍有要联网加载的内容：\n" + "\n".join(outside))
        return zip_site(site_dir, out, f"{name}-离线版", epoch)


def default_out(repo: Path = REPO) -> Path:
    return repo / "dist" / f"{load_catalog(repo / 'data').master.name}-离线版.zip"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="the zip to write (default: dist/<品牌>-离线版.zip)")
    args = parser.parse_args(argv)
    out = args.out or default_out()
    try:
        count = make_offline(out)
    except OfflineError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    shown = out.relative_to(REPO) if out.is_relative_to(REPO) else out
    print(f"已生成离线版：{shown}（{count} 个文件）。解压后双击其中的 index.html 即可浏览，不需要联网。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
