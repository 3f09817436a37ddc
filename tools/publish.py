"""Publish the site safely: build, check, then switch the live folder over in one step.

    python tools/publish.py --dest /srv/www/fayao            # make publish DEST=/srv/www/fayao
    python tools/publish.py --dest /srv/www/fayao --rollback  # back to the previous release

Steps, each of which must succeed before the next one starts:

1. ``mkdocs build --strict`` into a new, hidden folder inside ``DEST.releases/`` (same file
   system as DEST, so nothing is copied later). ``SOURCE_DATE_EPOCH`` is the last commit's time
   (or a fixed date outside git), so the same commit always gives the same bytes.
2. Checks of the result: every internal ``href``/``src`` (and ``srcset``) must name a file of
   the site and every ``#anchor`` an ``id`` on the target page; inline code must be hashable
   for the Content-Security-Policy (no ``onclick=…``, no ``javascript:`` URLs).
3. The folder is renamed to ``DEST.releases/<UTC time>-<content hash>/`` and the nginx
   configuration for it, with the CSP of its inline scripts, is written beside it as
   ``DEST.releases/<release>.nginx.conf``: outside every release folder, so nginx never serves
   it (a file inside the site, e.g. site/_deploy/, would be public unless denied in the config).
4. The switch: ``DEST`` is a symbolic link to the release. A new link is made under a temporary
   name and renamed over ``DEST`` with ``os.replace``. rename(2) replaces a name atomically on
   POSIX, so at every moment ``DEST`` is either the old complete site or the new complete site:
   never missing, never half-copied. nginx's ``root`` is ``DEST`` itself; it resolves the link
   on each request, so the new release is live at once, without a reload. ``DEST.nginx.conf`` is
   switched the same way, to the new release's configuration.

Why a symlink and not ``os.rename(new, DEST)`` with the old one kept as ``DEST.previous``: a
directory cannot be renamed over a non-empty directory, so that swap needs two renames
(DEST → DEST.previous, new → DEST) with a moment in between where DEST does not exist and nginx
answers 404. Replacing a symlink is a single rename. The releases stay on disk (the newest
``--keep``, default 5), so a rollback is the same one-step switch back to the previous folder.

A failure at any step exits with status 1 and a message in Chinese, removes what this run
created and leaves DEST, DEST.nginx.conf and the other releases exactly as they were.

The CSP in a release's nginx configuration allows the inline scripts of that release and of the
release that was live when it was published, so the new configuration fits both the old and the
new site. nginx reads its configuration only when (re)loaded. Most releases keep the same inline
scripts and the same policy: nothing to do. When the policy changes, the script says so; until
nginx is reloaded, inline scripts that are new in this release are blocked by the old policy.
``--reload-command 'nginx -s reload'`` avoids that window: the reload runs before the switch
(the new configuration already fits the live site), and if it fails nothing is switched. Rolling
back one step needs no reload, since the running configuration also allows the previous release.

Only the standard library and ``hooks/showcase/csp.py`` are needed, so ``--rollback`` works with
any Python 3.11; building needs the project's virtual environment (mkdocs).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import posixpath
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "hooks"))
from showcase.csp import content_security_policy, scan_site  # noqa: E402
from strict_build import run_build  # noqa: E402

TEMPLATE = REPO / "deploy" / "nginx.conf.template"
# SOURCE_DATE_EPOCH outside git: 2023-12-27 00:00 Beijing time, the date of the court's report.
FALLBACK_EPOCH = 1703606400
KEEP = 5


class PublishError(Exception):
    """A reason to stop, in Chinese, for the media team."""


def say(message: str) -> None:
    print(message, flush=True)  # flushed, so that progress and errors (stderr) arrive in order


# ---------------------------------------------------------------------------------------------
# Reproducible builds


def source_date_epoch(project: Path) -> str:
    """``SOURCE_DATE_EPOCH`` from the environment, else the last commit's time, else a fixed date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(
            ["git", "-C", str(project), "log", "-1", "--format=%ct"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return str(FALLBACK_EPOCH)
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else str(FALLBACK_EPOCH)


def build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``, reproducibly."""
    return run_build(project, site_dir, env={"SOURCE_DATE_EPOCH": source_date_epoch(project)}, timeout=None)


# MkDocs' own warnings that editors meet most, in Chinese (the original line stays above it).
_MKDOCS_WARNINGS = [
    (
        re.compile(
            r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']+)', but the target is not found"
        ),
        "    ↳ docs/{doc} 里的链接 {link} 找不到对应的页面或文件。",
    ),
    (
        re.compile(
            r"Doc file '(?P<doc>[^']+)' contains a link '(?P<link>[^']+)', but the doc '(?P<target>[^']+)' "
            r"does not contain an anchor '(?P<anchor>[^']+)'"
        ),
        "    ↳ docs/{doc} 里的链接 {link}：页面 {target} 里没有锚点 {anchor}。",
    ),
]


def build_messages(stderr: str) -> str:
    """MkDocs' output without the progress lines: the warnings and errors that stopped the build."""
    noise = re.compile(r"^(INFO|DEBUG)\b|^(Building prefix dict|Loading model|Prefix dict|Dumping model)")
    lines = []
    for line in stderr.splitlines():
        if not line.strip() or noise.match(line):
            continue
        lines.append(line)
        for pattern, chinese in _MKDOCS_WARNINGS:
            match = pattern.search(line)
            if match:
                lines.append(chinese.format(**match.groupdict()))
    return "\n".join(lines)


def source_hint(project: Path, page: str) -> str:
    """Which file under docs/ a built page comes from, if it is a hand-written one."""
    stem = page.removesuffix("index.html").rstrip("/")
    for candidate in [f"{stem}.md", f"{stem}/index.md"] if stem else ["index.md"]:
        if (project / "docs" / candidate).is_file():
            return f"（来自 docs/{candidate}）"
    return "（由 data/ 里的资料生成）" if not stem.startswith("news/") else ""


def tree_digest(site_dir: Path) -> str:
    """SHA-256 over every file's path and bytes, in a fixed order: the release's content id."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# Link check


# Attributes that name another resource. href on any element covers <a>, <link>, <area> and
# SVG's <a>/<use>/<image>; <object data> is the one element-specific case.
_URL_ATTRIBUTES = {"src", "href", "xlink:href", "poster"}
_SRCSET = {"srcset", "imagesrcset"}


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif (name in _URL_ATTRIBUTES and tag != "base") or (name == "data" and tag == "object"):
                self.urls.append((self.getpos()[0], value))
            elif name in _SRCSET:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((self.getpos()[0], candidate.split()[0]))

    handle_startendtag = handle_starttag


def _parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def site_base_path(site_dir: Path) -> str:
    """The URL path the site lives under ("/" or e.g. "/fayao/"), from the home page's sitemap entry.

    MkDocs writes root-relative URLs only in 404.html, which must work at any depth; they start
    with this path.
    """
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        locs = re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
        if locs:
            path = urlsplit(min(locs, key=len).strip()).path or "/"
            return path if path.endswith("/") else path + "/"
    return "/"


def check_links(site_dir: Path, base_path: str | None = None) -> list[str]:
    """Every internal link and anchor of the built site that leads nowhere, as Chinese messages.

    External URLs (anything with a scheme or host: http(s), mailto, tel, data…) are not checked.
    Paths are percent-decoded; a URL naming a folder means that folder's index.html; a fragment
    must be an ``id`` (or ``<a name>``) on the target page.
    """
    site_dir = Path(site_dir)
    base = base_path if base_path is not None else site_base_path(site_dir)
    pages = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}
    parsed: dict[str, _PageParser] = {}

    def page_info(rel: str) -> _PageParser:
        if rel not in parsed:
            parsed[rel] = _parse(site_dir / rel)
        return parsed[rel]

    problems = []
    for rel in pages:
        for line, url in page_info(rel).urls:
            message = _check_one(site_dir, base, rel, url.strip(), page_info)
            if message:
                problems.append(f"{rel} 第 {line} 行：链接 {url} {message}")
    return problems


def _check_one(site_dir: Path, base: str, page: str, url: str, page_info) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None  # external (http, https, mailto, tel, data…); javascript: is refused by the CSP check
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        target = page
    else:
        if path.startswith("/"):
            if not path.startswith(base) and path + "/" != base:
                return f"在网站所在的路径 {base} 之外"
            resolved = posixpath.normpath("/" + path[len(base) :])
        else:
            resolved = posixpath.normpath(posixpath.join("/" + posixpath.dirname(page), path))
        target = resolved.lstrip("/")
        file = site_dir / target if target else site_dir
        if path.endswith("/") or file.is_dir():
            target = posixpath.join(target, "index.html") if target else "index.html"
        if not (site_dir / target).is_file():
            return f"指向的 {target} 不存在"
    if fragment and target.endswith(".html") and not _fragment_ok(fragment, page_info(target).ids):
        return f"的锚点 #{fragment} 在 {target} 里不存在"
    return None


def _fragment_ok(fragment: str, ids: set[str]) -> bool:
    # "#top" scrolls to the top of any page; "#:~:text=…" is a text fragment, not an id.
    return fragment in ids or fragment.lower() == "top" or fragment.startswith(":~:")


# ---------------------------------------------------------------------------------------------
# nginx configuration


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


# ---------------------------------------------------------------------------------------------
# Releases and the atomic switch


@dataclass(frozen=True)
class Layout:
    dest: Path  # the symlink nginx serves

    @property
    def releases(self) -> Path:
        return self.dest.with_name(self.dest.name + ".releases")

    @property
    def nginx_conf(self) -> Path:
        return self.dest.with_name(self.dest.name + ".nginx.conf")

    def release_conf(self, release: str) -> Path:
        return self.releases / f"{release}.nginx.conf"

    def link_target(self, release: str) -> str:
        # Relative, so that the whole parent folder can be moved or mounted elsewhere.
        return f"{self.releases.name}/{release}"

    def current(self) -> str | None:
        """The live release's name, or None if DEST is missing or not one of our links."""
        if not self.dest.is_symlink():
            return None
        target = Path(os.readlink(self.dest))
        return target.name if target.parent.name == self.releases.name else None

    def all_releases(self) -> list[str]:
        """Release names, oldest first (names start with their UTC time)."""
        if not self.releases.is_dir():
            return []
        return sorted(p.name for p in self.releases.iterdir() if p.is_dir() and not p.name.startswith("."))


def point(link: Path, target: str) -> None:
    """Make ``link`` a symlink to ``target`` in one atomic rename (the old link stays until then)."""
    temporary = link.with_name(f".{link.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    os.symlink(target, temporary)
    try:
        os.replace(temporary, link)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_dir(link.parent)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def locked(layout: Layout):
    """One publish or rollback at a time per DEST."""
    layout.releases.mkdir(parents=True, exist_ok=True)
    with open(layout.releases / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(
                f"另一个发布或回滚正在进行（{layout.releases / '.lock'}），请等它结束后再试。"
            ) from None
        yield


def new_release_name(layout: Layout, digest: str) -> str:
    """``<UTC time to the microsecond>-<content hash>``: names sort in the order of publishing."""
    while True:
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")
        name = f"{stamp}-{digest[:12]}"
        if not (layout.releases / name).exists():
            return name


def csp_line(conf: Path) -> str | None:
    if not conf.is_file():
        return None
    match = re.search(r'add_header Content-Security-Policy "([^"]*)"', conf.read_text(encoding="utf-8"))
    return match.group(1) if match else None


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
    # Imported here, not at the top: it needs PyYAML, and --rollback must run with a bare Python.
    from showcase.address import MISSING_MESSAGE, configured_address

    address = configured_address(project)
    if not address:
        raise PublishError(MISSING_MESSAGE)
    say(f"网站网址：{address}")
    with locked(layout):
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=layout.releases))
        os.chmod(building, 0o755)  # mkdtemp makes it private; nginx's workers must read it
        try:
            say(f"第 1 步：生成网站（mkdocs build --strict）到临时文件夹 {building} ……")
            result = build(project, building)
            if result.returncode != 0:
                raise PublishError(
                    "网站生成失败，没有发布；已发布的网站没有任何改动。\n"
                    + (build_messages(result.stderr) or result.stderr)
                )
            say("第 2 步：检查站内链接、锚点和内联脚本 ……")
            problems = check_links(building)
            if problems:
                raise PublishError(
                    f"发现 {len(problems)} 处失效的站内链接或锚点，没有发布；已发布的网站没有任何改动。\n"
                    + "\n".join(f"  {p}{source_hint(project, p.split(' ', 1)[0])}" for p in problems)
                )
            inline = scan_site(building)
            if inline.problems:
                raise PublishError(
                    "页面里有内容安全策略（CSP）不允许的内联脚本，没有发布；已发布的网站没有任何改动。\n"
                    + "\n".join(
                        f"  {page}：{what}，请改为放在 docs/javascripts/ 的脚本文件里"
                        for page, what in inline.problems
                    )
                )
            release = new_release_name(layout, tree_digest(building))
            previous = layout.current()
            live = dest.resolve() if dest.is_dir() else None
            policy = content_security_policy([inline] + ([scan_site(live)] if live else []))
            os.rename(building, layout.releases / release)
        except BaseException:
            shutil.rmtree(building, ignore_errors=True)
            raise
        try:
            conf = layout.release_conf(release)
            conf.write_text(
                render_nginx_conf(policy, root=dest, listen=listen, server_name=server_name, release=release),
                encoding="utf-8",
            )
            old_conf_target = os.readlink(layout.nginx_conf) if layout.nginx_conf.is_symlink() else None
            running = csp_line(layout.nginx_conf)
            changed = running != policy
            say(f"第 3 步：写出 nginx 配置 {layout.nginx_conf} → {conf.name}")
            point(layout.nginx_conf, f"{layout.releases.name}/{conf.name}")
            if reload_command and changed:
                say(f"内容安全策略有变化，重新加载 nginx：{reload_command}")
                reloaded = subprocess.run(shlex.split(reload_command), capture_output=True, text=True)
                if reloaded.returncode != 0:
                    if old_conf_target:
                        point(layout.nginx_conf, old_conf_target)
                    else:
                        layout.nginx_conf.unlink()
                    raise PublishError(
                        "重新加载 nginx 失败，没有切换；已发布的网站没有任何改动。\n"
                        + (reloaded.stderr or reloaded.stdout)
                    )
        except BaseException:
            shutil.rmtree(layout.releases / release, ignore_errors=True)
            layout.release_conf(release).unlink(missing_ok=True)
            raise
        if dest.is_dir() and not dest.is_symlink():
            # First publish over a folder made by hand: keep it as a release, then link.
            made = min(dest.stat().st_mtime, dt.datetime.now().timestamp() - 1)  # sorts before the new one
            imported = dt.datetime.fromtimestamp(made, dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ-imported")
            os.rename(dest, layout.releases / imported)
            previous = imported
        say(f"第 4 步：切换 {dest} → {layout.link_target(release)}")
        point(dest, layout.link_target(release))
        prune(layout, keep=keep, protect={release, previous})
        say(f"发布完成：{dest} 现在是版本 {release}。")
        if previous:
            tool = Path(__file__).resolve()
            say(f"上一版本 {previous} 已保留；回滚只需一条命令：python3 {tool} --dest {dest} --rollback")
        if running is None:
            say(f"首次发布：请在 nginx 的 http {{}} 里加入 include {layout.nginx_conf}; 然后重新加载 nginx。")
        elif changed and not reload_command:
            say(
                f"注意：内容安全策略与上次不同，请马上重新加载 nginx（例如 nginx -t && nginx -s reload），"
                f"让 {layout.nginx_conf} 生效。重新加载之前，本版新增的内联脚本会被浏览器拦截；"
                "下次可加 --reload-command 'nginx -s reload'，在切换之前自动重新加载。"
            )
        return release


def prune(layout: Layout, *, keep: int, protect: set[str | None]) -> None:
    """Delete all but the newest ``keep`` releases (never the live one or the one before it)."""
    names = layout.all_releases()
    for name in names[: max(0, len(names) - keep)]:
        if name not in protect:
            shutil.rmtree(layout.releases / name, ignore_errors=True)
            layout.release_conf(name).unlink(missing_ok=True)


def rollback(dest: Path, *, say=say) -> str:
    """Switch DEST back to the release before the live one; returns its name."""
    layout = Layout(dest)
    current = layout.current()
    if current is None:
        raise PublishError(
            f"{dest} 不是由本工具发布的（不是指向 {layout.releases.name}/ 的链接），无法回滚。"
        )
    with locked(layout):
        older = [name for name in layout.all_releases() if name < current]
        if not older:
            raise PublishError(f"{layout.releases} 里没有比 {current} 更早的版本，无法回滚。")
        target = older[-1]
        point(dest, layout.link_target(target))
        conf = layout.release_conf(target)
        if conf.is_file():
            point(layout.nginx_conf, f"{layout.releases.name}/{conf.name}")
        say(f"已回滚：{dest} 现在是版本 {target}（原版本 {current} 仍保留）。")
        return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--dest", type=Path, required=True, help="发布位置（nginx 的 root），例如 /srv/www/fayao"
    )
    parser.add_argument("--project", type=Path, default=REPO, help="要发布的项目文件夹（默认：本仓库）")
    parser.add_argument("--rollback", action="store_true", help="切换回上一个版本，不重新生成")
    parser.add_argument("--keep", type=int, default=KEEP, help=f"保留最近几个版本（默认 {KEEP}）")
    parser.add_argument("--listen", default="80", help="nginx 配置里的 listen（默认 80）")
    parser.add_argument("--server-name", default="_", help="nginx 配置里的 server_name（默认 _）")
    parser.add_argument("--reload-command", help="内容安全策略变化时、切换之前运行，例如 'nginx -s reload'")
    args = parser.parse_args(argv)
    dest = Path(os.path.abspath(args.dest))  # absolute, but the link itself: not resolved
    try:
        if args.rollback:
            rollback(dest)
        else:
            publish(
                args.project.resolve(),
                dest,
                keep=max(args.keep, 2),
                listen=args.listen,
                server_name=args.server_name,
                reload_command=args.reload_command,
            )
    except PublishError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
