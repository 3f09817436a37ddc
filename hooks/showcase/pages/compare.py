"""品牌对比: the columns some brand case fills, and the cases with nothing in any of them."""

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


def compare_context(cases: list[Any]) -> dict[str, Any]:
    """The table's headers and rows, and the cases listed once under it.

    ``cases`` are page facts (pages.CaseFacts): item, tier, honours, projects. A column empty
    for every case is left out; a case with nothing in any column is listed by name and tier.
    """
    table = [[cell(case) for cell in COLUMNS.values()] for case in cases]
    filled = [index for index in range(len(COLUMNS)) if any(cells[index] for cells in table)]
    rows, others = [], []
    for case, all_cells in zip(cases, table):
        cells = [all_cells[index] for index in filled]
        if any(cells):
            rows.append(CompareRow(case.item, case.tier, cells))
        else:
            others.append(CompareRow(case.item, case.tier, []))
    return {"headers": [list(COLUMNS)[index] for index in filled], "rows": rows, "others": others}
