"""The 适老化 aids of the 阅读设置 toolbar in real Chromium: 朗读 (连读, 指读), 大鼠标, 十字光标, 重置, shortcuts.

Headless Chromium has no voices, so ``speechSynthesis`` is replaced before the page loads (an init
script) by a recorder: it keeps every utterance (text, lang, voice) and ends each one after
``window.__speechMs`` milliseconds, so that care.js reads on as it would with a real voice.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser_support import axe_violations, format_violations
from tools.harness import PHONE, REPO

TOOLBAR = "[data-care-toolbar]"
BRAND = "brands/xunzhou-fengqiao/"
SMALL_PHONE = {"width": 360, "height": 740}
ARROW, HAND = "assets/cursors/arrow.svg", "assets/cursors/hand.svg"
TOGGLE_ATTRIBUTES = ["data-font-size", "data-care", "data-point-read", "data-big-cursor", "data-crosshair"]

RECORDER = """
(() => {
  const voices = __VOICES__;
  const record = { spoken: [], calls: [], listeners: [] };
  window.__speech = record;
  window.__speechMs = window.__speechMs || 5;
  let queue = [];
  class Utterance {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; }
  }
  const synth = {
    getVoices: () => record.voicesLate ? record.voicesLate : voices,
    speak(u) {
      record.spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.lang : null });
      record.calls.push("speak");
      queue.push(u);
      setTimeout(() => {
        if (u.cancelled) return;
        if (u.onstart) u.onstart({});
        setTimeout(() => {
          if (u.cancelled) return;
          queue = queue.filter((q) => q !== u);
          if (u.onend) u.onend({});
        }, window.__speechMs);
      }, 0);
    },
    cancel() {
      record.calls.push("cancel");
      const cancelled = queue;
      queue = [];
      cancelled.forEach((u) => { u.cancelled = true; if (u.onerror) u.onerror({ error: "interrupted" }); });
    },
    pause() { record.calls.push("pause"); },
    resume() { record.calls.push("resume"); },
    addEventListener(type, listener) { record.listeners.push(listener); },
    removeEventListener(type, listener) { record.listeners = record.listeners.filter((l) => l !== listener); },
  };
  // Chrome's way: no voices at first, the list arrives a moment later with a voiceschanged event.
  if (__LATE__) {
    setTimeout(() => {
      record.voicesLate = [{ name: "中文（中国大陆）", lang: "zh-CN" }];
      record.listeners.slice().forEach((l) => l({ type: "voiceschanged" }));
    }, 300);
  }
  Object.defineProperty(window, "speechSynthesis", { configurable: true, value: synth });
  window.SpeechSynthesisUtterance = Utterance;
})();
"""

CHINESE = '[{"name": "English", "lang": "en-US"}, {"name": "粤语", "lang": "zh-HK"}, {"name": "普通话", "lang": "zh-CN"}]'
ENGLISH_ONLY = '[{"name": "English", "lang": "en-US"}, {"name": "Deutsch", "lang": "de-DE"}]'
NO_SPEECH = """
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: undefined });
Object.defineProperty(window, "SpeechSynthesisUtterance", { configurable: true, value: undefined });
"""

# When <html> gets each toolbar attribute, and when <body> is inserted (see test_care_mode.py).
TRACE = """
(() => {
  const trace = [];
  window.__careTrace = trace;
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes" && record.target === document.documentElement) {
        trace.push("html[" + record.attributeName + "]");
      }
      for (const node of record.addedNodes || []) if (node.nodeName === "BODY") trace.push("body");
    }
  }).observe(document, {childList: true, subtree: true, attributes: true, attributeFilter: __ATTRS__});
})();
""".replace("__ATTRS__", str(TOGGLE_ATTRIBUTES))


def recorder(voices: str = CHINESE, late: bool = False) -> str:
    return RECORDER.replace("__VOICES__", voices).replace("__LATE__", "true" if late else "false")


def open_page(page: Page, url: str, voices: str = CHINESE, late: bool = False) -> None:
    page.add_init_script(recorder(voices, late))
    page.goto(url, wait_until="networkidle")
    expect(page.locator(TOOLBAR)).to_be_visible()  # care.js has run: its listeners are in place


def spoken(page: Page) -> list[dict]:
    return page.evaluate("window.__speech.spoken")


def spoken_texts(page: Page) -> list[str]:
    return [item["text"] for item in spoken(page)]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def button(page: Page, name: str):
    return page.locator(TOOLBAR).get_by_role("button", name=name, exact=True)


def pressed(page: Page, name: str) -> str | None:
    return button(page, name).get_attribute("aria-pressed")


def open_more(page: Page) -> None:
    more = page.locator("[data-care-more]")
    if more.is_visible() and more.get_attribute("aria-expanded") != "true":
        more.click()


def status(page: Page) -> str:
    return page.locator("[data-care-status]").inner_text().strip()


def computed_cursor(page: Page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).cursor")


def reading_done(page: Page) -> None:
    page.wait_for_function(
        "() => window.__speech.spoken.length > 0 && "
        "document.querySelector(\"[data-speech='read']\").getAttribute('aria-pressed') === 'false'"
    )


# --- 连读 ---


def test_continuous_reading_speaks_the_article_in_order_in_chinese_and_not_the_page_around_it(
    page: Page, site_server
):
    open_page(page, site_server + BRAND)
    button(page, "连读").click()
    reading_done(page)
    items = spoken(page)
    texts = [item["text"] for item in items]
    assert all(item["lang"].startswith("zh") for item in items), {item["lang"] for item in items}
    assert {item["voice"] for item in items} == {"zh-CN"}  # the mainland voice, not the Cantonese one

    article = page.locator("article.md-content__inner")
    assert texts[0] == article.locator("h1").inner_text().strip()
    # Every heading, paragraph and list item of the article, in the order of the page.
    heard = squash("".join(texts))
    blocks = article.locator("h2, h3, p:not(.sc-breadcrumb), li:not(:has(p))").all_inner_texts()
    position = 0
    for block in blocks:
        found = heard.find(squash(block), position)
        assert found >= position, f"{block!r} not read, or read out of order"
        position = found
    # Nothing of the navigation, toolbar, header or footer that is not also in the article.
    article_text = squash(article.inner_text())
    around = page.locator(
        ".md-sidebar a, .md-header, .md-footer a, .md-footer-meta, [data-care-toolbar] button"
    ).all_inner_texts()
    outside = {squash(text) for text in around if squash(text) and squash(text) not in article_text}
    assert len(outside) > 10
    leaked = [text for text in outside if text in heard]
    assert not leaked, leaked
    # The breadcrumb is navigation too.
    assert not any("›" in text for text in texts)
    # Done: the marking is gone, 暂停 and 停止 are off again.
    expect(page.locator(".sc-speaking")).to_have_count(0)
    expect(button(page, "暂停")).to_be_disabled()
    expect(button(page, "停止")).to_be_disabled()


def test_continuous_reading_marks_what_it_reads_and_can_pause_resume_and_stop(page: Page, site_server):
    page.add_init_script("window.__speechMs = 400;")
    open_page(page, site_server + BRAND)
    expect(button(page, "暂停")).to_be_disabled()
    button(page, "连读").click()
    page.wait_for_function("window.__speech.spoken.length >= 2")
    assert pressed(page, "连读") == "true"
    # The block being read is marked; it holds the sentence being spoken.
    marked = page.locator(".sc-speaking")
    expect(marked).to_have_count(1)
    assert squash(spoken_texts(page)[-1]) in squash(marked.inner_text())

    button(page, "暂停").click()
    assert pressed(page, "暂停") == "true"
    count = len(spoken_texts(page))
    last = spoken_texts(page)[-1]
    assert page.evaluate("window.__speech.calls").count("cancel") >= 1
    page.wait_for_timeout(900)
    assert len(spoken_texts(page)) == count  # silent while paused

    button(page, "暂停").click()  # resume: the interrupted sentence again, then on
    assert pressed(page, "暂停") == "false"
    page.wait_for_function(f"window.__speech.spoken.length >= {count + 2}")
    assert spoken_texts(page)[count] == last

    button(page, "停止").click()
    assert pressed(page, "连读") == "false"
    expect(marked).to_have_count(0)
    count = len(spoken_texts(page))
    page.wait_for_timeout(900)
    assert len(spoken_texts(page)) == count
    expect(button(page, "停止")).to_be_disabled()


def test_reading_starts_by_shortcut_and_stops_with_escape(page: Page, site_server):
    page.add_init_script("window.__speechMs = 400;")
    open_page(page, site_server + BRAND)
    page.keyboard.press("Alt+Shift+KeyL")
    page.wait_for_function("window.__speech.spoken.length >= 1")
    assert pressed(page, "连读") == "true"
    page.keyboard.press("Escape")
    assert pressed(page, "连读") == "false"
    count = len(spoken_texts(page))
    page.wait_for_timeout(900)
    assert len(spoken_texts(page)) == count


def test_reading_waits_for_voices_that_load_late(page: Page, site_server):
    open_page(page, site_server + BRAND, voices="[]", late=True)
    button(page, "连读").click()
    reading_done(page)
    assert spoken(page)[0]["voice"] == "zh-CN"
    assert status(page) == ""


def test_without_a_chinese_voice_the_toolbar_says_so(page: Page, site_server):
    open_page(page, site_server + BRAND, voices=ENGLISH_ONLY)
    button(page, "连读").click()
    expect(page.locator("[data-care-status]")).to_contain_text("没有中文语音")
    assert pressed(page, "连读") == "false"
    button(page, "指读").click()
    assert pressed(page, "指读") == "false"
    assert spoken(page) == []
    # Said where a screen reader hears it too (a live region; not role="status", which would make
    # every page's own status messages ambiguous to find).
    assert page.locator("[data-care-status]").get_attribute("aria-live") == "polite"


def test_without_speech_synthesis_the_toolbar_says_so(page: Page, site_server):
    page.add_init_script(NO_SPEECH)
    page.goto(site_server + BRAND)
    assert page.evaluate("typeof speechSynthesis") == "undefined"
    button(page, "连读").click()
    expect(page.locator("[data-care-status]")).to_contain_text("不能朗读")
    assert pressed(page, "连读") == "false"


# --- 指读 ---


def test_point_reading_speaks_what_is_under_the_pointer_and_what_has_the_focus(page: Page, site_server):
    open_page(page, site_server + BRAND)
    button(page, "指读").click()
    assert pressed(page, "指读") == "true"

    lead = page.locator("article p.sc-lead")
    lead.hover()
    page.wait_for_function("window.__speech.spoken.length >= 1")
    assert spoken_texts(page)[-1] == lead.inner_text().strip()
    assert spoken(page)[-1]["lang"].startswith("zh")
    heading = page.locator("article h2").first
    heading.hover()
    page.wait_for_function("window.__speech.spoken.length >= 2")
    assert spoken_texts(page)[-1] == heading.inner_text().strip()

    # The keyboard: click into the text, then Tab to the next link.
    count = len(spoken_texts(page))
    lead.click()  # the pointer is back on the paragraph: it is read again
    page.wait_for_function(f"window.__speech.spoken.length > {count}")
    assert spoken_texts(page)[-1] == lead.inner_text().strip()
    # The pointer out of the way: the next link may be far down, and focusing it scrolls the page.
    page.mouse.move(0, 0)
    count = len(spoken_texts(page))
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.innerText.trim()]")
    assert focused[0] == "A"
    page.wait_for_function(f"window.__speech.spoken.length > {count}")
    assert spoken_texts(page)[-1] == focused[1]

    # A toolbar button says its name and its state (the pointer out of the way: focusing the
    # button scrolls the page, and 指读 would read whatever then comes under the pointer).
    page.mouse.move(0, 0)
    button(page, "大鼠标").focus()
    page.wait_for_function("window.__speech.spoken.at(-1).text.startsWith('大鼠标')")
    assert spoken_texts(page)[-1] == "大鼠标，未开启"

    # Turned off, the pointer reads nothing.
    button(page, "指读").click()
    count = len(spoken_texts(page))
    page.locator("article h2").nth(1).hover()
    page.wait_for_timeout(500)
    assert len(spoken_texts(page)) == count


def test_point_reading_stays_on_for_the_next_page(page: Page, site_server):
    open_page(page, site_server + BRAND)
    button(page, "指读").click()
    page.add_init_script(TRACE)
    page.goto(site_server + "matrix/", wait_until="networkidle")
    trace = page.evaluate("window.__careTrace")
    assert trace.index("html[data-point-read]") < trace.index("body"), trace
    assert pressed(page, "指读") == "true"
    page.locator("article h1").hover()
    page.wait_for_function("window.__speech.spoken.length >= 1")
    assert spoken_texts(page)[-1] == page.locator("article h1").inner_text().strip()


# --- 大鼠标, 十字光标, 重置, shortcuts ---


def test_big_cursor_changes_the_pointer_and_persists_to_the_next_page(page: Page, site_server):
    page.goto(site_server + BRAND)
    assert computed_cursor(page, "article p") == "auto"
    open_more(page)
    button(page, "大鼠标").click()
    assert pressed(page, "大鼠标") == "true"
    assert ARROW in computed_cursor(page, "article p")
    assert HAND in computed_cursor(page, "article a[href]")
    assert HAND in computed_cursor(page, f"{TOOLBAR} button")
    assert computed_cursor(page, ".md-search__input") == "text"

    page.add_init_script(TRACE)
    page.goto(site_server + "honours/")
    trace = page.evaluate("window.__careTrace")
    assert trace.index("html[data-big-cursor]") < trace.index("body"), trace  # before first paint
    assert ARROW in computed_cursor(page, "article p")
    assert pressed(page, "大鼠标") == "true"
    page.reload()
    assert ARROW in computed_cursor(page, "body")


def test_the_cursor_images_are_local_svg_of_a_size_browsers_accept(page: Page, site_server):
    for path in (ARROW, HAND):
        response = page.request.get(site_server + path)
        assert response.ok and "svg" in response.headers["content-type"]
        width, height = (int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', response.text()).groups())
        assert 48 <= width <= 128 and 48 <= height <= 128  # Chrome ignores cursors over 128 px


def test_crosshair_follows_the_pointer_and_lets_clicks_through(page: Page, site_server):
    page.goto(site_server + BRAND)
    button(page, "十字光标").click()
    assert pressed(page, "十字光标") == "true"
    page.mouse.move(400, 500)
    line = page.locator(".sc-crosshair")
    expect(line).to_be_visible()
    assert line.get_attribute("aria-hidden") == "true"
    top = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.sc-crosshair'), '::before').top)")
    left = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.sc-crosshair'), '::after').left)")
    assert (top, left) == (500, 400)
    page.reload()
    assert pressed(page, "十字光标") == "true"
    # The lines never catch a click: the link under the pointer still works.
    link = page.locator("article .sc-breadcrumb a").first
    page.mouse.move(10, 10)
    box = link.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/brands/fayao-xunzhou/")  # the breadcrumb's first step: the master brand


def test_reset_turns_every_aid_off_here_and_on_the_next_page(page: Page, site_server):
    open_page(page, site_server + BRAND)
    button(page, "大").click()
    for name in ("关怀模式", "指读", "大鼠标", "十字光标"):
        button(page, name).click()
        assert pressed(page, name) == "true"
    button(page, "重置").click()
    for name in ("关怀模式", "指读", "大鼠标", "十字光标", "大"):
        assert pressed(page, name) == "false"
    assert pressed(page, "中") == "true"
    assert page.evaluate("document.documentElement.dataset.fontSize") == "medium"
    assert status(page) == "已恢复默认设置。"
    page.goto(site_server + "matrix/")
    dataset = page.evaluate("Object.assign({}, document.documentElement.dataset)")
    assert {k for k in dataset if k in ("care", "pointRead", "bigCursor", "crosshair")} == set()
    assert computed_cursor(page, "article p") == "auto"


def test_shortcuts_match_the_buttons_and_leave_the_search_box_alone(page: Page, site_server):
    page.goto(site_server + BRAND)
    page.keyboard.press("Alt+Shift+KeyM")
    assert pressed(page, "大鼠标") == "true"
    page.keyboard.press("Alt+Shift+KeyC")
    assert pressed(page, "关怀模式") == "true"
    page.keyboard.press("Alt+Shift+Digit1")
    assert pressed(page, "大") == "true"
    page.keyboard.press("Alt+Shift+Digit0")
    assert pressed(page, "大鼠标") == "false" and pressed(page, "中") == "true"
    page.locator(".md-search__input").focus()
    page.keyboard.press("Alt+Shift+KeyX")
    assert pressed(page, "十字光标") == "false"


def test_every_control_is_a_named_button_with_its_state(page: Page, site_server):
    page.goto(site_server + BRAND)
    toolbar = page.locator(TOOLBAR)
    names = toolbar.locator("button").evaluate_all("bs => bs.map(b => b.textContent.trim())")
    assert names == ["大", "中", "小", "关怀模式", "更多", "连读", "暂停", "停止", "指读", "大鼠标", "十字光标", "重置"]
    for name in ["大", "中", "小", "关怀模式", "连读", "暂停", "指读", "大鼠标", "十字光标"]:
        assert pressed(page, name) in ("true", "false"), name
    assert toolbar.locator("button").evaluate_all("bs => bs.every(b => b.type === 'button')")
    expect(toolbar.get_by_role("link", name="无障碍说明")).to_have_attribute("href", "../../accessibility/")


# --- phones ---


def control_boxes(page: Page) -> list[dict]:
    return page.locator(f"{TOOLBAR} button, {TOOLBAR} a").evaluate_all(
        """els => els.map(el => {
             const r = el.getBoundingClientRect();
             return {name: el.textContent.trim(), x: r.x, y: r.y, w: r.width, h: r.height,
                     shown: r.width > 0 && getComputedStyle(el).visibility !== 'hidden'};
           })"""
    )


def overlaps(a: dict, b: dict) -> bool:
    # 3 px: the 大 中 小 buttons share their 2 px borders.
    return a["x"] < b["x"] + b["w"] - 3 and b["x"] < a["x"] + a["w"] - 3 and a["y"] < b["y"] + b["h"] - 3 and b["y"] < a["y"] + a["h"] - 3


@pytest.mark.parametrize("size", ["small", "medium", "large"])
@pytest.mark.parametrize("care", [False, True])
def test_at_360_px_every_control_is_there_and_none_crowds_another(page: Page, site_server, size, care):
    page.set_viewport_size(SMALL_PHONE)
    page.goto(site_server + BRAND)
    button(page, {"small": "小", "medium": "中", "large": "大"}[size]).click()
    if care:
        button(page, "关怀模式").click()
    # Folded: one row, with 字号, 关怀模式 and 更多.
    folded = [box for box in control_boxes(page) if box["shown"]]
    assert [box["name"] for box in folded] == ["大", "中", "小", "关怀模式", "更多"]
    assert page.locator(TOOLBAR).bounding_box()["height"] < 70
    assert len({round(box["y"]) for box in folded}) == 1

    page.locator("[data-care-more]").click()
    assert page.locator("[data-care-more]").get_attribute("aria-expanded") == "true"
    boxes = control_boxes(page)
    assert all(box["shown"] for box in boxes), [box["name"] for box in boxes if not box["shown"]]
    assert len(boxes) == 13
    for box in boxes:
        assert box["x"] >= 0 and box["x"] + box["w"] <= SMALL_PHONE["width"], box
        assert box["h"] >= 40 and box["w"] >= 40, box  # easy to tap
    crowded = [(a["name"], b["name"]) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if overlaps(a, b)]
    assert not crowded, crowded
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.locator("[data-care-more]").click()
    expect(button(page, "大鼠标")).to_be_hidden()


def test_on_a_phone_the_folded_controls_are_reached_by_keyboard(page: Page, site_server):
    page.set_viewport_size(SMALL_PHONE)
    page.goto(site_server + BRAND)
    button(page, "关怀模式").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "更多"
    page.keyboard.press("Enter")
    order = []
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.textContent.trim()"))
    # 暂停 and 停止 are skipped while nothing is read.
    assert order == ["连读", "指读", "大鼠标", "十字光标", "重置", "无障碍说明"]


# --- every aid on ---


def every_aid_on(page: Page) -> None:
    button(page, "大").click()
    open_more(page)
    for name in ("关怀模式", "指读", "大鼠标", "十字光标"):
        if pressed(page, name) != "true":
            button(page, name).click()
    page.mouse.move(200, 400)
    button(page, "连读").click()
    page.wait_for_function("window.__speech.spoken.length >= 1")
    expect(page.locator(".sc-speaking")).to_have_count(1)


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["", BRAND, "accessibility/", "figures/"])
def test_axe_finds_nothing_with_every_aid_on(page: Page, site_server, path, viewport):
    page.set_viewport_size(viewport)
    page.add_init_script("window.__speechMs = 60000;")  # keep the first block marked while axe runs
    open_page(page, site_server + path)
    every_aid_on(page)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_axe_finds_nothing_with_the_no_voice_message_shown(page: Page, site_server):
    page.set_viewport_size(SMALL_PHONE)
    open_page(page, site_server + BRAND, voices=ENGLISH_ONLY)
    open_more(page)
    button(page, "连读").click()
    expect(page.locator("[data-care-status]")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


# --- the 无障碍说明 page ---


def test_accessibility_page_explains_every_aid_and_its_shortcut(built_site: Path):
    html = (built_site / "accessibility" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    text = re.sub(r"<[^>]+>", "", article)
    for aid in ("字号", "关怀模式", "连读", "暂停", "停止", "指读", "大鼠标", "十字光标", "重置", "键盘操作"):
        assert aid in text, aid
    # Each shortcut on the page is the one the button declares, and every declared one is there.
    # The cells' text: the typography pass keeps "Alt+Shift+1" on one line in a nowrap span.
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*</tr>", article, re.S)
    documented = {re.sub(r"<[^>]+>", "", keys).replace(" ", ""): re.sub(r"<[^>]+>", "", aid) for aid, keys in rows}
    toolbar = (REPO / "overrides" / "partials" / "care-toolbar.html").read_text(encoding="utf-8")
    declared = {
        keys.replace("Escape", "Esc"): name
        for keys, name in re.findall(r'aria-keyshortcuts="([^"]+)"[^>]*>([^<]+)</button>', toolbar)
    }
    assert len(declared) == 11
    assert set(documented) == set(declared)
    for keys, name in declared.items():
        assert name in documented[keys], (keys, name, documented[keys])
    # Public: no talk of the tools behind the site.
    assert not re.search(r"YAML|make |Markdown|localStorage|JavaScript", text)


def test_every_page_links_the_accessibility_page_from_the_toolbar(built_site: Path):
    pages = [p for p in built_site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 20
    for html_file in pages:
        html = html_file.read_text(encoding="utf-8")
        link = re.search(r'class="sc-care__help" href="([^"]+)"', html)
        assert link, html_file
        target = (html_file.parent / link.group(1)).resolve() / "index.html"
        assert target == (built_site / "accessibility" / "index.html").resolve(), html_file
