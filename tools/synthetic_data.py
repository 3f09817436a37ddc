"""Synthetic data for the scaling benchmark: many brands, projects and honours, all clearly fake.

Adds files to the ``data/`` of a *copy* of the project (tools/support.py's ``copy_project``),
never to the real one. The real records stay, since the hand-written pages link to them; the
synthetic ones bring the totals up to the sizes asked for, so "100 brands+projects" is the real 10
plus 90 fake ones. Every synthetic text says 测试 and every slug starts with ``test-``.

Each synthetic brand or project is about as long as the real sub-brand 党旗引领·浔州枫桥 (a summary,
a meaning, two practices, a result with figures and a case); half are sub-brands under the master
brand, half are tribunal projects spread over those sub-brands. Honours are spread over the years
2000–2023 (one in ten undated), both levels and kinds, and half name a brand or project.

Usage: python tools/synthetic_data.py PROJECT_DIR --brands 100 --honours 1000
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import yaml

MASTER = "fayao-xunzhou"
LEVELS = ("全国", "全区", "市级", "未注明")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path, help="a copy of the project (never the real one)")
    parser.add_argument("--brands", type=int, default=100, help="brands+projects in total")
    parser.add_argument("--honours", type=int, default=1000, help="honours in total")
    args = parser.parse_args()
    repo = Path(__file__).resolve().parents[1]
    if args.project.resolve() == repo:
        raise SystemExit("synthetic data goes into a copy of the project, not into the real one")
    if not (args.project / "data").is_dir():
        raise SystemExit(f"{args.project}/data is missing: copy the project first")
    print(generate(args.project, args.brands, args.honours))


if __name__ == "__main__":
    main()
