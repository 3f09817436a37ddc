"""``python -m showcase generate|finish|build``: the pipeline, generate → engine → finish.

- generate: the engine input (showcase.engines.engine_input) written to a folder, with its configuration
  (showcase.engines.engine_config): every page as Markdown, the assets, the nav from the data;
- engine: MkDocs + Material (the default, in this Python) or Zensical (its own virtual
  environment, made by ``make build ENGINE=zensical``), strict, into the site folder;
- finish (showcase.engines.finish): typography, stylesheets, feed and sitemap, on the built HTML.

A release is a clean build: no step reads a cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from showcase.engines.engine_config import engine_config, read_config, site_config
from showcase.engines.engine_input import InputProblem, SiteInput, site_input, write_input
from showcase.engines.finish import finish_pages, finish_site
from showcase.settings import Settings

ENGINES = ("mkdocs", "zensical")
CONFIG = "mkdocs.yml"
INPUT_DIR = Path("build", "engine-input")
# Where `make build ENGINE=zensical` installs Zensical (pinned in requirements-zensical.txt).
ZENSICAL = Path(".venv-zensical", "bin", "zensical")
# Theme overrides written for Material's markup that Zensical's scripts do not drive: Zensical keeps
# its own. partials/search.html (a name for the search dialog) replaces Zensical's search button.
MATERIAL_ONLY = ("partials/search.html",)


def project_settings(root: Path, config: dict) -> Settings:
    """The settings of a build of ``root``, with mkdocs.yml's ``use_directory_urls`` as MkDocs reads it."""
    return Settings.for_project(root, use_directory_urls=config.get("use_directory_urls") is not False)


def generate(root: Path, target: Path, engine: str = "mkdocs") -> tuple[SiteInput, Settings]:
    """Write the engine input for the project in ``root`` to ``target``; the input and settings."""
    config = read_config(root / CONFIG)
    settings = project_settings(root, config)
    site = site_input(settings, site_config(config))
    write_input(site, settings, target)
    custom_dir = None
    overrides = (config.get("theme") or {}).get("custom_dir")
    shutil.rmtree(target / "overrides", ignore_errors=True)  # an earlier Zensical input's copy
    if engine == "zensical" and isinstance(overrides, str):
        custom_dir = "overrides"
        shutil.copytree(root / overrides, target / custom_dir, ignore=lambda folder, names: [
            n for n in names if (Path(folder) / n).relative_to(root / overrides).as_posix() in MATERIAL_ONLY])
    (target / CONFIG).write_text(engine_config(config, site, root, custom_dir), encoding="utf-8")
    return site, settings


def finish(site: SiteInput, settings: Settings, site_dir: Path) -> None:
    """The finishing pass on a site built from ``site``."""
    finish_pages(site_dir, site.names)
    finish_site(site_dir, site, settings, site_url=site.site_url)


def run_engine(engine: str, input_dir: Path, site_dir: Path, root: Path = Path.cwd()) -> int:
    """The engine's strict build of ``input_dir`` into ``site_dir``; 0 when it made the site."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    if engine == "zensical":
        zensical = Path(os.environ.get("SHOWCASE_ZENSICAL") or root / ZENSICAL)
        if not zensical.exists():
            print(f"没有找到 Zensical（{zensical}）：请用 make build ENGINE=zensical，它会先安装。", file=sys.stderr)
            return 1
        env = {**os.environ, "NO_COLOR": "1"}
        result = subprocess.run([str(zensical.resolve()), "build", "--strict", "--clean"], cwd=input_dir, env=env,
                                capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stdout[-4000:] + result.stderr[-4000:], file=sys.stderr)
            return result.returncode
        shutil.move(input_dir / "site", site_dir)
        return 0
    from showcase.engines.mkdocs_commands import build as mkdocs_build
    from showcase.engines.mkdocs_messages import reword_warnings

    reword_warnings(input_dir / "docs")  # the hand-written pages keep their paths under docs/
    return mkdocs_build(input_dir / CONFIG, site_dir)


def build(root: Path, site_dir: Path, engine: str = "mkdocs", input_dir: Path | None = None) -> int:
    """generate → engine → finish; 0 when the site was made."""
    input_dir = input_dir or root / INPUT_DIR
    site_dir = site_dir.resolve()
    try:
        site, settings = generate(root, input_dir, engine)
    except InputProblem as problem:
        print(str(problem), file=sys.stderr)
        print("网站没有生成：请按上面的提示改好后再试。", file=sys.stderr)
        return 1
    for note in site.notes:
        print(note)
    status = run_engine(engine, input_dir, site_dir, root)
    if status != 0:
        return status
    finish(site, settings, site_dir)
    return 0


def finish_built_site(root: Path, site_dir: Path) -> int:
    """``python -m showcase finish SITE``: the finishing pass on a site an engine built from ``generate``."""
    config = read_config(root / CONFIG)
    settings = project_settings(root, config)
    try:
        site = site_input(settings, site_config(config))
    except InputProblem as problem:
        print(str(problem), file=sys.stderr)
        return 1
    finish(site, settings, site_dir)
    return 0
