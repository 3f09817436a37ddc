"""Smoke test of the browser tooling on a throwaway page: server, Chromium, viewports and axe."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser_support import axe_violations, format_violations

from tools.harness import DESKTOP, PHONE, serve_directory

pytestmark = pytest.mark.browser

HEADING = "党旗引领·法耀浔州"
TINY_PAGE = f"""<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>浏览器测试页</title>
</head>
<body>
  <main>
    <h1>{HEADING}</h1>
    <p>这一页只用来检查浏览器测试工具是否可用。</p>
  </main>
</body>
</html>
"""


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    """A one-page static site, independent of the real one."""
    (tmp_path / "index.html").write_text(TINY_PAGE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_chromium_shows_the_page_and_axe_finds_no_violations(page: Page, tiny_site: Path, viewport: dict):
    page.set_viewport_size(viewport)
    with serve_directory(tiny_site) as base_url:
        page.goto(base_url)
        expect(page.get_by_role("heading", level=1)).to_have_text(HEADING)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.evaluate("window.innerWidth") == viewport["width"]
        violations = axe_violations(page)
    assert violations == [], format_violations(violations)
