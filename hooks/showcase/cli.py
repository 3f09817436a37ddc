"""Command line for the media team and CI: ``python -m showcase serve|edit|check|build|new|package|publish|schema``.

The make targets call these commands; without make (a Windows PC, a domestic Linux desktop) the
same commands run from the project folder as ``python -m showcase …`` (README, 不用 make).
"""

from __future__ import annotations

import argparse
import os
import posixpath
import subprocess
import sys
from pathlib import Path

from showcase.content.catalog import Catalog
from showcase.editing.json_schema import stale_schemas, write_schemas
from showcase.content.loader import load_catalog
from showcase.news.news_photo import photo_src
from showcase.pages.models import build_pages
from showcase.content.parse_cache import CACHE_FOLDER
from showcase.news.post_links import IMAGE_SUFFIXES, check_post_links, post_files, post_links
from showcase.content.problems import DataInvalid, format_report

from showcase.editing.scaffold import KINDS, QUESTIONS, ScaffoldError, create

COMMANDS = {
    "serve": "预览网站（改动后自动刷新）",
    "edit": "打开网页表单编辑器和预览（http://127.0.0.1:8000/admin/）",
    "check": "检查资料文件、新闻和图片",
    "build": "生成网站到 site/ 文件夹（生成页面 → 引擎 → 统一加工）",
    "generate": "只生成交给引擎的全部文件（页面、导航、配置），放在指定文件夹",
    "finish": "对引擎生成的网站做统一加工（中文排版、新闻订阅、网站地图）",
    "new": "新建一个品牌、法庭项目、荣誉、活动记录或新闻文件",
    "package": "检查网站，再把项目打成带日期的 zip 压缩包，交给信息技术人员发布",
    "publish": "在服务器上发布网站（信息技术人员用）",
    "schema": "把资料结构导出为 JSON Schema（供编辑器自动补全）",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m showcase", description="党建品牌展示网站的常用命令。")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")
    sub = {name: commands.add_parser(name, help=text, description=text) for name, text in COMMANDS.items()}
    sub["serve"].add_argument("--dev-addr", help="预览地址，默认 127.0.0.1:8000")
    sub["edit"].add_argument("--port", type=int, default=8000, help="预览和编辑器的端口，默认 8000")
    sub["edit"].add_argument("--backend-port", type=int, default=8081, help="资料服务的端口，默认 8081")
    sub["check"].add_argument("--data", type=Path, default=Path("data"))
    sub["build"].add_argument("--site-dir", type=Path, default=Path("site"), help="生成到哪个文件夹，默认 site/")
    sub["build"].add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs", help="引擎：mkdocs（默认）或 zensical")
    sub["generate"].add_argument("folder", type=Path, help="放引擎输入的文件夹，例如 build/engine-input")
    sub["generate"].add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs", help="为哪个引擎生成")
    sub["finish"].add_argument("site", type=Path, help="引擎生成的网站文件夹，例如 site")
    sub["package"].add_argument("--out", type=Path, default=Path("."), help="压缩包放在哪个文件夹，默认项目文件夹")
    sub["publish"].add_argument("--dest", help="网站文件夹，例如 /srv/www/fayao；其余选项见 python -m tools.release.publish --help")
    sub["schema"].add_argument("--out", type=Path, default=Path("schemas"))
    sub["schema"].add_argument("--check", action="store_true", help="只检查已导出的文件是否最新")
    sub["new"].add_argument("kind", choices=KINDS)
    for name in sorted({q.name for questions in QUESTIONS.values() for q in questions}):
        sub["new"].add_argument(f"--{name.replace('_', '-')}", dest=name, default="")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["publish"] and argv[1:2] not in (["-h"], ["--help"]):
        # Everything after `publish` belongs to the release tool (--dest, --rollback …).
        return subprocess.call([sys.executable, "-m", "tools.release.publish", *argv[1:]])
    args = parser.parse_args(argv)

    if args.command == "edit":
        from showcase.editing import editor_servers

        return editor_servers.run(Path.cwd(), args.port, args.backend_port, os.environ)

    if args.command == "new":
        return _new(args)
    if args.command == "check":
        return _check(args.data)
    if args.command in ("build", "generate", "finish"):
        return _pipeline(args)
    # The engines only for the commands that run them: check stays light.
    if args.command == "serve":
        from showcase.engines import mkdocs_commands

        return mkdocs_commands.serve(Path("mkdocs.yml"), args.dev_addr)
    if args.command == "package":
        from showcase.package import package

        return package(Path.cwd(), args.out)
    if args.check:
        stale = stale_schemas(args.out)
        for name in stale:
            print(f"{args.out / name} 不是最新的，请运行 make schema。")
        return 1 if stale else 0
    for path in write_schemas(args.out):
        print(f"已写入 {path}")
    return 0


