"""Releases side by side under ``DEST.releases/``, and the one-rename switch of ``DEST`` between them."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .errors import PublishError, say

KEEP = 5



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




def tree_digest(site_dir: Path) -> str:
    """SHA-256 over every file's path and bytes, in a fixed order: the release's content id."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(site_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def adopt_hand_made(layout: Layout) -> str:
    """First publish over a folder made by hand: keep that folder as the oldest release; its name."""
    made = min(layout.dest.stat().st_mtime, dt.datetime.now().timestamp() - 1)  # sorts before the new one
    imported = dt.datetime.fromtimestamp(made, dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ-imported")
    os.rename(layout.dest, layout.releases / imported)
    return imported


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

