"""Read every file under ``data/``, validate it against its schema, check the links, build the catalogue."""

from __future__ import annotations

import os
from pathlib import Path

from showcase.content import checks
from showcase.content.catalog import Catalog, without_drafts
from showcase.content.checks import DataFiles, LoadedFile
from showcase.content.gc_pause import collector_paused
from showcase.news import POSTS_FOLDER
from showcase.news.posts import check_news_posts
from showcase.content.parse_cache import ParseCache
from showcase.content.problems import DataInvalid, Problem
from showcase.content.schema import COLLECTIONS, SINGLE_FILES, Record
from showcase.content.validation import validate
from showcase.content.yaml_reader import YamlProblem

YAML_SUFFIXES = {".yml", ".yaml"}


def load_catalog(
    data_dir: Path,
    *,
    docs_dir: Path | None = None,
    include_drafts: bool = False,
    cache_dir: Path | None = None,
    posts_dir: str = POSTS_FOLDER.as_posix(),
) -> Catalog:
    """Read, validate and link ``data_dir``. Raise DataInvalid listing every error found.

    ``docs_dir``, when given, is where image paths must exist. Drafts are validated
    always, but kept only with ``include_drafts`` (the editors' preview). ``cache_dir``,
    when given, keeps parsed files between builds (see parse_cache). ``posts_dir`` is where
    the news posts are, under ``docs_dir``.
    """
    files, problems = read_data(data_dir, cache_dir)
    if not files["site.yml"]:
        if not any(p.file.endswith("site.yml") for p in problems):
            problems.append(Problem("data/site.yml", None, None, "缺少全站信息文件 data/site.yml。"))
    for check in checks.LINK_CHECKS:
        problems += check(files)
    if docs_dir is not None:
        for docs_check in checks.DOCS_CHECKS:
            problems += docs_check(files, docs_dir)
        problems += check_news_posts(docs_dir, Path(posts_dir))
    if any(p.severity == "error" for p in problems):
        raise DataInvalid(problems)
    catalog = catalog_of(files, warnings=problems)
    return catalog if include_drafts else without_drafts(catalog)


def read_data(data_dir: Path, cache_dir: Path | None = None) -> tuple[DataFiles, list[Problem]]:
    """Every file under ``data_dir``, parsed and validated one by one; the problems of each file."""
    problems: list[Problem] = []
    files = DataFiles()
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
                files.unreadable.add(kind)
                continue
            problems += [Problem(file, note.line, None, note.message, "warning") for note in notes]
            record, found = validate(model_for(kind), document, file)
            problems += found
            if record is not None:
                files.valid[kind].append(LoadedFile(record, file, document))
            elif kind in ("brands", "projects") and isinstance(document.data, dict):
                files.invalid.append(document.data)
            elif kind in ("brands", "projects"):
                files.unreadable.add(kind)
    cache.save()
    return files, problems


def catalog_of(files: DataFiles, warnings: list[Problem]) -> Catalog:
    """The catalogue of files that passed every check, each list in the data's order."""
    brands = sorted((x.record for x in files["brands"]), key=lambda b: (b.order, b.slug))
    return Catalog(
        site=files["site.yml"][0].record,
        master=next(b for b in brands if b.parent is None),
        sub_brands=[b for b in brands if b.parent is not None],
        projects=sorted((x.record for x in files["projects"]), key=lambda p: (p.order, p.slug)),
        honours=sorted((x.record for x in files["honours"]), key=lambda h: (h.date or "9999", h.slug)),
        activities={
            x.record.brand: sorted(x.record.records, key=lambda a: (a.date, a.title), reverse=True)
            for x in files["activities"]
        },
        warnings=warnings,
    )


def model_for(kind: str) -> type[Record]:
    """The schema of a kind of data file: "site.yml" or a collection folder such as "brands"."""
    return SINGLE_FILES.get(kind) or COLLECTIONS[kind]


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


def _misplaced_message(relative: Path) -> str:
    folders = "、".join(f"data/{name}/" for name in COLLECTIONS)
    if relative.suffix not in YAML_SUFFIXES:
        return "data/ 里只能放 YAML 数据文件（.yml），这个文件不是。请把它移到别处，图片请放在 docs/images/。"
    return f"不认识这个位置的数据文件。品牌、法庭项目、荣誉分别放在 {folders}，全站信息在 data/site.yml。"
