"""``make package``: the checked project in one dated zip, for the court's IT staff to publish.

The zip holds what the site is made from (data, news, pages, code), not the finished pages:
on the server the IT staff unpack it and run ``make publish``, which builds the site again,
checks every link and switches the live site over in one step (tools/release/publish.py). A zip is made
only when the public site builds with every check, so what the IT staff get is known to publish.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from showcase.engines.pipeline import build

# Outside git (a copy without history): everything the build and `make publish` read.
PROJECT_PARTS = (
    "Makefile", "README.md", "mkdocs.yml", "pyproject.toml", "requirements.txt", "requirements-test.txt",
    "constraints.txt", "data", "docs", "hooks", "overrides", "schemas", "tools", "deploy",
)


def package_name(day: dt.date) -> str:
    return f"fayao-site-{day.isoformat()}"


def project_files(project: Path) -> list[Path]:
    """The project's files as git sees them (tracked, and new files not ignored), or PROJECT_PARTS."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=project, capture_output=True, check=True,
        ).stdout.decode("utf-8").split("\0")
        files = [project / name for name in listed if name]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for part in PROJECT_PARTS:
            path = project / part
            files += [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    # Outside git, the editable install's metadata (hooks/*.egg-info) is no part of the project either.
    return sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts
                  and not any(part.endswith(".egg-info") for part in p.parts))


def package(project: Path, out: Path, today: dt.date | None = None) -> int:
    """Build the public site with every check; then zip the project as ``out/fayao-site-YYYY-MM-DD.zip``."""
    with tempfile.TemporaryDirectory(prefix="showcase-package-") as folder:
        if build(project, Path(folder) / "site") != 0:  # the release build, as make build and make publish
            print("没有打包：网站没有生成，请先按上面的提示改好。", file=sys.stderr)
            return 1
    name = package_name(today or dt.date.today())
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}.zip"
    files = [path for path in project_files(project) if not path.name.startswith("fayao-site-")]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, f"{name}/{path.relative_to(project).as_posix()}")
    shown = os.path.relpath(target, project)
    print(f"已打包 {Path(shown).as_posix()}（{len(files)} 个文件，网站已检查通过）。请把它交给信息技术人员发布。")
    return 0
