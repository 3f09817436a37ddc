"""The honours timeline: years in order, the undated group, and the filter chips."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import get_args

from showcase.content.catalog import Catalog
from showcase.content.schema import Honour, HonourKind, HonourLevel, HonourStatus

# In the order the schema lists them: national first.
LEVELS: tuple[str, ...] = get_args(HonourLevel)
KINDS: tuple[str, ...] = get_args(HonourKind)
# The report's own words for honours it gives no year: the group's name, never a guessed year.
UNDATED_LABEL = "近年来"
# How a card or line says what the recipient did, so that it reads as a sentence:
# "李燕强获评全国法院先进个人。" A 肯定推广 title is a clause of its own ("……经验获得……推广").
STATUS_VERBS: dict[str, str] = {"获评": "获评", "入选": "入选", "推荐参选": "被推荐参选", "肯定推广": ""}
assert set(STATUS_VERBS) == set(get_args(HonourStatus)), "a new status needs its verb here"


def honour_verb(honour: Honour) -> str:
    return STATUS_VERBS[honour.status]

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
    """The undated honours (近年来) first, once, by level as the schema lists the levels (national
    first); then the dated ones by year, newest first, each year in date order. Never a guessed year."""
    dated = sorted((h for h in honours if h.date), key=lambda h: (h.date, h.slug))
    years = [YearGroup(year, list(group)) for year, group in groupby(dated, key=lambda h: h.year)]
    undated = sorted((h for h in honours if not h.date), key=_rank)
    return ([YearGroup(None, undated)] if undated else []) + years[::-1]


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
    """Chips for the values that occur in the counted honours (no nomination), in a fixed order; a row
    with no values is left out. An honour tied to no brand has no brand chip: it shows under 显示全部
    and the other filters."""
    honours = catalog.counted_honours
    levels = [(v, v) for v in LEVELS if any(h.level == v for h in honours)]
    kinds = [(v, v) for v in KINDS if any(h.kind == v for h in honours)]
    with_honours = {h.brand for h in honours}
    brands = [
        (item.slug, item.name)
        for item in catalog.all_cases
        if item.slug in with_honours
    ]
    groups = [FilterGroup("level", "级别", levels), FilterGroup("kind", "类别", kinds), FilterGroup("brand", "品牌", brands)]
    return [group for group in groups if group.options]