def _pipeline(args: argparse.Namespace) -> int:
    """generate → engine → finish (showcase.engines.pipeline), or one of its ends."""
    from showcase.engines import pipeline as engines

    if args.command == "build":
        status = engines.build(Path.cwd(), args.site_dir, args.engine)
        if status == 0:
            site = args.site_dir.resolve()
            shown = site.relative_to(Path.cwd().resolve()) if site.is_relative_to(Path.cwd().resolve()) else site
            print(f"网站已生成，在 {shown.as_posix()}/ 文件夹里。")
        return status
    if args.command == "finish":
        return engines.finish_built_site(Path.cwd(), args.site)
    try:
        engines.generate(Path.cwd(), args.folder, args.engine)
    except engines.InputProblem as problem:
        print(str(problem), file=sys.stderr)
        return 1
    print(f"引擎输入已写入 {args.folder.as_posix()}/（配置文件 {args.folder.as_posix()}/mkdocs.yml）。")
    return 0


def _new(args: argparse.Namespace) -> int:
    # An option, or else what `make new` passes in the environment (SHOWCASE_SLUG=…, see Makefile).
    values = {q.name: getattr(args, q.name) or os.environ.get(f"SHOWCASE_{q.name.upper()}", "") for q in QUESTIONS[args.kind]}
    if sys.stdin.isatty():
        for question in QUESTIONS[args.kind]:
            while not values[question.name].strip() and question.required:
                values[question.name] = input(f"{question.prompt}（例如 {question.example}）：")
    try:
        path = create(args.kind, values, Path.cwd())
    except ScaffoldError as error:
        print(f"没有新建文件：{error}", file=sys.stderr)
        return 1
    shown = path.relative_to(Path.cwd()).as_posix()
    if args.kind == "activity":
        print(f"已在 {shown} 里加了一条活动记录。活动记录没有草稿：生成网站时会一起公开，请先运行 make serve 在预览里核对。")
    else:
        print(f"已新建 {shown}。它是草稿，运行 make serve 就能在预览中看到。")
    return 0


def _check(data: Path) -> int:
    docs = data.parent / "docs"
    try:
        catalog = load_catalog(data, docs_dir=docs, include_drafts=True, cache_dir=data.parent / CACHE_FOLDER)
        wrong_paths = check_post_links(docs, {page.src_uri for page in build_pages(catalog)})
    except DataInvalid as error:
        print(format_report(error.problems), file=sys.stderr)
        return 1
    if wrong_paths:
        print(format_report(catalog.warnings + wrong_paths), file=sys.stderr)
        return 1
    if catalog.warnings:
        print(format_report(catalog.warnings))
    print(f"检查通过：{checked_summary(catalog, docs)}。")
    return 0


def checked_summary(catalog: Catalog, docs: Path) -> str:
    """What `make check` looked at, counted: 7 个品牌、3 个法庭特色项目 …"""
    posts = post_files(docs)
    records = sum(len(records) for records in catalog.activities.values())
    used = used_images(catalog, docs, posts)
    # A photo uploaded in the editor's 媒体 tab is in docs/images/ before any page shows it.
    unused = [path for path in sorted((docs / "images").glob("*"))
              if path.suffix.lower() in IMAGE_SUFFIXES and f"images/{path.name}" not in used]
    waiting = f"（docs/images/ 里另有 {len(unused)} 张还没有用在页面上）" if unused else ""
    return (
        f"{1 + len(catalog.sub_brands)} 个品牌、{len(catalog.projects)} 个法庭特色项目、{len(catalog.honours)} 项荣誉、"
        f"{records} 条活动记录、{len(posts)} 篇新闻、{len(used)} 张图片{waiting}"
    )


def used_images(catalog: Catalog, docs: Path, posts: list[Path]) -> set[str]:
    """The image files (relative to docs/) that the data and the news show: brands' and projects' logos
    and images, the photo of each post (its front matter's image) and the pictures in its text."""
    images = {image.src for item in catalog.all_cases for image in [item.logo, *item.images] if image is not None}
    for path in posts:
        text = path.read_text(encoding="utf-8", errors="replace")
        photo = photo_src(text)
        if photo:
            images.add(photo)
        folder = path.parent.relative_to(docs).as_posix()
        images.update(
            posixpath.normpath(posixpath.join(folder, target.split("#")[0]))
            for _, is_image, _, target in post_links(text) if is_image and "://" not in target
        )
    return images
