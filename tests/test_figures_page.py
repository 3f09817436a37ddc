"""The figures page: every chart is an inline SVG with a name, a description and a data table."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from showcase.content.loader import load_catalog
from showcase.pages.infographics import figure_charts
from tools.harness import REPO

pytestmark = pytest.mark.build
SVG = "{http://www.w3.org/2000/svg}"


def charts_of(source: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", source, re.S) if 'role="img"' in svg]


def test_each_chart_has_title_description_and_a_table(built_site: Path):
    source = (built_site / "figures/index.html").read_text(encoding="utf-8")
    charts = charts_of(source)
    assert [c.get("aria-labelledby").split()[0].removesuffix("-title") for c in charts] == [
        "chart-judicial-counts",
        "chart-judicial-rates",
        "chart-activity-counts",
    ]
    # Each table is folded under (or, on wide screens, beside) its chart.
    assert source.count("<details class=\"sc-chart-table\" data-chart-table>") == len(charts)
    for chart in charts:
        ids = chart.get("aria-labelledby").split()
        title = chart.find(f"{SVG}title")
        desc = chart.find(f"{SVG}desc")
        assert [title.get("id"), desc.get("id")] == ids
        assert title.text and desc.text
    # Every figure is in a description and in a table, as text.
    for figure in ("13756件", "12004件", "87.26%", "90.65%", "2.53%", "0.08%", "21次", "20多次", "3次"):
        assert any(figure in (c.find(f"{SVG}desc").text or "") for c in charts), figure
        assert re.search(rf"<td>(?:<span class=\"sc-nowrap\">)?{re.escape(figure)}(?:</span>)?</td>", source), figure
    # A figure with no other of its unit is a number on the page, not a one-bar chart.
    for figure in ("4期", "6名"):
        assert re.search(rf'sc-figures__value">(?:<span class="sc-nowrap">)?{figure}', source), figure
    assert source.count("<caption>") == len(charts)


def test_no_chart_counts_the_honours():
    """The report lists its honours with 等 and a nomination is no honour: no chart totals them."""
    catalog = load_catalog(REPO / "data")
    assert "honours" not in [section.anchor for section in figure_charts(catalog)]


def test_a_running_total_is_no_figure_of_a_year():
    """“浔法讲堂”已举办8期 counts every session up to the report: it is not a 2023 figure."""
    catalog = load_catalog(REPO / "data")
    activity = next(section for section in figure_charts(catalog) if section.anchor == "activity")
    assert all("8期" not in str(chart.table) for chart in activity.charts)
    assert all(figure.display != "8期" for figure in activity.single)


def test_one_chart_holds_one_unit_and_the_note_follows_the_figures(built_site: Path):
    catalog = load_catalog(REPO / "data")
    for section in figure_charts(catalog):
        for chart in section.charts:
            units = set(re.findall(r"<td>(?:<span class=\"sc-nowrap\">)?[\d.]+多?(\D+?)(?:</span>)?</td>", str(chart.table)))
            assert len(units) == 1, (chart.anchor, units)
    source = (built_site / "figures/index.html").read_text(encoding="utf-8")
    note = source.index("各项指标均运行在合理区间")
    assert source.index('id="judicial-rates"') < note < source.index('id="activity"')
