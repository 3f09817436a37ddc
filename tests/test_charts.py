"""Build-time SVG charts: accessible names, proportions, escaping, contrast, block format."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET

import markdown
import pytest

from showcase.pages import charts
from showcase.pages.charts import bar_chart, data_table, percent_chart, stacked_bar_chart

NS = "{http://www.w3.org/2000/svg}"
# The Markdown extensions of mkdocs.yml that touch raw HTML and inline text.
EXTENSIONS = ["abbr", "attr_list", "md_in_html", "tables", "admonition", "pymdownx.escapeall"]

CASES = [("受理案件", 13756, "13756件"), ("审执结案件", 12004, "12004件"), ("一半", 6878, "6878件")]
RATES = [("结案率", 87.26, "87.26%"), ("一半", 50, "50%"), ("生效裁判被改判发回重审率", 0.08, "0.08%")]
SERIES = ["全国", "全区", "市级", "未注明"]
HONOURS = [
    ("2022年", {"全国": 1, "全区": 1}),
    ("2023年", {"全国": 1, "全区": 2, "市级": 2}),
    ("年份未注明", {"市级": 1, "未注明": 1}),
]


def _bars(items=CASES, **kw) -> str:
    return bar_chart("2023年审判执行数据", items, description="受理与审结案件数。", chart_id="cases", **kw)


def _rates(items=RATES) -> str:
    return percent_chart("2023年各项比率", items, description="四项比率。", chart_id="rates")


def _stacked(rows=HONOURS, series=SERIES) -> str:
    return stacked_bar_chart(
        "荣誉按年份和级别", rows, series, description="荣誉数。", chart_id="honours", unit="项"
    )


ALL_CHARTS = [_bars, _rates, _stacked]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def by_class(root: ET.Element, cls: str, tag: str = "rect") -> list[ET.Element]:
    return [e for e in root.iter(NS + tag) if e.get("class") == cls]


def texts(root: ET.Element) -> list[str]:
    return [e.text or "" for e in root.iter(NS + "text")]


def width(e: ET.Element) -> float:
    return float(e.get("width"))


# --- accessible name -------------------------------------------------------------------------


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_root_is_an_image_named_by_its_title_and_desc(make):
    root = parse(make())
    assert root.tag == NS + "svg" and root.get("role") == "img"
    title, desc = list(root)[:2]
    assert (title.tag, desc.tag) == (NS + "title", NS + "desc")
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert len({e.get("id") for e in root.iter() if e.get("id")}) == 2


def test_title_and_desc_carry_the_arguments():
    root = parse(_bars())
    assert root.find(NS + "title").text == "2023年审判执行数据"
    assert root.find(NS + "desc").text == "受理与审结案件数。"
    assert root.get("aria-labelledby") == "cases-title cases-desc"
    assert "2023年审判执行数据" in texts(root)  # also visible


@pytest.mark.parametrize("bad_id", ["", "1x", "a b", 'x"onload="alert(1)', "x<y"])
def test_chart_id_must_be_a_plain_id(bad_id):
    with pytest.raises(ValueError):
        bar_chart("t", CASES, description="d", chart_id=bad_id)


# --- bars ----------------------------------------------------------------------------------


def test_one_bar_per_item_scaled_to_the_largest():
    root = parse(_bars())
    bars = [width(b) for b in by_class(root, "bar")]
    assert len(bars) == len(CASES)
    assert bars[0] == max(bars)
    assert bars[1] == pytest.approx(bars[0] * 12004 / 13756, abs=0.1)
    assert bars[2] == pytest.approx(bars[0] / 2, abs=0.1)
    # Values fit inside the viewBox after the longest bar.
    assert bars[0] + 60 < float(root.get("viewBox").split()[2])


def test_values_are_written_as_given():
    values = [e.text for e in parse(_bars()).iter(NS + "text") if e.get("class") == "value"]
    assert values == ["13756件", "12004件", "6878件"]
    assert "20多次" in texts(parse(_bars([("调解", 20, "20多次")])))


def test_a_tiny_value_stays_visible_and_zero_draws_nothing():
    root = parse(_bars([("大", 10000, "1"), ("小", 1, "2"), ("零", 0, "3")]))
    bars = [width(b) for b in by_class(root, "bar")]
    assert bars[1] == 1.0 and bars[2] == 0.0


@pytest.mark.parametrize("items", [[], [("负数", -1, "-1")], [("非数", float("nan"), "?")]])
def test_bad_values_are_rejected(items):
    with pytest.raises(ValueError):
        _bars(items)


def test_percent_bars_use_a_fixed_0_to_100_scale():
    root = parse(_rates())
    tracks = [width(t) for t in by_class(root, "track")]
    bars = [width(b) for b in by_class(root, "bar")]
    assert len(bars) == len(tracks) == len(RATES)
    full = tracks[0] + 1  # the outline sits half a unit inside the track
    assert bars[0] == pytest.approx(full * 0.8726, abs=0.1)
    assert bars[1] == pytest.approx(full / 2, abs=0.1)
    assert [e.text for e in root.iter(NS + "text") if e.get("class") == "value"] == ["87.26%", "50%", "0.08%"]
    # The scale does not follow the data: the largest rate is not stretched to full width.
    assert max(bars) < full


def test_percent_outside_0_to_100_is_rejected():
    with pytest.raises(ValueError):
        _rates([("错", 100.5, "100.5%")])


def test_long_labels_wrap_inside_the_chart_without_leading_punctuation():
    label = "开展“浔法讲堂”普法宣传活动（一个很长很长的标签，用来检验换行）"
    root = parse(_bars([(label, 1, "1次")]))
    lines = [e.text for e in root.iter(NS + "text") if e.get("class") == "label"]
    assert len(lines) > 1 and "".join(lines) == label
    assert all(not line.startswith(("，", "。", "）", "”")) for line in lines)
    chart_width = float(root.get("viewBox").split()[2])
    for line in lines:
        # Chinese characters and Chinese quotes are one em wide.
        em = sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.6 for c in line)
        assert em * charts.FONT_SIZE <= chart_width


def test_latin_labels_wrap_at_spaces():
    words = ["Guiping"] * 12
    root = parse(_bars([(" ".join(words), 1, "1")]))
    lines = [e.text for e in root.iter(NS + "text") if e.get("class") == "label"]
    assert len(lines) > 1 and all(set(line.split()) == {"Guiping"} for line in lines)
    assert sum(len(line.split()) for line in lines) == len(words)


# --- stacked -------------------------------------------------------------------------------


def test_stacked_draws_one_segment_per_nonzero_count():
    root = parse(_stacked())
    segments = by_class(root, "segment")
    expected = [(name, n) for _, counts in HONOURS for name, n in counts.items()]
    assert [s.get("data-series") for s in segments] == [name for name, _ in expected]
    # Segments are in series order, and colours follow the series, not the row.
    assert {s.get("fill") for s in segments if s.get("data-series") == "全区"} == {charts.SERIES[1]}


def test_stacked_segments_are_proportional_to_counts():
    segments = by_class(parse(_stacked()), "segment")
    one = width(segments[0])  # 2022年 全国: 1
    two = width(segments[3])  # 2023年 全区: 2
    # Each segment gives up 2 units as a gap to its neighbour.
    assert two + 2 == pytest.approx(2 * (one + 2), abs=0.1)


def test_stacked_writes_counts_totals_and_a_legend():
    root = parse(_stacked())
    legend = [e.text for e in root.iter(NS + "text") if e.get("class") == "legend"]
    assert legend == SERIES
    assert len(by_class(root, "swatch")) == len(SERIES)
    assert [s.get("fill") for s in by_class(root, "swatch")] == list(charts.SERIES)
    totals = [e.text for e in root.iter(NS + "text") if e.get("class") == "value"]
    assert totals == ["2项", "5项", "2项"]
    in_segments = [e.text for e in root.iter(NS + "text") if e.get("fill") == charts.SEGMENT_TEXT]
    assert in_segments == ["1", "1", "1", "2", "2", "1", "1"]


def test_stacked_leaves_counts_out_of_segments_too_narrow_for_them():
    root = parse(_stacked([("2023年", {"全国": 1, "全区": 99})]))
    assert [e.text for e in root.iter(NS + "text") if e.get("fill") == charts.SEGMENT_TEXT] == ["99"]
    assert "100项" in texts(root)  # the total is still written


def test_stacked_legend_wraps_onto_more_lines():
    series = ["一个很长很长的级别名称", "另一个很长的级别名称", "第三个级别"]
    root = parse(stacked_bar_chart("t", [("a", {series[0]: 1})], series, description="d", chart_id="s"))
    ys = {e.get("y") for e in root.iter(NS + "text") if e.get("class") == "legend"}
    assert len(ys) > 1


@pytest.mark.parametrize(
    ("rows", "series"),
    [
        ([], SERIES),
        ([("2022年", {"省级": 1})], SERIES),  # unknown series: would be dropped silently
        ([("2022年", {"全国": -1})], SERIES),
        ([("2022年", {"全国": 1.5})], SERIES),
        ([("2022年", {"全国": 1})], SERIES + ["第五"]),  # more series than colours
    ],
)
def test_stacked_rejects_bad_data(rows, series):
    with pytest.raises(ValueError):
        _stacked(rows, series)


# --- escaping and block format --------------------------------------------------------------

HOSTILE = '<script>alert("x")</script> & *粗* _斜_ [链](http://x) `code` \\'


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_every_argument_is_escaped(make):
    if make is _stacked:
        svg = stacked_bar_chart(HOSTILE, [(HOSTILE, {HOSTILE: 1})], [HOSTILE], description=HOSTILE,
                                chart_id="x", unit="项")
    else:
        chart = bar_chart if make is _bars else percent_chart
        svg = chart(HOSTILE, [(HOSTILE, 10, "10<b>%")], description=HOSTILE, chart_id="x")
    root = parse(svg)  # still well-formed XML
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in {"script", "b", "a", "em"}]
    assert root.find(NS + "title").text == HOSTILE and root.find(NS + "desc").text == HOSTILE
    labels = [e.text for e in root.iter(NS + "text") if e.get("class") == "label"]
    assert "".join(labels).replace(" ", "") == HOSTILE.replace(" ", "")  # wrapped, but all there


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_markdown_leaves_the_chart_alone(make):
    """Placed in an HTML block, or even bare (svg is not a block tag to Python-Markdown)."""
    svg = str(make())
    hostile = str(_bars([("*粗* _斜_ `码` [链](x) \\*", 1, "1")]))
    for chart in (svg, hostile):
        for page in (f"前文\n\n<div>\n{chart}\n</div>\n\n后文\n", f"前文\n\n{chart}\n\n后文\n"):
            assert chart in markdown.markdown(page, extensions=EXTENSIONS)


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_same_input_gives_the_same_bytes(make):
    assert make() == make()
    # Coordinates have a fixed precision, so float noise cannot change the bytes.
    for e in parse(make()).iter():
        for name in ("x", "y", "width", "height"):
            if e.get(name) is not None:
                assert re.fullmatch(r"\d+(\.\d)?", e.get(name)), (e.tag, name, e.get(name))


def _assert_block(markup: str):
    lines = str(markup).split("\n")
    assert all(line.strip() for line in lines), "blank line would end the HTML block"
    assert not [line for line in lines if line.startswith(" ") or line.startswith("\t")]


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_output_is_one_unindented_block(make):
    _assert_block(make())
    _assert_block(_bars([("第一行\n\n    缩进的第二行", 1, "1\n\n    件")]))
    _assert_block(data_table("标题\n\n", ["甲\n\n    乙"], [["\n\n    丙"]]))


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_text_is_near_body_size_at_390_px(make):
    """Older readers: chart text close to the body text (22.5 px at 中), not a small print."""
    root = parse(make())
    view_width = float(root.get("viewBox").split()[2])
    for text in root.iter(NS + "text"):
        # At 390 px the column is about 354 px wide: the text's size in px is font-size × 354 / width.
        assert float(text.get("font-size")) * 354 / view_width >= 20
        assert text.get("font-family") in (None, "inherit")


# --- contrast ------------------------------------------------------------------------------


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted([luminance(a), luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_helper_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_palette_constants_meet_wcag_aa():
    assert charts.BACKGROUND == "#ffffff"
    for colour in (charts.TEXT, charts.TITLE):
        assert contrast(colour, charts.BACKGROUND) >= 4.5
    for colour in (charts.BAR, charts.TRACK_STROKE, *charts.SERIES):
        assert contrast(colour, charts.BACKGROUND) >= 3  # non-text contrast
    for colour in charts.SERIES:
        assert contrast(charts.SEGMENT_TEXT, colour) >= 4.5


def _background_at(root: ET.Element, x: float, y: float) -> str:
    """Fill of the last-drawn rect under the point (later elements paint over earlier ones)."""
    fill = None
    for rect in root.iter(NS + "rect"):
        rx, ry = float(rect.get("x")), float(rect.get("y"))
        if rx <= x <= rx + width(rect) and ry <= y <= ry + float(rect.get("height")):
            fill = rect.get("fill")
    return fill


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_every_drawn_text_and_bar_has_enough_contrast(make):
    root = parse(make())
    for text in root.iter(NS + "text"):
        size = float(text.get("font-size"))
        em = sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.6 for c in text.text) * size
        start = float(text.get("x")) - (em / 2 if text.get("text-anchor") == "middle" else 0)
        middle = float(text.get("y")) - size * 0.35
        for x in (start + 1, start + em / 2, start + em - 1):
            background = _background_at(root, x, middle)
            assert background is not None, f"{text.text!r} is outside the chart"
            assert contrast(text.get("fill"), background) >= 4.5, text.text
    for rect in root.iter(NS + "rect"):
        if rect.get("class") in {"bar", "segment", "swatch"}:
            assert contrast(rect.get("fill"), charts.BACKGROUND) >= 3
        if rect.get("class") == "track":
            assert contrast(rect.get("stroke"), charts.BACKGROUND) >= 3


# --- data table ----------------------------------------------------------------------------


def test_data_table_has_caption_headers_and_escaped_cells():
    rows = [["2022年", "<script>x</script>"], ["年份未注明", "1"]]
    html = data_table("荣誉<b>数</b>", ["年份", "全国 & 全区"], rows)
    table = ET.fromstring(str(html))
    assert table.tag == "table" and table.find("caption").text == "荣誉<b>数</b>"
    cols = table.findall("thead/tr/th")
    assert [th.text for th in cols] == ["年份", "全国 & 全区"] and {th.get("scope") for th in cols} == {"col"}
    body = table.findall("tbody/tr")
    assert [r.find("th").text for r in body] == ["2022年", "年份未注明"]
    assert {r.find("th").get("scope") for r in body} == {"row"}
    assert body[0].find("td").text == "<script>x</script>"
    assert "<script" not in html and not table.findall(".//script") and not table.findall(".//b")
    _assert_block(html)


def test_data_table_rejects_ragged_rows():
    with pytest.raises(ValueError):
        data_table("c", ["a", "b"], [["only one"]])
