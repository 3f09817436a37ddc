"""Chinese line breaking on finished HTML: what must stay on one line, and one date form.

Browsers may break a line between any two Chinese characters. That splits a number from its
unit ("13756 / 件"), a brand name inside a heading ("党旗引领·法耀浔/州") and starts lines with
"·". ``keep_together`` wraps such runs in ``<span class="sc-nowrap">`` (site.css: no wrapping
inside) in the text of a page, never in tags, attributes, code, scripts or SVG. It drops the
line breaks of Markdown source between Chinese characters (a browser shows them as spaces:
"公正。 理顺"). It also writes
spaced dates ("2023 年 12 月 27 日") and ISO dates in running text in the site's one form,
2023年12月27日.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

NOWRAP_CLASS = "sc-nowrap"
# Text inside these elements is left alone: code is literal, SVG and <title> take no <span>,
# and a <time> is kept on one line by site.css.
_SKIPPED = {"code", "pre", "script", "style", "svg", "title", "textarea", "kbd", "time"}
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
# A skipped element whole (or empty, "<svg/>"), or a comment: found in one pass, in C.
_SKIPPED_ELEMENT = re.compile(
    rf"<({'|'.join(sorted(_SKIPPED))})\b(?:[^>]*?/>|[^>]*>.*?</\1\s*>)|<!--.*?-->", re.S | re.I
)

# Units that follow a number in the court's texts. 多/余 ("20多次") belong to the number.
_UNITS = (
    "小时|分钟|万元|亿元|个月|周年|"
    "%|％|‰|件|次|个|项|名|人|期|家|场|篇|元|万|亿|天|户|起|份|条|批|届|位|座|所|支|种|类|堂|节|"
    "年|月|日|岁|倍|号|部|本|幅|组|队|宗|单|封|张|对|轮|课|余人"
)
_DATE = r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日"
_NUMBER = rf"(?:第)?\d+(?:[.,]\d+)*(?:多|余)?(?:{_UNITS})"
_SPACED_DATE = re.compile(r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
_ISO_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
# A space before "·" would let a line start with it: the space becomes a no-break space.
_SPACE_BEFORE_DOT = re.compile(r"[ \t\n]+·")
# A line break inside a Markdown paragraph shows as a space; between Chinese characters it is none.
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]"
_SOFT_BREAK_IN_CHINESE = re.compile(rf"(?<={_CJK})[ \t]*\n[ \t]*(?={_CJK})")



def one_date_form(text: str) -> str:
    """2023 年 12 月 27 日 and 2023-12-27 → 2023年12月27日 (an impossible ISO date stays as it is)."""
    text = _SPACED_DATE.sub(_joined_date, text)
    return _ISO_DATE.sub(_iso_date, text)


def _joined_date(match: re.Match) -> str:
    year, month, day = match.groups()
    return f"{year}年" + (f"{int(month)}月" if month else "") + (f"{int(day)}日" if day else "")


def _iso_date(match: re.Match) -> str:
    year, month, day = (int(part) for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group(0)
    return f"{year}年{month}月{day}日"


@functools.lru_cache(maxsize=8)
def _pattern(names: tuple[str, ...]) -> re.Pattern:
    # Longest first, so that a name containing another is kept whole; a project's 【】 stay with it.
    # Quotation marks around a name are left out: Chromium keeps them with the name wherever the
    # whole fits on the line, and an unbreakable "“党旗映天平·利剑护民安”" overflowed a 360 px phone.
    escaped = [f"【?{re.escape(name)}】?" for name in sorted(set(names), key=len, reverse=True) if name]
    # "x·" keeps "·" from starting a line; "建+N" keeps a "+" joined name ("党建+N") from breaking at it.
    parts = [*escaped, _DATE, _NUMBER, r"[^\s<>·]·", r"[^\s<>+;&]\+[^\s<>+&]"]
    return re.compile("|".join(f"(?:{part})" for part in parts))


def keep_together(html: str, names: Iterable[str] = ()) -> str:
    """``html`` with numbers and units, dates, ``names`` and "x·" each unbreakable."""
    pattern = _pattern(tuple(names))
    out: list[str] = []
    done = 0
    for skipped in _SKIPPED_ELEMENT.finditer(html):
        out.append(_in_text(html[done : skipped.start()], pattern))
        out.append(skipped.group(0))
        done = skipped.end()
    out.append(_in_text(html[done:], pattern))
    return "".join(out)


def _in_text(html: str, pattern: re.Pattern) -> str:
    """``html`` (no skipped element in it) with its text done and its tags as they are."""
    pieces = _TAG.split(html)  # text, tag, text, tag, ..., text
    pieces[0::2] = [text if not text or text.isspace() else _kept_together(text, pattern) for text in pieces[0::2]]
    return "".join(pieces)


@functools.lru_cache(maxsize=1 << 16)
def _kept_together(text: str, pattern: re.Pattern) -> str:
    """One run of text, done. Cached: every page repeats the nav's, the header's and the footer's."""
    text = _SOFT_BREAK_IN_CHINESE.sub("", text)
    text = _SPACE_BEFORE_DOT.sub("\u00a0·", one_date_form(text))
    return pattern.sub(_nowrap, text)


def _nowrap(match: re.Match) -> str:
    return f'<span class="{NOWRAP_CLASS}">{match.group(0)}</span>'
