"""The charts of the figures page: which data each chart shows, and its text alternative."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from showcase.content.catalog import Catalog
from showcase.pages.charts import bar_chart, data_table, percent_chart, stacked_bar_chart
from showcase.content.schema import Figure, FigureSet
from showcase.pages.tracking import BrandStatus


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
        sections.append(("activity", activity.title, None, _figure_set_charts("activity", activity)))
    # No chart counts the honours: the report lists them with 等, so any total would close an open list.
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
