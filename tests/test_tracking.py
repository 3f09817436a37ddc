"""品牌跟踪问效: completeness scores and staleness flags, computed from the data alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from showcase.content.catalog import Catalog

from showcase.content.loader import load_catalog
from showcase.content.schema import Activity, Brand, Figure, Honour, Image, Practice, Result, Site
from showcase.pages.tracking import (
    PAGE_FIELDS, completeness, dashboard, is_stale, name_only, period_end, quarter_of, recent_quarters, yearly_figures,
)
from page_text import main_text
from tools.harness import REPO, copy_project, run_build

SITE = load_catalog(REPO / "data").site


def activity(date: str, value: int = 1, label: str = "党课") -> Activity:
    return Activity(date=date, kind="党课", title="t", figures=[Figure(label=label, value=value, unit="次")])


def fixture_catalog(**activities: list[Activity]) -> Catalog:
    master = Brand(slug="m", name="总", meaning="内涵", practices=[Practice(title="做法")], results=[Result(text="成效")])
    bare = Brand(slug="bare", name="空", parent="m")
    full = Brand(
        slug="full", name="全", parent="m", slogan="口号", branch="某支部", logo=Image(src="images/a.png", alt="标识"),
        meaning="内涵", background="背景", practices=[Practice(title="做法")], results=[Result(text="成效")],
        cases=[], images=[Image(src="images/b.png", alt="图")],
    )
    honour = Honour(slug="h", title="荣誉", level="全国", kind="集体", recipient="r", source="s", brand="full")
    return Catalog(site=SITE, master=master, sub_brands=[bare, full], projects=[], honours=[honour], activities=activities)


def test_completeness_scores_come_from_the_data():
    catalog = fixture_catalog()
    bare, full = catalog.sub_brands
    assert completeness(catalog, bare).marks == {"有名称": True, "有标识": False, "有内涵": False, "有载体": False, "有影响": False}
    assert completeness(catalog, bare).score == round(100 * 2 / 16)  # 有名称 and the name field
    full_score = completeness(catalog, full)
    assert all(full_score.marks.values()) and full_score.missing == ["案例"]
    assert full_score.score == round(100 * 15 / 16)
    master = completeness(catalog, catalog.master)
    assert master.marks["有影响"] and not master.marks["有标识"]



def test_brands_known_only_by_name_are_listed_with_the_fields_that_would_give_them_a_page():
    catalog = fixture_catalog()
    assert [item.slug for item in name_only(catalog)] == ["bare"]  # the master and "full" have content
    assert [field for field, _form in PAGE_FIELDS.values()] == ["品牌内涵", "创建党支部", "主要做法", "活动记录", "相关新闻"]
    # An activity record is enough to make it more than a name.
    assert name_only(fixture_catalog(bare=[activity("2024-01")])) == []


def test_the_real_data_knows_five_sub_brands_only_by_name():
    catalog = load_catalog(REPO / "data")
    assert {item.name for item in name_only(catalog)} == {
        "红心向党·护航浔法", "忠诚警魂·护航天平", "党耀天平·法润民生", "天平向党·诉服先锋", "党旗映天平·利剑护民安",
    }

@pytest.mark.parametrize(
    ("date", "end"),
    [("2023", dt.date(2023, 12, 31)), ("2023-02", dt.date(2023, 2, 28)), ("2024-02", dt.date(2024, 2, 29)),
     ("2023-12", dt.date(2023, 12, 31)), ("2023-05-04", dt.date(2023, 5, 4))],
)
def test_a_partial_date_lasts_to_the_end_of_its_period(date, end):
    assert period_end(date) == end


def test_stale_after_90_days_without_activity():
    records = [activity("2023-05-04"), activity("2023-03")]
    assert not is_stale(records, dt.date(2023, 8, 2))  # 90 days after 2023-05-04
    assert is_stale(records, dt.date(2023, 8, 3))
    assert is_stale([], dt.date(2023, 1, 1))  # never active
    assert not is_stale([activity("2023")], dt.date(2024, 3, 30))  # a year total counts to 31 December


def test_quarters_are_never_guessed_for_year_totals():
    assert quarter_of("2023") is None
    assert quarter_of("2023-05") == "2023年第2季度" and quarter_of("2023-12-27") == "2023年第4季度"
    assert recent_quarters(dt.date(2024, 2, 1)) == ["2023年第2季度", "2023年第3季度", "2023年第4季度", "2024年第1季度"]


def test_dashboard_rows_count_and_flag():
    catalog = fixture_catalog(full=[activity("2024-01-15"), activity("2023-11"), activity("2023")], bare=[])
    rows = {row.item.slug: row for row in dashboard(catalog, dt.date(2024, 2, 1))}
    assert rows["full"].per_quarter == {"2023年第2季度": 0, "2023年第3季度": 0, "2023年第4季度": 1, "2024年第1季度": 1}
    assert rows["full"].undated_in_quarter == 1 and rows["full"].last_activity == "2024-01-15"
    assert not rows["full"].stale and rows["bare"].stale and rows["bare"].last_activity is None


def test_figures_over_time_sum_within_a_year():
    years, rows = yearly_figures([activity("2023-01", 2), activity("2023-05", 3), activity("2024", 4), activity("2024", 1, "普法")])
    assert years == [2023, 2024]
    assert rows == [("党课", ["5次", "4次"]), ("普法", ["—", "1次"])]


def test_the_sources_activity_totals_are_recorded_on_the_master_brand():
    catalog = load_catalog(REPO / "data")
    years, rows = yearly_figures(catalog.activities_of("fayao-xunzhou"))
    assert years == [2023]
    assert dict(rows) == {
        "党课": ["21次"], "“双报到”活动": ["4期"], "普法活动": ["20多次"], "参观红色教育基地": ["3次"],
        "获得晋级晋升或提拔任用的青年优秀干警": ["6名"],  # what they got, not only who they are
    }  # not “浔法讲堂” 8期: a running total up to the report, not a figure of 2023


@pytest.mark.build
def test_an_added_record_updates_brand_page_and_dashboard(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "project")
    (project / "data/activities/jintian.yml").write_text(
        "brand: jintian\nrecords:\n  - date: \"2026-10-20\"\n    kind: 调解\n    title: 测试调解活动\n"
        "    figures:\n      - label: 调解案件\n        value: 5\n        unit: 件\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SHOWCASE_PREVIEW", "true")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc).timestamp())))
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    assert "测试调解活动" in main_text(site / "projects/jintian/index.html")
    board = main_text(site / "tracking/index.html")
    assert "判断日期：2026年11月27日" in board
    row = next(line for line in board.split("金田法庭【温情调解和美家事】")[1:2])
    assert "2026年10月20日" in row  # the site's one date form
    assert board.count("超过 90 天没有活动") == 9  # every brand but 金田 (2023's records are long past)

    monkeypatch.delenv("SHOWCASE_PREVIEW")
    public = tmp_path / "public"
    assert run_build(project, public).returncode == 0
    assert not (public / "tracking").exists()
    assert 'href="tracking/"' not in (public / "index.html").read_text(encoding="utf-8")  # no nav entry
