"""The engine's configuration: mkdocs.yml, read without running anything, and the generated copy.

mkdocs.yml stays the one configuration the team edits. Its tags (``!ENV``, the slugify
function of ``!!python/object/apply``) are kept as written: the copy for the engine input
carries them over for the engine to resolve. The copy has the full nav from the data, the
bundled assets and the site's address, and no hooks: every engine builds it as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from showcase.engines.engine_input import SiteConfig, SiteInput


class _Tagged:
    """A value behind a tag that only the engine resolves; written back unchanged."""

    def __init__(self, node: yaml.Node):
        self.node = node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged(node))
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: _Tagged(node))
_Dumper.add_representer(_Tagged, lambda dumper, value: value.node)


def read_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def site_config(config: dict[str, Any]) -> SiteConfig:
    scripts = [s for s in config.get("extra_javascript") or [] if isinstance(s, str)]
    return SiteConfig(
        site_name=str(config.get("site_name") or ""),
        site_description=str(config.get("site_description") or ""),
        site_author=str(config.get("site_author") or ""),
        nav=list(config.get("nav") or []),
        extra_css=[str(s) for s in config.get("extra_css") or []],
        extra_javascript=scripts,
        print_css=[str(s) for s in (config.get("extra") or {}).get("print_css") or []],
    )


def engine_config(config: dict[str, Any], site: SiteInput, root: Path, custom_dir: str | None = None) -> str:
    """The configuration of the generated input, as YAML: mkdocs.yml with the core's parts filled in."""
    derived = {key: value for key, value in config.items() if key not in ("hooks", "watch", "nav")}
    derived["docs_dir"] = "docs"
    derived["site_dir"] = "site"  # inside the input, as Zensical requires; the build moves it
    if site.site_url:
        derived["site_url"] = site.site_url
    theme = dict(derived.get("theme") or {})
    if custom_dir:
        theme["custom_dir"] = custom_dir
    elif theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    derived["theme"] = theme
    stylesheets, scripts = site.served_assets(list(config.get("extra_css") or []), list(config.get("extra_javascript") or []))
    derived["extra_css"], derived["extra_javascript"] = stylesheets, scripts
    derived["extra"] = {**(derived.get("extra") or {}), **site.extra}
    derived["nav"] = site.nav
    return yaml.dump(derived, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
