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
