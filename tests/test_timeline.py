"""The honours timeline: grouping in the core, and the built page's order, groups and filters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.content.loader import load_catalog
from showcase.pages.timeline import timeline_filters, timeline_groups
from showcase.content.schema import Honour
from support import REPO, main_text

CATALOG = load_catalog(REPO / "data")


def honour(slug: str, date: str | None, level: str = "全国", kind: str = "集体") -> Honour:
    return Honour(slug=slug, title=slug, level=level, kind=kind, recipient="r", source="s", date=date)


def test_groups_by_year_in_date_order_with_undated_last():
    honours = [
        honour("c", "2023-05-01"),
        honour("u2", None, level="全区"),
        honour("a", "2021"),
        honour("b", "2023"),
        honour("d", "2023-04"),
        honour("u1", None, level="全国"),
    ]
    groups = timeline_groups(honours)
    assert [g.label for g in groups] == ["2021年", "2023年", "近年来"]  # the report's own words, no guessed year
    assert [[h.slug for h in g.honours] for g in groups] == [["a"], ["b", "d", "c"], ["u1", "u2"]]
    assert groups[-1].year is None and groups[-1].anchor == "year-unknown"


def test_an_undated_honour_never_gets_a_year():
    groups = timeline_groups([honour("x", None)])
    assert [g.year for g in groups] == [None]


def test_filters_offer_only_values_that_occur():
    filters = {g.key: g.options for g in timeline_filters(CATALOG)}
    # In the schema's order; none of the honours was awarded by 贵港市. 桂平市 is never called 市级.
    assert [v for v, _ in filters["level"]] == ["全国", "全区", "桂平市"]
    assert [v for v, _ in filters["kind"]] == ["集体", "个人"]
    assert ("xunzhou-fengqiao", "党旗引领·浔州枫桥") in filters["brand"]
    # Most honours are the court's own and name no brand: they get no chip of their own.
    assert [v for v, _ in filters["brand"]] == ["xunzhou-fengqiao"]


@pytest.fixture(scope="module")
def source(built_site: Path) -> str:
    return (built_site / "honours/index.html").read_text(encoding="utf-8")


@pytest.mark.build
class TestTimelinePage:
    def test_every_honour_of_the_source_is_listed(self, built_site: Path):
        text = main_text(built_site / "honours/index.html")
        for title in (
            "全国“节约型机关”",
            "人民法院司法审判宣传工作先进集体",
            "全区法院行政审判工作先进集体",
            "全国法院办案标兵",
            "全国法院先进个人",
            "全区优秀法官",
            "桂平市第一批“模范机关”",
            "桂平市“清廉机关”建设11个重点培养点之一",
            "全区法院党建创新案例（代表贵港法院）",
            "党建品牌创建工作经验获得桂平市委在全市机关单位推广",
        ):
            assert title in text
        for person in ("唐胜伟", "李燕强", "徐魏玲"):
            assert person in text

    def test_years_in_order_with_the_undated_group_last(self, source: str):
        headings = re.findall(r'<h2 class="sc-year" id="([^"]+)"', source)
        assert headings == ["year-2022", "year-unknown"]
        assert ">近年来<" in source and "年份未注明" not in source and "没有给出年份" not in source

    def test_entries_are_ordered_lists_with_time_elements(self, source: str):
        lists = re.findall(r'<ol class="sc-timeline" aria-labelledby="([^"]+)">(.*?)</ol>', source, re.S)
        assert [anchor for anchor, _ in lists] == ["year-2022", "year-unknown"]
        dated, undated = lists[0][1], lists[1][1]
        assert dated.count("<li") == 2 and dated.count('<time datetime="2022">2022年</time>') == 2
        assert undated.count("<li") == 8 and "<time" not in undated

    def test_each_entry_shows_its_facts_and_links_its_brand(self, source: str):
        entry = re.search(r'<li [^>]*id="honour-dangjian-chuangxin-anli"[^>]*>(.*?)</li>', source, re.S).group(0)
        entry = re.sub(r'<span class="sc-nowrap">(.*?)</span>', r"\1", entry)  # kept-together runs (typography.py)
        assert 'data-level="全区"' in entry and 'data-kind="集体"' in entry and 'data-brand="xunzhou-fengqiao"' in entry
        for label in ("推荐对象", "级别", "类别", "所属品牌", "所属支部"):
            assert f"<dt>{label}</dt>" in entry
        assert "<dt>出处</dt>" not in entry  # the report's section is for the editors' preview
        assert '<a href="../brands/xunzhou-fengqiao/">党旗引领·浔州枫桥</a>' in entry
        # The status once, as a label; no commentary about what it is not.
        assert entry.count("推荐参选") == 1 and '<span class="sc-honour__status">推荐参选</span>' in entry
        assert "不是获奖" not in entry

    def test_an_unknown_level_is_not_shown(self, source: str):
        entry = re.search(r'<li [^>]*id="honour-sifa-xuanchuan-xianjin"[^>]*>(.*?)</li>', source, re.S).group(0)
        assert "<dt>级别</dt>" not in entry and "未注明" not in entry

    def test_filter_markup_is_hidden_without_javascript(self, source: str):
        panel = re.search(r"<div class=\"sc-filters\"([^>]*)>", source).group(1)
        assert "data-timeline-filters" in panel and "hidden" in panel
        chips = re.findall(r'<button type="button" class="sc-chip" data-filter="(\w+)" data-value="([^"]+)" aria-pressed="false">', source)
        assert {key for key, _ in chips} == {"level", "kind", "brand"}
        assert 'role="status" aria-live="polite"' in source
        assert re.search(r'<script src="[^"]*javascripts/timeline\.js', source)
