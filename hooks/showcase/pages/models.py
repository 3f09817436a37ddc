"""Page models: which pages the data gives, where they live, and the nav that lists them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from showcase.content.catalog import Catalog
from showcase.pages.compare import compare_context, tier_groups
from showcase.pages.infographics import figure_charts
from showcase.content.schema import Activity, Brand, BrandCase, Honour, Project
from showcase.pages.timeline import timeline_filters, timeline_groups
from showcase.pages.tracking import (
    PAGE_FIELDS, STALE_AFTER_DAYS, dashboard, name_only, recent_quarters, tracking_charts, yearly_figures,
)


@dataclass(frozen=True)
class PagePaths:
    """Where the generated pages live, as source paths under docs/; templates link to them by these names."""

    home: str = "index.md"
    matrix: str = "matrix.md"
    timeline: str = "honours.md"
    figures: str = "figures.md"
    casebook: str = "casebook.md"
    compare: str = "compare.md"
    tracking: str = "tracking.md"


PATHS = PagePaths()
HOME, MATRIX, TIMELINE, FIGURES = PATHS.home, PATHS.matrix, PATHS.timeline, PATHS.figures
CASEBOOK, COMPARE, TRACKING = PATHS.casebook, PATHS.compare, PATHS.tracking
NAV_LIMIT = 30
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


@dataclass(frozen=True)
class CaseFacts:
    """One brand case with what the catalogue knows around it: all that its page, card or table row shows."""

    item: BrandCase
    tier: str
    parent: Brand | None
    projects: list[CaseFacts]
    honours: list[Honour]
    activities: list[Activity]
    is_master: bool

    @property
    def has_content(self) -> bool:
        """More than a name: something the casebook sets out in full (its name block aside)."""
        item = self.item
        return bool(item.logo or item.meaning or item.background or item.practices or item.results
                    or item.cases or item.images or self.honours)

    @property
    def figures_by_year(self) -> tuple[list[int], list[tuple[str, list[str]]]]:
        return yearly_figures(self.activities)


def case_facts(catalog: Catalog) -> dict[str, CaseFacts]:
    """The facts of every case, by slug; a brand's projects come with their own facts."""
    facts: dict[str, CaseFacts] = {}
    for item in [*catalog.projects, *catalog.sub_brands, catalog.master]:  # projects first: brands list them
        facts[item.slug] = CaseFacts(
            item=item,
            tier=catalog.tier_of(item),
            parent=catalog.parent_of(item),
            projects=[facts[p.slug] for p in catalog.projects_of(item)] if isinstance(item, Brand) else [],
            honours=catalog.honours_of(item.slug),
            activities=catalog.activities_of(item.slug),
            is_master=item is catalog.master,
        )
    return {item.slug: facts[item.slug] for item in catalog.all_cases}


def brand_uri(item: BrandCase) -> str:
    folder = "projects" if isinstance(item, Project) else "brands"
    return f"{folder}/{item.slug}.md"


def build_pages(catalog: Catalog, *, tracking_as_of: dt.date | None = None) -> list[PageModel]:
    """Every page the data gives: home, matrix, one per brand and tribunal project, and so on.

    Each page's context holds everything its template shows. ``tracking_as_of`` adds the
    tracking dashboard, judged as of that day (editors' preview only).
    """
    facts = case_facts(catalog)
    matrix = {"master": facts[catalog.master.slug], "sub_brands": [facts[b.slug] for b in catalog.sub_brands],
              "projects": [facts[p.slug] for p in catalog.projects]}
    pages = [*_overview_pages(catalog, matrix), *_review_pages(catalog, list(facts.values()))]
    if tracking_as_of is not None:
        pages.append(
            PageModel(
                TRACKING,
                "品牌跟踪问效",
                "各品牌案例的完整度、每季度活动和最近更新，供媒体团队和机关党委跟踪问效。",
                "tracking.md.j2",
                _tracking_context(catalog, tracking_as_of),
                hide=("navigation", "toc"),  # the overview table needs the full width
            )
        )
    court = catalog.site.court.name
    for case in facts.values():
        item = case.item
        context = {"item": item, "parent": case.parent, "tier": case.tier, "projects": case.projects,
                   "honours": case.honours, "activities": case.activities,
                   "figures_by_year": case.figures_by_year, "is_master": case.is_master,
                   "credit_source": item.from_report, "siblings": _siblings(catalog, case),
                   "trail": _trail(catalog, item),
                   "master": matrix["master"], "sub_brands": matrix["sub_brands"]}
        # The page's own ways on (its place, its siblings) replace the footer's previous and next.
        pages.append(PageModel(brand_uri(item), item.name, item.summary or f"{court}党建品牌：{item.name}",
                               "brand.md.j2", context, hide=("footer",)))
    return pages


