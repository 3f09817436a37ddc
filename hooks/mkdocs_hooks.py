"""MkDocs shim: the core's engine input and finishing, through MkDocs' public events.

``python -m showcase build`` writes the engine input to a folder and runs an engine on it; the
preview (``make serve``) and a plain ``mkdocs build`` use this file instead, which hands MkDocs
the same input (showcase.engines.engine_input) without writing it out, and applies the same finishing
(showcase.engines.finish). MkDocs puts this file's folder on sys.path while it loads, so the core is
imported at top level; a new ``Build`` starts with every ``on_config``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from showcase.engines.engine_input import InputProblem, SiteConfig, is_kept, site_input
from showcase.engines.finish import finish_page, finish_site
from showcase.engines.mkdocs_messages import reword_warnings
from showcase.settings import Settings

log = logging.getLogger("mkdocs.hooks.showcase")


class Build:
    """This build's settings and engine input."""

    command = "build"  # MkDocs' command, from on_startup

    def __init__(self, settings: Settings, site) -> None:
        self.settings, self.site = settings, site


build: Build | None = None


def on_startup(command, dirty):
    Build.command = command


def on_config(config):
    global build
    serving = Build.command == "serve"
    settings = Settings.for_project(Path(config.config_file_path).parent, Build.command,
                                    use_directory_urls=config.use_directory_urls)
    reword_warnings(settings.docs_dir)
    plain_scripts = [str(s) for s in config.extra_javascript if isinstance(s, str) or not (s.type or s.defer or s.async_)]
    read = SiteConfig(config.site_name, config.site_description or "", config.site_author or "", list(config.nav or []),
                      [str(s) for s in config.extra_css], plain_scripts, [str(s) for s in config.extra.get("print_css", [])])
    try:
        site = site_input(settings, read, site_url=config.site_url, serving=serving)
    except InputProblem as problem:
        raise PluginError(str(problem)) from None
    for note in site.notes:
        log.info(note)
    build = Build(settings, site)
    config.nav = site.nav
    if not serving:  # `mkdocs serve` keeps its local address
        config.site_url = site.site_url
    config.extra.update(site.extra)
    config.extra_css, config.extra_javascript = site.served_assets(list(config.extra_css), list(config.extra_javascript))
    return config


def on_files(files, config):
    for file in [f for f in files if not is_kept(f.src_uri, build.site, build.settings.preview)]:
        files.remove(file)
    for uri, content in build.site.files.items():
        if isinstance(content, Path):
            files.append(File.generated(config, uri, abs_src_path=str(content)))
        else:
            files.append(File.generated(config, uri, content=content))
    # In the order MkDocs reads a docs folder from disk, as `python -m showcase build` gives it the
    # same files: pages are built, and indexed for search, in the same order either way.
    return Files(sorted(files, key=lambda file: disk_order(file.src_uri)))


def disk_order(src_uri: str) -> tuple:
    """A folder's files (index.md first) before its subfolders, each by name: os.walk's order."""
    *folders, name = src_uri.split("/")
    return (*[(1, folder) for folder in folders], (0, name not in ("index.md", "README.md"), name))


def on_post_page(output, page, config):
    return finish_page(output, build.site.names)


def on_post_build(config):
    # `mkdocs serve`'s local address makes no feed and no sitemap.
    site_url = build.site.site_url if Build.command != "serve" else None
    finish_site(Path(config.site_dir), build.site, build.settings, site_url=site_url)


def on_post_template(output_content, template_name, config):
    """404.html and the other static templates get the same typography as the pages."""
    return finish_page(output_content, build.site.names) if template_name.endswith(".html") else output_content
