"""Synthetic data for the scaling benchmark: many brands, projects and honours, all clearly fake.

Adds files to the ``data/`` of a *copy* of the project (tools/harness.py's ``copy_project``),
never to the real one. The real records stay, since the hand-written pages link to them; the
synthetic ones bring the totals up to the sizes asked for, so "100 brands+projects" is the real 10
plus 90 fake ones. Every synthetic text says 测试 and every slug starts with ``test-``.

Each synthetic brand or project is about as long as the real sub-brand 党旗引领·浔州枫桥 (a summary,
a meaning, two practices, a result with figures and a case); half are sub-brands under the master
brand, half are tribunal projects spread over those sub-brands. Honours are spread over the years
2000–2023 (one in ten undated), both levels and kinds, and half name a brand or project.

News posts (``generate_posts``) are the other axis: a court's site grows by a few posts a month.
Each synthetic post is about 800 characters, dated over the ten years 2014–2023, in one of eight
测试分类 categories, and every brand or project without activity records gets a synthetic log whose
records link to those posts.

Usage: python -m tools.dev.synthetic_data PROJECT_DIR --brands 100 --honours 1000 [--posts 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from tools.harness import REPO

MASTER = "fayao-xunzhou"
LEVELS = ("全国", "全区", "县级")
KINDS = ("集体", "个人")
STATUSES = ("获评", "入选", "推荐参选", "肯定推广")


@dataclass(frozen=True)
class Counts:
    """What ``generate`` wrote: synthetic sub-brands, projects and honours, and the totals."""

    sub_brands: int
    projects: int
    honours: int
    total_brands_projects: int
    total_honours: int


def _existing(data: Path, folder: str) -> list[Path]:
    return sorted((data / folder).glob("*.yml"))


def _write(path: Path, record: dict) -> None:
    path.write_text(
        "# 基准测试用的合成数据，内容全部是虚构的。\n" + yaml.safe_dump(record, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )


def brand_record(index: int, parent: str) -> dict:
    number = f"{index:04d}"
    return {
        "slug": f"test-brand-{number}",
        "name": f"测试品牌{number}",
        "parent": parent,
        "order": 1000 + index % 8000,
        "branch": f"测试党支部{number}",
        "slogan": f"测试口号{number}：这是虚构的基准测试数据",
        "summary": f"测试品牌{number}是为性能基准生成的虚构子品牌，不是真实内容。",
        "meaning": f"- 测试内涵一：测试品牌{number}的第一条虚构说明。\n"
        f"- 测试内涵二：用于衡量网站生成速度的占位文字。\n"
        f"- 测试内涵三：与真实品牌的篇幅大致相当。\n",
        "practices": [
            {"title": f"测试做法{number}-1", "text": f"测试做法的说明文字，编号{number}。这一段是虚构的，只为让页面有正常的长度。"},
            {"title": f"测试做法{number}-2", "text": "- 测试条目甲\n- 测试条目乙\n- 测试条目丙\n"},
        ],
        "results": [
            {
                "text": f"测试成效{number}：虚构的成效说明。",
                "figures": [
                    {"label": "测试数字甲", "value": index, "unit": "件"},
                    {"label": "测试数字乙", "value": 12.5, "unit": "%"},
                ],
            }
        ],
        "cases": [{"title": f"测试案例{number}", "text": f"测试案例{number}的虚构经过与效果，用于基准测试。"}],
    }


def project_record(index: int, parent: str) -> dict:
    number = f"{index:04d}"
    record = brand_record(index, parent)
    record.update(
        slug=f"test-project-{number}",
        name=f"测试项目{number}",
        tribunal=f"测试法庭{number}",
        summary=f"测试项目{number}是为性能基准生成的虚构法庭特色项目，不是真实内容。",
    )
    return record


def honour_record(index: int, brand: str | None) -> dict:
    number = f"{index:05d}"
    record = {
        "slug": f"test-honour-{number}",
        "title": f"测试荣誉{number}",
        "level": LEVELS[index % len(LEVELS)],
        "kind": KINDS[index % len(KINDS)],
        "status": STATUSES[index % len(STATUSES)],
        "recipient": f"测试获得者{number}",
        "source": "基准测试用的虚构出处",
    }
    if index % 10 == 9:
        record["date_note"] = "测试：年份未注明"
    else:
        year = 2000 + index % 24
        record["date"] = f"{year}-{index % 12 + 1:02d}" if index % 3 else str(year)
    if brand:
        record["brand"] = brand
    return record


def generate(project: Path, brands_projects: int, honours: int) -> Counts:
    """Bring ``project/data`` up to ``brands_projects`` brands+projects and ``honours`` honours."""
    data = project / "data"
    real_brands = _existing(data, "brands") + _existing(data, "projects")
    real_honours = _existing(data, "honours")
    extra_brands = max(0, brands_projects - len(real_brands))
    extra_honours = max(0, honours - len(real_honours))
    for folder in ("brands", "projects", "honours"):
        for old in (data / folder).glob("test-*.yml"):
            old.unlink()

    sub_brands = (extra_brands + 1) // 2
    projects = extra_brands - sub_brands
    slugs = []
    for index in range(sub_brands):
        record = brand_record(index, MASTER)
        _write(data / "brands" / f"{record['slug']}.yml", record)
        slugs.append(record["slug"])
    for index in range(projects):
        record = project_record(index, slugs[index % len(slugs)])
        _write(data / "projects" / f"{record['slug']}.yml", record)
        slugs.append(record["slug"])
    for index in range(extra_honours):
        brand = slugs[index % len(slugs)] if slugs and index % 2 == 0 else None
        _write(data / "honours" / f"test-honour-{index:05d}.yml", honour_record(index, brand))
    return Counts(
        sub_brands, projects, extra_honours,
        len(real_brands) + extra_brands, len(real_honours) + extra_honours,
    )


POST_CATEGORIES = tuple(f"测试分类{n}" for n in range(1, 9))
POST_YEARS = range(2014, 2024)
ACTIVITY_KINDS = ("主题党日", "党课", "普法", "调解", "讲堂", "双报到", "参观学习", "培优", "其他")
_POST_PARAGRAPH = (
    "这是为性能基准生成的虚构新闻段落，内容全部是测试文字，不代表任何真实的活动、人物或数字。"
    "它的篇幅与一篇普通的法院新闻相当，用来衡量网站在新闻很多时的生成速度、预览刷新和搜索索引。"
)


def post_slug(index: int) -> str:
    return f"test-post-{index:04d}"


def post_title(index: int) -> str:
    # 枫叶调解 sits in the middle of every title: the search test looks posts up by it.
    return f"测试新闻{index:04d}：虚构的枫叶调解活动纪实"


def post_date_of(index: int) -> dt.date:
    """Spread over ten years, about a hundred posts a year, never two posts on the same path."""
    year = POST_YEARS[index % len(POST_YEARS)]
    return dt.date(year, 1, 1) + dt.timedelta(days=(index // len(POST_YEARS)) % 365)


def post_text(index: int) -> str:
    number = f"{index:04d}"
    category = POST_CATEGORIES[index % len(POST_CATEGORIES)]
    body = "\n\n".join(f"{_POST_PARAGRAPH}（第{n}段，编号{number}。）" for n in range(1, 7))
    return f"""---
