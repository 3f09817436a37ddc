"""Load every file under ``data/`` into one checked catalogue of the brand system."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from .collector import collector_paused
from .images import check_images
from .news import check_news_posts
from .problems import DataInvalid, Problem
from .schema import COLLECTIONS, SINGLE_FILES, Activity, Brand, Honour, Project, Record, Site
from .parse_cache import ParseCache
from .validation import did_you_mean, dotted_path, validate
from .yaml_reader import YamlDocument, YamlProblem

YAML_SUFFIXES = {".yml", ".yaml"}


@dataclass
class Catalog:
    """The brand system as the data describes it, with its links resolved."""

    site: Site
    master: Brand
    sub_brands: list[Brand]
    projects: list[Project]
    honours: list[Honour]
    # Activity records by brand or project slug, newest first.
    activities: dict[str, list[Activity]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    # Pages ask for these once per brand or honour: indexed once per catalogue, not searched each time.
    @cached_property
    def _by_slug(self) -> dict[str, Brand | Project]:
        return {item.slug: item for item in [self.master, *self.sub_brands, *self.projects]}

    @cached_property
    def _projects_by_parent(self) -> dict[str, list[Project]]:
        index: dict[str, list[Project]] = defaultdict(list)
        for project in self.projects:
            index[project.parent].append(project)
        return index

    @cached_property
    def _honours_by_brand(self) -> dict[str | None, list[Honour]]:
        index: dict[str | None, list[Honour]] = defaultdict(list)
        for honour in self.honours:
            index[honour.brand].append(honour)
        return index

    def projects_of(self, brand: Brand) -> list[Project]:
        return list(self._projects_by_parent.get(brand.slug, []))

    def honours_of(self, slug: str) -> list[Honour]:
        return list(self._honours_by_brand.get(slug, []))

    def activities_of(self, slug: str) -> list[Activity]:
        return self.activities.get(slug, [])

    def find(self, slug: str) -> Brand | Project | None:
        return self._by_slug.get(slug)


@dataclass
class _Loaded:
    record: Record
    file: str
    document: YamlDocument


def load_catalog(
    data_dir: Path, *, docs_dir: Path | None = None, include_drafts: bool = False, cache_dir: Path | None = None
) -> Catalog:
    """Read, validate and link ``data_dir``. Raise DataInvalid listing every error found.

    ``docs_dir``, when given, is where image paths must exist. Drafts are validated
    always, but kept only with ``include_drafts`` (the editors' preview). ``cache_dir``,
    when given, keeps parsed files between builds (see parse_cache).
    """
    problems: list[Problem] = []
    loaded: dict[str, list[_Loaded]] = defaultdict(list)
    # Brand and project files that failed validation: links to them are not reported again.
    failed: list[dict] = []
    # Collections with a file that could not be read at all: its slug is unknown.
    unreadable: set[str] = set()
    data_folder = data_dir.relative_to(data_dir.parent).as_posix()
    cache = ParseCache(cache_dir)

    with collector_paused():
        for parts in _data_files(data_dir):
            file = "/".join((data_folder, *parts))
            kind = _kind_of(parts)
            if kind is None:
                problems.append(Problem(file, None, None, _misplaced_message(Path(*parts))))
                continue
            try:
                with open(os.path.join(data_dir, *parts), "rb") as handle:
                    document, notes = cache.parse(handle.read())
            except YamlProblem as problem:
                problems.append(Problem(file, problem.line, None, problem.message))
                unreadable.add(kind)
                continue
            problems += [Problem(file, note.line, None, note.message, "warning") for note in notes]
            record, found = validate(_model_for(kind), document, file)
            problems += found
            if record is not None:
                loaded[kind].append(_Loaded(record, file, document))
            elif kind in ("brands", "projects") and isinstance(document.data, dict):
                failed.append(document.data)
            elif kind in ("brands", "projects"):
                unreadable.add(kind)

    cache.save()

    if not loaded.get("site.yml"):
        if not any(p.file.endswith("site.yml") for p in problems):
            problems.append(Problem("data/site.yml", None, None, "缺少全站信息文件 data/site.yml。"))
    problems += _check_links(loaded, failed, unreadable)
    if docs_dir is not None:
        problems += check_images(loaded, docs_dir)
        problems += _check_posts(loaded, docs_dir)
        problems += check_news_posts(docs_dir)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataInvalid(problems)

    brands = sorted((x.record for x in loaded["brands"]), key=lambda b: (b.order, b.slug))
    catalog = Catalog(
        site=loaded["site.yml"][0].record,
        master=next(b for b in brands if b.parent is None),
        sub_brands=[b for b in brands if b.parent is not None],
        projects=sorted((x.record for x in loaded["projects"]), key=lambda p: (p.order, p.slug)),
        honours=sorted((x.record for x in loaded["honours"]), key=lambda h: (h.date or "9999", h.slug)),
        activities={
            x.record.brand: sorted(x.record.records, key=lambda a: (a.date, a.title), reverse=True)
            for x in loaded["activities"]
        },
        warnings=problems,
    )
    return catalog if include_drafts else without_drafts(catalog)


def without_drafts(catalog: Catalog) -> Catalog:
    """The public catalogue: no drafts, no projects under a draft brand, no links to either."""
    sub_brands = [b for b in catalog.sub_brands if not b.draft]
    shown = {b.slug for b in sub_brands} | {catalog.master.slug}
    projects = [p for p in catalog.projects if not p.draft and p.parent in shown]
    shown |= {p.slug for p in projects}
    honours = [
        h if h.brand is None or h.brand in shown else h.model_copy(update={"brand": None})
        for h in catalog.honours
        if not h.draft
    ]
    activities = {slug: records for slug, records in catalog.activities.items() if slug in shown}
    return replace(catalog, sub_brands=sub_brands, projects=projects, honours=honours, activities=activities)


def _data_files(data_dir: Path) -> list[tuple[str, ...]]:
    """Every file under ``data_dir`` but hidden ones, as path parts, in path order."""
    files = []
    for folder, subfolders, names in os.walk(data_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        relative = Path(folder).relative_to(data_dir).parts
        files += [(*relative, name) for name in names if not name.startswith(".")]
    return sorted(files)


def _kind_of(parts: tuple[str, ...]) -> str | None:
    """'site.yml', or the collection folder a YAML file belongs to; None for anything else."""
    if os.path.splitext(parts[-1])[1] not in YAML_SUFFIXES:
        return None
    if len(parts) == 1 and parts[0] in SINGLE_FILES:
        return parts[0]
    if len(parts) == 2 and parts[0] in COLLECTIONS:
        return parts[0]
    return None


def _model_for(kind: str) -> type[Record]:
    return SINGLE_FILES.get(kind) or COLLECTIONS[kind]


def _misplaced_message(relative: Path) -> str:
    folders = "、".join(f"data/{name}/" for name in COLLECTIONS)
    if relative.suffix not in YAML_SUFFIXES:
        return f"data/ 里只能放 YAML 数据文件（.yml），这个文件不是。请把它移到别处，图片请放在 docs/images/。"
    return f"不认识这个位置的数据文件。品牌、法庭项目、荣誉分别放在 {folders}，全站信息在 data/site.yml。"


def _check_links(loaded: dict[str, list[_Loaded]], failed: list[dict], unreadable: set[str]) -> list[Problem]:
    """Checks across files: unique slugs, one master brand, and references that resolve.

    ``failed`` holds the raw data of brand and project files that did not validate, and
    ``unreadable`` the collections with a file that is not even YAML. Their own errors are
    reported already, so links that might point into them are not reported a second time.
    """
    problems: list[Problem] = []
    unchecked = {str(raw.get("slug")) for raw in failed}

    def problem(item: _Loaded, field_name: str, message: str) -> None:
        problems.append(Problem(item.file, item.document.line_of((field_name,)), field_name, message))

    # Brands and projects share one namespace, since honours refer to either.
    for group in (loaded["brands"] + loaded["projects"], loaded["honours"]):
        first_file: dict[str, str] = {}
        for item in group:
            slug = item.record.slug
            if slug in first_file:
                problem(item, "slug", f"网址名 {slug} 已被 {first_file[slug]} 使用。每个文件的 slug 必须不同，请换一个。")
            else:
                first_file[slug] = item.file

    brands = {x.record.slug: x.record for x in loaded["brands"]}
    masters = [x for x in loaded["brands"] if x.record.parent is None]
    master_failed = any("parent" not in raw for raw in failed)
    brands_known = "brands" not in unreadable
    if loaded["brands"] and (len(masters) > 1 or (not masters and not master_failed and brands_known)):
        names = "、".join(x.file for x in masters) or "（没有）"
        target = masters[1] if len(masters) > 1 else loaded["brands"][0]
        problem(
            target,
            "parent",
            f"总品牌只能有一个（不填 parent 的品牌就是总品牌），现在是：{names}。子品牌请填 parent: 总品牌的网址名。",
        )
    master_slug = masters[0].record.slug if masters else None
    for item in masters:
        if item.record.draft:
            problem(item, "draft", "总品牌不能是草稿：网站的首页和品牌矩阵都从它开始。请删掉 draft 这一行。")
    for item in loaded["brands"]:
        parent = item.record.parent
        if parent is not None and parent != master_slug and parent not in unchecked and brands_known:
            known = f"应填总品牌的网址名 {master_slug}" if master_slug else "请先确定总品牌"
            problem(item, "parent", f"上级品牌 {parent} 不存在或不是总品牌，{known}。")
    options = "、".join(s for s, b in brands.items() if b.parent is not None)
    for item in loaded["projects"]:
        parent = item.record.parent
        if parent in unchecked or not brands_known:
            continue
        if parent in brands and brands[parent].parent is None:
            problem(item, "parent", f"{parent} 是总品牌。法庭特色项目要放在某个子品牌下面，可填：{options}。")
        elif parent not in brands:
            problem(item, "parent", f"所属子品牌 {parent} 不存在。可填：{options}。")
    known = set(brands) | {x.record.slug for x in loaded["projects"]}
    logs: dict[str, str] = {}
    for item in loaded["activities"]:
        ref = item.record.brand
        if ref in logs:
            problem(item, "brand", f"{ref} 的活动记录已经在 {logs[ref]} 里了。同一个品牌的记录请写在同一个文件中。")
        logs.setdefault(ref, item.file)
        if ref not in known and ref not in unchecked and not unreadable & {"brands", "projects"}:
            problem(item, "brand", f"品牌 {ref} 不存在。{did_you_mean(ref, known)}请填 data/brands/ 或 data/projects/ 里某个文件的 slug。")
    for item in loaded["honours"]:
        ref = item.record.brand
        if ref is not None and ref not in known and ref not in unchecked and not unreadable & {"brands", "projects"}:
            guess = did_you_mean(ref, known)
            problem(item, "brand", f"品牌 {ref} 不存在。{guess}请填 data/brands/ 或 data/projects/ 里某个文件的 slug。")
    return problems


def _check_posts(loaded: dict[str, list[_Loaded]], docs_dir: Path) -> list[Problem]:
    """An activity record's news post must exist under docs/."""
    problems = []
    for item in loaded["activities"]:
        for index, record in enumerate(item.record.records):
            if record.post and not (docs_dir / record.post).is_file():
                path = ("records", index, "post")
                problems.append(
                    Problem(item.file, item.document.line_of(path), dotted_path(path),
                            f"找不到新闻 docs/{record.post}。请核对文件名（在 docs/news/posts/ 里）。")
                )
    return problems
