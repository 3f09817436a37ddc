"""The 阅读设置 toolbar (字号 大/中/小 and 关怀模式) in real Chromium, and its head script in the built site.

The state lives on <html> (data-font-size, data-care), set from localStorage by a static inline
script in <head> before the body is parsed; javascripts/care.js shows the toolbar and handles it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser_support import axe_violations, format_violations

from tools.harness import PHONE, REPO

KEY_PAGES = ["", "matrix/", "brands/xunzhou-fengqiao/", "honours/", "figures/"]
TOOLBAR = "[data-care-toolbar]"
SIZE_LABELS = {"large": "大", "medium": "中", "small": "小"}
DEFAULT_SIZE = "medium"
# Material's root size at 1280 px and 390 px is 125 % (20 px); 小 keeps it, 中 ×1.125, 大 ×1.25.
ROOT_PX = {"small": 20.0, "medium": 22.5, "large": 25.0}

# Records, in order, when <html> gets the toolbar's attributes and when <body> is inserted. Mutation
# records are queued in the order the mutations happen, so "html[data-font-size]" before "body"
# proves the head script set the attribute before any of the body existed, so before first paint,
# however late the observer's callback runs. The dataset at DOMContentLoaded is recorded as well.
TRACE_SCRIPT = """
(() => {
  const trace = [];
  window.__careTrace = trace;
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes" && record.target === document.documentElement) {
        trace.push("html[" + record.attributeName + "]");
      }
      for (const node of record.addedNodes || []) {
        if (node.nodeName === "BODY") trace.push("body");
      }
    }
  }).observe(document, {childList: true, subtree: true, attributes: true,
                        attributeFilter: ["data-font-size", "data-care"]});
  document.addEventListener("DOMContentLoaded", () => {
    window.__careAtDomReady = Object.assign({}, document.documentElement.dataset);
  }, {once: true});
})();
"""

BLOCK_STORAGE_SCRIPT = """
Object.defineProperty(window, "localStorage", {
  configurable: true,
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""

# Font size (px) of the article's running text: the median over its visible paragraphs of at least
# 15 characters outside tables, so a lead paragraph or a line of small print does not decide it.
BODY_TEXT_SIZE = """
() => {
  const sizes = [...document.querySelectorAll("article.md-content__inner p")]
    .filter((p) => !p.closest("table") && p.textContent.trim().length >= 15 && p.offsetParent !== null)
    .map((p) => parseFloat(getComputedStyle(p).fontSize))
    .sort((a, b) => a - b);
  return sizes.length ? sizes[Math.floor(sizes.length / 2)] : null;
}
"""


def pressed_states(page: Page) -> dict[str, str]:
    """Each toolbar button's text and its aria-pressed value."""
    return page.eval_on_selector_all(
        f"{TOOLBAR} button",
        "bs => Object.fromEntries(bs.map(b => [b.textContent.trim(), b.getAttribute('aria-pressed')]))",
    )


def assert_size_pressed(page: Page, size: str) -> None:
    states = pressed_states(page)
    expected = {label: str(key == size).lower() for key, label in SIZE_LABELS.items()}
    assert {label: states[label] for label in SIZE_LABELS.values()} == expected
    assert page.evaluate("document.documentElement.dataset.fontSize") == size


def html_data(page: Page) -> dict:
    return page.evaluate("Object.assign({}, document.documentElement.dataset)")


def care_state(dataset: dict) -> dict:
    """The toolbar's attributes out of <html>'s dataset (Material adds its own)."""
    return {key: value for key, value in dataset.items() if key in ("fontSize", "care")}


def body_text_size(page: Page) -> float:
    size = page.evaluate(BODY_TEXT_SIZE)
    assert size is not None, f"no paragraph of running text on {page.url}"
    return size


def size_button(page: Page, size: str):
    return page.get_by_role("group", name="字号").get_by_role("button", name=SIZE_LABELS[size], exact=True)


def care_button(page: Page):
    return page.get_by_role("button", name="关怀模式", exact=True)


def choose(page: Page, size: str | None = None, care: bool = False) -> None:
    if size:
        size_button(page, size).click()
    if care and page.evaluate("document.documentElement.dataset.care") != "on":
        care_button(page).click()


def style(page: Page, selector: str, prop: str) -> str:
    """A computed style of the first element matching ``selector`` (":focus" for the focused one)."""
    return page.evaluate(
        "([selector, prop]) => getComputedStyle(document.querySelector(selector)).getPropertyValue(prop)",
        [selector, prop],
    )


def root_px(page: Page) -> float:
    return float(style(page, "html", "font-size").removesuffix("px"))


def fits_the_width(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_toolbar_is_visible_labelled_and_starts_at_the_default(page: Page, site_server):
    page.goto(site_server)
    toolbar = page.locator(TOOLBAR)
    expect(toolbar).to_be_visible()
    group = page.get_by_role("group", name="字号")
    expect(group.get_by_role("button")).to_have_text(["大", "中", "小"])
    expect(care_button(page)).to_be_visible()
    # Real buttons, not links or divs, so Enter and Space work without extra script.
    assert set(page.eval_on_selector_all(f"{TOOLBAR} button", "bs => bs.map(b => b.type)")) == {"button"}
    assert_size_pressed(page, DEFAULT_SIZE)
    assert pressed_states(page)["关怀模式"] == "false"
    assert "care" not in html_data(page)
    # Above the header and within the page width.
    box, header = toolbar.bounding_box(), page.locator(".md-header").bounding_box()
    assert box["y"] + box["height"] <= header["y"] + 1
    assert box["x"] + box["width"] <= page.viewport_size["width"]


def test_toolbar_works_by_keyboard_with_a_visible_focus(page: Page, site_server):
    page.goto(site_server)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    page.keyboard.press("Tab")  # the first button after the skip link
    assert page.evaluate("document.activeElement.textContent.trim()") == "大"
    outline = style(page, ":focus", "outline-style"), style(page, ":focus", "outline-width")
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2, outline

    page.keyboard.press("Enter")
    assert_size_pressed(page, "large")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "小"
    page.keyboard.press("Space")
    assert_size_pressed(page, "small")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "关怀模式"
    page.keyboard.press("Space")
    assert pressed_states(page)["关怀模式"] == "true"
    assert html_data(page).get("care") == "on"
    assert_size_pressed(page, "small")  # care mode leaves the size alone
    # Care mode's stronger focus ring.
    assert float(style(page, ":focus", "outline-width").removesuffix("px")) >= 4
    page.keyboard.press("Enter")
    assert pressed_states(page)["关怀模式"] == "false"
    assert "care" not in html_data(page)


def test_skip_link_shows_on_focus_and_jumps_past_toolbar_header_and_navigation(page: Page, site_server):
    page.goto(site_server + "honours/")
    page.keyboard.press("Tab")
    skip = page.locator("a.md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("跳转至")
    expect(skip).to_have_css("opacity", "1")
    box = skip.bounding_box()
    assert box and box["y"] >= 0 and box["width"] > 20 and box["height"] > 10
    target = skip.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash !== ''")
    assert page.evaluate("decodeURIComponent(location.hash)") == target
    page.keyboard.press("Tab")
    # The next stop is in the content, not back in the toolbar, header or navigation.
    assert page.evaluate("!!document.activeElement.closest('article.md-content__inner')")


def test_sizes_scale_the_whole_page_and_persist_before_first_paint(page: Page, site_server):
    page.add_init_script(TRACE_SCRIPT)
    page.goto(site_server)
    sizes = {}
    nav = {}
    for size in ("small", "medium", "large"):
        choose(page, size)
        assert root_px(page) == ROOT_PX[size]
        sizes[size] = body_text_size(page)
        nav[size] = float(style(page, ".md-nav__link", "font-size").removesuffix("px"))
    assert sizes["small"] < sizes["medium"] < sizes["large"], sizes
    assert sizes["small"] == 18  # 小 is the site's normal size: 0.9rem of 20 px
    assert nav["small"] < nav["medium"] < nav["large"], nav  # navigation grows too

    choose(page, "large", care=True)
    page.goto(site_server + "matrix/")
    trace = page.evaluate("window.__careTrace")
    # Set by the head script before <body> existed, and so before anything was painted.
    assert "body" in trace and trace.index("html[data-font-size]") < trace.index("body"), trace
    assert trace.index("html[data-care]") < trace.index("body"), trace
    assert care_state(page.evaluate("window.__careAtDomReady")) == {"fontSize": "large", "care": "on"}
    assert_size_pressed(page, "large")
    assert pressed_states(page)["关怀模式"] == "true"
    assert root_px(page) == ROOT_PX["large"]

    # A fresh visit with nothing stored gets the default, also before <body>.
    page.evaluate("localStorage.clear()")
    page.goto(site_server + "honours/")
    trace = page.evaluate("window.__careTrace")
    assert trace.index("html[data-font-size]") < trace.index("body"), trace
    assert care_state(page.evaluate("window.__careAtDomReady")) == {"fontSize": DEFAULT_SIZE}


def test_the_trace_catches_an_attribute_set_only_after_the_body(page: Page, site_server):
    """Control for the test above: without the head script only care.js sets the size, after <body>."""

    def without_head_script(route):
        response = route.fetch()
        route.fulfill(response=response, body=HEAD_SCRIPT.sub("", response.text(), count=1))

    page.route("**/matrix/", without_head_script)
    page.add_init_script(TRACE_SCRIPT)
    page.goto(site_server + "matrix/")
    trace = page.evaluate("window.__careTrace")
    assert trace.index("body") < trace.index("html[data-font-size]"), trace
    assert_size_pressed(page, DEFAULT_SIZE)  # care.js still gets there, but late


MODES = {
    "normal": {},
    "large": {"size": "large"},
    "care": {"care": True},
    "care-large": {"size": "large", "care": True},
}


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("path", KEY_PAGES)
def test_key_pages_on_a_phone_in_every_mode(page: Page, site_server, path, mode):
    page.set_viewport_size(PHONE)
    page.goto(site_server + path, wait_until="networkidle")
    normal_size = body_text_size(page)
    choose(page, **MODES[mode])
    text_size = body_text_size(page)
    assert text_size >= 18
    if MODES[mode].get("care"):
        assert text_size > normal_size
        # Near-black text, underlined links, a header with the white title on dark red.
        assert style(page, "article.md-typeset", "color") == "rgb(0, 0, 0)"
        not_underlined = page.eval_on_selector_all(
            "article.md-typeset a:not(.headerlink):not(.sc-tree__node):not(.md-button)",  # boxed links: told apart by their box
            """links => links
                .filter((a) => a.offsetParent !== null)
                .filter((a) => !getComputedStyle(a).textDecorationLine.includes("underline"))
                .map((a) => a.textContent.trim())""",
        )
        assert not not_underlined, not_underlined
        assert style(page, ".md-header", "background-color") == "rgb(142, 18, 18)"
    assert fits_the_width(page)
    violations = [v for v in axe_violations(page) if (path, v["id"]) not in KNOWN_PHONE_VIOLATIONS]
    assert not violations, format_violations(violations)


# Not caused by the toolbar, and there in every mode including 小 (the site's normal size): on a
# phone the figures page's six-column "荣誉按年份和级别" table is wider than the screen (Material gives
# every <th> min-width: 5rem; at 1280 px the same happens with 大), and its scrolling wrapper cannot
# be reached by keyboard. It belongs to the figures page (hooks/showcase or site.css): make the
# wrapper focusable (tabindex="0" with a role and name) or let the table fit. Left out above; the
# strict xfail below says when it is fixed.
KNOWN_PHONE_VIOLATIONS: set[tuple[str, str]] = set()  # docs/javascripts/tables.js fixed the one there was


def test_figures_page_on_a_phone_has_no_axe_violations_at_the_site_normal_size(page: Page, site_server):
    page.set_viewport_size(PHONE)
    page.goto(site_server + "figures/", wait_until="networkidle")
    choose(page, "small")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


@pytest.mark.parametrize("mode", ["normal", "care-large"])
@pytest.mark.parametrize("path", KEY_PAGES)
def test_no_horizontal_scrolling_at_200_percent_zoom(browser, site_server, path, mode):
    # 200 % zoom of a 1280 x 800 window: 640 x 400 CSS pixels, two device pixels each.
    viewport = {"width": 640, "height": 400}
    context = browser.new_context(viewport=viewport, device_scale_factor=2, locale="zh-CN")
    page = context.new_page()
    page.goto(site_server + path, wait_until="networkidle")
    choose(page, **MODES[mode])
    assert fits_the_width(page), page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    box = page.locator(TOOLBAR).bounding_box()
    assert box["x"] + box["width"] <= 640
    context.close()


def test_without_javascript_the_toolbar_is_hidden_and_the_page_has_the_default_size(browser, site_server):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(site_server)
    assert page.locator(TOOLBAR).count() == 1
    expect(page.locator(TOOLBAR)).to_be_hidden()
    assert page.evaluate("document.documentElement.getAttribute('data-font-size')") is None
    # Same size as with JavaScript and nothing stored: no jump when the script is blocked.
    assert root_px(page) == ROOT_PX[DEFAULT_SIZE]
    context.close()


def test_the_toolbar_still_works_when_storage_is_blocked(page: Page, site_server):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{error}\n{error.stack}"))
    page.add_init_script(BLOCK_STORAGE_SCRIPT)
    page.goto(site_server, wait_until="networkidle")
    assert page.evaluate("(() => { try { localStorage; return false; } catch (e) { return true; } })()")
    expect(page.locator(TOOLBAR)).to_be_visible()
    assert_size_pressed(page, DEFAULT_SIZE)
    size_button(page, "large").click()
    care_button(page).click()
    assert_size_pressed(page, "large")
    assert html_data(page).get("care") == "on"
    ours = [error for error in errors if "javascripts/showcase.js" in error]  # care.js, served bundled
    assert not ours, ours


def test_the_toolbar_is_not_printed(page: Page, site_server):
    page.goto(site_server)
    expect(page.locator(TOOLBAR)).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(TOOLBAR)).to_be_hidden()


HEAD_SCRIPT = re.compile(r"<script>([^<]*sc-font-size[^<]*)</script>")


def test_head_script_is_static_and_byte_identical_on_every_page(built_site: Path):
    """A later Content-Security-Policy will allow this inline script by its hash."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    scripts = {}
    for html_file in pages:
        text = html_file.read_text(encoding="utf-8")
        head, _, body = text.partition("</head>")
        found = HEAD_SCRIPT.findall(head)
        assert len(found) == 1, f"{html_file}: {len(found)} head scripts"
        scripts[html_file] = found[0]
        assert 'data-care-toolbar hidden' in body, f"{html_file}: no hidden toolbar"
    assert len(set(scripts.values())) == 1
    template = (REPO / "overrides" / "main.html").read_text(encoding="utf-8")
    script = next(iter(scripts.values()))
    assert f"<script>{script}</script>" in template  # written out in the template: no template variables
