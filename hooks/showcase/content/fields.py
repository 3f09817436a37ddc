"""The field types every data schema shares: slugs, plain and Markdown text, partial dates, the base record."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Months 01-12 and days 01-31, so that the form refuses 2024-13 as it is typed; 2023-02-30 is left to
# check_calendar_date (the form's pattern cannot know the calendar).
_MONTH, _DAY = r"(?:0[1-9]|1[0-2])", r"(?:0[1-9]|[12]\d|3[01])"
DATE_PATTERN = rf"^\d{{4}}(?:-{_MONTH}(?:-{_DAY})?)?$"
FULL_DATE_PATTERN = rf"^\d{{4}}-{_MONTH}-{_DAY}$"
# A post's date, optionally with the time of day it was published: 2023-12-27 17:49:27+08:00.
POST_DATE_PATTERN = rf"^\d{{4}}-{_MONTH}-{_DAY}(?:[ T]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:[+-]\d{{2}}:\d{{2}}|Z)?)?$"

# What each pattern asks for, in the editors' words: `make check` and the form editor say the same.
PATTERN_HELP = {
    SLUG_PATTERN: "只能用小写英文字母、数字和连字符，例如 xunzhou-fengqiao。",
    DATE_PATTERN: "应写成 2022、2022-05 或 2022-05-01（月份 01 到 12，日 01 到 31）。",
    FULL_DATE_PATTERN: "应写成完整的年月日，如 2023-12-27。",
    POST_DATE_PATTERN: "新闻要写完整的年月日，如 2023-12-27。",
}

# Long enough for any real paragraph, short enough that a pasted file cannot
# balloon a page.
PLAIN_MAX = 500
MARKDOWN_MAX = 20_000


def check_calendar_date(value: str) -> str:
    """Reject dates such as 2023-02-30 that match the pattern but do not exist."""
    parts = [int(p) for p in value.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    dt.date(year, month, day)  # raises ValueError, reported as 不是真实存在的日期
    return value


def check_post_date(value: str) -> str:
    check_calendar_date(value[:10])
    return value


# A news post's date: a whole day, with the time of day it was published if known.
PostDate = Annotated[str, StringConstraints(pattern=POST_DATE_PATTERN), AfterValidator(check_post_date)]


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=60),
    Field(
        description="网址中的名字：只用小写英文字母、数字和连字符，例如 xunzhou-fengqiao。",
        examples=["xunzhou-fengqiao"],
    ),
]
PlainText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=PLAIN_MAX),
    Field(description="纯文字（不支持 Markdown）。"),
]
MarkdownText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MARKDOWN_MAX),
    Field(
        description="可用 Markdown 书写的段落（加粗、列表等），不支持 HTML。",
        json_schema_extra={"format": "markdown"},
    ),
]
def _year_as_text(value: object) -> object:
    """``date: 2022`` without quotes is a number to YAML; the same year as ``date: "2022"``."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


_PARTIAL_DATE_HELP = (
    "日期，按来源写到哪一级就写到哪一级：年 2022、年月 2022-05、年月日 2022-05-01，加不加引号都可以。"
    "来源没有给出年份（如“近年来”）时不填。"
)
PartialDate = Annotated[
    str,
    StringConstraints(pattern=DATE_PATTERN),
    BeforeValidator(_year_as_text),
    AfterValidator(check_calendar_date),
    # What editors may write, for their editor's checks: text such as "2022-05", or a bare year.
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 9999}],
            "description": _PARTIAL_DATE_HELP,
            "examples": ["2022-05-01"],
        }
    ),
    Field(description=_PARTIAL_DATE_HELP, examples=["2022-05-01"]),
]

ActivityKind = Literal["主题党日", "党课", "普法", "调解", "讲堂", "双报到", "参观学习", "培优", "其他"]
# Named for the body that awards, as courts write levels: the nation, the region (广西壮族自治区), the
# districted city 贵港市, and 桂平市, a county-level city (never 市级). The order is the display order.
HonourLevel = Literal["全国", "全区", "贵港市", "桂平市"]
HonourKind = Literal["集体", "个人"]
HonourStatus = Literal["获评", "入选", "推荐参选", "肯定推广"]


class Record(BaseModel):
    """Base of every data record: unknown fields are errors, types are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


DRAFT_HELP = "草稿：填 true 时只在预览（make serve）中显示并标为“草稿”，公开网站不显示。写好后删掉这一行即可发布。"
