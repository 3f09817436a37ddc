"""Accessible charts drawn as inline SVG at build time (no JavaScript, no libraries).

Every chart is one block of markup with no blank lines and no indentation, so it
can sit inside an HTML block of a Markdown page without Markdown touching it.
The root is ``role="img"`` named by its ``<title>`` and ``<desc>``; the numbers
are also written as text in the chart, and ``data_table`` gives the same data as
a table to place next to it.

Layout is in user units of a 240-wide viewBox, which the page draws 16rem wide
(site.css), or narrower when the column is: 15 units of text then come out near
the body size of the reading settings' 中 (22.5 px) on a 390 px phone and on a
desktop alike, so older readers need not zoom. Bars are horizontal, with the
label above, so long Chinese labels never need to share a line with the bar.
"""

from __future__ import annotations

import math
import re
import unicodedata

from markupsafe import Markup, escape

# Colours. Contrast ratios (WCAG) are checked by tests/test_charts.py.
BACKGROUND = "#ffffff"
TEXT = "#212121"  # 16:1 on white
TITLE = "#8e1212"  # site's dark red, 9.4:1 on white
BAR = "#b71c1c"  # site's red, 6.6:1 on white
TRACK_STROKE = "#767676"  # outline of the 0–100 % scale, 4.5:1 on white
# One colour per stacked series, in order. Each takes white text at ≥ 4.5:1, and
# lightness differs enough between neighbours that they do not rely on hue alone.
SERIES = ("#8e1212", "#7d6000", "#4a0a0a", "#616161")  # dark red, dark gold, near-black red, grey
SEGMENT_TEXT = "#ffffff"

WIDTH = 240
FONT_SIZE = 15
TITLE_SIZE = 16
LINE = 22  # line height of a label
BAR_HEIGHT = 20
ROW_GAP = 10
GAP = 6  # between a bar's end and its value
SWATCH = 14
# The chart's size on the page (22rem wide unless the column is narrower) is set by
# .sc-chart in docs/stylesheets/site.css, not by a style attribute: the published
# Content-Security-Policy then needs no 'unsafe-hashes'.

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
# Punctuation that must not begin a wrapped line.
_NO_LINE_START = set("，。、；：？！）》」』”’…,.;:?!)%")
# Characters that Python-Markdown's inline patterns act on. Written as character
# references they mean the same to a browser but nothing to Markdown, so a chart
# stays intact even if a page puts it outside an HTML block (svg is not one).
_MARKDOWN_CHARS = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]!{}~^="}


def bar_chart(
    title: str, items: list[tuple[str, float, str]], *, description: str, chart_id: str, show_title: bool = True
) -> Markup:
    """Horizontal bars scaled to the largest value; each item is (label, value, value as shown).
    ``show_title=False`` leaves the title out of the drawing (it still names the chart): a heading shows it."""
    _check_values(items, upper=math.inf)
    scale = max(v for _, v, _ in items)
    return _bars(title, items, description, chart_id, scale=scale, track=False, show_title=show_title)


def percent_chart(
    title: str, items: list[tuple[str, float, str]], *, description: str, chart_id: str, show_title: bool = True
) -> Markup:
    """Rates on a fixed 0–100 scale, drawn inside an outlined track; the rate is written after it."""
    _check_values(items, upper=100)
    return _bars(title, items, description, chart_id, scale=100, track=True, show_title=show_title)


