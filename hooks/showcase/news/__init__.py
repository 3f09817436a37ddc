"""The news, owned by the core: posts and their front matter, photos, links, lists and feed.

Where the news lives under docs/, and who is registered to write it, is said here once, so that the
checks, the news pages, the settings and the form editor need not import one another for it.
"""

import re
from pathlib import Path

import yaml

POSTS_FOLDER = Path("news", "posts")
AUTHORS_FILE = Path("news", ".authors.yml")
# Material's rule: a post's front matter is the block between its first two lines of three dashes.
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.S)


def registered_authors(docs_dir: Path) -> dict[str, str] | None:
    """The authors of docs/news/.authors.yml, key → the name shown; None when there is no file to read
    (a broken one is reported by the post check, which then names no author as unknown)."""
    try:
        data = yaml.safe_load((docs_dir / AUTHORS_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    authors = data.get("authors") if isinstance(data, dict) else None
    if not isinstance(authors, dict):
        return {}
    return {str(key): str((info.get("name") if isinstance(info, dict) else None) or key) for key, info in authors.items()}
