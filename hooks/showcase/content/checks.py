"""Checks across the data files, each small and named: what one file's schema cannot see.

Each check takes the files read from ``data/`` (``DataFiles``: each valid file with its record
and parsed document, and what could not be used) and returns the problems it finds, worded for
the media team. ``load_catalog`` runs all of them; ``make new`` runs them on the file it is
about to write.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field as dataclass_field
from pathlib import Path

from showcase.content.problems import Problem
from showcase.content.schema import Record
from showcase.content.validation import did_you_mean, dotted_path
from showcase.content.yaml_reader import YamlDocument

MAX_IMAGE_BYTES = 500 * 1024
CASE_SLUG_HINT = "请填 data/brands/ 或 data/projects/ 里某个文件的 slug。"


@dataclass
class LoadedFile:
    """One valid data file: its record, its path as editors see it (data/…), and its parsed document."""

    record: Record
    file: str
    document: YamlDocument

    def problem(self, field_name: str, message: str) -> Problem:
        """An error in this file, at the line of its top-level field ``field_name``."""
        return Problem(self.file, self.document.line_of((field_name,)), field_name, message)


@dataclass
class DataFiles:
    """What reading ``data/`` gave: the valid files by kind ("brands", "site.yml", …), and what could not be used.

    ``invalid`` holds the raw data of brand and project files that did not validate, and
    ``unreadable`` the collections with a file that is not even YAML. Their own errors are
    reported already, so the checks do not report links that might point into them again.
    """

    valid: dict[str, list[LoadedFile]] = dataclass_field(default_factory=lambda: defaultdict(list))
    invalid: list[dict] = dataclass_field(default_factory=list)
    unreadable: set[str] = dataclass_field(default_factory=set)

    def __getitem__(self, kind: str) -> list[LoadedFile]:
        return self.valid.get(kind, [])

    @property
    def invalid_slugs(self) -> set[str]:
        return {str(raw.get("slug")) for raw in self.invalid}

    @property
    def cases_known(self) -> bool:
        """Every brand and project file could be read: a slug missing from them is really missing."""
        return not self.unreadable & {"brands", "projects"}


def unique_slugs(files: DataFiles) -> list[Problem]:
    """No two files share a slug. Brands and projects share one namespace, since honours refer to either."""
    return duplicate_slugs(files["brands"] + files["projects"]) + duplicate_slugs(files["honours"])


def duplicate_slugs(group: list[LoadedFile]) -> list[Problem]:
    """Each file of ``group`` that takes a slug an earlier file already has."""
    problems = []
    first_file: dict[str, str] = {}
    for item in group:
        slug = item.record.slug
        if slug in first_file:
            message = f"网址名 {slug} 已被 {first_file[slug]} 使用。每个文件的 slug 必须不同，请换一个。"
            problems.append(item.problem("slug", message))
        else:
            first_file[slug] = item.file
    return problems


def one_master(files: DataFiles) -> list[Problem]:
    """Exactly one brand without a parent, the master brand, and it is no draft."""
    problems = []
    masters = masters_of(files)
    master_invalid = any("parent" not in raw for raw in files.invalid)
    brands_known = "brands" not in files.unreadable
    if files["brands"] and (len(masters) > 1 or (not masters and not master_invalid and brands_known)):
        names = "、".join(x.file for x in masters) or "（没有）"
        target = masters[1] if len(masters) > 1 else files["brands"][0]
        problems.append(target.problem(
            "parent",
            f"总品牌只能有一个（不填 parent 的品牌就是总品牌），现在是：{names}。子品牌请填 parent: 总品牌的网址名。",
        ))
    for item in masters:
        if item.record.draft:
            problems.append(item.problem("draft", "总品牌不能是草稿：网站的首页和品牌矩阵都从它开始。请删掉 draft 这一行。"))
    return problems


def parents(files: DataFiles) -> list[Problem]:
    """A sub-brand's parent is the master brand; a project's parent is a sub-brand."""
    problems = []
    if "brands" in files.unreadable:
        return problems
    unchecked = files.invalid_slugs
    masters = masters_of(files)
    master_slug = masters[0].record.slug if masters else None
    for item in files["brands"]:
        parent = item.record.parent
        if parent is not None and parent == item.record.slug:
            problems.append(item.problem("parent", "品牌不能是自己的上级品牌。子品牌的上级品牌选总品牌；总品牌不选上级品牌。"))
        elif parent is not None and parent != master_slug and parent not in unchecked:
            known = f"应填总品牌的网址名 {master_slug}" if master_slug else "请先确定总品牌"
            problems.append(item.problem("parent", f"上级品牌 {parent} 不存在或不是总品牌，{known}。"))
    brands = {x.record.slug: x.record for x in files["brands"]}
    options = "、".join(s for s, b in brands.items() if b.parent is not None)
    for item in files["projects"]:
        parent = item.record.parent
        if parent in unchecked:
            continue
        if parent in brands and brands[parent].parent is None:
            problems.append(item.problem("parent", f"{parent} 是总品牌。法庭特色项目要放在某个子品牌下面，可填：{options}。"))
        elif parent not in brands:
            problems.append(item.problem("parent", f"所属子品牌 {parent} 不存在。可填：{options}。"))
    return problems


def references(files: DataFiles) -> list[Problem]:
    """Activity logs and honours name an existing brand or project; one activity log per brand."""
    problems = []
    known = {x.record.slug for x in files["brands"] + files["projects"]}
    unchecked = files.invalid_slugs

    def missing(ref: str | None) -> bool:
        return ref is not None and ref not in known and ref not in unchecked and files.cases_known

    logs: dict[str, str] = {}
    for item in files["activities"]:
        ref = item.record.brand
        if ref in logs:
            problems.append(item.problem("brand", f"{ref} 的活动记录已经在 {logs[ref]} 里了。同一个品牌的记录请写在同一个文件中。"))
        logs.setdefault(ref, item.file)
        if missing(ref):
            problems.append(item.problem("brand", f"品牌 {ref} 不存在。{did_you_mean(ref, known)}{CASE_SLUG_HINT}"))
    for item in files["honours"]:
        ref = item.record.brand
        if missing(ref):
            problems.append(item.problem("brand", f"品牌 {ref} 不存在。{did_you_mean(ref, known)}{CASE_SLUG_HINT}"))
    return problems


def honour_sources(files: DataFiles) -> list[Problem]:
    """A draft honour may wait for its source; one that goes public names it."""
    return [
        item.problem("source", f"荣誉“{item.record.title}”还没有出处（来源报告及所在部分）。"
                              "请填上出处再取消草稿；出处还没有找到，就先保留草稿。")
        for item in files["honours"]
        if not item.record.draft and not item.record.source
    ]


def images(files: DataFiles, docs_dir: Path) -> list[Problem]:
    """A missing image is an error naming its path; one over 500 KB is a warning with a hint."""
    problems = []
    for items in files.valid.values():
        for item in items:
            for path, image in _images_of(item.record):
                problem = _image_problem(docs_dir / image.src, image.src)
                if problem:
                    message, severity = problem
                    field = path + ("src",)
                    problems.append(Problem(item.file, item.document.line_of(field), dotted_path(field), message, severity))
    return problems


def _image_problem(target: Path, src: str) -> tuple[str, str] | None:
    if not target.is_file():
        return f"找不到图片 docs/{src}。请把图片放进 docs/ 下的这个位置，或改正路径（区分大小写）。", "error"
    size = target.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return (
            f"图片 docs/{src} 有 {size // 1024} KB，超过 500 KB，手机上会打开得慢。"
            "建议把宽度缩到 1600 像素以内，并另存为质量 80% 左右的 JPG 或 WebP。",
            "warning",
        )
    return None


def _images_of(record) -> list[tuple[tuple, object]]:
    found = []
    if getattr(record, "logo", None) is not None:
        found.append((("logo",), record.logo))
    for index, image in enumerate(getattr(record, "images", []) or []):
        found.append((("images", index), image))
    return found


def posts(files: DataFiles, docs_dir: Path) -> list[Problem]:
    """An activity record's news post exists under docs/."""
    problems = []
    for item in files["activities"]:
        for index, record in enumerate(item.record.records):
            if record.post and not (docs_dir / record.post).is_file():
                path = ("records", index, "post")
                problems.append(
                    Problem(item.file, item.document.line_of(path), dotted_path(path),
                            f"找不到新闻 docs/{record.post}。请核对文件名（在 docs/news/posts/ 里）。")
                )
    return problems


def masters_of(files: DataFiles) -> list[LoadedFile]:
    """The brand files without a parent: the master brand, if the data is right."""
    return [x for x in files["brands"] if x.record.parent is None]


# Every check of the links between files, in the order their problems are reported.
LINK_CHECKS = (unique_slugs, one_master, parents, references, honour_sources)
# Checks of the files under docs/ that the data points to.
DOCS_CHECKS = (images, posts)
