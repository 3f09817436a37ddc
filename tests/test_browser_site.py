"""The built site in real Chromium: accessibility, requests, and the timeline's filter chips."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from browser_support import axe_violations, format_violations

from tools.harness import DESKTOP, PHONE

pytestmark = pytest.mark.browser


def site_paths(site: Path) -> list[str]:
    """The URL path of every page of the built site, e.g. 'brands/xunzhou-fengqiao/'."""
    paths = []
    for page in sorted(site.rglob("index.html")):
        relative = page.parent.relative_to(site).as_posix()
        paths.append("" if relative == "." else relative + "/")
    return paths


def test_every_page_has_no_axe_violations_and_no_third_party_request(page, site_server, built_site):
    host = urlsplit(site_server).netloc
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url) if urlsplit(request.url).netloc not in ("", host) and not request.url.startswith("data:") else None)
    failures = {}
    for path in site_paths(built_site):
        page.goto(site_server + path, wait_until="networkidle")
        violations = axe_violations(page)
        if violations:
            failures[path] = format_violations(violations)
    assert not failures, "\n".join(f"{path}:\n{text}" for path, text in failures.items())
    assert not foreign, foreign


@pytest.mark.parametrize("path", ["", "matrix/", "brands/xunzhou-fengqiao/", "projects/jintian/", "honours/"])
def test_key_pages_fit_a_phone_without_axe_violations(page, site_server, path):
    page.set_viewport_size(PHONE)
    page.goto(site_server + path, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_charts_are_sized_by_the_stylesheet_to_the_column(page, site_server, viewport):
    """16rem wide unless the column is narrower, from site.css: no style attribute (the CSP allows none)."""
    page.set_viewport_size(viewport)
    page.goto(site_server + "figures/", wait_until="networkidle")
    charts = page.eval_on_selector_all(
        "svg.sc-chart",
        """els => els.map(e => ({
            style: e.getAttribute('style'),
            width: e.getBoundingClientRect().width,
            column: e.closest('.md-typeset').getBoundingClientRect().width,
            rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
        }))""",
    )
    assert charts
    for chart in charts:
        assert chart["style"] is None
        assert chart["width"] == pytest.approx(min(16 * chart["rem"], chart["column"]), abs=1)
    if viewport is DESKTOP:
        assert all(chart["width"] < chart["column"] for chart in charts)


def visible_entries(page) -> list[str]:
    return page.eval_on_selector_all(".sc-timeline > li", "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id)")


def url_filters(page) -> dict[str, list[str]]:
    query = parse_qs(urlsplit(page.url).query)
    return {key: unquote(value[0]).split(",") for key, value in query.items()}


def test_timeline_shows_every_entry_and_the_filters_with_javascript(page, site_server):
    page.goto(site_server + "honours/")
    assert page.locator("[data-timeline-filters]").is_visible()
    assert len(visible_entries(page)) == 9
    # Nothing chosen yet: the status says nothing beside the (disabled) 显示全部 button.
    assert page.get_by_role("status").inner_text() == ""
    assert page.get_by_role("button", name="显示全部").is_disabled()


def test_timeline_without_javascript_shows_every_entry_and_no_dead_filters(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server + "honours/")
    assert not page.locator("[data-timeline-filters]").is_visible()
    assert page.locator(".sc-timeline > li").count() == 9  # the ten honour files less the nomination
    assert all(page.locator(".sc-timeline > li").nth(i).is_visible() for i in range(9))
    context.close()


@pytest.mark.parametrize(
    ("group", "value", "expected"),
    [
        ("level", "全国", {"honour-jieyuexing-jiguan", "honour-tang-shengwei", "honour-li-yanqiang"}),
        ("level", "全区", {"honour-xingzheng-shenpan-xianjin", "honour-xu-weiling"}),
        ("level", "桂平市", {"honour-mofan-jiguan", "honour-qinglian-jiguan-peiyangdian", "honour-pinpai-jingyan-tuiguang"}),
        ("kind", "个人", {"honour-tang-shengwei", "honour-li-yanqiang", "honour-xu-weiling"}),
        ("kind", "集体", None),  # everything but the three individuals
    ],
)
def test_each_filter_chip(page, site_server, group, value, expected):
    page.goto(site_server + "honours/")
    everything = set(visible_entries(page))
    chip = page.locator(f'button[data-filter="{group}"][data-value="{value}"]')
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true"
    shown = set(visible_entries(page))
    if expected is None:
        # the complement of the other values in this group
        assert shown and shown < everything
    else:
        assert shown == expected
    assert url_filters(page) == {group: [value]}
    assert page.get_by_role("status").inner_text() == f"筛选后显示 {len(shown)} 条。"
    chip.click()
    assert set(visible_entries(page)) == everything and urlsplit(page.url).query == ""


def test_filters_combine_and_the_url_restores_them(page, site_server):
    page.goto(site_server + "honours/")
    page.locator('button[data-filter="level"][data-value="全国"]').click()
    page.locator('button[data-filter="level"][data-value="全区"]').click()
    page.locator('button[data-filter="kind"][data-value="个人"]').click()
    expected = {"honour-tang-shengwei", "honour-li-yanqiang", "honour-xu-weiling"}
    assert set(visible_entries(page)) == expected
    shared = page.url
    assert url_filters(page) == {"level": ["全国", "全区"], "kind": ["个人"]}
    # Both year groups still have entries? 2022 has none left, so its heading hides.
    assert not page.locator("#year-2022").is_visible()

    page.goto(shared)
    assert set(visible_entries(page)) == expected
    assert page.locator('button[data-filter="kind"][data-value="个人"]').get_attribute("aria-pressed") == "true"


def test_filters_work_from_the_keyboard(page, site_server):
    page.goto(site_server + "honours/")
    chip = page.locator('button[data-filter="kind"][data-value="个人"]')
    chip.focus()
    page.keyboard.press("Enter")
    assert chip.get_attribute("aria-pressed") == "true"
    page.keyboard.press("Space")
    assert chip.get_attribute("aria-pressed") == "false"
    reset = page.get_by_role("button", name="显示全部")
    page.keyboard.press("Enter")
    reset.focus()
    page.keyboard.press("Enter")
    assert set(visible_entries(page)) and len(visible_entries(page)) == 9
    assert reset.is_disabled()
    assert page.get_by_role("status").inner_text() == "显示全部条目。"  # the reset is announced


SCROLL_AREAS = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')].map(w => ({
    scrolls: w.scrollWidth > w.clientWidth + 1, tabindex: w.getAttribute('tabindex'),
    role: w.getAttribute('role'), label: w.getAttribute('aria-label') || ''}))"""


