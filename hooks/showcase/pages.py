"""Page models: which pages the data gives, where they live, and the nav that lists them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .catalog import Catalog
from .schema import Brand, BrandCase, Honour, Project

HOME = "index.md"
MATRIX = "matrix.md"
TIMELINE = "honours.md"


@dataclass(frozen=True)
class PageModel:
    """One generated page: its source path, the template that renders it, and its data."""

    src_uri: str
    title: str
    description: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def brand_uri(item: BrandCase) -> str:
    folder = "projects" if isinstance(item, Project) else "brands"
    return f"{folder}/{item.slug}.md"


def tier_of(catalog: Catalog, item: BrandCase) -> str:
    if isinstance(item, Project):
        return "法庭项目"
    return "总品牌" if item is catalog.master else "子品牌"


def build_pages(catalog: Catalog) -> list[PageModel]:
    """Every page the data gives: home, matrix, and one per brand and tribunal project."""
    site = catalog.site
    pages = [
        PageModel(HOME, site.court.name + " · " + catalog.master.name, _home_description(catalog), "home.html"),
        PageModel(
            MATRIX,
            "品牌矩阵",
            f"{catalog.master.name} 品牌矩阵：1 个总品牌、{len(catalog.sub_brands)} 个子品牌、"
            f"{len(catalog.projects)} 个法庭特色项目。",
            "matrix.html",
        ),
    ]
    pages.append(
        PageModel(
            TIMELINE,
            "荣誉时间轴",
            f"{site.court.name}及其党支部、干警获得的 {len(catalog.honours)} 项荣誉、入选与推荐，按年份排列。",
            "timeline.html",
            {"groups": timeline_groups(catalog.honours), "filters": timeline_filters(catalog)},
        )
    )
    for item in [catalog.master, *catalog.sub_brands, *catalog.projects]:
        pages.append(
            PageModel(
                brand_uri(item),
                item.name,
                item.summary or f"{site.court.name}党建品牌：{item.name}",
                "brand.html",
                {"item": item},
            )
        )
    return pages


def build_nav(catalog: Catalog) -> list[dict[str, Any]]:
    """The generated part of the nav, in MkDocs' nav format, ordered as in the data."""
    return [
        {"首页": HOME},
        {"品牌矩阵": MATRIX},
        {"总品牌": brand_uri(catalog.master)},
        {"子品牌": [{b.name: brand_uri(b)} for b in catalog.sub_brands]},
        {"法庭特色项目": [{_project_label(p): brand_uri(p)} for p in catalog.projects]},
        {"荣誉时间轴": TIMELINE},
    ]


def _project_label(project: Project) -> str:
    return f"{project.tribunal}【{project.name}】"


def _home_description(catalog: Catalog) -> str:
    return f"{catalog.site.court.name}机关党委党建品牌“{catalog.master.name}”展示：品牌矩阵、子品牌、法庭特色项目与荣誉。"


def parent_of(catalog: Catalog, item: BrandCase) -> Brand | None:
    parent = getattr(item, "parent", None)
    found = catalog.find(parent) if parent else None
    return found if isinstance(found, Brand) else None


@dataclass(frozen=True)
class YearGroup:
    """Honours of one year, or (year None) those whose year the source does not give."""

    year: int | None
    honours: list[Honour]

    @property
    def label(self) -> str:
        return f"{self.year}年" if self.year else "年份未注明"

    @property
    def anchor(self) -> str:
        return f"year-{self.year}" if self.year else "year-unknown"


def timeline_groups(honours: list[Honour]) -> list[YearGroup]:
    """Dated honours by year, oldest first, each year in date order; undated ones last, never guessed."""
    dated = sorted((h for h in honours if h.date), key=lambda h: (h.date, h.slug))
    years = sorted({h.year for h in dated})
    groups = [YearGroup(year, [h for h in dated if h.year == year]) for year in years]
    undated = sorted((h for h in honours if not h.date), key=_rank)
    if undated:
        groups.append(YearGroup(None, undated))
    return groups


LEVELS = ("全国", "全区", "市级", "未注明")
KINDS = ("集体", "个人")
NO_BRAND = "none"


def _rank(honour: Honour) -> tuple:
    return (LEVELS.index(honour.level), KINDS.index(honour.kind), honour.slug)


@dataclass(frozen=True)
class FilterGroup:
    """One row of filter chips on the timeline: a field of Honour and the values it takes."""

    key: str
    label: str
    options: list[tuple[str, str]]  # (value written in data-*, label shown)


def timeline_filters(catalog: Catalog) -> list[FilterGroup]:
    """Chips for the values that occur in the data, in a fixed order."""
    honours = catalog.honours
    levels = [(v, v) for v in LEVELS if any(h.level == v for h in honours)]
    kinds = [(v, v) for v in KINDS if any(h.kind == v for h in honours)]
    brands = [
        (item.slug, item.name)
        for item in [catalog.master, *catalog.sub_brands, *catalog.projects]
        if any(h.brand == item.slug for h in honours)
    ]
    if any(h.brand is None for h in honours):
        brands.append((NO_BRAND, "未注明品牌"))
    return [FilterGroup("level", "级别", levels), FilterGroup("kind", "类别", kinds), FilterGroup("brand", "品牌", brands)]