def stacked_bar_chart(
    title: str,
    rows: list[tuple[str, dict[str, int]]],
    series: list[str],
    *,
    description: str,
    chart_id: str,
    unit: str = "",
    show_title: bool = True,
) -> Markup:
    """One bar per row, one segment per series, with a legend and the counts written as text.

    ``unit`` follows each row's total, e.g. "项". Series missing from a row count as 0.
    """
    if not rows:
        raise ValueError("a chart needs at least one row")
    if not series or len(series) > len(SERIES):
        raise ValueError(f"a stacked chart takes 1 to {len(SERIES)} series")
    for label, counts in rows:
        unknown = set(counts) - set(series)
        if unknown:
            raise ValueError(f"row {label!r} has counts for unknown series {sorted(unknown)}")
        if any(not isinstance(n, int) or isinstance(n, bool) or n < 0 for n in counts.values()):
            raise ValueError(f"row {label!r}: counts must be whole numbers ≥ 0")

    totals = [sum(counts.values()) for _, counts in rows]
    total_texts = [f"{t}{_clean(unit)}" for t in totals]
    bar_space = _bar_space(total_texts)
    unit_width = bar_space / max(max(totals), 1)

    out, y = _title(title, show_title)
    y = _legend(out, series, y) + ROW_GAP
    for (label, counts), total_text in zip(rows, total_texts):
        y = _label(out, label, y)
        x = 0.0
        for name, colour in zip(series, SERIES):
            count = counts.get(name, 0)
            if count == 0:
                continue
            # A 2-unit white gap between segments keeps neighbours apart without relying on colour.
            width = count * unit_width
            out.append(
                f'<rect class="segment" data-series="{_escape(name)}" x="{_n(x)}" y="{_n(y)}" '
                f'width="{_n(max(width - 2, 1))}" height="{BAR_HEIGHT}" fill="{colour}"/>'
            )
            if _text_width(str(count), FONT_SIZE) + 6 <= width - 2:
                middle = x + (width - 2) / 2
                out.append(_text(str(count), middle, _baseline(y), fill=SEGMENT_TEXT, anchor="middle"))
            x += width
        out.append(_text(total_text, x + GAP, _baseline(y), cls="value"))
        y += BAR_HEIGHT + ROW_GAP
    return _svg(chart_id, title, description, out, y)


def data_table(caption: str, headers: list[str], rows: list[list[str]]) -> Markup:
    """The chart's data as an HTML table: caption, column headers, and the first cell as row header."""
    if not headers:
        raise ValueError("a table needs at least one column")
    lines = ["<table>", f"<caption>{_escape(caption)}</caption>", "<thead>", "<tr>"]
    lines += [f'<th scope="col">{_escape(h)}</th>' for h in headers]
    lines += ["</tr>", "</thead>", "<tbody>"]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row {row!r} has {len(row)} cells for {len(headers)} headers")
        head, *rest = row
        lines += ["<tr>", f'<th scope="row">{_escape(head)}</th>']
        lines += [f"<td>{_escape(cell)}</td>" for cell in rest] + ["</tr>"]
    lines += ["</tbody>", "</table>"]
    return Markup("\n".join(lines))


def _bars(title, items, description, chart_id, *, scale: float, track: bool, show_title: bool) -> Markup:
    """Shared body of bar_chart and percent_chart."""
    bar_space = _bar_space([shown for _, _, shown in items])
    out, y = _title(title, show_title)
    y += ROW_GAP
    for label, value, shown in items:
        y = _label(out, label, y)
        # Keep a non-zero value visible even when it rounds to nothing (0.08 % of 100).
        width = max(value / scale * bar_space, 1.0) if value > 0 and scale > 0 else 0.0
        if track:
            out.append(
                f'<rect class="track" x="0.5" y="{_n(y + 0.5)}" width="{_n(bar_space - 1)}" '
                f'height="{BAR_HEIGHT - 1}" fill="{BACKGROUND}" stroke="{TRACK_STROKE}"/>'
            )
        out.append(
            f'<rect class="bar" x="0.0" y="{_n(y)}" width="{_n(width)}" height="{BAR_HEIGHT}" fill="{BAR}"/>'
        )
        value_x = (bar_space if track else width) + GAP
        out.append(_text(shown, value_x, _baseline(y), cls="value"))
        y += BAR_HEIGHT + ROW_GAP
    return _svg(chart_id, title, description, out, y)


def _check_values(items, *, upper: float) -> None:
    if not items:
        raise ValueError("a chart needs at least one item")
    for label, value, _ in items:
        if not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= upper:
            raise ValueError(f"item {label!r}: value {value!r} is outside 0–{upper:g}")


def _bar_space(value_texts: list[str]) -> float:
    """Width left for bars once the longest value text fits after them, with a margin for font differences."""
    value_space = max(_text_width(_clean(t), FONT_SIZE) for t in value_texts) + GAP + 4
    if value_space > WIDTH / 2:
        # Better a build error than a value clipped at the chart's edge.
        raise ValueError(f"value texts too long for a {WIDTH}-wide chart: {value_texts!r}")
    return WIDTH - value_space