def _trail(catalog: Catalog, item: BrandCase) -> list[BrandCase]:
    """The cases above ``item``, from the master brand down: the breadcrumb before its own name."""
    trail: list[BrandCase] = []
    parent = catalog.parent_of(item)
    while parent is not None and parent not in trail:
        trail.insert(0, parent)
        parent = catalog.parent_of(parent)
    return trail


def _siblings(catalog: Catalog, case: CaseFacts) -> list[BrandCase]:
    """The other cases under the same parent: a project's fellow projects, a sub-brand's fellow sub-brands."""
    if case.parent is None:
        return []
    kin = catalog.projects_of(case.parent) if isinstance(case.item, Project) else catalog.sub_brands
    return [other for other in kin if other is not case.item]


def _overview_pages(catalog: Catalog, matrix: dict[str, Any]) -> list[PageModel]:
    """Home, the brand matrix, the honours timeline and the figures."""
    site = catalog.site
    brand_of = {h.slug: catalog.find(h.brand) for h in catalog.honours if h.brand}
    return [
        PageModel(HOME, f"{site.court.name}{site.court.party_committee}党建品牌", _home_description(catalog),
                  "home.md.j2", matrix, hide=LANDING),
        PageModel(
            MATRIX,
            "品牌矩阵",
            f"“{catalog.master.name}”品牌矩阵：机关总品牌、{len(catalog.sub_brands)}个子品牌"
            "和人民法庭的特色党建项目。",
            "matrix.md.j2",
            matrix,
            hide=LANDING,
        ),
        PageModel(
            TIMELINE,
            "荣誉时间轴",
            f"{site.court.name}获得的集体荣誉、涌现的个人先进典型、入选的重点培养点和当地市委对党建品牌创建工作经验的推广。",
            "timeline.md.j2",
            # A nomination (推荐参选) is no honour: the brand page and the casebook tell it, not this page.
            {"groups": timeline_groups(catalog.counted_honours), "filters": timeline_filters(catalog),
             "brand_of": brand_of},
            scripts=("javascripts/timeline.js",),
        ),
        PageModel(
            FIGURES,
            "数字图表",
            f"{site.court.name}{site.figures.title}和党建活动数字。",
            "figures.md.j2",
            {"sections": figure_charts(catalog)},
        ),
    ]


def _review_pages(catalog: Catalog, cases: list[CaseFacts]) -> list[PageModel]:
    """The reviewers' pages: every case in one printable casebook, and side by side."""
    court = catalog.site.court.name
    credit_source = any(case.item.from_report for case in cases)
    return [
        PageModel(
            CASEBOOK,
            "案例汇编",
            f"{court}机关总品牌、子品牌和人民法庭特色党建项目的案例汇编。",
            "casebook.md.j2",
            {**casebook_context(cases), "master_brand": catalog.master, "credit_source": credit_source},
        ),
        PageModel(
            COMPARE,
            "品牌对比",
            f"{court}各党建品牌和特色党建项目并排对比。",
            "compare.md.j2",
            {**compare_context(cases), "credit_source": credit_source},
            hide=("navigation", "toc"),  # the table needs the full width
        ),
    ]


