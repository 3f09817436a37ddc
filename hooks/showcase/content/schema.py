"""The data schema: the single source of truth for every file under ``data/``.

Validation, the JSON Schema with its Chinese hover help, and the form editor's configuration all come
from these models. Field descriptions are Chinese because the media team reads them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema


# --------------------------------------------------------------------------- the field types every file shares

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


# --------------------------------------------------------------------------- the data files


class Figure(Record):
    """A figure carried over exactly from the source: value and unit as written."""

    label: PlainText = Field(description="数字说的是什么，例如“受理案件”。", examples=["受理案件"])
    value: int | float = Field(description="数值，照来源原样填写，例如 13756 或 87.26。", examples=[13756])
    unit: str = Field(default="", max_length=10, description="单位，例如 件、%、次、期、名。", examples=["件"])
    approximate: bool = Field(default=False, description="来源写的是约数（如“20多次”）时填 true，页面显示为“20多次”。")

    @property
    def display(self) -> str:
        """The figure as the source writes it: 13756件, 87.26%, 20多次."""
        value = f"{self.value:g}" if isinstance(self.value, float) else str(self.value)
        return f"{value}{'多' if self.approximate else ''}{self.unit}"


class Image(Record):
    """An image under docs/ with its alternative text."""

    src: str = Field(
        pattern=r"^[A-Za-z0-9_./-]+\.(?:png|jpg|jpeg|webp|svg)$",
        description="图片路径，相对于 docs/ 文件夹，例如 images/jintian.jpg。",
        examples=["images/jintian.jpg"],
    )
    alt: PlainText = Field(description="图片说明，给看不见图片的读者听。", examples=["金田法庭调解室"])


class Practice(Record):
    """One thing the brand does (做法)."""

    title: PlainText = Field(description="做法的名称。", examples=["浔法讲堂"])
    text: MarkdownText | None = Field(default=None, description="做法的说明，可用 Markdown。")


class Result(Record):
    """One result (成效), with the figures that show it."""

    text: MarkdownText = Field(description="成效的说明，可用 Markdown。")
    figures: list[Figure] = Field(default_factory=list, description="说明这项成效的数字。")


class Case(Record):
    """A typical case (典型案例)."""

    title: PlainText = Field(description="案例标题。")
    text: MarkdownText = Field(description="案例经过与效果，可用 Markdown。")


class BrandCase(Record):
    """The fields a brand case is judged by: 有名称、有标识、有内涵、有载体、有影响."""

    slug: Slug
    draft: bool = Field(default=False, description=DRAFT_HELP)
    name: PlainText = Field(description="品牌名称，照来源原样填写。", examples=["党旗引领·浔州枫桥"])
    slogan: PlainText | None = Field(default=None, description="品牌口号。来源没有写就不填。")
    branch: PlainText | None = Field(
        default=None,
        description="创建品牌的党支部。来源没有写就不填，不要凭名称猜。",
        examples=["人民法庭党支部"],
    )
    order: int = Field(default=100, ge=0, le=9999, description="在导航和品牌矩阵中的顺序，小的在前。")
    summary: PlainText | None = Field(default=None, description="一句话简介，用于卡片和搜索引擎摘要。")
    logo: Image | None = Field(default=None, description="品牌标识（图片）。来源没有提供就不填。")
    meaning: MarkdownText | None = Field(default=None, description="品牌内涵，可用 Markdown。")
    background: MarkdownText | None = Field(default=None, description="创建背景，可用 Markdown。")
    practices: list[Practice] = Field(default_factory=list, description="主要做法（载体）。")
    results: list[Result] = Field(default_factory=list, description="工作成效，附数字。")
    cases: list[Case] = Field(default_factory=list, description="典型案例。")
    images: list[Image] = Field(default_factory=list, description="图片，每张都要有说明文字。")
    from_report: bool = Field(
        default=False,
        description="这一页的内容取自来源报告（data/site.yml 里的 source）时填 true，页脚就注明资料来源。"
        "内容是自己写的或来自别的材料，就不填。",
    )

    @property
    def full_name(self) -> str:
        """The name as pages print it."""
        return self.name


class Brand(BrandCase):
    """The master brand (no parent) or one of its sub-brands (parent: the master's slug)."""

    parent: Slug | None = Field(default=None, description="上级品牌的网址名。子品牌填总品牌的网址名 fayao-xunzhou；只有总品牌不填。",
                                examples=["fayao-xunzhou"])


class Project(BrandCase):
    """A tribunal's party-building project under a sub-brand; the shared fields speak of 项目."""

    name: PlainText = Field(description="项目名称，照来源原样填写。", examples=["温情调解和美家事"])
    slogan: PlainText | None = Field(default=None, description="项目口号。来源没有写就不填。")
    branch: PlainText | None = Field(default=None, description="创建项目的党支部。来源没有写就不填，不要凭名称猜。",
                                     examples=["人民法庭党支部"])
    order: int = Field(default=100, ge=0, le=9999, description="在导航和所属子品牌页面中的顺序，小的在前。")
    summary: PlainText | None = Field(default=None, description="一句话介绍这个项目，用于卡片和搜索引擎摘要。")
    logo: Image | None = Field(default=None, description="项目标识（图片）。来源没有提供就不填。")
    meaning: MarkdownText | None = Field(default=None, description="项目内涵，可用 Markdown。")

    parent: Slug = Field(
        description="所属子品牌的网址名，例如 xunzhou-fengqiao。", examples=["xunzhou-fengqiao"]
    )
    tribunal: PlainText = Field(description="所在人民法庭，例如 金田法庭。", examples=["金田法庭"])

    @property
    def full_name(self) -> str:
        """金田法庭【温情调解和美家事】: the tribunal first, as the source names its projects."""
        return f"{self.tribunal}【{self.name}】"


class Honour(Record):
    """An honour, a selection or a nomination, as the source states it."""

    slug: Slug
    draft: bool = Field(default=False, description=DRAFT_HELP)
    title: PlainText = Field(description="荣誉名称，照来源原样填写。", examples=["全国“节约型机关”"])
    level: HonourLevel | None = Field(
        default=None,
        description="级别，按授予荣誉的一级填写：全国、全区（广西壮族自治区）、贵港市（设区的市）、桂平市（县级市，"
        "不称“市级”）。来源没写级别就不填，页面上也不显示。",
    )
    kind: HonourKind = Field(description="集体荣誉还是个人荣誉。")
    status: HonourStatus = Field(
        default="获评",
        description="获评：已获得；入选：被列为培养点等；推荐参选：只是被推荐，不计入荣誉数量；肯定推广：经验被肯定或推广。",
    )
    recipient: PlainText = Field(description="获得者：单位、党支部或个人姓名。", examples=["桂平市人民法院"])
    date: PartialDate | None = Field(
        default=None,
        description="获得时间，按来源写到哪一级就写到哪一级：2022、2022-05 或 2022-05-01。来源没给年份（如“近年来”）就不填。",
        examples=["2022"],
    )
    date_note: PlainText | None = Field(default=None, description="来源对时间的原话，例如“去年”“近年来”，供编辑核对，页面上不显示。",
                                        examples=["近年来"])
    brand: Slug | None = Field(default=None, description="所属品牌或法庭项目的网址名。来源没写就不填。")
    branch: PlainText | None = Field(default=None, description="所属党支部。来源没写就不填。")
    source: PlainText | None = Field(default=None, description="出处：来源报告及所在部分。草稿可以先不填，取消草稿、公开之前必须填上。",
                                     examples=["2023-12-27 报告·发挥两个作用"])

    @property
    def is_nomination(self) -> bool:
        """A nomination (推荐参选) shows its status, and is counted among no honours."""
        return self.status == "推荐参选"

    @property
    def date_precision(self) -> Literal["day", "month", "year", "unknown"]:
        if self.date is None:
            return "unknown"
        return ("year", "month", "day")[self.date.count("-")]

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


class Activity(Record):
    """One activity record: an event, or a year's total where the source gives only that."""

    date: PartialDate = Field(
        description="日期，写到来源给出的那一级：全年合计写年份 \"2023\"，某月写 \"2023-05\"，某天写 \"2023-05-01\"。",
        examples=["2023"],
    )
    draft: bool = Field(default=False, description=DRAFT_HELP)
    kind: ActivityKind = Field(description="活动类别：主题党日、党课、普法、调解、讲堂、双报到、参观学习、培优、其他。")
    title: PlainText = Field(description="活动名称或内容。", examples=["组织党员上党课"])
    figures: list[Figure] = Field(default_factory=list, description="这条记录的数字，如 21 次。")
    note: PlainText | None = Field(default=None, description="补充说明，如“全年合计”“截至报告发布时累计”。")
    post: str | None = Field(
        default=None,
        pattern=r"^news/posts/[A-Za-z0-9_.-]+\.md$",
        description="相关新闻的文件路径（相对于 docs/），如 news/posts/2023-12-27-brand-report.md。",
    )


class ActivityLog(Record):
    """The activity records of one brand or tribunal project (品牌跟踪问效)."""

    brand: Slug = Field(description="这份活动记录属于哪个品牌或法庭项目（网址名）。", examples=["fayao-xunzhou"])
    records: list[Activity] = Field(default_factory=list, description="活动记录，一条一项。")


class Court(Record):
    name: PlainText = Field(description="法院全称。", examples=["桂平市人民法院"])
    short_name: PlainText = Field(description="简称。", examples=["桂平法院"])
    party_committee: PlainText = Field(description="负责品牌创建的党组织。", examples=["机关党委"])


class SourceReport(Record):
    """The report the site's facts come from."""

    title: PlainText = Field(description="报告标题，照原文。")
    authors: list[PlainText] = Field(min_length=1, description="作者，一人一行。")
    published: PartialDate = Field(description="发布日期，如 \"2023-12-27\"。")
    column: PlainText | None = Field(default=None, description="报告所在栏目。")
    editor: PlainText | None = Field(default=None, description="责任编辑。")


class FigureSet(Record):
    year: int = Field(ge=1949, le=2100, description="数字所属年份。")
    title: PlainText = Field(description="这组数字的标题，如“2023年审判执行数据”。")
    items: list[Figure] = Field(min_length=1, description="数字，一项一个。")
    note: PlainText | None = Field(default=None, description="对这组数字的说明，显示在数字下方。")


class Pillar(Record):
    """One part of the work system: 一个目标, 两个作用 …"""

    key: Slug
    title: PlainText = Field(description="标题，如“锚定一个目标”。", examples=["锚定一个目标"])
    summary: PlainText = Field(description="一句话概括。")
    items: list[PlainText] = Field(default_factory=list, description="具体内容，一条一行。")


class Contact(Record):
    """What the footer shows. Empty fields are hidden; none may be guessed (README: 页脚的备案信息)."""

    host: PlainText | None = Field(default=None, description="主办单位。不填时为法院全称。")
    address: PlainText | None = Field(default=None, description="地址。")
    phone: PlainText | None = Field(default=None, description="联系电话。")
    icp: PlainText | None = Field(default=None, description="ICP备案号，照工信部备案系统填写，如 桂ICP备xxxxxxxx号。")
    police_record: PlainText | None = Field(default=None, description="公网安备号，照公安机关备案填写。")
    site_code: PlainText | None = Field(default=None, pattern=r"^[0-9A-Za-z]+$", description="网站标识码。")
    conac_url: str | None = Field(default=None, pattern=r"^https://\S+$", description="党政机关网站标识的证书网址。")
    conac_image: PlainText | None = Field(default=None, description="党政机关网站标识图片在 docs/ 下的路径。")


class Site(Record):
    """Site-wide facts: the court, the source, the year's figures and the work system."""

    court: Court = Field(description="法院名称、简称和负责品牌创建的党组织。")
    url: str | None = Field(
        default=None, pattern=r"^https?://[^\s/]+(?:/\S*)?$", examples=["https://www.example.gov.cn/fayao/"],
        description="网站正式发布的完整网址，例如 https://网站网址/。新闻订阅、网站地图和规范网址都用它；"
        "不填时公开网站里不写任何完整网址，make publish 也不会发布。环境变量 SITE_URL 可临时代替它。",
    )
    intro: MarkdownText = Field(description="首页开头的介绍，可用 Markdown。")
    approach: PlainText = Field(description="工作思路。")
    source: SourceReport = Field(description="网站事实的唯一来源：报告的标题、作者、日期。")
    figures: FigureSet = Field(description="年度审判执行数据，首页和数字图表页显示。")
    work_system: list[Pillar] = Field(min_length=1, description="工作体系：一个目标、两个作用、三项创建、四个载体、党建+N。")
    problems: list[PlainText] = Field(default_factory=list, description="报告指出的不足。")
    next_steps: list[PlainText] = Field(default_factory=list, description="下一步打算。")
    contact: Contact = Field(default_factory=Contact, description="页脚显示的主办单位、地址、电话和备案号。不填的不显示。")


class NewsPost(Record):
    """The front matter of a news post (docs/news/posts/*.md), as Material's blog reads it."""

    date: PostDate = Field(
        description="发布日期，写完整的年月日，如 2023-12-27（加不加引号都可以）；知道发布时刻时可加上北京时间，"
        "如 2023-12-27 17:49:27+08:00。",
        examples=["2023-12-27"],
    )
    description: PlainText = Field(
        description="一两句话的摘要：显示在搜索引擎结果和新闻订阅里。",
        examples=["2023年12月27日报道摘要：桂平法院机关党委以“党旗引领·法耀浔州”为总品牌推动党建与审判执行工作融合。"],
    )
    authors: list[Slug] = Field(
        default_factory=list, description="作者的代号，在 docs/news/.authors.yml 里登记。", examples=[["qinxiao"]]
    )
    categories: list[PlainText] = Field(default_factory=list, description="分类，如“品牌创建”。", examples=[["品牌创建"]])
    slug: Slug | None = Field(default=None, description="网址中的名字；不填就由标题生成。", examples=["brand-report"])
    title: PlainText | None = Field(default=None, description="标题；不填就用正文第一行的“# 标题”。")
    draft: bool = Field(default=False, description=DRAFT_HELP)
    pin: bool = Field(default=False, description="填 true 时在新闻列表中置顶。")
    readtime: int | None = Field(default=None, ge=1, description="阅读时间（分钟）；不填就自动估算。")
    image: Image | None = Field(default=None, description="配图：显示在新闻标题下面。图片放在 docs/images/，路径从 images/ 写起。")


# Which model checks which file: the folder a file sits in decides its kind.
COLLECTIONS: dict[str, type[Record]] = {
    "brands": Brand,
    "projects": Project,
    "honours": Honour,
    "activities": ActivityLog,
}
SINGLE_FILES: dict[str, type[Record]] = {"site.yml": Site}
