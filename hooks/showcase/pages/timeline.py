"""The honours timeline: years in order, the undated group, and the filter chips."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import get_args

from showcase.content.catalog import Catalog
from showcase.content.schema import Honour, HonourKind, HonourLevel

# In the order the schema lists them: national first.
LEVELS: tuple[str, ...] = get_args(HonourLevel)
KINDS: tuple[str, ...] = get_args(HonourKind)
# The report's own words for honours it gives no year: the group's name, never a guessed year.
UNDATED_LABEL = "近年来"

@dataclass(frozen=True)
class YearGroup:
    """Honours of one year, or (year None) those whose year the source does not give."""

    year: int | None
    honours: list[Honour]

    @property
    def label(self) -> str:
        return f"{self.year}年" if self.year else UNDATED_LABEL

    @property
    def anchor(self) -> str:
        return f"year-{self.year}" if self.year else "year-unknown"


def timeline_groups(honours: list[Honour]) -> list[YearGroup]:
    """Dated honours by year, oldest first, each year in date order; undated ones last, never guessed."""
    dated = sorted((h for h in honours if h.date), key=lambda h: (h.date, h.slug))
    groups = [YearGroup(year, list(group)) for year, group in groupby(dated, key=lambda h: h.year)]
    undated = sorted((h for h in honours if not h.date), key=_rank)
    if undated:
        groups.append(YearGroup(None, undated))
    return groups


def _rank(honour: Honour) -> tuple:
    level = LEVELS.index(honour.level) if honour.level else len(LEVELS)
    return (level, KINDS.index(honour.kind), honour.slug)


@dataclass(frozen=True)
class FilterGroup:
    """One row of filter chips on the timeline: a field of Honour and the values it takes."""

    key: str
    label: str
    options: list[tuple[str, str]]  # (value written in data-*, label shown)


def timeline_filters(catalog: Catalog) -> list[FilterGroup]:
    """Chips for the values that occur in the data, in a fixed order. An honour tied to no brand
    has no brand chip: it shows under 显示全部 and the other filters."""
    honours = catalog.honours
    levels = [(v, v) for v in LEVELS if any(h.level == v for h in honours)]
    kinds = [(v, v) for v in KINDS if any(h.kind == v for h in honours)]
    with_honours = {h.brand for h in honours}
    brands = [
        (item.slug, item.name)
        for item in catalog.all_cases
        if item.slug in with_honours
    ]
    return [FilterGroup("level", "级别", levels), FilterGroup("kind", "类别", kinds), FilterGroup("brand", "品牌", brands)]
