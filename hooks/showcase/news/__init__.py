"""The news, owned by the core: posts and their front matter, their photos, links and images,
the lists at their addresses, and the Atom feed.

Where the news lives under docs/ is said once, here, for the checks, the news pages, the
settings and the form editor alike: none of them imports another for a folder name.
"""

from pathlib import Path

POSTS_FOLDER = Path("news", "posts")
AUTHORS_FILE = Path("news", ".authors.yml")
