"""The brand system as the data describes it: the catalogue.

This is the model every other module builds on. Reading and checking ``data/`` is ``loader``'s
and ``checks``' job (the files as read, ``DataFiles``, are the checks'); pages, rendering, the
timeline, tracking and the charts need only this.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property

from showcase.content.problems import Problem
from showcase.content.schema import Activity, Brand, BrandCase, Honour, Project, Site

# The report calls the tribunals' projects 特色党建项目: they are projects under a sub-brand, not brands.
PROJECT_TIER = "特色党建项目"


@dataclass
class Catalog:
    """The brand system as the data describes it, with its links resolved."""

    site: Site
    master: Brand
    sub_brands: list[Brand]
    projects: list[Project]
    honours: list[Honour]
    # Activity records by brand or project slug, newest first.
    activities: dict[str, list[Activity]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def all_cases(self) -> list[BrandCase]:
        """Every brand case, in the order of the matrix: the master brand, its sub-brands, the projects."""
        return [self.master, *self.sub_brands, *self.projects]

    # Pages ask for these once per brand or honour: indexed once per catalogue, not searched each time.
    @cached_property
    def _by_slug(self) -> dict[str, BrandCase]:
        return {item.slug: item for item in self.all_cases}

    @cached_property
    def _projects_by_parent(self) -> dict[str, list[Project]]:
        index: dict[str, list[Project]] = defaultdict(list)
        for project in self.projects:
            index[project.parent].append(project)
        return index

    @cached_property
    def _honours_by_brand(self) -> dict[str | None, list[Honour]]:
        index: dict[str | None, list[Honour]] = defaultdict(list)
        for honour in self.honours:
            index[honour.brand].append(honour)
        return index

    @cached_property
    def counted_honours(self) -> list[Honour]:
        """The honours that counts, charts and comparisons use: every one but the nominations."""
        return [h for h in self.honours if not h.is_nomination]

    def projects_of(self, brand: Brand) -> list[Project]:
        return list(self._projects_by_parent.get(brand.slug, []))

    def honours_of(self, slug: str) -> list[Honour]:
        return list(self._honours_by_brand.get(slug, []))

    def activities_of(self, slug: str) -> list[Activity]:
        return self.activities.get(slug, [])

    def find(self, slug: str) -> BrandCase | None:
        return self._by_slug.get(slug)

    def parent_of(self, item: BrandCase) -> Brand | None:
        """The brand ``item`` sits under: none for the master brand."""
        parent = getattr(item, "parent", None)
        found = self.find(parent) if parent else None
        return found if isinstance(found, Brand) else None

    def tier_of(self, item: BrandCase) -> str:
        """总品牌, 子品牌 or 特色党建项目."""
        if isinstance(item, Project):
            return PROJECT_TIER
        return "总品牌" if item is self.master else "子品牌"


def without_drafts(catalog: Catalog) -> Catalog:
    """The public catalogue: no drafts, no projects under a draft brand, no links to either."""
    sub_brands = [b for b in catalog.sub_brands if not b.draft]
    shown = {b.slug for b in sub_brands} | {catalog.master.slug}
    projects = [p for p in catalog.projects if not p.draft and p.parent in shown]
    shown |= {p.slug for p in projects}
    honours = [
        h if h.brand is None or h.brand in shown else h.model_copy(update={"brand": None})
        for h in catalog.honours
        if not h.draft
    ]
    activities = {
        slug: [record for record in records if not record.draft]
        for slug, records in catalog.activities.items()
        if slug in shown
    }
    return replace(catalog, sub_brands=sub_brands, projects=projects, honours=honours, activities=activities)
