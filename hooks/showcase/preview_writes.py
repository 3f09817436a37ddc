"""The preview's rebuilds write only the files whose bytes changed.

``mkdocs serve`` empties its folder and writes the whole site again on every save: at 1,000 news
posts that is about 90 MB a save, and the disk's write-back then slows each rebuild more than the
last (measured: the writes took 0.7 s, then 1.2 s, then 2.0 s). Most of those bytes are the same
as before. ``unchanged_files_kept(site_dir)`` wraps one build: the folder is not emptied, a file
whose new bytes equal the ones already there is left as it is, and after the build the files that
this build did not produce are removed. The folder then holds what a clean build writes.

A file counts as produced when it went through MkDocs' ``write_file`` or ``copy_file`` (pages,
the theme, the search index) or was written in any other way during the build (its size or time
changed), as the hooks' feed and Material's plugins do. MkDocs-specific, for ``python -m showcase
serve`` only: a build for publishing still starts from an empty folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from mkdocs import utils


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file under ``folder``, by its path, with its size and modification time."""
    found = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with contextlib.suppress(FileNotFoundError):
                status = os.stat(path)
                found[path] = (status.st_size, status.st_mtime_ns)
    return found


def _same_bytes(path: str, content: bytes) -> bool:
    try:
        if os.path.getsize(path) != len(content):
            return False
        with open(path, "rb") as existing:
            return existing.read() == content
    except OSError:
        return False


@contextlib.contextmanager
def unchanged_files_kept(site_dir: Path) -> Iterator[None]:
    """During the block (one MkDocs build into ``site_dir``), keep the files it would write unchanged."""
    folder = os.path.abspath(site_dir)
    before = _snapshot(Path(folder))
    kept: set[str] = set()  # files this build produced with the bytes they already had
    written: set[str] = set()  # and those it wrote
    originals = utils.clean_directory, utils.write_file, utils.copy_file

    def clean_directory(directory: str) -> None:
        if os.path.abspath(directory) != folder:
            originals[0](directory)
        # The site's own folder: what this build does not produce is removed after it.

    def write_file(content: bytes, output_path: str) -> None:
        path = os.path.abspath(output_path)
        if path in before and _same_bytes(path, content):
            kept.add(path)
            return
        written.add(path)
        originals[1](content, output_path)

    def copy_file(source_path: str, output_path: str) -> None:
        path = os.path.abspath(output_path)
        if os.path.isdir(path):
            path = os.path.join(path, os.path.basename(source_path))
        if path in before:
            with contextlib.suppress(OSError), open(source_path, "rb") as source:
                if _same_bytes(path, source.read()):
                    kept.add(path)
                    return
        written.add(path)
        originals[2](source_path, output_path)

    utils.clean_directory, utils.write_file, utils.copy_file = clean_directory, write_file, copy_file
    try:
        yield
    finally:
        utils.clean_directory, utils.write_file, utils.copy_file = originals
    for path in before.keys() - kept - written:
        with contextlib.suppress(FileNotFoundError):
            status = os.stat(path)
            if (status.st_size, status.st_mtime_ns) == before[path]:  # not rewritten in another way either
                os.remove(path)
                _remove_empty_folders(os.path.dirname(path), folder)


def _remove_empty_folders(path: str, folder: str) -> None:
    """``path`` and the folders above it, up to ``folder``, while they are empty."""
    while path != folder and path.startswith(folder):
        try:
            os.rmdir(path)
        except OSError:  # not empty
            return
        path = os.path.dirname(path)