def _scroll_areas_match_their_tables(page) -> list[dict]:
    """Wait until tables.js has looked at every scroll area; return them."""
    page.wait_for_function(f"({SCROLL_AREAS})().every(a => a.scrolls === (a.tabindex === '0'))", timeout=5000)
    return page.evaluate(SCROLL_AREAS)


@pytest.mark.parametrize("path", ["compare/", "figures/"])
def test_a_table_that_scrolls_is_a_named_keyboard_stop_and_follows_the_screen(page, site_server, path):
    """tables.js: a scroll area is focusable and named only while its table is wider than it, also
    after the screen turns or narrows (the ResizeObserver), not only at load."""
    page.set_viewport_size(DESKTOP)
    page.goto(site_server + path, wait_until="networkidle")
    wide = _scroll_areas_match_their_tables(page)
    assert wide
    page.set_viewport_size(PHONE)
    narrow = _scroll_areas_match_their_tables(page)
    if path == "compare/":
        assert not all(area["scrolls"] for area in wide), "the comparison fits 1280 px"
        assert all(area["scrolls"] for area in narrow), "and scrolls on a phone"
    for area in narrow:
        if area["scrolls"]:
            assert area["role"] == "region" and area["label"].endswith("（可左右滑动）"), area
    page.set_viewport_size(DESKTOP)
    assert _scroll_areas_match_their_tables(page) == wide
