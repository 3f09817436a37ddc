"""The site's public address: set once, in data/site.yml (``url``) or by the SITE_URL variable.

SITE_URL is read at the edge (showcase.settings, or the tool that publishes) and passed in here.

Without an address the public build writes no absolute address at all (no canonical link,
og:url, JSON-LD url, sitemap or feed), and ``make publish`` refuses to run. Only the editors'
preview (``mkdocs serve``) uses its own local address.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ENV_VARIABLE = "SITE_URL"
SITE_FILE = Path("data", "site.yml")
MISSING_MESSAGE = (
    "没有设置网站网址，不能发布：新闻订阅、网站地图和规范网址都需要完整网址。"
    "请在 data/site.yml 里填写 url（例如 url: https://网站网址/），"
    "或在命令前加 SITE_URL=https://网站网址/ 。"
)


def normalised(address: str | None) -> str | None:
    """The address with one trailing slash, or None when empty."""
    address = (address or "").strip()
    if not address:
        return None
    return address if address.endswith("/") else address + "/"


def site_address(site_url_field: str | None, site_url: str | None = None) -> str | None:
    """``site_url`` (SITE_URL, a one-off override) when set, else data/site.yml's ``url``, else None."""
    return normalised(site_url) or normalised(site_url_field)


def configured_address(project: Path, site_url: str | None = None) -> str | None:
    """The address a build of ``project`` would use, read without validating the data."""
    try:
        data = yaml.safe_load((project / SITE_FILE).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        data = None
    field = data.get("url") if isinstance(data, dict) and isinstance(data.get("url"), str) else None
    return site_address(field, site_url)
