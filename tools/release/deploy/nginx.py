"""The nginx configuration of a release, from deploy/nginx.conf.template, with its CSP."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import PublishError

TEMPLATE = Path(__file__).resolve().parents[3] / "deploy" / "nginx.conf.template"


def render_nginx_conf(
    csp: str,
    *,
    root: Path,
    listen: str = "80",
    server_name: str = "_",
    release: str = "",
    template: Path = TEMPLATE,
) -> str:
    """The nginx configuration from ``deploy/nginx.conf.template``."""
    if re.search(r'["$\\\n]', csp):
        raise PublishError(f"内容安全策略里有 nginx 不能原样写出的字符：{csp}")
    if re.search(r'["$\\\n;{}]', str(root)):
        raise PublishError(f"发布位置的路径里有 nginx 配置不能接受的字符：{root}")
    text = template.read_text(encoding="utf-8")
    for key, value in {
        "@CSP@": csp,
        "@ROOT@": f'"{root}"',
        "@LISTEN@": listen,
        "@SERVER_NAME@": server_name,
        "@RELEASE@": release or "-",
    }.items():
        text = text.replace(key, value)
    leftover = re.findall(r"@[A-Z_]+@", text)
    if leftover:
        raise PublishError(f"nginx 模板 {template} 里有未知的占位符：{', '.join(sorted(set(leftover)))}")
    return text


def csp_line(conf: Path) -> str | None:
    """The Content-Security-Policy an nginx configuration file sends, if any."""
    if not conf.is_file():
        return None
    match = re.search(r'add_header Content-Security-Policy "([^"]*)"', conf.read_text(encoding="utf-8"))
    return match.group(1) if match else None
