"""Parsed YAML remembered between builds, by file content: a build parses only the files that changed.

Parsing is most of the core's time once there are thousands of data files (about half a second at
11,000 files). The cache is keyed by a hash of each file's bytes, so an edited file can never be
served stale, and by the reader's own source, so a change to the reading rules empties it. Files
that fail to parse are never cached: their errors are worked out afresh every time. Only the
preview uses it; a release reads no cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from showcase.content import yaml_errors, yaml_reader
from showcase.content.yaml_reader import Note, YamlDocument, parse_bytes

# Beside Material's own plugin caches, in the project's git-ignored .cache/ folder.
CACHE_FOLDER = Path(".cache", "showcase")
CACHE_FILE = "parsed-yaml.pickle"

_Entry = tuple[Any, list[Note]]  # the document's data and the reader's warnings


def _reader_version() -> str:
    """Everything a parse depends on besides the bytes: the reader's code and the YAML library."""
    source = b"".join(Path(module.__file__).read_bytes() for module in (yaml_reader, yaml_errors))
    return f"{sys.version_info[:2]} {yaml.__version__} {hashlib.blake2b(source, digest_size=16).hexdigest()}"


class ParseCache:
    """Parsed documents by content hash, kept in ``folder``; with no folder it remembers nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.version = _reader_version()
        self._stored: dict[bytes, _Entry] = self._read() if folder else {}
        self._used: dict[bytes, _Entry] = {}

    def parse(self, raw: bytes) -> tuple[YamlDocument, list[Note]]:
        """Like ``parse_bytes``, but from the cache when these exact bytes were parsed before."""
        key = hashlib.blake2b(raw, digest_size=16).digest()
        entry = self._used.get(key) or self._stored.get(key)
        if entry is None:
            document, notes = parse_bytes(raw)  # a YamlProblem propagates, uncached
            self._used[key] = (document.data, notes)
            return document, notes
        self._used[key] = entry
        data, notes = entry
        # Lines are kept out of the cache (they would double it); the document finds them if a problem needs one.
        return YamlDocument(data, source=raw), list(notes)

    def save(self) -> None:
        """Keep the documents parsed or used in this run (so deleted files drop out). Best effort: a
        read-only checkout still builds, only without the cache."""
        if self.folder is None or not self._used or self._used.keys() == self._stored.keys():
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Written beside the target and renamed over it, so that a concurrent build never reads half a file.
            with tempfile.NamedTemporaryFile(dir=self.folder, suffix=".tmp", delete=False) as handle:
                pickle.dump({"version": self.version, "entries": self._used}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, self.folder / CACHE_FILE)
        except OSError:
            pass

    def _read(self) -> dict[bytes, _Entry]:
        """The stored entries; empty when there are none yet, or the file is truncated, foreign or of
        another version (everything is then parsed again)."""
        try:
            with open(self.folder / CACHE_FILE, "rb") as handle:
                stored = pickle.load(handle)
        except Exception:
            return {}
        if not isinstance(stored, dict) or stored.get("version") != self.version:
            return {}
        entries = stored.get("entries")
        return entries if isinstance(entries, dict) else {}
