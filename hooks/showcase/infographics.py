"""The charts of the figures page: which data each chart shows, and its text alternative."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .catalog import Catalog
from .charts import bar_chart, data_table, percent_chart, stacked_bar_chart
from .timeline import LEVELS, timeline_groups
from .schema import Figure, FigureSet
from .tracking import BrandStatus


@dataclass(frozen=True)
class Chart:
    """One chart with the table that says the same in text."""

    anchor: str
    svg: Markup
    table: Markup
    label: str = ""  # a short heading when a section has more than one chart ("数量", "比率")


def figure_charts(catalog: Catalog) -> list[tuple[str, str, str | None, list[Chart]]]:
    """Sections of the figures page: (anchor, heading, note, charts)."""
    site = catalog.site
    sections = [("judicial", site.figures.title, site.figures.note, _figure_set_charts("judicial", site.figures))]
    activity = _activity_figures(catalog)
    if activity:
        note = "来自各品牌的活动记录。来源只给出全年合计的，按全年合计记录；括号里是记录的说明。"
        sections.append(("activity", activity.title, note, _figure_set_charts("activity", activity)))
    if catalog.honours:
        sections.append(("honours", "荣誉按年份和级别", "年份未注明的荣誉单列一行，不推测年份。", [_honours_chart(catalog)]))
    return sections


def _activity_figures(catalog: Catalog) -> FigureSet | None:
    """The figures of every activity record of the latest year, labelled with the record's note."""
    records = [r for records in catalog.activities.values() for r in records if r.figures]
    if not records:
        return None
    year = max(int(r.date[:4]) for r in records)
    items = [
        figure.model_copy(update={"label": f"{figure.label}（{r.note}）" if r.note else figure.label})
        for r in records
        if int(r.date[:4]) == year
        for figure in r.figures
    ]
    return FigureSet(year=year, title=f"{year}年党建活动数字", items=items)


def _figure_set_charts(anchor: str, figures: FigureSet) -> list[Chart]:
    """Counts as bars scaled to the largest; rates on a 0–100 scale. Never both on one axis."""
    counts = [f for f in figures.items if f.unit != "%"]
    rates = [f for f in figures.items if f.unit == "%"]
    charts = []
    if counts:
        charts.append(
            Chart(
                f"{anchor}-counts",
                bar_chart(
                    figures.title + ("：数量" if rates else ""),
                    [(f.label, f.value, f.display) for f in counts],
                    description=_describe(counts),
                    chart_id=f"chart-{anchor}-counts",
                    show_title=False,  # the page's heading says it
                ),
                _table(figures.title + ("：数量" if rates else ""), counts),
                "数量" if rates else "",
            )
        )
    if rates:
        charts.append(
            Chart(
                f"{anchor}-rates",
                percent_chart(
                    figures.title + "：比率",
                    [(f.label, f.value, f.display) for f in rates],
                    description=_describe(rates),
                    chart_id=f"chart-{anchor}-rates",
                    show_title=False,
                ),
                _table(figures.title + "：比率", rates),
                "比率" if counts else "",
            )
        )
    return charts


def _honours_chart(catalog: Catalog) -> Chart:
    groups = timeline_groups(catalog.honours)
    levels = [level for level in LEVELS if any(h.level == level for h in catalog.honours)]
    rows = [(g.label, {level: sum(h.level == level for h in g.honours) for level in levels}) for g in groups]
    description = "；".join(
        f"{label}共 {sum(counts.values())} 项（" + "、".join(f"{k} {v} 项" for k, v in counts.items() if v) + "）"
        for label, counts in rows
    )
    table = data_table(
        "荣誉按年份和级别（项）",
        ["年份", *levels, "合计"],
        [[label, *(str(counts[level]) for level in levels), str(sum(counts.values()))] for label, counts in rows],
    )
    chart = stacked_bar_chart(
        "荣誉按年份和级别", rows, levels, description=description + "。", chart_id="chart-honours", unit="项",
        show_title=False,
    )
    return Chart("honours-by-year", chart, table)


def _describe(figures: list[Figure]) -> str:
    return "；".join(f"{f.label} {f.display}" for f in figures) + "。"


def _table(caption: str, figures: list[Figure]) -> Markup:
    return data_table(caption, ["项目", "数字"], [[f.label, f.display] for f in figures])


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
