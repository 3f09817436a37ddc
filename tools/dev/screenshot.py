"""Screenshot (or print to A4 PDF) one page in Debian's Chromium, with the test suite's flags.

    python -m tools.dev.screenshot http://127.0.0.1:8000/ out.png
    python -m tools.dev.screenshot --site site brands/xunzhou-fengqiao/ out.png --width 390 --full-page
    python -m tools.dev.screenshot --site site matrix/ out.pdf --pdf

A target that is not an http(s) URL is a path inside the built site (--site, default "site"),
served for the moment by a local server.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path

from playwright.sync_api import sync_playwright

from tools.harness import REPO, CHROMIUM, DESKTOP, PHONE, chromium_launch_options, serve_directory

VIEWPORTS = {PHONE["width"]: PHONE, DESKTOP["width"]: DESKTOP}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", help="http(s) URL, or a path inside the built site, e.g. brands/xunzhou-fengqiao/")
    parser.add_argument("out", type=Path, help="the PNG (or PDF with --pdf) to write")
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site folder (default: site)")
    parser.add_argument("--width", type=int, choices=sorted(VIEWPORTS), default=DESKTOP["width"])
    parser.add_argument("--full-page", action="store_true", help="capture the whole page, not only the viewport")
    parser.add_argument("--pdf", action="store_true", help="print the page to an A4 PDF instead")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        parser.error(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")
    if not args.target.startswith(("http://", "https://")) and not args.site.is_dir():
        parser.error(f"no built site at {args.site}: run `mkdocs build` first or pass --site")
    return args


def main() -> None:
    args = parse_args()
    with ExitStack() as stack:
        url = args.target
        if not url.startswith(("http://", "https://")):
            url = stack.enter_context(serve_directory(args.site)) + args.target.lstrip("/")
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(**chromium_launch_options())
        stack.callback(browser.close)
        page = browser.new_page(viewport=VIEWPORTS[args.width], locale="zh-CN")
        response = page.goto(url, wait_until="networkidle")
        if response is not None and not response.ok:
            sys.exit(f"{url}: HTTP {response.status}")
        # Wait for web fonts, so the text in the image is the final one.
        page.evaluate("document.fonts.ready.then(() => true)")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if args.pdf:
            page.pdf(path=args.out, format="A4", print_background=True)
        else:
            page.screenshot(path=args.out, full_page=args.full_page)
    print(args.out)


if __name__ == "__main__":
    main()
