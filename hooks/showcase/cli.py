"""Command line for the media team and CI: ``python -m showcase check`` and ``schema``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import load_catalog
from .parse_cache import CACHE_FOLDER
from .scaffold import KINDS, QUESTIONS, ScaffoldError, create
from .json_schema import stale_schemas, write_schemas
from .problems import DataInvalid, format_report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="showcase", description="检查网站资料，或导出资料的 JSON Schema。")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="检查 data/ 里的所有资料文件")
    check.add_argument("--data", type=Path, default=Path("data"))
    schema = commands.add_parser("schema", help="把资料结构导出为 JSON Schema（供编辑器自动补全）")
    schema.add_argument("--out", type=Path, default=Path("schemas"))
    schema.add_argument("--check", action="store_true", help="只检查已导出的文件是否最新")
    new = commands.add_parser("new", help="新建一个品牌、法庭项目、荣誉或新闻文件")
    new.add_argument("kind", choices=KINDS)
    for name in sorted({q.name for questions in QUESTIONS.values() for q in questions}):
        new.add_argument(f"--{name.replace('_', '-')}", dest=name, default="")
    args = parser.parse_args(argv)

    if args.command == "new":
        return _new(args)
    if args.command == "check":
        return _check(args.data)
    if args.check:
        stale = stale_schemas(args.out)
        for name in stale:
            print(f"{args.out / name} 不是最新的，请运行 make schema。")
        return 1 if stale else 0
    for path in write_schemas(args.out):
        print(f"已写入 {path}")
    return 0


def _new(args: argparse.Namespace) -> int:
    values = {q.name: getattr(args, q.name) for q in QUESTIONS[args.kind]}
    if sys.stdin.isatty():
        for question in QUESTIONS[args.kind]:
            while not values[question.name].strip() and question.required:
                values[question.name] = input(f"{question.prompt}（例如 {question.example}）：")
    try:
        path = create(args.kind, values, Path.cwd())
    except ScaffoldError as error:
        print(f"没有新建文件：{error}", file=sys.stderr)
        return 1
    print(f"已新建 {path.relative_to(Path.cwd()).as_posix()}。它是草稿，运行 make serve 就能在预览中看到。")
    return 0


def _check(data: Path) -> int:
    try:
        catalog = load_catalog(
            data, docs_dir=data.parent / "docs", include_drafts=True, cache_dir=data.parent / CACHE_FOLDER
        )
    except DataInvalid as error:
        print(format_report(error.problems), file=sys.stderr)
        return 1
    if catalog.warnings:
        print(format_report(catalog.warnings))
    print(
        f"检查通过：{1 + len(catalog.sub_brands)} 个品牌、{len(catalog.projects)} 个法庭特色项目、"
        f"{len(catalog.honours)} 项荣誉。"
    )
    return 0
