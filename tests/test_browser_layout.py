"""Phone-first layout on every built page, measured in Chromium.

At 360, 390, 414, 768 and 1280 px, and at 字号 中, 大 and in 关怀模式 (with 大), every page must
- not scroll sideways;
- keep each number with its unit, each date, and each brand, project and tribunal name on one
  line (measured with a Range over the text: all its client rects on one line);
- never start a line with "·";
- on a desktop, where the nav is a column, show each project's whole label ("金田法庭【温情调解和美家事】")
  on one line: the name checks above allow a break between the tribunal and its "【", and in
  关怀模式 at 大 the nav broke there;
- keep each name and number inside its card: a run that may not wrap sticks out of a card too
  narrow for it (three cards beside two sidebars did).
On a phone, the first Tab stops after the 阅读设置 toolbar must be visible on screen (not the
closed drawer or the hidden search box).

One browser page serves every check: each URL is loaded once, then the viewport and the reading
mode change in place (the mode lives in <html> attributes, as the head script sets them), and
one page.evaluate measures everything for all modes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from page_text import html_pages
from tools.harness import REPO
from showcase.content.loader import load_catalog
from showcase.pages.models import unbreakable_names

WIDTHS = [360, 390, 414, 768, 1280]
PHONE_WIDTH = 360
# (data-font-size, data-care): 中, 大, and 关怀模式 at its largest size.
MODES = {"中": ("medium", None), "大": ("large", None), "关怀模式": ("large", "on")}
CATALOG = load_catalog(REPO / "data")
NAMES = unbreakable_names(CATALOG)
# A project's nav label: kept whole where the nav is a column (below, it may break before its 【).
NAV_LABELS = [project.full_name for project in CATALOG.projects]
# Units that must stay with their number (the common ones of the court's texts).
NUMBER_WITH_UNIT = r"\d+(?:\.\d+)?(?:多|余)?(?:%|件|次|个|项|名|人|期|年|月|日)"
# One pattern for the whole check: the names (longest first), then numbers with their units.
KEPT_TOGETHER = "|".join([*(re.escape(name) for name in sorted(NAMES, key=len, reverse=True)), NUMBER_WITH_UNIT])
# Material animates the header search and the sidebars when the viewport changes: measure the end state.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

MEASURE = """([modes, pattern, navLabels]) => {
  const root = document.documentElement;
  const runs = new RegExp(pattern, "g");
  const skip = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "TEXTAREA", "CODE", "PRE"]);  // code is literal
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let el = node.parentElement; el; el = el.parentElement) {
        if (skip.has(el.tagName)) return NodeFilter.FILTER_REJECT;
      }
      return node.data.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
    },
  });
  while (walker.nextNode()) {
    // Word joiners (U+2060) hold names together in the nav: matched as if absent, measured in place.
    const node = walker.currentNode;
    const at = [];
    let clean = "";
    for (let i = 0; i < node.data.length; i++) {
      if (node.data[i] !== "\u2060") { at.push(i); clean += node.data[i]; }
    }
    at.push(node.data.length);
    texts.push({node, clean, at});
  }

  function lines(node, start, end) {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return rangeLines(range);
  }
  function rangeLines(range) {
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    const tops = [];
    for (const r of rects) {
      if (!tops.some((t) => Math.abs(t - r.top) < r.height / 2)) tops.push(r.top);
    }
    return tops;
  }
  function where(node) {
    const el = node.parentElement;
    const tag = el.closest("h1,h2,h3,h4,nav,a,button,li,td,th,p,figure,header,footer");
    return (tag || el).tagName.toLowerCase() + (tag && tag.className ? "." + String(tag.className).split(" ")[0] : "");
  }

  const CARDS = ".grid.cards > ul > li, .sc-brand-card, .sc-figures li, .sc-siblings li, .sc-honour";
  const faults = [];
  for (const [label, [size, care]] of Object.entries(modes)) {
    root.setAttribute("data-font-size", size);
    if (care) root.setAttribute("data-care", care); else root.removeAttribute("data-care");
    void document.body.offsetHeight;  // apply the mode before measuring
    const overflow = root.scrollWidth - root.clientWidth;
    if (overflow > 1) faults.push(`${label}: scrolls sideways by ${overflow}px`);
    for (const {node, clean, at} of texts) {
      for (const m of clean.matchAll(runs)) {
        const start = at[m.index], end = at[m.index + m[0].length - 1] + 1;
        if (lines(node, start, end).length > 1) {
          faults.push(`${label}: "${m[0]}" breaks across lines in ${where(node)}`);
        }
      }
      for (let i = clean.indexOf("·"); i > 0; i = clean.indexOf("·", i + 1)) {
        // Measured against the character before it, within one text node.
        const dot = lines(node, at[i], at[i] + 1);
        const before = lines(node, at[i - 1], at[i - 1] + 1);
        if (dot.length && before.length && Math.abs(dot[0] - before[0]) > 1) {
          faults.push(`${label}: a line starts with "·" in ${where(node)}: "${clean.slice(Math.max(0, i - 6), i + 6)}"`);
        }
      }
    }
    for (const run of document.querySelectorAll(".sc-nowrap")) {
      const card = run.closest(CARDS);
      if (!card) continue;
      const r = run.getBoundingClientRect(), c = card.getBoundingClientRect();
      if (r.width && (r.right > c.right + 1 || r.left < c.left - 1)) {
        faults.push(`${label}: "${run.textContent}" sticks out of its card (${where(run.firstChild)})`);
      }
    }
    // Material's breakpoint for the nav column (below it the nav is a drawer).
    if (matchMedia("(min-width: 76.25em)").matches) {
      for (const link of document.querySelectorAll(".md-sidebar--primary .md-nav__link")) {
        const text = link.textContent.replace(/[\\s\u2060]/g, "");
        const name = navLabels.find((n) => text.includes(n));
        if (!name) continue;
        const range = document.createRange();
        range.selectNodeContents(link);
        if (rangeLines(range).length > 1) faults.push(`${label}: "${name}" breaks across lines in the nav column`);
      }
    }
  }
  root.setAttribute("data-font-size", "medium");
  root.removeAttribute("data-care");
  return [...new Set(faults)];
}"""

# After the toolbar's last button: where the next Tab stops land, and whether each is on screen.
NEXT_TAB_STOP = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {name: "body", visible: false};
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 &&
    r.left < innerWidth && r.top < innerHeight && style.visibility !== "hidden" && !el.closest("[inert]");
  const name = el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "") +
    " " + (el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 20);
  return {name, visible: onScreen};
}"""