def _title(title: str, visible: bool = True) -> tuple[list[str], float]:
    """The visible title, wrapped; returns its lines and the y below it."""
    out, y = [], 0.0
    if not visible:
        return out, y
    for line in _wrap(_clean(title), WIDTH, TITLE_SIZE):
        out.append(_text(line, 0, y + 17, size=TITLE_SIZE, fill=TITLE, bold=True, cls="title"))
        y += LINE
    return out, y


def _svg(chart_id: str, title: str, description: str, body: list[str], height: float) -> Markup:
    """The root element named by its title and description, on a white background, around ``body``."""
    if not _ID.match(chart_id):
        raise ValueError(f"chart_id {chart_id!r} must be letters, digits, - or _, starting with a letter")
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sc-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {_n(height)}">',
        f'<title id="{chart_id}-title">{_escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{_escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{_n(height)}" fill="{BACKGROUND}"/>',
        *body,
        "</svg>",
    ]
    return Markup("\n".join(lines))


def _legend(out: list[str], series: list[str], y: float) -> float:
    """Swatch and name of each series, wrapped over as many lines as needed; returns the y below it."""
    x = 0.0
    y += 4
    for name, colour in zip(series, SERIES):
        name = _clean(name)
        width = SWATCH + 5 + _text_width(name, FONT_SIZE) + 16
        if x > 0 and x + width > WIDTH:
            x, y = 0.0, y + LINE
        out.append(
            f'<rect class="swatch" x="{_n(x)}" y="{_n(y + 4)}" '
            f'width="{SWATCH}" height="{SWATCH}" fill="{colour}"/>'
        )
        out.append(_text(name, x + SWATCH + 5, y + 16, cls="legend"))
        x += width
    return y + LINE


def _label(out: list[str], label: str, y: float) -> float:
    """A row's label above its bar, wrapped to the chart width; returns the y of the bar."""
    for line in _wrap(_clean(label), WIDTH, FONT_SIZE):
        out.append(_text(line, 0, y + 16, cls="label"))
        y += LINE
    return y + 2


def _text(content: str, x: float, y: float, *, size: int = FONT_SIZE, fill: str = TEXT,
          anchor: str = "", bold: bool = False, cls: str = "") -> str:
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' x="{_n(x)}" y="{_n(y)}" font-size="{size}" fill="{fill}"'
    attrs += f' text-anchor="{anchor}"' if anchor else ""
    attrs += ' font-weight="700"' if bold else ""
    return f"<text{attrs}>{_escape(content)}</text>"


def _baseline(bar_y: float) -> float:
    """Baseline that centres a line of text on a bar."""
    return bar_y + BAR_HEIGHT / 2 + FONT_SIZE * 0.35


def _escape(text: object) -> str:
    """Text from the caller, safe as XML and HTML content or attribute and inert in Markdown."""
    return str(escape(_clean(text))).translate(_MARKDOWN_CHARS)


def _clean(text: object) -> str:
    """Collapse whitespace so no text can add a blank or indented line to the block."""
    return " ".join(str(text).split())


def _text_width(text: str, size: float) -> float:
    """Estimated rendered width: CJK and full-width characters are 1 em, others about 0.6 em."""
    return sum(size if _is_wide(c) else size * 0.6 for c in text)


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy line breaking by estimated width; breaks Latin text at a space when it can."""
    lines, line = [], ""
    for char in text:
        if line and _text_width(line + char, size) > width:
            if char == " ":
                lines.append(line)
                line = ""
                continue
            head, space, tail = line.rpartition(" ")
            if space and head and not _is_wide(char):
                lines.append(head)
                line = tail
            elif char in _NO_LINE_START and len(line) > 1:
                # Chinese typesetting never starts a line with closing punctuation: carry a character over.
                lines.append(line[:-1])
                line = line[-1]
            else:
                lines.append(line.rstrip())
                line = ""
        line += char
    return lines + [line] if line else lines or [""]


def _is_wide(char: str) -> bool:
    # Ambiguous characters such as “ ” are full width in Chinese fonts.
    return unicodedata.east_asian_width(char) in "WFA"


def _n(number: float) -> str:
    """Fixed one-decimal numbers, so the same input always gives the same bytes."""
    return f"{number:.1f}"
