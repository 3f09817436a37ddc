"""Helpers for browser checks: Debian's Chromium, a local HTTP server and axe-core.

Free of pytest, so that tools/screenshot.py can use them too.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

# Debian's Chromium: Playwright's own browsers cannot be downloaded here.
CHROMIUM = Path("/usr/bin/chromium")
# Headless, no sandbox (containers run as root) and no calls home, so runs stay offline and repeatable.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Passing options replaces the library's default ones, so "violations only" has to be repeated here.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def chromium_launch_options(headless: bool = True) -> dict:
    """Keyword arguments for ``playwright.chromium.launch`` that start Debian's Chromium."""
    args = [arg for arg in CHROMIUM_ARGS if headless or arg != "--headless"]
    return {"executable_path": str(CHROMIUM), "args": args, "headless": headless}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the standard library's name
        pass


@contextmanager
def serve_directory(path: Path, handler_class: type = _QuietHandler) -> Iterator[str]:
    """Serve ``path`` on 127.0.0.1 at a free port; yields the base URL, ending in ``/``."""
    handler = functools.partial(handler_class, directory=str(path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: the OS picks a free one
    thread = threading.Thread(target=server.serve_forever, name=f"serve {path}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# Material's search box: the worker has loaded the index, then a query has been answered.
SEARCH_READY = "() => document.querySelector('.md-search-result__meta').textContent.includes('键入')"
RESULTS_SHOWN = "() => /符合条件|没有找到/.test(document.querySelector('.md-search-result__meta').textContent)"


def search_material(page, query: str) -> list[str]:
    """Type ``query`` into Material's search box on the open page; the result links, in order."""
    page.wait_for_function(SEARCH_READY)
    box = page.locator(".md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyup; typing Chinese through an IME ends with one too
    page.wait_for_function(RESULTS_SHOWN)
    return page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "links => links.map(link => link.getAttribute('href'))"
    )


def distinct_paths(urls: list[str], count: int) -> list[str]:
    """The first ``count`` distinct page paths of ``urls`` (anchors on the same page count once)."""
    pages: list[str] = []
    for url in urls:
        path = urlsplit(url).path.lstrip("/")
        if path not in pages:
            pages.append(path)
    return pages[:count]


def axe_violations(page, selector: str | None = None) -> list[dict]:
    """Run axe-core's WCAG 2.1 A and AA rules on the loaded page (or one part of it); return the violations."""
    # The library writes the context with Python's repr(), so only a CSS selector string is safe to pass.
    results = Axe().run(page, context=selector, options=AXE_OPTIONS)
    return results.response["violations"]


def format_violations(violations: list[dict]) -> str:
    """One line per violation and element, for assertion messages."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} -> {target}")
    return "\n".join(lines)
