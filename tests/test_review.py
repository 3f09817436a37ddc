"""Pages for reviewers from higher courts: the casebook, the comparison table, and print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.loader import load_catalog
from support import REPO, main_text

CATALOG = load_catalog(REPO / "data")
CASES = CATALOG.all_cases


@pytest.mark.build
def test_casebook_gathers_every_case_in_order_and_structure(built_site: Path):
    source = (built_site / "casebook/index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<h2 id="case-([a-z0-9-]+)">', source)
    assert anchors == [item.slug for item in CASES]
    assert source.count('<div class="sc-case">') == len(CASES)
    fengqiao = source.split('id="case-xunzhou-fengqiao"')[1].split('<div class="sc-case">')[0]
    headings = re.findall(r"<h3 [^>]*>(.*?)</h3>", fengqiao)
    assert headings == ["名称", "内涵", "做法", "成效", "荣誉"]  # 标识 and 案例: not in the source
    assert "人民法庭党支部" in fengqiao and "（推荐参选）" in fengqiao


@pytest.mark.build
def test_comparison_table_has_a_row_per_case(built_site: Path):
    source = (built_site / "compare/index.html").read_text(encoding="utf-8")
    # The table, after the hint that it scrolls sideways on a phone.
    table = re.search(r'<div class="sc-compare">.*?<table>(.*?)</table>', source, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert len(rows) == len(CASES)
    first = re.findall(r"<td>(.*?)</td>", rows[0], re.S)
    assert CATALOG.master.name in first[0] and first[1] == "总品牌"
    text = main_text(built_site / "compare/index.html")
    assert "人民法庭党支部" in text


@pytest.mark.browser
def test_printed_casebook_is_a4_with_no_navigation_and_short_cases_sharing_pages(page, site_server, tmp_path):
    page.goto(site_server + "casebook/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".sc-care"):
        locator = page.locator(hidden)
        assert locator.count() == 0 or not locator.first.is_visible(), hidden
    family = page.eval_on_selector(".md-typeset", "e => getComputedStyle(e).fontFamily")
    assert "FangSong" in family
    # Links (the honours link to the timeline) print as plain black text: no underline on paper.
    links = page.eval_on_selector_all(
        ".md-typeset a[href*='honours/#honour-']",
        "els => els.map(e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).color])",
    )
    assert links and all(link == ["none", "rgb(0, 0, 0)"] for link in links), links
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    (tmp_path / "casebook.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 < pages < 17  # a page for every case printed 17 pages, 8 of them nearly empty
    # A4 is 595 x 842 points.
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45]\.?\d* 84[12]", pdf)
