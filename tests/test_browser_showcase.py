"""What a reader sees of the showcase's frame, measured in Chromium: the top-level sections at a
desktop's first glance, the headings' order of size at every 字号 and in 关怀模式, the footer in the
palette, tap targets of 44 px on a phone, the phone menu at the top level, the casebook's jump list
and the honours' cards. (The pages' HTML: test_review.py, test_timeline.py, test_showcase_pages.py.)
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tools.harness import DESKTOP, PHONE

pytestmark = pytest.mark.browser

# (data-font-size, data-care): every size of the toolbar, and 关怀模式 at each.
MODES = {
    "小": ("small", None), "中": ("medium", None), "大": ("large", None),
    "关怀模式·小": ("small", "on"), "关怀模式·中": ("medium", "on"), "关怀模式·大": ("large", "on"),
}
TOP_LEVEL = ["首页", "品牌矩阵", "总品牌", "子品牌", "特色党建项目", "荣誉时间轴", "数字图表", "案例资料",
             "工作体系", "新闻动态", "关于本站", "无障碍说明"]
# Pages with a title, section headings and third-level headings, of each kind.
HEADED_PAGES = ["", "brands/fayao-xunzhou/", "brands/xunzhou-fengqiao/", "projects/jintian/", "casebook/",
                "figures/", "honours/", "work-system/goal.md".removesuffix(".md") + "/", "about/"]
# Every kind of public page, for the tap targets.
PUBLIC_PAGES = ["", "matrix/", "brands/fayao-xunzhou/", "brands/xunzhou-fengqiao/", "brands/hongxin-xiangdang/",
                "projects/jintian/", "honours/", "figures/", "casebook/", "compare/", "work-system/",
                "news/", "about/", "accessibility/"]
# The footer's colours: the party's dark red, and a darker band for the site information.
FOOTER_RED, FOOTER_BAND = "rgb(142, 18, 18)", "rgb(92, 11, 11)"

SET_MODE = """([size, care]) => {
  const root = document.documentElement;
  root.setAttribute("data-font-size", size);
  if (care) root.setAttribute("data-care", care); else root.removeAttribute("data-care");
  void document.body.offsetHeight;
}"""

# The rendered size of each heading level and of body text in the article; the weight of h3.
SIZES = """() => {
  const article = document.querySelector("article.md-content__inner");
  const size = (el) => parseFloat(getComputedStyle(el).fontSize);
  const shown = (sel) => [...article.querySelectorAll(sel)].filter((el) => el.getClientRects().length);
  const sizes = (sel) => shown(sel).map(size);
  return {
    h1: sizes("h1"), h2: sizes("h2"), h3: sizes("h3"),
    body: sizes(":scope > p, :scope > ul > li, .sc-case > p, .sc-lead"),
    h3weights: shown("h3").map((el) => parseInt(getComputedStyle(el).fontWeight, 10)),
  };
}"""

# Links and buttons outside running text whose box is smaller than 44 x 44 px. Running text: the
# nearest block around the control has words of its own besides its links (a link inside a sentence).
SMALL_TARGETS = """() => {
  const BLOCK = "p, li, td, th, dd, dt, figcaption, h1, h2, h3, h4, h5, h6";
  const own = (block) => {
    const copy = block.cloneNode(true);
    copy.querySelectorAll("a, button, summary, label, .sc-visually-hidden").forEach((el) => el.remove());
    return copy.textContent.replace(/[\\s·›、，。：:（）()|]/g, "");
  };
  const small = [];
  for (const el of document.querySelectorAll("a[href], button, summary, label[for]")) {
    if (!el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})) continue;
    if (el.closest("[inert], .md-sidebar--primary, .md-search, .md-skip")) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.bottom < 0 || r.right < 0 || r.left > innerWidth) continue;
    const block = el.closest(BLOCK);
    if (block && own(block).length) continue;  // a link in running text
    if (r.width < 44 - 0.5 || r.height < 44 - 0.5) {
      small.push(`${el.tagName.toLowerCase()}.${String(el.className).split(" ")[0]} "${el.textContent.trim().slice(0, 16)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  }
  return small;
}"""


@pytest.mark.browser_context_args(viewport=DESKTOP, locale="zh-CN")
@pytest.mark.parametrize("mode", ["中", "大", "关怀模式·大"])
def test_every_top_level_section_shows_at_1280_by_800_without_scrolling(page: Page, site_server, mode):
    page.goto(site_server + "brands/xunzhou-fengqiao/")
    page.evaluate(SET_MODE, list(MODES[mode]))
    tabs = page.eval_on_selector_all(
        ".md-tabs__link",
        """els => els.map((el) => { const r = el.getBoundingClientRect();
          return [el.textContent.trim(), r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight
                  && el.checkVisibility()]; })""",
    )
    assert [label for label, _ in tabs] == TOP_LEVEL
    assert all(shown for _, shown in tabs), tabs
    # The current section is marked, in words for screen readers too (Material's active tab).
    expect(page.locator(".md-tabs__item--active")).to_have_text("子品牌")


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 780}, PHONE, DESKTOP], ids=["360", "390", "1280"])
def test_headings_are_larger_than_what_they_head_at_every_size_and_in_care_mode(page: Page, site_server, viewport):
    page.set_viewport_size(viewport)
    faults = []
    for path in HEADED_PAGES:
        page.goto(site_server + path)
        for mode, setting in MODES.items():
            page.evaluate(SET_MODE, list(setting))
            s = page.evaluate(SIZES)
            levels = [("h1", min(s["h1"], default=None)), ("h2", max(s["h2"], default=None)),
                      ("h3", max(s["h3"], default=None)), ("body", max(s["body"], default=None))]
            present = [(name, size) for name, size in levels if size is not None]
            for (upper, big), (lower, small) in zip(present, present[1:]):
                if not big > small:
                    faults.append(f"{path or '/'} {mode}: {upper} {big}px is not larger than {lower} {small}px")
            if any(weight < 700 for weight in s["h3weights"]):
                faults.append(f"{path or '/'} {mode}: an h3 is not bold")
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("care", [False, True], ids=["default", "关怀模式"])
def test_footer_names_the_host_in_the_palette(page: Page, site_server, care):
    if care:
        page.add_init_script("localStorage.setItem('sc-care', 'on')")
    page.goto(site_server + "compare/")
    expect(page.locator(".sc-footer__host")).to_have_text("主办单位：桂平市人民法院")
    colours = page.evaluate("""() => [".md-footer", ".md-footer-meta", ".sc-footer"].map(
        (sel) => { const s = getComputedStyle(document.querySelector(sel)); return [s.backgroundColor, s.color]; })""")
    assert colours[0][0] == FOOTER_RED and colours[1][0] == FOOTER_BAND, colours
    assert colours[2][1] == "rgb(255, 255, 255)", colours


@pytest.mark.browser_context_args(viewport=PHONE, locale="zh-CN")
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_links_and_buttons_outside_running_text_are_44_px_on_a_phone(page: Page, site_server, path):
    page.goto(site_server + path)
    assert page.evaluate(SMALL_TARGETS) == []


@pytest.mark.browser_context_args(viewport=PHONE, locale="zh-CN")
def test_every_arrow_on_a_phone_has_a_word(page: Page, site_server):
    page.goto(site_server + "honours/")
    for link in page.locator(".md-footer__link").all():
        expect(link.locator(".md-footer__direction")).to_be_visible()
    assert page.locator(".md-footer__link--prev .md-footer__direction").inner_text() == "上一页"


@pytest.mark.browser_context_args(viewport=PHONE, locale="zh-CN")
def test_the_phone_menu_opens_at_the_top_level(page: Page, site_server):
    page.goto(site_server + "brands/xunzhou-fengqiao/")
    page.locator(".md-header label[for='__drawer']").click()
    page.wait_for_function("() => document.querySelector('.md-sidebar--primary').getAnimations({subtree: true}).length === 0")
    for label in ("首页", "品牌矩阵", "工作体系", "新闻动态"):
        entry = page.locator(".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item > :is(a, label, .md-nav__container)",
                             has_text=label).first
        expect(entry).to_be_in_viewport()


@pytest.mark.browser_context_args(viewport=PHONE, locale="zh-CN")
def test_the_casebook_contents_reach_each_part_in_one_tap(page: Page, site_server):
    page.goto(site_server + "casebook/")
    links = page.locator(".sc-casebook-toc a")
    assert links.count() >= 2
    expect(links.first).to_be_in_viewport()  # the jump list is on the first screen
    for index in range(links.count()):
        page.evaluate("window.scrollTo(0, 0)")
        link = links.nth(index)
        target = link.get_attribute("href")
        link.click()
        expect(page.locator(target)).to_be_in_viewport()


@pytest.mark.browser_context_args(viewport=PHONE, locale="zh-CN")
def test_an_honour_card_takes_at_most_a_third_of_a_phone_screen(page: Page, site_server):
    page.goto(site_server + "honours/")
    heights = page.eval_on_selector_all(".sc-honour", "els => els.map((el) => el.getBoundingClientRect().height)")
    assert heights and max(heights) <= PHONE["height"] / 3, heights
