"""品牌对比: what the cases did, side by side; the cases with nothing to compare, named once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from showcase.content.catalog import PROJECT_TIER
from showcase.content.schema import BrandCase


@dataclass(frozen=True)
class CompareRow:
    item: BrandCase
    tier: str
    cells: list[str]  # one per column; "" where this case has nothing for it


@dataclass(frozen=True)
class TierGroup:
    """Cases of one tier, listed together (the comparison's and the casebook's name-only cases)."""

    tier: str
    cases: list[Any]  # page facts (pages.CaseFacts) or CompareRow: anything with .item


def _count(items: list, unit: str = "项") -> str:
    return f"{len(items)}{unit}" if items else ""  # 9项: a number never stands apart from its measure word


def _counted_honours(case: Any) -> str:
    # Nominations are no honours (Catalog.counted_honours).
    return _count([h for h in case.honours if not h.is_nomination])


COLUMNS: dict[str, Callable[[Any], str]] = {
    "创建党支部": lambda c: c.item.branch or "",
    "口号": lambda c: c.item.slogan or "",
    "标识": lambda c: "有" if c.item.logo else "",
    "内涵": lambda c: "有" if c.item.meaning else "",
    "做法": lambda c: _count(c.item.practices),
    # "有", not a count: a result is a paragraph, and one of them tells of a nomination, which counts as nothing.
    "成效": lambda c: "有" if c.item.results else "",
    "典型案例": lambda c: _count(c.item.cases, "个"),
    "荣誉": _counted_honours,
    # "有", not a count: the report names its projects as examples (分别打造了……等).
    PROJECT_TIER: lambda c: "有" if c.projects else "",
}
# Columns that say who a case is, not what it did: a case with only these has nothing to compare.
IDENTITY = ("创建党支部", "口号")
# A column is a comparison only where at least this many cases have a value in it.
MIN_FILLED = 2


def compare_context(cases: list[Any]) -> dict[str, Any]:
    """The table's headers and rows, and the cases listed once, by tier, under it.

    ``cases`` are page facts (pages.CaseFacts): item, tier, honours, projects. A row is a case
    that did something a column shows; a column is kept where at least two rows have a value.
    Dropping a column can leave a row with nothing, so the two are settled together.
    """
    table = [{name: cell(case) for name, cell in COLUMNS.items()} for case in cases]
    shown = list(range(len(cases)))
    headers = list(COLUMNS)
    while True:
        headers = [name for name in COLUMNS if sum(bool(table[i][name]) for i in shown) >= MIN_FILLED]
        kept = [i for i in shown if any(table[i][name] for name in headers if name not in IDENTITY)]
        if kept == shown:
            break
        shown = kept
    if len(shown) < MIN_FILLED:  # nothing to set side by side
        shown, headers = [], []
    rows = [CompareRow(cases[i].item, cases[i].tier, [table[i][name] for name in headers]) for i in shown]
    others = [CompareRow(case.item, case.tier, []) for i, case in enumerate(cases) if i not in shown]
    return {"headers": headers, "rows": rows, "others": others, "other_groups": tier_groups(others)}


def tier_groups(cases: list[Any]) -> list[TierGroup]:
    """``cases`` by tier, in the order the tiers first occur (总品牌, 子品牌, 特色党建项目)."""
    groups: dict[str, list[Any]] = {}
    for case in cases:
        groups.setdefault(case.tier, []).append(case)
    return [TierGroup(tier, members) for tier, members in groups.items()]
