"""Pages for reviewers from higher courts: the casebook, the comparison table, and print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.pages.compare import compare_context
from showcase.content.loader import load_catalog
from showcase.pages.models import case_facts
from support import REPO, main_text

CATALOG = load_catalog(REPO / "data")
CASES = CATALOG.all_cases


def compare_of(catalog):
    """The comparison page's context, from the page facts of every case (as build_pages makes it)."""
    return compare_context(list(case_facts(catalog).values()))


@pytest.mark.build
def test_casebook_gathers_every_case_in_order_and_structure(built_site: Path):
    source = (built_site / "casebook/index.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<h2 id="case-([a-z0-9-]+)">', source)
    assert anchors == [item.slug for item in CASES]
    assert source.count('<div class="sc-case">') == len(CASES)
    fengqiao = source.split('id="case-xunzhou-fengqiao"')[1].split('<div class="sc-case">')[0]
    headings = re.findall(r"<h3 [^>]*>(.*?)</h3>", fengqiao)
    assert headings == ["名称", "内涵", "做法", "成效", "推荐参选"]  # 标识 and 案例: not in the source; a nomination is no 荣誉
    assert "人民法庭党支部" in fengqiao and "（推荐参选）" in fengqiao
    assert "本页按审阅的结构" not in source and "来源没有提供" not in source


def test_comparison_leaves_out_empty_columns_and_lists_empty_cases_once():
    context = compare_of(CATALOG)
    headers, rows, others = context["headers"], context["rows"], context["others"]
    # Every column shown has a value for some case; none of the report's cases has a slogan, logo or case.
    assert all(any(row.cells[i] for row in rows) for i in range(len(headers)))
    assert not {"口号", "标识", "典型案例"} & set(headers)
    # The nomination is no honour: 党旗引领·浔州枫桥 has no honour to count, so there is no 荣誉 column.
    assert "荣誉" not in headers
    # A case with nothing to compare is listed once, by name and tier, and is not a row of dashes.
    shown = [row.item.slug for row in rows] + [row.item.slug for row in others]
    assert sorted(shown) == sorted(item.slug for item in CASES) and len(shown) == len(set(shown))
    assert {row.item.slug for row in others} == {"hongxin-xiangdang", "zhongcheng-jinghun", "farun-minsheng",
                                                 "sufu-xianfeng", "lijian-minan"}
    assert all(any(row.cells) for row in rows)


def test_a_counted_honour_of_a_brand_makes_a_honours_column():
    from dataclasses import replace

    honour = next(h for h in CATALOG.honours if not h.is_nomination).model_copy(update={"brand": "fayao-xunzhou"})
    context = compare_of(replace(CATALOG, honours=[honour]))
    index = context["headers"].index("荣誉")
    assert context["rows"][0].cells[index] == "1项"


@pytest.mark.build
def test_comparison_page_shows_the_rows_and_the_other_cases(built_site: Path):
    source = (built_site / "compare/index.html").read_text(encoding="utf-8")
    # The table, after the hint that it scrolls sideways on a phone.
    table = re.search(r'<div class="sc-compare">.*?<table>(.*?)</table>', source, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    context = compare_of(CATALOG)
    assert len(rows) == len(context["rows"])
    first = re.findall(r"<td>(.*?)</td>", rows[0], re.S)
    assert CATALOG.master.name in first[0] and first[1] == "总品牌"
    text = main_text(built_site / "compare/index.html")
    assert "人民法庭党支部" in text and "来源没有提供" not in text
    others = text.split("品牌矩阵中的其他品牌：")[1]
    for row in context["others"]:
        assert f"{row.item.full_name}（子品牌）" in others and text.count(row.item.full_name) == 1


@pytest.mark.browser
def test_printed_comparison_is_a4_landscape(page, site_server):
    page.goto(site_server + "compare/")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    # Every page A4 landscape (842 x 595 points): no blank portrait page before the table.
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    assert boxes and all(float(w) > 840 and float(h) < 597 for w, h in boxes), boxes
    # The text width of that page (842 pt less 2 x 18 mm margins, in CSS pixels): the table fits it.
    page.set_viewport_size({"width": round((842 - 2 * 18 / 25.4 * 72) * 96 / 72), "height": 800})
    right_edges = page.evaluate(
        "() => { const t = document.querySelector('.sc-compare table');"
        " const cells = [...t.querySelectorAll('th, td')].map(c => c.getBoundingClientRect().right);"
        " return [Math.max(...cells), document.querySelector('.md-content__inner').getBoundingClientRect().right]; }"
    )
    assert right_edges[0] <= right_edges[1] + 1, right_edges


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
