"""Results remembered between builds under ``.cache/showcase/``, by a key that names all their inputs.

A caller makes the key (the input itself, or a digest of everything the result depends on) and
stores a picklable result; a result is only ever handed back for the same key and version.
Entries not used in a build drop out when it saves, so the file holds the last build's results
and no more. The parse cache, jieba's segments and the Markdown renders all keep theirs here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from importlib.metadata import version
from pathlib import Path

from showcase.content.cache_files import read_versioned, write_atomically


def digest(*parts: str | bytes) -> str:
    """A key from ``parts``; a part's length goes in too, so that no two lists of parts share one."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def package_versions(*names: str) -> str:
    """"mkdocs 1.6.1 markdown 3.7": for a cache version, when results depend on what these packages do."""
    return " ".join(f"{name} {version(name)}" for name in names)


class KeyedCache:
    """Results by key, read from and saved to ``folder/name`` (no folder: within this process only)."""

    def __init__(self, folder: Path | None, name: str, version: str) -> None:
        self.folder, self.name, self.version = folder, name, version
        self.hits = self.misses = 0
        self._stored: dict[Hashable, object] = read_versioned(folder, name, version, "entries") if folder else {}
        self._used: dict[Hashable, object] = {}

    def get(self, key: Hashable):
        value = self._used.get(key)
        if value is None:
            value = self._stored.get(key)
            if value is not None:
                self._used[key] = value
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def put(self, key: Hashable, value: object) -> None:
        self._used[key] = value

    def save(self) -> None:
        """Keep what this build used. Best effort: a read-only checkout still builds."""
        if self.folder is None or not self._used or self._used.keys() == self._stored.keys():
            return
        write_atomically(self.folder, self.name, {"version": self.version, "entries": self._used})
