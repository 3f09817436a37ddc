"""The charts of the figures page: which data each chart shows, and its text alternative."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from showcase.content.catalog import Catalog
from showcase.pages.charts import bar_chart, data_table, percent_chart
from showcase.content.schema import Figure, FigureSet


@dataclass(frozen=True)
class Chart:
    """One chart with the table that says the same in text."""

    anchor: str
    svg: Markup
    table: Markup
    label: str = ""  # a short heading when a section has more than one chart ("数量（件）", "比率")


@dataclass(frozen=True)
class FigureSection:
    """One part of the figures page: its charts (one unit each), the figures that have no other of
    their unit to compare with (shown as numbers), and the note that speaks of all of them."""

    anchor: str
    heading: str
    charts: list[Chart]
    single: list[Figure]
    note: str | None = None


def figure_charts(catalog: Catalog) -> list[FigureSection]:
    """The sections of the figures page, in order."""
    site = catalog.site
    sections = [_section("judicial", site.figures, site.figures.note)]
    activity = _activity_figures(catalog)
    if activity:
        sections.append(_section("activity", activity, None))
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


def _section(anchor: str, figures: FigureSet, note: str | None) -> FigureSection:
    """One chart per unit, never two units on one axis: rates on a 0–100 scale, counts scaled to
    their largest. A unit with a single figure has nothing to be compared with: it stays a number."""
    by_unit: dict[str, list[Figure]] = {}
    for figure in figures.items:
        by_unit.setdefault(figure.unit, []).append(figure)
    charted = {unit: items for unit, items in by_unit.items() if len(items) > 1}
    single = [f for f in figures.items if len(by_unit[f.unit]) == 1]
    labelled = len(charted) > 1 or bool(single)
    count_units = [unit for unit in charted if unit != "%"]
    charts = []
    for unit, items in charted.items():
        # Ids stay ASCII: "counts", or "counts-2" … when several units are counted.
        number = count_units.index(unit) + 1 if unit in count_units else 0
        key = "rates" if unit == "%" else "counts" if number == 1 else f"counts-{number}"
        label = "比率" if unit == "%" else f"数量（{unit}）"
        title = figures.title + (f"：{label}" if labelled else "")
        data = [(f.label, f.value, f.display) for f in items]
        draw = percent_chart if unit == "%" else bar_chart
        svg = draw(title, data, description=_describe(items), chart_id=f"chart-{anchor}-{key}", show_title=False)
        charts.append(Chart(f"{anchor}-{key}", svg, _table(title, items), label if labelled else ""))
    return FigureSection(anchor, figures.title, charts, single, note)


def _describe(figures: list[Figure]) -> str:
    return "；".join(f"{f.label} {f.display}" for f in figures) + "。"


def _table(caption: str, figures: list[Figure]) -> Markup:
    return data_table(caption, ["项目", "数字"], [[f.label, f.display] for f in figures])
