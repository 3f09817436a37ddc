"""publish(): build, check, write the nginx configuration, switch. Each step must succeed first."""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import ModuleType

from tools.harness import release_build

from .csp import InlineCode, content_security_policy, scan_site
from .errors import PublishError, say
from .links import check_links, source_hint
from .nginx import csp_line, render_nginx_conf
from .releases import KEEP, Layout, adopt_hand_made, locked, new_release_name, point, prune, tree_digest

UNCHANGED = "已发布的网站没有任何改动。"


def publish(
    project: Path,
    dest: Path,
    *,
    keep: int = KEEP,
    listen: str = "80",
    server_name: str = "_",
    reload_command: str | None = None,
    say=say,
) -> str:
    """Build, check and switch; returns the new release's name. Raises PublishError."""
    layout = Layout(dest)
    if dest.exists() and not dest.is_dir():
        raise PublishError(f"{dest} 是一个文件，不是文件夹；请换一个发布位置。")
    address_rules = _address_rules(project)
    address = address_rules.configured_address(project, os.environ.get(address_rules.ENV_VARIABLE))
    if not address:
        raise PublishError(address_rules.MISSING_MESSAGE)
    say(f"网站网址：{address}")
    with locked(layout):
        release, policy = build_release(project, layout, say)
        running = install_nginx_conf(layout, release, policy, listen, server_name, reload_command, say)
        previous = layout.current()
        if dest.is_dir() and not dest.is_symlink():
            previous = adopt_hand_made(layout)
        say(f"第 4 步：切换 {dest} → {layout.link_target(release)}")
        point(dest, layout.link_target(release))
        prune(layout, keep=keep, protect={release, previous})
        say(f"发布完成：{dest} 现在是版本 {release}。")
        advise(layout, previous, running, changed=running != policy, reloaded=bool(reload_command), say=say)
        return release


def _address_rules(project: Path) -> ModuleType:
    """The published project's own address rule (hooks/showcase/address.py), read from its file.

    Loaded here, not imported at the top: it needs PyYAML, and --rollback must run with a bare Python;
    and by path, because the publishing tool runs without the core on ``sys.path``.
    """
    spec = importlib.util.spec_from_file_location("showcase_address", project / "hooks" / "showcase" / "address.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_release(project: Path, layout: Layout, say) -> tuple[str, str]:
    """Steps 1 and 2: a checked build in ``DEST.releases/<release>/``; its name and its CSP."""
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=layout.releases))
    os.chmod(building, 0o755)  # mkdtemp makes it private; nginx's workers must read it
    try:
        say(f"第 1 步：生成网站（python -m showcase build，严格检查）到临时文件夹 {building} ……")
        result = build(project, building)
        if result.returncode != 0:
            raise PublishError(f"网站生成失败，没有发布；{UNCHANGED}\n" + (result.stderr.strip() or result.stdout.strip()))
        say("第 2 步：检查站内链接、锚点和内联脚本 ……")
        inline = check_release(project, building)
        release = new_release_name(layout, tree_digest(building))
        live = layout.dest.resolve() if layout.dest.is_dir() else None
        policy = content_security_policy([inline] + ([scan_site(live)] if live else []))
        os.rename(building, layout.releases / release)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return release, policy


def check_release(project: Path, site_dir: Path) -> InlineCode:
    """Links and anchors that lead somewhere, inline code the CSP can allow; that inline code."""
    problems = check_links(site_dir)
    if problems:
        raise PublishError(
            f"发现 {len(problems)} 处失效的站内链接或锚点，没有发布；{UNCHANGED}\n"
            + "\n".join(f"  {p}{source_hint(project, p.split(' ', 1)[0])}" for p in problems)
        )
    inline = scan_site(site_dir)
    if inline.problems:
        raise PublishError(
            f"页面里有内容安全策略（CSP）不允许的内联脚本，没有发布；{UNCHANGED}\n"
            + "\n".join(f"  {page}：{what}，请改为放在 docs/javascripts/ 的脚本文件里" for page, what in inline.problems)
        )
    return inline


def install_nginx_conf(
    layout: Layout, release: str, policy: str, listen: str, server_name: str, reload_command: str | None, say
) -> str | None:
    """Step 3: the release's nginx configuration, linked as ``DEST.nginx.conf``; the CSP it replaced."""
    try:
        conf = layout.release_conf(release)
        conf.write_text(
            render_nginx_conf(policy, root=layout.dest, listen=listen, server_name=server_name, release=release),
            encoding="utf-8",
        )
        old_conf_target = os.readlink(layout.nginx_conf) if layout.nginx_conf.is_symlink() else None
        running = csp_line(layout.nginx_conf)
        say(f"第 3 步：写出 nginx 配置 {layout.nginx_conf} → {conf.name}")
        point(layout.nginx_conf, f"{layout.releases.name}/{conf.name}")
        if reload_command and running != policy:
            say(f"内容安全策略有变化，重新加载 nginx：{reload_command}")
            reloaded = subprocess.run(shlex.split(reload_command), capture_output=True, text=True)
            if reloaded.returncode != 0:
                if old_conf_target:
                    point(layout.nginx_conf, old_conf_target)
                else:
                    layout.nginx_conf.unlink()
                raise PublishError(f"重新加载 nginx 失败，没有切换；{UNCHANGED}\n" + (reloaded.stderr or reloaded.stdout))
    except BaseException:
        shutil.rmtree(layout.releases / release, ignore_errors=True)
        layout.release_conf(release).unlink(missing_ok=True)
        raise
    return running


def advise(layout: Layout, previous: str | None, running: str | None, *, changed: bool, reloaded: bool, say) -> None:
    """What the media team may do next: roll back, include the configuration, reload nginx."""
    if previous:
        project = Path(__file__).resolve().parents[3]
        say(f"上一版本 {previous} 已保留；回滚只需一条命令（在项目文件夹 {project} 里运行）："
            f"python3 -m tools.release.publish --dest {layout.dest} --rollback")
    if running is None:
        say(f"首次发布：请在 nginx 的 http {{}} 里加入 include {layout.nginx_conf}; 然后重新加载 nginx。")
    elif changed and not reloaded:
        say(
            f"注意：内容安全策略与上次不同，请马上重新加载 nginx（例如 nginx -t && nginx -s reload），"
            f"让 {layout.nginx_conf} 生效。重新加载之前，本版新增的内联脚本会被浏览器拦截；"
            "下次可加 --reload-command 'nginx -s reload'，在切换之前自动重新加载。"
        )


def build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """The release build of ``project`` into ``site_dir`` (the core's pipeline), reproducibly."""
    return release_build(project, site_dir)