@pytest.fixture(scope="module")
def layout_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    # Material's search worker builds the whole index on every page load: costly, and no part of the layout.
    context.route("**/workers/search.*", lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


def site_paths(site: Path) -> list[str]:
    return [
        page.relative_to(site).as_posix().removesuffix("index.html")
        for page in html_pages(site)
        if page.name == "index.html" or page.name == "404.html"
    ]


def test_every_page_fits_keeps_text_together_and_tabs_to_visible_stops(layout_page, site_server, built_site):
    """Both checks in one pass over the pages: loading each page is the slow part."""
    faults: dict[str, list[str]] = {}
    hidden_stops: dict[str, list[str]] = {}
    paths = site_paths(built_site)
    assert len(paths) > 20
    for path in paths:
        layout_page.set_viewport_size({"width": PHONE_WIDTH, "height": 740})
        layout_page.goto(site_server + path)
        # Keyboard first, on the freshly loaded phone page, as a reader would meet it.
        # The toolbar's last button on a phone: 更多 (the rest of the bar stays folded behind it).
        layout_page.locator("[data-care-more]").focus()
        stops = []
        for _ in range(3):
            layout_page.keyboard.press("Tab")
            stops.append(layout_page.evaluate(NEXT_TAB_STOP))
        # "body": Tab has left the page (a short page with few links), which hides nothing.
        if not all(stop["visible"] or stop["name"] == "body" for stop in stops):
            hidden_stops[path or "/"] = [f"{s['name']} ({'visible' if s['visible'] else 'NOT visible'})" for s in stops]
        layout_page.add_style_tag(content=NO_TRANSITIONS)
        for width in WIDTHS:
            layout_page.set_viewport_size({"width": width, "height": 800})
            found = layout_page.evaluate(MEASURE, [MODES, KEPT_TOGETHER, NAV_LABELS])
            if found:
                faults[f"{path or '/'} @ {width}px"] = found
    assert not faults, "\n".join(f"{where}: {'; '.join(items[:6])}" for where, items in faults.items())
    assert not hidden_stops, hidden_stops


def test_the_measure_sees_a_broken_name_and_a_split_unit(layout_page, site_server):
    """The checks above can fail: with the keep-together spans undone, a narrow card breaks."""
    layout_page.set_viewport_size({"width": 360, "height": 800})
    layout_page.goto(site_server)
    layout_page.evaluate(
        """() => {
          document.querySelectorAll('.sc-nowrap').forEach((s) => s.classList.remove('sc-nowrap'));
          const li = document.querySelector('.sc-figures li');
          li.style.width = '3.2em';
          const node = document.querySelector('.sc-tree__node--master');  // the hero's h1 is a lockup of two halves
          node.style.width = '5.5em';
        }"""
    )
    found = layout_page.evaluate(MEASURE, [{"中": ["medium", None]}, KEPT_TOGETHER, NAV_LABELS])
    assert any('"13756件" breaks' in fault for fault in found), found
    assert any('"党旗引领·法耀浔州" breaks across lines in a.sc-tree__node' in fault for fault in found), found


def test_the_measure_sees_a_project_label_broken_in_the_desktop_nav(layout_page, site_server):
    """In 关怀模式 at 大, with Material's nav width (before care.css widened it), a label broke before its 【."""
    layout_page.set_viewport_size({"width": 1280, "height": 800})
    layout_page.goto(site_server + "projects/jintian/")  # with tabs, the nav column lists this section's pages
    layout_page.add_style_tag(
        content="html .md-sidebar--primary { width: 12.1rem !important; }"
        " html [dir] .md-sidebar--primary .md-sidebar__inner { padding-right: calc(100% - 11.5rem) !important; }"
    )
    found = layout_page.evaluate(MEASURE, [{"关怀模式": ["large", "on"]}, KEPT_TOGETHER, NAV_LABELS])
    assert any('"木乐法庭【党建赋能，优化营商】" breaks across lines in the nav column' in fault for fault in found), found


def test_the_measure_sees_a_name_sticking_out_of_its_card(layout_page, site_server):
    """Three project cards beside the two sidebars (the layout before site.css gave them two columns)."""
    layout_page.set_viewport_size({"width": 1280, "height": 800})
    layout_page.goto(site_server + "brands/xunzhou-fengqiao/")
    layout_page.add_style_tag(content="html .md-typeset .grid.cards.sc-cards { grid-template-columns: repeat(3, minmax(0, 1fr)) !important; }")
    found = layout_page.evaluate(MEASURE, [{"中": ["medium", None]}, KEPT_TOGETHER, NAV_LABELS])
    assert any('"【诉源治理新“枫”景】" sticks out of its card' in fault for fault in found), found
