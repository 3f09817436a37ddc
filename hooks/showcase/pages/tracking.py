"""品牌跟踪问效: how complete each brand case is, how recently it was active, and the dashboard's charts of both.

Everything here is computed from the data; nothing is typed in by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from showcase.content.catalog import Catalog
from showcase.content.schema import Activity, BrandCase, Figure
from showcase.pages.charts import percent_chart, stacked_bar_chart

STALE_AFTER_DAYS = 90

# The fields of the case structure, with their Chinese names.
CASE_FIELDS = {
    "name": "名称",
    "slogan": "口号",
    "branch": "创建支部",
    "logo": "标识",
    "meaning": "内涵",
    "background": "背景",
    "practices": "做法",
    "results": "成效",
    "cases": "案例",
    "honours": "荣誉",
    "images": "图片",
}


@dataclass(frozen=True)
class Completeness:
    marks: dict[str, bool]  # 五有
    fields: dict[str, bool]  # case structure field → filled

    @property
    def score(self) -> int:
        """Percentage of the 五有 and the case fields that the data fills, rounded."""
        checks = list(self.marks.values()) + list(self.fields.values())
        return round(100 * sum(checks) / len(checks))

    @property
    def missing(self) -> list[str]:
        return [CASE_FIELDS[name] for name, filled in self.fields.items() if not filled]


def completeness(catalog: Catalog, item: BrandCase) -> Completeness:
    honours = [h for h in catalog.honours_of(item.slug) if not h.is_nomination]  # a nomination is no honour
    fields = {name: bool(honours if name == "honours" else getattr(item, name)) for name in CASE_FIELDS}
    marks = {
        "有名称": fields["name"],
        "有标识": fields["logo"],
        "有内涵": fields["meaning"],
        "有载体": fields["practices"],
        "有影响": fields["results"] or fields["honours"],
    }
    return Completeness(marks, fields)


# What would give a brand known only by name a page of its own, with where the editor fills it in:
# the brand's form (表单“品牌”) or its activity records (表单“活动记录”, each record may name a news post).
PAGE_FIELDS = {
    "meaning": ("品牌内涵", "品牌"),
    "branch": ("创建党支部", "品牌"),
    "practices": ("主要做法", "品牌"),
    "activities": ("活动记录", "活动记录"),
    "news": ("相关新闻", "活动记录"),
}
# Anything of these makes a page more than a name (the summary and the order do not).
_CONTENT = ("slogan", "branch", "logo", "meaning", "background", "practices", "results", "cases", "images")


def name_only(catalog: Catalog) -> list[BrandCase]:
    """Brands and projects with nothing but a name: no content field, no honour, no activity record.
    Every one of them would get a page of its own from the same fields (PAGE_FIELDS)."""
    return [
        item
        for item in catalog.all_cases
        if not any(getattr(item, name) for name in _CONTENT)
        and not catalog.honours_of(item.slug)
        and not catalog.activities_of(item.slug)
    ]


def period_end(date: str) -> dt.date:
    """The last day a partial date can mean: "2023" → 2023-12-31, "2023-05" → 2023-05-31."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def last_activity(records: list[Activity]) -> str | None:
    """The latest record's date, as written (its precision kept)."""
    return max((r.date for r in records), key=period_end, default=None)


def is_stale(records: list[Activity], today: dt.date) -> bool:
    """No activity for more than 90 days. A year total counts as activity up to the year's end."""
    latest = last_activity(records)
    return latest is None or (today - period_end(latest)).days > STALE_AFTER_DAYS


def quarter_of(date: str) -> str | None:
    """"2023-05" → "2023年第2季度"; a year-only date has no quarter (it is never guessed)."""
    parts = date.split("-")
    if len(parts) < 2:
        return None
    return f"{parts[0]}年第{(int(parts[1]) - 1) // 3 + 1}季度"


def recent_quarters(today: dt.date, count: int = 4) -> list[str]:
    """The last ``count`` quarters up to and including today's, oldest first."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    found = []
    for _ in range(count):
        found.append(f"{year}年第{quarter}季度")
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return found[::-1]


@dataclass(frozen=True)
class BrandStatus:
    """One row of the dashboard."""

    item: BrandCase
    completeness: Completeness
    last_activity: str | None
    stale: bool
    per_quarter: dict[str, int]
    undated_in_quarter: int  # records dated only by year: counted, never put in a quarter


def dashboard(catalog: Catalog, today: dt.date) -> list[BrandStatus]:
    quarters = recent_quarters(today)
    rows = []
    for item in catalog.all_cases:
        records = catalog.activities_of(item.slug)
        counts = {q: sum(quarter_of(r.date) == q for r in records) for q in quarters}
        rows.append(
            BrandStatus(
                item=item,
                completeness=completeness(catalog, item),
                last_activity=last_activity(records),
                stale=is_stale(records, today),
                per_quarter=counts,
                undated_in_quarter=sum(quarter_of(r.date) is None for r in records),
            )
        )
    return rows


def tracking_charts(rows: list[BrandStatus], quarters: list[str]) -> tuple[Markup, Markup]:
    """The dashboard's two charts: completeness scores, and activity records per quarter."""
    names = [row.item.full_name for row in rows]
    scores = percent_chart(
        "品牌案例完整度",
        [(name, row.completeness.score, f"{row.completeness.score}%") for name, row in zip(names, rows)],
        description="；".join(f"{name} {row.completeness.score}%" for name, row in zip(names, rows)) + "。",
        chart_id="chart-completeness",
    )
    activity = stacked_bar_chart(
        "最近四个季度的活动记录",
        [(name, dict(row.per_quarter)) for name, row in zip(names, rows)],
        quarters,
        description="；".join(
            f"{name}共 {sum(row.per_quarter.values())} 条" for name, row in zip(names, rows)
        ) + "。",
        chart_id="chart-activity",
        unit="条",
    )
    return scores, activity


def yearly_figures(records: list[Activity]) -> tuple[list[int], list[tuple[str, list[str]]]]:
    """Figures over time: (years, [(label, figure as shown for each year, or —)]), summed within a year."""
    totals: dict[str, dict[int, Figure]] = {}
    for record in records:
        year = int(record.date[:4])
        for figure in record.figures:
            by_year = totals.setdefault(figure.label, {})
            if year in by_year:
                earlier = by_year[year]
                figure = earlier.model_copy(
                    update={"value": earlier.value + figure.value, "approximate": earlier.approximate or figure.approximate}
                )
            by_year[year] = figure
    years = sorted({year for by_year in totals.values() for year in by_year})
    return years, [(label, [by_year[y].display if y in by_year else "—" for y in years]) for label, by_year in totals.items()]