# The casebook's parts, in the order reviewers judge by, and what tells whether a case has one.
CASEBOOK_PARTS: dict[str, Any] = {
    "标识": lambda c: c.item.logo,
    "内涵": lambda c: c.item.meaning,
    "做法": lambda c: c.item.practices,
    "成效": lambda c: c.item.results,
    "案例": lambda c: c.item.cases,
    "荣誉": lambda c: [h for h in c.honours if not h.is_nomination],
    "推荐参选": lambda c: [h for h in c.honours if h.is_nomination],  # no honour: a part of its own
}


def casebook_context(cases: list[CaseFacts]) -> dict[str, Any]:
    """Cases with content first, in full and numbered; the ones known only by name, by tier, once.
    ``parts`` and ``tiers`` are what the full cases hold, for the lead to name and nothing more."""
    full = [case for case in cases if case.has_content]
    named = [case for case in cases if not case.has_content]
    parts = ["名称", *(part for part, has in CASEBOOK_PARTS.items() if any(has(case) for case in full))]
    return {"cases": full, "named": tier_groups(named), "parts": parts,
            "tiers": list(dict.fromkeys(case.tier for case in full))}


def _tracking_context(catalog: Catalog, as_of: dt.date) -> dict[str, Any]:
    rows = dashboard(catalog, as_of)
    quarters = recent_quarters(as_of)
    scores, activity = tracking_charts(rows, quarters)
    return {"rows": rows, "as_of": as_of, "quarters": quarters, "stale_days": STALE_AFTER_DAYS,
            "completeness_chart": scores, "activity_chart": activity, "name_only": name_only(catalog),
            "page_fields": PAGE_FIELDS.values()}


def build_nav(catalog: Catalog, *, with_tracking: bool = False) -> list[dict[str, Any]]:
    """The generated part of the nav, in MkDocs' nav format, ordered as in the data."""
    tracking = [{"品牌跟踪问效": TRACKING}] if with_tracking else []
    sub_brands = [{_nav_label(b, b.name): brand_uri(b)} for b in catalog.sub_brands]
    # Plain text (no invisible joiners): the typography pass keeps the name whole (unbreakable_names),
    # and a project breaks before its 【】 if it must.
    projects = [{_nav_label(p, f"{p.tribunal}【{p.name}】"): brand_uri(p)} for p in catalog.projects]
    return [
        {"首页": HOME},
        {"品牌矩阵": MATRIX},
        {"总品牌": brand_uri(catalog.master)},
        # MkDocs prints the whole nav on every page: a long list would make the build quadratic.
        # Past NAV_LIMIT entries a section is left out, and the matrix page lists them instead.
        *([{"子品牌": sub_brands}] if len(sub_brands) <= NAV_LIMIT else []),
        *([{"特色党建项目": projects}] if len(projects) <= NAV_LIMIT else []),
        {"荣誉时间轴": TIMELINE},
        {"数字图表": FIGURES},
        {"案例资料": [{"案例汇编": CASEBOOK}, {"品牌对比": COMPARE}]},
        *tracking,
    ]


def _nav_label(item: BrandCase, label: str) -> str:
    return f"{label}（草稿）" if item.draft else label


def _home_description(catalog: Catalog) -> str:
    return f"{catalog.site.court.name}机关党委党建品牌“{catalog.master.name}”展示：品牌矩阵、子品牌、特色党建项目与荣誉。"


def unbreakable_names(catalog: Catalog) -> tuple[str, ...]:
    """Names that must never break across lines: the court and its party committee, every brand,
    project, tribunal and party branch."""
    names = [catalog.site.court.name, catalog.site.court.party_committee]
    for item in catalog.all_cases:
        names += [item.name, item.tribunal] if isinstance(item, Project) else [item.name]
        names += [item.branch] if item.branch else []
    return tuple(dict.fromkeys(names))
