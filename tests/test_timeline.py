"""The honours timeline: grouping in the core, and the built page's order, groups and filters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.content.loader import load_catalog
from showcase.pages.timeline import LEVELS, timeline_filters, timeline_groups
from showcase.content.schema import Honour
from page_text import main_text
from tools.harness import REPO

CATALOG = load_catalog(REPO / "data")


def honour(slug: str, date: str | None, level: str = "全国", kind: str = "集体") -> Honour:
    return Honour(slug=slug, title=slug, level=level, kind=kind, recipient="r", source="s", date=date)


def test_undated_group_first_by_level_then_years_newest_first():
    honours = [
        honour("c", "2023-05-01"),
        honour("u2", None, level="全区"),
        honour("a", "2021"),
        honour("b", "2023"),
        honour("d", "2023-04"),
        honour("u3", None, level=None),
        honour("u1", None, level="全国"),
    ]
    groups = timeline_groups(honours)
    assert [g.label for g in groups] == ["近年来", "2023年", "2021年"]  # the report's own words, no guessed year
    assert [[h.slug for h in g.honours] for g in groups] == [["u1", "u2", "u3"], ["b", "d", "c"], ["a"]]
    assert groups[0].year is None and groups[0].anchor == "year-unknown"


def test_undated_honours_follow_the_order_of_levels_in_the_schema():
    """Ordered by each level's place in the schema's list, not by names written here (which may change)."""
    levels = list(LEVELS)
    honours = [honour(f"h{i}", None, level=level) for i, level in reversed(list(enumerate(levels)))]
    assert [h.level for h in timeline_groups(honours)[0].honours] == levels


def test_an_undated_honour_never_gets_a_year():
    groups = timeline_groups([honour("x", None)])
    assert [g.year for g in groups] == [None]


def test_filters_offer_only_values_that_occur():
    filters = {g.key: g.options for g in timeline_filters(CATALOG)}
    # In the schema's order; none of the honours was awarded by 贵港市. 桂平市 is never called 市级.
    assert [v for v, _ in filters["level"]] == ["全国", "全区", "桂平市"]
    assert [v for v, _ in filters["kind"]] == ["集体", "个人"]
    # The honours are the court's own and name no brand (the one that does is a nomination, no honour):
    # no row of brand chips.
    assert "brand" not in filters


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
            "党建品牌创建工作经验获得桂平市委在全市机关单位推广",
        ):
            assert title in text
        assert "全区法院党建创新案例" not in text  # a nomination, told on its brand's page, is no honour
        for person in ("唐胜伟", "李燕强", "徐魏玲"):
            assert person in text

    def test_the_undated_group_first_then_the_years(self, source: str):
        headings = re.findall(r'<h2 class="sc-year" id="([^"]+)"', source)
        assert headings == ["year-unknown", "year-2022"]
        assert ">近年来<" in source and "年份未注明" not in source and "没有给出年份" not in source
        # 近年来 is said once, by the group: no card repeats it.
        undated = source.split('aria-labelledby="year-unknown">')[1].split("</ol>")[0]
        assert re.sub(r"<[^>]+>", "", undated).count("近年来") == 0

    def test_undated_national_honours_come_first(self, source: str):
        undated = source.split('id="year-unknown"')[1].split("</ol>")[0]
        levels = re.findall(r'data-level="([^"]*)"', undated)
        ranks = [LEVELS.index(level) if level else len(LEVELS) for level in levels]
        assert levels[0] == "全国" and ranks == sorted(ranks)

    def test_entries_are_ordered_lists_the_years_in_time_elements(self, source: str):
        lists = re.findall(r'<ol class="sc-timeline" aria-labelledby="([^"]+)">(.*?)</ol>', source, re.S)
        assert [anchor for anchor, _ in lists] == ["year-unknown", "year-2022"]
        undated, dated = lists[0][1], lists[1][1]
        assert dated.count("<li") == 2 and undated.count("<li") == 7 and "<time" not in undated
        assert '<h2 class="sc-year" id="year-2022"><time datetime="2022">2022年</time></h2>' in source

    def test_each_card_reads_as_a_sentence_and_no_nomination_is_listed(self, source: str):
        entry = re.search(r'<li [^>]*id="honour-xingzheng-shenpan-xianjin"[^>]*>(.*?)</li>', source, re.S).group(0)
        entry = re.sub(r'<span class="sc-nowrap">(.*?)</span>', r"\1", entry)  # kept-together runs (typography.py)
        assert 'data-level="全区"' in entry and 'data-kind="集体"' in entry
        text = re.sub(r"<[^>]+>", "", entry)
        assert " · " not in text and "<dt>" not in entry  # no tags, no field labels
        assert "出处" not in text  # the report's section is for the editors' preview
        # A nomination is no honour: the brand page and the casebook tell it, not the honours' timeline.
        assert "honour-dangjian-chuangxin-anli" not in source and "推荐参选" not in source
        person = re.search(r'<li [^>]*id="honour-li-yanqiang"[^>]*>(.*?)</li>', source, re.S).group(1)
        assert re.sub(r"<[^>]+>", "", person).strip() == "全国李燕强获评全国法院先进个人。"

    def test_an_unknown_level_is_not_shown(self, source: str):
        entry = re.search(r'<li [^>]*id="honour-sifa-xuanchuan-xianjin"[^>]*>(.*?)</li>', source, re.S).group(0)
        assert "sc-honour__level" not in entry and "未注明" not in entry

    def test_filter_markup_is_hidden_without_javascript(self, source: str):
        panel = re.search(r"<div class=\"sc-filters\"([^>]*)>", source).group(1)
        assert "data-timeline-filters" in panel and "hidden" in panel
        chips = re.findall(r'<button type="button" class="sc-chip" data-filter="(\w+)" data-value="([^"]+)" aria-pressed="false">', source)
        assert {key for key, _ in chips} == {"level", "kind"}
        assert 'role="status" aria-live="polite"' in source
        assert re.search(r'<script src="[^"]*javascripts/timeline\.js', source)
