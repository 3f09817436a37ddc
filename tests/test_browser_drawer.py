"""The navigation drawer on phones, and the nav column on desktops, in real Chromium.

Below Material's 76.25em breakpoint the nav is a drawer. While it is closed, site.css has the
browser skip rendering it (content-visibility: hidden) and offscreen.js keeps it out of the Tab
order (inert); the menu button opens it, and then its links must be shown and reachable by Tab.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from browser_support import axe_violations, format_violations

from tools.harness import DESKTOP, PHONE

PAGE = "brands/xunzhou-fengqiao/"
NAV = ".md-sidebar--primary"
WRAP = ".md-sidebar--primary .md-sidebar__scrollwrap"
MENU_BUTTON = ".md-header label[for='__drawer']"
# The current page's entry: a link, or on phones a label that opens its contents (one is shown).
ACTIVE_LINK = ".md-sidebar--primary .md-nav__link--active"
# On phones the drawer opens at the top level (offscreen.js); there the current section is marked.
ACTIVE_SECTION = ".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item--active > .md-nav__link"

# Is the element's box on screen (inside the viewport, with a size), and is it rendered at all?
ON_SCREEN = """(el) => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= innerWidth + 1 &&
    r.top < innerHeight && r.bottom > 0 && el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true});
}"""


def content_visibility(page: Page) -> str:
    return page.eval_on_selector(WRAP, "el => getComputedStyle(el).contentVisibility")


def open_drawer(page: Page) -> None:
    page.locator(MENU_BUTTON).click()
    expect(page.locator("#__drawer")).to_be_checked()
    # Material slides it in (a transform transition): wait until it has arrived.
    page.wait_for_function(f"""() => {{
      const nav = document.querySelector("{NAV}");
      return nav.getAnimations().length === 0 && nav.getBoundingClientRect().left >= 0;
    }}""")


@pytest.mark.browser_context_args(viewport=PHONE, locale="zh-CN")
def test_the_closed_drawer_is_skipped_and_out_of_the_tab_order(page: Page, site_server):
    page.goto(site_server + PAGE)
    assert content_visibility(page) == "hidden"
    assert page.eval_on_selector(NAV, "el => el.inert")
    # Hidden from rendering: its links have no box and are not visible.
    assert not page.eval_on_selector_all(ACTIVE_LINK, "els => els.some((el) => el.checkVisibility())")


@pytest.mark.browser_context_args(viewport=PHONE, locale="zh-CN")
def test_the_opened_drawer_shows_its_links_and_tab_reaches_them(page: Page, site_server):
    page.goto(site_server + PAGE)
    open_drawer(page)
    assert content_visibility(page) == "visible"
    assert not page.eval_on_selector(NAV, "el => el.inert")
    # It opens at the top level, the current page's section marked; one tap shows the page's entry.
    section = page.locator(ACTIVE_SECTION).first
    expect(section).to_contain_text("子品牌")
    assert section.evaluate(ON_SCREEN)
    for label in ("首页", "工作体系"):
        assert page.locator(f"{NAV} .md-nav--primary > .md-nav__list > .md-nav__item", has_text=label).first.evaluate(ON_SCREEN)
    section.click()
    page.wait_for_function(f"() => document.querySelector('{NAV}').getAnimations({{subtree: true}}).length === 0")
    active = page.locator(ACTIVE_LINK + ":visible").first
    expect(active).to_contain_text("浔州枫桥")
    assert active.evaluate(ON_SCREEN)
    page.locator(f"{NAV} label.md-nav__title:not([for='__drawer']):visible").first.click()  # back, in words
    page.wait_for_function(f"() => document.querySelector('{NAV}').getAnimations({{subtree: true}}).length === 0")
    # Tab walks from the top of the page into the drawer, and each stop there is on screen.
    page.locator("body").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => !!document.activeElement.closest('{NAV}')"):
            break
    else:
        pytest.fail("40 presses of Tab did not reach the open drawer")
    assert page.evaluate(f"() => ({ON_SCREEN})(document.activeElement)")
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")


@pytest.mark.parametrize("care", [False, True], ids=["default", "关怀模式"])
@pytest.mark.browser_context_args(viewport=PHONE, locale="zh-CN")
def test_the_open_drawer_has_no_axe_violations_in_its_panels(page: Page, site_server, care):
    if care:
        page.add_init_script("localStorage.setItem('sc-care', 'on')")
    page.goto(site_server + PAGE)
    open_drawer(page)
    # Opened at the top level; the current section ("子品牌") opens in a panel of its own.
    expect(page.locator(f"{NAV} label.md-nav__title[for='__drawer']")).to_be_visible()
    violations = {"top": format_violations(axe_violations(page))}
    page.locator(ACTIVE_SECTION).first.click()
    page.wait_for_function(f"() => document.querySelector('{NAV}').getAnimations({{subtree: true}}).length === 0")
    expect(page.locator(ACTIVE_LINK + ":visible").first).to_be_visible()
    violations["section"] = format_violations(axe_violations(page))
    assert not any(violations.values()), violations


@pytest.mark.browser_context_args(viewport=PHONE, locale="zh-CN")
def test_closing_keeps_the_drawer_rendered_until_it_has_slid_out(page: Page, site_server):
    page.goto(site_server + PAGE)
    open_drawer(page)
    # In one task: close it, then read the style. The discrete transition keeps it rendered while
    # Material's slide-out runs, then it is skipped again.
    during = page.evaluate("""() => {
      const toggle = document.getElementById("__drawer");
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      return getComputedStyle(document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap")).contentVisibility;
    }""")
    assert during == "visible"
    page.wait_for_function(f"() => getComputedStyle(document.querySelector('{WRAP}')).contentVisibility === 'hidden'")
    assert page.eval_on_selector(NAV, "el => el.inert")


@pytest.mark.browser_context_args(viewport=DESKTOP, locale="zh-CN")
def test_on_a_desktop_the_nav_is_a_visible_column(page: Page, site_server):
    page.goto(site_server + PAGE)
    assert content_visibility(page) == "visible"
    assert not page.eval_on_selector(NAV, "el => el.inert")
    active = page.locator(ACTIVE_LINK + ":visible").first
    expect(active).to_be_visible()
    assert active.evaluate(ON_SCREEN)