date: {post_date_of(index).isoformat()}
authors:
  - qinxiao
categories:
  - {category}
slug: {post_slug(index)}
description: 测试新闻{number}的虚构摘要，用于性能基准。
---

# {post_title(index)}

测试新闻{number}的导语：这是一篇虚构的基准测试新闻，出现在新闻列表里。

<!-- more -->

## 测试小标题

{body}
"""


def post_path(project: Path, index: int) -> Path:
    return project / "docs" / "news" / "posts" / f"{post_date_of(index).isoformat()}-{post_slug(index)}.md"


def generate_posts(project: Path, posts: int) -> int:
    """Bring ``project/docs/news/posts`` up to ``posts`` posts, with activity records linking to them.

    Returns how many synthetic posts it wrote. The real post stays; activity logs go to every brand
    or project that has none, a record for every synthetic post, spread over those brands.
    """
    folder = project / "docs" / "news" / "posts"
    for old in list(folder.glob("*-test-post-*.md")) + list((project / "data" / "activities").glob("test-*.yml")):
        old.unlink()
    extra = max(0, posts - len(list(folder.glob("*.md"))))
    for index in range(extra):
        post_path(project, index).write_text(post_text(index), encoding="utf-8")
    data = project / "data"
    logged = {yaml.safe_load(p.read_text(encoding="utf-8")).get("brand") for p in _existing(data, "activities")}
    owners = [p.stem for p in _existing(data, "brands") + _existing(data, "projects")
              if not p.stem.startswith("test-") and p.stem not in logged]
    if not extra or not owners:
        return extra
    records: dict[str, list[dict]] = {owner: [] for owner in owners}
    for index in range(extra):
        records[owners[index % len(owners)]].append({
            "date": post_date_of(index).isoformat(),
            "kind": ACTIVITY_KINDS[index % len(ACTIVITY_KINDS)],
            "title": f"测试活动{index:04d}（虚构）",
            "figures": [{"label": "测试参加人数", "value": 10 + index % 40, "unit": "人"}],
            "post": post_path(project, index).relative_to(project / "docs").as_posix(),
        })
    for owner, items in records.items():
        _write(data / "activities" / f"test-{owner}.yml", {"brand": owner, "records": items})
    return extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a copy of the project (never the real one)")
    parser.add_argument("--brands", type=int, default=100, help="brands+projects in total")
    parser.add_argument("--honours", type=int, default=1000, help="honours in total")
    parser.add_argument("--posts", type=int, default=0, help="news posts in total (0: leave them)")
    args = parser.parse_args()
    if args.project.resolve() == REPO:
        raise SystemExit("synthetic data goes into a copy of the project, not into the real one")
    if not (args.project / "data").is_dir():
        raise SystemExit(f"{args.project}/data is missing: copy the project first")
    print(generate(args.project, args.brands, args.honours))
    if args.posts:
        print(f"synthetic posts: {generate_posts(args.project, args.posts)}")


if __name__ == "__main__":
    main()
