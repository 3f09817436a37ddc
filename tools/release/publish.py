"""Publish the site safely: build, check, then switch the live folder over in one step.

    python -m tools.release.publish --dest /srv/www/fayao            # make publish DEST=/srv/www/fayao
    python -m tools.release.publish --dest /srv/www/fayao --rollback  # back to the previous release

Steps, each of which must succeed before the next one starts:

1. ``python -m showcase build`` (strict) into a new, hidden folder inside ``DEST.releases/`` (same file
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

The steps live in the ``deploy`` package beside this file: ``deploy/publish.py`` (the steps),
``links.py`` (the link check), ``nginx.py`` and ``csp.py`` (the configuration and its policy) and
``releases.py`` (the releases, the switch and the rollback). Only the standard library is needed,
so ``--rollback`` works with any Python 3.11; building needs the project's virtual environment.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tools.release.deploy.errors import PublishError
from tools.release.deploy.publish import publish
from tools.release.deploy.releases import KEEP, rollback
from tools.harness import REPO


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
