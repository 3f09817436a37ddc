"""Helpers for browser checks: axe-core and Material's search box (Chromium and the server: tools/harness.py)."""

from __future__ import annotations

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Passing options replaces the library's default ones, so "violations only" has to be repeated here.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

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


def search_zensical(page, query: str) -> list[str]:
    """Open Zensical's search (Ctrl+K) on the open page and type ``query``; the result links, in order.

    Its results live in a shadow root (Playwright's CSS reaches into it) and link with ``?h=``.
    """
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Control+k")
    page.wait_for_timeout(300)
    page.keyboard.type(query)
    try:
        page.wait_for_selector("a[href*='?h=']", timeout=5000)
    except Exception:  # noqa: BLE001 - nothing found
        return []
    page.wait_for_timeout(500)  # Zensical searches as one types: let the last keystroke's results settle
    return page.eval_on_selector_all("a[href*='?h=']", "links => links.map(link => link.getAttribute('href'))")


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
