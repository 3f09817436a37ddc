"""Writing a cache file under ``.cache/showcase/`` so that a concurrent build never reads half of it."""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path


def write_atomically(folder: Path, name: str, payload: object) -> None:
    """Pickle ``payload`` beside ``folder/name`` and rename it over the target. Best effort: a
    read-only checkout still builds, only without the cache."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix=".tmp", delete=False) as handle:
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / name)
    except OSError:
        pass


def read_versioned(folder: Path, name: str, version: object, key: str) -> dict:
    """The ``key`` entry of a cache file written for ``version``; empty when there is none yet, or it
    is truncated, foreign or of another version (everything is then worked out again)."""
    try:
        with open(folder / name, "rb") as handle:
            stored = pickle.load(handle)
    except Exception:
        return {}
    if not isinstance(stored, dict) or stored.get("version") != version:
        return {}
    entries = stored.get(key)
    return entries if isinstance(entries, dict) else {}
