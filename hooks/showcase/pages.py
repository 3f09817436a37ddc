"""Page models: which pages the data gives, where they live, and the nav that lists them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .catalog import Catalog
from .infographics import figure_charts, tracking_charts
from .schema import Brand, BrandCase, Project
from .timeline import timeline_filters, timeline_groups
from .typography import joined_name
from .tracking import STALE_AFTER_DAYS, dashboard, recent_quarters

HOME = "index.md"
MATRIX = "matrix.md"
TIMELINE = "honours.md"
FIGURES = "figures.md"
CASEBOOK = "casebook.md"
TRACKING = "tracking.md"
NAV_LIMIT = 30
COMPARE = "compare.md"
# Landing pages (home, matrix) show no nav or contents column on desktop: the hero and grid span the page.
LANDING = ("navigation", "toc")


@dataclass(frozen=True)
class PageModel:
    """One generated page: its source path, the template that renders it, and its data."""

    src_uri: str
    title: str
    description: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    hide: tuple[str, ...] = ()  # parts of Material's layout to hide, e.g. ("navigation", "toc")
    scripts: tuple[str, ...] = ()  # scripts under docs/ that only this page needs (overrides/main.html)


def brand_uri(item: BrandCase) -> str:
    folder = "projects" if isinstance(item, Project) else "brands"
    return f"{folder}/{item.slug}.md"


def tier_of(catalog: Catalog, item: BrandCase) -> str:
    if isinstance(item, Project):
        return "法庭项目"
    return "总品牌" if item is catalog.master else "子品牌"


def build_pages(catalog: Catalog, *, tracking_as_of: dt.date | None = None) -> list[PageModel]:
    """Every page the data gives: home, matrix, one per brand and tribunal project, and so on.

    ``tracking_as_of`` adds the tracking dashboard, judged as of that day (editors' preview only).
    """
    site = catalog.site
    pages = [
        PageModel(HOME, f"{site.court.name}{site.court.party_committee}党建品牌", _home_description(catalog), "home.html",
                  hide=LANDING),
        PageModel(
            MATRIX,
            "品牌矩阵",
            f"{catalog.master.name} 品牌矩阵：1 个总品牌、{len(catalog.sub_brands)} 个子品牌、"
            f"{len(catalog.projects)} 个法庭特色项目。",
            "matrix.html",
            hide=LANDING,
        ),
    ]
    pages.append(
        PageModel(
            TIMELINE,
            "荣誉时间轴",
            f"{site.court.name}及其党支部、干警获得的 {len(catalog.honours)} 项荣誉、入选与推荐，按年份排列。",
            "timeline.html",
            {"groups": timeline_groups(catalog.honours), "filters": timeline_filters(catalog)},
            scripts=("javascripts/timeline.js",),
        )
    )
    pages.append(
        PageModel(
            FIGURES,
            "数字图表",
            f"{site.figures.title}、党建活动数字和荣誉统计的图表，每张图附有数据表。",
            "figures.html",
            {"sections": figure_charts(catalog)},
        )
    )
    every_case = [catalog.master, *catalog.sub_brands, *catalog.projects]
    pages.append(
        PageModel(
            CASEBOOK,
            "案例汇编",
            f"{site.court.name}全部 {len(every_case)} 个党建品牌案例，按名称、标识、内涵、做法、成效、案例、荣誉汇编，可打印。",
            "casebook.html",
            {"items": every_case, "credit_source": any(item.from_report for item in every_case)},
        )
    )
    pages.append(
        PageModel(
            COMPARE,
            "品牌对比",
            f"{site.court.name}各党建品牌和法庭特色项目并排对比。",
            "compare.html",
            {"items": every_case, "credit_source": any(item.from_report for item in every_case)},
            hide=("navigation", "toc"),  # the table needs the full width
        )
    )
    if tracking_as_of is not None:
        pages.append(
            PageModel(
                TRACKING,
                "品牌跟踪问效",
                "各品牌案例的完整度、每季度活动和最近更新，供媒体团队和机关党委跟踪问效。",
                "tracking.html",
                _tracking_context(catalog, tracking_as_of),
                hide=("navigation", "toc"),  # the overview table needs the full width
            )
        )
    for item in every_case:
        pages.append(
            PageModel(
                brand_uri(item),
                item.name,
                item.summary or f"{site.court.name}党建品牌：{item.name}",
                "brand.html",
                {"item": item, "credit_source": item.from_report},
            )
        )
    return pages


def _tracking_context(catalog: Catalog, as_of: dt.date) -> dict[str, Any]:
    rows = dashboard(catalog, as_of)
    quarters = recent_quarters(as_of)
    scores, activity = tracking_charts(rows, quarters)
    return {"rows": rows, "as_of": as_of, "quarters": quarters, "stale_days": STALE_AFTER_DAYS,
            "completeness_chart": scores, "activity_chart": activity}


def build_nav(catalog: Catalog, *, with_tracking: bool = False) -> list[dict[str, Any]]:
    """The generated part of the nav, in MkDocs' nav format, ordered as in the data."""
    tracking = [{"品牌跟踪问效": TRACKING}] if with_tracking else []
    sub_brands = [{_nav_label(b, b.name): brand_uri(b)} for b in catalog.sub_brands]
    # A project breaks before its 【】 if it must, never inside its name.
    projects = [{_nav_label(p, f"{p.tribunal}【{joined_name(p.name)}】"): brand_uri(p)} for p in catalog.projects]
    return [
        {"首页": HOME},
        {"品牌矩阵": MATRIX},
        {"总品牌": brand_uri(catalog.master)},
        # MkDocs prints the whole nav on every page: a long list would make the build quadratic.
        # Past NAV_LIMIT entries a section is left out, and the matrix page lists them instead.
        *([{"子品牌": sub_brands}] if len(sub_brands) <= NAV_LIMIT else []),
        *([{"法庭特色项目": projects}] if len(projects) <= NAV_LIMIT else []),
        {"荣誉时间轴": TIMELINE},
        {"数字图表": FIGURES},
        {"审阅专区": [{"案例汇编": CASEBOOK}, {"品牌对比": COMPARE}]},
        *tracking,
    ]


def _nav_label(item: BrandCase, label: str) -> str:
    return f"{label}（草稿）" if item.draft else label


def _home_description(catalog: Catalog) -> str:
    return f"{catalog.site.court.name}机关党委党建品牌“{catalog.master.name}”展示：品牌矩阵、子品牌、法庭特色项目与荣誉。"


def parent_of(catalog: Catalog, item: BrandCase) -> Brand | None:
    parent = getattr(item, "parent", None)
    found = catalog.find(parent) if parent else None
    return found if isinstance(found, Brand) else None


def unbreakable_names(catalog: Catalog) -> tuple[str, ...]:
    """Names that must never break across lines: every brand, project and tribunal."""
    names = [catalog.site.court.name]
    for item in (catalog.master, *catalog.sub_brands, *catalog.projects):
        names.append(item.name)
        if isinstance(item, Project):
            names.append(item.tribunal)
    return tuple(dict.fromkeys(names))
