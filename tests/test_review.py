"""Pages for reviewers from higher courts: the casebook, the comparison table, and print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.pages.compare import compare_context
from showcase.content.loader import load_catalog
from showcase.pages.models import case_facts
from page_text import main_text
from tools.harness import REPO

CATALOG = load_catalog(REPO / "data")
CASES = CATALOG.all_cases


def compare_of(catalog):
    """The comparison page's context, from the page facts of every case (as build_pages makes it)."""
    return compare_context(list(case_facts(catalog).values()))


FULL = ["fayao-xunzhou", "xunzhou-fengqiao"]  # the cases the report gives more than a name
NAMED = ["hongxin-xiangdang", "zhongcheng-jinghun", "farun-minsheng", "sufu-xianfeng", "lijian-minan",
         "jintian", "mule", "madong"]


@pytest.mark.build
def test_casebook_opens_with_court_brand_and_date_then_full_cases_then_the_named_ones(built_site: Path):
    source = (built_site / "casebook/index.html").read_text(encoding="utf-8")
    plain = re.sub(r'<span class="sc-nowrap">(.*?)</span>', r"\1", source)
    # The opening names the court, the brand and the date of the source, before anything else.
    opening = re.search(r'<div class="sc-casebook-opening">(.*?)</div>', plain, re.S).group(1)
    for part in (CATALOG.site.court.name, CATALOG.master.name, "2023年12月27日", "<h1"):
        assert part in opening, part
    # The lead names only the parts the full cases hold: no 标识 and no 案例 (the source has none).
    lead = re.search(r'<p class="sc-lead">(.*?)</p>', plain).group(1)
    assert "名称、内涵、做法、成效、推荐参选" in lead and "标识" not in lead and "案例编排" not in lead
    # Cases with content come first, in full, numbered; the others once, together, at the end.
    assert re.findall(r'<h2 id="case-([a-z0-9-]+)">', source) == [*FULL, "others"]
    assert source.count('<div class="sc-case">') == len(FULL)
    fengqiao = source.split('id="case-xunzhou-fengqiao"')[1].split('<div class="sc-case')[0]
    headings = re.findall(r"<h3 [^>]*>(.*?)</h3>", fengqiao)
    assert headings == ["名称", "内涵", "做法", "成效", "推荐参选"]  # 标识 and 案例: not in the source; a nomination is no 荣誉
    assert "人民法庭党支部" in fengqiao and "被推荐参选" in fengqiao
    named = plain.split('id="case-others"')[1]
    assert re.findall(r'class="sc-name-groups__name" id="case-([a-z0-9-]+)"', named) == NAMED
    assert named.count("人民法庭党支部") == 1  # the projects' shared branch, named once
    assert "本页按审阅的结构" not in source and "来源没有提供" not in source


@pytest.mark.build
def test_casebook_contents_reach_each_case_in_one_tap(built_site: Path):
    source = (built_site / "casebook/index.html").read_text(encoding="utf-8")
    toc = re.search(r'<nav aria-label="案例目录" class="sc-casebook-toc">(.*?)</nav>', source, re.S).group(1)
    targets = re.findall(r'<a href="#([^"]+)">', toc)
    assert targets == [f"case-{slug}" for slug in FULL] + ["case-others"]
    for target in targets:
        assert f'id="{target}"' in source


def test_comparison_has_a_column_only_where_two_cases_have_a_value():
    context = compare_of(CATALOG)
    headers, rows, others = context["headers"], context["rows"], context["others"]
    assert headers == ["内涵", "做法", "成效"]
    for index, header in enumerate(headers):
        assert sum(bool(row.cells[index]) for row in rows) >= 2, header
    # A case with nothing to compare (its branch alone says who it is, not what it did) is no row.
    assert [row.item.slug for row in rows] == FULL
    assert all(all(row.cells) for row in rows)  # no dashes at all in this table
    assert [row.item.slug for row in others] == NAMED
    assert [(group.tier, len(group.cases)) for group in context["other_groups"]] == [("子品牌", 5), ("特色党建项目", 3)]
    # The nomination is no honour, and 特色党建项目 is filled for one case only: neither is a column.
    assert not {"荣誉", "特色党建项目", "口号", "标识", "典型案例", "创建党支部"} & set(headers)


def test_counted_honours_of_two_brands_make_a_honours_column():
    from dataclasses import replace

    counted = [h for h in CATALOG.honours if not h.is_nomination]
    honours = [counted[0].model_copy(update={"brand": "fayao-xunzhou"}),
               counted[1].model_copy(update={"brand": "xunzhou-fengqiao"})]
    context = compare_of(replace(CATALOG, honours=honours))
    index = context["headers"].index("荣誉")
    assert [row.cells[index] for row in context["rows"]] == ["1项", "1项"]
    # One brand's honour alone compares with nothing: no column.
    assert "荣誉" not in compare_of(replace(CATALOG, honours=honours[:1]))["headers"]


def test_a_single_case_with_content_makes_no_table():
    from dataclasses import replace

    bare = [item.model_copy(update={"meaning": None, "practices": [], "results": []})
            if item.slug == "xunzhou-fengqiao" else item for item in CATALOG.sub_brands]
    context = compare_of(replace(CATALOG, sub_brands=bare, honours=[]))
    assert context["rows"] == [] and context["headers"] == []
    assert len(context["others"]) == len(CASES)


@pytest.mark.build
def test_comparison_page_shows_the_rows_and_the_other_cases(built_site: Path):
    source = (built_site / "compare/index.html").read_text(encoding="utf-8")
    # The table, after the hint that it scrolls sideways on a phone.
    table = re.search(r'<div class="sc-compare">.*?<table>(.*?)</table>', source, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    context = compare_of(CATALOG)
    assert len(rows) == len(context["rows"]) and "—" not in table
    first = re.findall(r"<td>(.*?)</td>", rows[0], re.S)
    assert CATALOG.master.name in first[0] and first[1] == "总品牌"
    text = main_text(built_site / "compare/index.html")
    assert "来源没有提供" not in text
    others = text.split("品牌矩阵中的其他品牌：")[1]
    for group in context["other_groups"]:
        assert group.tier in others
    for row in context["others"]:
        assert row.item.full_name in others and text.count(row.item.full_name) == 1


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
    # Links (the contents and the brand names) print as plain black text: no underline on paper.
    links = page.eval_on_selector_all(
        ".md-typeset a[href*='brands/']",
        "els => els.map(e => [getComputedStyle(e).textDecorationLine, getComputedStyle(e).color])",
    )
    assert links and all(link == ["none", "rgb(0, 0, 0)"] for link in links), links
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    (tmp_path / "casebook.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 < pages < 17  # a page for every case printed 17 pages, 8 of them nearly empty
    # A4 is 595 x 842 points.
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45]\.?\d* 84[12]", pdf)
